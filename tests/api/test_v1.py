"""/api/v1/: token auth with scopes per service, every call audited, Norwegian 4xx, OpenAPI."""

from __future__ import annotations

import base64
import json

import pytest

from barnevern.intake.testsender import example, pdf_for

ALL = ["frister:les", "statistikk:les", "meldinger:skriv", "saker:tidslinje"]


@pytest.fixture
def token(org):
    from barnevern.api import tokens

    def make(scopes=ALL, service="nord-osterdal", name=None, per_minutt=60):
        _, secret = tokens.create(
            name or "-".join(scopes) + service, org[service], scopes, per_minutt=per_minutt
        )
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    return make


def test_openapi_schema_is_served_and_lists_every_endpoint(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Barnevern API"
    assert set(schema["paths"]) == {
        "/api/v1/tjenester/{tjeneste}/frister",
        "/api/v1/tjenester/{tjeneste}/statistikk",
        "/api/v1/tjenester/{tjeneste}/meldinger",
        "/api/v1/saker/{sak_id}/tidslinje",
    }
    assert (
        "BearerAuth" in json.dumps(schema["components"]["securitySchemes"])
        or schema["components"]["securitySchemes"]
    )
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in page.content.decode()  # our own static files
    assert "cdn" not in page.content.decode().lower()


def test_without_token_401_in_norwegian(client, db):
    response = client.get("/api/v1/tjenester/nord-osterdal/frister")
    assert response.status_code == 401
    assert response.json()["feil"].startswith("Mangler eller ugyldig integrasjonsnøkkel")
    response = client.get("/api/v1/tjenester/nord-osterdal/frister", HTTP_AUTHORIZATION="Bearer bv_feil")
    assert response.status_code == 401


def test_worklist(client, token, sak):
    response = client.get("/api/v1/tjenester/nord-osterdal/frister?dato=2026-11-05", **token(["frister:les"]))
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["tjeneste"] == "nord-osterdal"
    assert data["dato"] == "2026-11-05"
    assert any(f["rule"] == "D1" and f["journalnummer"] == sak.journalnummer for f in data["frister"])
    assert "fodselsnummer" not in response.content.decode()


def test_scope_and_service_are_enforced(client, token, sak):
    only_stats = token(["statistikk:les"])
    response = client.get("/api/v1/tjenester/nord-osterdal/frister", **only_stats)
    assert response.status_code == 403
    assert "mangler scope «frister:les»" in response.json()["feil"]
    other = token(ALL, service="oppdal-rennebu")
    response = client.get("/api/v1/tjenester/nord-osterdal/frister", **other)
    assert response.status_code == 403
    assert "denne tjenesten" in response.json()["feil"]
    response = client.get(f"/api/v1/saker/{sak.pk}/tidslinje", **other)
    assert response.status_code == 403
    response = client.get("/api/v1/tjenester/finnes-ikke/frister", **token(["frister:les"], name="x"))
    assert response.status_code == 404
    assert "Fant ingen tjeneste" in response.json()["feil"]


def test_published_statistics_are_suppressed(client, token, sak):
    response = client.get("/api/v1/tjenester/nord-osterdal/statistikk?ar=2026", **token(["statistikk:les"]))
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["publisert"] is True
    assert data["periode"] == "2026"
    # one melding in Alvdal: a count of 1 is never published
    assert data["per_kommune"]["3428"]["meldinger"] == ":"
    response = client.get(
        "/api/v1/tjenester/nord-osterdal/statistikk?ar=tjue", **token(["statistikk:les"], name="y")
    )
    assert response.status_code == 422
    assert response.json()["detaljer"] == ["«ar»: må være et heltall"]


def test_create_melding_same_validation_as_file(client, token, org):
    auth = token(["meldinger:skriv"])
    body = {
        "bekymringsmelding": json.loads(example("no.ks.fiks.bekymringsmelding.offentlig.v2", "3428")),
        "melding_id": "api-1",
        "pdf_base64": base64.b64encode(pdf_for("api")).decode(),
    }
    url = "/api/v1/tjenester/nord-osterdal/meldinger"
    response = client.post(url, body, content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["melding_id"] == "api-1"
    assert len(data["meldinger"]) == 2
    assert data["egen_kommune"]
    response = client.post(url, body, content_type="application/json", **auth)
    assert response.status_code == 409
    assert "allerede registrert" in response.json()["feil"]
    del body["bekymringsmelding"]["offentligMelder"]
    body["melding_id"] = "api-2"
    body["meldingstype"] = "no.ks.fiks.bekymringsmelding.offentlig.v2"
    response = client.post(url, body, content_type="application/json", **auth)
    assert response.status_code == 422
    assert response.json()["detaljer"] == ["meldingen: mangler påkrevd felt «offentligMelder»."]
    from barnevern.intake.models import Kilde, Mottak

    assert list(Mottak.objects.values_list("melding_id", "kilde")) == [("api-1", Kilde.API)]


def test_timeline_only_with_scope_and_audited_on_the_case(client, token, sak):
    from barnevern.audit.models import AuditEntry

    response = client.get(f"/api/v1/saker/{sak.pk}/tidslinje", **token(["frister:les"]))
    assert response.status_code == 403
    response = client.get(f"/api/v1/saker/{sak.pk}/tidslinje", **token(["saker:tidslinje"]))
    assert response.status_code == 200
    data = response.json()
    assert data["journalnummer"] == sak.journalnummer
    assert data["hendelser"][0]["type"] == "melding"
    from barnevern.intake.services import store_from_json

    mottak = store_from_json(
        example("no.ks.fiks.bekymringsmelding.offentlig.v2", "3428"), tjeneste=sak.tjeneste
    )
    other = mottak.meldinger.get(barn_nr=0).melding.sak
    response = client.get(f"/api/v1/saker/{other.pk}/tidslinje", **token(["saker:tidslinje"], name="tl2"))
    kinds = [h["type"] for h in response.json()["hendelser"]]
    assert kinds == ["melding", "journal"]  # the BVR event and the first journal entry of the report
    assert "Her kommer" not in response.content.decode()  # no journal text through the API
    row = AuditEntry.objects.filter(sak_id=sak.pk, what="Viste sakens tidslinje via API").get()
    assert row.username == "api:saker:tidslinjenord-osterdal"
    assert row.source.startswith("api ")


def test_every_call_is_audited_even_refused_ones(client, token, db, org):
    from barnevern.audit.models import AuditEntry

    client.get("/api/v1/tjenester/nord-osterdal/frister")
    client.get("/api/v1/tjenester/nord-osterdal/frister", **token(["statistikk:les"], name="stats"))
    rows = list(AuditEntry.objects.filter(action="api").order_by("id").values_list("username", "what"))
    assert rows == [
        ("api:ukjent", "GET /api/v1/tjenester/nord-osterdal/frister → 401"),
        ("api:stats", "GET /api/v1/tjenester/nord-osterdal/frister → 403"),
    ]


def test_rate_limit_429_in_norwegian(client, token, org):
    auth = token(["statistikk:les"], per_minutt=2)
    codes = [
        client.get("/api/v1/tjenester/nord-osterdal/statistikk?ar=2022", **auth).status_code for _ in range(3)
    ]
    assert codes == [200, 200, 429]
    response = client.get("/api/v1/tjenester/nord-osterdal/statistikk?ar=2022", **auth)
    assert response["Retry-After"] == "60"
    assert "For mange kall" in response.json()["feil"]


def test_revoked_token_is_refused(client, token, org):
    from django.core.management import call_command

    auth = token(["frister:les"], name="gammel")
    call_command("api-token", "revoke", "--name", "gammel")
    assert client.get("/api/v1/tjenester/nord-osterdal/frister", **auth).status_code == 401


def test_token_command_shows_token_once_and_stores_only_its_hash(org, capsys):
    from django.core.management import call_command

    from barnevern.api.models import Integrasjon

    call_command(
        "api-token", "create", "--name", "fagsys", "--service", "nord-osterdal", "--scope", "frister:les"
    )
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    assert secret.startswith("bv_")
    integ = Integrasjon.objects.get(navn="fagsys")
    assert secret not in json.dumps([integ.token_sha256, integ.token_prefix, integ.scopes])
