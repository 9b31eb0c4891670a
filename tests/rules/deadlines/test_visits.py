"""D12/D13 visits counted per calendar year (fosterhjemsforskriften; reference §1.2)."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.records import Oppfolging, Tilsyn
from barnevern.rules.deadlines.case import deadlines_for_sak
from barnevern.rules.deadlines.model import DeadlineConfig
from barnevern.rules.deadlines.visits import required_visits

from .builders import frequency, personalia, sak, tiltak, visits

NO_FEEDBACK = DeadlineConfig(include_feedback=False)


@pytest.mark.parametrize(
    ("changes", "first", "last", "required"),
    [
        ((), date(2024, 1, 1), date(2024, 12, 31), 4),  # standard when nothing recorded
        (((date(2020, 5, 1), "4"),), date(2024, 1, 1), date(2024, 12, 31), 4),
        (((date(2020, 5, 1), "2"),), date(2024, 1, 1), date(2024, 12, 31), 2),  # reduced
        (((date(2024, 7, 1), "4"),), date(2024, 7, 1), date(2024, 12, 31), 2),  # half a year
        (((date(2024, 10, 1), "4"),), date(2024, 10, 1), date(2024, 12, 31), 1),
        (((date(2024, 12, 1), "4"),), date(2024, 12, 1), date(2024, 12, 31), 0),
        # reduced from 1 July: 4 × ½ + 2 × ½ = 3
        (
            ((date(2020, 1, 1), "4"), (date(2024, 7, 1), "2")),
            date(2024, 1, 1),
            date(2024, 12, 31),
            3,
        ),
        ((), date(2024, 1, 1), date(2024, 3, 31), 1),  # ended in March: 4 × 91/366 ≈ 0.99
        ((), date(2024, 2, 1), date(2024, 1, 1), 0),  # empty window
    ],
)
def test_required_visits(
    changes: tuple[tuple[date, str], ...], first: date, last: date, required: int
) -> None:
    assert required_visits(frequency(*changes), first, last) == required


def test_required_visits_stay_within_one_year() -> None:
    with pytest.raises(ValueError):
        required_visits((), date(2023, 6, 1), date(2024, 5, 31))


def foster_home(*done: date, kode: str = "4", kategori: str = "2.2", ends: date | None = None):  # type: ignore[no-untyped-def]
    follow_up = Oppfolging(hyppighet=frequency((date(2023, 7, 1), kode)), utfort=visits(*done))
    supervision = Tilsyn(hyppighet=frequency((date(2023, 7, 1), kode)), utfort=visits(*done))
    return tiltak(
        "t-1",
        date(2023, 7, 1),
        "BVL2021 5-1",
        kategori,
        ends=ends,
        oppfolging=follow_up,
        tilsyn=supervision,
    )


def test_visits_per_calendar_year() -> None:
    measure = foster_home(
        date(2023, 8, 1),
        date(2023, 11, 1),  # 2023: 2 required (from 1 July), 2 done
        date(2024, 2, 1),
        date(2024, 5, 2),
        date(2024, 9, 3),  # 2024: 4 required, 3 done
        date(2025, 1, 15),  # 2025: open year
    )
    items = deadlines_for_sak(sak(tiltak=(measure,)), date(2025, 2, 1), NO_FEEDBACK)
    rows = [(i.part, i.due, i.met_on, i.status, i.days) for i in items if i.rule == "D12"]
    assert rows == [
        ("2023 besøk 1/2", date(2023, 12, 31), date(2023, 8, 1), "met", 0),
        ("2023 besøk 2/2", date(2023, 12, 31), date(2023, 11, 1), "met", 0),
        ("2024 besøk 1/4", date(2024, 12, 31), date(2024, 2, 1), "met", 0),
        ("2024 besøk 2/4", date(2024, 12, 31), date(2024, 5, 2), "met", 0),
        ("2024 besøk 3/4", date(2024, 12, 31), date(2024, 9, 3), "met", 0),
        ("2024 besøk 4/4", date(2024, 12, 31), None, "overdue", 32),
        ("2025 besøk 1/4", date(2025, 12, 31), date(2025, 1, 15), "met", 0),
        ("2025 besøk 2/4", date(2025, 12, 31), None, "upcoming", 333),
        ("2025 besøk 3/4", date(2025, 12, 31), None, "upcoming", 333),
        ("2025 besøk 4/4", date(2025, 12, 31), None, "upcoming", 333),
    ]
    assert len([i for i in items if i.rule == "D13"]) == len(rows)


def test_reduced_frequency_and_ended_placement() -> None:
    measure = foster_home(date(2024, 3, 1), kode="2", ends=date(2024, 6, 30))
    items = deadlines_for_sak(sak(tiltak=(measure,)), date(2024, 12, 31), NO_FEEDBACK)
    d12 = [i for i in items if i.rule == "D12"]
    # 2023: 2 × 184/365 → 1 (missed); 2024 to 30 June: 2 × 182/366 → 1 (met 1 March)
    assert [(i.part, i.due, i.status) for i in d12] == [
        ("2023 besøk 1/1", date(2023, 12, 31), "overdue"),
        ("2024 besøk 1/1", date(2024, 6, 30), "met"),
    ]


def test_supervision_ends_at_eighteen() -> None:
    measure = foster_home()
    case = sak(tiltak=(measure,), personalia=(personalia(date(2006, 4, 1)),))
    items = deadlines_for_sak(case, date(2024, 12, 31), NO_FEEDBACK)
    d13_2024 = [i for i in items if i.rule == "D13" and i.part.startswith("2024")]
    # to 31 March 2024: 4 × 91/366 → 1 supervision visit; follow-up continues all year
    assert [(i.part, i.due) for i in d13_2024] == [("2024 besøk 1/1", date(2024, 3, 31))]
    assert len([i for i in items if i.rule == "D12" and i.part.startswith("2024")]) == 4


def test_emergency_homes_can_be_left_out() -> None:
    measure = foster_home(kategori="2.5")
    case = sak(tiltak=(measure,))
    assert any(i.rule == "D12" for i in deadlines_for_sak(case, date(2024, 1, 1), NO_FEEDBACK))
    config = DeadlineConfig(include_feedback=False, visits_in_emergency_homes=False)
    assert not any(
        i.rule in ("D12", "D13") for i in deadlines_for_sak(case, date(2024, 1, 1), config)
    )
