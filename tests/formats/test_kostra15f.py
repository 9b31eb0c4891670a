"""KOSTRA 15F reader and the mapping to BVR-shaped records."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from barnevern.formats.kostra15f import (
    Kostra15FError,
    Kostra15FFile,
    read_15f,
    to_deliveries,
)
from barnevern.formats.xmlsafe import parse_bytes, parse_file
from barnevern.rules.identity import synthetic_duf, synthetic_fnr
from tests.paths import ssb

EXAMPLES = ssb("examples", "kostra-15f")
FNR_GIRL = synthetic_fnr(date(2012, 3, 4), 0, "2")
FNR_BOY = synthetic_fnr(date(2008, 11, 30), 3, "1")
DUF = synthetic_duf(7)

DOC = f"""<?xml version="1.0" encoding="ISO-8859-1"?>
<Barnevern>
  <Avgiver Organisasjonsnummer="944117784" Versjon="2020" Kommunenummer="3401"
           Kommunenavn="Kongsvinger"/>
  <Individ Id="I1" StartDato="2020-01-05" SluttDato="2020-11-30" Journalnummer="J1"
           Fodselsnummer="{FNR_GIRL}" Bydelsnummer="" Saksbehandler="Kari Saksbehandler"
           Avslutta3112="1" Ukjent="x">
    <Melding Id="M1" StartDato="2020-01-05" SluttDato="2020-01-10" Konklusjon="2">
      <Saksinnhold Kode="18"><Presisering>Bekymring fra nabo</Presisering></Saksinnhold>
      <Melder Kode="4"/>
      <Undersokelse Id="U1" StartDato="2020-01-10" SluttDato="2020-03-01" Konklusjon="1">
        <Vedtaksgrunnlag Kode="2"/>
      </Undersokelse>
    </Melding>
    <Melding Id="M2" StartDato="2020-05-01"/>
    <Plan Id="P1" StartDato="2020-03-02" EvaluertDato="2020-06-01" Plantype="1"
          SluttDato="2020-11-30"/>
    <Tiltak Id="T1" StartDato="2020-03-02" SluttDato="2020-11-30">
      <Lovhjemmel Lov="BVL" Kapittel="4" Paragraf="4" Ledd="2"/>
      <JmfrLovhjemmel Lov="BVL" Kapittel="4" Paragraf="5" Bokstav="a"/>
      <Kategori Kode="3.99"><Presisering>Foreldreveiledning</Presisering></Kategori>
      <Opphevelse Kode="4"><Presisering>Flyttet</Presisering></Opphevelse>
    </Tiltak>
    <Flytting Id="F1" SluttDato="2020-06-01">
      <ArsakFra Kode="1.1.5" Presisering="Annen grunn"/>
      <FlyttingTil Kode="8" Presisering="Hybel"/>
    </Flytting>
  </Individ>
  <Individ Id="I2" StartDato="2020-02-01" Journalnummer="J2" DUFnummer="{DUF}"
           Saksbehandler="Ola" Avslutta3112="2">
    <Plan Id="P1" StartDato="2020-02-01" Plantype="7"/>
  </Individ>
</Barnevern>
""".encode("iso-8859-1")


@pytest.fixture(scope="module")
def parsed() -> Kostra15FFile:
    return read_15f(parse_bytes(DOC, "k.xml"), "k.xml")


def test_reads_avgiver_and_individer_with_lines(parsed: Kostra15FFile) -> None:
    assert parsed.name == "k.xml"
    # libxml2 gives the line where a (multi-line) start tag ends.
    assert parsed.avgiver.kommunenummer == "3401"
    assert parsed.avgiver.line == 4
    first, second = parsed.individer
    assert (first.id, first.journalnummer, first.line) == ("I1", "J1", 7)
    assert first.avsluttet
    assert not second.avsluttet
    assert first.bydelsnummer is None  # empty attribute = missing (as KOSTRA-KP)
    assert second.duf_nummer == DUF
    assert second.fodselsnummer is None


def test_reads_nested_elements_regardless_of_order(parsed: Kostra15FFile) -> None:
    melding = parsed.individer[0].meldinger[0]
    assert [k.kode for k in melding.melder] == ["4"]
    assert melding.saksinnhold[0].presisering == "Bekymring fra nabo"
    assert melding.undersokelse.id == "U1"
    assert melding.undersokelse.line == 11
    assert melding.undersokelse.vedtaksgrunnlag[0].kode == "2"
    tiltak = parsed.individer[0].tiltak[0]
    assert tiltak.lovhjemmel.ledd == "2"
    assert tiltak.jmfr_lovhjemmel[0].bokstav == "a"
    assert tiltak.kategori.presisering == "Foreldreveiledning"
    assert tiltak.opphevelse.kode == "4"
    flytting = parsed.individer[0].flyttinger[0]
    assert flytting.arsak_fra.presisering == "Annen grunn"
    assert flytting.flytting_til.kode == "8"
    assert parsed.individer[0].planer[0].evaluert_dato == date(2020, 6, 1)


@pytest.mark.parametrize(
    ("fragment", "replacement", "message"),
    [
        (b' Journalnummer="J2"', b"", "Journalnummer"),
        (
            b'StartDato="2020-02-01" Journalnummer',
            b'StartDato="2020-02-30" Journalnummer',
            "ugyldig dato",
        ),
        (b'<Lovhjemmel Lov="BVL" Kapittel="4" Paragraf="4" Ledd="2"/>', b"", "Lovhjemmel"),
    ],
)
def test_unreadable_values_raise_with_line(fragment: bytes, replacement: bytes, message: str) -> None:
    data = DOC.replace(fragment, replacement)
    with pytest.raises(Kostra15FError) as caught:
        read_15f(parse_bytes(data, "k.xml"), "k.xml")
    assert message in str(caught.value)
    assert "k.xml, linje" in str(caught.value)


def test_exactly_one_avgiver_required() -> None:
    data = DOC.replace(b"<Avgiver ", b"<Ignored ")
    with pytest.raises(Kostra15FError, match="nøyaktig ett"):
        read_15f(parse_bytes(data, "k.xml"), "k.xml")


def test_mapping_to_bvr_records(parsed: Kostra15FFile) -> None:
    first, second = to_deliveries(parsed)
    assert first.source == "15f"
    assert first.id is None
    assert first.avgiver.organisasjonsnummer == "944117784"
    sak = first.sak
    assert uuid.UUID(sak.id).version == 5
    assert sak.migrert_id == "I1"
    assert sak.journalnummer == "J1"
    assert sak.avsluttet is True
    assert sak.slutt_dato == date(2020, 11, 30)
    assert sak.saksbehandler == "Kari Saksbehandler"
    assert [(b.fra_dato, b.kommunenummer) for b in sak.bosted] == [(date(2020, 1, 5), "3401")]
    [person] = sak.personalia
    assert (person.fodselsnummer, person.fodseldato, person.kjonn) == (
        FNR_GIRL,
        date(2012, 3, 4),
        "2",
    )
    m1, m2 = sak.meldinger
    assert m1.migrert_id == "M1"
    assert m1.konklusjon.kode == "2"
    assert m1.konklusjon.slutt_dato == date(2020, 1, 10)
    assert m2.konklusjon is None
    [und] = sak.undersokelser
    assert und.migrert_id == "U1"
    assert und.konklusjon.kode == "1"
    [rel] = sak.relasjoner
    assert (rel.fra_type, rel.fra_id, rel.til_type, rel.til_id) == (
        "Melding",
        m1.id,
        "Undersokelse",
        und.id,
    )
    [plan] = sak.planer
    assert plan.evalueringer == (date(2020, 6, 1),)
    assert plan.konklusjon.slutt_dato.month == 11
    [tiltak] = sak.tiltak
    assert tiltak.lovhjemmel.ledd == ("2",)
    assert tiltak.jmfr_lovhjemmel[0].bokstav == ("a",)
    assert tiltak.kategori.presisering == "Foreldreveiledning"
    assert tiltak.opphevelse.presisering == "Flyttet"
    assert tiltak.konklusjon.kode is None
    [flytting] = sak.flyttinger
    assert flytting.migrert_id == "F1"
    assert flytting.arsak_fra.kode == "1.1.5"
    assert second.sak.personalia == ()
    assert second.extra["duf_nummer"] == DUF


def test_ids_are_deterministic_and_distinct(parsed: Kostra15FFile) -> None:
    again = to_deliveries(read_15f(parse_bytes(DOC, "other-name.xml"), "other-name.xml"))
    first = to_deliveries(parsed)
    assert [d.sak.id for d in first] == [d.sak.id for d in again]
    assert first[0].sak.planer[0].id == again[0].sak.planer[0].id
    # Plan P1 exists in both Individs; ids are scoped by Individ.
    assert first[0].sak.planer[0].id != first[1].sak.planer[0].id
    ids = [first[0].sak.id, first[0].sak.meldinger[0].id, first[0].sak.undersokelser[0].id]
    assert len(set(ids)) == 3


@pytest.mark.parametrize(
    ("number", "kjonn", "born"),
    [
        (FNR_BOY, "1", date(2008, 11, 30)),
        ("01011000100", "1", date(2010, 1, 1)),  # fødselsdato + 00100: boy
        ("01011000200", "2", date(2010, 1, 1)),  # fødselsdato + 00200: girl
        ("01032199999", "0", date(2021, 3, 1)),  # termindato + 99999: unborn
        ("01011655555", "1", date(2016, 1, 1)),  # fødselsdato + 55555
    ],
)
def test_personalia_from_the_number(number: str, kjonn: str, born: date) -> None:
    data = DOC.replace(FNR_GIRL.encode(), number.encode())
    sak = to_deliveries(read_15f(parse_bytes(data, "k.xml"), "k.xml"))[0].sak
    [person] = sak.personalia
    assert (person.kjonn, person.fodseldato) == (kjonn, born)


def test_unreadable_number_keeps_it_in_extra() -> None:
    data = DOC.replace(FNR_GIRL.encode(), b"01011012345")
    delivery = to_deliveries(read_15f(parse_bytes(data, "k.xml"), "k.xml"))[0]
    assert delivery.sak.personalia == ()
    assert delivery.extra["fodselsnummer"] == "01011012345"


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("Testfil_04_FEIL_2020_15F_for_3401.xml", 50),
        ("Testfil_21_OK_2020_15F_for_3401.xml", 4),
        ("testfile_all_fields_set.xml", 1),
    ],
)
def test_reads_ssb_example_files(name: str, count: int) -> None:
    file15f = read_15f(parse_file(EXAMPLES / name), name)
    deliveries = to_deliveries(file15f)
    assert len(file15f.individer) == len(deliveries) == count
    assert all(d.sak.journalnummer for d in deliveries)


def test_latin1_text_survives() -> None:
    file15f = read_15f(parse_file(EXAMPLES / "Testfil_04_FEIL_2020_15F_for_3401.xml"), "t4")
    assert file15f.individer[0].saksbehandler == "01 Ivar Individkontrollør"
