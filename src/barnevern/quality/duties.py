"""Duties with a statutory deadline that BVR does not record, registered as done.

Today only D2, feedback to the melder: on a Melding (within three weeks of receipt) and on an
Undersokelse (to a public melder within three weeks after the investigation is concluded).
A sent casework letter to the melder meets D2 by itself (``quality.casedata``); a date
registered here covers feedback given outside the system. Without either, the D2 deadlines
show as overdue. The service may instead switch D2 off in its settings
(``Fristoppsett.include_feedback``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from barnevern.accounts import policy
from barnevern.audit.services import log
from barnevern.cases import models as cm
from barnevern.errors import UserError
from barnevern.quality.models import UtfortFrist

if TYPE_CHECKING:
    from barnevern.accounts.models import User

COMPLETABLE = {"D2": ("Melding", "tilbakemelding til melder")}
"""Rule → (element type, what was done). D2 may also name an Undersokelse (the feedback to a
public melder after the investigation)."""


class DutyError(UserError):
    """A duty that cannot be registered as done; ``message`` is Norwegian."""


def mark_done(user: User, sak_id: str, rule: str, element_id: str, dato: date, today: date) -> UtfortFrist:
    """Register that the duty ``rule`` for one element of a case was done on ``dato``."""
    if rule not in COMPLETABLE:
        raise DutyError(f"Regel {rule} kan ikke registreres som utført her.")
    sak = cm.Sak.objects.filter(pk=sak_id).first() if _is_uuid(sak_id) else None
    if sak is None:
        raise DutyError("Saken finnes ikke.")
    policy.require_sak(user, sak)
    element_type, what = COMPLETABLE[rule]
    element: cm.Melding | cm.Undersokelse | None = (
        cm.Melding.objects.filter(sak=sak, pk=element_id).first() if _is_uuid(element_id) else None
    )
    earliest = element.start_dato if element is not None else None
    too_early = "meldingen ble mottatt"
    if element is None and rule == "D2" and _is_uuid(element_id):
        investigation = cm.Undersokelse.objects.filter(sak=sak, pk=element_id).first()
        if investigation is not None:
            element = investigation
            what = "tilbakemelding til offentlig melder etter undersøkelse"
            earliest = investigation.konklusjon_dato or investigation.start_dato
            concluded = investigation.konklusjon_dato
            too_early = "undersøkelsen ble avsluttet" if concluded else "undersøkelsen startet"
    if element is None or earliest is None:
        raise DutyError(f"Fant ikke elementet ({element_type}) i saken.")
    if dato > today:
        raise DutyError("Datoen kan ikke være fram i tid.", "dato")
    if dato < earliest:
        raise DutyError(f"Datoen kan ikke være før {too_early} ({earliest:%d.%m.%Y}).", "dato")
    with transaction.atomic():
        done, created = UtfortFrist.objects.update_or_create(
            sak=sak, regel=rule, element_id=str(element.pk), defaults={"dato": dato, "registrert_av": user}
        )
        log(
            "create" if created else "update",
            f"Registrerte {what} ({rule})",
            sak_id=sak.pk,
            obj=done,
            data={"regel": rule, "dato": dato},
        )
    return done


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
