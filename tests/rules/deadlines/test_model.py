"""Status of a deadline relative to "today", and the act in force on a date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barnevern.rules.dates import Span
from barnevern.rules.deadlines.model import DeadlineConfig, Status, classify, law_on, rule_number

DUE = date(2024, 4, 30)


@pytest.mark.parametrize(
    ("met_on", "today", "status", "days"),
    [
        (None, date(2024, 4, 1), Status.UPCOMING, 29),
        (None, DUE, Status.DUE, 0),
        (None, date(2024, 5, 3), Status.OVERDUE, 3),
        (date(2024, 4, 30), date(2024, 5, 3), Status.MET, 0),  # on the due day
        (date(2024, 2, 1), date(2024, 2, 1), Status.MET, 0),
        (date(2024, 5, 1), date(2024, 5, 3), Status.BREACHED, 1),
        (date(2024, 5, 1), date(2030, 1, 1), Status.BREACHED, 1),  # long ago stays breached
        (date(2024, 5, 10), date(2024, 5, 3), Status.OVERDUE, 3),  # done after today: unknown
    ],
)
def test_classify(met_on: date | None, today: date, status: Status, days: int) -> None:
    assert classify(DUE, met_on, today) == (status, days)


def test_status_values_are_the_documented_strings() -> None:
    assert {s.value for s in Status} == {"overdue", "due", "upcoming", "met", "breached"}
    assert Status.MET == "met"


@pytest.mark.parametrize(
    ("day", "law"),
    [(date(2022, 12, 31), "BVL"), (date(2023, 1, 1), "BVL2021"), (date(1993, 1, 1), "BVL")],
)
def test_law_on(day: date, law: str) -> None:
    assert law_on(day) == law


@pytest.mark.parametrize(("rule", "number"), [("D1", 1), ("D10", 10), ("D14", 14), ("X", 99)])
def test_rule_number_sorts_numerically(rule: str, number: int) -> None:
    assert rule_number(rule) == number


def test_config_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        DeadlineConfig(ssb_melding_grace_days=-1)
    with pytest.raises(ValueError):
        DeadlineConfig(plan_evaluation_interval=Span())


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1))),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
)
def test_days_are_never_negative_and_zero_only_when_settled(
    due: date, met_on: date | None, today: date
) -> None:
    status, days = classify(due, met_on, today)
    if status in (Status.MET, Status.DUE):
        assert days == 0
    else:
        assert days > 0
    if status is Status.MET:
        assert met_on is not None
        assert met_on <= due
        assert met_on <= today
