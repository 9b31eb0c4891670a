"""Publishing suppresses one indicator row at a time: the same cells as the whole table at once."""

from __future__ import annotations

import random

import pytest

from barnevern.rules.indicators.definitions import count_keys
from barnevern.rules.indicators.publish import SUM_ROWS, _suppress
from barnevern.rules.suppression import SuppressionConfig, suppress_table


def whole_table(counts, config):
    """The table suppressed in one ``suppress_table`` call (sum rows forced as in ``_suppress``)."""
    forced: set[tuple[str, str]] = set()
    while True:
        result = suppress_table(counts, config, row_totals=True, col_totals=False, hide=forced)
        hidden = set(result.hidden)
        missing = {
            (total, col)
            for total, parts in SUM_ROWS.items()
            if total in counts
            for part in parts
            for row, col in hidden
            if row == part and (total, col) not in hidden
        }
        if not missing:
            return {k: dict(v) for k, v in result.cells.items()}, dict(result.row_totals or {}), hidden
        forced |= missing


def random_counts(rng: random.Random, columns: list[str]) -> dict[str, dict[str, int]]:
    counts = {}
    for key in count_keys():
        counts[key] = {c: rng.choice([0, 0, 1, 2, 3, 4, 7, 12, rng.randrange(0, 40)]) for c in columns}
    for total, (a, b) in SUM_ROWS.items():  # sum rows are sums of their parts
        counts[total] = {c: counts[a][c] + counts[b][c] for c in columns}
    return counts


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(
    "config",
    [
        SuppressionConfig(),
        SuppressionConfig(threshold_low=1, threshold_high=4),
        SuppressionConfig(secondary=False),
    ],
)
def test_row_by_row_equals_the_whole_table(seed, config):
    rng = random.Random(seed)
    columns = [f"{3400 + i}" for i in range(rng.randrange(1, 9))] + (["utenfor"] if seed % 3 == 0 else [])
    counts = random_counts(rng, columns)
    assert _suppress(counts, config) == whole_table(counts, config)


def test_a_hidden_part_hides_its_sum_row_in_that_municipality():
    counts = {key: {"a": 10, "b": 10, "c": 10} for key in count_keys()}
    counts["barn_med_hjelpetiltak"] = {"a": 1, "b": 9, "c": 10}
    counts["barn_med_omsorgstiltak"] = {"a": 9, "b": 1, "c": 0}
    counts["barn_med_tiltak"] = {"a": 10, "b": 10, "c": 10}
    cells, totals, hidden = _suppress(counts, SuppressionConfig())
    assert {("barn_med_tiltak", "a"), ("barn_med_tiltak", "b")} <= hidden
    assert cells["barn_med_tiltak"]["c"] == 10
    assert totals["barn_med_tiltak"] == 30
