"""Reporting periods: calendar years and half-years (halvår), or any closed date range.

SSB publishes yearly figures with status counts per 31.12; the former half-year reporting to
the County Governor and Bufdir used 1 January–30 June and 1 July–31 December with status counts
at 30.06 and 31.12 (``domain-rules.md`` §2). Both ends of a period are inclusive.

Text forms accepted by :meth:`Period.parse`: ``"2022"``, ``"2022H2"`` (also ``"2022-H2"``,
``"2022h1"``) and ``"2022-01-01..2022-06-30"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from barnevern.display import day_text

__all__ = ["Period", "PeriodError"]

_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_HALF = re.compile(r"^\s*(\d{4})\s*-?\s*[Hh]\s*([12])\s*$")
_RANGE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})\s*$")


class PeriodError(ValueError):
    """A period that cannot be read or is empty (message in Norwegian)."""


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A closed date range ``[start, end]`` (both days included)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(
                f"Perioden slutter ({self.end.isoformat()}) før den begynner "
                f"({self.start.isoformat()}). Bytt om fra- og til-dato."
            )

    # construction -------------------------------------------------------------------------
    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year ``year`` (1 January–31 December)."""
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """1st half-year (1 January–30 June) or 2nd half-year (1 July–31 December)."""
        if half == 1:
            return cls(date(year, 1, 1), date(year, 6, 30))
        if half == 2:
            return cls(date(year, 7, 1), date(year, 12, 31))
        raise PeriodError(f"Halvår må være 1 eller 2, ikke {half}.")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``"2022"``, ``"2022H2"`` or ``"2022-01-01..2022-06-30"``."""
        if m := _YEAR.match(text):
            return cls.year(int(m.group(1)))
        if m := _HALF.match(text):
            return cls.half(int(m.group(1)), int(m.group(2)))
        if m := _RANGE.match(text):
            try:
                start, end = date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))
            except ValueError:
                raise PeriodError(f"Ugyldig dato i perioden «{text}».") from None
            return cls(start, end)
        raise PeriodError(
            f"Ukjent periode «{text}». Skriv et år (2022), et halvår (2022H2) "
            "eller et datointervall (2022-01-01..2022-06-30)."
        )

    @classmethod
    def years(cls, first: int, last: int) -> list[Period]:
        """Every calendar year from ``first`` to ``last`` inclusive."""
        return [cls.year(y) for y in range(first, last + 1)]

    # properties ---------------------------------------------------------------------------
    @property
    def days(self) -> int:
        """Number of days in the period, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def is_year(self) -> bool:
        return self.start == date(self.start.year, 1, 1) and self.end == date(self.start.year, 12, 31)

    @property
    def half_number(self) -> int | None:
        """1 or 2 when the period is exactly a half-year, else None."""
        y = self.start.year
        if self == Period.half(y, 1):
            return 1
        if self == Period.half(y, 2):
            return 2
        return None

    @property
    def code(self) -> str:
        """Machine form that :meth:`parse` reads back: ``2022``, ``2022H2`` or a date range."""
        if self.is_year:
            return str(self.start.year)
        if (h := self.half_number) is not None:
            return f"{self.start.year}H{h}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def label(self) -> str:
        """Norwegian label: ``2022``, ``2. halvår 2022`` or ``01.01.2022–15.03.2022``."""
        if self.is_year:
            return str(self.start.year)
        if (h := self.half_number) is not None:
            return f"{h}. halvår {self.start.year}"
        return f"{day_text(self.start)}–{day_text(self.end)}"

    @property
    def end_label(self) -> str:
        """The status date in SSB's style: ``pr. 31.12.2022``."""
        return f"pr. {day_text(self.end)}"

    # queries ------------------------------------------------------------------------------
    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def overlaps(self, start: date, end: date | None) -> bool:
        """True if ``[start, end]`` (``end`` None = still open) shares a day with the period."""
        return start <= self.end and (end is None or end >= self.start)

    def overlap_days(self, start: date, end: date | None) -> int:
        """Number of days ``[start, end]`` (None = open) shares with the period."""
        first = max(start, self.start)
        last = self.end if end is None else min(end, self.end)
        return max(0, (last - first).days + 1)

    def previous(self) -> Period:
        """The period of the same length just before this one (year → year, half → half)."""
        if self.is_year:
            return Period.year(self.start.year - 1)
        if (h := self.half_number) is not None:
            return Period.half(self.start.year - (h == 1), 2 if h == 1 else 1)
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def __str__(self) -> str:
        return self.label
