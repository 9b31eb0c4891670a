"""The KOSTRA comparison in a real browser: the demo leder reads it (eight charts, the
synthetic-data notice, a rank), the Kommune user sees only Alvdal; axe-core finds nothing and the
page works without JavaScript."""

from __future__ import annotations

import os

import pytest

from barnevern.demo import DEMO_PASSWORD
from tests.conftest import TODAY
from tests.e2e.test_worklist import _axe_violations

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


@pytest.fixture
def demo(org):
    from barnevern.demo import kostra, users

    users.load(TODAY)
    kostra.load(TODAY)


def test_leder_reads_the_comparison(page, live_server, login, demo):
    login("leder.no", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/statistikk/")
    page.click("a:has-text('KOSTRA-sammenligning')")
    page.wait_for_selector("h1:has-text('KOSTRA-sammenligning')")
    assert page.locator("svg.bv-chart[role=img]").count() == 8
    assert "Syntetiske demotall." in page.inner_text("main")
    table = page.locator("table:has(caption:has-text('Barn med barnevernstiltak per 1 000 barn 0–17 år'))")
    row = table.locator("tr:has(th:text-is('Tolga'))").locator("td").all_inner_texts()
    assert row[3] == ":"  # 2021, suppressed by SSB (synthetic)
    assert row[-1].startswith("nr. ")
    assert _axe_violations(page) == []
    if os.environ.get("BARNEVERN_SCREENSHOTS"):
        page.screenshot(path=os.environ["BARNEVERN_SCREENSHOTS"] + "/kostra-leder.png", full_page=True)
    assert page.console_errors == []


def test_kommune_user_sees_only_its_municipality(page, live_server, login, demo):
    login("kommune.alvdal", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/kostra/?aar=2022")
    page.wait_for_selector("h1:has-text('KOSTRA-sammenligning')")
    assert "Tynset" not in page.inner_text("main")
    assert page.locator("#id_kommune").count() == 0
    assert _axe_violations(page) == []
