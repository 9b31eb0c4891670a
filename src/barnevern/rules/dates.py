"""Explicit date arithmetic for statutory deadlines.

Sources (see ``reference/domain-rules.md`` §1.1 and ``reference/ssb-barnevern.md`` §2):

* domstolloven (LOV-1915-08-13-5) § 148: the start day is not counted; a deadline in weeks,
  months or years ends on the day of the last week or month whose name or number matches the
  start day; when that month has no such day, it ends on the month's last day
  (31 January + 1 month = 28/29 February).
* domstolloven § 149 first paragraph: a deadline ending on a Saturday, a public holiday
  (helligdag, which includes every Sunday) or a day the law treats as a holiday (1 and 17 May)
  moves to the next working day.
* SSB's control rules for the Barnevernsregisteret use plain calendar days without any
  roll-forward: Melding K3 (receipt + 7 days; the KOSTRA 15F variant allows one more day) and
  Undersøkelse K11 (receipt + 7 + 90 days, + 7 + 180 days with an extension). A month is
  therefore 30 days in :attr:`Arithmetic.SSB_DAYS`.

⚠ No source says that §§ 148–149 govern the deadlines in barnevernsloven; the choice is a
setting (:class:`Arithmetic`), never hard-coded in a rule.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays

__all__ = [
    "SSB_DAYS_PER_MONTH",
    "Arithmetic",
    "DeadlineMode",
    "Span",
    "add_days",
    "add_months",
    "add_span",
    "add_weeks",
    "add_years",
    "is_public_holiday",
    "is_working_day",
    "last_day_of_month",
    "norwegian_public_holidays",
    "roll_forward",
]

SSB_DAYS_PER_MONTH = 30
"""Days per month in SSB's control rules (Undersøkelse K11: 3 months = 90, 6 months = 180)."""


class Arithmetic(StrEnum):
    """How a deadline is counted from its start date."""

    LAW = "law"
    """Calendar months and weeks per domstolloven § 148, no roll-forward (the reference's
    worked examples)."""

    LAW_ROLL_FORWARD = "law_roll_forward"
    """As :attr:`LAW`, then moved past Saturdays, Sundays and public holidays (§ 149)."""

    SSB_DAYS = "ssb_days"
    """Plain calendar days as SSB's control rules count: a week is 7 days, a month 30 days."""


DeadlineMode = Arithmetic
"""Alias: the arithmetic mode of a deadline."""


def add_days(day: date, days: int) -> date:
    """``day`` plus ``days`` calendar days (negative goes back)."""
    return day + timedelta(days=days)


def add_weeks(day: date, weeks: int) -> date:
    """``day`` plus whole weeks; per § 148 the result has the same weekday as ``day``."""
    return day + timedelta(weeks=weeks)


def last_day_of_month(year: int, month: int) -> date:
    """The last day of the given month (29 February in leap years)."""
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """``day`` plus calendar months per domstolloven § 148 second paragraph.

    The result has the same day number as ``day``; when the target month is shorter, it is
    the target month's last day: 2024-01-31 + 3 = 2024-04-30, 2023-11-30 + 3 = 2024-02-29,
    2024-02-29 + 12 = 2025-02-28.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """``day`` plus whole years (§ 148): 29 February + 1 year = 28 February."""
    return add_months(day, 12 * years)


_SUNDAY_NAMES = frozenset({"søndag", "sunday"})


@lru_cache(maxsize=256)
def norwegian_public_holidays(year: int) -> frozenset[date]:
    """Norwegian public holidays (helligdager and 1/17 May) in ``year``.

    The ``holidays`` package can list every ordinary Sunday as a holiday in Norway
    (``include_sundays``); we leave those out and treat Sundays as weekend days instead, so
    the set means the same across package versions. Named holidays that fall on a Sunday
    (Easter Sunday, Whit Sunday) stay in.
    """
    try:
        calendar_ = holidays.country_holidays("NO", years=year, include_sundays=False)
    except TypeError:  # a version without the option: drop the generic Sunday entries
        calendar_ = holidays.country_holidays("NO", years=year)
    return frozenset(
        day
        for day, name in calendar_.items()
        if not (day.weekday() == calendar.SUNDAY and name.strip().lower() in _SUNDAY_NAMES)
    )


def is_public_holiday(day: date) -> bool:
    """True on a Norwegian public holiday (ordinary Sundays are not holidays here)."""
    return day in norwegian_public_holidays(day.year)


def is_working_day(day: date, extra_closed: Collection[date] = ()) -> bool:
    """True Monday–Friday unless the day is a public holiday or listed in ``extra_closed``."""
    return (
        day.weekday() < calendar.SATURDAY and not is_public_holiday(day) and day not in extra_closed
    )


def roll_forward(day: date, extra_closed: Collection[date] = ()) -> date:
    """The first working day on or after ``day`` (domstolloven § 149 first paragraph).

    Saturdays, Sundays and Norwegian public holidays are skipped; ``extra_closed`` adds days
    a service treats as closed. Never returns a day before ``day``.
    """
    result = day
    while not is_working_day(result, extra_closed):
        result += timedelta(days=1)
    return result


_SPAN_RE = re.compile(r"^P(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


@dataclass(frozen=True, slots=True)
class Span:
    """A deadline length: months, weeks and days (all non-negative).

    Serialises as an ISO-8601-like duration (``P3M``, ``P6W``, ``P1M2W3D``, ``P0D``).
    """

    months: int = 0
    weeks: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        if min(self.months, self.weeks, self.days) < 0:
            raise ValueError(f"a deadline span cannot be negative: {self!r}")

    @property
    def ssb_days(self) -> int:
        """The span in SSB's day arithmetic (a month is 30 days, a week 7)."""
        return self.months * SSB_DAYS_PER_MONTH + self.weeks * 7 + self.days

    def __str__(self) -> str:
        text = "P"
        text += f"{self.months}M" if self.months else ""
        text += f"{self.weeks}W" if self.weeks else ""
        text += f"{self.days}D" if self.days or text == "P" else ""
        return text

    @classmethod
    def parse(cls, text: str) -> Span:
        """Read a span written by ``str(span)``."""
        match = _SPAN_RE.match(text.strip().upper())
        if not match or text.strip().upper() == "P":
            raise ValueError(f"not a deadline span: {text!r}")
        months, weeks, days = (int(g) if g else 0 for g in match.groups())
        return cls(months=months, weeks=weeks, days=days)


def add_span(
    start: date,
    span: Span,
    arithmetic: Arithmetic = Arithmetic.LAW,
    extra_closed: Collection[date] = (),
) -> date:
    """The due date ``span`` after ``start`` in the given arithmetic.

    In the law modes months are added first (§ 148), then weeks and days; in
    :attr:`Arithmetic.LAW_ROLL_FORWARD` the result is rolled forward past closed days.
    """
    if arithmetic is Arithmetic.SSB_DAYS:
        return add_days(start, span.ssb_days)
    due = add_days(add_weeks(add_months(start, span.months), span.weeks), span.days)
    if arithmetic is Arithmetic.LAW_ROLL_FORWARD:
        due = roll_forward(due, extra_closed)
    return due
