from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from barnevern import records as r
from barnevern.formats.bvr_reader import read_bvr
from barnevern.formats.bvr_writer import (
    DEFAULT_FAGSYSTEM,
    BvrWriteError,
    format_dato_uttrekk,
    next_delivery,
    write_bvr,
)
from barnevern.formats.xmlsafe import parse_bytes, parse_file
from barnevern.formats.xsd import validate_xsd

SAMPLES = Path(__file__).resolve().parent / "samples"
HJELP = r.Lovhjemmel("BVL2021", "3", "1")


def minimal(**sak_fields) -> r.Delivery:
    sak = r.SakRecord(
        id="9d3ac19f-d97f-45ae-b277-e976c70aff19",
        start_dato=date(2026, 1, 5),
        journalnummer="2026-1",
        **sak_fields,
    )
    return r.Delivery(
        avgiver=r.Avgiver("999999999", "9999", "Eksempel kommune"),
        sak=sak,
        id="18bddf62-4f99-437f-a3dc-8a407e1c8049",
        dato_uttrekk=datetime(2026, 6, 30, 2, 0, tzinfo=timezone(timedelta(hours=2))),
    )


def valid(data: bytes) -> bool:
    errors = validate_xsd(parse_bytes(data, "ut.xml"), "bvr-v4")
    assert errors == [], errors
    return True


def test_minimal_document_is_exact():
    assert write_bvr(minimal()).decode() == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Barnevern Id="18bddf62-4f99-437f-a3dc-8a407e1c8049" DatoUttrekk="2026-06-30T02:00:00+02:00">\n'
        f'    <Fagsystem Leverandor="{DEFAULT_FAGSYSTEM.leverandor}" Navn="Barnevern" Versjon="{DEFAULT_FAGSYSTEM.versjon}"/>\n'
        '    <Avgiver Organisasjonsnummer="999999999" Kommunenummer="9999" Kommunenavn="Eksempel kommune"/>\n'
        '    <Sak Id="9d3ac19f-d97f-45ae-b277-e976c70aff19" StartDato="2026-01-05" Journalnummer="2026-1"/>\n'
        "</Barnevern>\n"
    )
    assert valid(write_bvr(minimal()))


def test_forrige_id_bydel_and_closed_sak_are_written():
    delivery = replace(
        minimal(slutt_dato=date(2026, 3, 1), avsluttet=True, er_slettet=True),
        forrige_id="95ea866a-fe5a-4e07-b242-7a7c15bc86f2",
        avgiver=r.Avgiver("958935420", "0301", "Oslo kommune", "05", "Frogner"),
    )
    text = write_bvr(delivery).decode()
    assert 'DatoUttrekk="2026-06-30T02:00:00+02:00" ForrigeId="95ea866a-fe5a-4e07-b242-7a7c15bc86f2"' in text
    assert 'Bydelsnummer="05" Bydelsnavn="Frogner"' in text
    assert 'SluttDato="2026-03-01" Journalnummer="2026-1" Avsluttet="true" ErSlettet="true"' in text
    assert valid(text.encode())


def test_avsluttet_false_is_kept():
    assert 'Avsluttet="false"' in write_bvr(minimal(avsluttet=False)).decode()


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2026, 6, 30, 2, 0, 0, 123456, tzinfo=UTC), "2026-06-30T02:00:00+00:00"),
        (datetime(2026, 1, 15, 8, 30), "2026-01-15T08:30:00+01:00"),  # naive: Norwegian winter time
        (datetime(2026, 7, 15, 8, 30), "2026-07-15T08:30:00+02:00"),  # naive: summer time
    ],
)
def test_dato_uttrekk_has_seconds_and_an_offset(moment, text):
    assert format_dato_uttrekk(moment) == text
    assert valid(write_bvr(replace(minimal(), dato_uttrekk=moment)))


def test_children_follow_the_xsd_sequence_even_from_unordered_records():
    vedtak = r.Vedtak("0dd4225d-ae76-4c87-885f-e8d9e2ca8903", date(2026, 4, 5), HJELP,
                      status=(r.VedtakStatus("1315b3e5-c88f-4e12-9087-b8614daf9bb3", date(2026, 4, 5), "1"),))  # fmt: skip
    melding = r.Melding("63303d5c-cf09-45bd-91cc-4e2c6097c78a", date(2026, 1, 5))
    person = r.Personalia(
        "451e498f-1662-49f4-bc03-4d099ccff984", date(2026, 1, 5), "15831550039", date(2015, 3, 15), "2"
    )
    text = write_bvr(minimal(vedtak=(vedtak,), meldinger=(melding,), personalia=(person,))).decode()
    assert text.index("<Personalia") < text.index("<Melding") < text.index("<Vedtak")
    assert valid(text.encode())


def test_lovhjemmel_parts_are_child_elements_in_order():
    hjemmel = r.Lovhjemmel("BVL2021", "5", "1", ledd=("2", "3"), bokstav=("a",), punktum=("1",))
    tiltak = r.Tiltak("77e9d8b5-bd8d-4d2f-bc28-266460a851ae", date(2026, 4, 10), hjemmel, r.KodeMedPresisering("2.2"),
                      jmfr_lovhjemmel=(HJELP,))  # fmt: skip
    text = write_bvr(minimal(tiltak=(tiltak,))).decode()
    assert (
        "            <Lovhjemmel>\n"
        "                <Lov>BVL2021</Lov>\n"
        "                <Kapittel>5</Kapittel>\n"
        "                <Paragraf>1</Paragraf>\n"
        "                <Ledd>2</Ledd>\n"
        "                <Ledd>3</Ledd>\n"
        "                <Bokstav>a</Bokstav>\n"
        "                <Punktum>1</Punktum>\n"
        "            </Lovhjemmel>\n"
        "            <JmfrLovhjemmel>\n"
    ) in text
    assert valid(text.encode())


def test_special_characters_are_escaped_and_control_characters_removed():
    melding = r.Melding(
        "63303d5c-cf09-45bd-91cc-4e2c6097c78a",
        date(2026, 1, 5),
        melder=(r.KodeMedPresisering("22", 'A & B <c> "d"\nny linje\ttab\x01\x1f'),),
    )
    data = write_bvr(minimal(meldinger=(melding,)))
    assert b'Presisering="A &amp; B &lt;c&gt; &quot;d&quot;&#10;ny linje&#9;tab"' in data
    back = read_bvr(parse_bytes(data, "x.xml"), "x.xml")
    assert back.sak.meldinger[0].melder[0].presisering == 'A & B <c> "d"\nny linje\ttab'


def test_empty_optional_attributes_are_left_out():
    melding = r.Melding(
        "63303d5c-cf09-45bd-91cc-4e2c6097c78a", date(2026, 1, 5), melder=(r.KodeMedPresisering("1", ""),)
    )
    assert b'<Melder Kode="1"/>' in write_bvr(minimal(meldinger=(melding,)))


def test_v1_oppfolging_gets_the_standard_frequency():
    delivery = read_bvr(parse_file(SAMPLES / "bvr_v1_2024.xml"), "v1.xml")
    data = write_bvr(delivery)
    assert valid(data)
    again = read_bvr(parse_bytes(data, "x.xml"), "x.xml")
    oppfolging = again.sak.tiltak[0].oppfolging
    assert [(h.start_dato, h.kode) for h in oppfolging.hyppighet] == [(date(2023, 5, 1), "4")]
    assert len(oppfolging.utfort) == 2
    assert write_bvr(again) == data  # the added Hyppighet has a deterministic id


@pytest.mark.parametrize(
    ("sak_fields", "message"),
    [
        ({"vedtak": (r.Vedtak("v1", date(2026, 1, 1), HJELP),)}, "Vedtak v1 mangler status"),
        ({"meldinger": (r.Melding("m1", date(2026, 1, 1), konklusjon=r.Konklusjon(date(2026, 1, 2))),)},
         "Melding m1: konklusjonen mangler kode"),
        ({"tiltak": (r.Tiltak("t1", date(2026, 1, 1), HJELP, r.KodeMedPresisering("2.1"), tilsyn=r.Tilsyn()),)},
         "Tiltak t1 mangler ansvarlig kommune for tilsyn"),
        ({"undersokelser": (r.Undersokelse("u1", date(2026, 1, 1), medvirkning_type="1.1"),)},
         "barnets medvirkning må ha både dato og type"),
    ],
)  # fmt: skip
def test_what_v4_cannot_express_is_refused(sak_fields, message):
    with pytest.raises(BvrWriteError, match=message):
        write_bvr(minimal(**sak_fields))


def test_id_and_dato_uttrekk_are_required():
    with pytest.raises(BvrWriteError, match="mangler Id"):
        write_bvr(replace(minimal(), id=None))
    with pytest.raises(BvrWriteError, match="mangler DatoUttrekk"):
        write_bvr(replace(minimal(), dato_uttrekk=None))


def test_next_delivery_links_to_the_previous_one():
    first = minimal()
    moment = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)
    second = next_delivery(first, now=moment)
    assert second.forrige_id == first.id
    assert second.id != first.id
    assert len(second.id) == 36
    assert second.dato_uttrekk == moment
    assert second.sak == first.sak
    assert valid(write_bvr(second))
