"""The demo leder opens the statistics page for 2022 with the trend 2019–2022 (the seeds'
figures), switches to the published form, and a Kommune user sees only its municipality; every
page passes an axe-core check and works without JavaScript."""

from __future__ import annotations

import os

import pytest

from barnevern.demo import DEMO_PASSWORD
from tests.conftest import TODAY
from tests.e2e.test_worklist import _axe_violations

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


@pytest.fixture
def demo(org):
    from barnevern.demo import seeds, users

    users.load(TODAY)
    seeds.load(TODAY)


def test_leder_reads_the_seed_figures_and_the_trend(page, live_server, login, demo):
    login("leder.no", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/statistikk/?aar=2022&trend=4")
    page.wait_for_selector("h1:has-text('Statistikk')")
    assert page.locator("svg.bv-chart[role=img]").count() == 6
    label = page.locator("svg#trend-meldinger").get_attribute("aria-label")
    assert label == "Meldinger mottatt. 2019: 92, 2020: 109, 2021: 194, 2022: 164"
    assert page.locator("svg#trend-meldinger title").text_content() == "Meldinger mottatt"
    trend = page.locator("table:has(caption:has-text('Nøkkeltall 2019–2022'))")
    assert "68 63 58 50" in " ".join(trend.locator("tr:has-text('hjelpetiltak i perioden') td").all_inner_texts())
    assert _axe_violations(page) == []
    if os.environ.get("BARNEVERN_SCREENSHOTS"):
        page.screenshot(path=os.environ["BARNEVERN_SCREENSHOTS"] + "/stats-leder.png", full_page=True)

    page.goto(f"{live_server.url}/statistikk/?aar=2021&trend=4")
    page.check("#id_publisert")
    page.click("button:has-text('Vis')")
    page.wait_for_selector("text=Publiserte tall")
    row = page.locator("table.bv-stats tr:has(th:text-is('Barn med hjelpetiltak i perioden'))").first
    cells = row.locator("td").all_inner_texts()
    assert cells.count(":") == 2
    assert "58" in cells
    assert "prikket 2 kommuner" in cells
    assert _axe_violations(page) == []
    assert page.console_errors == []


def test_kommune_user_sees_only_its_municipality(page, live_server, login, demo):
    login("kommune.alvdal", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/statistikk/?aar=2021")
    page.wait_for_selector("h1:has-text('Statistikk')")
    heads = page.locator("table.bv-stats").first.locator("thead th").all_inner_texts()
    assert heads == ["Indikator", "Alvdal", "Merknad"]
    assert page.locator("#id_kommune").count() == 0
    assert page.locator("#id_publisert").count() == 0
    assert "Tynset" not in page.inner_text("main")
    assert _axe_violations(page) == []
    if os.environ.get("BARNEVERN_SCREENSHOTS"):
        page.screenshot(path=os.environ["BARNEVERN_SCREENSHOTS"] + "/stats-kommune.png", full_page=True)
