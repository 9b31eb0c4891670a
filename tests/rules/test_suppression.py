"""Tests for barnevern.rules.suppression (ssb-barnevern.md §4.2, domain-rules.md §7.2)."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barnevern.rules.suppression import (
    SUPPRESSED,
    SuppressedTable,
    SuppressionConfig,
    suppress_row,
    suppress_table,
)

S = SUPPRESSED


@pytest.mark.parametrize(
    ("values", "shown", "total", "note"),
    [
        # the seeds: total 58 published, two municipalities hidden
        ({"A": 30, "B": 25, "C": 2, "D": 1}, {"A": 30, "B": 25, "C": S, "D": S}, 58, 2),
        # one small cell: the next-smallest non-zero cell is hidden with it
        ({"A": 40, "B": 16, "C": 2}, {"A": 40, "B": S, "C": S}, 58, 2),
        ({"A": 40, "B": 16, "C": 17, "D": 1}, {"A": 40, "B": S, "C": 17, "D": S}, 74, 2),
        # ties: the first in table order
        ({"A": 9, "B": 9, "C": 1}, {"A": S, "B": 9, "C": S}, 19, 2),
        # zero is shown and not used as complement while a non-zero cell is left
        ({"A": 0, "B": 7, "C": 1}, {"A": 0, "B": S, "C": S}, 8, 2),
        # only zeros left: a zero becomes the complement
        ({"A": 0, "B": 1}, {"A": S, "B": S}, 1, 2),
        # nothing small: nothing hidden
        ({"A": 3, "B": 0, "C": 12}, {"A": 3, "B": 0, "C": 12}, 15, 0),
        # one municipality only: the total would reveal it
        ({"A": 2}, {"A": S}, S, 1),
        ({}, {}, 0, 0),
    ],
)
def test_suppress_row(
    values: dict[str, int], shown: dict[str, object], total: object, note: int
) -> None:
    result = suppress_row(values)
    assert dict(result.values) == shown
    assert result.total == total
    assert result.suppressed_count == note
    assert result.note() == ("prikket 1 kommune" if note == 1 else f"prikket {note} kommuner")


def test_suppress_row_without_total_has_no_secondary() -> None:
    result = suppress_row({"A": 40, "B": 16, "C": 2}, total_published=False)
    assert dict(result.values) == {"A": 40, "B": 16, "C": S}
    assert result.total is None
    assert result.secondary == frozenset()


@pytest.mark.parametrize(
    ("config", "values", "shown"),
    [
        (SuppressionConfig(threshold_high=4), {"A": 4, "B": 5, "C": 9}, {"A": S, "B": S, "C": 9}),
        (SuppressionConfig(show_zero=False), {"A": 0, "B": 5, "C": 9}, {"A": S, "B": S, "C": 9}),
        (SuppressionConfig(secondary=False), {"A": 1, "B": 5, "C": 9}, {"A": S, "B": 5, "C": 9}),
    ],
)
def test_configuration(
    config: SuppressionConfig, values: dict[str, int], shown: dict[str, object]
) -> None:
    assert dict(suppress_row(values, config).values) == shown


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="Negative"):
        suppress_row({"A": -1})


def test_indicator_by_municipality_table() -> None:
    table = {
        "meldinger": {"Bø": 40, "Midt-Telemark": 16, "Nome": 2},
        "undersøkelser": {"Bø": 30, "Midt-Telemark": 11, "Nome": 9},
        "hjelpetiltak": {"Bø": 30, "Midt-Telemark": 1, "Nome": 2},
    }
    result = suppress_table(table, col_totals=False)
    assert result.cells["meldinger"] == {"Bø": 40, "Midt-Telemark": S, "Nome": S}
    assert result.cells["undersøkelser"] == {"Bø": 30, "Midt-Telemark": 11, "Nome": 9}
    assert result.cells["hjelpetiltak"] == {"Bø": 30, "Midt-Telemark": S, "Nome": S}
    assert result.row_totals == {"meldinger": 58, "undersøkelser": 50, "hjelpetiltak": 33}
    assert result.column_totals is None
    assert result.grand_total is None
    assert result.primary == {
        ("meldinger", "Nome"),
        ("hjelpetiltak", "Midt-Telemark"),
        ("hjelpetiltak", "Nome"),
    }
    assert result.secondary == {("meldinger", "Midt-Telemark")}
    assert result.suppressed_columns == 2
    assert result.suppressed_per_row == {"meldinger": 2, "undersøkelser": 0, "hjelpetiltak": 2}
    assert result.note() == "prikket 2 kommuner"
    assert result.note("undersøkelser") == "prikket 0 kommuner"


def test_two_way_table_hides_a_rectangle() -> None:
    table = {"gutter": {"A": 1, "B": 10, "C": 20}, "jenter": {"A": 5, "B": 12, "C": 30}}
    result = suppress_table(table)
    assert result.cells == {
        "gutter": {"A": S, "B": S, "C": 20},
        "jenter": {"A": S, "B": S, "C": 30},
    }
    assert result.row_totals == {"gutter": 31, "jenter": 47}
    assert result.column_totals == {"A": 6, "B": 22, "C": 50}
    assert result.grand_total == 78


def test_bridge_between_protected_groups_is_hidden_too() -> None:
    # Two 2x2 blocks of hidden cells joined by one cell: the joining cell is fixed by the
    # equations although every line has two hidden cells. Build it with primary cells only.
    config = SuppressionConfig(threshold_high=5)
    big = 50
    table = {
        "r1": {"c1": 1, "c2": 1, "c3": big, "c4": big},
        "r2": {"c1": 1, "c2": 1, "c3": 5, "c4": big},
        "r3": {"c1": big, "c2": big, "c3": 1, "c4": 1},
        "r4": {"c1": big, "c2": big, "c3": 1, "c4": 1},
    }
    result = suppress_table(table, config)
    assert ("r2", "c3") in result.primary
    assert result.secondary == {("r1", "c3")}  # closes a cycle through the bridge
    assert not suppress_table(table, config, col_totals=False).secondary
    _assert_protected(table, result)


# --- properties ---------------------------------------------------------------------------


def _assert_lines_ok(result: SuppressedTable[int, int]) -> None:
    for row in result.rows:
        hidden = sum(1 for col in result.columns if result.cells[row][col] == S)
        if result.row_totals is not None and result.row_totals[row] != S:
            assert hidden != 1
    for col in result.columns:
        hidden = sum(1 for row in result.rows if result.cells[row][col] == S)
        if result.column_totals is not None and result.column_totals[col] != S:
            assert hidden != 1


def _assert_protected(table: dict, result: SuppressedTable) -> None:  # type: ignore[type-arg]
    """Brute force: every hidden figure can move by ±1 keeping published figures and >= 0."""
    rows, cols = result.rows, result.columns
    hidden = [(r, c) for r in rows for c in cols if result.cells[r][c] == S]
    if not hidden:
        return
    moves: dict[tuple, set[int]] = {cell: set() for cell in hidden}
    total_moves: dict[tuple, set[int]] = {}
    for steps in product((-1, 0, 1), repeat=len(hidden)):
        delta = dict(zip(hidden, steps, strict=True))
        if any(table[r].get(c, 0) + d < 0 for (r, c), d in delta.items()):
            continue
        row_d = {r: sum(delta.get((r, c), 0) for c in cols) for r in rows}
        col_d = {c: sum(delta.get((r, c), 0) for r in rows) for c in cols}
        ok = True
        if result.row_totals is not None:
            ok &= all(row_d[r] == 0 for r in rows if result.row_totals[r] != S)
        if result.column_totals is not None:
            ok &= all(col_d[c] == 0 for c in cols if result.column_totals[c] != S)
        if result.grand_total is not None and result.grand_total != S:
            ok &= sum(steps) == 0
        if not ok:
            continue
        for cell, d in delta.items():
            moves[cell].add(d)
        for r in rows:
            total_moves.setdefault(("row", r), set()).add(row_d[r])
        for c in cols:
            total_moves.setdefault(("col", c), set()).add(col_d[c])
    for cell, seen in moves.items():
        assert seen - {0}, f"hidden cell {cell} is determined"
    if result.row_totals is not None:
        for r in rows:
            if result.row_totals[r] == S:
                assert total_moves[("row", r)] - {0}, f"hidden total {r} is determined"


tables = st.integers(min_value=1, max_value=3).flatmap(
    lambda n_rows: st.integers(min_value=1, max_value=3).flatmap(
        lambda n_cols: st.lists(
            st.lists(st.sampled_from([0, 0, 1, 2, 3, 4, 7, 15]), min_size=n_cols, max_size=n_cols),
            min_size=n_rows,
            max_size=n_rows,
        )
    )
)


def _as_table(grid: list[list[int]]) -> dict[int, dict[int, int]]:
    return {r: dict(enumerate(row)) for r, row in enumerate(grid)}


@settings(max_examples=150, deadline=None)
@given(grid=tables, row_totals=st.booleans(), col_totals=st.booleans())
def test_no_hidden_cell_can_be_recomputed(
    grid: list[list[int]], row_totals: bool, col_totals: bool
) -> None:
    table = _as_table(grid)
    result = suppress_table(table, row_totals=row_totals, col_totals=col_totals)
    _assert_lines_ok(result)
    _assert_protected(table, result)
    for r, row in table.items():
        for c, value in row.items():
            shown = result.cells[r][c]
            assert shown in (S, value)
            if 1 <= value <= 2:
                assert shown == S


@settings(max_examples=60, deadline=None)
@given(
    grid=st.lists(
        st.lists(st.integers(min_value=0, max_value=30), min_size=6, max_size=6),
        min_size=1,
        max_size=5,
    ),
)
def test_larger_tables_keep_the_line_rule(grid: list[list[int]]) -> None:
    result = suppress_table(_as_table(grid), col_totals=False)
    _assert_lines_ok(result)
    assert all(result.row_totals[r] == sum(row) for r, row in enumerate(grid))  # type: ignore[index]
    assert result.suppressed_columns == len({c for _r, c in result.hidden})


def test_hide_forces_cells_and_protects_them() -> None:
    result = suppress_table({"r": {"A": 40, "B": 16, "C": 17}}, col_totals=False, hide=[("r", "A")])
    assert result.cells["r"] == {"A": S, "B": S, "C": 17}
    assert result.primary == frozenset()
    assert result.secondary == {("r", "A"), ("r", "B")}
    assert result.row_totals == {"r": 73}
