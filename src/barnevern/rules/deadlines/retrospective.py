"""Retrospective compliance: which deadlines fell due in a period, and how they went.

Supports the annual status report's «whether the service meets the deadlines»
(``reference/domain-rules.md`` §3) and the former half-year indicators such as «andel
undersøkelser over fristen» (§2). A deadline belongs to the period in which its due date
falls; its outcome is the status computed for the "today" its items were made with.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from barnevern.rules.deadlines.model import DeadlineItem, Status, rule_number

__all__ = ["Retrospective", "RuleSummary", "retrospective"]


@dataclass(frozen=True, slots=True)
class RuleSummary:
    """Counts for one rule: met / breached / overdue (not done) / still open (due, upcoming)."""

    rule: str
    met: int = 0
    breached: int = 0
    overdue: int = 0
    open: int = 0
    days_over: int = 0
    """Sum of days over the deadline for breached and overdue items."""

    @property
    def total(self) -> int:
        return self.met + self.breached + self.overdue + self.open

    @property
    def closed(self) -> int:
        """Deadlines whose outcome is settled or already failed (all but still-open ones)."""
        return self.met + self.breached + self.overdue


@dataclass(frozen=True, slots=True)
class Retrospective:
    """The deadlines due in ``start``..``end`` (inclusive), sorted by due date."""

    start: date
    end: date
    items: tuple[DeadlineItem, ...]

    def by_rule(self) -> dict[str, RuleSummary]:
        counts: dict[str, dict[str, int]] = {}
        for item in self.items:
            row = counts.setdefault(
                item.rule, {"met": 0, "breached": 0, "overdue": 0, "open": 0, "days_over": 0}
            )
            if item.status is Status.MET:
                row["met"] += 1
            elif item.status is Status.BREACHED:
                row["breached"] += 1
                row["days_over"] += item.days
            elif item.status is Status.OVERDUE:
                row["overdue"] += 1
                row["days_over"] += item.days
            else:
                row["open"] += 1
        ordered = sorted(counts.items(), key=lambda pair: rule_number(pair[0]))
        return {rule: RuleSummary(rule=rule, **row) for rule, row in ordered}

    @property
    def met(self) -> tuple[DeadlineItem, ...]:
        return tuple(i for i in self.items if i.status is Status.MET)

    @property
    def breached(self) -> tuple[DeadlineItem, ...]:
        """Done late (breached) or not done and past due (overdue)."""
        return tuple(i for i in self.items if i.status in (Status.BREACHED, Status.OVERDUE))


def retrospective(items: Iterable[DeadlineItem], start: date, end: date) -> Retrospective:
    """The deadlines among ``items`` that fell due from ``start`` to ``end`` inclusive."""
    if end < start:
        raise ValueError("retrospective period ends before it starts")
    chosen = sorted(
        (i for i in items if start <= i.due <= end),
        key=lambda i: (i.due, rule_number(i.rule), i.sak_id, i.element_id, i.part),
    )
    return Retrospective(start=start, end=end, items=tuple(chosen))
