"""No N+1: the database queries of each busy page do not grow with the number of cases.

Each page is requested with N and with 3N generated cases stored through
``cases.services.store_record`` (the import path); the query count must be the same. Every
page is requested once before counting, so one-off work (deadline settings created on first
use, avvik proposals for new breaches) is not counted.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from barnevern.cases import models as m
from barnevern.cases.services import store_record
from barnevern.formats.generator import generate

TODAY = date(2026, 11, 23)
N = 4


@pytest.fixture
def deliveries():
    """3N synthetic cases in Tynset (a member of Nord-Østerdal), most with measures."""
    return list(generate(3 * N, 11, year=TODAY.year, municipalities=["3427"], as_of=TODAY))


def _store(org, personas, deliveries) -> None:
    tjeneste = org["nord-osterdal"]
    for d in deliveries:
        sak = store_record(tjeneste, d.sak, delivery_id=d.id, dato_uttrekk=d.dato_uttrekk, source="test").sak
        m.Sak.objects.filter(pk=sak.pk).update(saksbehandler=personas["sb"], fornavn="Test", etternavn="Barn")


def _queries(client, url: str) -> int:
    assert client.get(url).status_code == 200  # warm: one-off work is done here
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _pages(first_case: m.Sak) -> dict[str, str]:
    return {
        "worklist": reverse("quality:worklist"),
        "case list": reverse("cases:list"),
        "case page": reverse("cases:detail", args=[first_case.pk]),
        "statistics": reverse("stats:index"),
    }


@pytest.mark.parametrize("username", ["leder", "sb"])
def test_page_queries_are_constant_in_the_number_of_cases(client, org, personas, deliveries, username):
    client.force_login(personas[username])
    _store(org, personas, deliveries[:N])
    first = m.Sak.objects.get(pk=deliveries[0].sak.id)
    pages = _pages(first)
    small = {name: _queries(client, url) for name, url in pages.items()}

    _store(org, personas, deliveries[N:])
    assert m.Sak.objects.filter(tjeneste=org["nord-osterdal"]).count() == 3 * N
    large = {name: _queries(client, url) for name, url in pages.items()}

    assert large == small
    assert all(count > 0 for count in small.values())


def test_case_list_shows_every_case_of_a_page(client, org, personas, deliveries):
    """The constant count is not bought by leaving rows out: the list shows all 3N cases."""
    client.force_login(personas["sb"])
    _store(org, personas, deliveries)
    body = client.get(reverse("cases:list")).content.decode()
    assert deliveries
    for d in deliveries:
        assert d.sak.journalnummer in body
