"""A case worker's day in a real browser: melding, parties, a journal entry with the child's
views, the acknowledgement and the investigation notice as PDFs, the conclusion, a vedtak
letter with appeal deadline approved by the leader, and all of it on the case page."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.casework import models as m
from barnevern.rules.identity import synthetic_fnr

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def _add_party(page, rolle: str, navn: str, organisasjon: str = "", foreldreansvar: bool = False) -> None:
    page.select_option("#id_rolle", rolle)
    page.fill("#id_navn", navn)
    page.fill("#id_organisasjon", organisasjon)
    if foreldreansvar:
        page.check("#id_foreldreansvar")
    page.click("button:has-text('Legg til')")
    page.wait_for_selector("text=Parten er lagt til.")


def _letter(page, brevtype: str, mottaker: str, **fields: str) -> None:
    page.click("a:has-text('Nytt brev')")
    page.select_option("#id_brevtype", brevtype)
    page.select_option("#id_mottaker", label=mottaker)
    for name, value in fields.items():
        page.fill(f"#id_{name}", value)
    page.click("button:has-text('Lag utkast')")
    page.wait_for_selector("#id_innhold")


def test_case_workers_day(page, browser, live_server, login, personas):
    login("sb")
    page.click("text=Ny melding")
    page.fill("#id_fodselsnummer", synthetic_fnr(date(2015, 6, 9), 2, "2"))
    page.fill("#id_fornavn", "Ylva")
    page.fill("#id_etternavn", "Nettlesersen")
    page.select_option("#id_kommunenummer", "3428")
    page.check("input[name=melder][value='11']")
    page.check("input[name=saksinnhold][value='1.2.03']")
    page.click("button:has-text('Lagre')")
    page.wait_for_selector("text=Meldingen er registrert.")
    case_url = page.url

    page.click("text=Parter og kontakter")
    _add_party(page, "melder_offentlig", "Lærer Lund", organisasjon="Alvdal skule")
    _add_party(page, "mor", "Mari Nettlesersen", foreldreansvar=True)
    page.goto(case_url)

    page.keyboard.press("Alt+j")  # accesskey of «Skriv journalnotat»; fall back to a click
    if "/journal/ny/" not in page.url:
        page.click("a:has-text('Skriv journalnotat')")
    page.select_option("#id_type", "samtale_barn")
    page.fill("#id_tittel", "Samtale med Ylva på skolen")
    page.fill("#id_tekst", "Samtale alene med Ylva i et grupperom.")
    page.fill("#id_barnets_synspunkter", "Ylva vil gjerne ha det roligere hjemme.")
    page.click("button:has-text('Lagre')")
    page.wait_for_selector("text=Journalnotatet er lagret.")

    _letter(page, "kvittering_melder", "Lærer Lund (Melder (offentlig))")
    page.click("button:has-text('Ferdigstill og send')")
    page.wait_for_selector("text=Brevet er ferdigstilt")

    page.click("a:has-text('Konkluder melding')")
    page.select_option("#id_kode", "2")
    page.click("button:has-text('Lagre')")
    page.wait_for_selector("text=Undersøkelse startet")

    _letter(page, "varsel_undersokelse", "Mari Nettlesersen (Mor)")
    page.click("button:has-text('Ferdigstill og send')")
    page.wait_for_selector("text=Brevet er ferdigstilt")

    page.click("a:has-text('Konkluder undersøkelse')")
    page.select_option("#id_kode", "1")
    page.check("input[name=vedtaksgrunnlag][value='1.2.03']")
    page.click("button:has-text('Lagre')")
    page.wait_for_selector("text=Undersøkelse konkludert")
    page.click("a:has-text('Registrer vedtak')")
    page.select_option("#id_hjemmel", "BVL2021:3-1")
    page.click("button:has-text('Lagre')")
    page.wait_for_selector("text=Vedtak etter")

    _letter(
        page,
        "vedtak_hjelpetiltak",
        "Mari Nettlesersen (Mor)",
        tiltak="Foreldreveiledning i seks måneder",
        begrunnelse="Familien trenger støtte.",
    )
    assert "Foreldreveiledning i seks måneder" in page.input_value("#id_innhold")
    page.click("button:has-text('Send til godkjenning')")
    page.wait_for_selector("text=Brevet er sendt til godkjenning.")

    leader = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO").new_page()
    leader.goto(f"{live_server.url}/logg-inn/")
    leader.fill("#id_username", "leder")
    leader.fill("#id_password", "korrekt-hest-batteri-42")
    leader.click("button[type=submit]")
    leader.goto(case_url)
    leader.click(".ds-alert a:has-text('Vedtak om hjelpetiltak')")
    leader.click("button:has-text('Godkjenn og send')")
    leader.wait_for_selector("text=Brevet er godkjent")
    leader.context.close()

    page.goto(case_url)
    body = page.inner_text("main")
    for text in (
        "Melding mottatt",
        "Samtale med Ylva på skolen",
        "Samtale med barnet",
        "Ylva vil gjerne ha det roligere hjemme.",
        "Bekreftelse på mottatt bekymringsmelding",
        "Varsel om undersøkelse",
        "Undersøkelse konkludert",
        "Vedtak om hjelpetiltak",
    ):
        assert text in body, text
    assert body.count("Sendt") >= 3
    vedtak = m.Dokument.objects.get(brevtype="vedtak_hjelpetiltak")
    assert vedtak.laast
    assert vedtak.data["klagefrist"]
    assert vedtak.godkjent_av.username == "leder"
    response = page.request.get(f"{live_server.url}/saker/{vedtak.sak_id}/dokument/{vedtak.pk}/fil/")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
    page.click("nav a[href='?vis=brev#tidslinje']")
    assert "Samtale med Ylva" not in page.inner_text("ol.bv-timeline")
    assert page.console_errors == []
