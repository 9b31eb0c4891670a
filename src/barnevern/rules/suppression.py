"""Small-number suppression (prikking) of figures that leave the service.

Sources: SSB, «Personopplysninger i statistikken» (``ssb-barnevern.md`` §4.2,
``domain-rules.md`` §7.2): SSB may hide cells based on few observations, «for example fewer than
3», shown with the symbol «:», and then other cells must be hidden too (secondary suppression) so
that the hidden ones cannot be recomputed from totals. No barnevern-specific threshold is
documented, so the thresholds are configurable (default: 1 and 2 hidden, 0 shown).

The rule implemented here:

1. *Primary suppression*: a cell with ``threshold_low <= value <= threshold_high`` is hidden
   (and 0 too when ``show_zero`` is off).
2. *Secondary suppression*: the published totals are kept exact where possible (the seeds
   publish «58 (prikket 2 kommuner)»). While some hidden figure can still be recomputed from the
   published cells and totals, one more figure is hidden. «Recomputed» is checked exactly,
   counts being non-negative: a hidden figure is safe only if the hidden figures can be changed
   together, keeping every published figure and no count below 0, so that it changes too. This
   covers the classic rule (a row or column with a published total must have 0 or at least 2
   hidden cells), lines whose hidden cells are all 0, and cells bridging two otherwise protected
   groups.

   The complement is chosen deterministically: first a figure that makes the exposed one safe
   at once, else one in a line where the exposed figure is the only hidden one, else one in its
   lines, else anywhere; within each group the smallest non-zero cell (ties by table order),
   zero cells after that, totals last (only a line with a single cell needs that).

Hidden values can still be bounded (two hidden cells summing to 3 are each at most 3); that is
inherent in publishing exact totals and is not treated further.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = [
    "SUPPRESSED",
    "Display",
    "SuppressedRow",
    "SuppressedTable",
    "SuppressionConfig",
    "suppress_row",
    "suppress_table",
]

SUPPRESSED = ":"

R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)
Display = int | str


@dataclass(frozen=True, slots=True)
class SuppressionConfig:
    """Counts from ``threshold_low`` to ``threshold_high`` are hidden; 0 is shown if ``show_zero``.

    ``secondary`` can be switched off for internal tables that publish no totals.
    """

    threshold_low: int = 1
    threshold_high: int = 2
    show_zero: bool = True
    secondary: bool = True

    def is_primary(self, value: int) -> bool:
        if value == 0:
            return not self.show_zero
        return self.threshold_low <= value <= self.threshold_high


def _kommuner(count: int) -> str:
    return f"prikket {count} kommune" if count == 1 else f"prikket {count} kommuner"


@dataclass(frozen=True)
class SuppressedTable(Generic[R, C]):
    """Display values after suppression: ints, or :data:`SUPPRESSED` for hidden figures."""

    rows: tuple[R, ...]
    columns: tuple[C, ...]
    cells: Mapping[R, Mapping[C, Display]]
    row_totals: Mapping[R, Display] | None
    column_totals: Mapping[C, Display] | None
    grand_total: Display | None
    primary: frozenset[tuple[R, C]]
    secondary: frozenset[tuple[R, C]]

    @property
    def hidden(self) -> frozenset[tuple[R, C]]:
        return self.primary | self.secondary

    @property
    def suppressed_columns(self) -> int:
        """Columns (municipalities) with at least one hidden cell in any row."""
        return len({col for _row, col in self.hidden})

    @property
    def suppressed_per_row(self) -> dict[R, int]:
        """Per row (indicator): how many columns (municipalities) are hidden."""
        return {row: sum(1 for r, _c in self.hidden if r == row) for row in self.rows}

    def note(self, row: R | None = None) -> str:
        """Norwegian note, e.g. «prikket 2 kommuner», for one row or the whole table."""
        count = self.suppressed_columns if row is None else self.suppressed_per_row[row]
        return _kommuner(count)


@dataclass(frozen=True)
class SuppressedRow(Generic[C]):
    """One-dimensional result of :func:`suppress_row`."""

    values: Mapping[C, Display]
    total: Display | None
    primary: frozenset[C]
    secondary: frozenset[C]

    @property
    def suppressed_count(self) -> int:
        return len(self.primary | self.secondary)

    def note(self) -> str:
        return _kommuner(self.suppressed_count)


# --- the engine ------------------------------------------------------------------------------
#
# Every figure (cell or total) is an edge between two "lines" (the sum equations it takes part
# in): a cell runs from its row to its column, a row total from the grand-total line to its row,
# a column total from its column to the grand-total line, and the grand total closes the loop.
# A sum the table does not publish at all is the free node GROUND. A change to hidden figures that
# keeps every published figure is a circulation on the hidden edges, and a figure equal to 0 can
# only grow. So a hidden figure can be recomputed exactly when no cycle passes through it:
# forward always, backward only where the figure is > 0.

GROUND = "ground"


@dataclass(slots=True)
class _Problem:
    values: list[int]
    is_total: list[bool]
    ends: list[tuple[Hashable, Hashable]]  # (tail, head) line of each figure


def _arcs(problem: _Problem, hidden: set[int], skip: int) -> dict[Hashable, list[Hashable]]:
    """Directions in which hidden figures (other than ``skip``) can change."""
    arcs: dict[Hashable, list[Hashable]] = {}
    for q in hidden:
        if q == skip:
            continue
        tail, head = problem.ends[q]
        arcs.setdefault(tail, []).append(head)
        if problem.values[q] > 0:
            arcs.setdefault(head, []).append(tail)
    return arcs


def _reach(arcs: Mapping[Hashable, list[Hashable]], start: Hashable) -> set[Hashable]:
    seen, stack = {start}, [start]
    while stack:
        for nxt in arcs.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _reversed(arcs: Mapping[Hashable, list[Hashable]]) -> dict[Hashable, list[Hashable]]:
    back: dict[Hashable, list[Hashable]] = {}
    for node, targets in arcs.items():
        for target in targets:
            back.setdefault(target, []).append(node)
    return back


def _directions(problem: _Problem, q: int) -> list[tuple[Hashable, Hashable]]:
    """(from, to) paths that would protect ``q``: head->tail lets it grow, tail->head shrink."""
    tail, head = problem.ends[q]
    return [(head, tail), (tail, head)] if problem.values[q] > 0 else [(head, tail)]


def _is_protected(problem: _Problem, hidden: set[int], q: int) -> bool:
    tail, head = problem.ends[q]
    if tail == head:  # a figure in no published sum
        return True
    arcs = _arcs(problem, hidden, q)
    return any(goal in _reach(arcs, start) for start, goal in _directions(problem, q))


def _closing(problem: _Problem, hidden: set[int], q: int) -> list[int]:
    """Published figures that, hidden as well, would close a cycle through ``q``."""
    arcs = _arcs(problem, hidden, q)
    back = _reversed(arcs)
    found = []
    for start, goal in _directions(problem, q):
        after, before = _reach(arcs, start), _reach(back, goal)
        for c, (tail, head) in enumerate(problem.ends):
            if c in hidden:
                continue
            if (tail in after and head in before) or (
                problem.values[c] > 0 and head in after and tail in before
            ):
                found.append(c)
    return found


def _complement(problem: _Problem, hidden: set[int], q: int) -> int | None:
    """The figure to hide next to protect ``q`` (see the module docstring for the order)."""
    lines = [node for node in problem.ends[q] if node != GROUND]
    lonely = [node for node in lines if sum(1 for h in hidden if node in problem.ends[h]) == 1]

    def near(group: list[Hashable]) -> list[int]:
        return [
            c
            for c in range(len(problem.values))
            if c not in hidden and any(n in group for n in problem.ends[c])
        ]

    everything = [c for c in range(len(problem.values)) if c not in hidden]
    for candidates in (_closing(problem, hidden, q), near(lonely), near(lines), everything):
        if candidates:
            return min(
                candidates,
                key=lambda c: (problem.is_total[c], problem.values[c] == 0, problem.values[c], c),
            )
    return None


def _protect(problem: _Problem, primary: set[int]) -> set[int]:
    hidden = set(primary)
    while True:
        exposed = next((q for q in sorted(hidden) if not _is_protected(problem, hidden, q)), None)
        if exposed is None:
            return hidden
        extra = _complement(problem, hidden, exposed)
        if extra is None:  # everything is hidden already
            return hidden
        hidden.add(extra)


def suppress_table(
    table: Mapping[R, Mapping[C, int]],
    config: SuppressionConfig | None = None,
    *,
    row_totals: bool = True,
    col_totals: bool = True,
    hide: Iterable[tuple[R, C]] = (),
) -> SuppressedTable[R, C]:
    """Suppress small counts in a table and protect them against recomputation from totals.

    Typical shape: rows are indicators (meldinger, undersøkelser ...), columns the member
    municipalities; ``row_totals`` publishes a total column per indicator. Missing cells count
    as 0. With both kinds of totals a grand total is published as well.

    ``hide`` names cells to hide whatever their value, e.g. a sum row whose part is hidden in
    another row (barn med tiltak = hjelpetiltak + omsorgstiltak); they are protected like
    primary cells and reported among ``secondary``.
    """
    config = config or SuppressionConfig()
    rows = tuple(table)
    columns = tuple(dict.fromkeys(col for row in rows for col in table[row]))
    grand = row_totals and col_totals
    row_line = [("row", r) if row_totals else GROUND for r in range(len(rows))]
    col_line = [("col", c) if col_totals else GROUND for c in range(len(columns))]
    grand_rows, grand_cols = (
        ("grand", "rows") if grand else GROUND,
        ("grand", "cols") if grand else GROUND,
    )

    problem = _Problem(values=[], is_total=[], ends=[])

    def add(value: int, tail: Hashable, head: Hashable, total: bool) -> int:
        problem.values.append(value)
        problem.is_total.append(total)
        problem.ends.append((tail, head))
        return len(problem.values) - 1

    cell_q: dict[tuple[int, int], int] = {}
    for r, row in enumerate(rows):
        for c, col in enumerate(columns):
            value = table[row].get(col, 0)
            if value < 0:
                raise ValueError(f"Negative antall kan ikke prikkes: {row!r}, {col!r}.")
            cell_q[r, c] = add(value, row_line[r], col_line[c], False)
    n_cells = len(problem.values)
    row_sums = [
        sum(problem.values[cell_q[r, c]] for c in range(len(columns))) for r in range(len(rows))
    ]
    col_sums = [
        sum(problem.values[cell_q[r, c]] for r in range(len(rows))) for c in range(len(columns))
    ]
    row_total_q = (
        [add(v, grand_rows, row_line[r], True) for r, v in enumerate(row_sums)]
        if row_totals
        else []
    )
    col_total_q = (
        [add(v, col_line[c], grand_cols, True) for c, v in enumerate(col_sums)]
        if col_totals
        else []
    )
    grand_q = add(sum(row_sums), grand_cols, grand_rows, True) if grand else None

    primary = {q for q in range(n_cells) if config.is_primary(problem.values[q])}
    index = {(rows[r], columns[c]): q for (r, c), q in cell_q.items()}
    forced = {index[cell] for cell in hide if cell in index}
    hidden = _protect(problem, primary | forced) if config.secondary else primary | forced

    def show(q: int) -> Display:
        return SUPPRESSED if q in hidden else problem.values[q]

    key = {q: (rows[r], columns[c]) for (r, c), q in cell_q.items()}
    return SuppressedTable(
        rows=rows,
        columns=columns,
        cells={
            row: {col: show(cell_q[r, c]) for c, col in enumerate(columns)}
            for r, row in enumerate(rows)
        },
        row_totals=dict(zip(rows, map(show, row_total_q), strict=True)) if row_totals else None,
        column_totals=dict(zip(columns, map(show, col_total_q), strict=True))
        if col_totals
        else None,
        grand_total=show(grand_q) if grand_q is not None else None,
        primary=frozenset(key[q] for q in primary),
        secondary=frozenset(key[q] for q in hidden - primary if q < n_cells),
    )


def suppress_row(
    values: Mapping[C, int],
    config: SuppressionConfig | None = None,
    *,
    total_published: bool = True,
) -> SuppressedRow[C]:
    """Suppress one indicator across municipalities, e.g. ``{"Bø": 40, "Sauherad": 2, ...}``.

    With ``total_published`` the total is kept exact and at least two municipalities are hidden
    whenever one is.
    """
    result = suppress_table({None: values}, config, row_totals=total_published, col_totals=False)
    return SuppressedRow(
        values=result.cells[None],
        total=result.row_totals[None] if result.row_totals is not None else None,
        primary=frozenset(col for _row, col in result.primary),
        secondary=frozenset(col for _row, col in result.secondary),
    )
