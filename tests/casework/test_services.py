"""The casework service API: parties, journal entries (versioned, never deleted), incoming documents."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from barnevern.audit.models import AuditEntry
from barnevern.casework import models as m
from barnevern.casework import services as s
from barnevern.rules.identity import synthetic_fnr

TODAY = date(2026, 11, 23)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_add_party_validates_identity_number_and_defaults_rights(sak):
    mor = s.add_party(
        sak,
        rolle="mor",
        navn="Mona Testesen",
        fodselsnummer=synthetic_fnr(date(1990, 5, 1), 0, "2"),
        foreldreansvar=True,
        today=TODAY,
    )
    assert mor.partsrettigheter is True
    with pytest.raises(s.CaseworkError) as exc:
        s.add_party(sak, rolle="far", navn="Feil", fodselsnummer="12345678901", today=TODAY)
    assert exc.value.field == "fodselsnummer"
    anonym = s.add_party(sak, rolle="melder_privat", navn="Skal bort", anonym=True, today=TODAY)
    assert anonym.navn == ""
    assert anonym.visningsnavn == "Anonym melder"
    assert not anonym.partsrettigheter
    with pytest.raises(s.CaseworkError):
        s.add_party(sak, rolle="mor", anonym=True, today=TODAY)
    assert AuditEntry.objects.filter(sak_id=sak.pk, object_type="Part", action="create").count() == 2


def test_journal_entry_correction_keeps_old_version(sak, personas):
    mor = s.add_party(sak, rolle="mor", navn="Mona", foreldreansvar=True, today=TODAY)
    melding = sak.meldinger.get()
    entry = s.add_journal_entry(
        sak,
        type="samtale_barn",
        dato=date(2026, 11, 20),
        tittel="Samtale på skolen",
        tekst="Snakket med barnet alene.",
        barnets_synspunkter="Vil bo hjemme.",
        parter=[mor],
        element=melding,
        forfatter=personas["sb"],
        today=TODAY,
    )
    assert entry.kjede == entry.id
    assert entry.element_type == "melding"
    new = s.correct_journal_entry(
        entry, grunn="Feil dato", dato=date(2026, 11, 19), forfatter=personas["sb"], today=TODAY, versjon=1
    )
    versions = list(m.Journalnotat.objects.filter(kjede=entry.kjede).order_by("versjon"))
    assert [(v.versjon, v.gjeldende, v.dato) for v in versions] == [
        (1, False, date(2026, 11, 20)),
        (2, True, date(2026, 11, 19)),
    ]
    assert new.barnets_synspunkter == "Vil bo hjemme."
    assert list(new.parter.all()) == [mor]
    with pytest.raises(s.ConflictError):
        s.correct_journal_entry(entry, grunn="igjen", tekst="x", today=TODAY, versjon=1)
    with pytest.raises(m.NeverDeleted):
        entry.delete()
    with pytest.raises(m.NeverDeleted):
        m.Journalnotat.objects.filter(sak=sak).delete()
    audit = AuditEntry.objects.filter(sak_id=sak.pk, object_type="Journalnotat", action="update").get()
    assert audit.data["erstatter"] == str(entry.pk)
    assert audit.data["grunn"] == "Feil dato"


def test_journal_entry_refuses_future_and_foreign_element(sak, org):
    with pytest.raises(s.CaseworkError) as exc:
        s.add_journal_entry(sak, type="telefon", dato=date(2026, 12, 1), tittel="x", tekst="y", today=TODAY)
    assert exc.value.field == "dato"
    with pytest.raises(s.CaseworkError) as exc:
        s.add_journal_entry(
            sak,
            type="telefon",
            dato=TODAY,
            tittel="x",
            tekst="y",
            element=("melding", "00000000-0000-0000-0000-000000000000"),
            today=TODAY,
        )
    assert exc.value.field == "element"


def test_system_entries_for_registered_events(sak, django_capture_on_commit_callbacks):
    from barnevern.cases import services as cs
    from barnevern.casework.system import record_events

    melding = sak.meldinger.get()
    record_events(sak.pk)
    with django_capture_on_commit_callbacks(execute=True):
        cs.conclude_melding(melding, dato=date(2026, 11, 6), kode="2", versjon=None, today=TODAY)
    titles = list(
        m.Journalnotat.objects.filter(sak=sak, type="system")
        .order_by("dato", "opprettet")
        .values_list("tittel", flat=True)
    )
    assert titles[0] == "Melding registrert"
    assert any(t.startswith("Melding konkludert") for t in titles)
    assert "Undersøkelse startet" in titles
    # once per event, however often the element is saved
    assert record_events(sak.pk) == 0
    assert (
        m.Journalnotat.objects.filter(sak=sak, type="system", system_nokkel=f"melding:{melding.pk}").count()
        == 1
    )


def test_store_incoming_document_checks_content_not_name(sak, personas):
    dok = s.store_incoming_document(
        sak,
        content=PDF,
        filnavn="skanning.jpg",
        tittel="Rapport fra skolen",
        dato=date(2026, 11, 10),
        avsender="Alvdal skole",
        forfatter=personas["sb"],
        today=TODAY,
    )
    assert dok.fil.mimetype == "application/pdf"
    assert dok.fil.filnavn == "skanning.pdf"
    assert dok.fil.sjekksum == hashlib.sha256(PDF).hexdigest()
    assert dok.laast
    assert dok.journalnotat_kjede
    assert m.Journalnotat.objects.get(kjede=dok.journalnotat_kjede).type == "dokument"
    with pytest.raises(s.CaseworkError, match="ikke en PDF"):
        s.store_incoming_document(
            sak, content=b"MZ\x90\x00 exe", filnavn="rapport.pdf", tittel="x", dato=TODAY, today=TODAY
        )
    with pytest.raises(s.CaseworkError, match="større enn"):
        s.store_incoming_document(
            sak,
            content=b"%PDF-" + b"0" * s.MAX_UPLOAD_BYTES,
            filnavn="stor.pdf",
            tittel="x",
            dato=TODAY,
            today=TODAY,
        )
    assert m.Dokument.objects.filter(sak=sak).count() == 1
