"""A case carried from melding to ettervern in a real browser (issue 22, points 1–3):

* a case worker registers a melding, concludes it and the investigation, records a vedtak under
  the wrong legal basis and corrects it (a new version, with a reason), a measure, a plan, a
  referral to the board, a move to another member municipality, and an aftercare offer with
  its answer; every form is submitted and its result checked on the case page;
* the leader sees the correction in the case's history, and assigns cases from the leader's
  start page and from the case page;
* a case worker finds a child by identity number (never in the URL) and by a name typed
  without accents, and a colleague's case shows as existing;
* the case's BVR export is valid against the XSD and passes SSB's control rules.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from barnevern.cases import models as m
from barnevern.cases.exporter import export_service
from barnevern.control.pipeline import validate_paths
from barnevern.rules.identity import synthetic_fnr

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

FNR = synthetic_fnr(date(2008, 5, 1), 12, "2")  # 18 this year: aftercare applies


def _submit(page, label: str = "Lagre") -> None:
    page.click(f"main form.bv-form button[type=submit]:has-text('{label}')")
    page.wait_for_load_state()


def _on_case_page(page) -> str:
    page.wait_for_selector("h1:has-text('Sak ')")
    return page.inner_text("main")


def _open_register(page, item: str) -> None:
    page.click("summary:has-text('Registrer i saken')")
    page.click(f".bv-register__list a:has-text('{item}')")
    page.wait_for_load_state()


def _event_link(page, title: str, link: str) -> None:
    page.locator(f"li.bv-event:has(strong:has-text('{title}'))").first.locator(
        f"a:has-text('{link}')"
    ).first.click()
    page.wait_for_load_state()


def test_melding_to_ettervern_with_a_move_and_a_corrected_vedtak(open_as, live_server, personas, tmp_path):
    today = timezone.localdate()
    page = open_as("sb")
    page.click("nav >> text=Ny melding")
    page.fill("#id_fodselsnummer", FNR)
    page.fill("#id_fornavn", "Sigrid")
    page.fill("#id_etternavn", "Brattås")
    page.select_option("#id_kommunenummer", "3428")
    page.fill("#id_mottatt", (today - timedelta(days=30)).isoformat())
    page.check("input[name=melder][value='9']")
    page.check("input[name=saksinnhold][value='1.2.03']")
    _submit(page)
    assert "Meldingen er registrert." in _on_case_page(page)
    sak = m.Sak.objects.get(personalia__fodselsnummer=FNR)

    _event_link(page, "Melding mottatt", "Konkluder melding")
    page.select_option("#id_kode", "2")
    _submit(page)
    assert "Undersøkelse startet" in _on_case_page(page)

    _event_link(page, "Undersøkelse startet", "Konkluder undersøkelse")
    page.select_option("#id_kode", "1")
    page.check("input[name=vedtaksgrunnlag][value='1.2.03']")
    _submit(page)
    assert "Undersøkelse konkludert" in _on_case_page(page)

    # A vedtak under the wrong legal basis (akutt hjelpetiltak), chosen from the list …
    _open_register(page, "Vedtak")
    assert page.locator("#id_hjemmel option:has-text('bvl. § 99-1')").count() == 0
    page.select_option("#id_hjemmel", "BVL2021:4-1")
    _submit(page)
    assert "Vedtak etter bvl. § 4-1" in _on_case_page(page)
    # … corrected to hjelpetiltak as a new version, with a reason
    _event_link(page, "Vedtak etter", "Rett")
    page.select_option("#id_hjemmel", "BVL2021:3-1")
    page.fill("#id_begrunnelse", "Feil hjemmel valgt ved registrering")
    _submit(page)
    body = _on_case_page(page)
    assert "Vedtak etter bvl. § 3-1" in body
    assert "Vedtak etter bvl. § 4-1" not in body

    _open_register(page, "Tiltak")
    page.select_option("#id_kategori", "4.6")
    _submit(page)
    assert "Tiltak:" in _on_case_page(page)
    assert "Hjemmel: bvl. § 3-1" in page.inner_text("main")

    _open_register(page, "Plan")
    page.select_option("#id_plantype", "1")
    _submit(page)
    assert "Plan: " in _on_case_page(page)

    _open_register(page, "Oversendelse til nemnda")
    page.select_option("#id_hjemmel", "BVL2021:5-1")
    _submit(page)
    assert "Sak oversendt nemnda (bvl. § 5-1)" in _on_case_page(page)

    # The family moves from Alvdal to Folldal: from today the child counts in Folldal.
    _open_register(page, "Flytting")
    page.select_option("#id_kommunenummer", "3429")
    page.select_option("#id_flytting_til", "9")
    page.select_option("#id_arsak_fra", "2.9")
    page.fill("#id_arsak_presisering", "Familien flyttet")
    _submit(page)
    body = _on_case_page(page)
    assert "Ny bostedskommune: 3429" in body
    assert "3429 Folldal" in page.inner_text("dl.bv-facts")

    _open_register(page, "Tilbud om ettervern")
    _submit(page)
    _event_link(page, "Tilbud om ettervern sendt", "Registrer svar")
    page.select_option("#id_kode", "1")
    _submit(page)
    assert "Svar: " in _on_case_page(page)
    assert page.console_errors == []

    # The leader sees the correction with its reason in the case's history.
    leader = open_as("leder")
    leader.goto(f"{live_server.url}/saker/{sak.pk}/historikk/")
    history = leader.inner_text("main")
    assert "Rettet vedtak" in history
    assert "Hjemmel: bvl. § 4-1 → bvl. § 3-1" in history
    assert "Feil hjemmel valgt ved registrering" in history

    # The export is valid and passes SSB's rules.
    summary = export_service(sak.tjeneste, tmp_path)
    assert summary.written == 1
    report = validate_paths([tmp_path])
    errors = [f"{f.rule}: {f.message}" for f in report.findings if f.severity.name in {"ERROR", "FATAL"}]
    assert errors == []
    assert today.isoformat() in (tmp_path / f"{sak.pk}.xml").read_text(encoding="utf-8")


def test_leader_assigns_from_the_start_page_and_the_case_page(open_as, live_server, personas, sak):
    m.Sak.objects.filter(pk=sak.pk).update(saksbehandler=None)
    page = open_as("leder")
    assert page.url.endswith("/leder/")  # the leader's start page, not the case worker's
    assert "Saker som ikke er fordelt (1)" in page.inner_text("main")
    row = page.locator("#ikke-fordelt tr", has_text=sak.journalnummer)
    row.locator("select").select_option(str(personas["sb2"].pk))
    row.locator("button:has-text('Fordel')").click()
    page.wait_for_load_state()
    assert f"Sak {sak.journalnummer} er tildelt sb2." in page.inner_text("main")
    assert "Alle åpne saker er fordelt." in page.inner_text("#ikke-fordelt")
    page.goto(f"{live_server.url}/saker/{sak.pk}/")
    page.click("text=Fordel på nytt")
    page.select_option("#id_saksbehandler", str(personas["sb"].pk))
    page.fill("#id_merknad", "Tilbake etter ferie")
    page.click("button:has-text('Lagre tildeling')")
    page.wait_for_load_state()
    assert "Saksbehandler\nsb" in page.inner_text("dl.bv-facts")
    page.click("text=Historikk")
    history = page.inner_text("main")
    assert "Tildelt sb2" in history
    assert "Tilbake etter ferie" in history
    assert page.console_errors == []


def test_leader_assigns_from_the_worklist(open_as, live_server, personas, sak):
    """The «Ikke fordelt» row of the leader's worklist carries the assignment form."""
    m.Sak.objects.filter(pk=sak.pk).update(saksbehandler=None)
    page = open_as("leder")
    page.goto(f"{live_server.url}/frister/")
    row = page.locator("main tr", has_text=sak.journalnummer).first
    row.locator("select[name=saksbehandler]").select_option(str(personas["sb2"].pk))
    row.locator("button:has-text('Fordel')").click()
    page.wait_for_load_state()
    assert f"Sak {sak.journalnummer} er tildelt sb2." in page.inner_text("main")
    assert page.url.endswith("/frister/")
    assigned = page.locator("main tr", has_text=sak.journalnummer).first
    assert assigned.locator("select[name=saksbehandler]").count() == 0
    assert "sb2" in assigned.inner_text()
    assert page.console_errors == []


def test_finding_a_child(open_as, live_server, personas, sak):
    fnr = sak.personalia.get().fodselsnummer
    page = open_as("sb")
    page.goto(f"{live_server.url}/saker/")
    page.fill("#id_fodselsnummer", fnr)
    page.click("form.bv-finder button:has-text('Søk')")
    page.wait_for_load_state()
    assert fnr not in page.url
    assert sak.journalnummer in page.inner_text("main table")
    # assigned to a colleague: the child has a case, and the way to need-to-know access
    m.Sak.objects.filter(pk=sak.pk).update(saksbehandler=personas["sb2"], etternavn="Brattås")
    page.goto(f"{live_server.url}/saker/")
    page.fill("#id_q", "brattas")
    page.click("form.bv-finder button:has-text('Søk')")
    page.wait_for_load_state()
    notice = page.inner_text("#finnes-tildelt-annen")
    assert "Saken finnes, tildelt en annen" in notice
    assert sak.journalnummer in notice
    assert "Ingen saker." not in page.inner_text("main")
    with page.expect_navigation():
        page.click("#finnes-tildelt-annen a:has-text('Be om nødtilgang')")
    assert page.url.endswith(f"/saker/{sak.pk}/nodtilgang/")
    assert page.console_errors == []


def test_code_lists_offer_valid_codes_grouped_and_searchable(open_as, live_server, personas):
    """issue 22, point 6: no expired code offered; the ~60 «saksinnhold» codes in groups with a
    search box that ignores accents; municipalities with names."""
    page = open_as("sb")
    page.goto(f"{live_server.url}/saker/ny-melding/")
    options = page.locator("input[name=saksinnhold]")
    values = set(options.evaluate_all("els => els.map(e => e.value)"))
    assert "3" not in values  # «Foreldres rusmisbruk», valid to 2025-12-31
    assert "1.2.03" in values
    assert (
        page.locator("fieldset[data-searchable] .bv-checkgroup legend", has_text="Barnehage og skole").count()
        == 1
    )
    page.fill("#id_saksinnhold_sok", "trivsel")
    visible = page.locator("fieldset:has(#id_saksinnhold_sok) .bv-check:visible").all_inner_texts()
    assert visible == ["1.2.03 Trivsel i barnehage og skole", "3.1.05 Søskens helse og trivsel"]
    assert "3428 Alvdal" in page.locator("#id_kommunenummer").inner_text()
    assert page.console_errors == []
