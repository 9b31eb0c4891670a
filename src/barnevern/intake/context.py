"""Warnings about digital reports on the start page (the worklist) and the overview."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

START_VIEWS = {"quality:worklist", "quality:index", "web:overview"}


def varsler(request: HttpRequest) -> dict[str, Any]:
    from barnevern.accounts import policy

    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    if user is None or match is None or match.view_name not in START_VIEWS or not policy.can_see_cases(user):
        return {}
    from barnevern.intake.models import Mottak
    from barnevern.intake.reconcile import warnings_for

    out = warnings_for(user.tjeneste) if policy.is_leder(user) else []
    other = Mottak.objects.filter(
        tjeneste_id=user.tjeneste_id, egen_kommune=False, status=Mottak.Status.MOTTATT
    ).count()
    if other:
        out.append(f"{other} digitale bekymringsmeldinger gjelder en annen kommune og kan videresendes.")
    return {"fiks_varsler": out}
