from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barnevern.rules.money import (
    NBSP,
    MoneyError,
    format_nok,
    parse_nok,
    split_by_weights,
    to_ore,
)

D = Decimal


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("2.345"), D("2.35")),
        (D("2.344"), D("2.34")),
        (D("-2.345"), D("-2.35")),
        (D("0.005"), D("0.01")),
        (D("0.0049"), D("0.00")),
        (1877812, D("1877812.00")),
        ("1177812.5", D("1177812.50")),
    ],
)
def test_to_ore_rounds_half_up(value: Decimal | int | str, expected: Decimal) -> None:
    assert to_ore(value) == expected
    assert to_ore(value).as_tuple().exponent == -2


def test_to_ore_refuses_float() -> None:
    with pytest.raises(TypeError, match="float"):
        to_ore(1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 877 812,50", D("1877812.50")),
        ("1877812.50", D("1877812.50")),
        ("kr 1 500", D("1500")),
        ("kr. 76.900", D("76900")),  # seed 002: «kr. 76.900 pr. mnd.»
        ("kr.175.000", D("175000")),
        ("1.877.812", D("1877812")),  # seed 002: «kr. 1.877.812»
        ("1.877.812,50", D("1877812.50")),
        ("1,877,812.50", D("1877812.50")),
        ("1 500,-", D("1500")),
        ("-250,75", D("-250.75")),
        ("\u2212250,75", D("-250.75")),
        ("1 500 kr", D("1500")),
        ("NOK 2 100 000", D("2100000")),
        (f"1{NBSP}877{NBSP}812,5", D("1877812.5")),
        ("1\u202f000", D("1000")),
        ("0,5", D("0.5")),
        ("1.5", D("1.5")),
        ("kr -700 000", D("-700000")),
    ],
)
def test_parse_nok_accepts_norwegian_formats(text: str, expected: Decimal) -> None:
    assert parse_nok(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Ugyldig"),
        ("kr", "Ugyldig"),
        ("abc", "Ugyldig"),
        ("1,005", "to desimaler"),
        ("12,3,4", "desimalkomma"),
        ("12.34.5", "tusenskille"),
        ("1234.567,8", "tusenskille"),
        ("1 500 EUR", "Ugyldig"),
    ],
)
def test_parse_nok_rejects_bad_input_in_norwegian(text: str, message: str) -> None:
    with pytest.raises(MoneyError, match=message):
        parse_nok(text)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (D("1877812.5"), "1 877 812,50"),
        (D("0"), "0,00"),
        (D("999.999"), "1 000,00"),
        (D("-250"), "-250,00"),
        (D("-0.001"), "0,00"),
        (D("1000000"), "1 000 000,00"),
        (170000, "170 000,00"),
    ],
)
def test_format_nok(amount: Decimal | int, expected: str) -> None:
    assert format_nok(amount) == expected


def test_format_nok_with_nbsp_and_kr() -> None:
    assert format_nok(D("1500"), nbsp=True, kr=True) == f"kr{NBSP}1{NBSP}500,00"
    assert format_nok(D("1500"), kr=True) == "kr 1 500,00"


money = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False)


@given(money)
def test_format_then_parse_round_trips(amount: Decimal) -> None:
    assert parse_nok(format_nok(amount)) == amount
    assert parse_nok(format_nok(amount, nbsp=True, kr=True)) == amount


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (D("100"), {"a": 1, "b": 1, "c": 1}, {"a": D("33.34"), "b": D("33.33"), "c": D("33.33")}),
        (D("100"), {"c": 1, "b": 1, "a": 1}, {"c": D("33.34"), "b": D("33.33"), "a": D("33.33")}),
        (
            D("-100"),
            {"a": 1, "b": 1, "c": 1},
            {"a": D("-33.34"), "b": D("-33.33"), "c": D("-33.33")},
        ),
        (D("0.01"), {"a": 1, "b": 1}, {"a": D("0.01"), "b": D("0.00")}),
        (D("10"), {"a": 0, "b": 3}, {"a": D("0.00"), "b": D("10.00")}),
        (D("0"), {"a": 1, "b": 2}, {"a": D("0.00"), "b": D("0.00")}),
        # the 2021 grant by the 24,9 / 75,1 % key: 293 275,188 + 884 536,812
        (
            D("1177812"),
            {"5022": D("0.249"), "5021": D("0.751")},
            {"5022": D("293275.19"), "5021": D("884536.81")},
        ),
    ],
)
def test_split_by_weights_largest_remainder(
    total: Decimal, weights: dict[str, Decimal | int], expected: dict[str, Decimal]
) -> None:
    parts = split_by_weights(total, weights)
    assert parts == expected
    assert list(parts) == list(weights)
    assert sum(parts.values()) == total


def test_split_by_weights_other_unit() -> None:
    parts = split_by_weights(D("100.0"), {"a": 1, "b": 1, "c": 1}, unit=D("0.1"))
    assert parts == {"a": D("33.4"), "b": D("33.3"), "c": D("33.3")}


@pytest.mark.parametrize(
    ("total", "weights", "message"),
    [
        (D("100"), {"a": 0, "b": 0}, "Alle vektene .* null"),
        (D("100"), {}, "Ingen fordelingsnøkkel"),
        (D("100"), {"a": -1, "b": 2}, "negative vekter"),
        (D("100.005"), {"a": 1}, "rund av først"),
    ],
)
def test_split_by_weights_errors(total: Decimal, weights: dict[str, int], message: str) -> None:
    with pytest.raises(MoneyError, match=message):
        split_by_weights(total, weights)


weights_st = st.dictionaries(
    st.text(min_size=1, max_size=4),
    st.one_of(
        st.integers(min_value=0, max_value=10**6),
        st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False),
    ),
    min_size=1,
    max_size=8,
).filter(lambda w: sum(Decimal(v) for v in w.values()) > 0)


@given(money, weights_st)
def test_split_sums_exactly_and_stays_within_one_ore(
    total: Decimal, weights: dict[str, Decimal | int]
) -> None:
    parts = split_by_weights(total, weights)
    assert sum(parts.values()) == total
    weight_sum = sum(Fraction(Decimal(w)) for w in weights.values())
    for key, part in parts.items():
        exact = Fraction(total) * Fraction(Decimal(weights[key])) / weight_sum
        assert abs(Fraction(part) - exact) < Fraction(1, 100)
        if total >= 0:
            assert part >= 0
        if weights[key] == 0:
            assert part == 0


@given(money, weights_st)
def test_split_of_a_credit_mirrors_the_cost(
    total: Decimal, weights: dict[str, Decimal | int]
) -> None:
    assert split_by_weights(-total, weights) == {
        k: -v for k, v in split_by_weights(total, weights).items()
    }
