"""The reform compensation split and the old reinforcement refund (``rules.compensation``).

Sources: [BUFDIR-FIN] and [SF-ROGALAND] (half by the actual use of measures in 2020 in a
transition extended to 2022–2024, the rest by the cost key; the refund scheme ended
31.12.2021); [S33b]/[S33c] the refund thresholds 2016/2017 ✔; seed 002 for 2021 ⚠ and for the
Oppdal amount 298 000.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from barnevern.rules.compensation import (
    CompensationError,
    ShareStatus,
    compare_with_costs,
    lost_refund,
    refund_threshold,
    split_compensation,
    split_own_amount,
    use_share,
)

D = Decimal


@pytest.mark.parametrize(
    ("year", "share", "status"),
    [
        (2022, D("0.5"), ShareStatus.VERIFIED),
        (2023, D("0.5"), ShareStatus.VERIFIED),
        (2024, D("0.5"), ShareStatus.VERIFIED),  # extended by Prop. 1 S Tillegg 1 (2021–2022)
        (2025, D("0"), ShareStatus.SECONDARY),
        (2026, D("0"), ShareStatus.SECONDARY),
    ],
)
def test_use_share_by_year(year, share, status):
    rule = use_share(year)
    assert rule.share == share
    assert rule.status is status
    assert "BUFDIR-FIN" in rule.source


def test_no_compensation_before_the_reform():
    with pytest.raises(CompensationError, match="1.1.2022"):
        use_share(2021)


@pytest.mark.parametrize(
    ("total", "year", "use", "key", "expected"),
    [
        # Oppdal/Rennebu-shaped: 2020 co-payments 10:3, key 1 500:497 (seed 002, 1.1.2021)
        (
            D("298000"),
            2022,
            {"5021": D("10"), "5022": D("3")},
            {"5021": 1500, "5022": 497},
            {"5021": (D("114615.38"), D("111917.88")), "5022": (D("34384.62"), D("37082.12"))},
        ),
        # an odd øre: the use half gets the rounded-half-up øre, the key half the rest
        (
            D("100.01"),
            2023,
            {"a": 1, "b": 1},
            {"a": 1, "b": 1},
            {"a": (D("25.01"), D("25.00")), "b": (D("25.00"), D("25.00"))},
        ),
        # after the transition everything follows the cost key
        (
            D("1000"),
            2025,
            {"a": 9, "b": 1},
            {"a": 1, "b": 3},
            {"a": (D("0"), D("250")), "b": (D("0"), D("750"))},
        ),
        # a municipality without co-payments in 2020 gets only its key part
        (
            D("900"),
            2022,
            {"a": 5, "b": 0},
            {"a": 1, "b": 2},
            {"a": (D("450"), D("150")), "b": (D("0"), D("300"))},
        ),
    ],
)
def test_split_compensation(total, year, use, key, expected):
    split = split_compensation(total, year, use, key)
    got = {line.municipality: (line.by_use, line.by_key) for line in split.lines}
    assert got == expected
    assert sum((line.total for line in split.lines), D(0)) == total
    assert split.use_pot + split.key_pot == total


def test_split_errors_are_norwegian():
    with pytest.raises(CompensationError, match="øre"):
        split_compensation(D("10.001"), 2022, {"a": 1}, {"a": 1})
    with pytest.raises(CompensationError, match="kostnadsnøkkelen"):
        split_compensation(D("10"), 2022, {"a": 1}, {"a": 0})
    with pytest.raises(CompensationError, match="negativ"):
        split_compensation(D("-1"), 2022, {"a": 1}, {"a": 1})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # shared, loaded machine
@given(
    st.integers(min_value=0, max_value=10**11).map(lambda n: D(n) / 100),
    st.integers(min_value=2022, max_value=2030),
    st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=6),
    st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=6),
)
def test_parts_always_sum_to_the_total(total, year, use, key):
    split = split_compensation(
        total, year, {str(i): w for i, w in enumerate(use)}, {str(i): w for i, w in enumerate(key)}
    )
    assert sum((line.total for line in split.lines), D(0)) == total


def test_own_amount_in_two_parts():
    assert split_own_amount(D("298000"), 2022) == (D("149000.00"), D("149000.00"))
    assert split_own_amount(D("298000.01"), 2022) == (D("149000.01"), D("149000.00"))
    assert split_own_amount(D("298000"), 2025) == (D("0.00"), D("298000.00"))


@pytest.mark.parametrize(
    ("year", "amount", "status", "source"),
    [
        (2016, D("31500"), ShareStatus.VERIFIED, "S33b"),
        (2017, D("32370"), ShareStatus.VERIFIED, "S33c"),
        (2021, D("36200"), ShareStatus.UNVERIFIED, "seed-002"),
        (2023, D("36200"), ShareStatus.UNVERIFIED, "seed-002"),  # after the scheme: 2021's
    ],
)
def test_refund_thresholds(year, amount, status, source):
    threshold = refund_threshold(year)
    assert (threshold.amount, threshold.status, threshold.source) == (amount, status, source)


def test_a_missing_threshold_is_never_guessed():
    with pytest.raises(CompensationError, match="2019"):
        refund_threshold(2019)


@pytest.mark.parametrize(
    ("reinforcement", "month", "lost"),
    [
        (D("50000"), date(2021, 12, 1), D("0")),  # the scheme still ran: nothing lost
        (D("50000"), date(2022, 1, 1), D("13800.00")),
        (D("36200"), date(2022, 6, 1), D("0")),
        (D("20000"), date(2023, 3, 1), D("0")),
        (D("36200.01"), date(2024, 3, 1), D("0.01")),
    ],
)
def test_lost_refund(reinforcement, month, lost):
    assert lost_refund(reinforcement, month) == lost


def test_compare_with_costs():
    rows = compare_with_costs(
        ["5021", "5022"],
        {"5021": D("298000")},
        {"5021": D("250000"), "5022": D("80000")},
        {"5021": D("13800")},
    )
    assert rows[0].costs == D("263800")
    assert rows[0].difference == D("34200")
    assert rows[1].compensation is None
    assert rows[1].difference is None
    assert rows[1].costs == D("80000")
