"""Small tables of the report that the owning app gives exact: suppressed for the public version.

The indicator tables come already published from the stats app. Counts from other apps
(deadlines met/breached per municipality, avvik per category) go through
``rules.suppression.suppress_table`` here, with the municipalities (or statuses) as columns and
a published total per row; a share is shown only where both its counts are shown.

Values are JSON-ready: ``int``, ``None`` (missing, printed «..»), ``":"`` (suppressed) or a
decimal string (``"12.3"``, shares as fractions ``"0.6667"``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from barnevern.rules.suppression import SUPPRESSED, suppress_table

__all__ = ["SUPPRESSED", "Grid", "note_text", "value_json"]


def note_text(count: int) -> str:
    """The seeds' wording: «prikket 2 kommuner» (rules.suppression uses the same words)."""
    if count <= 0:
        return ""
    return f"prikket {count} kommune" if count == 1 else f"prikket {count} kommuner"


def value_json(value: Any) -> Any:
    """Decimal → string; int, None and ":" unchanged."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):  # never expected: figures are int or Decimal
        raise TypeError("Tall i rapporten må være int eller Decimal, ikke float.")
    return value


class Grid:
    """Counts ``{row: {column: int}}`` with a total per row, suppressed when ``public``."""

    def __init__(self, counts: Mapping[Any, Mapping[Any, int]], *, public: bool, members: Sequence[Any]):
        self.counts = counts
        self.public = public
        self.members = tuple(members)
        self._suppressed = (
            suppress_table(counts, row_totals=True, col_totals=False) if public and counts else None
        )

    def hidden(self, row: Any, col: Any) -> bool:
        return self._suppressed is not None and (row, col) in self._suppressed.hidden

    def cell(self, row: Any, col: Any) -> int | str:
        if self._suppressed is not None:
            return self._suppressed.cells[row][col]
        return self.counts[row].get(col, 0)

    def total_hidden(self, row: Any) -> bool:
        return self.total(row) == SUPPRESSED

    def total(self, row: Any) -> int | str:
        if self._suppressed is not None and self._suppressed.row_totals is not None:
            return self._suppressed.row_totals[row]
        return sum(self.counts[row].values())

    def note(self, row: Any) -> str:
        """«prikket N kommuner»: member municipalities hidden in this row (public only)."""
        if self._suppressed is None:
            return ""
        return note_text(sum(1 for col in self.members if (row, col) in self._suppressed.hidden))
