"""Error pages: Norwegian, in the design system, with a way back; the 403 names the role."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import path

from barnevern import urls as product_urls
from barnevern.web import errors


def test_404_is_norwegian_with_a_way_home(client, personas):
    client.force_login(personas["sb"])
    response = client.get("/finnes-ikke/", HTTP_REFERER="http://testserver/frister/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Fant ikke siden" in body
    assert "Page not found" not in body
    assert 'href="http://testserver/frister/"' in body  # back to where the user came from
    assert 'href="/"' in body
    assert "Til startsiden" in body


def test_back_link_never_leads_to_another_site(client, personas):
    client.force_login(personas["sb"])
    body = client.get("/finnes-ikke/", HTTP_REFERER="https://evil.example/x").content.decode()
    assert "evil.example" not in body
    assert "Tilbake til forrige side" not in body


def test_403_names_the_role_the_page_needs(client, personas):
    client.force_login(personas["sb"])
    response = client.get("/ansatte/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "Du har ikke tilgang til denne siden" in body
    assert "Bare leder har tilgang til ansatte og kompetanse." in body
    assert "Siden krever rollen Leder. Du er logget inn med rollen Saksbehandler." in body
    assert "Forbidden" not in body


def test_403_with_several_roles(client, personas):
    client.force_login(personas["okonomi"])
    body = client.get("/saker/").content.decode()
    assert "Siden krever en av rollene Leder eller Saksbehandler." in body


def test_csrf_failure_page_is_norwegian():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/logg-inn/", {"username": "x", "password": "y"})
    body = response.content.decode()
    assert response.status_code == 403
    assert "Skjemaet kunne ikke sendes" in body
    assert "CSRF" not in body


def _boom(request):
    raise RuntimeError("database is down")


urlpatterns = [path("boom/", _boom), *product_urls.urlpatterns]
handler500 = "barnevern.web.errors.server_error"


@override_settings(ROOT_URLCONF=__name__)
def test_500_is_norwegian_and_shows_no_internals(db):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Noe gikk galt hos oss" in body
    assert "database is down" not in body
    assert "Traceback" not in body


def test_debug_is_off_by_default_in_the_demo(monkeypatch):
    import subprocess
    import sys

    env = {"DJANGO_SETTINGS_MODULE": "barnevern.settings", "BARNEVERN_ENV": "demo", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert out.stdout.strip() == "False", out.stderr


@pytest.mark.parametrize(
    "name", ["bad_request", "permission_denied", "page_not_found", "server_error", "csrf_failure"]
)
def test_every_handler_exists(name):
    assert callable(getattr(errors, name))
