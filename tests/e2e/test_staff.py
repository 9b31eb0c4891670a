"""The leder opens the staff pages in a real browser: the demo's 14 employees / 12,8 FTE, an
employee's competence status, a planned further education, and an axe-core check."""

from __future__ import annotations

from pathlib import Path

import pytest

from barnevern.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def demo_staff(org):
    from barnevern.demo import staff, users
    from tests.conftest import TODAY

    users.load(TODAY)
    staff.load(TODAY)
    return org


def _axe_violations(page) -> list[str]:
    """WCAG 2 A/AA violations found by axe-core (pinned in package.json)."""
    if not AXE.exists():
        pytest.fail(f"Fant ikke {AXE}: kjør npm ci.")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
    )
    return [v["id"] for v in found]


def test_staff_overview_employee_and_planned_education(page, live_server, login, demo_staff):
    login("leder.no", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/ansatte/?dato=2026-11-23")
    cards = page.inner_text(".bv-cards")
    assert "14\nansatte" in cards
    assert "12,8\nårsverk" in cards
    assert page.locator("svg[role=img] > title").first.text_content() == "Sykefravær per måned"
    for path in ("", "liste/", "kompetanse/", "saksmengde/", "innstillinger/", "ny/"):
        page.goto(f"{live_server.url}/ansatte/{path}")
        assert _axe_violations(page) == [], path
    page.goto(f"{live_server.url}/ansatte/")
    page.click("nav.bv-actions >> text=Ansatte")
    page.click("text=Marte Vingelen")
    page.wait_for_selector("h1:has-text('Marte Vingelen')")
    assert _axe_violations(page) == []
    page.click("text=Registrer videreutdanning (fullført eller planlagt)")
    page.fill("#id_studiepoeng", "30")
    page.fill("#id_emne", "Barnevernfaglig videreutdanning")
    page.fill("#id_ar", "2028")
    page.select_option("#id_planlagt", "True")
    page.click("button:has-text('Lagre')")
    page.wait_for_selector("h1:has-text('Marte Vingelen')")
    assert "Barnevernfaglig videreutdanning" in page.inner_text("main")
    assert page.console_errors == []
