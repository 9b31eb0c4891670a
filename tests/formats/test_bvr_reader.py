import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from barnevern import records as r
from barnevern.formats.bvr_reader import iter_bvr_documents, iter_bvr_files, read_bvr
from barnevern.formats.xmlsafe import XmlFileError, parse_bytes, parse_file
from tests.paths import ssb

SAMPLES = Path(__file__).resolve().parent / "samples"
ALL = SAMPLES / "bvr_v4_all_elements.xml"


CONSTRUCTED = ssb("examples", "constructed", "bvr_v4_sak_example.xml")


@pytest.fixture(scope="module")
def full() -> r.Delivery:
    return read_bvr(parse_file(ALL), "alle.xml")


def test_delivery_header(full):
    assert full.id == "0a7f3b52-9d1e-4c11-8f0e-2b6a4c5d7e81"
    assert full.forrige_id == "1b8e4c63-ae2f-4d22-9a1f-3c7b5d6e8f92"
    assert full.dato_uttrekk == datetime(2026, 6, 30, 2, 0, tzinfo=timezone(timedelta(hours=2)))
    assert full.fagsystem == r.Fagsystem("Testleverandør AS", "Testsystem", "2.3.4")
    assert full.avgiver == r.Avgiver("958935420", "0301", "Oslo kommune", "05", "Frogner")
    assert full.source == "bvr-v4"


def test_sak_attributes_and_bosted(full):
    sak = full.sak
    assert (sak.id, sak.migrert_id, sak.journalnummer) == (
        "2c9f5d74-bf3a-4e33-8b2a-4d8c6e7f9a03",
        "LEGACY-77",
        "2025-000042",
    )
    assert (sak.start_dato, sak.slutt_dato, sak.avsluttet, sak.er_slettet) == (
        date(2025, 3, 1),
        date(2026, 6, 1),
        True,
        False,
    )
    assert sak.bosted == (r.Bosted(date(2025, 3, 1), "0301"),)
    assert sak.line == 10  # libxml2 gives the line where a multi-line start tag ends


def test_personalia(full):
    first, deleted = full.sak.personalia
    assert first == r.Personalia(
        "3da06e85-c04b-4f44-9c3b-5e9d7f8a0b14",
        date(2025, 3, 1),
        "01851250049",
        date(2012, 5, 1),
        "2",
        "209900000103",
        line=12,
    )
    assert deleted.er_slettet is True


def test_meldinger_with_escaped_presisering_and_deleted_konklusjon(full):
    first, second = full.sak.meldinger
    assert first.migrert_id == "M-1"
    assert first.melder == (r.KodeMedPresisering("22", 'Tekst med & og <tegn> og "sitat"\nog ny linje'),)
    assert first.saksinnhold == (r.KodeMedPresisering("19", "Annet forhold"),)
    assert first.konklusjon == r.Konklusjon(date(2025, 3, 5), "2")
    assert second.konklusjon is None  # Konklusjon ErSlettet="true": the conclusion was deleted


def test_undersokelse(full):
    (u,) = full.sak.undersokelser
    assert u.vedtaksgrunnlag == (
        r.KodeMedPresisering("18", "Forhold ved familien"),
        r.KodeMedPresisering("7"),
    )
    assert (u.medvirkning_dato, u.medvirkning_type) == (date(2025, 4, 1), "1.3")
    assert u.utvidet_frist == r.UtvidetFrist(date(2025, 5, 20), "1")
    assert u.konklusjon == r.Konklusjon(date(2025, 7, 1), "5", "Flyttet til annen kommune")


def test_plan(full):
    (plan,) = full.sak.planer
    assert plan.plantype == "1"
    assert plan.evalueringer == (date(2025, 10, 10), date(2026, 1, 10))
    assert plan.konklusjon == r.Konklusjon(date(2026, 5, 31))
    assert plan.er_slettet is False


def test_tiltak_with_tilsyn_and_oppfolging(full):
    (t,) = full.sak.tiltak
    assert t.lovhjemmel == r.Lovhjemmel("BVL2021", "5", "1", ("2",), ("a", "c"), ("1",))
    assert t.jmfr_lovhjemmel == (r.Lovhjemmel("BVL2021", "4", "2"),)
    assert t.kategori == r.KodeMedPresisering("2.99", "Annet fosterhjemstiltak")
    assert t.tiltaksgrunnlag == (r.KodeMedPresisering("7"),)
    assert t.tilsyn.ansvarlig == (
        r.TilsynAnsvarlig("a417df5c-37b2-46bb-8da2-c5a4e6f1728b", date(2025, 7, 15), "3201"),
    )
    assert t.tilsyn.hyppighet[0].kode == "4"
    assert t.tilsyn.utfort == (r.Utfort("c639f17e-59d4-48dd-8fc4-e7c6081394ad", date(2025, 9, 1)),)
    assert t.oppfolging.hyppighet == (
        r.Hyppighet("d74a028f-6ae5-49ee-90d5-f8d71924a5be", date(2025, 7, 15), "2"),
    )
    assert [u.utfort_dato for u in t.oppfolging.utfort] == [date(2025, 10, 1)]
    assert t.opphevelse == r.KodeMedPresisering("4", "Annen grunn")
    assert t.konklusjon.slutt_dato == date(2026, 5, 31)


def test_vedtak_with_krav_and_status(full):
    (v,) = full.sak.vedtak
    assert v.jmfr_lovhjemmel == (r.Lovhjemmel("BL1981", "5", "43a"),)
    first, second = v.krav
    assert first.konklusjon == r.Konklusjon(date(2025, 10, 1), "9", "Annen avgjørelse")
    assert second.konklusjon is None
    assert [(s.endret_dato, s.kode) for s in v.status] == [
        (date(2025, 7, 1), "2"),
        (date(2025, 7, 10), "1"),
    ]
    assert v.konklusjon.slutt_dato == date(2026, 5, 31)


def test_ettervern_oversendelse_flytting_relasjon_slettet(full):
    sak = full.sak
    assert sak.ettervern[0].tilbud_sendt_dato == date(2026, 1, 15)
    assert sak.ettervern[0].konklusjon == r.Konklusjon(date(2026, 2, 15), "3")
    assert sak.oversendelser[0].jmfr_lovhjemmel == (r.Lovhjemmel("BVL2021", "14", "3"),)
    flytting = sak.flyttinger[0]
    assert (flytting.slutt_dato, flytting.arsak_fra.kode, flytting.flytting_til.presisering) == (
        date(2025, 12, 1),
        "1.1.5",
        "Hos besteforeldre",
    )
    first, deleted = sak.relasjoner
    assert (first.fra_type, first.til_type, first.er_slettet) == ("Melding", "Undersokelse", False)
    assert deleted.er_slettet is True
    assert sak.slettet == (
        r.Slettet("9306ce4b-26a1-45ba-8c91-b4f3d5e0617a", "Tiltak", date(2025, 8, 1), line=110),
    )


def test_lines_come_from_the_file(full):
    assert full.sak.meldinger[0].line == 15
    assert full.sak.relasjoner[0].line == 107


def test_v1_oppfolging_is_collected_as_visits():
    delivery = read_bvr(parse_file(SAMPLES / "bvr_v1_2024.xml"), "v1.xml")
    assert delivery.source == "bvr-v1"
    oppfolging = delivery.sak.tiltak[0].oppfolging
    assert oppfolging.hyppighet == ()
    assert [u.utfort_dato for u in oppfolging.utfort] == [date(2023, 8, 1), date(2023, 11, 1)]


def test_schema_argument_sets_the_source():
    delivery = read_bvr(parse_file(CONSTRUCTED), "x.xml", schema="bvr-v3")
    assert delivery.source == "bvr-v3"


def test_constructed_sample_reads():
    delivery = read_bvr(parse_file(CONSTRUCTED), "x.xml")
    assert len(delivery.sak.relasjoner) == 3
    assert delivery.sak.tiltak[0].kategori.kode == "4.6"


BROKEN = [
    (b'<Personalia Id="p1" StartDato="2026-01-05" Fodseldato="2015-03-15" Kjonn="2"/>',
     "Elementet «Personalia» (Id p1) mangler det påkrevde attributtet «Fodselsnummer».", 5),
    (b'<Melding Id="m1" StartDato="05.01.2026"/>',
     "Elementet «Melding» (Id m1) har en ugyldig dato «05.01.2026» i «StartDato». Bruk formatet ÅÅÅÅ-MM-DD.", 5),
    (b'<Tiltak Id="t1" StartDato="2026-01-05"><Kategori Kode="4.6"/></Tiltak>',
     "Elementet «Tiltak» (Id t1) mangler underelementet «Lovhjemmel».", 5),
]  # fmt: skip


@pytest.mark.parametrize(("element", "message", "line"), BROKEN)
def test_unreadable_elements_raise_with_file_line_and_id(element, message, line):
    xml = (
        b'<Barnevern Id="x" DatoUttrekk="2026-06-30T02:00:00+02:00">\n'
        b'<Fagsystem Leverandor="abc" Navn="n" Versjon="1"/>\n'
        b'<Avgiver Organisasjonsnummer="999999999" Kommunenummer="9999" Kommunenavn="K"/>\n'
        b'<Sak Id="s" StartDato="2026-01-05" Journalnummer="1">\n' + element + b"\n</Sak></Barnevern>"
    )
    with pytest.raises(XmlFileError) as caught:
        read_bvr(parse_bytes(xml, "feil.xml"), "feil.xml")
    assert (caught.value.file, caught.value.message, caught.value.line) == (
        "feil.xml",
        message,
        line,
    )


def test_a_15f_file_is_not_read_as_bvr():
    tree = parse_file(ssb("examples", "kostra-15f", "Testfil_21_OK_2020_15F_for_3401.xml"))
    with pytest.raises(XmlFileError, match="KOSTRA 15F-fil, ikke en BVR-fil"):
        read_bvr(tree, "15f.xml")


def test_bad_dato_uttrekk_is_named():
    xml = CONSTRUCTED.read_bytes().replace(b"2026-06-30T02:00:00+02:00", b"30.06.2026")
    with pytest.raises(XmlFileError, match="ugyldig «DatoUttrekk» «30.06.2026»"):
        read_bvr(parse_bytes(xml, "x.xml"), "x.xml")


def test_missing_sak_is_named():
    xml = (
        b'<Barnevern Id="x"><Avgiver Organisasjonsnummer="1" Kommunenummer="1" Kommunenavn="k"/></Barnevern>'
    )
    with pytest.raises(XmlFileError, match="mangler underelementet «Sak»"):
        read_bvr(parse_bytes(xml, "x.xml"), "x.xml")


def test_iter_bvr_files_streams_directories_and_zips_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.xml").write_bytes(CONSTRUCTED.read_bytes())
    (tmp_path / "a.xml").write_bytes((SAMPLES / "bvr_v1_2024.xml").read_bytes())
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as archive:
        archive.writestr("inne/alle.xml", ALL.read_bytes())
    sources = [d.sak.journalnummer for d in iter_bvr_files([tmp_path])]
    assert sources == ["2023-17", "2026-000123", "2025-000042"]


def test_iter_bvr_files_is_lazy_and_strict(tmp_path):
    (tmp_path / "1.xml").write_bytes(CONSTRUCTED.read_bytes())
    (tmp_path / "2.xml").write_bytes(b"<Barnevern><Sak>")
    stream = iter_bvr_files([tmp_path])
    assert next(stream).sak.journalnummer == "2026-000123"
    with pytest.raises(XmlFileError) as caught:
        next(stream)
    assert caught.value.file.endswith("2.xml")
    assert caught.value.line == 1


def test_iter_bvr_documents_carries_on_and_validates(tmp_path):
    (tmp_path / "1.xml").write_bytes(b"<Barnevern><Sak>")
    (tmp_path / "2.xml").write_bytes(CONSTRUCTED.read_bytes().replace(b'Kjonn="2"', b'Kjonn="5"'))
    (tmp_path / "3.xml").write_bytes(CONSTRUCTED.read_bytes())
    (tmp_path / "4.xml").write_bytes(
        ssb("examples", "kostra-15f", "Testfil_21_OK_2020_15F_for_3401.xml").read_bytes()
    )
    docs = list(iter_bvr_documents([tmp_path], validate=True))
    assert [Path(d.name).name for d in docs] == ["1.xml", "2.xml", "3.xml", "4.xml"]
    broken, invalid, good, kostra = docs
    assert broken.delivery is None
    assert "Ugyldig XML" in broken.error.message
    assert invalid.delivery is not None
    assert invalid.schema == "bvr-v4"
    assert not invalid.ok
    assert any("Kjonn" in e.message for e in invalid.xsd_errors)
    assert good.ok
    assert good.delivery.source == "bvr-v4"
    assert kostra.delivery is None
    assert "15F" in kostra.error.message


def test_iter_bvr_documents_without_validation_uses_the_date():
    (doc,) = iter_bvr_documents([SAMPLES / "bvr_v1_2024.xml"])
    assert (doc.schema, doc.xsd_errors, doc.ok) == ("bvr-v1", (), True)
