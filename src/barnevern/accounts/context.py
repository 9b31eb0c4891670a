"""Template context: what the navigation may show the current user."""

from __future__ import annotations

from django.http import HttpRequest

from barnevern.accounts import policy


def roles(request: HttpRequest) -> dict[str, bool]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "can_see_cases": bool(policy.can_see_cases(user)),
        "can_see_economy": bool(policy.can_see_economy(user)),
        "can_see_statistics": bool(policy.can_see_statistics(user)),
        "is_leder": bool(policy.is_leder(user)),
    }
