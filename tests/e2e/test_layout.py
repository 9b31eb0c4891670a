"""Every page, as each role, in a real browser (issue 22, points 4, 7 and 8).

One walk per role over every page the role can reach (links from the menu and the pages, plus
every URL of the URLconf without parameters, see ``crawl.py``), so pages added by other areas
are covered without a change here. On every page:

* no server error, and no link that leads to a missing page;
* no sideways scrolling at 1366 px (an office laptop) nor at 390 px (a phone), where data
  tables reflow to one card per row;
* at most one menu entry is marked as the current page.

Then every form found on the walk is submitted once as the browser would (first button, values
as shown): it must lead somewhere or change the page (an error summary, a message, a result).
A form posting to a view that ignores it (as «Ny rapport» did) changes nothing and fails here.
Finally the error pages: 404 and 403 in Norwegian, with the role needed and a way back.
"""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.demo import DEMO_PASSWORD
from tests.conftest import TODAY
from tests.e2e.conftest import NARROW, WIDE, overflow_at
from tests.e2e.crawl import crawl

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

ROLES = ("leder.no", "sb.no", "okonomi.no", "kommune.alvdal")


@pytest.fixture
def site(org):
    """Demo users and staff, a year of economy data, and one case carried to a measure."""
    from barnevern.accounts.models import User
    from barnevern.cases import services
    from barnevern.demo import economy, staff, users
    from barnevern.rules.identity import synthetic_fnr

    users.load(TODAY)
    staff.load(TODAY)
    economy.load(TODAY)
    sb = User.objects.get(username="sb.no")
    tjeneste = org["nord-osterdal"]
    melding = services.register_melding(
        tjeneste,
        services.ChildData(
            synthetic_fnr(date(2015, 3, 14), 3, "2"), "Sigrid", "Brattås", kommunenummer="3428"
        ),
        mottatt=date(2026, 10, 1),
        melder=[("11", "")],
        saksinnhold=[("1.1.02", "")],
        today=TODAY,
        saksbehandler=sb,
    )
    sak = melding.sak
    und = services.conclude_melding(melding, dato=date(2026, 10, 5), kode="2", versjon=None, today=TODAY)
    vedtak = services.record_vedtak(
        sak, dato=date(2026, 11, 2), hjemmel="BVL2021:3-1", undersokelse=und, today=TODAY
    )
    services.record_tiltak(sak, vedtak, dato=date(2026, 11, 3), kategori="4.6", today=TODAY)
    services.add_plan(sak, dato=date(2026, 11, 3), plantype="1", today=TODAY)
    services.register_melding(
        tjeneste,
        services.ChildData(
            synthetic_fnr(date(2012, 6, 1), 4, "1"), "Ola", "Uten Saksbehandler", kommunenummer="3427"
        ),
        mottatt=date(2026, 11, 20),
        melder=[("2", "")],
        saksinnhold=[("1.2.03", "")],
        today=TODAY,
    )
    return sak


def _check_page(page, visit) -> None:
    if visit.status >= 500:
        visit.problems.append(f"serverfeil {visit.status}")
    if visit.linked and visit.status in (403, 404):
        visit.problems.append(f"en lenke fører til en side som gir {visit.status}")
    wide, narrow = overflow_at(page, WIDE), overflow_at(page, NARROW)
    page.set_viewport_size({"width": WIDE, "height": 900})
    if wide > 0:
        visit.problems.append(f"{wide} px for bred ved {WIDE} px")
    if narrow > 0:
        visit.problems.append(f"{narrow} px for bred ved {NARROW} px")
    current = page.locator("nav .bv-nav [aria-current=page]").count()
    if current > 1:
        visit.problems.append(f"{current} menypunkter er merket som gjeldende side")


def _submit_forms(page, base: str, visits) -> list[str]:
    """Submit each form found once (per page and form index); report forms that do nothing."""
    problems = []
    for visit in visits:
        for index, (method, _action) in enumerate(visit.forms):
            opened = page.goto(base + visit.path)
            if opened is None or opened.status >= 400:  # an earlier form deleted what it showed
                break
            form = page.locator("main form").nth(index)
            if not form.count():
                continue
            button = form.locator("button[type=submit], button:not([type]), input[type=submit]").first
            if not button.count() or not button.is_visible():
                continue
            before_url, before = page.url, page.inner_text("main")
            with page.expect_navigation(wait_until="load", timeout=15000) as nav:
                button.click()
            response = nav.value
            status = response.status if response else 0
            if status >= 500:
                problems.append(f"{visit.path} skjema {index + 1} ({method}): serverfeil {status}")
            elif page.url == before_url and page.inner_text("main") == before:
                problems.append(f"{visit.path} skjema {index + 1} ({method}): innsending gjorde ingenting")
    return problems


def test_every_page_fits_and_every_form_does_something(open_as, live_server, site):
    problems: list[str] = []
    for username in ROLES:
        page = open_as(username, DEMO_PASSWORD)
        visits = crawl(page, live_server.url, _check_page)
        assert len(visits) >= 3, username
        problems += [f"{username} {v.path}: {p}" for v in visits for p in v.problems]
        assert page.console_errors == [], username
        if username == "leder.no":
            assert len(visits) >= 40  # the walk really reached the leader's pages
            names = {v.name for v in visits}
            assert {"staff:list", "quality:worklist", "casework:case", "reports:index"} <= names, names
            problems += [f"{username} {p}" for p in _submit_forms(page, live_server.url, visits)]
    assert not problems, "\n".join(problems)


def test_menu_marks_the_current_page(open_as, live_server, site):
    page = open_as("leder.no", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/saker/{site.pk}/")
    assert page.locator(".bv-nav [aria-current=page]").inner_text() == "Saker"
    page.goto(f"{live_server.url}/saker/ny-melding/")
    assert page.locator(".bv-nav [aria-current=page]").inner_text() == "Ny melding"
    page.goto(f"{live_server.url}/ansatte/liste/")
    assert page.locator(".bv-nav [aria-current=page]").inner_text() == "Ansatte"


def test_error_pages_are_norwegian_and_lead_back(open_as, live_server, site):
    page = open_as("sb.no", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/frister/")
    page.goto(f"{live_server.url}/finnes-ikke/")
    assert page.locator("h1").inner_text() == "Fant ikke siden"
    assert "Page not found" not in page.content()
    page.click("text=Til startsiden")
    page.wait_for_selector("h1:has-text('Frister')")

    response = page.goto(f"{live_server.url}/ansatte/", referer=f"{live_server.url}/frister/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "Du har ikke tilgang til denne siden"
    assert "Siden krever rollen Leder. Du er logget inn med rollen Saksbehandler." in page.inner_text("main")
    page.click("text=Tilbake til forrige side")
    page.wait_for_selector("h1:has-text('Frister')")
    # the browser logs the 404 and 403 themselves; nothing else may fail
    assert [e for e in page.console_errors if "Failed to load resource" not in e] == []
