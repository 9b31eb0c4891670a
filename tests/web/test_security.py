"""Log-in hardening, 2FA, break-glass, headers, safe exports, production settings."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from barnevern.accounts.models import BreakGlass
from barnevern.accounts.views import current_code
from barnevern.audit.models import AuditEntry
from barnevern.exports import PERSONAL_DATA_MARK, Table, neutralise, to_csv, to_xlsx

PASSWORD = "korrekt-hest-batteri-42"


def _login(client, username, password=PASSWORD):
    return client.post(reverse("web:login"), {"username": username, "password": password})


def test_lockout_after_repeated_failures(client, personas):
    for _ in range(4):
        assert _login(client, "sb", "feil-passord").status_code == 200
    assert _login(client, "sb", "feil-passord").status_code == 429  # the fifth failure locks
    response = _login(client, "sb")  # correct password, but locked out now
    assert response.status_code == 429
    assert "midlertidig sperret" in response.content.decode()


def test_successful_login_without_2fa_in_test_settings(client, personas):
    assert _login(client, "sb").status_code == 302


@override_settings(REQUIRE_2FA=True)
def test_case_roles_must_pass_two_factor(client, personas, sak):
    assert _login(client, "sb").status_code == 302
    response = client.get(reverse("cases:detail", args=[sak.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:otp_verify")
    # enrol: the page shows a QR code and a key; a wrong code is refused
    page = client.get(reverse("accounts:otp_verify")).content.decode()
    assert "<svg" in page
    assert "Nøkkel" in page
    device = TOTPDevice.objects.get(user=personas["sb"])
    wrong = "000000" if current_code(device) != "000000" else "111111"
    assert (
        "feil eller utløpt" in client.post(reverse("accounts:otp_verify"), {"token": wrong}).content.decode()
    )
    assert client.get(reverse("cases:detail", args=[sak.pk])).status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows retries after a failure
    response = client.post(reverse("accounts:otp_verify"), {"token": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("cases:detail", args=[sak.pk])).status_code == 200


@override_settings(REQUIRE_2FA=True)
def test_roles_without_case_access_are_not_asked_for_two_factor(client, personas):
    _login(client, "okonomi")
    assert client.get(reverse("web:overview")).status_code == 200


def test_break_glass_requires_reason_and_is_logged(client, personas, sak):
    client.force_login(personas["sb2"])
    response = client.get(reverse("cases:detail", args=[sak.pk]))
    assert response.status_code == 403
    assert "nødtilgang" in response.content.decode()
    url = reverse("cases:break_glass", args=[sak.pk])
    response = client.post(url, {"reason": "kort"})
    assert "minst 15 tegn" in response.content.decode()
    assert not BreakGlass.objects.exists()
    client.post(url, {"reason": "Akutt henvendelse fra politiet mens saksbehandler er syk"})
    grant = BreakGlass.objects.get()
    assert grant.expires > timezone.now() + timedelta(hours=7)
    assert AuditEntry.objects.filter(action="break_glass", sak_id=sak.pk, username="sb2").exists()
    assert client.get(reverse("cases:detail", args=[sak.pk])).status_code == 200
    # the leader sees it for review
    client.force_login(personas["leder"])
    assert "politiet" in client.get(reverse("accounts:break_glass_review")).content.decode()


def test_break_glass_expires(client, personas, sak):
    BreakGlass.objects.create(
        user=personas["sb2"], sak=sak, reason="x" * 20, expires=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(personas["sb2"])
    assert client.get(reverse("cases:detail", args=[sak.pk])).status_code == 403


def test_other_roles_cannot_break_glass(client, personas, sak):
    client.force_login(personas["okonomi"])
    assert client.get(reverse("cases:break_glass", args=[sak.pk])).status_code == 403


def test_logout_everywhere_ends_other_sessions(client, personas):
    from django.test import Client

    other = Client()
    other.force_login(personas["leder"])
    assert other.get(reverse("web:overview")).status_code == 200
    client.force_login(personas["leder"])
    client.get(reverse("web:overview"))
    client.post(reverse("accounts:logout_everywhere"))
    assert other.get(reverse("web:overview")).status_code == 302


def test_innsynslogg_for_leader_and_its_export(client, personas, sak):
    client.force_login(personas["sb"])
    client.get(reverse("cases:detail", args=[sak.pk]))
    assert client.get(reverse("cases:access_log", args=[sak.pk])).status_code == 403
    client.force_login(personas["leder"])
    page = client.get(reverse("cases:access_log", args=[sak.pk])).content.decode()
    assert "Åpnet sak" in page
    assert ">sb<" in page
    csv_text = client.get(reverse("cases:access_log", args=[sak.pk]), {"format": "csv"}).content.decode(
        "utf-8-sig"
    )
    assert csv_text.splitlines()[0] == PERSONAL_DATA_MARK
    assert "Åpnet sak" in csv_text


def test_security_headers(client, personas):
    client.force_login(personas["leder"])
    response = client.get(reverse("web:overview"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cache-Control"] == "no-store"


def test_session_idle_timeout_defaults_to_30_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+47 123", "'+47 123"),
        ("-1+1", "'-1+1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("Oslo", "Oslo"),
        (-5, -5),
        (None, None),
    ],
)
def test_formula_cells_are_neutralised(value, expected):
    assert neutralise(value) == expected


def test_exports_are_marked_and_neutralised():
    table = Table("T", ["Navn"], [['=HYPERLINK("x")']], personal_data=True)
    text = to_csv(table).decode("utf-8-sig")
    assert text.splitlines()[0] == PERSONAL_DATA_MARK
    assert "'=HYPERLINK" in text
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(to_xlsx(table))).active
    assert ws["A1"].value == PERSONAL_DATA_MARK
    assert ws["A3"].value.startswith("'=")
    assert table.filename("saker", "csv") == "saker-personopplysninger.csv"


def test_no_identity_number_in_urls_or_pages_lists(client, personas, sak):
    from barnevern.cases import models as m

    fnr = m.Personalia.objects.get(sak=sak).fodselsnummer
    client.force_login(personas["leder"])
    for url in (reverse("cases:list"), reverse("cases:detail", args=[sak.pk])):
        assert fnr not in url
        assert fnr not in client.get(url).content.decode()


def _run_check_deploy(env_extra):
    env = {**os.environ, **env_extra}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set while browser tests run in this process
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _run_check_deploy(
        {
            "DJANGO_SETTINGS_MODULE": "barnevern.settings",
            "BARNEVERN_ENV": "production",
            "SECRET_KEY": "x" * 20 + "-production-secret-key-with-enough-entropy-0123456789",
            "ALLOWED_HOSTS": "barnevern.example.kommune.no",
            "BARNEVERN_DATA_DIR": str(tmp_path),
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_requires_secret_key(tmp_path):
    result = _run_check_deploy(
        {
            "DJANGO_SETTINGS_MODULE": "barnevern.settings",
            "BARNEVERN_ENV": "production",
            "SECRET_KEY": "",
            "ALLOWED_HOSTS": "x",
            "BARNEVERN_DATA_DIR": str(tmp_path),
        }
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debug_is_off_in_production_by_default(tmp_path):
    code = "from django.conf import settings; print(settings.DEBUG)"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "barnevern.settings",
        "BARNEVERN_ENV": "production",
        "SECRET_KEY": "s" * 60,
        "ALLOWED_HOSTS": "x",
        "BARNEVERN_DATA_DIR": str(tmp_path),
    }
    env.pop("DEBUG", None)
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert out.stdout.strip() == "False", out.stderr
