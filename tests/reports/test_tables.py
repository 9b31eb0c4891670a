"""Counts from other apps in the report: exact internally, suppressed in public."""

from __future__ import annotations

from decimal import Decimal

import pytest

from barnevern.reports.tables import Grid, note_text, value_json


def test_public_hides_small_counts_and_keeps_the_total():
    # «hjelpetiltak» 2021 as the Nord-Østerdal seed: 58 with two municipalities hidden
    counts = {"r": {"3427": 40, "3424": 8, "3426": 7, "3428": 2, "3429": 1}}
    grid = Grid(counts, public=True, members=list(counts["r"]))
    assert [grid.cell("r", k) for k in counts["r"]] == [40, 8, 7, ":", ":"]
    assert grid.total("r") == 58
    assert grid.note("r") == "prikket 2 kommuner"
    exact = Grid(counts, public=False, members=list(counts["r"]))
    assert [exact.cell("r", k) for k in counts["r"]] == [40, 8, 7, 2, 1]
    assert exact.note("r") == ""


def test_one_small_cell_takes_a_second_with_it():
    grid = Grid({"r": {"a": 40, "b": 5, "c": 1}}, public=True, members=["a", "b", "c"])
    assert grid.cell("r", "c") == ":"
    assert grid.cell("r", "b") == ":"  # else 1 = 46 − 40 − 5
    assert grid.total("r") == 46
    assert grid.hidden("r", "b")
    assert not grid.total_hidden("r")


def test_note_and_values():
    assert note_text(0) == ""
    assert note_text(1) == "prikket 1 kommune"
    assert note_text(3) == "prikket 3 kommuner"
    assert value_json(Decimal("0.7500")) == "0.7500"
    assert value_json(3) == 3
    assert value_json(":") == ":"
    with pytest.raises(TypeError):
        value_json(0.5)
