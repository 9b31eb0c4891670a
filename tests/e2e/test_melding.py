"""A case worker logs in, registers a melding and sees it on the case page."""

from datetime import date

import pytest

from barnevern.rules.identity import synthetic_fnr

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def test_register_melding_in_a_real_browser(page, live_server, login, personas):
    login("sb")
    page.click("text=Ny melding")
    page.fill("#id_fodselsnummer", synthetic_fnr(date(2014, 8, 9), 1, "2"))
    page.fill("#id_fornavn", "Nora")
    page.fill("#id_etternavn", "Nettlesersen")
    page.select_option("#id_kommunenummer", "3426")
    page.check("input[name=melder][value='11']")
    page.check("input[name=saksinnhold][value='1.2.03']")
    page.click("button:has-text('Lagre')")
    page.wait_for_selector("h1:has-text('Sak')")
    body = page.inner_text("main")
    assert "Meldingen er registrert." in body
    assert "Melding mottatt" in body
    assert "Skole" in body
    assert "Trivsel i barnehage og skole" in body
    assert "Nora Nettlesersen" in body
    assert page.console_errors == []


def test_errors_name_the_field_in_norwegian(page, live_server, login, personas):
    login("sb")
    page.goto(f"{live_server.url}/saker/ny-melding/")
    page.fill("#id_fodselsnummer", "12345678901")
    page.fill("#id_fornavn", "Feil")
    page.fill("#id_etternavn", "Nummer")
    page.check("input[name=melder][value='11']")
    page.check("input[name=saksinnhold][value='1.2.03']")
    page.click("button:has-text('Lagre')")
    summary = page.inner_text(".ds-error-summary")
    assert "Fødselsnummer" in summary
    assert "kontrollsiffer" in summary
    assert page.get_attribute("#id_fodselsnummer", "aria-invalid") == "true"
