"""Export → import → export gives identical bytes, and import(export(records)) == records."""

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barnevern import records as r
from barnevern.formats.bvr_reader import read_bvr
from barnevern.formats.bvr_writer import next_delivery, write_bvr
from barnevern.formats.generator import generate
from barnevern.formats.xmlsafe import parse_bytes, parse_file
from barnevern.formats.xsd import validate_xsd
from tests.paths import ssb

SAMPLES = Path(__file__).resolve().parent / "samples"


def without_lines(value):
    """The same records with every ``line`` set to None (lines differ between files)."""
    if isinstance(value, tuple):
        return tuple(without_lines(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: without_lines(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if "line" in changes:
            changes["line"] = None
        return dataclasses.replace(value, **changes)
    return value


def reimport(data: bytes) -> r.Delivery:
    return read_bvr(parse_bytes(data, "eksport.xml"), "eksport.xml")


@pytest.mark.parametrize(
    "path",
    [
        ssb("examples", "constructed", "bvr_v4_sak_example.xml"),
        SAMPLES / "bvr_v4_all_elements.xml",
        SAMPLES / "bvr_v1_2024.xml",
    ],
    ids=["constructed", "all-elements", "v1-converted"],
)
def test_export_import_export_is_identical(path):
    first = write_bvr(read_bvr(parse_file(path), path.name))
    assert validate_xsd(parse_bytes(first, "1.xml"), "bvr-v4") == []
    second = write_bvr(reimport(first))
    assert second == first


def test_constructed_sample_keeps_every_record():
    path = ssb("examples", "constructed", "bvr_v4_sak_example.xml")
    original = read_bvr(parse_file(path), path.name)
    assert without_lines(reimport(write_bvr(original))) == without_lines(original)


def test_all_elements_sample_keeps_every_record():
    original = read_bvr(parse_file(SAMPLES / "bvr_v4_all_elements.xml"), "alle.xml")
    assert without_lines(reimport(write_bvr(original))) == without_lines(original)


def test_only_id_and_dato_uttrekk_differ_between_two_deliveries_of_a_case():
    original = read_bvr(parse_file(SAMPLES / "bvr_v4_all_elements.xml"), "alle.xml")
    first = write_bvr(original).decode().splitlines()
    second = write_bvr(next_delivery(original)).decode().splitlines()
    differing = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    assert differing == [1]  # the root element line: Id, DatoUttrekk and ForrigeId


@pytest.fixture(scope="module")
def generated() -> list[r.Delivery]:
    return list(generate(150, seed=20260630, error_rate=0.1))


def test_generated_cases_roundtrip_bytes_and_records(generated):
    assert generated, "nothing was generated"
    for delivery in generated:
        data = write_bvr(delivery)
        back = reimport(data)
        assert write_bvr(back) == data
        expected = dataclasses.replace(delivery, extra={})
        assert without_lines(back) == without_lines(expected), delivery.sak.id


def test_generated_cases_are_valid_v4(generated):
    assert generated, "nothing was generated"
    for delivery in generated:
        assert validate_xsd(parse_bytes(write_bvr(delivery), "g.xml"), "bvr-v4") == [], delivery.sak.id


xml_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=60,
).filter(lambda s: any(ch >= " " or ch in "\t\n\r" for ch in s))


@settings(max_examples=150, database=None, deadline=None)
@given(presisering=xml_text)
def test_any_presisering_text_survives(presisering):
    melding = r.Melding(
        "63303d5c-cf09-45bd-91cc-4e2c6097c78a",
        date(2026, 1, 5),
        melder=(r.KodeMedPresisering("22", presisering),),
    )
    delivery = r.Delivery(
        avgiver=r.Avgiver("999999999", "9999", "Kommune"),
        sak=r.SakRecord("9d3ac19f-d97f-45ae-b277-e976c70aff19", date(2026, 1, 5), "1", meldinger=(melding,)),
        id="18bddf62-4f99-437f-a3dc-8a407e1c8049",
        dato_uttrekk=datetime(2026, 6, 30, 2, 0),
    )
    data = write_bvr(delivery)
    expected = "".join(ch for ch in presisering if ch >= " " or ch in "\t\n\r")
    assert reimport(data).sak.meldinger[0].melder[0].presisering == expected
