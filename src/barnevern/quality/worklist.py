"""The live worklist: which statutory deadlines are overdue, due today or due soon.

One function, ``worklist(records, today, config, ...)``, feeds the web page, the
``barnevern deadlines`` command (from files or from the database), the e-mail reminders and
the avvik proposals. It takes BVR-shaped records (``barnevern.records.SakRecord``) and never
touches the database, so it works the same on records read from files and from
``cases.queries.iter_records``. The deadlines themselves come from
``barnevern.rules.deadlines.deadlines_for_sak``; this module only selects and sorts.

* Buckets: ``overdue`` (past due, not done), ``due`` (due today), ``upcoming`` (due within
  ``horizon`` days, 14 by default).
* A case that ended on or before "today" (``SakRecord.slutt_dato``) has nothing left to act on
  and is left out; its deadlines still count in the retrospective (``quality.compliance``).
* The member municipality of a row is where the child lives on "today"
  (``SakRecord.kommune_on``): the municipality whose service must act now.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from barnevern.records import SakRecord
from barnevern.rules.deadlines import DeadlineConfig, DeadlineItem, Status, deadlines_for_sak
from barnevern.rules.deadlines.model import rule_number

__all__ = [
    "BUCKETS",
    "DEFAULT_HORIZON",
    "OPEN_STATUSES",
    "Completed",
    "WorklistRow",
    "case_items",
    "counts",
    "is_listed",
    "item_json",
    "row_json",
    "sort_rows",
    "worklist",
]

DEFAULT_HORIZON = 14
BUCKETS = (Status.OVERDUE, Status.DUE, Status.UPCOMING)
OPEN_STATUSES = frozenset(BUCKETS)

Completed = Mapping[str, Mapping[tuple[str, str], date]]
"""Per case id: ``(rule, element_id)`` → date a duty BVR does not record was done (D2)."""


@dataclass(frozen=True, slots=True)
class WorklistRow:
    """One open deadline of one case, with what the worklist shows beside it."""

    journalnummer: str
    kommune: str | None
    saksbehandler: str
    item: DeadlineItem

    @property
    def sak_id(self) -> str:
        return self.item.sak_id

    @property
    def status(self) -> Status:
        return self.item.status

    @property
    def days(self) -> int:
        return self.item.days

    @property
    def rule(self) -> str:
        return self.item.rule

    @property
    def flagged(self) -> bool:
        """Shown with ⚠: the reading is unverified or a service setting."""
        return self.item.unverified or self.item.configurable


def case_items(
    records: Iterable[SakRecord],
    today: date,
    config: DeadlineConfig,
    *,
    completed: Completed | None = None,
) -> Iterator[tuple[SakRecord, DeadlineItem]]:
    """Every deadline of every case as of ``today`` (met and breached ones included)."""
    done = completed or {}
    for rec in records:
        for item in deadlines_for_sak(rec, today, config, completed=done.get(rec.id)):
            yield rec, item


def worklist(
    records: Iterable[SakRecord],
    today: date,
    config: DeadlineConfig,
    *,
    kommune: str | None = None,
    horizon: int = DEFAULT_HORIZON,
    completed: Completed | None = None,
    owners: Mapping[str, str] | None = None,
) -> list[WorklistRow]:
    """Open deadlines: overdue, due today, or due within ``horizon`` days of ``today``.

    ``kommune`` keeps only cases whose child lives in that municipality on ``today``.
    ``owners`` maps a case id to the case worker's display name (else the record's own
    ``saksbehandler``, which KOSTRA 15F files carry). Sorted by due date (the most overdue
    first), journal number and rule.
    """
    if horizon < 0:
        raise ValueError("horizon cannot be negative")
    names = owners or {}
    rows: list[WorklistRow] = []
    for rec in records:
        if rec.er_slettet or (rec.slutt_dato is not None and rec.slutt_dato <= today):
            continue
        where = rec.kommune_on(today)
        if kommune is not None and where != kommune:
            continue
        done = (completed or {}).get(rec.id)
        for item in deadlines_for_sak(rec, today, config, completed=done):
            if not is_listed(item, horizon):
                continue
            owner = names.get(rec.id, rec.saksbehandler or "")
            rows.append(WorklistRow(rec.journalnummer, where, owner, item))
    return sort_rows(rows)


def sort_rows(rows: list[WorklistRow]) -> list[WorklistRow]:
    """By due date (the most overdue first), journal number, rule and part (in place)."""
    rows.sort(key=lambda r: (r.item.due, r.journalnummer, rule_number(r.rule), r.item.part))
    return rows


def is_listed(item: DeadlineItem, horizon: int) -> bool:
    """Whether an item belongs on the worklist: overdue, due today or due within ``horizon`` days."""
    return item.status in OPEN_STATUSES and not (item.status is Status.UPCOMING and item.days > horizon)


def counts(rows: Iterable[WorklistRow]) -> dict[str, int]:
    """Number of rows per bucket (every bucket present)."""
    result = {status.value: 0 for status in BUCKETS}
    for row in rows:
        result[row.status.value] += 1
    return result


def item_json(item: DeadlineItem, journalnummer: str = "", kommune: str | None = None) -> dict[str, Any]:
    """The JSON shape of ``barnevern deadlines --json``: the documented keys first."""
    return {
        "sak_id": item.sak_id,
        "rule": item.rule,
        "paragraph": item.paragraph,
        "due": item.due.isoformat(),
        "status": item.status.value,
        "days": item.days,
        "journalnummer": journalnummer,
        "kommune": kommune,
        "title": item.title_nb,
        "part": item.part,
        "element_type": item.element_type,
        "element_id": item.element_id,
        "unverified": item.unverified,
        "configurable": item.configurable,
    }


def row_json(row: WorklistRow) -> dict[str, Any]:
    return item_json(row.item, row.journalnummer, row.kommune)
