"""A demo leder logs in and sees the demo's overdue and due deadlines on the worklist (the start
page), filters by municipality, opens a case, confirms a proposed avvik, and every quality page
passes an axe-core check."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone

from barnevern.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def demo(org):
    """The demo's users, cases and deadline data, relative to the server's today (as the demo)."""
    from barnevern.demo import cases, users
    from barnevern.demo import quality as demo_quality

    today = timezone.localdate()
    users.load(today)
    cases.load(today)
    demo_quality.load(today)
    return today


def _axe_violations(page) -> list[str]:
    """WCAG 2 A/AA violations found by axe-core (pinned in package.json)."""
    if not AXE.exists():
        pytest.fail(f"Fant ikke {AXE}: kjør npm ci.")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
    )
    return [v["id"] for v in found]


def test_leder_sees_due_and_overdue_items(page, live_server, login, demo):
    login("leder.no", DEMO_PASSWORD)
    page.wait_for_selector("h1:has-text('Leders oversikt')")  # the leader's start page after log-in
    assert _axe_violations(page) == []
    page.click("text=Fristene i alle saker")
    page.wait_for_selector("h1:has-text('Frister')")
    assert page.url.rstrip("/").endswith("/frister")
    assert page.locator("#forfalt table tbody tr").count() >= 3
    assert page.locator("#i-dag table tbody tr").count() >= 1
    assert "Gjennomgang av melding" in page.inner_text("#i-dag")
    days = page.locator("#forfalt table tbody tr td.num").first.inner_text()
    assert days.isdigit()
    assert int(days) > 0
    assert "ikke verifisert regel" in page.inner_text("main")
    assert _axe_violations(page) == []

    # Filtering by member municipality works without JavaScript (a plain GET form).
    page.select_option("#id_kommune", "3427")
    page.click("button:has-text('Vis')")
    page.wait_for_selector("h2:has-text('Forfalt')")
    assert "kommune=3427" in page.url
    for cell in page.locator("table.bv-worklist tbody tr td:nth-child(2)").all_inner_texts():
        assert cell.startswith("3427")

    # A journal number opens the case (never an identity number in the list).
    page.goto(f"{live_server.url}/frister/")
    link = page.locator("#forfalt table tbody tr th a").first
    journal = link.inner_text()
    link.click()
    page.wait_for_selector(f"h1:has-text('Sak {journal}')")
    assert page.console_errors == []


def test_leder_confirms_a_proposed_avvik_and_pages_are_accessible(page, live_server, login, demo):
    login("leder.no", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/frister/")
    page.wait_for_selector("h1:has-text('Frister')")
    page.click("text=foreslåtte avvik venter")
    page.wait_for_selector("h1:has-text('Avvik')")
    assert _axe_violations(page) == []
    page.locator("table tbody tr th a").first.click()
    page.wait_for_selector("text=Foreslått fra fristbrudd")
    assert _axe_violations(page) == []
    page.click("text=Bekreft avviket")
    page.click("button:has-text('Lagre')")
    page.wait_for_selector("text=Avviket er bekreftet og er nå åpent.")
    for path in ("etterlevelse/", "avvik/ny/", "innstillinger/"):
        page.goto(f"{live_server.url}/frister/{path}")
        assert _axe_violations(page) == [], path
    assert page.console_errors == []
