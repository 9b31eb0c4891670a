"""Published indicator tables: small counts hidden («:») before figures leave the service.

Pure Python. ``publish(table, config)`` takes an exact :class:`IndicatorTable` and returns the
figures that may be published (SSB «Personopplysninger i statistikken», ``ssb-barnevern.md``
§4.2; the rule itself is ``barnevern.rules.suppression``):

* Each count indicator is one row of municipalities with its published total (the service's
  total, children outside the member municipalities included). Rows are suppressed
  independently (``col_totals=False``: a sum across different indicators is meaningless and is
  never published).
* Children living outside the member municipalities are part of the total, so they take part
  in the suppression as one more column; that column is never published itself.
* **Sum rows.** ``barn_med_tiltak`` = hjelpetiltak + omsorgstiltak, and the same at the
  period's end. A part hidden in one row would be recomputed from the sum and the other part,
  so the sum is hidden in that municipality too (and then protected in its own row).
* **Shares and rates** are hidden where a count they are computed from is hidden (a rate ×
  population gives the count back).

Not covered (documented in ``docs/stats-app.md``): inequalities between indicators
(``..._innen_frist`` ≤ its base) bound hidden figures but do not reveal them; publishing
overlapping periods (a year and its half-years) lets differences be taken across tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from barnevern.rules.indicators.definitions import INDICATORS, count_keys, get
from barnevern.rules.indicators.table import IndicatorTable, Value
from barnevern.rules.periods import Period
from barnevern.rules.suppression import SUPPRESSED, SuppressionConfig, suppress_table

__all__ = ["OUTSIDE", "SUM_ROWS", "PublishedTable", "Shown", "publish"]

OUTSIDE = "utenfor"  # the column of children outside the member municipalities (never shown)

SUM_ROWS: dict[str, tuple[str, ...]] = {
    "barn_med_tiltak": ("barn_med_hjelpetiltak", "barn_med_omsorgstiltak"),
    "barn_med_tiltak_ved_slutt": ("barn_med_hjelpetiltak_ved_slutt", "barn_under_omsorg_ved_slutt"),
}

Shown = Value | str  # a figure, or SUPPRESSED


def _kommuner(count: int) -> str:
    return f"prikket {count} kommune" if count == 1 else f"prikket {count} kommuner"


@dataclass(frozen=True, slots=True)
class PublishedTable:
    """Figures fit for publication: ``by_municipality[kommunenr][key]`` and ``total[key]``.

    ``hidden`` holds the (key, kommunenr) cells shown as «:», count indicators and the shares
    and rates derived from them alike.
    """

    period: Period
    by_municipality: dict[str, dict[str, Shown]]
    total: dict[str, Shown]
    hidden: frozenset[tuple[str, str]]

    @property
    def municipalities(self) -> tuple[str, ...]:
        return tuple(self.by_municipality)

    def value(self, key: str, kommunenr: str | None = None) -> Shown:
        get(key)
        row = self.total if kommunenr is None else self.by_municipality[kommunenr]
        return row[key]

    def hidden_in(
        self, keys: Iterable[str] | None = None, municipalities: Iterable[str] | None = None
    ) -> set[str]:
        """Municipalities with at least one hidden figure among ``keys`` (default: all)."""
        wanted_keys = set(keys) if keys is not None else None
        wanted = set(municipalities) if municipalities is not None else set(self.by_municipality)
        return {k for key, k in self.hidden if k in wanted and (wanted_keys is None or key in wanted_keys)}

    def suppressed_municipalities(
        self, keys: Iterable[str] | None = None, municipalities: Iterable[str] | None = None
    ) -> int:
        return len(self.hidden_in(keys, municipalities))

    def note(self, key: str | None = None, municipalities: Iterable[str] | None = None) -> str:
        """«prikket 2 kommuner» for one indicator (or the whole table); «» when none is hidden."""
        count = self.suppressed_municipalities(None if key is None else [key], municipalities)
        return _kommuner(count) if count else ""


@lru_cache(maxsize=4096)
def _suppress_row(
    values: tuple[int, ...], forced: frozenset[int], config: SuppressionConfig
) -> tuple[tuple[int | str, ...], int | str, frozenset[int]]:
    """One indicator row (cells in column order) suppressed with its total: (cells, total,
    indexes hidden). Memoised: rows of small counts repeat across services and periods."""
    columns = range(len(values))
    result = suppress_table(
        {0: dict(zip(columns, values, strict=True))},
        config,
        row_totals=True,
        col_totals=False,
        hide=[(0, c) for c in forced],
    )
    cells = result.cells[0]
    total = (result.row_totals or {})[0]
    return tuple(cells[c] for c in columns), total, frozenset(c for _r, c in result.hidden)


def _suppress(
    counts: dict[str, dict[str, int]], config: SuppressionConfig
) -> tuple[dict[str, dict[str, int | str]], dict[str, int | str], set[tuple[str, str]]]:
    """Suppress the count rows, hiding sum rows wherever one of their parts is hidden.

    Rows are suppressed one at a time: without column totals (``col_totals=False``) the rows
    of a table share no published sum, so ``suppress_table`` over the whole table hides
    exactly what it hides in each row alone (tests compare the two), at a fraction of the work.
    """
    columns = {key: tuple(row) for key, row in counts.items()}
    forced: dict[str, set[int]] = {}
    done: dict[str, tuple[tuple[int | str, ...], int | str, frozenset[int]]] = {}
    todo = list(counts)
    while todo:
        for key in todo:
            done[key] = _suppress_row(tuple(counts[key].values()), frozenset(forced.get(key, ())), config)
        todo = []
        for total, parts in SUM_ROWS.items():
            if total not in counts:
                continue
            hidden_parts = set().union(*(done[part][2] for part in parts if part in done))
            missing = hidden_parts - done[total][2]
            if missing:
                forced.setdefault(total, set()).update(missing)
                todo.append(total)
    cells = {key: dict(zip(columns[key], done[key][0], strict=True)) for key in counts}
    totals = {key: done[key][1] for key in counts}
    hidden = {(key, columns[key][c]) for key in counts for c in done[key][2]}
    return cells, totals, hidden


def _sources(key: str, counted: frozenset[str]) -> tuple[bool, tuple[str, ...]]:
    """(is a count, the counts the figure is hidden with): itself, or a share's or rate's."""
    ind = get(key)
    if ind.is_count:
        return True, (key,)
    return False, tuple(s for s in (ind.numerator, ind.denominator) if s in counted)


_COUNTED = count_keys()
_SOURCES = {key: _sources(key, frozenset(_COUNTED)) for key in INDICATORS}


def publish(
    table: IndicatorTable, config: SuppressionConfig | None = None, keys: Sequence[str] | None = None
) -> PublishedTable:
    """The published form of ``table``. Every count indicator is suppressed (so a figure is
    hidden the same way whichever indicators a page shows); ``keys`` only limits the output."""
    config = config or SuppressionConfig()
    members = list(table.by_municipality)
    counts: dict[str, dict[str, int]] = {}
    outside = table.outside
    has_outside = any(int(outside.get(key) or 0) for key in _COUNTED)
    exact = table.by_municipality
    for key in _COUNTED:
        row = {k: int(exact[k][key] or 0) for k in members}
        if has_outside:
            row[OUTSIDE] = int(outside.get(key) or 0)
        counts[key] = row
    cells, totals, hidden_counts = _suppress(counts, config)
    hidden_in = {k: {key for key, col in hidden_counts if col == k} for k in members}

    wanted = tuple(keys) if keys is not None else tuple(INDICATORS)
    for key in wanted:
        get(key)  # a clear error for an unknown key
    hidden: set[tuple[str, str]] = set()
    by_municipality: dict[str, dict[str, Shown]] = {}
    for k in members:
        shown: dict[str, Shown] = {}
        gone = hidden_in[k]
        for key in wanted:
            is_count, sources = _SOURCES[key]
            if gone and any(s in gone for s in sources):
                shown[key] = SUPPRESSED
                hidden.add((key, k))
            else:
                shown[key] = cells[key][k] if is_count else exact[k][key]
        by_municipality[k] = shown
    total: dict[str, Shown] = {}
    for key in wanted:
        is_count, sources = _SOURCES[key]
        if any(totals.get(s) == SUPPRESSED for s in sources):
            total[key] = SUPPRESSED
        else:
            total[key] = totals[key] if is_count else table.total[key]
    return PublishedTable(
        period=table.period, by_municipality=by_municipality, total=total, hidden=frozenset(hidden)
    )
