"""The KOSTRA pages: the comparison per role, the upload and the groups (leder only)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from barnevern.audit.models import AuditEntry
from barnevern.kostra.models import Celle, Gruppering
from tests.kostra.builder import dumps
from tests.kostra.conftest import t12275

URL = "/kostra/"


@pytest.fixture
def demo_tables(org):
    from barnevern.demo import kostra

    kostra.load(date(2026, 11, 23))
    return org


def get(client, url=URL, status=200, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def test_leder_sees_the_service_beside_group_county_and_norway(client, personas, demo_tables):
    client.force_login(personas["leder"])
    html = get(client, aar=2022, antall=5)
    for text in (
        "Hele tjenesten",
        "Tynset",
        "Folldal",
        "KOSTRA-gruppe 2",
        "KOSTRA-gruppe 14",
        "Innlandet",
        "Landet uten Oslo",
        "Syntetiske demotall",
        "Kilde: SSB tabell 12275, oppdatert 15.06.2023",
        "nr. ",
        "Egne tall mot SSBs tall",
        "Prikket fordi SSB har prikket tallet for Tolga",
    ):
        assert text in html, text
    assert html.count('role="img"') == 8  # one chart per indicator
    assert "style=" not in html
    assert re.search(r"<script(?![^>]*\ssrc=)", html) is None  # no inline script (CSP)
    assert AuditEntry.objects.filter(what="KOSTRA-sammenligning 2022").count() == 1


def test_the_stats_page_links_to_the_comparison(client, personas, demo_tables):
    client.force_login(personas["kommune"])
    assert 'href="/kostra/"' in get(client, "/statistikk/")


def test_kommune_sees_only_its_own_municipality(client, personas, demo_tables):
    client.force_login(personas["kommune"])  # Alvdal 3428
    html = get(client, aar=2022)
    assert "Alvdal" in html
    assert "KOSTRA-gruppe 2" in html
    assert "Landet" in html
    assert "Tynset" not in html
    assert "Hele tjenesten" not in html
    assert "KOSTRA-gruppe 14" not in html
    assert "slik de publiseres" in html  # own counts suppressed for the Kommune role
    assert 'id="id_kommune"' not in html


def test_saksbehandler_sees_it_and_okonomi_does_not(client, personas, demo_tables):
    client.force_login(personas["sb"])
    get(client, aar=2022)
    client.force_login(personas["okonomi"])
    get(client, status=403)


def test_upload_is_for_the_leder_and_a_bad_file_stores_nothing(client, personas, org):
    for role in ("sb", "kommune", "okonomi"):
        client.force_login(personas[role])
        get(client, "/kostra/importer/", status=403)
    client.force_login(personas["leder"])
    assert "Ingen tabeller er lest inn ennå" in get(client, "/kostra/importer/")
    good = SimpleUploadedFile("12275.json", dumps(t12275()), content_type="application/json")
    bad = SimpleUploadedFile(
        "feil.json", b'{"class": "dataset", "version": "2.0"}', content_type="application/json"
    )
    response = client.post("/kostra/importer/", {"filer": [good, bad]})
    assert response.status_code == 400
    assert "feil.json: «dimension» mangler eller er tom. Ingenting er lagret." in response.content.decode()
    assert Celle.objects.count() == 0
    good.seek(0)
    response = client.post("/kostra/importer/", {"filer": [good]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "48 celler — 48 nye, 0 endret, 0 uendret" in html
    assert Celle.objects.count() == 48


def test_leder_sets_a_group_from_a_date(client, personas, org):
    client.force_login(personas["sb"])
    get(client, "/kostra/grupper/", status=403)
    client.force_login(personas["leder"])
    assert "ikke satt" in get(client, "/kostra/grupper/")
    data = {"kommune": "3429", "fra": "2024-01-01", "kostragruppe": "ekg14", "fylke": "EKA34", "kilde": "SSB"}
    response = client.post("/kostra/grupper/", data)
    assert response.status_code == 302
    row = Gruppering.objects.get()
    assert (row.kommune.nummer, row.kostragruppe, row.fylke, row.endret_av) == (
        "3429",
        "EKG14",
        "EKA34",
        personas["leder"],
    )
    response = client.post("/kostra/grupper/", {**data, "kostragruppe": "EKG18"})
    assert response.status_code == 400
    assert "EKG01 … EKG17" in response.content.decode()
    response = client.post("/kostra/grupper/", {**data, "kommune": "5021"})  # not a member
    assert response.status_code == 400
