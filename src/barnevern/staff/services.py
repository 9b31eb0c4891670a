"""Audited changes to the staff register: every save and delete writes one audit row in the
same transaction (staff data is personal data). Field names are logged, never values."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from barnevern.audit.services import log
from barnevern.staff.models import Ansatt, Innstilling, Stilling, Sykefravaer


def _label(obj: models.Model) -> str:
    return str(obj._meta.verbose_name)


def save(obj: models.Model, *, changed: list[str] | None = None, what: str = "") -> models.Model:
    """Save ``obj`` and log "create" or "update" (with the changed field names)."""
    created = obj.pk is None
    with transaction.atomic():
        obj.save()
        log(
            "create" if created else "update",
            what or f"{'Registrerte' if created else 'Endret'} {_label(obj)}: {_owner(obj)}",
            obj=obj,
            data={"felt": sorted(changed or [])},
        )
    return obj


def delete(obj: models.Model) -> None:
    with transaction.atomic():
        log("delete", f"Slettet {_label(obj)}: {_owner(obj)}", obj=obj)
        obj.delete()


def register_employee(ansatt: Ansatt, *, prosent: Any, changed: list[str] | None = None) -> Ansatt:
    """Register a new employee and the first position (``prosent`` of a full-time equivalent,
    from the start date), both with their audit rows, in one transaction."""
    if ansatt.pk is not None:
        raise ValueError("Den ansatte er allerede registrert.")
    with transaction.atomic():
        save(ansatt, changed=changed)
        save(Stilling(ansatt=ansatt, fra_dato=ansatt.start_dato, prosent=prosent), changed=["prosent"])
    return ansatt


def _owner(obj: models.Model) -> str:
    if isinstance(obj, Ansatt):
        return obj.navn
    ansatt = getattr(obj, "ansatt", None)
    if ansatt is not None:
        return ansatt.navn
    return str(getattr(obj, "tjeneste", "") or "")


def record_sick_leave(tjeneste: Any, ansatt: Ansatt | None, maned: Any, prosent: Any) -> Sykefravaer:
    """Store the figure for a month, replacing an earlier figure for the same month."""
    with transaction.atomic():
        row = (
            Sykefravaer.objects.select_for_update()
            .filter(tjeneste=tjeneste, ansatt=ansatt, maned=maned)
            .first()
        )
        if row is None:
            row = Sykefravaer(tjeneste=tjeneste, ansatt=ansatt, maned=maned)
        row.prosent = prosent
        return save(row, changed=["prosent"])  # type: ignore[return-value]


def save_settings(tjeneste: Any, variant: str, level: int) -> Innstilling:
    with transaction.atomic():
        row, _ = Innstilling.objects.select_for_update().get_or_create(tjeneste=tjeneste)
        row.kompetansevariant, row.saksmengde_varsel = variant, level
        return save(
            row,
            changed=["kompetansevariant", "saksmengde_varsel"],  # type: ignore[return-value]
            what=f"Endret innstillinger for ansatte: {tjeneste}",
        )
