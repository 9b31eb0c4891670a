"""KOSTRA arithmetic as a table of cases: Σ numerators / Σ denominators, suppression, ranks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from barnevern.rules.kostra import Figure, Part, aggregate, rank, region_kind, rounded

D = Decimal


def n(value) -> Figure:
    return Figure(D(value))


def s(symbol: str) -> Figure:
    return Figure(None, symbol)


@pytest.mark.parametrize(
    ("parts", "expected", "status", "reason"),
    [
        # two members: (10 + 30) × 1000 / (1000 + 500) = 26.7, not the mean of 10.0 and 60.0 (35.0)
        ([("A", n(10), n(1000)), ("B", n(30), n(500))], D("26.7"), None, ""),
        ([("A", n(10), n(1000))], D("10.0"), None, ""),
        # SSB's «-» is an exact zero
        ([("A", s("-"), n(1000)), ("B", n(5), n(1000))], D("2.5"), None, ""),
        # one member suppressed: the service is suppressed too, with the member named
        ([("A", n(10), n(1000)), ("Folldal", s(":"), n(250))], None, ":", "SSB har prikket tallet for Folldal"),
        ([("A", n(10), n(1000)), ("Tolga", n(4), s(":"))], None, ":", "for Tolga"),
        # missing and not applicable: ..
        ([("A", n(10), n(1000)), ("B", s(".."), n(250))], None, "..", "Mangler tall for B"),
        ([("A", n(10), n(1000)), ("B", s("."), n(250))], None, "..", "Mangler tall for B"),
        ([("A", n(10), n(1000)), ("B", n(3), None)], None, "..", "Mangler tall for B"),
        # suppression wins over missing
        ([("A", s(".."), n(1000)), ("B", s(":"), n(250))], None, ":", "for B"),
        ([("A", n(0), n(0))], None, ".", "Nevneren er 0"),
        ([], None, "..", "Ingen kommuner"),
    ],
)
def test_aggregate(parts, expected, status, reason):
    got = aggregate([Part(*p) for p in parts], scale=D(1000), decimals=1)
    assert (got.value, got.status) == (expected, status)
    assert reason in got.reason
    assert got.number != 0 or expected == 0  # a symbol never becomes 0


def test_aggregate_factors_and_names():
    # 1000 kr amounts over inhabitants: (1 200 + 800) × 1000 kr / (100 + 60) = 12 500 kr
    got = aggregate([Part("A", n(1200), n(100)), Part("B", n(800), n(60))], scale=D(1), decimals=0,
                    numerator_factor=D(1000))
    assert got == Figure(D(12500))
    hidden = aggregate([Part("A", s(":"), n(1)), Part("B", s(":"), n(1)), Part("C", s(":"), n(1))],
                       scale=D(1), decimals=0)
    assert hidden.reason == "Prikket fordi SSB har prikket tallet for A, B og C."
    why = aggregate([Part("A", n(1), Figure(None, "..", "innbyggertall mangler"))], scale=D(1), decimals=0)
    assert why.reason == "Mangler tall for A (innbyggertall mangler)."


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(D("26.65"), 1, D("26.7")), (D("26.64"), 1, D("26.6")), (D("12499.5"), 0, D("12500")), (D("-0.05"), 1, D("-0.1"))],
)
def test_rounded_half_up(value, decimals, expected):
    assert rounded(value, decimals) == expected


def test_rank_needs_a_national_file_and_shares_ties():
    values = {f"{9000 + i}": n(i) for i in range(350)}  # 0 … 349
    values["3427"] = n(300)  # tie with 9300
    values["3429"] = s(":")
    assert rank(values, "3427") == (50, 351)  # 49 higher (301…349), then 3427 and 9300 share 50
    assert rank(values, "9300") == (50, 351)
    assert rank(values, "9349") == (1, 351)
    assert rank(values, "3429") is None  # suppressed: no rank
    assert rank({"3427": n(1), "3428": n(2)}, "3427") is None  # two municipalities: not national
    assert rank({"3427": n(1), "3428": n(2)}, "3427", minimum=2) == (2, 2)


@pytest.mark.parametrize(
    ("code", "kind"),
    [("3427", "kommune"), ("EKG02", "kostragruppe"), ("EKG17", "kostragruppe"), ("EKA34", "fylke"),
     ("EAK", "landet"), ("EAKUO", "landet_uten_oslo"), ("EAFK", "annet"), ("030101", "annet")],
)
def test_region_kind(code, kind):
    assert region_kind(code) == kind
