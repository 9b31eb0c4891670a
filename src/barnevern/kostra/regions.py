"""Region names and the member municipalities' KOSTRA groups and counties over time.

``grouping(numbers, day)`` gives each municipality's ``Gruppering`` in force on ``day`` (the
latest row with ``fra`` ≤ day). Without a row the county is taken from the municipality number
(its first two digits: 3427 → EKA34) and the group is unknown, which the comparison says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from barnevern.rules.kostra import region_kind

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.kostra.models import Gruppering
    from barnevern.organisation.models import Kommune

__all__ = ["Grouping", "grouping", "region_names", "set_grouping"]


@dataclass(frozen=True, slots=True)
class Grouping:
    kommune: str
    kostragruppe: str | None  # EKGnn, None when not set
    fylke: str  # EKAnn
    fra: date | None  # None: the county is derived from the number, the group unknown
    kilde: str


def grouping(numbers: Iterable[str], day: date) -> dict[str, Grouping]:
    from barnevern.kostra.models import Gruppering

    wanted = list(numbers)
    found: dict[str, Grouping] = {
        n: Grouping(n, None, f"EKA{n[:2]}", None, "fylke etter kommunenummeret") for n in wanted
    }
    rows = (
        Gruppering.objects.filter(kommune__nummer__in=wanted, fra__lte=day)
        .select_related("kommune")
        .order_by("kommune__nummer", "fra")
    )
    for row in rows:  # the latest row wins
        found[row.kommune.nummer] = Grouping(
            row.kommune.nummer, row.kostragruppe, row.fylke, row.fra, row.kilde
        )
    return found


def _default_name(code: str) -> str:
    kind = region_kind(code)
    if kind == "kostragruppe":
        return f"KOSTRA-gruppe {int(code[3:])}"
    if kind == "fylke":
        return f"Fylke {code[3:]}"
    if kind == "landet":
        return "Landet"
    if kind == "landet_uten_oslo":
        return "Landet uten Oslo"
    return code


def region_names(codes: Iterable[str]) -> dict[str, str]:
    """SSB's label for each region code (from the imported files), else the municipality's name
    in the register, else a name made from the code («KOSTRA-gruppe 14»)."""
    from barnevern.kostra.models import Region
    from barnevern.organisation.models import Kommune

    wanted = list(dict.fromkeys(codes))
    stored = dict(Region.objects.filter(kode__in=wanted).values_list("kode", "navn"))
    kommuner = dict(Kommune.objects.filter(nummer__in=wanted).values_list("nummer", "navn"))
    names = {}
    for code in wanted:
        name = stored.get(code) or kommuner.get(code) or _default_name(code)
        if region_kind(code) == "kostragruppe" and name.lower().startswith("kostragruppe"):
            name = "KOSTRA-gruppe" + name[len("kostragruppe") :]
        names[code] = name
    return names


def set_grouping(
    kommune: Kommune, fra: date, kostragruppe: str, fylke: str, *, user: User | None, kilde: str = ""
) -> Gruppering:
    """Record ``kommune``'s group and county from ``fra`` (replacing a row with the same date)."""
    from barnevern.audit.services import log
    from barnevern.kostra.models import Gruppering

    row = Gruppering.objects.filter(kommune=kommune, fra=fra).first() or Gruppering(kommune=kommune, fra=fra)
    row.kostragruppe = kostragruppe.strip().upper()
    row.fylke = fylke.strip().upper()
    row.kilde = kilde.strip()[:200]
    row.endret_av = user if user is not None and user.pk else None
    try:
        row.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    with transaction.atomic():
        row.save()
        log(
            "update",
            f"KOSTRA-gruppe for {kommune.nummer} {kommune.navn} fra {fra.isoformat()}: {row.kostragruppe}",
            obj=row,
            data={
                "kommune": kommune.nummer,
                "fra": fra.isoformat(),
                "gruppe": row.kostragruppe,
                "fylke": row.fylke,
            },
        )
    return row
