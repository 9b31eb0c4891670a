"""Plan K2a, K2c, K2d, K2e: fires / doesn't fire."""

from __future__ import annotations

import pytest

from tests.control.kostra15f_support import hits, individ, plan


@pytest.mark.parametrize(("end", "count"), [("2020-01-31", 1), ("2020-02-01", 0), (None, 0)])
def test_plan_k2a(end: str | None, count: int) -> None:
    found = hits("Plan K2a", individ(plan(SluttDato=end)))
    assert len(found) == count
    if found:
        assert found[0].element_id == "P1"
        assert "plan P1" in found[0].message


@pytest.mark.parametrize(
    ("individ_end", "end", "count"),
    [("2020-03-01", "2020-03-02", 1), ("2020-03-01", "2020-03-01", 0), (None, "2020-03-02", 0)],
)
def test_plan_k2c(individ_end: str | None, end: str, count: int) -> None:
    assert len(hits("Plan K2c", individ(plan(SluttDato=end), SluttDato=individ_end))) == count


@pytest.mark.parametrize(
    ("avslutta", "individ_end", "end", "count"),
    [
        ("1", "2020-06-01", None, 1),
        ("1", None, "2020-03-01", 1),
        ("1", "2021-06-01", "2021-01-01", 1),
        ("1", "2020-06-01", "2020-03-01", 0),
        ("2", None, None, 0),
    ],
)
def test_plan_k2d(avslutta: str, individ_end: str | None, end: str | None, count: int) -> None:
    xml = individ(plan(SluttDato=end), Avslutta3112=avslutta, SluttDato=individ_end)
    assert len(hits("Plan K2d", xml)) == count


@pytest.mark.parametrize(("start", "count"), [("2019-12-31", 1), ("2020-01-01", 0)])
def test_plan_k2e(start: str, count: int) -> None:
    assert len(hits("Plan K2e", individ(plan(StartDato=start)))) == count
