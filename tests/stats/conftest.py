"""Stored cases with known statistics for Nord-Østerdal in 2025.

Meldinger received in 2025 per municipality (Tynset 10, Alvdal 5, Folldal 1, Rendalen 6,
Tolga 4; total 26) and children with hjelpetiltak during 2025 (Tynset 4, Alvdal 2, Folldal 3,
Rendalen 0, Tolga 1; total 10), plus one case in Oppdal/Rennebu that must never show.

Published (1–2 hidden): meldinger hides Folldal (1) and Tolga (4, the smallest complement);
hjelpetiltak hides Alvdal (2) and Tolga (1), which protect each other.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import date, timedelta

import pytest

from barnevern import records as r
from barnevern.rules.identity import synthetic_fnr

YEAR = 2025
MELDINGER = {"3427": 10, "3428": 5, "3429": 1, "3424": 6, "3426": 4}
HJELP = {"3427": 4, "3428": 2, "3429": 3, "3424": 0, "3426": 1}
_serial = itertools.count(60)


def _id() -> str:
    return str(uuid.uuid4())


def case(kommune: str, *, melding: date | None = None, hjelp: tuple[date, date] | None = None) -> r.SakRecord:
    start = melding or (hjelp[0] if hjelp else date(YEAR, 1, 1))
    born = date(2014, 5, 1) + timedelta(days=next(_serial))
    meldinger = ()
    if melding:
        meldinger = (r.Melding(_id(), melding, konklusjon=r.Konklusjon(melding + timedelta(days=3), "1")),)
    tiltak = ()
    if hjelp:
        tiltak = (
            r.Tiltak(
                _id(),
                hjelp[0],
                r.Lovhjemmel("BVL2021", "3", "1"),
                r.KodeMedPresisering("4.6"),
                konklusjon=r.Konklusjon(hjelp[1]),
            ),
        )
    return r.SakRecord(
        id=_id(),
        start_dato=start,
        journalnummer=f"{YEAR}-{next(_serial):04d}",
        personalia=(r.Personalia(_id(), start, synthetic_fnr(born, 3, "1"), born, "1"),),
        meldinger=meldinger,
        tiltak=tiltak,
        bosted=(r.Bosted(start, kommune),),
    )


@pytest.fixture
def stats_cases(org):
    from barnevern.cases.services import store_record

    no = org["nord-osterdal"]
    for kommune, n in MELDINGER.items():
        for i in range(n):
            store_record(no, case(kommune, melding=date(YEAR, 2, 1) + timedelta(days=20 * i)), source="test")
    for kommune, n in HJELP.items():
        for i in range(n):
            store_record(no, case(kommune, hjelp=(date(YEAR, 3, 1 + i), date(YEAR, 9, 30))), source="test")
    store_record(org["oppdal-rennebu"], case("5021", melding=date(YEAR, 5, 5)), source="test")
    return no
