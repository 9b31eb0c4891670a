"""Date arithmetic: domstolloven §§ 148–149 and SSB's day mode (reference/domain-rules.md §1.1)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barnevern.rules.dates import (
    Arithmetic,
    Span,
    add_days,
    add_months,
    add_span,
    add_weeks,
    add_years,
    is_public_holiday,
    is_working_day,
    last_day_of_month,
    norwegian_public_holidays,
    roll_forward,
)

DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year: last day of February
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 3, date(2024, 4, 30)),  # § 148: 31 April → 30 April (§1.3)
        (date(2024, 1, 31), 6, date(2024, 7, 31)),  # extended investigation (§1.3)
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
        (date(2022, 11, 30), 3, date(2023, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 8, 31), 1, date(2024, 9, 30)),
        (date(2024, 10, 15), 3, date(2025, 1, 15)),  # across a year end
        (date(2024, 12, 31), 2, date(2025, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 5, 17), 0, date(2024, 5, 17)),
    ],
)
def test_add_months_follows_section_148(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2004, 2, 29), 18, date(2022, 2, 28)),
        (date(2004, 2, 29), 20, date(2024, 2, 29)),
        (date(2006, 6, 1), 25, date(2031, 6, 1)),
    ],
)
def test_add_years(start: date, years: int, expected: date) -> None:
    assert add_years(start, years) == expected


def test_add_days_and_weeks_keep_weekday_for_weeks() -> None:
    assert add_days(date(2024, 1, 24), 7) == date(2024, 1, 31)
    assert add_weeks(date(2024, 1, 24), 6) == date(2024, 3, 6)
    assert add_weeks(date(2024, 1, 24), 6).weekday() == date(2024, 1, 24).weekday()
    assert add_days(date(2024, 3, 1), -1) == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("day", "holiday"),
    [
        (date(2024, 1, 1), True),  # 1. nyttårsdag
        (date(2024, 3, 28), True),  # skjærtorsdag
        (date(2024, 3, 29), True),  # langfredag
        (date(2024, 3, 31), True),  # 1. påskedag (a Sunday, still named)
        (date(2024, 4, 1), True),  # 2. påskedag
        (date(2024, 5, 1), True),
        (date(2024, 5, 9), True),  # Kristi himmelfartsdag
        (date(2024, 5, 17), True),
        (date(2024, 5, 20), True),  # 2. pinsedag
        (date(2024, 12, 25), True),
        (date(2024, 12, 26), True),
        (date(2024, 12, 24), False),  # julaften is not a public holiday
        (date(2024, 4, 7), False),  # an ordinary Sunday
        (date(2024, 4, 2), False),
    ],
)
def test_public_holidays_2024(day: date, holiday: bool) -> None:
    assert is_public_holiday(day) is holiday


def test_ordinary_sundays_are_not_listed_as_holidays() -> None:
    sundays = [d for d in norwegian_public_holidays(2024) if d.weekday() == 6]
    assert sorted(sundays) == [date(2024, 3, 31), date(2024, 5, 19)]  # påske, pinse


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 5, 17), date(2024, 5, 21)),  # Fri 17 May → Sat, Sun, Mon 2. pinse → Tue
        (date(2024, 3, 28), date(2024, 4, 2)),  # Easter: Thu..Mon → Tue
        (date(2024, 4, 1), date(2024, 4, 2)),  # Easter Monday 2024-04-01
        (date(2024, 4, 6), date(2024, 4, 8)),  # Saturday → Monday
        (date(2024, 4, 7), date(2024, 4, 8)),  # Sunday → Monday
        (date(2024, 12, 24), date(2024, 12, 24)),  # julaften is a working day
        (date(2024, 12, 25), date(2024, 12, 27)),
        (date(2023, 5, 17), date(2023, 5, 19)),  # Wed 17 May, Thu 18 May Ascension → Fri
        (date(2024, 4, 2), date(2024, 4, 2)),  # already a working day
    ],
)
def test_roll_forward_past_weekends_and_holidays(day: date, expected: date) -> None:
    assert roll_forward(day) == expected


def test_roll_forward_extra_closed_days() -> None:
    assert roll_forward(date(2024, 12, 24), extra_closed={date(2024, 12, 24)}) == date(2024, 12, 27)
    assert not is_working_day(date(2024, 12, 31), extra_closed=[date(2024, 12, 31)])


@pytest.mark.parametrize(
    ("start", "span", "arithmetic", "expected"),
    [
        (date(2024, 1, 31), Span(months=3), Arithmetic.LAW, date(2024, 4, 30)),
        (date(2024, 1, 31), Span(months=3), Arithmetic.SSB_DAYS, date(2024, 4, 30)),
        (date(2024, 1, 31), Span(months=6), Arithmetic.SSB_DAYS, date(2024, 7, 29)),
        (date(2023, 1, 31), Span(months=3), Arithmetic.LAW, date(2023, 4, 30)),  # Sunday
        (date(2023, 1, 31), Span(months=3), Arithmetic.LAW_ROLL_FORWARD, date(2023, 5, 2)),
        (date(2023, 1, 31), Span(months=3), Arithmetic.SSB_DAYS, date(2023, 5, 1)),
        (date(2024, 2, 17), Span(months=3), Arithmetic.LAW_ROLL_FORWARD, date(2024, 5, 21)),
        (date(2024, 3, 25), Span(weeks=1), Arithmetic.LAW_ROLL_FORWARD, date(2024, 4, 2)),
        (date(2024, 3, 25), Span(weeks=1), Arithmetic.LAW, date(2024, 4, 1)),
        (date(2024, 1, 1), Span(months=1, weeks=1, days=1), Arithmetic.LAW, date(2024, 2, 9)),
        (date(2024, 1, 1), Span(months=1, weeks=1, days=1), Arithmetic.SSB_DAYS, date(2024, 2, 8)),
        (date(2024, 1, 1), Span(), Arithmetic.LAW, date(2024, 1, 1)),
    ],
)
def test_add_span(start: date, span: Span, arithmetic: Arithmetic, expected: date) -> None:
    assert add_span(start, span, arithmetic) == expected


@pytest.mark.parametrize(
    ("span", "text"),
    [(Span(months=3), "P3M"), (Span(weeks=6), "P6W"), (Span(), "P0D"), (Span(1, 2, 3), "P1M2W3D")],
)
def test_span_serialises_and_parses(span: Span, text: str) -> None:
    assert str(span) == text
    assert Span.parse(text) == span


@pytest.mark.parametrize("text", ["", "P", "3M", "P-1D", "PT3H"])
def test_span_parse_rejects_garbage(text: str) -> None:
    with pytest.raises(ValueError):
        Span.parse(text)


def test_span_cannot_be_negative() -> None:
    with pytest.raises(ValueError):
        Span(days=-1)


@given(DATES, st.integers(min_value=0, max_value=600))
def test_add_months_is_never_before_start_and_stays_in_target_month(start: date, n: int) -> None:
    result = add_months(start, n)
    assert result >= start
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == n
    # same day number, or clamped to the target month's last day (§ 148 second paragraph)
    assert result.day == start.day or (
        result.day < start.day and result == last_day_of_month(result.year, result.month)
    )


@given(
    DATES,
    st.sampled_from(list(Arithmetic)),
    st.integers(0, 24),
    st.integers(0, 10),
    st.integers(0, 60),
)
def test_deadline_is_never_before_start(
    start: date, arithmetic: Arithmetic, months: int, weeks: int, days: int
) -> None:
    assert add_span(start, Span(months, weeks, days), arithmetic) >= start


@given(
    DATES,
    st.sampled_from(list(Arithmetic)),
    st.integers(0, 24),
    st.integers(0, 60),
    st.integers(1, 60),
)
def test_more_days_never_moves_a_deadline_earlier(
    start: date, arithmetic: Arithmetic, months: int, days: int, more: int
) -> None:
    shorter = add_span(start, Span(months=months, days=days), arithmetic)
    longer = add_span(start, Span(months=months, days=days + more), arithmetic)
    assert longer >= shorter


@given(DATES, st.sampled_from(list(Arithmetic)), st.integers(0, 23))
def test_more_months_never_moves_a_deadline_earlier(
    start: date, arithmetic: Arithmetic, months: int
) -> None:
    assert add_span(start, Span(months=months + 1), arithmetic) >= add_span(
        start, Span(months=months), arithmetic
    )


@given(DATES)
def test_roll_forward_lands_on_a_working_day_and_never_goes_back(day: date) -> None:
    result = roll_forward(day)
    assert result >= day
    assert result.weekday() < 5
    assert not is_public_holiday(result)
    assert result - day <= timedelta(days=6)  # Norway's longest closed run is Easter
    for skipped in range((result - day).days):
        assert not is_working_day(day + timedelta(days=skipped))


@given(DATES)
def test_roll_forward_is_idempotent(day: date) -> None:
    assert roll_forward(roll_forward(day)) == roll_forward(day)
