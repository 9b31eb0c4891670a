"""The monthly finance report to the host (owner) municipality: budget vs actual by category,
year to date and forecast to year end (``rules.forecast.finance_report``), plus each
participating municipality's part of the costs so far (common costs split by the key in
force each month, client costs by the child's residence).

The co-payment category (``egenbetaling``) is forecast from the current placements
(``rules.forecast.forecast_copayments``) when every rate is known; otherwise it falls back
to the run rate and the page says which rate is missing.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from barnevern.display import MONTHS
from barnevern.economy import models as em
from barnevern.economy.copayments import placements_of, rates_of
from barnevern.economy.keys import key_on, kommune_names
from barnevern.organisation.models import Tjeneste
from barnevern.rules.allocation import AllocationError
from barnevern.rules.copayment import MissingRate
from barnevern.rules.forecast import FinanceReport, finance_report, forecast_copayments

COPAYMENT_CATEGORY = "egenbetaling"
ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class KommuneRow:
    nummer: str
    navn: str
    common: Decimal
    client: Decimal
    paid: Decimal

    @property
    def total(self) -> Decimal:
        return self.common + self.client


@dataclass(slots=True)
class FinancePage:
    tjeneste: Tjeneste
    year: int
    through_month: int
    report: FinanceReport
    per_kommune: list[KommuneRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def month_label(self) -> str:
        return (
            f"{MONTHS[self.through_month - 1]} {self.year}" if self.through_month else f"start av {self.year}"
        )

    @property
    def title(self) -> str:
        host = self.tjeneste.vertskommune.navn
        return f"Økonomirapport {self.year} for {self.tjeneste.navn} (vertskommune {host})"


def default_period(tjeneste: Tjeneste, today: date) -> tuple[int, int]:
    """The latest budget year; the last closed month if it is this year, else December."""
    years = list(em.Budsjett.objects.filter(tjeneste=tjeneste).values_list("ar", flat=True).distinct())
    year = max([y for y in years if y <= today.year], default=today.year)
    return year, (today.month - 1 if year == today.year else 12)


def _actuals(tjeneste: Tjeneste, year: int, through: int) -> dict[str, dict[int, Decimal]]:
    last = date(year, through, calendar.monthrange(year, through)[1]) if through else date(year, 1, 1)
    actuals: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    if not through:
        return {}
    for row in em.Felleskostnad.objects.filter(
        tjeneste=tjeneste, maned__range=(date(year, 1, 1), last)
    ).values("kategori__navn", "maned", "belop"):
        actuals[row["kategori__navn"]][row["maned"].month] += row["belop"]
    for row in em.Klientkostnad.objects.filter(
        tjeneste=tjeneste, dato__range=(date(year, 1, 1), last)
    ).values("kategori__navn", "dato", "belop"):
        actuals[row["kategori__navn"]][row["dato"].month] += row["belop"]
    return {k: dict(v) for k, v in actuals.items()}


def _per_kommune(tjeneste: Tjeneste, year: int, through: int, notes: list[str]) -> list[KommuneRow]:
    common: dict[str, Decimal] = defaultdict(lambda: ZERO)
    client: dict[str, Decimal] = defaultdict(lambda: ZERO)
    paid: dict[str, Decimal] = defaultdict(lambda: ZERO)
    if not through:
        return []
    last = date(year, through, calendar.monthrange(year, through)[1])
    by_month: dict[tuple[date, str], Decimal] = defaultdict(lambda: ZERO)
    for row in em.Felleskostnad.objects.filter(
        tjeneste=tjeneste, maned__range=(date(year, 1, 1), last)
    ).values("maned", "kategori_id", "belop"):
        by_month[(row["maned"], str(row["kategori_id"]))] += row["belop"]
    try:
        for (month, _category), amount in sorted(by_month.items()):
            for kommune, part in key_on(tjeneste, month).split(amount).items():
                common[kommune] += part
    except AllocationError as exc:
        notes.append(f"Fordeling per kommune mangler: {exc}")
        return []
    for row in em.Klientkostnad.objects.filter(
        tjeneste=tjeneste, dato__range=(date(year, 1, 1), last)
    ).values("kommunenummer", "belop"):
        client[row["kommunenummer"]] += row["belop"]
    for row in em.Innbetaling.objects.filter(tjeneste=tjeneste, dato__range=(date(year, 1, 1), last)).values(
        "kommunenummer", "belop"
    ):
        paid[row["kommunenummer"]] += row["belop"]
    numbers = list(dict.fromkeys([*tjeneste.kommunenumre(), *common, *client]))
    names = kommune_names(numbers)
    return [KommuneRow(n, names.get(n, n), common[n], client[n], paid[n]) for n in numbers]


def finance_overview(tjeneste: Tjeneste, year: int, through_month: int) -> FinancePage:
    """Budget, actual and forecast for ``year`` through the closed month ``through_month``."""
    categories = {c.pk: c for c in em.Kostnadskategori.objects.all()}
    budget = {
        categories[b.kategori_id].navn: b.belop
        for b in em.Budsjett.objects.filter(tjeneste=tjeneste, ar=year).order_by(
            "kategori__art", "kategori__rekkefolge"
        )
    }
    notes: list[str] = []
    known: dict[str, Decimal] = {}
    copayment = next((c for c in categories.values() if c.kode == COPAYMENT_CATEGORY), None)
    if copayment is not None and 0 < through_month < 12:
        as_of = date(year, through_month, calendar.monthrange(year, through_month)[1])
        placements = placements_of(tjeneste)
        if placements:
            try:
                forecast = forecast_copayments(placements, as_of, extra_rates=rates_of(tjeneste))
                known[copayment.navn] = forecast.rest_of_year
                notes.append(
                    f"Prognosen for «{copayment.navn}» er egenbetalingen for dagens "
                    f"{len(forecast.placements)} plasseringer resten av året."
                )
            except MissingRate as exc:
                notes.append(f"«{copayment.navn}» er anslått med snitt av siste måneder: {exc}")
    report = finance_report(
        year,
        through_month,
        budget=budget,
        actuals=_actuals(tjeneste, year, through_month),
        known_remaining=known,
    )
    page = FinancePage(tjeneste, year, through_month, report, notes=notes)
    page.per_kommune = _per_kommune(tjeneste, year, through_month, notes)
    return page
