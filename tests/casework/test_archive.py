"""Noark 5 archive extract: every XML validates against Arkivverket's XSDs, every checksum
matches its file, the public journal has no names or identity numbers."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from lxml import etree

from barnevern.casework import archive
from barnevern.casework import letters as L
from barnevern.casework import services as s
from barnevern.formats.noark5.validate import validate_dir

TODAY = date(2026, 11, 23)
N5 = "{http://www.arkivverket.no/standarder/noark5/arkivstruktur}"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def check_extract(out):
    """Schema errors and checksum mismatches of an extract folder (both must be empty)."""
    errors = validate_dir(out)
    tree = etree.parse(str(out / "arkivstruktur.xml"))
    objects = tree.findall(f".//{N5}dokumentobjekt")
    mismatches = []
    for o in objects:
        path = out / o.findtext(f"{N5}referanseDokumentfil")
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != o.findtext(f"{N5}sjekksum") or len(data) != int(
            o.findtext(f"{N5}filstoerrelse")
        ):
            mismatches.append(str(path))
    addml = etree.parse(str(out / "arkivuttrekk.xml"))
    ns = "{http://www.arkivverket.no/standarder/addml}"
    for ff in addml.findall(f".//{ns}flatFile"):
        value = ff.find(f".//{ns}property[@name='checksum']//{ns}property[@name='value']/{ns}value").text
        if hashlib.sha256((out / ff.get("name")).read_bytes()).hexdigest() != value:
            mismatches.append(ff.get("name"))
    return errors, mismatches, objects


@pytest.fixture
def case_with_work(sak, personas):
    mor = s.add_party(
        sak,
        rolle="mor",
        navn="Mona Testesen",
        foreldreansvar=True,
        adresse="Storvegen 2",
        postnummer="2560",
        poststed="ALVDAL",
        today=TODAY,
    )
    melder = s.add_party(
        sak, rolle="melder_offentlig", navn="Lærer Li", organisasjon="Alvdal skule", today=TODAY
    )
    entry = s.add_journal_entry(
        sak,
        type="samtale_barn",
        dato=date(2026, 11, 5),
        tittel="Samtale med Testine",
        tekst="Samtale på skolen.",
        barnets_synspunkter="Vil bo hjemme.",
        parter=[mor],
        forfatter=personas["sb"],
        today=TODAY,
    )
    s.correct_journal_entry(
        entry, grunn="Skrivefeil", tekst="Samtale på skolen, alene.", today=TODAY, forfatter=personas["sb"]
    )
    s.store_incoming_document(
        sak,
        content=PNG,
        filnavn="skann.png",
        tittel="Rapport om Testine",
        dato=date(2026, 11, 3),
        avsender="Alvdal skule",
        today=TODAY,
    )
    dok = L.draft_letter(sak, "kvittering_melder", user=personas["sb"], today=TODAY, mottaker=melder)
    L.finalize(dok, user=personas["sb"], today=TODAY)
    return sak


def test_extract_validates_and_checksums_match(case_with_work, org, tmp_path):
    summary = archive.export(org["nord-osterdal"], tmp_path / "uttrekk", fra=date(2026, 1, 1), til=TODAY)
    out = tmp_path / "uttrekk"
    assert summary["saker"] == 1
    assert summary["journalposter"] == 3
    assert summary["endringer"] == 1
    errors, mismatches, objects = check_extract(out)
    assert errors == []
    assert mismatches == []
    assert len(objects) == 4  # two versions of the journal entry, the scan, the letter
    formats = sorted(o.findtext(f"{N5}format") for o in objects)
    assert formats == ["PDF/A - ISO 19005-2:2011", "PNG", "TEXT - UTF-8", "TEXT - UTF-8"]
    public = (out / "offentligJournal.xml").read_text(encoding="utf-8")
    person = case_with_work.personalia.get()
    for secret in ("Testine", "Testesen", person.fodselsnummer, "Lærer Li", "Mona"):
        assert secret not in public
    assert "Testine" in (out / "loependeJournal.xml").read_text(encoding="utf-8")
    assert "skolen, alene" in (out / "endringslogg.xml").read_text(encoding="utf-8")


def test_period_without_records_is_refused(case_with_work, org, tmp_path):
    with pytest.raises(ValueError, match="Ingen journalposter"):
        archive.export(org["nord-osterdal"], tmp_path / "x", fra=date(2020, 1, 1), til=date(2020, 12, 31))


def test_schema_catches_a_broken_file(case_with_work, org, tmp_path):
    out = tmp_path / "u"
    archive.export(org["nord-osterdal"], out, fra=date(2026, 1, 1), til=TODAY)
    text = (
        (out / "arkivstruktur.xml")
        .read_text(encoding="utf-8")
        .replace("<sjekksumAlgoritme>", "<sjekksumAlgo>", 1)
    )
    (out / "arkivstruktur.xml").write_text(
        text.replace("</sjekksumAlgoritme>", "</sjekksumAlgo>", 1), encoding="utf-8"
    )
    errors, _, _ = check_extract(out)
    assert errors
    assert "arkivstruktur.xml linje" in errors[0]
