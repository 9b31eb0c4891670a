"""The one access policy. Every view, export and command asks here.

Need-to-know: a Leder sees every case of the service; a Saksbehandler sees the cases
assigned to them and meldinger not yet assigned to anyone; Økonomi and Kommune see no
case data. Functions raise ``PermissionDenied`` (``require_*``), answer yes or no, or give
the filter that scopes every case list (``case_filter``, applied by
``cases.queries.visible_saker``). ``accounts`` sits below ``cases``: a case is read here
only through the attributes of ``CaseRef``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from barnevern.accounts.models import BreakGlass, Role

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.organisation.models import Kommune, Tjeneste


class CaseRef(Protocol):
    """What the policy reads of a case (``cases.models.Sak``)."""

    pk: uuid.UUID
    tjeneste_id: int
    saksbehandler_id: int | None


CASE_ROLES = frozenset({Role.LEDER, Role.SAKSBEHANDLER})
ECONOMY_ROLES = frozenset({Role.LEDER, Role.OKONOMI})
STAFF_ROLES = frozenset({Role.LEDER})
STATS_ROLES = frozenset({Role.LEDER, Role.SAKSBEHANDLER, Role.KOMMUNE})
EXACT_FIGURE_ROLES = frozenset({Role.LEDER, Role.SAKSBEHANDLER})


@dataclass(frozen=True, slots=True)
class Check:
    """The answer to "may this user ...?": true or false, and which roles would be allowed.

    Behaves as a bool (``if policy.can_see_cases(user):``); ``require`` passes ``roles`` on to
    the 403 page, which tells the user which role the page needs.
    """

    allowed: bool
    roles: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return self.allowed

    def __eq__(self, other: object) -> bool:
        if isinstance(other, bool):  # ``policy.is_leder(user) == True`` keeps working
            return self.allowed == other
        if isinstance(other, Check):
            return (self.allowed, self.roles) == (other.allowed, other.roles)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.allowed, self.roles))


class Denied(PermissionDenied):
    """A refusal with the roles that would have been let in (empty: not a question of role)."""

    def __init__(self, message: str, roles: frozenset[str] = frozenset()) -> None:
        super().__init__(message)
        self.message = message
        self.roles = roles


def role_names(roles: frozenset[str]) -> list[str]:
    """Display names of ``roles`` in the order of ``Role`` (Leder, Saksbehandler, Økonomi, Kommune)."""
    return [str(label) for value, label in Role.choices if value in roles]


def _active(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.tjeneste_id)


def has_role(user: User, roles: frozenset[str]) -> Check:
    return Check(_active(user) and user.rolle in roles, frozenset(roles))


def can_see_cases(user: User) -> Check:
    return has_role(user, CASE_ROLES)


def can_see_economy(user: User) -> Check:
    return has_role(user, ECONOMY_ROLES)


def can_see_foster_homes(user: User) -> Check:
    """Foster-home pages: the leder (every home of the service) and case workers (the homes of
    children whose cases they may open, ``fosterhjem.queries.visible_homes``)."""
    return has_role(user, CASE_ROLES)


def can_manage_foster_homes(user: User) -> Check:
    """Registering homes, their status, training and checks: the leder."""
    return is_leder(user)


def can_see_foster_costs(user: User) -> Check:
    """Foster-home costs per home and month, without case content: Leder and Økonomi."""
    return has_role(user, ECONOMY_ROLES)


def can_manage_staff(user: User) -> Check:
    return has_role(user, STAFF_ROLES)


def can_see_statistics(user: User) -> Check:
    return has_role(user, STATS_ROLES)


def sees_exact_figures(user: User) -> Check:
    """Exact (unsuppressed) statistics are for the service's own staff only."""
    return has_role(user, EXACT_FIGURE_ROLES)


def is_leder(user: User) -> Check:
    return has_role(user, frozenset({Role.LEDER}))


def case_filter(user: User) -> Q | None:
    """The cases the user may open, as a filter on ``Sak`` (None: no case at all).

    The one scoping every case list, page and export uses, through
    ``cases.queries.visible_saker``.
    """
    if not can_see_cases(user):
        return None
    scope = Q(tjeneste_id=user.tjeneste_id, er_slettet=False)
    if user.rolle == Role.LEDER:
        return scope
    return scope & (Q(saksbehandler=user) | Q(saksbehandler__isnull=True))


def can_open_sak(user: User, sak: CaseRef) -> bool:
    if not can_see_cases(user) or sak.tjeneste_id != user.tjeneste_id:
        return False
    if user.rolle == Role.LEDER:
        return True
    return sak.saksbehandler_id in (None, user.pk) or has_break_glass(user, sak)


def has_break_glass(user: User, sak: CaseRef) -> bool:
    return BreakGlass.objects.filter(user=user, sak_id=sak.pk, expires__gt=timezone.now()).exists()


def can_request_break_glass(user: User, sak: CaseRef) -> Check | bool:
    """A case worker of the same service may ask for need-to-know access with a reason."""
    return can_see_cases(user) and sak.tjeneste_id == user.tjeneste_id and not can_open_sak(user, sak)


def require_sak(user: User, sak: CaseRef) -> None:
    if not can_open_sak(user, sak):
        raise PermissionDenied("Du har ikke tilgang til denne saken.")


def require(
    check: bool | Check,
    message: str = "Du har ikke tilgang til denne siden.",
    roles: frozenset[str] | None = None,
) -> None:
    """Raise ``Denied`` (a ``PermissionDenied``) unless ``check``; the 403 page names the roles
    that would be allowed (``roles``, or those the ``Check`` carries)."""
    if not check:
        raise Denied(message, roles if roles is not None else getattr(check, "roles", frozenset()))


NO_SERVICE = "Du er ikke knyttet til en barnevernstjeneste."


def service_of(user: User) -> Tjeneste:
    """The user's own service: every page of an area is about it. A user who belongs to no
    service is refused (the role checks already refuse them; this makes it explicit)."""
    if user.tjeneste is None:
        raise Denied(NO_SERVICE)
    return user.tjeneste


def service_id_of(user: User) -> int:
    """The id of the user's own service (no query), refused as in ``service_of``."""
    if user.tjeneste_id is None:
        raise Denied(NO_SERVICE)
    return user.tjeneste_id


def statistics_scope(user: User) -> tuple[Tjeneste | None, Kommune | None]:
    """(service, municipality) the user may see figures for; municipality None = all members."""
    if not can_see_statistics(user):
        raise Denied("Du har ikke tilgang til statistikk.", STATS_ROLES)
    if user.rolle == Role.KOMMUNE:
        return user.tjeneste, user.kommune
    return user.tjeneste, None


def can_see_journal_history(user: User, sak: CaseRef) -> Check | bool:
    """Corrected (superseded) versions of journal entries: the leder of the service."""
    return is_leder(user) and can_open_sak(user, sak)


def can_edit_letter_templates(user: User) -> Check:
    """Letter templates of the service are edited by the leder."""
    return is_leder(user)


def can_approve_document(user: User, sak: CaseRef, author_id: int | None) -> bool:
    """A letter that needs approval is approved by a second person with access to the case."""
    return can_open_sak(user, sak) and user.pk != author_id


def can_see_kostra(user: User) -> Check:
    """KOSTRA comparisons (SSB's published figures beside the service's): the statistics roles."""
    return can_see_statistics(user)


def can_manage_kostra(user: User) -> Check:
    """Importing SSB tables and setting the members' KOSTRA groups: the leder."""
    return is_leder(user)


def kostra_scope(user: User) -> tuple[Tjeneste, Kommune | None]:
    """(service, forced municipality) of the KOSTRA comparison: a Kommune user sees only its own
    municipality beside its group, county and Norway (and own counts published, as statistics);
    leder and saksbehandler the whole service."""
    if not can_see_kostra(user):
        raise Denied("Du har ikke tilgang til KOSTRA-sammenligningen.", STATS_ROLES)
    tjeneste, kommune = statistics_scope(user)
    if tjeneste is None:
        raise PermissionDenied("Du er ikke knyttet til en barnevernstjeneste.")
    if user.rolle == Role.KOMMUNE and kommune is None:
        raise PermissionDenied("Rollen din er ikke knyttet til en kommune.")
    return tjeneste, kommune
def sees_own_settlements_only(user: User) -> Check:
    """A member municipality (role Kommune) sees its own line of the approved half-year
    settlements (its invoice basis), and nothing else of the economy."""
    return has_role(user, frozenset({Role.KOMMUNE}))


def can_see_settlements(user: User) -> Check:
    """The settlement pages: the economy roles in full, a Kommune user its own lines."""
    return has_role(user, ECONOMY_ROLES | {Role.KOMMUNE})


def can_approve_rates(user: User) -> Check:
    """Co-payment rates: Økonomi proposes, the leder approves (and may enter them directly)."""
    return is_leder(user)


def can_propose_rates(user: User) -> Check:
    return has_role(user, ECONOMY_ROLES)


def can_assign_cases(user: User) -> Check:
    """Distributing cases to case workers (and taking them back) is the leder's."""
    return is_leder(user)


def can_edit_reports(user: User) -> Check:
    """The annual status report (tilstandsrapport): drafts, text, duties and issuing are for the leder."""
    return is_leder(user)


def can_see_report(user: User, tjeneste: Tjeneste, kommune: Kommune | None, public: bool) -> bool:
    """A status report of ``tjeneste`` (``kommune`` None = the whole service).

    The leder sees every version of the own service; a Kommune user sees the public version for
    the own municipality or for the whole service; the internal version is for the leder only.
    """
    if not _active(user) or user.tjeneste_id != tjeneste.pk:
        return False
    if user.rolle == Role.LEDER:
        return True
    if not public or user.rolle != Role.KOMMUNE or user.kommune is None:
        return False
    return kommune is None or kommune.nummer == user.kommune.nummer


def integration_allows(integration: object, scope: str, tjeneste_id: int) -> bool:
    """An API integration (``barnevern.api``) may use ``scope`` on its own service only."""
    return bool(
        integration is not None
        and getattr(integration, "aktiv", False)
        and scope in getattr(integration, "scopes", ())
        and getattr(integration, "tjeneste_id", None) == tjeneste_id
    )


def require_integration(integration: object, scope: str, tjeneste_id: int) -> None:
    if getattr(integration, "tjeneste_id", None) != tjeneste_id:
        raise PermissionDenied("Integrasjonen har ikke tilgang til denne tjenesten.")
    if not integration_allows(integration, scope, tjeneste_id):
        raise PermissionDenied(f"Integrasjonen mangler scope «{scope}».")
