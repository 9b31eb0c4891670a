from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barnevern.rules.copayment import (
    DEFAULT_RULES,
    CopaymentError,
    MeasureType,
    MissingRate,
    Placement,
    Proration,
    Rate,
    RateStatus,
    RateTable,
    StayKind,
    Tier,
    compare_with_pre_reform,
    copayment_for_period,
    default_rate_table,
    lookup_rate,
    monthly_copayment,
)

D = Decimal
M = MeasureType
V, S, U = RateStatus.VERIFIED, RateStatus.SECONDARY, RateStatus.UNVERIFIED
STD, PRE = Tier.STANDARD, Tier.PRE_2022

# domain-rules §4.2, every figure in the table, with its status and source.
REFERENCE_RATES = [
    (2016, M.INSTITUTION, STD, "66900", V, "S33b"),
    (2016, M.INSTITUTION_UNACCOMPANIED, STD, "33450", V, "S33b"),
    (2016, M.EMERGENCY_HOME, STD, "31500", V, "S33b"),
    (2016, M.SPECIALISED_FOSTER_HOME, STD, "31500", V, "S33b"),
    (2016, M.PARENT_CHILD_CENTRE, STD, "66900", V, "S33b"),
    (2016, M.PARENT_CHILD_CENTRE_HOME, STD, "24200", V, "S33b"),
    (2016, M.MST_FFT, STD, "15750", V, "S33b"),
    (2016, M.PMTO, STD, "0", V, "S33b"),
    (2017, M.INSTITUTION, STD, "68740", V, "S33c"),
    (2017, M.INSTITUTION_UNACCOMPANIED, STD, "34370", V, "S33c"),
    (2017, M.EMERGENCY_HOME, STD, "32370", V, "S33c"),
    (2017, M.SPECIALISED_FOSTER_HOME, STD, "32370", V, "S33c"),
    (2017, M.PARENT_CHILD_CENTRE, STD, "68740", V, "S33c"),
    (2017, M.PARENT_CHILD_CENTRE_HOME, STD, "24870", V, "S33c"),
    (2017, M.MST_FFT, STD, "16185", V, "S33c"),
    (2017, M.PMTO, STD, "0", V, "S33c"),
    (2021, M.INSTITUTION, STD, "76900", U, "seed-002"),
    (2021, M.EMERGENCY_HOME, STD, "36200", U, "seed-002"),
    (2021, M.SPECIALISED_FOSTER_HOME, STD, "36200", U, "seed-002"),
    (2021, M.PARENT_CHILD_CENTRE, STD, "76900", U, "seed-002"),
    (2022, M.INSTITUTION, STD, "170000", V, "S33"),
    (2022, M.INSTITUTION_UNACCOMPANIED, STD, "85000", V, "S33"),
    (2022, M.EMERGENCY_HOME, STD, "85000", V, "S33"),
    (2022, M.EMERGENCY_HOME, PRE, "37100", V, "S33"),
    (2022, M.SPECIALISED_FOSTER_HOME, STD, "85000", V, "S33"),
    (2022, M.SPECIALISED_FOSTER_HOME, PRE, "37100", V, "S33"),
    (2022, M.PARENT_CHILD_CENTRE, STD, "71000", V, "S33"),
    (2022, M.PARENT_CHILD_CENTRE_HOME, STD, "11000", V, "S33"),
    (2022, M.MST_FFT, STD, "15000", V, "S33"),
    (2022, M.PMTO, STD, "0", V, "S33"),
    (2023, M.INSTITUTION, STD, "175000", U, "seed-002"),
    (2023, M.EMERGENCY_HOME, STD, "87500", U, "seed-002"),
    (2023, M.SPECIALISED_FOSTER_HOME, STD, "87500", U, "seed-002"),
    (2023, M.PARENT_CHILD_CENTRE, STD, "73000", U, "seed-002"),
    (2026, M.INSTITUTION, STD, "197225", S, "S36"),
]


@pytest.mark.parametrize(("year", "measure", "tier", "amount", "status", "source"), REFERENCE_RATES)
def test_shipped_table_has_every_reference_rate(
    year: int, measure: M, tier: Tier, amount: str, status: RateStatus, source: str
) -> None:
    rate = lookup_rate(year, measure, tier)
    assert (rate.amount, rate.status, rate.source) == (D(amount), status, source)


def test_shipped_table_has_nothing_else_and_every_source_is_described() -> None:
    table = default_rate_table()
    assert len(table) == len(REFERENCE_RATES)
    text = resources.files("barnevern.rules").joinpath("data/copayment_rates.json").read_text()
    sources = json.loads(text)["sources"]
    assert {rate.source for rate in table} <= set(sources)
    assert [r.status.symbol for r in table if r.year == 2026] == ["◐"]


@pytest.mark.parametrize(
    ("year", "measure", "tier", "message"),
    [
        (2024, M.INSTITUTION, STD, "barnevernsinstitusjon i 2024"),
        (2025, M.EMERGENCY_HOME, STD, "beredskapshjem i 2025"),
        (2021, M.MST_FFT, STD, "MST/FFT i 2021"),
        (2023, M.EMERGENCY_HOME, PRE, "overgangssats for plasseringer før 2022\\) i 2023"),
        (2026, M.PARENT_CHILD_CENTRE, STD, "senter for foreldre og barn \\(døgn\\) i 2026"),
    ],
)
def test_missing_rate_is_never_guessed(year: int, measure: M, tier: Tier, message: str) -> None:
    with pytest.raises(MissingRate, match=f"Mangler sats .*{message}") as err:
        lookup_rate(year, measure, tier)
    assert (err.value.year, err.value.measure, err.value.tier) == (year, measure, tier)


def admin_rate(year: int, amount: str, measure: M = M.INSTITUTION) -> Rate:
    return Rate(year, measure, D(amount), "Rundskriv (lagt inn av administrator)", V)


def test_extra_rates_take_precedence_and_fill_gaps() -> None:
    r2024, r2023 = admin_rate(2024, "180000"), admin_rate(2023, "175000")
    assert lookup_rate(2024, M.INSTITUTION, extra_rates=[r2024]) is r2024
    assert lookup_rate(2023, M.INSTITUTION, extra_rates={r2023.key: r2023}).status is V
    table = default_rate_table().with_overrides([r2024, r2023])
    assert table.get(2024, M.INSTITUTION).amount == D("180000")
    assert table.get(2023, M.INSTITUTION).source.startswith("Rundskriv")
    assert len(default_rate_table()) == len(REFERENCE_RATES)  # the shipped table is untouched
    got = monthly_copayment(M.INSTITUTION, date(2024, 5, 1), date(2024, 1, 1), extra_rates=[r2024])
    assert got.amount == D("180000.00")


def test_rate_table_refuses_duplicates() -> None:
    with pytest.raises(CopaymentError, match="to ganger"):
        RateTable([admin_rate(2024, "1"), admin_rate(2024, "2")])


@pytest.mark.parametrize(
    ("measure", "month", "start", "amount", "status"),
    [
        (M.INSTITUTION, date(2022, 5, 1), date(2022, 1, 1), "170000.00", V),
        (M.INSTITUTION, date(2023, 5, 1), date(2022, 1, 1), "175000.00", U),
        (M.INSTITUTION, date(2026, 5, 1), date(2026, 1, 1), "197225.00", S),
        # the transitional rate does not apply to institutions
        (M.INSTITUTION, date(2022, 5, 1), date(2021, 6, 1), "170000.00", V),
        (M.EMERGENCY_HOME, date(2022, 5, 1), date(2022, 1, 1), "85000.00", V),
        (M.EMERGENCY_HOME, date(2022, 5, 1), date(2021, 12, 31), "37100.00", V),
        (M.SPECIALISED_FOSTER_HOME, date(2022, 12, 1), date(2019, 3, 1), "37100.00", V),
        (M.SPECIALISED_FOSTER_HOME, date(2022, 12, 1), date(2022, 3, 1), "85000.00", V),
        (M.SPECIALISED_FOSTER_HOME, date(2021, 12, 1), date(2019, 3, 1), "36200.00", U),
        (M.INSTITUTION_UNACCOMPANIED, date(2017, 2, 1), date(2017, 1, 1), "34370.00", V),
        (M.MST_FFT, date(2022, 2, 1), date(2021, 1, 1), "15000.00", V),
        (M.PMTO, date(2022, 2, 1), date(2022, 1, 1), "0.00", V),
        (M.PARENT_CHILD_CENTRE_HOME, date(2022, 2, 1), date(2022, 1, 1), "11000.00", V),
    ],
)
def test_full_month(measure: M, month: date, start: date, amount: str, status: RateStatus) -> None:
    got = monthly_copayment(measure, month, start, stay=StayKind.ASSESSMENT)
    assert got.amount == D(amount)
    assert got.charged_days == got.days_in_month
    assert got.status is status


def test_transitional_rate_after_2022_needs_a_rate() -> None:
    with pytest.raises(MissingRate, match="overgangssats"):
        monthly_copayment(M.EMERGENCY_HOME, date(2023, 3, 1), date(2021, 3, 16))
    rate = Rate(2023, M.EMERGENCY_HOME, D("38000"), "admin", U, Tier.PRE_2022)
    got = monthly_copayment(
        M.EMERGENCY_HOME, date(2023, 3, 1), date(2021, 3, 16), extra_rates=[rate]
    )
    assert got.amount == D("38000.00")
    assert "Overgangssats" in got.reason
    ended = replace(DEFAULT_RULES, transitional_last_year=2022)
    got = monthly_copayment(M.EMERGENCY_HOME, date(2023, 3, 1), date(2021, 3, 16), rules=ended)
    assert got.amount == D("87500.00")


@pytest.mark.parametrize(
    ("month", "start", "end", "proration", "amount", "days"),
    [
        (date(2022, 3, 1), date(2022, 3, 16), None, Proration.CALENDAR_DAYS, "87741.94", 16),
        (date(2022, 2, 1), date(2022, 2, 15), None, Proration.CALENDAR_DAYS, "85000.00", 14),
        (
            date(2022, 3, 1),
            date(2022, 1, 1),
            date(2022, 3, 1),
            Proration.CALENDAR_DAYS,
            "5483.87",
            1,
        ),
        (
            date(2022, 3, 1),
            date(2022, 3, 1),
            date(2022, 3, 31),
            Proration.CALENDAR_DAYS,
            "170000.00",
            31,
        ),
        (date(2022, 3, 1), date(2022, 3, 16), None, Proration.FULL_MONTH, "170000.00", 16),
        (
            date(2022, 4, 1),
            date(2022, 3, 16),
            date(2022, 3, 31),
            Proration.CALENDAR_DAYS,
            "0.00",
            0,
        ),
    ],
)
def test_partial_month_pro_rata_by_calendar_days(
    month: date, start: date, end: date | None, proration: Proration, amount: str, days: int
) -> None:
    got = monthly_copayment(
        M.INSTITUTION,
        month,
        start,
        placement_end=end,
        rules=replace(DEFAULT_RULES, proration=proration),
    )
    assert (got.amount, got.charged_days) == (D(amount), days)
    if 0 < days < got.days_in_month:
        assert got.status is U
        assert f"{days} av {got.days_in_month} dager" in got.reason


@pytest.mark.parametrize(
    ("month", "amount", "days"),
    [
        (date(2022, 3, 1), "46612.90", 17),  # placed 15 March: 17/31 × 85 000
        (date(2023, 2, 1), "87500.00", 28),
        (date(2023, 3, 1), "39516.13", 14),  # co-payment until 14 March 2023
        (date(2023, 4, 1), "0.00", 0),
        (date(2024, 1, 1), "0.00", 0),  # no 2024 rate needed: nothing is charged
    ],
)
def test_emergency_home_twelve_month_limit(month: date, amount: str, days: int) -> None:
    got = monthly_copayment(M.EMERGENCY_HOME, month, date(2022, 3, 15))
    assert (got.amount, got.charged_days) == (D(amount), days)
    if month >= date(2023, 3, 1):
        assert "høyst 12 måneder (til 14.03.2023)" in got.reason
        assert "rent kommunal" in got.reason
        assert got.status is U


def test_emergency_home_limit_is_configurable() -> None:
    no_limit = replace(DEFAULT_RULES, emergency_home_max_months=None)
    assert monthly_copayment(
        M.EMERGENCY_HOME, date(2023, 4, 1), date(2022, 3, 15), rules=no_limit
    ).amount == D("87500.00")
    six = replace(DEFAULT_RULES, emergency_home_max_months=6)
    assert monthly_copayment(
        M.EMERGENCY_HOME, date(2022, 10, 1), date(2022, 3, 15), rules=six
    ).amount == D("0.00")
    # the limit does not touch pre-2022 placements on the verified transitional rate
    assert monthly_copayment(M.EMERGENCY_HOME, date(2022, 12, 1), date(2020, 1, 1)).amount == D(
        "37100.00"
    )


@pytest.mark.parametrize(
    ("parents", "children", "factor", "amount"),
    [
        (1, 1, "1", "71000.00"),
        (2, 1, "1.5", "106500.00"),
        (1, 2, "1.5", "106500.00"),
        (2, 2, "2.0", "142000.00"),
        (2, 3, "2.5", "177500.00"),
    ],
)
def test_parent_child_centre_multipliers(
    parents: int, children: int, factor: str, amount: str
) -> None:
    got = monthly_copayment(
        M.PARENT_CHILD_CENTRE,
        date(2022, 6, 1),
        date(2022, 5, 1),
        parents=parents,
        children=children,
        stay=StayKind.ASSESSMENT,
    )
    assert (got.factor, got.amount) == (D(factor), D(amount))


def test_parent_child_centre_only_assessment_stays() -> None:
    got = monthly_copayment(
        M.PARENT_CHILD_CENTRE, date(2023, 6, 1), date(2023, 5, 1), stay=StayKind.TREATMENT
    )
    assert got.amount == D("0.00")
    assert "bare for utredningsopphold" in got.reason
    assert got.status is U
    before = monthly_copayment(
        M.PARENT_CHILD_CENTRE, date(2021, 6, 1), date(2021, 5, 1), stay=StayKind.TREATMENT
    )
    assert before.amount == D("76900.00")
    with pytest.raises(CopaymentError, match="utredning eller behandling"):
        monthly_copayment(M.PARENT_CHILD_CENTRE, date(2023, 6, 1), date(2023, 5, 1))


def test_ordinary_foster_home_has_no_copayment() -> None:
    got = monthly_copayment(M.ORDINARY_FOSTER_HOME, date(2023, 6, 1), date(2020, 5, 1))
    assert got.amount == D("0.00")
    assert "kommunale tiltak" in got.reason


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"parents": 3}, "1 eller 2"),
        ({"children": 0}, "Minst ett barn"),
        ({"end": date(2021, 12, 31)}, "slutter"),
    ],
)
def test_placement_validation(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(CopaymentError, match=message):
        Placement(M.INSTITUTION, date(2022, 1, 1), **kwargs)  # type: ignore[arg-type]


def test_period_sums_the_months() -> None:
    placement = Placement(M.INSTITUTION, date(2022, 1, 1))
    year = copayment_for_period(placement, date(2022, 1, 1), date(2022, 12, 31))
    assert year.total == D("2040000.00")
    assert len(year.lines) == 12
    assert year.status is V
    # seed 002: «En institusjonsplass koster vel 2 mill. pr. år»
    assert copayment_for_period(placement, date(2023, 1, 1), date(2023, 12, 31)).total > 2_000_000
    # seed 002: Oppdal's extra 298 000 kr «tilsvarer under 2 måneder med institusjonsopphold»
    two_months = copayment_for_period(placement, date(2022, 1, 1), date(2022, 2, 28)).total
    assert D("298000") < two_months


def test_period_is_clipped_to_the_placement() -> None:
    placement = Placement(M.EMERGENCY_HOME, date(2022, 3, 15), date(2022, 5, 10))
    got = copayment_for_period(placement, date(2022, 1, 1), date(2022, 12, 31))
    assert [line.month for line in got.lines] == [date(2022, m, 1) for m in (3, 4, 5)]
    assert got.total == D("46612.90") + D("85000.00") + D("27419.35")
    empty = copayment_for_period(placement, date(2023, 1, 1), date(2023, 12, 31))
    assert (empty.lines, empty.total) == ((), D("0.00"))
    with pytest.raises(CopaymentError, match="Perioden slutter"):
        copayment_for_period(placement, date(2022, 2, 1), date(2022, 1, 1))


@pytest.mark.parametrize(
    ("placement", "actual", "pre_reform"),
    [
        (Placement(M.INSTITUTION, date(2022, 1, 1)), "2040000.00", "922800.00"),
        (Placement(M.EMERGENCY_HOME, date(2022, 1, 1)), "1020000.00", "434400.00"),
        (Placement(M.EMERGENCY_HOME, date(2020, 1, 1)), "445200.00", "434400.00"),
        (Placement(M.ORDINARY_FOSTER_HOME, date(2022, 1, 1)), "0.00", "0.00"),
    ],
)
def test_compare_with_pre_reform(placement: Placement, actual: str, pre_reform: str) -> None:
    got = compare_with_pre_reform(placement, date(2022, 1, 1), date(2022, 12, 31))
    assert (got.actual.total, got.pre_reform.total) == (D(actual), D(pre_reform))
    assert got.difference == D(actual) - D(pre_reform)
    assert got.baseline_year == 2021


def test_compare_drops_the_twelve_month_limit_on_the_old_side() -> None:
    placement = Placement(M.EMERGENCY_HOME, date(2022, 1, 1))
    got = compare_with_pre_reform(placement, date(2023, 1, 1), date(2023, 12, 31))
    assert got.actual.total == D("0.00")
    assert got.pre_reform.total == D("434400.00")
    assert got.difference == D("-434400.00")


measures = st.sampled_from(
    [M.INSTITUTION, M.EMERGENCY_HOME, M.SPECIALISED_FOSTER_HOME, M.PARENT_CHILD_CENTRE]
)
days_2022_2023 = st.integers(min_value=0, max_value=729).map(
    lambda n: date(2022, 1, 1) + timedelta(days=n)
)


@given(measures, days_2022_2023, st.integers(0, 400), st.integers(1, 2), st.integers(1, 3))
def test_period_properties(
    measure: M, start: date, length: int, parents: int, children: int
) -> None:
    placement = Placement(
        measure, start, start + timedelta(days=length), parents, children, StayKind.ASSESSMENT
    )
    period = copayment_for_period(placement, date(2022, 1, 1), date(2023, 12, 31))
    assert period.total == sum(line.amount for line in period.lines)
    for line in period.lines:
        assert line.rate is not None or line.amount == 0
        full = line.rate.amount * placement.factor if line.rate else D(0)
        assert 0 <= line.amount <= full
        assert line.amount == line.amount.quantize(D("0.01"))
    # splitting the period at a year boundary adds up
    first = copayment_for_period(placement, date(2022, 1, 1), date(2022, 12, 31))
    second = copayment_for_period(placement, date(2023, 1, 1), date(2023, 12, 31))
    assert first.total + second.total == period.total


def test_rate_table_records_its_legal_basis_and_the_2026_check() -> None:
    import json
    from importlib import resources

    raw = json.loads(resources.files("barnevern.rules").joinpath("data/copayment_rates.json").read_text("utf-8"))
    periods = [(b["valid_from"], b["valid_to"]) for b in raw["legal_basis"]]
    assert periods == [(None, "2022-12-31"), ("2023-01-01", None)]
    assert raw["checked_2026_12"]["searched"]
    statuses = {(r["year"], r["status"]) for r in raw["rates"] if r["measure"] == "institusjon"}
    assert (2026, "secondary") in statuses
    assert (2023, "unverified") in statuses
    assert not any(r["year"] in (2024, 2025) for r in raw["rates"])  # missing, never guessed
