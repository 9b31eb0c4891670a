from pathlib import Path

import pytest

from barnevern.formats.detect import (
    detect_format,
    extract_year,
    preferred_bvr_schema,
    schema_for_year,
    select_bvr_schema,
)
from barnevern.formats.xmlsafe import parse_bytes, parse_file
from tests.paths import ssb

SAMPLES = Path(__file__).resolve().parent / "samples"


def tree(xml: str):
    return parse_bytes(xml.encode(), "test.xml")


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ('<Barnevern Id="x" DatoUttrekk="2026-01-01T00:00:00Z"/>', "bvr"),
        ("<Barnevern><Fagsystem/><Avgiver/><Sak/></Barnevern>", "bvr"),
        ('<Barnevern><Sak Id="1"/></Barnevern>', "bvr"),
        ('<Barnevern><Avgiver Versjon="2020"/><Individ Id="1"/></Barnevern>', "15f"),
        ('<Barnevern><Avgiver Versjon="2020"/></Barnevern>', "15f"),
        ("<Barnevern><Individ/></Barnevern>", "15f"),
        ("<Barnevern/>", None),
        ("<Barnevern><Avgiver/></Barnevern>", None),
        ('<Kostra Id="x"><Sak/></Kostra>', None),
        ('<b:Barnevern xmlns:b="urn:x" Id="x"/>', None),
    ],
)
def test_detect_format(xml, expected):
    assert detect_format(tree(xml)) == expected


def test_detect_format_of_the_shared_examples():
    assert detect_format(parse_file(ssb("examples", "constructed", "bvr_v4_sak_example.xml"))) == "bvr"
    assert (
        detect_format(parse_file(ssb("examples", "kostra-15f", "Testfil_21_OK_2020_15F_for_3401.xml")))
        == "15f"
    )


@pytest.mark.parametrize(
    ("year", "schema"),
    [
        (2030, "bvr-v4"),
        (2026, "bvr-v4"),
        (2025, "bvr-v3"),
        (2024, "bvr-v1"),
        (2022, "bvr-v1"),
        (None, "bvr-v4"),
    ],
)
def test_schema_for_year(year, schema):
    assert schema_for_year(year) == schema


@pytest.mark.parametrize(
    ("value", "year"),
    [
        ("2025-12-31T23:59:59+01:00", 2025),
        ("2026-01-01T00:00:00Z", 2026),
        ("", None),
        ("i fjor", None),
    ],
)
def test_extract_year(value, year):
    assert extract_year(tree(f'<Barnevern DatoUttrekk="{value}"/>')) == year


def test_missing_dato_uttrekk_prefers_v4():
    assert extract_year(tree("<Barnevern/>")) is None
    assert preferred_bvr_schema(tree("<Barnevern/>")) == "bvr-v4"


def v1_sample(year: int):
    data = (SAMPLES / "bvr_v1_2024.xml").read_bytes()
    return parse_bytes(data.replace(b'DatoUttrekk="2024-', f'DatoUttrekk="{year}-'.encode()), "v1.xml")


def test_date_chooses_the_schema_when_valid():
    assert select_bvr_schema(v1_sample(2024)) == ("bvr-v1", [])
    assert select_bvr_schema(parse_file(ssb("examples", "constructed", "bvr_v4_sak_example.xml"))) == (
        "bvr-v4",
        [],
    )


def test_falls_back_to_the_first_schema_that_accepts_the_document():
    # A 2026 extract still in the 2.2.x Oppfolging shape: v4 and v3 reject it, v1 accepts it.
    assert select_bvr_schema(v1_sample(2026)) == ("bvr-v1", [])


def test_a_2024_document_in_the_v4_shape_is_accepted_by_v4():
    data = ssb("examples", "constructed", "bvr_v4_sak_example.xml").read_bytes()
    old = parse_bytes(data.replace(b'DatoUttrekk="2026-', b'DatoUttrekk="2024-'), "old.xml")
    assert select_bvr_schema(old) == ("bvr-v4", [])


def test_invalid_everywhere_reports_errors_against_the_preferred_schema():
    data = (SAMPLES / "bvr_v1_2024.xml").read_bytes().replace(b'Kjonn="1"', b'Kjonn="7"')
    schema, errors = select_bvr_schema(parse_bytes(data.replace(b"2024-12-31T", b"2025-12-31T"), "x.xml"))
    assert schema == "bvr-v3"
    assert any("Kjonn" in e.message for e in errors)


def test_override_is_used_without_fallback():
    schema, errors = select_bvr_schema(v1_sample(2024), "bvr-v4")
    assert schema == "bvr-v4"
    assert errors
    assert select_bvr_schema(v1_sample(2026), override="bvr-v1") == ("bvr-v1", [])


def test_unknown_override_is_refused_in_norwegian():
    with pytest.raises(ValueError, match="Ukjent BVR-skjemaversjon «bvr-v2»"):
        select_bvr_schema(v1_sample(2024), override="bvr-v2")
