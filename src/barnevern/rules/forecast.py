"""Monthly finance report math: budget vs actual, year to date, forecast to year end.

Source: no statute; municipal budgeting practice (kommuneloven (LOV-2018-06-22-83) § 14-5
requires the administration to report on budget deviations during the year). The rules
are documented here and in ``docs/economy.md``:

* The annual budget of a category is spread evenly over 12 months with the largest-
  remainder rule (so the months sum exactly to the budget), unless a monthly budget is
  given. Year to date (YTD) is months 1..``through_month`` (the last closed month).
* Deviation = actual − budget: positive is overspending (merforbruk).
* Forecast to year end, configurable per category (:class:`ForecastRules`):
  - ``RUN_RATE`` (default): YTD actual + remaining months × the average of the last
    ``run_rate_months`` (default 3) closed months. With no closed month it falls back to
    the budget remainder.
  - ``BUDGET_REMAINDER``: YTD actual + the budget of the remaining months.
  - a known amount for the rest of the year (e.g. the co-payments of current placements
    from :func:`forecast_copayments`) replaces either rule for that category.
* :func:`forecast_copayments` gives the expected co-payments of current placements for the
  rest of the year (the day after ``as_of`` to 31 December) and for next year, assuming
  open-ended placements continue. Missing rates raise
  :class:`~barnevern.rules.copayment.MissingRate` unless ``carry_forward_rates`` is set:
  then the latest earlier rate is used as an estimate, marked ⚠ and listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from barnevern.rules.copayment import (
    DEFAULT_RULES,
    CopaymentRules,
    MissingRate,
    PeriodCopayment,
    Placement,
    Rate,
    RateKey,
    RateStatus,
    RateTable,
    copayment_for_period,
    default_rate_table,
)
from barnevern.rules.money import MoneyError, split_by_weights, to_ore

__all__ = [
    "CategoryReport",
    "CopaymentForecast",
    "FinanceReport",
    "ForecastMethod",
    "ForecastRules",
    "PlacementForecast",
    "finance_report",
    "forecast_copayments",
    "monthly_budget",
]

MONTHS = range(1, 13)
ZERO = Decimal("0.00")


class ForecastMethod(StrEnum):
    RUN_RATE = "snitt av siste måneder"
    BUDGET_REMAINDER = "resterende budsjett"
    KNOWN = "kjente forpliktelser"


@dataclass(frozen=True, slots=True)
class ForecastRules:
    method: ForecastMethod = ForecastMethod.RUN_RATE
    run_rate_months: int = 3
    per_category: Mapping[str, ForecastMethod] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if self.run_rate_months < 1:
            raise MoneyError("Prognosen må bruke minst én måned.")


@dataclass(frozen=True, slots=True)
class CategoryReport:
    category: str
    budget_year: Decimal
    budget_ytd: Decimal
    actual_ytd: Decimal
    forecast_year: Decimal
    method: str

    @property
    def deviation_ytd(self) -> Decimal:
        """Actual − budget so far; positive = overspending (merforbruk)."""
        return self.actual_ytd - self.budget_ytd

    @property
    def deviation_year(self) -> Decimal:
        """Forecast − annual budget; positive = expected overspending."""
        return self.forecast_year - self.budget_year


@dataclass(frozen=True, slots=True)
class FinanceReport:
    year: int
    through_month: int
    lines: tuple[CategoryReport, ...]
    total: CategoryReport


def monthly_budget(budget: Decimal | int | Mapping[int, Decimal]) -> dict[int, Decimal]:
    """Months 1–12 -> budget; an annual amount is spread evenly, øre-exact."""
    if isinstance(budget, Mapping):
        if any(m not in MONTHS for m in budget):
            raise MoneyError("Månedsbudsjettet kan bare ha månedene 1–12.")
        return {m: to_ore(budget.get(m, ZERO)) for m in MONTHS}
    return split_by_weights(to_ore(budget), dict.fromkeys(MONTHS, 1))


def _category(
    name: str,
    budget: dict[int, Decimal],
    actual: Mapping[int, Decimal],
    through: int,
    method: ForecastMethod,
    run_rate_months: int,
    known: Decimal | None,
) -> CategoryReport:
    late = [m for m in actual if m not in MONTHS or m > through]
    if late:
        raise MoneyError(
            f"{name}: regnskapet har tall for måned {late[0]}, etter rapportmåneden {through}."
        )
    actual_ytd = sum((to_ore(actual.get(m, ZERO)) for m in range(1, through + 1)), ZERO)
    remaining = 12 - through
    if known is not None:
        method = ForecastMethod.KNOWN
        rest = to_ore(known)
    elif method is ForecastMethod.RUN_RATE and through > 0:
        window = range(max(1, through - run_rate_months + 1), through + 1)
        recent = sum((to_ore(actual.get(m, ZERO)) for m in window), ZERO)
        rest = to_ore(recent * remaining / len(window))
    else:
        method = ForecastMethod.BUDGET_REMAINDER
        rest = sum((budget[m] for m in range(through + 1, 13)), ZERO)
    return CategoryReport(
        category=name,
        budget_year=sum(budget.values(), ZERO),
        budget_ytd=sum((budget[m] for m in range(1, through + 1)), ZERO),
        actual_ytd=actual_ytd,
        forecast_year=actual_ytd + rest,
        method=method.value,
    )


def finance_report(
    year: int,
    through_month: int,
    *,
    budget: Mapping[str, Decimal | int | Mapping[int, Decimal]],
    actuals: Mapping[str, Mapping[int, Decimal]],
    rules: ForecastRules | None = None,
    known_remaining: Mapping[str, Decimal] | None = None,
) -> FinanceReport:
    """Budget, actual and forecast per category for ``year`` through ``through_month``.

    ``actuals`` maps a category to its booked amounts per month (1–12). Categories are
    listed in budget order, then categories that only have actuals (budget 0).
    ``known_remaining`` maps a category to the amount expected for the rest of the year.
    """
    if through_month not in range(0, 13):
        raise MoneyError(f"Rapportmåneden må være 0–12, ikke {through_month}.")
    rules = rules or ForecastRules()
    known_remaining = known_remaining or {}
    names = list(dict.fromkeys([*budget, *actuals, *known_remaining]))
    lines = tuple(
        _category(
            name,
            monthly_budget(budget.get(name, ZERO)),
            actuals.get(name, {}),
            through_month,
            rules.per_category.get(name, rules.method),
            rules.run_rate_months,
            known_remaining.get(name),
        )
        for name in names
    )
    total = CategoryReport(
        category="Sum",
        budget_year=sum((x.budget_year for x in lines), ZERO),
        budget_ytd=sum((x.budget_ytd for x in lines), ZERO),
        actual_ytd=sum((x.actual_ytd for x in lines), ZERO),
        forecast_year=sum((x.forecast_year for x in lines), ZERO),
        method="",
    )
    return FinanceReport(year, through_month, lines, total)


@dataclass(frozen=True, slots=True)
class PlacementForecast:
    placement: Placement
    rest_of_year: PeriodCopayment
    next_year: PeriodCopayment


@dataclass(frozen=True, slots=True)
class CopaymentForecast:
    as_of: date
    placements: tuple[PlacementForecast, ...]
    assumed_rates: tuple[Rate, ...]

    @property
    def rest_of_year(self) -> Decimal:
        return sum((p.rest_of_year.total for p in self.placements), ZERO)

    @property
    def next_year(self) -> Decimal:
        return sum((p.next_year.total for p in self.placements), ZERO)


def _assumed(table: RateTable, missing: MissingRate) -> Rate:
    previous = table.latest_before(missing.year, missing.measure, missing.tier)
    if previous is None:
        raise missing
    return Rate(
        year=missing.year,
        measure=missing.measure,
        amount=previous.amount,
        source=f"anslag: sats for {previous.year}",
        status=RateStatus.UNVERIFIED,
        tier=missing.tier,
        note=f"Sats for {missing.year} mangler; prognosen bruker satsen for {previous.year}.",
    )


def forecast_copayments(
    placements: Iterable[Placement],
    as_of: date,
    *,
    rules: CopaymentRules = DEFAULT_RULES,
    extra_rates: Mapping[RateKey, Rate] | Iterable[Rate] | None = None,
    table: RateTable | None = None,
    carry_forward_rates: bool = False,
) -> CopaymentForecast:
    """Expected co-payments of the placements that are not over by ``as_of``."""
    rates = table or default_rate_table()
    if extra_rates:
        rates = rates.with_overrides(extra_rates)
    rest_start = as_of + timedelta(days=1)
    year_end = date(as_of.year, 12, 31)
    next_start, next_end = date(as_of.year + 1, 1, 1), date(as_of.year + 1, 12, 31)
    assumed: dict[RateKey, Rate] = {}
    current = [p for p in placements if p.end is None or p.end >= rest_start]
    while True:
        try:
            forecasts = tuple(
                PlacementForecast(
                    p,
                    _period(p, rest_start, year_end, rules, rates),
                    _period(p, next_start, next_end, rules, rates),
                )
                for p in current
            )
        except MissingRate as missing:
            if not carry_forward_rates:
                raise
            rate = _assumed(rates, missing)
            assumed[rate.key] = rate
            rates = rates.with_overrides([rate])
            continue
        return CopaymentForecast(as_of, forecasts, tuple(assumed.values()))


def _period(
    p: Placement, start: date, end: date, rules: CopaymentRules, rates: RateTable
) -> PeriodCopayment:
    if end < start:  # as_of is 31 December: nothing left of the year
        return PeriodCopayment(p, start, end, ())
    return copayment_for_period(p, start, end, rules=rules, table=rates)
