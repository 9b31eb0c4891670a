"""Flytting K2c and K2f: fires / doesn't fire."""

from __future__ import annotations

import pytest

from tests.control.kostra15f_support import flytting, hits, individ, plan


@pytest.mark.parametrize(
    ("individ_end", "end", "count"),
    [("2020-03-01", "2020-03-02", 1), ("2020-03-01", "2020-03-01", 0), (None, "2020-12-01", 0)],
)
def test_flytting_k2c(individ_end: str | None, end: str, count: int) -> None:
    xml = individ(plan() + flytting(SluttDato=end), SluttDato=individ_end)
    found = hits("Flytting K2c", xml)
    assert len(found) == count
    if found:
        assert found[0].element_id == "F1"


@pytest.mark.parametrize(("end", "count"), [("2019-12-31", 1), ("2020-01-01", 0)])
def test_flytting_k2f(end: str, count: int) -> None:
    found = hits("Flytting K2f", individ(plan() + flytting(SluttDato=end)))
    assert len(found) == count
    if found:
        assert "flytting F1" in found[0].message
