"""The status report in a real browser: the demo leder opens the 2022 draft, every section is
screenshotted, there are no console errors, and axe-core finds no serious or critical
violations on the report, the case list or the log-in page. A Kommune user opens the issued
public edition.

axe-core is injected with ``page.add_script_tag(path=...)``, which adds an inline script: the
Content-Security-Policy forbids that, so the accessibility pass uses its own browser context
with ``bypass_csp``; the pass that looks for console errors keeps the policy on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from barnevern.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SECTIONS = (
    "tjenesten",
    "ansatte",
    "nokkeltall",
    "kostra",
    "frister",
    "internkontroll",
    "okonomi",
    "plikter",
    "vurdering",
    "utenfor",
)


@pytest.fixture
def demo(transactional_db):
    from datetime import date

    from barnevern import demo as demo_package

    demo_package.load(date(2026, 11, 23))


def _login(page, url: str, username: str) -> None:
    page.goto(f"{url}/logg-inn/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _serious(page) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"Fant ikke {AXE}: kjør npm install i rotmappen.")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => { const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', "
        "'wcag21aa']}); return {passes: r.passes.length, serious: r.violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))}; }"
    )
    assert result["passes"] > 5  # axe really ran its rules on the page
    return result["serious"]


def test_report_in_the_browser(browser, page, live_server, demo, tmp_path):
    """One demo load for every step (it takes a while)."""
    _leader_reads_every_section(page, live_server.url, tmp_path)
    _municipality_reads_the_public_edition(browser, live_server.url)
    _no_serious_accessibility_violations(browser, live_server.url)


def _leader_reads_every_section(page, url: str, tmp_path: Path) -> None:
    _login(page, url, "leder.no")
    page.goto(f"{url}/rapport/")
    page.click("text=Tilstandsrapport 2022 – Barnevernstjenesten i Nord-Østerdal (offentlig versjon)")
    page.wait_for_selector("h1.bv-r-title")
    assert page.title().startswith("Tilstandsrapport 2022")
    for key in SECTIONS:
        section = page.locator(f"#s-{key}")
        section.scroll_into_view_if_needed()
        section.screenshot(path=str(tmp_path / f"{key}.png"))
        assert (tmp_path / f"{key}.png").stat().st_size > 2000
    series = page.inner_text("#s-nokkeltall table")
    assert "194" in series
    assert "58 (prikket 2 kommuner)" in series
    assert page.locator("#s-nokkeltall svg[role=img]").count() >= 3
    assert page.locator("#s-kostra svg[role=img]").count() == 8  # one KOSTRA chart per indicator
    assert "Syntetiske demotall" in page.inner_text("#s-kostra")
    assert "Arne Holte, Folkehelseinstituttet" in page.inner_text("#s-utenfor")

    page.fill("#id_personer", "3")
    page.click("#s-utenfor button[type=submit]")
    assert "69\u00a0millioner kroner" in page.inner_text("#s-utenfor")
    assert page.console_errors == []


def _municipality_reads_the_public_edition(browser, url: str) -> None:
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        _login(page, url, "kommune.alvdal")
        page.goto(f"{url}/rapport/")
        page.click("text=Vis")
        page.wait_for_selector("h1.bv-r-title")
        assert "Utgave nr. 1" in page.inner_text(".bv-r-cover")
        assert "Offentlig versjon" in page.inner_text(".bv-r-cover")
        assert errors == []
    finally:
        context.close()


def _no_serious_accessibility_violations(browser, url: str) -> None:
    context = browser.new_context(bypass_csp=True, locale="nb-NO")
    page = context.new_page()
    try:
        page.goto(f"{url}/logg-inn/")
        assert _serious(page) == []
        _login(page, url, "leder.no")
        page.goto(f"{url}/saker/")
        assert _serious(page) == []
        page.goto(f"{url}/rapport/")
        assert _serious(page) == []
        page.click("text=Tilstandsrapport 2022 – Barnevernstjenesten i Nord-Østerdal (intern versjon)")
        page.wait_for_selector("h1.bv-r-title")
        assert _serious(page) == []
    finally:
        context.close()
