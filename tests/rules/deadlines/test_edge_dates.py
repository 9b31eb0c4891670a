"""One table per rule D1–D14 with the law's own examples and edge dates: month ends
(31 January + 1 month), leap years, the year end, and Norwegian public holidays with § 149
roll-forward (Easter 2024: 28 Mar–1 Apr; 2025: 17–21 Apr; 17 May; Ascension 2024-05-09;
Whit Monday 2024-05-20; Christmas). Dates checked by hand against domstolloven § 148:
weeks end on the same weekday, months on the same day number or the month's last day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from barnevern.rules.dates import Arithmetic, Span
from barnevern.rules.deadlines.model import Deadline, DeadlineConfig
from barnevern.rules.deadlines.statutory import (
    d1_melding_review,
    d2_feedback_to_reporter,
    d3_investigation,
    d5_plan_evaluation,
    d6_care_plan,
    d7_care_order_execution,
    d8_emergency_placement,
    d9_emergency_behaviour,
    d11_emergency_appeal,
    d14_aftercare_age_limit,
)

LAW = DeadlineConfig()
ROLL = DeadlineConfig(arithmetic=Arithmetic.LAW_ROLL_FORWARD)
MONTHLY = DeadlineConfig(plan_evaluation_interval=Span(months=1))
MONTHLY_ROLL = DeadlineConfig(plan_evaluation_interval=Span(months=1), arithmetic=Arithmetic.LAW_ROLL_FORWARD)


@pytest.mark.parametrize(
    ("rule", "make", "start", "config", "due"),
    [
        # D1: one week
        ("D1", d1_melding_review, date(2024, 3, 21), LAW, date(2024, 3, 28)),  # Maundy Thursday
        ("D1", d1_melding_review, date(2024, 3, 21), ROLL, date(2024, 4, 2)),  # past Easter Monday
        ("D1", d1_melding_review, date(2024, 12, 18), ROLL, date(2024, 12, 27)),  # 25/26 Dec
        ("D1", d1_melding_review, date(2024, 5, 2), ROLL, date(2024, 5, 10)),  # Ascension 9 May
        # D2: three weeks
        ("D2", d2_feedback_to_reporter, date(2024, 2, 8), LAW, date(2024, 2, 29)),  # leap day
        ("D2", d2_feedback_to_reporter, date(2024, 12, 11), ROLL, date(2025, 1, 2)),  # 1 January
        # D7: six weeks from the board's decision
        ("D7", d7_care_order_execution, date(2024, 2, 15), LAW, date(2024, 3, 28)),  # Maundy Thursday
        # D8: six weeks; six months abroad is in test_statutory
        ("D8", d8_emergency_placement, date(2024, 4, 5), ROLL, date(2024, 5, 21)),  # 17 May → Whit Monday → Tue
        ("D8", d8_emergency_placement, date(2025, 11, 14), ROLL, date(2025, 12, 29)),  # 26 Dec Fri → Mon 29
        # D9: two weeks
        ("D9", d9_emergency_behaviour, date(2024, 5, 3), ROLL, date(2024, 5, 21)),  # 17 May
        ("D9", d9_emergency_behaviour, date(2025, 4, 7), ROLL, date(2025, 4, 22)),  # Easter Monday 2025
        # D11: one week
        ("D11", d11_emergency_appeal, date(2024, 5, 2), LAW, date(2024, 5, 9)),  # Ascension, plain § 148
        ("D11", d11_emergency_appeal, date(2024, 5, 2), ROLL, date(2024, 5, 10)),
    ],
)
def test_week_rules_at_holidays(
    rule: str, make: Callable[..., Deadline], start: date, config: DeadlineConfig, due: date
) -> None:
    deadline = make(start, config=config)
    assert deadline.rule == rule
    assert deadline.due == due


def test_d7_roll_forward_past_maundy_thursday_and_easter() -> None:
    # 2024-02-15 + 6 weeks = Thursday 2024-03-28 (skjærtorsdag) → Tuesday 2 April
    assert d7_care_order_execution(date(2024, 2, 15), ROLL).due == date(2024, 4, 2)


@pytest.mark.parametrize(
    ("received", "extended", "config", "start", "due"),
    [
        (date(2024, 1, 24), False, LAW, date(2024, 1, 31), date(2024, 4, 30)),  # 31 Jan + 3 months
        (date(2024, 1, 24), True, LAW, date(2024, 1, 31), date(2024, 7, 31)),  # + 6 months
        (date(2023, 11, 23), False, LAW, date(2023, 11, 30), date(2024, 2, 29)),  # leap year
        (date(2022, 11, 23), False, LAW, date(2022, 11, 30), date(2023, 2, 28)),  # no leap day
        (date(2024, 12, 24), False, LAW, date(2024, 12, 31), date(2025, 3, 31)),  # year end
        (date(2024, 12, 21), False, ROLL, date(2024, 12, 28), date(2025, 3, 28)),  # a Friday, no roll
        (date(2024, 10, 9), True, ROLL, date(2024, 10, 16), date(2025, 4, 16)),  # Wednesday before Easter
        (date(2024, 10, 10), True, ROLL, date(2024, 10, 17), date(2025, 4, 22)),  # Maundy Thu → Tue
    ],
)
def test_d3_month_ends_leap_years_and_easter(
    received: date, extended: bool, config: DeadlineConfig, start: date, due: date
) -> None:
    deadline = d3_investigation(received, extension_granted=extended, config=config)
    assert deadline.start == start
    assert deadline.due == due


@pytest.mark.parametrize(
    ("previous", "config", "due"),
    [
        (date(2024, 1, 31), MONTHLY, date(2024, 2, 29)),  # 31 Jan + 1 month, leap year
        (date(2023, 1, 31), MONTHLY, date(2023, 2, 28)),  # 31 Jan + 1 month
        (date(2024, 2, 29), MONTHLY, date(2024, 3, 29)),  # from a leap day
        (date(2024, 4, 17), MONTHLY_ROLL, date(2024, 5, 21)),  # 17 May → Whit Monday → Tue
        (date(2024, 11, 30), LAW, date(2025, 2, 28)),  # default quarterly interval
    ],
)
def test_d5_evaluation_month_arithmetic(previous: date, config: DeadlineConfig, due: date) -> None:
    assert d5_plan_evaluation(previous, config).due == due


@pytest.mark.parametrize(("config", "due"), [(LAW, date(2024, 12, 25)), (ROLL, date(2024, 12, 27))])
def test_d6_care_plan_on_a_placement_at_christmas(config: DeadlineConfig, due: date) -> None:
    # P0D («before the child moves in») ends on the placement day; § 149 moves a deadline that
    # ends on a public holiday to the next working day, so with roll-forward it is 27 December
    assert d6_care_plan(date(2024, 12, 25), config).due == due


@pytest.mark.parametrize(
    ("birth", "due", "limit"),
    [
        (date(2004, 2, 29), date(2029, 2, 28), 25),  # leap-day birthday, § 148: last day of Feb
        (date(1997, 12, 31), date(2020, 12, 31), 23),  # 23rd birthday before 2021-01-01
        (date(1998, 1, 1), date(2023, 1, 1), 25),  # 23rd birthday on 2021-01-01: 25
    ],
)
def test_d14_age_limit_at_leap_days_and_the_2021_change(birth: date, due: date, limit: int) -> None:
    deadline = d14_aftercare_age_limit(birth)
    assert deadline.due == due
    assert f"{limit} år" in deadline.note_nb
