"""Who may see and change avvik; built on ``accounts.policy`` (which decides roles).

* leder: every avvik of the service; registers, edits, confirms, dismisses and closes;
* saksbehandler: registers avvik, and sees and edits or closes those they registered or are
  responsible for; may not confirm or dismiss proposals (the leder's duty);
* økonomi and kommune: no access (an avvik may concern a child).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from barnevern.accounts import policy
from barnevern.quality.models import Avvik

if TYPE_CHECKING:
    from barnevern.accounts.models import User


def can_use_avvik(user: User) -> bool:
    return policy.can_see_cases(user)


def visible_avvik(user: User) -> QuerySet[Avvik]:
    if not can_use_avvik(user):
        return Avvik.objects.none()
    qs = Avvik.objects.filter(tjeneste_id=policy.service_id_of(user))
    if policy.is_leder(user):
        return qs
    return qs.filter(Q(opprettet_av=user) | Q(ansvarlig=user))


def get_avvik(user: User, pk: int) -> Avvik:
    policy.require(can_use_avvik(user), "Din rolle gir ikke tilgang til avvik.")
    found = visible_avvik(user).select_related("sak", "ansvarlig", "opprettet_av").filter(pk=pk).first()
    if found is None:
        raise Http404("Avviket finnes ikke.")
    return found


def can_edit(user: User, avvik: Avvik) -> bool:
    if avvik.status in (Avvik.Status.LUKKET, Avvik.Status.AVVIST):
        return False
    if policy.is_leder(user):
        return True
    return avvik.status == Avvik.Status.APEN and user.pk in (avvik.opprettet_av_id, avvik.ansvarlig_id)


def can_decide(user: User, avvik: Avvik) -> bool:
    """Confirm or dismiss a proposal: the leder only."""
    return avvik.status == Avvik.Status.FORESLATT and policy.is_leder(user)
