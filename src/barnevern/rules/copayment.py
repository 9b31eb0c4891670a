"""Municipal co-payments (kommunal egenbetaling) for state child welfare measures.

Source: the rates are fixed in the state budget and published by the ministry each year
(«Satser for kommunal egenbetaling for barnevernstiltak», regjeringen.no); legal basis
bvl 1992 §§ 9-4 and 9-5 with FOR-2003-11-26-1397, from 2023-01-01 «egenandelsforskriften»
under bvl 2021 (domain-rules §4, [S33][S33e][S40]). The rate table is shipped as data in
``data/copayment_rates.json`` with a source id and a status for every rate: ✔ official,
◐ secondary, ⚠ unverified (2021 and 2023 come from seed 002 only).

Rules implemented, each configurable through :class:`CopaymentRules`:

* rates are per child per month, by the calendar year of the month ✔ (the year rule ⚠);
* the 2022 transitional rate: emergency homes and specialised foster homes placed before
  2022-01-01 keep the low rate (37 100 kr in 2022) ✔ [S33]; later years need a
  ``pre_2022`` rate in the table or an override, otherwise :class:`MissingRate`;
* emergency homes (beredskapshjem) placed from 2022: co-payment for at most 12 months,
  after which the cost is purely municipal ⚠ (seed 002 only, no source found);
* centre for parents and children, residential: only assessment stays (utredning) carry a
  co-payment from 2022 ⚠ (seed 002), with multipliers one parent + child = 1 rate, two
  parents = 1,5, each further child + 0,5 ✔ [S33][S33e];
* ordinary foster homes are municipal measures: no co-payment ✔ [S32];
* partial months are pro rata by calendar days, rounded to øre per month ⚠ (no source says
  how; :class:`Proration` offers «any started month in full» instead).

Checked again against the sources in December 2026 (issue 21; the JSON's ``legal_basis`` and
``checked_2026_12`` blocks, ``docs/economy.md`` «Sources checked»): only 2016, 2017 and 2022 are
official; 2021 and 2023 stay ⚠ (seed 002); the 2026 institution rate (197 225 kr, secondary)
shows the rates **changed after 2023** (+12.7 % over the seed's 2023 figure); no 2024 or 2025
rate was found, so those years raise :class:`MissingRate` until an administrator enters them.

A missing rate is never guessed: :class:`MissingRate` names the year and the measure.
Rates an administrator adds later (stored by the Django layer) are passed as
``extra_rates`` and take precedence over the shipped table.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources

from barnevern.rules.money import format_nok, to_ore

__all__ = [
    "DEFAULT_RULES",
    "LABELS",
    "REFORM_DATE",
    "CopaymentError",
    "CopaymentRules",
    "MeasureType",
    "MissingRate",
    "MonthlyCopayment",
    "PeriodCopayment",
    "Placement",
    "Proration",
    "Rate",
    "RateKey",
    "RateStatus",
    "RateTable",
    "ReformComparison",
    "StayKind",
    "Tier",
    "compare_with_pre_reform",
    "copayment_for_period",
    "default_rate_table",
    "lookup_rate",
    "monthly_copayment",
]

REFORM_DATE = date(2022, 1, 1)


class MeasureType(StrEnum):
    INSTITUTION = "institusjon"
    INSTITUTION_UNACCOMPANIED = "institusjon_enslige_mindrearige"
    EMERGENCY_HOME = "beredskapshjem"
    SPECIALISED_FOSTER_HOME = "spesialisert_fosterhjem"
    ORDINARY_FOSTER_HOME = "fosterhjem"
    PARENT_CHILD_CENTRE = "senter_foreldre_barn_dogn"
    PARENT_CHILD_CENTRE_HOME = "senter_foreldre_barn_hjemme"
    MST_FFT = "mst_fft"
    PMTO = "pmto"


LABELS: Mapping[MeasureType, str] = {
    MeasureType.INSTITUTION: "barnevernsinstitusjon",
    MeasureType.INSTITUTION_UNACCOMPANIED: "institusjon for enslige mindreårige",
    MeasureType.EMERGENCY_HOME: "beredskapshjem",
    MeasureType.SPECIALISED_FOSTER_HOME: "spesialisert fosterhjem",
    MeasureType.ORDINARY_FOSTER_HOME: "ordinært fosterhjem",
    MeasureType.PARENT_CHILD_CENTRE: "senter for foreldre og barn (døgn)",
    MeasureType.PARENT_CHILD_CENTRE_HOME: "senter for foreldre og barn (hjemmebasert)",
    MeasureType.MST_FFT: "MST/FFT",
    MeasureType.PMTO: "PMTO/De utrolige årene",
}


class Tier(StrEnum):
    STANDARD = "standard"
    PRE_2022 = "pre_2022"  # emergency / specialised foster homes placed before 2022


class RateStatus(StrEnum):
    VERIFIED = "verified"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"

    @property
    def symbol(self) -> str:
        return {"verified": "✔", "secondary": "◐", "unverified": "⚠"}[self.value]

    def weakest(self, other: RateStatus) -> RateStatus:
        order = list(RateStatus)
        return max(self, other, key=order.index)


class StayKind(StrEnum):
    ASSESSMENT = "utredning"
    TREATMENT = "behandling"


class Proration(StrEnum):
    CALENDAR_DAYS = "kalenderdager"  # rate × days placed / days in the month
    FULL_MONTH = "påbegynt måned"  # any day placed counts as a full month


class CopaymentError(ValueError):
    """Invalid input to a co-payment rule; the message is Norwegian."""


class MissingRate(LookupError):
    """No rate for the year and measure: add it, never guess it."""

    def __init__(self, year: int, measure: MeasureType, tier: Tier = Tier.STANDARD) -> None:
        what = LABELS[measure]
        if tier is Tier.PRE_2022:
            what += " (overgangssats for plasseringer før 2022)"
        super().__init__(
            f"Mangler sats for kommunal egenbetaling for {what} i {year}. "
            "Legg inn satsen fra statsbudsjettet før beløpet kan beregnes."
        )
        self.year, self.measure, self.tier = year, measure, tier


RateKey = tuple[int, MeasureType, Tier]


@dataclass(frozen=True, slots=True)
class Rate:
    """One rate: kroner per child per month for a measure in a calendar year."""

    year: int
    measure: MeasureType
    amount: Decimal
    source: str
    status: RateStatus
    tier: Tier = Tier.STANDARD
    note: str = ""

    @property
    def key(self) -> RateKey:
        return (self.year, self.measure, self.tier)


class RateTable:
    """An immutable set of rates, at most one per (year, measure, tier)."""

    def __init__(self, rates: Iterable[Rate]) -> None:
        self._rates: dict[RateKey, Rate] = {}
        for rate in rates:
            if rate.key in self._rates:
                raise CopaymentError(
                    f"Satsen for {LABELS[rate.measure]} {rate.year} er oppgitt to ganger."
                )
            self._rates[rate.key] = rate

    def __iter__(self) -> Iterator[Rate]:
        return iter(sorted(self._rates.values(), key=lambda r: (r.year, r.measure, r.tier)))

    def __len__(self) -> int:
        return len(self._rates)

    def with_overrides(self, extra: Mapping[RateKey, Rate] | Iterable[Rate]) -> RateTable:
        """A new table where ``extra`` rates replace or add to this table's rates."""
        merged = dict(self._rates)
        merged.update({r.key: r for r in _rates_of(extra)})
        return RateTable(merged.values())

    def get(self, year: int, measure: MeasureType, tier: Tier = Tier.STANDARD) -> Rate:
        try:
            return self._rates[(year, MeasureType(measure), Tier(tier))]
        except KeyError:
            raise MissingRate(year, MeasureType(measure), Tier(tier)) from None

    def latest_before(self, year: int, measure: MeasureType, tier: Tier) -> Rate | None:
        earlier = [r for k, r in self._rates.items() if k[1:] == (measure, tier) and k[0] < year]
        return max(earlier, key=lambda r: r.year, default=None)


def _rates_of(extra: Mapping[RateKey, Rate] | Iterable[Rate]) -> Iterable[Rate]:
    return extra.values() if isinstance(extra, Mapping) else extra


@cache
def default_rate_table() -> RateTable:
    """The rates shipped in ``data/copayment_rates.json`` (domain-rules §4.2, seed 002)."""
    text = (
        resources.files("barnevern.rules").joinpath("data/copayment_rates.json").read_text("utf-8")
    )
    return RateTable(
        Rate(
            year=row["year"],
            measure=MeasureType(row["measure"]),
            amount=Decimal(row["amount"]),
            source=row["source"],
            status=RateStatus(row["status"]),
            tier=Tier(row["tier"]),
            note=row.get("note", ""),
        )
        for row in json.loads(text)["rates"]
    )


def lookup_rate(
    year: int,
    measure: MeasureType,
    tier: Tier = Tier.STANDARD,
    *,
    extra_rates: Mapping[RateKey, Rate] | Iterable[Rate] | None = None,
    table: RateTable | None = None,
) -> Rate:
    """The rate for ``year``; ``extra_rates`` (e.g. from the database) take precedence."""
    for rate in _rates_of(extra_rates or ()):
        if rate.key == (year, measure, tier):
            return rate
    return (table or default_rate_table()).get(year, measure, tier)


@dataclass(frozen=True, slots=True)
class CopaymentRules:
    """The configurable parts of the co-payment rules (defaults as described above)."""

    proration: Proration = Proration.CALENDAR_DAYS
    transitional_cutoff: date = REFORM_DATE
    transitional_measures: frozenset[MeasureType] = frozenset(
        {MeasureType.EMERGENCY_HOME, MeasureType.SPECIALISED_FOSTER_HOME}
    )
    transitional_from_year: int = 2022
    transitional_last_year: int | None = None  # None: while the table has pre_2022 rates
    emergency_home_max_months: int | None = 12  # ⚠ seed 002 only
    emergency_home_limit_from: date = REFORM_DATE  # for placements starting on/after
    parent_centre_assessment_only_from: date | None = REFORM_DATE  # ⚠ seed 002 only


DEFAULT_RULES = CopaymentRules()


@dataclass(frozen=True, slots=True)
class Placement:
    """A child's (or family's) stay in a measure; ``end`` is the last day, inclusive."""

    measure: MeasureType
    start: date
    end: date | None = None
    parents: int = 1
    children: int = 1
    stay: StayKind | None = None
    municipality: str = ""
    reference: str = ""

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise CopaymentError(f"Tiltaket slutter ({self.end}) før det begynner ({self.start}).")
        if self.parents not in (1, 2):
            raise CopaymentError("Antall foreldre i opphold må være 1 eller 2.")
        if self.children < 1:
            raise CopaymentError("Minst ett barn må være med i oppholdet.")

    @property
    def factor(self) -> Decimal:
        """Number of rates: 1 + 0,5 for a second parent + 0,5 per further child (centres)."""
        if self.measure is not MeasureType.PARENT_CHILD_CENTRE:
            return Decimal(1)
        return 1 + Decimal("0.5") * (self.parents - 1) + Decimal("0.5") * (self.children - 1)


@dataclass(frozen=True, slots=True)
class MonthlyCopayment:
    """The co-payment for one calendar month; ``amount`` is 0 with a ``reason`` if none."""

    month: date
    amount: Decimal
    charged_days: int
    days_in_month: int
    factor: Decimal
    rate: Rate | None
    status: RateStatus
    reason: str = ""


@dataclass(frozen=True, slots=True)
class PeriodCopayment:
    placement: Placement
    start: date
    end: date
    lines: tuple[MonthlyCopayment, ...]
    total: Decimal = field(init=False)
    status: RateStatus = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", sum((m.amount for m in self.lines), Decimal("0.00")))
        status = RateStatus.VERIFIED
        for line in self.lines:
            status = status.weakest(line.status)
        object.__setattr__(self, "status", status)


def _add_months(day: date, months: int) -> date:
    """Same day number ``months`` later, clamped to the month's end (31 Jan + 1 = 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _tier(p: Placement, year: int, rules: CopaymentRules) -> Tier:
    if (
        p.measure in rules.transitional_measures
        and p.start < rules.transitional_cutoff
        and year >= rules.transitional_from_year
        and (rules.transitional_last_year is None or year <= rules.transitional_last_year)
    ):
        return Tier.PRE_2022
    return Tier.STANDARD


def _month(
    p: Placement,
    first: date,
    lo: date,
    hi: date,
    rules: CopaymentRules,
    rates: RateTable,
    rate_year: int | None = None,
) -> MonthlyCopayment:
    dim = calendar.monthrange(first.year, first.month)[1]
    last = first.replace(day=dim)
    lo, hi = max(lo, first, p.start), min(hi, last, p.end or last)

    def nothing(reason: str, status: RateStatus = RateStatus.VERIFIED) -> MonthlyCopayment:
        return MonthlyCopayment(first, Decimal("0.00"), 0, dim, p.factor, None, status, reason)

    if lo > hi:
        return nothing("Ikke i tiltaket denne måneden.")
    if p.measure is MeasureType.ORDINARY_FOSTER_HOME:
        return nothing("Ordinære fosterhjem er kommunale tiltak; ingen egenbetaling til staten.")
    status = RateStatus.VERIFIED
    reasons: list[str] = []
    cutoff: date | None = None  # first day without co-payment
    max_months = rules.emergency_home_max_months
    if (
        p.measure is MeasureType.EMERGENCY_HOME
        and max_months is not None
        and p.start >= rules.emergency_home_limit_from
    ):
        cutoff = _add_months(p.start, max_months)
        if cutoff <= hi:
            status = RateStatus.UNVERIFIED
            reasons.append(
                f"Beredskapshjem: egenbetaling i høyst {max_months} måneder (til "
                f"{cutoff - timedelta(days=1):%d.%m.%Y}); deretter rent kommunal kostnad."
            )
    assessment_from = rules.parent_centre_assessment_only_from
    if p.measure is MeasureType.PARENT_CHILD_CENTRE and assessment_from is not None:
        if p.stay is None and hi >= assessment_from:
            raise CopaymentError("Oppgi om oppholdet på senteret er utredning eller behandling.")
        if p.stay is StayKind.TREATMENT and hi >= assessment_from:
            status = RateStatus.UNVERIFIED
            reasons.append("Senter for foreldre og barn: egenbetaling bare for utredningsopphold.")
            cutoff = assessment_from if cutoff is None else min(cutoff, assessment_from)
    charged_hi = hi if cutoff is None else min(hi, cutoff - timedelta(days=1))
    charged = max(0, (charged_hi - lo).days + 1)
    if charged == 0:
        return nothing(" ".join(reasons), status)
    year = rate_year or first.year
    tier = _tier(p, year, rules)
    rate = rates.get(year, p.measure, tier)
    status = status.weakest(rate.status)
    if tier is Tier.PRE_2022:
        reasons.append("Overgangssats: plassert før 2022.")
    full = rate.amount * p.factor
    if charged == dim:
        amount = to_ore(full)
    elif rules.proration is Proration.FULL_MONTH:
        status = status.weakest(RateStatus.UNVERIFIED)
        amount = to_ore(full)
        reasons.append(f"{charged} av {dim} dager; påbegynt måned regnes som hel.")
    else:
        status = status.weakest(RateStatus.UNVERIFIED)
        amount = to_ore(full * charged / dim)
        reasons.append(f"{charged} av {dim} dager: {format_nok(full)} × {charged}/{dim}.")
    return MonthlyCopayment(first, amount, charged, dim, p.factor, rate, status, " ".join(reasons))


def _table(
    extra_rates: Mapping[RateKey, Rate] | Iterable[Rate] | None, table: RateTable | None
) -> RateTable:
    base = table or default_rate_table()
    return base.with_overrides(extra_rates) if extra_rates else base


def monthly_copayment(
    measure: MeasureType,
    month: date,
    placement_start: date,
    *,
    placement_end: date | None = None,
    parents: int = 1,
    children: int = 1,
    stay: StayKind | None = None,
    rules: CopaymentRules = DEFAULT_RULES,
    extra_rates: Mapping[RateKey, Rate] | Iterable[Rate] | None = None,
    table: RateTable | None = None,
) -> MonthlyCopayment:
    """The co-payment for the calendar month containing ``month``."""
    placement = Placement(
        MeasureType(measure), placement_start, placement_end, parents, children, stay
    )
    first = month.replace(day=1)
    return _month(placement, first, first, date.max, rules, _table(extra_rates, table))


def _months(start: date, end: date) -> Iterable[date]:
    first = start.replace(day=1)
    while first <= end:
        yield first
        first = _add_months(first, 1)


def copayment_for_period(
    placement: Placement,
    start: date,
    end: date,
    *,
    rules: CopaymentRules = DEFAULT_RULES,
    extra_rates: Mapping[RateKey, Rate] | Iterable[Rate] | None = None,
    table: RateTable | None = None,
    rate_year: int | None = None,
) -> PeriodCopayment:
    """Co-payment month by month for ``start``–``end`` (inclusive), clipped to the placement.

    Months outside the placement get no line (an empty period gives total 0).
    Each month is rounded to øre on its own; the total is the sum of the monthly lines.
    ``rate_year`` prices every month at that year's rates (used for comparisons).
    """
    if end < start:
        raise CopaymentError(f"Perioden slutter ({end}) før den begynner ({start}).")
    rates = _table(extra_rates, table)
    lo, hi = max(start, placement.start), min(end, placement.end or end)
    lines = tuple(
        _month(placement, m, start, end, rules, rates, rate_year) for m in _months(lo, hi)
    )
    return PeriodCopayment(placement, start, end, lines)


@dataclass(frozen=True, slots=True)
class ReformComparison:
    actual: PeriodCopayment
    pre_reform: PeriodCopayment
    baseline_year: int

    @property
    def difference(self) -> Decimal:
        """Extra cost to the municipality caused by the reform (negative = saving)."""
        return self.actual.total - self.pre_reform.total


def compare_with_pre_reform(
    placement: Placement,
    start: date,
    end: date,
    *,
    baseline_year: int = 2021,
    rules: CopaymentRules = DEFAULT_RULES,
    extra_rates: Mapping[RateKey, Rate] | Iterable[Rate] | None = None,
    table: RateTable | None = None,
) -> ReformComparison:
    """What ``placement`` costs under the actual rules vs under the pre-2022 rates.

    The pre-reform side prices every month at ``baseline_year``'s standard rate (2021:
    institution 76 900, emergency home 36 200 — both ⚠ from seed 002) without the 2022
    rules (no 12-month limit, no assessment-only rule, no transitional tier).
    """
    old_rules = replace(
        rules,
        emergency_home_max_months=None,
        parent_centre_assessment_only_from=None,
        transitional_measures=frozenset(),
    )
    rates = _table(extra_rates, table)
    return ReformComparison(
        actual=copayment_for_period(placement, start, end, rules=rules, table=rates),
        pre_reform=copayment_for_period(
            placement, start, end, rules=old_rules, table=rates, rate_year=baseline_year
        ),
        baseline_year=baseline_year,
    )
