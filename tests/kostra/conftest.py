"""SSB tables for Oppdal/Rennebu written by hand in SSB's JSON-stat shape (values invented)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.kostra.builder import REGION, document, dumps, years

REGIONS = {
    "5021": "Oppdal",
    "5022": "Rennebu",
    "EKG02": "KOSTRA-gruppe 2",
    "EKA50": "Trøndelag",
    "EAKUO": "Landet uten Oslo",
    "EAK": "Landet",
}
# children 0–17 with measures (funksjon 0 = i alt, 2 = plassert) and SSB's per cent, 2021 and 2022
COUNTS = {
    "5021": {"0": (73, 74), "2": (19, 20)},
    "5022": {"0": (None, 36), "2": (9, 9)},  # Rennebu 2021: suppressed
    "EKG02": {"0": (1100, 1080), "2": (300, 290)},
    "EKA50": {"0": (3400, 3350), "2": (900, 880)},
    "EAKUO": {"0": (33000, 32500), "2": (9000, 8800)},
    "EAK": {"0": (36000, 35500), "2": (9700, 9500)},
}
PERCENT = {
    "5021": (4.9, 4.9),
    "5022": (None, 7.3),
    "EKG02": (3.6, 3.5),
    "EKA50": (3.4, 3.4),
    "EAKUO": (3.3, 3.2),
    "EAK": (3.2, 3.1),
}


def t12275(updated: str = "2023-06-15T06:00:00Z", change: dict | None = None) -> dict:
    values, status = [], {}
    for region in REGIONS:
        for funksjon in ("0", "2"):
            for content in ("KOSbvbarntiltaka0000", "KOSbvbarntiltaka0001"):
                for i in range(2):
                    if content.endswith("0000"):
                        value = COUNTS[region][funksjon][i]
                    else:
                        value = PERCENT[region][i] if funksjon == "0" else None
                    value = (change or {}).get((region, funksjon, content, 2021 + i), value)
                    if value is None:
                        status[str(len(values))] = ":" if region == "5022" else "."
                    values.append(value)
    return document(
        "12275",
        [
            (REGION, REGIONS),
            ("KOKalder0000", {"F000-017": "0-17 år"}),
            ("KOKbvfunksjon0000", {"0": "Tiltak i alt", "2": "Plassert"}),
            ("ContentsCode", {"KOSbvbarntiltaka0000": "Barn med tiltak", "KOSbvbarntiltaka0001": "Prosent"}),
            ("Tid", years(2021, 2022)),
        ],
        values,
        status,
        updated=updated,
        units={"KOSbvbarntiltaka0000": ("antall", 0), "KOSbvbarntiltaka0001": ("prosent", 1)},
        title="Barn med barnevernstiltak",
    )


def national(count: int = 356) -> dict:
    """12275's ratio for ``count`` municipalities: Oppdal and Rennebu as above, the others 9001…
    with 1.0 … per cent."""
    regions = {"5021": "Oppdal", "5022": "Rennebu", **{str(9001 + i): f"K{i}" for i in range(count - 2)}}
    values = [4.9, 4.9, None, 7.3]
    status = {"2": ":"}
    for i in range(count - 2):
        values += [round(1 + i * 0.02, 1)] * 2
    return document(
        "12275",
        [
            (REGION, regions),
            ("KOKalder0000", {"F000-017": "0-17 år"}),
            ("KOKbvfunksjon0000", {"0": "Tiltak i alt"}),
            ("ContentsCode", {"KOSbvbarntiltaka0001": "Prosent"}),
            ("Tid", years(2021, 2022)),
        ],
        values,
        status,
    )


@pytest.fixture
def files():
    return {"12275.json": dumps(t12275())}


@pytest.fixture
def grouped(org):
    from barnevern.kostra.regions import set_grouping
    from barnevern.organisation.models import Kommune

    for nummer in ("5021", "5022"):
        set_grouping(
            Kommune.objects.get(nummer=nummer), date(2020, 1, 1), "EKG02", "EKA50", user=None, kilde="test"
        )
    return org


@pytest.fixture
def imported(grouped, files):
    from barnevern.kostra.importing import import_files

    import_files(list(files.items()))
    return grouped
