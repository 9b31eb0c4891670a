"""The main menu: one list of entries, each shown to the roles ``accounts.policy`` lets in.

To add a page to the menu, add an ``Entry`` here (not in ``base.html``). ``current`` marks the
entry whose address is the longest prefix of the page's address, so ``/saker/<id>/`` marks
"Saker" and ``/saker/ny-melding/`` marks "Ny melding"; the template sets
``aria-current="page"`` on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from barnevern.accounts import policy
from barnevern.accounts.models import Role


@dataclass(frozen=True, slots=True)
class Entry:
    url_name: str
    label: Any
    allowed: Callable[[Any], bool | policy.Check]


def _always(user: Any) -> bool:
    return True


def _reports(user: Any) -> bool:
    """The leder's reports, and the public editions a municipality may read."""
    return bool(policy.has_role(user, frozenset({Role.LEDER, Role.KOMMUNE})))


ENTRIES: tuple[Entry, ...] = (
    Entry("web:leader", _("Leder"), policy.is_leder),
    Entry("web:overview", _("Oversikt"), _always),
    Entry("quality:index", _("Frister"), policy.can_see_cases),
    Entry("cases:list", _("Saker"), policy.can_see_cases),
    Entry("cases:new_melding", _("Ny melding"), policy.can_see_cases),
    Entry("intake:index", _("Digitale meldinger"), policy.can_see_cases),
    Entry("fosterhjem:index", _("Fosterhjem"), policy.can_see_foster_homes),
    Entry("stats:index", _("Statistikk"), policy.can_see_statistics),
    Entry("economy:index", _("Økonomi"), policy.can_see_economy),
    Entry("staff:index", _("Ansatte"), policy.is_leder),
    Entry("economy:settlements", _("Oppgjør"), policy.sees_own_settlements_only),
    Entry("reports:index", _("Rapport"), _reports),
    Entry("accounts:break_glass_review", _("Nødtilganger"), policy.is_leder),
)


@dataclass(frozen=True, slots=True)
class Item:
    url: str
    label: Any
    current: bool


def items(user: Any, path: str) -> list[Item]:
    """The entries ``user`` may use, with the one matching ``path`` marked as current."""
    shown: list[tuple[str, Any]] = []
    for entry in ENTRIES:
        if not entry.allowed(user):
            continue
        try:
            shown.append((reverse(entry.url_name), entry.label))
        except NoReverseMatch:  # an area not installed in this build
            continue
    matching = [url for url, _label in shown if url != "/" and path.startswith(url)]
    best = max(matching, key=len, default=None)
    return [Item(url, label, url == best) for url, label in shown]


def context(request: Any) -> dict[str, object]:
    """Template context processor: ``menu`` for ``base.html``."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"menu": items(user, request.path)}
