"""Co-payments (egenbetaling) of current placements: this month, the rest of the year, next
year, and the same months before and after the 2022 reform (``rules.copayment``).

A missing rate is never guessed: the figure that needs it is shown as «mangler sats for
<år>», and the leader can add the rate (``SatsOverstyring``), which is passed to the rules
as ``extra_rates`` and takes precedence over the shipped table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

from barnevern.audit.services import log
from barnevern.economy import models as em
from barnevern.organisation.models import Tjeneste
from barnevern.rules.copayment import (
    LABELS,
    CopaymentError,
    MeasureType,
    MissingRate,
    Placement,
    Rate,
    RateStatus,
    StayKind,
    Tier,
    compare_with_pre_reform,
    copayment_for_period,
    default_rate_table,
    monthly_copayment,
)

T = TypeVar("T")
ZERO = Decimal("0.00")


def rates_of(tjeneste: Tjeneste) -> list[Rate]:
    """Rates the leader added for this service, as rule ``Rate`` objects."""
    return [
        Rate(
            year=o.ar,
            measure=MeasureType(o.tiltakstype),
            amount=o.belop,
            source=o.kilde,
            status=RateStatus(o.status),
            tier=Tier(o.niva),
            note="Lagt inn av tjenesten",
        )
        for o in em.SatsOverstyring.objects.filter(tjeneste=tjeneste, godkjent=True)
    ]


def to_rule(p: em.Plassering) -> Placement:
    return Placement(
        measure=MeasureType(p.tiltakstype),
        start=p.start,
        end=p.slutt,
        parents=p.foreldre,
        children=p.barn,
        stay=StayKind(p.opphold) if p.opphold else None,
        municipality=p.kommunenummer,
        reference=str(p.pk),
    )


def current_placements(tjeneste: Tjeneste, today: date) -> list[em.Plassering]:
    return list(
        em.Plassering.objects.filter(tjeneste=tjeneste)
        .exclude(slutt__lt=today)
        .select_related("sak")
        .order_by("start", "pk")
    )


def placements_of(tjeneste: Tjeneste) -> list[Placement]:
    return [to_rule(p) for p in em.Plassering.objects.filter(tjeneste=tjeneste)]


@dataclass(frozen=True, slots=True)
class Missing:
    year: int
    measure: str
    tier: str
    label: str


@dataclass(frozen=True, slots=True)
class Figure:
    """One amount, or why it is missing."""

    amount: Decimal | None = None
    missing: Missing | None = None
    status: str = ""
    note: str = ""


@dataclass(slots=True)
class CopaymentRow:
    plassering: em.Plassering
    label: str
    this_month: Figure
    rest_of_year: Figure
    next_year: Figure
    actual: Figure
    pre_reform: Figure

    @property
    def difference(self) -> Decimal | None:
        if self.actual.amount is None or self.pre_reform.amount is None:
            return None
        return self.actual.amount - self.pre_reform.amount


@dataclass(slots=True)
class CopaymentPage:
    today: date
    rows: list[CopaymentRow] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def total(self, attr: str) -> Figure:
        figures = [getattr(r, attr) for r in self.rows]
        missing = next((f.missing for f in figures if f.missing), None)
        return Figure(sum((f.amount for f in figures if f.amount is not None), ZERO), missing)

    @property
    def totals(self) -> dict[str, Figure]:
        return {a: self.total(a) for a in ("this_month", "rest_of_year", "next_year", "actual", "pre_reform")}

    @property
    def difference(self) -> Decimal:
        return sum((r.difference for r in self.rows if r.difference is not None), ZERO)


def _missing(exc: MissingRate) -> Missing:
    return Missing(exc.year, exc.measure.value, exc.tier.value, LABELS[exc.measure])


def _figure(compute: Callable[[], Any], found: list[Missing]) -> Figure:
    try:
        result = compute()
    except MissingRate as exc:
        found.append(_missing(exc))
        return Figure(missing=_missing(exc))
    if isinstance(result, Figure):
        return result
    amount = result.amount if hasattr(result, "amount") else result.total
    note = getattr(result, "reason", "")
    return Figure(amount, None, result.status.symbol, note)


def _placement_row(p: em.Plassering, today: date, extra: list[Rate], found: list[Missing]) -> CopaymentRow:
    rule = to_rule(p)
    year_start, year_end = date(today.year, 1, 1), date(today.year, 12, 31)
    rest_start = today + timedelta(days=1)
    next_start, next_end = date(today.year + 1, 1, 1), date(today.year + 1, 12, 31)

    def period(start: date, end: date) -> Callable[[], Any]:
        if end < start:
            return lambda: Figure(ZERO, status=RateStatus.VERIFIED.symbol)
        return lambda: copayment_for_period(rule, start, end, extra_rates=extra)

    def reform(actual: bool) -> Callable[[], Any]:
        def run() -> Any:
            comparison = compare_with_pre_reform(rule, year_start, year_end, extra_rates=extra)
            return comparison.actual if actual else comparison.pre_reform

        return run

    def month() -> Any:
        return monthly_copayment(
            rule.measure,
            today,
            rule.start,
            placement_end=rule.end,
            parents=rule.parents,
            children=rule.children,
            stay=rule.stay,
            extra_rates=extra,
        )

    return CopaymentRow(
        plassering=p,
        label=capfirst(LABELS[rule.measure]),
        this_month=_figure(month, found),
        rest_of_year=_figure(period(rest_start, year_end), found),
        next_year=_figure(period(next_start, next_end), found),
        actual=_figure(reform(True), found),
        pre_reform=_figure(reform(False), found),
    )


def copayment_overview(tjeneste: Tjeneste, today: date) -> CopaymentPage:
    page = CopaymentPage(today)
    extra = rates_of(tjeneste)
    found: list[Missing] = []
    for p in current_placements(tjeneste, today):
        try:
            page.rows.append(_placement_row(p, today, extra, found))
        except CopaymentError as exc:
            page.errors.append(f"Plassering {p.referanse or p.pk}: {exc}")
    page.missing = sorted(set(found), key=lambda m: (m.year, m.measure, m.tier))
    return page


def rate_table_rows(tjeneste: Tjeneste) -> list[tuple[Rate, str]]:
    """The shipped table merged with the service's own rates (for display)."""
    return [(r, LABELS[r.measure]) for r in default_rate_table().with_overrides(rates_of(tjeneste))]


@transaction.atomic
def save_rate(
    tjeneste: Tjeneste,
    user: Any,
    *,
    ar: int,
    tiltakstype: str,
    niva: str,
    approved: bool = True,
    **values: Any,
) -> em.SatsOverstyring:
    """Store the service's co-payment rate for a year, measure type and tier (``values``:
    ``belop``, ``kilde``, ``status``), replacing an earlier one, with its audit row.

    ``approved`` False stores a proposal (Økonomi's): it counts only when the leder approves it
    (``approve_rate``). A proposal never replaces an approved rate: it waits beside it until
    approved."""
    existing = em.SatsOverstyring.objects.filter(
        tjeneste=tjeneste, ar=ar, tiltakstype=tiltakstype, niva=niva
    ).first()
    if existing is not None and existing.godkjent and not approved:
        raise RateError(
            "Det finnes allerede en godkjent sats for dette året og tiltaket. Be leder endre den."
        )
    now = timezone.now()
    approval = {
        "godkjent": approved,
        "godkjent_av": user if approved else None,
        "godkjent_tid": now if approved else None,
    }
    rate, created = em.SatsOverstyring.objects.update_or_create(
        tjeneste=tjeneste,
        ar=ar,
        tiltakstype=tiltakstype,
        niva=niva,
        defaults={**values, **approval, "registrert_av": user},
    )
    log(
        "create" if created else "update",
        (
            f"Sats for egenbetaling {rate.ar} {rate.tiltakstype}: {rate.belop} kr"
            + ("" if approved else " (forslag)")
        )[:200],
        obj=rate,
        data={"kilde": rate.kilde, "godkjent": approved},
    )
    return rate


class RateError(ValueError):
    """A rate that cannot be stored or approved; the message is Norwegian."""


@transaction.atomic
def approve_rate(rate: em.SatsOverstyring, user: Any) -> None:
    """The leder approves Økonomi's proposed rate; from now on it counts."""
    if rate.godkjent:
        raise RateError("Satsen er allerede godkjent.")
    em.SatsOverstyring.objects.filter(pk=rate.pk).update(
        godkjent=True, godkjent_av=user, godkjent_tid=timezone.now()
    )
    log(
        "update",
        f"Godkjente sats for egenbetaling {rate.ar} {rate.tiltakstype}: {rate.belop} kr"[:200],
        obj=rate,
    )


@transaction.atomic
def reject_rate(rate: em.SatsOverstyring, user: Any) -> None:
    """The leder rejects a proposed rate (it is deleted; the audit row keeps what it was)."""
    if rate.godkjent:
        raise RateError("En godkjent sats avvises ikke; legg inn riktig sats i stedet.")
    log(
        "delete",
        f"Avviste forslag til sats for egenbetaling {rate.ar} {rate.tiltakstype}: {rate.belop} kr"[:200],
        obj=rate,
        data={"kilde": rate.kilde},
    )
    rate.delete()
