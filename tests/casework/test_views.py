"""Casework pages: the case page's stream, journal, parties, letters, upload, innsyn, templates."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from barnevern.audit.models import AuditEntry
from barnevern.casework import letters as L
from barnevern.casework import models as m
from barnevern.casework import services as s

TODAY = date(2026, 11, 23)
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("barnevern.clock.today", lambda: TODAY)


def test_case_page_merges_stream_and_filters(client, sak, personas):
    s.add_journal_entry(
        sak,
        type="hjemmebesok",
        dato=date(2026, 11, 10),
        tittel="Besøk hjemme",
        tekst="Ryddig hjem.",
        today=TODAY,
    )
    s.store_incoming_document(
        sak, content=PNG, filnavn="brev.png", tittel="Brev fra skolen", dato=TODAY, today=TODAY
    )
    client.force_login(personas["sb"])
    url = reverse("cases:detail", args=[sak.pk])
    assert url == reverse("casework:case", args=[sak.pk])
    page = client.get(url).content.decode()
    assert "Melding mottatt" in page
    assert "Besøk hjemme" in page
    assert "Brev fra skolen" in page
    assert 'accesskey="j"' in page
    only_journal = client.get(url + "?vis=journal").content.decode()
    assert "Besøk hjemme" in only_journal
    assert "Melding mottatt</strong>" not in only_journal
    assert AuditEntry.objects.filter(sak_id=sak.pk, action="view", what__startswith="Åpnet sak").exists()
    searched = client.get(url + "?q=ryddig").content.decode()
    assert "Besøk hjemme" in searched
    assert "Brev fra skolen</a>" not in searched


def test_write_journal_entry_with_child_views(client, sak, personas):
    client.force_login(personas["sb"])
    melding = sak.meldinger.get()
    response = client.post(
        reverse("casework:journal_new", args=[sak.pk]),
        {
            "type": "samtale_barn",
            "dato": "2026-11-20",
            "tittel": "Samtale med Testine",
            "tekst": "Samtale alene på skolen.",
            "barnets_medvirkning": "Informert om meldingen.",
            "barnets_synspunkter": "Jeg vil bo hjemme.",
            "element": f"melding:{melding.pk}",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = m.Journalnotat.objects.get(sak=sak, type="samtale_barn")
    assert entry.barnets_synspunkter == "Jeg vil bo hjemme."
    assert entry.forfatter == personas["sb"]
    # correction keeps the old version, shown to the leder only
    client.post(
        reverse("casework:journal_correct", args=[sak.pk, entry.kjede]),
        {
            "type": "samtale_barn",
            "dato": "2026-11-20",
            "tittel": "Samtale med Testine",
            "tekst": "Samtale alene i skolens grupperom.",
            "barnets_medvirkning": "",
            "barnets_synspunkter": "Jeg vil bo hjemme.",
            "element": "",
            "korreksjon_grunn": "Stedet var feil",
            "versjon": 1,
        },
    )
    assert m.Journalnotat.objects.filter(kjede=entry.kjede).count() == 2
    url = reverse("casework:journal_entry", args=[sak.pk, entry.kjede])
    assert "Tidligere versjoner" not in client.get(url).content.decode()
    client.force_login(personas["leder"])
    page = client.get(url).content.decode()
    assert "Tidligere versjoner" in page
    assert "Samtale alene på skolen." in page
    found = client.get(reverse("casework:journal_search") + "?q=grupperom").content.decode()
    assert "Samtale med Testine" in found


def test_letter_flow_in_pages(client, sak, personas):
    melder = s.add_party(
        sak, rolle="melder_offentlig", navn="Lærer Li", organisasjon="Alvdal skule", today=TODAY
    )
    client.force_login(personas["sb"])
    response = client.post(
        reverse("casework:letter_new", args=[sak.pk]),
        {"brevtype": "kvittering_melder", "mottaker": str(melder.pk)},
    )
    assert response.status_code == 302
    dok = m.Dokument.objects.get(sak=sak)
    response = client.post(
        response["Location"],
        {
            "tittel": dok.tittel,
            "mottaker": str(melder.pk),
            "innhold": dok.innhold,
            "versjon": dok.versjon,
            "handling": "ferdigstill",
        },
    )
    assert response.status_code == 302
    dok.refresh_from_db()
    assert dok.laast
    pdf = client.get(reverse("casework:document_file", args=[sak.pk, dok.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_upload_checks_content(client, sak, personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(personas["sb"])
    url = reverse("casework:upload", args=[sak.pk])
    bad = client.post(
        url,
        {
            "fil": SimpleUploadedFile("rapport.pdf", b"<html>not a pdf</html>"),
            "tittel": "Rapport",
            "dato": "2026-11-20",
            "avsender": "",
            "element": "",
        },
    )
    assert bad.status_code == 200
    assert "ikke en PDF" in bad.content.decode()
    ok = client.post(
        url,
        {
            "fil": SimpleUploadedFile("skann.tif", PNG),
            "tittel": "Rapport",
            "dato": "2026-11-20",
            "avsender": "BUP",
            "element": "",
        },
    )
    assert ok.status_code == 302
    assert m.Dokument.objects.get(sak=sak).fil.mimetype == "image/png"


def test_innsyn_withhold_and_export(client, sak, personas):
    mor = s.add_party(sak, rolle="mor", navn="Mona", foreldreansvar=True, today=TODAY)
    samtale = s.add_journal_entry(
        sak, type="samtale_barn", dato=TODAY, tittel="Samtale", tekst="Barnet fortalte.", today=TODAY
    )
    s.add_journal_entry(
        sak, type="internt_notat", dato=TODAY, tittel="Drøfting", tekst="Intern drøfting.", today=TODAY
    )
    s.store_incoming_document(
        sak, content=b"%PDF-1.4\n%%EOF\n", filnavn="r.pdf", tittel="Rapport", dato=TODAY, today=TODAY
    )
    client.force_login(personas["sb"])
    url = reverse("casework:innsyn", args=[sak.pk]) + f"?part={mor.pk}"
    client.post(
        url,
        {"item": f"j:{samtale.kjede}", "hjemmel": "bvl-barnets-opplysninger", "begrunnelse": "Barnets beste"},
    )
    page = client.get(url).content.decode()
    assert "Drøfting" in page
    assert "§ 18 c" in page
    assert "Barnets beste" in page
    listing = client.get(url + "&format=csv").content.decode("utf-8-sig")
    assert "Drøfting" in listing
    assert "unntatt" in listing
    response = client.get(url + "&format=pdf")
    assert response.content.startswith(b"%PDF-")
    export = AuditEntry.objects.filter(sak_id=sak.pk, action="export").latest("id")
    assert [f"j:{samtale.kjede}", "bvl-barnets-opplysninger"] in export.data["unntatt"]
    assert len(export.data["sjekksum"]) == 64


@pytest.mark.parametrize("who", ["okonomi", "kommune", "sb2", "annen_leder"])
def test_no_casework_for_roles_without_access(client, sak, personas, who):
    entry = s.add_journal_entry(sak, type="telefon", dato=TODAY, tittel="Telefon", tekst="x", today=TODAY)
    dok = s.store_incoming_document(
        sak, content=PNG, filnavn="a.png", tittel="Skann", dato=TODAY, today=TODAY
    )
    client.force_login(personas[who])
    for url in (
        reverse("casework:case", args=[sak.pk]),
        reverse("casework:journal_new", args=[sak.pk]),
        reverse("casework:journal_entry", args=[sak.pk, entry.kjede]),
        reverse("casework:parties", args=[sak.pk]),
        reverse("casework:document_file", args=[sak.pk, dok.pk]),
        reverse("casework:innsyn", args=[sak.pk]),
        reverse("casework:letter_new", args=[sak.pk]),
    ):
        assert client.get(url).status_code in {403, 404}, url
    found = client.get(reverse("casework:journal_search") + "?q=Telefon")
    assert found.status_code == 403 or "Telefon</a>" not in found.content.decode()


def test_templates_for_leader_only(client, personas, org):
    client.force_login(personas["sb"])
    assert client.get(reverse("casework:templates")).status_code == 403
    client.force_login(personas["leder"])
    assert "Vedtak om hjelpetiltak" in client.get(reverse("casework:templates")).content.decode()
    url = reverse("casework:template_edit", args=["innkalling_mote"])
    assert client.post(url, {"innhold": "Møte {{ data.tid }}", "krever_godkjenning": "on"}).status_code == 302
    assert L.current_template(personas["leder"].tjeneste, "innkalling_mote")[3] == 1
