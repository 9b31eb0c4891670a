"""retrospective(): deadlines that fell due in a period, and how they went."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.rules.deadlines.case import deadlines_for_sak
from barnevern.rules.deadlines.model import DeadlineConfig
from barnevern.rules.deadlines.retrospective import retrospective

from .builders import melding, sak, undersokelse

NO_FEEDBACK = DeadlineConfig(include_feedback=False)


def year_2024() -> list:  # type: ignore[type-arg]
    case = sak(
        meldinger=(
            melding("m-1", date(2023, 12, 20), date(2023, 12, 22), kode="1"),  # D1 due 12-27
            melding("m-2", date(2024, 1, 24), date(2024, 1, 29)),  # met
            melding("m-3", date(2024, 3, 1), date(2024, 3, 11)),  # breached by 3
            melding("m-4", date(2024, 12, 28)),  # due 2025-01-04
        ),
        undersokelser=(
            undersokelse("u-2", date(2024, 1, 29), date(2024, 5, 10)),  # due 04-30: +10
            undersokelse("u-3", date(2024, 3, 11)),  # due 06-08, still open
        ),
    )
    return deadlines_for_sak(case, date(2025, 1, 2), NO_FEEDBACK)


def test_retrospective_picks_deadlines_due_in_the_period() -> None:
    report = retrospective(year_2024(), date(2024, 1, 1), date(2024, 12, 31))
    assert [(i.rule, i.element_id) for i in report.items] == [
        ("D1", "m-2"),
        ("D1", "m-3"),
        ("D3", "u-2"),
        ("D4", "u-2"),  # no investigation plan recorded
        ("D3", "u-3"),
        ("D4", "u-3"),
    ]
    summary = report.by_rule()
    assert (summary["D1"].met, summary["D1"].breached, summary["D1"].days_over) == (1, 1, 3)
    d3 = summary["D3"]
    assert (d3.met, d3.breached, d3.overdue, d3.open, d3.days_over) == (0, 1, 1, 0, 10 + 208)
    assert d3.total == d3.closed == 2
    assert list(summary) == ["D1", "D3", "D4"]
    assert [(i.rule, i.element_id) for i in report.breached] == [
        ("D1", "m-3"),
        ("D3", "u-2"),
        ("D4", "u-2"),
        ("D3", "u-3"),
        ("D4", "u-3"),
    ]
    assert [i.element_id for i in report.met] == ["m-2"]


def test_deadlines_still_open_at_the_end_count_as_open() -> None:
    report = retrospective(year_2024(), date(2025, 1, 1), date(2025, 1, 31))
    summary = report.by_rule()["D1"]
    assert (summary.open, summary.closed, summary.total) == (1, 0, 1)


def test_empty_period_is_rejected() -> None:
    with pytest.raises(ValueError):
        retrospective([], date(2024, 2, 1), date(2024, 1, 1))
    assert retrospective([], date(2024, 1, 1), date(2024, 1, 1)).items == ()
