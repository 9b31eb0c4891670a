"""The JSON-stat 2.0 reader: row-major order, every status kept, the standard's variants, and a
Norwegian error for each way a file can be wrong."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from barnevern.formats.jsonstat import JsonStatError, read_jsonstat
from tests.kostra.builder import REGION, document, dumps, years

DIMS = [
    (REGION, {"5021": "Oppdal", "EKG02": "KOSTRA-gruppe 2", "EAK": "Landet"}),
    ("ContentsCode", {"A": "Antall", "B": "Prosent"}),
    ("Tid", years(2021, 2022)),
]
VALUES = [1, 2, None, 4, 5, 6.5, 7, None, 9, 10, None, 12]
STATUS = {"2": ":", "7": "..", "10": "."}


def _cells(doc) -> dict[tuple[str, ...], tuple]:
    return {c.coords: (c.value, c.status) for c in read_jsonstat(dumps(doc), name="t.json").cells()}


def test_cells_in_row_major_order_keep_their_status():
    cells = _cells(document("12279", DIMS, VALUES, STATUS))
    assert cells[("5021", "A", "2021")] == (Decimal(1), None)
    assert cells[("5021", "A", "2022")] == (Decimal(2), None)  # the last dimension varies fastest
    assert cells[("5021", "B", "2021")] == (None, ":")  # suppressed, not 0
    assert cells[("EKG02", "A", "2022")] == (Decimal("6.5"), None)
    assert cells[("EKG02", "B", "2022")] == (None, "..")  # missing
    assert cells[("EAK", "B", "2021")] == (None, ".")  # not applicable
    assert len(cells) == 12


def test_metadata_is_kept():
    doc = document("12279", DIMS, VALUES, STATUS, units={"A": ("antall", 0), "B": ("prosent", 1)}, synthetic=True)
    doc["note"] = ["Fotnote"]
    ds = read_jsonstat(json.dumps(doc), name="t.json")
    assert ds.table_id == "12279"
    assert ds.updated == datetime(2023, 6, 15, 6, 0, tzinfo=UTC)
    assert ds.dimension("ContentsCode").units["B"].decimals == 1
    assert ds.dimension(REGION).label_of("EKG02") == "KOSTRA-gruppe 2"
    assert ds.role("geo") == REGION
    assert ds.role("time") == "Tid"
    assert ds.notes == ("Fotnote",)
    assert ds.synthetic is True


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ([None, None, ":", None, None, None, None, "..", None, None, ".", None], {2: ":", 7: "..", 10: "."}),
        (["..", None], None),  # wrong length: an error
        ([":"], {2: ":", 7: ":", 10: ":"}),  # one symbol for every cell
        (":", {2: ":", 7: ":", 10: ":"}),  # a string for every cell
    ],
)
def test_status_as_list_or_string(status, expected):
    doc = document("12279", DIMS, VALUES)
    doc["status"] = status
    if expected is None:
        with pytest.raises(JsonStatError, match="«status» har 2 symboler"):
            read_jsonstat(dumps(doc))
        return
    ds = read_jsonstat(dumps(doc))
    assert {i: c.status for i, c in enumerate(ds.cells()) if c.value is None} == expected


def test_index_as_list_label_fallback_and_sparse_values():
    doc = document("12279", DIMS, VALUES, STATUS)
    doc["dimension"]["ContentsCode"]["category"]["index"] = ["A", "B"]
    doc["dimension"]["Tid"]["category"].pop("index")  # two categories without an index: an error
    with pytest.raises(JsonStatError, match="«Tid» mangler «category.index»"):
        read_jsonstat(dumps(doc))
    doc["dimension"]["Tid"]["category"]["index"] = ["2021", "2022"]
    doc["value"] = {"0": 1, "11": 12}
    doc["status"] = {"5": ":"}
    cells = [(c.coords, c.value, c.status) for c in read_jsonstat(dumps(doc)).cells()]
    assert cells == [(("5021", "A", "2021"), Decimal(1), None), (("EAK", "B", "2022"), Decimal(12), None)]


def test_null_without_status_is_missing_not_zero():
    doc = document("12279", DIMS, VALUES, {})
    cells = _cells(doc)
    assert cells[("5021", "B", "2021")] == (None, "..")


def test_table_id_from_label_when_no_extension():
    doc = document("12279", DIMS, VALUES, STATUS)
    doc.pop("extension")
    assert read_jsonstat(dumps(doc)).table_id == "12279"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(value=d["value"][:-1]), "«value» har 11 verdier, men dimensjonene gir 12 celler"),
        (lambda d: d.update(size=[3, 2]), "«id» har 3 dimensjoner, men «size» har 2"),
        (lambda d: d.update(size=[3, 2, 3]), "«Tid» har 2 kategorier, men «size» sier 3"),
        (lambda d: d["dimension"].pop("Tid"), "«Tid» står i «id», men mangler i «dimension»"),
        (lambda d: d.update({"class": "collection"}), "JSON-stat «collection»"),
        (lambda d: d.update(version="1.0"), "versjon «1.0» støttes ikke"),
        (lambda d: d.update(value=["x"] + d["value"][1:]), "Verdi nr. 0 er ikke et tall"),
        (lambda d: d.update(status={"99": ":"}), "cellenummer 99 er utenfor tabellen"),
        (lambda d: d.update(updated="i går"), "«updated» er ikke en dato"),
        (lambda d: d["dimension"]["Tid"]["category"].update(index={"2021": 0, "2022": 0}), "to kategorier har indeks 0"),
    ],
)
def test_malformed_files_name_the_problem(change, message):
    doc = document("12279", DIMS, VALUES, STATUS)
    change(doc)
    with pytest.raises(JsonStatError) as exc:
        read_jsonstat(dumps(doc), name="feil.json")
    assert str(exc.value).startswith("feil.json: ")
    assert message in str(exc.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Filen er tom"),
        (b'{"class": "dataset", ', "Ikke gyldig JSON (linje 1"),
        (b"\xff\xfe{}", "Filen er ikke UTF-8"),
        (b"[1, 2]", "Filen er ikke et JSON-objekt"),
        (b'{"version": "2.0", "value": [NaN]}', "Ikke gyldig JSON"),
        (b'{"dataset": {}}', "Dette er JSON-stat 1.0"),
    ],
)
def test_not_json_stat(data, message):
    with pytest.raises(JsonStatError, match=re.escape(message)):
        read_jsonstat(data, name="x.json")
