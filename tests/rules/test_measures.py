"""Measure classification (reference/ssb-barnevern.md §1.4): omsorgstiltak, plasseringstiltak."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.records import KodeMedPresisering, Konklusjon, Lovhjemmel, Tiltak
from barnevern.rules.measures import (
    is_active_on,
    is_care_order_basis,
    is_hjelpetiltak,
    is_omsorgstiltak,
    is_plasseringstiltak,
    overlap_days,
    overlaps,
)


def tiltak(
    lov: str = "BVL2021",
    kapittel: str = "3",
    paragraf: str = "1",
    ledd: tuple[str, ...] = (),
    jmfr: tuple[Lovhjemmel, ...] = (),
    kategori: str = "4.6",
    start: date = date(2024, 1, 10),
    slutt: date | None = None,
    er_slettet: bool = False,
) -> Tiltak:
    return Tiltak(
        id="t-1",
        start_dato=start,
        lovhjemmel=Lovhjemmel(lov, kapittel, paragraf, ledd),
        kategori=KodeMedPresisering(kategori),
        jmfr_lovhjemmel=jmfr,
        konklusjon=Konklusjon(slutt) if slutt else None,
        er_slettet=er_slettet,
    )


@pytest.mark.parametrize(
    ("measure", "omsorg"),
    [
        (tiltak("BVL", "4", "12"), True),
        (tiltak("BVL", "4", "8", ("2",)), True),
        (tiltak("BVL", "4", "8", ("3",)), True),
        (tiltak("BVL", "4", "8", ("1",)), False),
        (tiltak("BVL", "4", "8", jmfr=(Lovhjemmel("BVL", "4", "12"),)), True),
        (tiltak("BVL", "4", "8", jmfr=(Lovhjemmel("BVL", "4", "4"),)), False),
        (tiltak("BVL2021", "5", "1"), True),
        (tiltak("BVL2021", "5", "1", ()), True),
        (tiltak("BVL", "4", "4", ("5",), kategori="2.2"), False),  # voluntary placement
        (tiltak("BVL2021", "3", "1"), False),
        (tiltak("BVL2021", "4", "2", kategori="2.5"), False),  # emergency decision
        (tiltak("BVL2021", "4", "12"), False),  # 4-12 only counts under the 1992 act
        (tiltak("BVL", "5", "1"), False),  # 5-1 only counts under the 2021 act
        (tiltak(" bvl2021 ", " 5 ", " 1 "), True),  # tolerant of spacing and case
    ],
)
def test_omsorgstiltak_by_legal_basis(measure: Tiltak, omsorg: bool) -> None:
    assert is_omsorgstiltak(measure) is omsorg
    assert is_hjelpetiltak(measure) is not omsorg
    assert is_care_order_basis(measure.lovhjemmel, measure.jmfr_lovhjemmel) is omsorg


@pytest.mark.parametrize(
    ("code", "placement", "with_2026"),
    [
        ("1.1", True, True),
        ("1.2", True, True),
        ("1.99", True, True),
        ("2.1", True, True),
        ("2.3", True, True),
        ("2.5", True, True),
        ("2.6", True, True),
        ("2.99", True, True),
        ("8.2", True, True),
        ("8.4", False, True),  # open question: configurable, off by default
        ("8.5", False, True),
        ("8.1", False, False),
        ("8.99", False, False),
        ("3.1", False, False),
        ("4.6", False, False),
        ("2", False, False),  # group heading, not a code
    ],
)
def test_plasseringstiltak_by_category(code: str, placement: bool, with_2026: bool) -> None:
    assert is_plasseringstiltak(tiltak(kategori=code)) is placement
    assert is_plasseringstiltak(tiltak(kategori=code), include_2026_housing=True) is with_2026


@pytest.mark.parametrize(
    ("slutt", "day", "active"),
    [
        (None, date(2024, 1, 9), False),
        (None, date(2024, 1, 10), True),  # start day included
        (None, date(2030, 1, 1), True),  # open-ended
        (date(2024, 3, 31), date(2024, 3, 31), True),  # end day included
        (date(2024, 3, 31), date(2024, 4, 1), False),
    ],
)
def test_is_active_on(slutt: date | None, day: date, active: bool) -> None:
    assert is_active_on(tiltak(slutt=slutt), day) is active


def test_deleted_measure_is_never_active() -> None:
    deleted = tiltak(er_slettet=True)
    assert not is_active_on(deleted, date(2024, 2, 1))
    assert not overlaps(deleted, date(2024, 1, 1), date(2024, 12, 31))
    assert overlap_days(deleted, date(2024, 1, 1), date(2024, 12, 31)) == 0


@pytest.mark.parametrize(
    ("slutt", "start", "end", "hit", "days"),
    [
        (date(2024, 3, 31), date(2024, 1, 1), date(2024, 12, 31), True, 82),  # 10 Jan–31 Mar
        (date(2024, 3, 31), date(2024, 3, 31), date(2024, 6, 30), True, 1),
        (date(2024, 3, 31), date(2024, 4, 1), date(2024, 6, 30), False, 0),
        (None, date(2023, 1, 1), date(2024, 1, 10), True, 1),
        (None, date(2023, 1, 1), date(2024, 1, 9), False, 0),
        (None, date(2024, 7, 1), date(2024, 12, 31), True, 184),
        (None, date(2024, 12, 31), date(2024, 1, 1), False, 0),  # empty period
    ],
)
def test_overlaps(slutt: date | None, start: date, end: date, hit: bool, days: int) -> None:
    measure = tiltak(slutt=slutt)
    assert overlaps(measure, start, end) is hit
    assert overlap_days(measure, start, end) == days
