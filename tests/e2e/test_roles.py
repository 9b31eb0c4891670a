"""Role gaps in a real browser (issue 22, point 9): a member municipality finds its own
settlements and the public report in its menu; Økonomi proposes a co-payment rate that the
leder approves."""

from __future__ import annotations

import pytest

from barnevern.demo import DEMO_PASSWORD
from tests.conftest import TODAY

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


@pytest.fixture
def demo(org):
    from barnevern.demo import economy, users

    users.load(TODAY)
    economy.load(TODAY)


def test_municipality_sees_its_settlements_and_report_from_the_menu(open_as, live_server, demo):
    page = open_as("kommune.rennebu", DEMO_PASSWORD)
    menu = page.locator("nav .bv-nav").inner_text()
    assert "Oppgjør" in menu
    assert "Rapport" in menu
    assert "Økonomi" not in menu
    page.click("nav .bv-nav >> text=Oppgjør")
    page.wait_for_selector("h1:has-text('Halvårsoppgjør for Rennebu')")
    assert page.locator("main table tbody tr").count() == 2  # the two approved 2022 statements
    page.locator("main table tbody tr th a").first.click()
    page.wait_for_selector("h2:has-text('Fakturagrunnlag')")
    assert "5022 Rennebu" in page.inner_text("dl.bv-facts")
    assert "5021 Oppdal" not in page.inner_text("main table")
    assert page.locator("text=Last ned PDF").count() == 0
    page.click("nav .bv-nav >> text=Rapport")
    page.wait_for_selector("h1:has-text('Tilstandsrapport')")
    assert page.console_errors == []


def test_okonomi_proposes_a_rate_and_the_leader_approves_it(open_as, live_server, demo):
    page = open_as("okonomi.or", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/okonomi/egenbetaling/sats/?ar=2031&tiltakstype=institusjon&niva=standard")
    page.wait_for_selector("h1:has-text('Foreslå sats for egenbetaling')")
    page.fill("#id_belop", "199000")
    page.fill("#id_kilde", "Prop. 1 S (2030–2031)")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=Forslaget til sats for 2031 er sendt til leder")
    assert "Forslag til satser som venter på godkjenning" in page.inner_text("main")
    assert page.locator("#forslag button:has-text('Godkjenn')").count() == 0

    leader = open_as("leder.or", DEMO_PASSWORD)
    leader.goto(f"{live_server.url}/okonomi/egenbetaling/")
    leader.locator("#forslag tr", has_text="2031").locator("button:has-text('Godkjenn')").click()
    leader.wait_for_selector("text=Satsen for 2031 er godkjent og brukes i prognosen.")
    assert leader.locator("#forslag").count() == 0
    table = leader.locator("table:has(caption:has-text('Kroner per barn per måned. ✔'))").inner_text()
    assert "199\u00a0000" in table
    assert page.console_errors == []
    assert leader.console_errors == []
