from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barnevern.rules.allocation import (
    AllocationError,
    KeyBasis,
    KeyPeriod,
    MissingKey,
    ResetPeriod,
    distribute_grant,
    fixed_key,
    key_for,
    key_periods,
    measures_key,
    population_key,
)

D = Decimal
OPPDAL, RENNEBU = "5021", "5022"
Y2021 = date(2021, 1, 1)


def oppdal_rennebu_2021() -> KeyPeriod:
    """Seed 002: inhabitants at 1 Jan 2021, the basis for 2021 and 2022."""
    return population_key(
        {RENNEBU: 497, OPPDAL: 1500}, valid_from=Y2021, valid_to=date(2022, 12, 31)
    )


def test_population_key_gives_the_seed_percentages() -> None:
    key = oppdal_rennebu_2021()
    assert key.share_percent(RENNEBU) == D("24.9")
    assert key.percent_display_all() == {RENNEBU: "24,9 %", OPPDAL: "75,1 %"}
    assert key.basis is KeyBasis.POPULATION
    assert key.reference_date == Y2021
    assert key.note == "Innbyggere 0–17 år"


def test_shares_are_fractions_that_sum_to_one() -> None:
    shares = oppdal_rennebu_2021().shares
    assert shares[RENNEBU] == D(497) / D(1997)
    assert abs(sum(shares.values(), D(0)) - 1) < D("1e-25")


def test_percent_display_all_adds_up_to_one_hundred() -> None:
    key = measures_key({"a": 1, "b": 1, "c": 1}, valid_from=Y2021)
    assert key.percent_display_all() == {"a": "33,4 %", "b": "33,3 %", "c": "33,3 %"}


@pytest.mark.parametrize(
    ("age_to", "expected"),
    [
        (17, {RENNEBU: D(18 * 10), OPPDAL: D(18 * 30)}),  # 0–17: 18 age groups
        (18, {RENNEBU: D(19 * 10), OPPDAL: D(19 * 30)}),  # the seed's «0-18 år»
    ],
)
def test_population_key_sums_the_age_range(age_to: int, expected: dict[str, Decimal]) -> None:
    by_age = {
        RENNEBU: dict.fromkeys(range(100), 10),
        OPPDAL: dict.fromkeys(range(100), 30),
    }
    key = population_key(by_age, valid_from=Y2021, age_to=age_to)
    assert dict(key.weights) == expected


@pytest.mark.parametrize(
    ("population", "kwargs", "message"),
    [
        ({OPPDAL: -1, RENNEBU: 3}, {}, "Ugyldig innbyggertall"),
        ({OPPDAL: 0, RENNEBU: 0}, {}, "null"),
        ({}, {}, "ingen kommuner"),
        ({OPPDAL: 1}, {"age_from": 18, "age_to": 17}, "aldersintervall"),
        ({OPPDAL: 1}, {"valid_to": date(2020, 12, 31)}, "slutter"),
    ],
)
def test_population_key_rejects_bad_input(
    population: dict[str, int], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(AllocationError, match=message):
        population_key(population, valid_from=Y2021, **kwargs)  # type: ignore[arg-type]


def test_fixed_key_must_sum_to_exactly_one() -> None:
    key = fixed_key({RENNEBU: D("0.249"), OPPDAL: "0.751"}, valid_from=Y2021)
    assert key.basis is KeyBasis.FIXED
    with pytest.raises(AllocationError, match="summerer til 0,999, ikke 1"):
        fixed_key({RENNEBU: D("0.249"), OPPDAL: D("0.750")}, valid_from=Y2021)
    with pytest.raises(AllocationError, match="mellom 0 og 1"):
        fixed_key({RENNEBU: D("-0.5"), OPPDAL: D("1.5")}, valid_from=Y2021)
    with pytest.raises(TypeError, match="float"):
        fixed_key({RENNEBU: 0.249, OPPDAL: 0.751}, valid_from=Y2021)  # type: ignore[dict-item]


def test_measures_key_from_seed_counts() -> None:
    # Seed 002: children with support measures at 31.12.2022, Rennebu 27, Oppdal 54.
    key = measures_key({RENNEBU: 27, OPPDAL: 54}, valid_from=date(2023, 1, 1))
    assert key.percent_display_all() == {RENNEBU: "33,3 %", OPPDAL: "66,7 %"}
    assert key.split(D("90000")) == {RENNEBU: D("30000.00"), OPPDAL: D("60000.00")}
    with pytest.raises(AllocationError, match="barn med tiltak"):
        measures_key({RENNEBU: -2}, valid_from=Y2021)


def test_share_of_unknown_municipality() -> None:
    with pytest.raises(AllocationError, match="5001 er ikke med"):
        oppdal_rennebu_2021().share("5001")


@pytest.mark.parametrize(
    ("start", "every", "until", "expected"),
    [
        (
            Y2021,
            2,
            date(2024, 6, 30),
            [(Y2021, date(2022, 12, 31)), (date(2023, 1, 1), date(2024, 12, 31))],
        ),
        (Y2021, 2, date(2022, 12, 31), [(Y2021, date(2022, 12, 31))]),
        (
            Y2021,
            2,
            date(2023, 1, 1),
            [(Y2021, date(2022, 12, 31)), (date(2023, 1, 1), date(2024, 12, 31))],
        ),
        (Y2021, 1, date(2021, 1, 1), [(Y2021, date(2021, 12, 31))]),
        (
            date(2010, 1, 1),
            2,
            date(2013, 5, 1),
            [(date(2010, 1, 1), date(2011, 12, 31)), (date(2012, 1, 1), date(2013, 12, 31))],
        ),
        (
            date(2020, 2, 29),
            1,
            date(2021, 3, 1),
            [(date(2020, 2, 29), date(2021, 2, 27)), (date(2021, 2, 28), date(2022, 2, 27))],
        ),
    ],
)
def test_key_periods(
    start: date, every: int, until: date, expected: list[tuple[date, date]]
) -> None:
    assert key_periods(start, every, until=until) == [ResetPeriod(a, b, a) for a, b in expected]


def test_key_periods_rejects_bad_input() -> None:
    with pytest.raises(AllocationError, match="minst ett år"):
        key_periods(Y2021, 0, until=date(2022, 1, 1))
    with pytest.raises(AllocationError, match="før første regulering"):
        key_periods(Y2021, 2, until=date(2020, 1, 1))


def test_key_for_finds_the_covering_period() -> None:
    first = oppdal_rennebu_2021()
    second = population_key({RENNEBU: 480, OPPDAL: 1490}, valid_from=date(2023, 1, 1))
    assert key_for(date(2022, 12, 31), [first, second]) is first
    assert key_for(date(2030, 1, 1), [first, second]) is second
    with pytest.raises(MissingKey, match="Ingen fordelingsnøkkel gjelder for 31.12.2020"):
        key_for(date(2020, 12, 31), [first, second])
    overlapping = population_key({RENNEBU: 1, OPPDAL: 1}, valid_from=date(2022, 7, 1))
    with pytest.raises(AllocationError, match="Flere fordelingsnøkler"):
        key_for(date(2022, 8, 1), [first, overlapping])


@pytest.mark.parametrize(
    ("amount", "key", "expected"),
    [
        # 2,35 positions = 1 877 812 kr in 2021 (seed 002)
        (D("1877812"), "fixed", {RENNEBU: D("467575.19"), OPPDAL: D("1410236.81")}),
        (D("1877812"), "population", {RENNEBU: D("467337.29"), OPPDAL: D("1410474.71")}),
        # from 2022 reduced by 700 000 kr
        (D("1177812"), "fixed", {RENNEBU: D("293275.19"), OPPDAL: D("884536.81")}),
        (D("1177812"), "population", {RENNEBU: D("293125.97"), OPPDAL: D("884686.03")}),
        (D("-700000"), "fixed", {RENNEBU: D("-174300.00"), OPPDAL: D("-525700.00")}),
    ],
)
def test_distribute_grant_2021_example(
    amount: Decimal, key: str, expected: dict[str, Decimal]
) -> None:
    keys = {
        "fixed": fixed_key({RENNEBU: D("0.249"), OPPDAL: D("0.751")}, valid_from=Y2021),
        "population": oppdal_rennebu_2021(),
    }
    parts = distribute_grant(amount, keys[key])
    assert parts == expected
    assert sum(parts.values()) == amount


def test_reduction_equals_difference_of_grants() -> None:
    key = fixed_key({RENNEBU: D("0.249"), OPPDAL: D("0.751")}, valid_from=Y2021)
    before = distribute_grant(D("1877812"), key)
    after = distribute_grant(D("1877812") - D("700000"), key)
    assert {k: before[k] - after[k] for k in key.municipalities} == {
        RENNEBU: D("174300.00"),
        OPPDAL: D("525700.00"),
    }


populations = st.dictionaries(
    st.sampled_from(["5021", "5022", "5001", "5025", "5026"]),
    st.integers(min_value=0, max_value=50_000),
    min_size=1,
).filter(lambda p: sum(p.values()) > 0)
totals = st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False)


@settings(deadline=None)  # exact Fraction checks; no timing assertion under parallel load
@given(totals, populations)
def test_key_split_is_exact_nonnegative_and_within_one_ore(
    total: Decimal, population: dict[str, int]
) -> None:
    key = population_key(population, valid_from=Y2021)
    parts = key.split(total)
    assert sum(parts.values()) == total
    inhabitants = sum(population.values())
    for kommune, part in parts.items():
        assert part >= 0
        exact = Fraction(total) * population[kommune] / inhabitants
        assert abs(Fraction(part) - exact) < Fraction(1, 100)


@given(populations)
def test_displayed_percentages_add_up(population: dict[str, int]) -> None:
    key = population_key(population, valid_from=Y2021)
    shown = key.percent_display_all()
    assert sum(D(v.removesuffix(" %").replace(",", ".")) for v in shown.values()) == 100
