"""Finding a child: identity number and birth date never in a URL, accents ignored, filters,
a colleague's case shown as existing, and a known child flagged before a melding is saved."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from barnevern.audit.models import AuditEntry
from barnevern.cases import models as m
from barnevern.cases import services
from barnevern.cases.queries import CaseSearch, case_list, fold
from barnevern.rules.identity import synthetic_fnr
from tests.conftest import TODAY

FNR = synthetic_fnr(date(2015, 3, 14), 0, "2")  # the ``sak`` fixture's child


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("barnevern.clock.today", lambda: TODAY)


@pytest.fixture
def brattas(org, personas):
    melding = services.register_melding(
        org["nord-osterdal"],
        services.ChildData(synthetic_fnr(date(2013, 5, 2), 7, "1"), "Åsmund", "Brattås", kommunenummer="3429"),
        mottatt=date(2026, 10, 2),
        melder=[("11", "")],
        saksinnhold=[("1.1.02", "")],
        today=TODAY,
        saksbehandler=personas["sb2"],
    )
    return melding.sak


def _search(client, **fields):
    response = client.post(reverse("cases:list"), fields)
    assert response.status_code == 302
    return response, client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(("text", "folded"), [("Brattås", "brattas"), ("ØSTBØ", "ostbo"), ("Hæge", "haege")])
def test_fold(text, folded):
    assert fold(text) == folded


def test_accents_are_ignored_in_the_database_too(personas, brattas):
    found = case_list(personas["leder"], CaseSearch(text="brattas"))
    assert list(found) == [brattas]
    assert list(case_list(personas["leder"], CaseSearch(text="ASMUND"))) == [brattas]


def test_identity_number_is_posted_and_never_in_the_url(client, personas, sak):
    client.force_login(personas["sb"])
    response, page = _search(client, fodselsnummer=FNR, status="alle")
    assert FNR not in response["Location"]
    assert sak.journalnummer in page
    assert "sok=" in response["Location"]
    assert FNR not in str(list(AuditEntry.objects.values_list("what", "data")))


def test_birth_date_search(client, personas, sak, brattas):
    client.force_login(personas["leder"])
    response, page = _search(client, fodselsdato="2013-05-02", status="alle")
    assert "2013-05-02" not in response["Location"]
    assert brattas.journalnummer in page
    assert sak.journalnummer not in page


def test_filters_open_mine_and_municipality(client, personas, sak, brattas):
    client.force_login(personas["leder"])
    _r, page = _search(client, kommune="3429", status="alle")
    assert brattas.journalnummer in page
    assert sak.journalnummer not in page
    m.Sak.objects.filter(pk=sak.pk).update(slutt_dato=date(2026, 11, 20))
    _r, page = _search(client, status="apne")
    assert sak.journalnummer not in page
    _r, page = _search(client, status="avsluttede")
    assert sak.journalnummer in page
    client.force_login(personas["sb"])
    _r, page = _search(client, status="alle", mine="on")
    assert sak.journalnummer in page


def test_a_colleagues_case_shows_as_existing_not_as_no_cases(client, personas, brattas):
    """issue 22: a worker on call searching for a child must not read «Ingen saker»."""
    client.force_login(personas["sb"])
    _r, page = _search(client, q="brattas", status="alle")
    assert "Saken finnes, tildelt en annen" in page
    assert brattas.journalnummer in page
    assert reverse("cases:break_glass", args=[brattas.pk]) in page
    assert "Ingen saker." not in page


def test_a_melding_for_a_known_child_says_so_before_saving(client, personas, sak):
    client.force_login(personas["sb"])
    data = {
        "fodselsnummer": FNR,
        "fornavn": "Testina",
        "etternavn": "Testesen",
        "kommunenummer": "3428",
        "mottatt": "2026-11-20",
        "melder": ["11"],
        "saksinnhold": ["1.1.02"],
        "presisering": "",
    }
    page = client.post(reverse("cases:new_melding"), data).content.decode()
    assert f"Barnet har allerede sak {sak.journalnummer}" in page
    assert "Navnet i meldingen («Testina Testesen») er ikke det samme som i saken («Testine Testesen»)" in page
    assert sak.meldinger.count() == 1  # nothing saved yet
    response = client.post(reverse("cases:new_melding"), {**data, "bekreft": "1"})
    assert response.status_code == 302
    assert sak.meldinger.count() == 2
