"""The one Norwegian number display and its one rounding rule (``barnevern.display``)."""

from __future__ import annotations

import doctest
from datetime import date
from decimal import Decimal

import pytest

from barnevern import display
from barnevern.display import day_text, decimal_text, number, percent, percent_of, rounded, share_percent

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Decimal("96.25"), 1, Decimal("96.3")),  # half up, not half even (96.2)
        (Decimal("96.35"), 1, Decimal("96.4")),
        (0.9625 * 100, 1, Decimal("96.3")),  # a float is read as it prints, not 96.2499…
        (2.5, 0, Decimal("3")),
        (Decimal("-2.5"), 0, Decimal("-3")),  # half away from zero
        ("12.75", 1, Decimal("12.8")),
        (7, 2, Decimal("7.00")),
    ],
)
def test_rounded_is_half_up_on_the_exact_value(value, decimals, expected):
    assert rounded(value, decimals) == expected
    assert str(rounded(value, decimals)) == str(expected)


def test_page_csv_and_xlsx_show_the_same_share():
    """Issue 22: «96,3 %» on the page and 96,2 in the CSV came from two rounding rules."""
    share = Decimal(77) / Decimal(80)  # 0.9625
    assert percent(share) == f"96,3{NB}%"
    assert decimal_text(share_percent(share)) == "96,3"
    assert share_percent(share) == Decimal("96.3")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234567, 0, f"1{NB}234{NB}567"),
        (Decimal("1234.56"), 1, f"1{NB}234,6"),
        (Decimal("12.80"), None, "12,8"),
        (Decimal("13"), None, "13"),
        (Decimal("0.0"), 1, "0,0"),
        (Decimal("-0.04"), 1, "0,0"),  # no «−0,0»
        (-1500, 0, f"\u22121{NB}500"),
    ],
)
def test_number(value, decimals, expected):
    assert number(value, decimals) == expected


def test_number_plain_spaces_and_no_grouping():
    assert number(1234567, nbsp=False) == "1 234 567"
    assert number(1234567, group=False) == "1234567"


def test_percent_and_percent_of():
    assert percent(Decimal("0.5")) == f"50,0{NB}%"
    assert percent(0.75, 0, nbsp=False) == "75 %"
    assert percent(None) == "–"
    assert percent_of(Decimal("80.00"), None) == f"80{NB}%"
    assert percent_of(Decimal("7.5"), None) == f"7,5{NB}%"
    assert percent_of(Decimal("4.46")) == f"4,5{NB}%"


def test_decimal_text_keeps_or_rounds_decimals():
    assert decimal_text(Decimal("1.50"), None) == "1,50"
    assert decimal_text(Decimal("-2.25"), 1) == "-2,3"


def test_day_text():
    assert day_text(date(2026, 1, 5)) == "05.01.2026"
    assert day_text(None) == ""
    assert day_text(None, "uoppgitt") == "uoppgitt"


def test_not_a_number_is_a_clear_error():
    with pytest.raises(ValueError, match="Ikke et tall"):
        rounded("abc")


def test_docstring_examples():
    result = doctest.testmod(display)
    assert result.attempted > 0
    assert result.failed == 0
