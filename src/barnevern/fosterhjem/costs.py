"""Monthly foster-home costs into the economy ledger.

For each placement running in a month, the agreement's monthly terms — fee
(arbeidsgodtgjøring), expense allowance (utgiftsdekning) and reinforcement (forsterkning) —
become one client cost each (``economy.Klientkostnad``), attributed to the municipality the
child lived in on the first day of the month that the placement ran (the child's
municipality, as every client cost). Fee and expenses are booked under the category
``fosterhjem``, reinforcement under ``forsterkning``; so the half-year settlement and the
monthly finance report include them with no further step.

Partial months are paid pro rata by calendar days (⚠ a convention; the agreement may say
otherwise), rounded to øre per month and kind. Booking a month again books only what is
missing (one row per placement, month and kind); a booked row is never changed here.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from barnevern.audit.services import log
from barnevern.cases import models as cm
from barnevern.display import month_text
from barnevern.economy import models as em
from barnevern.fosterhjem import models as fm
from barnevern.rules.money import to_ore

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.organisation.models import Tjeneste

CATEGORY = {
    fm.Kostnad.Art.GODTGJORING: "fosterhjem",
    fm.Kostnad.Art.UTGIFTSDEKNING: "fosterhjem",
    fm.Kostnad.Art.FORSTERKNING: "forsterkning",
}
ZERO = Decimal("0.00")


class CostError(ValueError):
    """A month that cannot be booked; the message is Norwegian."""


@dataclass(frozen=True, slots=True)
class MonthLine:
    art: str
    amount: Decimal
    days: int
    first_day: date


def month_lines(
    agreements: Iterable[fm.Avtale], move_in: date, move_out: date | None, month: date
) -> list[MonthLine]:
    """What a placement costs in ``month`` by kind: each agreement's monthly amounts × the days
    it covered in the month ÷ the days of the month, summed per kind and rounded to øre."""
    first = month.replace(day=1)
    dim = calendar.monthrange(first.year, first.month)[1]
    last = first.replace(day=dim)
    totals: dict[str, Decimal] = {}
    days: dict[str, int] = {}
    starts: dict[str, date] = {}
    for agreement in agreements:
        lo = max(first, move_in, agreement.start)
        hi = min(last, move_out or last, agreement.slutt or last)
        if hi < lo:
            continue
        covered = (hi - lo).days + 1
        for art, monthly in (
            (fm.Kostnad.Art.GODTGJORING, agreement.godtgjoring),
            (fm.Kostnad.Art.UTGIFTSDEKNING, agreement.utgiftsdekning),
            (fm.Kostnad.Art.FORSTERKNING, agreement.forsterkning),
        ):
            if not monthly:
                continue
            totals[art] = totals.get(art, Decimal(0)) + monthly * covered / dim
            days[art] = days.get(art, 0) + covered
            starts[art] = min(starts.get(art, lo), lo)
    return [
        MonthLine(art, to_ore(totals[art]), days[art], starts[art])
        for art in fm.Kostnad.Art.values
        if art in totals and to_ore(totals[art]) != ZERO
    ]


def residences_of(sak_ids: Iterable[object]) -> dict[str, list[tuple[date, str]]]:
    """Each case's residence history (``Bosted``), in date order."""
    found: dict[str, list[tuple[date, str]]] = {}
    rows = cm.Bosted.objects.filter(sak_id__in=list(sak_ids)).order_by("fra_dato")
    for sak_id, day, kommune in rows.values_list("sak_id", "fra_dato", "kommunenummer"):
        found.setdefault(str(sak_id), []).append((day, kommune))
    return found


def municipality_on(history: list[tuple[date, str]], day: date) -> str | None:
    """Where the child lived on ``day`` (as ``SakRecord.kommune_on``: the latest residence from
    on or before ``day``, else the earliest)."""
    if not history:
        return None
    current = history[0][1]
    for start, kommune in history:
        if start > day:
            break
        current = kommune
    return current


@dataclass(frozen=True, slots=True)
class Booking:
    month: date
    created: int
    existing: int
    total: Decimal


def _month_label(month: date) -> str:
    return month_text(month)


def book_month(tjeneste: Tjeneste, month: date, user: User | None = None, *, today: date) -> Booking:
    """Book every placement's costs of ``month`` (not a month after ``today``'s) into the ledger."""
    first = month.replace(day=1)
    if first > today.replace(day=1):
        raise CostError(f"Kan ikke bokføre {_month_label(first)} før måneden har begynt.")
    dim = calendar.monthrange(first.year, first.month)[1]
    last = first.replace(day=dim)
    placements = list(
        fm.Fosterhjemsplassering.objects.filter(fosterhjem__tjeneste=tjeneste, innflytting__lte=last)
        .exclude(utflytting__lt=first)
        .select_related("fosterhjem")
        .prefetch_related("avtaler")
    )
    categories = {c.kode: c for c in em.Kostnadskategori.objects.filter(kode__in=set(CATEGORY.values()))}
    missing = set(CATEGORY.values()) - set(categories)
    if missing:
        raise CostError(f"Kostnadskategorien {', '.join(sorted(missing))} mangler; kjør migreringene.")
    booked = set(
        fm.Kostnad.objects.filter(plassering__in=placements, maned=first).values_list("plassering_id", "art")
    )
    residences = residences_of({p.sak_id for p in placements})
    created = existing = 0
    total = ZERO
    with transaction.atomic():
        for placement in placements:
            lived = residences.get(str(placement.sak_id), [])
            for line in month_lines(
                placement.avtaler.all(), placement.innflytting, placement.utflytting, first
            ):
                if (placement.pk, line.art) in booked:
                    existing += 1
                    continue
                kommune = municipality_on(lived, line.first_day) or tjeneste.vertskommune.nummer
                label = fm.Kostnad.Art(line.art).label
                try:
                    with transaction.atomic():
                        row = em.Klientkostnad.objects.create(
                            tjeneste=tjeneste,
                            sak_id=placement.sak_id,
                            kommunenummer=kommune,
                            dato=line.first_day,
                            kategori=categories[CATEGORY[line.art]],
                            belop=line.amount,
                            tekst=f"{label} {_month_label(first)}, {placement.fosterhjem.navn}"[:200],
                        )
                        fm.Kostnad.objects.create(
                            plassering=placement,
                            maned=first,
                            art=line.art,
                            belop=line.amount,
                            dager=line.days,
                            klientkostnad=row,
                        )
                except IntegrityError:  # booked concurrently
                    existing += 1
                    continue
                created += 1
                total += line.amount
        log(
            "create",
            f"Bokførte fosterhjemskostnader for {_month_label(first)}",
            data={"tjeneste": tjeneste.slug, "maned": first, "rader": created, "sum": total},
        )
    return Booking(first, created, existing, total)
