"""The statistics page /statistikk/: access per role, figures, charts, downloads, settings."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from barnevern.audit.models import AuditEntry
from barnevern.stats.models import StatsSettings
from tests.stats.conftest import YEAR

URL = "/statistikk/"


@pytest.fixture
def today(monkeypatch):
    from datetime import date

    monkeypatch.setattr("barnevern.clock.today", lambda: date(YEAR + 1, 3, 1))


def page(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def test_index_replaces_the_placeholder(client, personas, stats_cases, today):
    assert reverse("stats:index") == URL
    client.force_login(personas["leder"])
    html = page(client)  # default: last year (2025), trend 2022–2025
    assert "<h2" in html
    assert f">{YEAR}<" in html.replace(" ", "")
    assert "Meldinger mottatt" in html
    assert "Hele tjenesten" in html


def test_leder_sees_exact_figures_for_every_member(client, personas, stats_cases, today):
    client.force_login(personas["leder"])
    html = page(client, aar=YEAR, trend=4)
    for name in ("Tynset", "Alvdal", "Folldal", "Rendalen", "Tolga"):
        assert name in html
    assert "Interne tall" in html
    assert "<td>prikket" not in html
    # the trend: one SVG chart per overview indicator, accessible, with the data table
    assert html.count('role="img"') == 6
    # the register's cases start in 2025: earlier years have no data (a gap), not zero
    assert 'aria-label="Meldinger mottatt. 2022: .., 2023: .., 2024: .., 2025: 26"' in html
    assert '<title id="trend-meldinger-t">Meldinger mottatt</title>' in html
    assert "Nøkkeltall 2022–2025" in html
    assert "style=" not in html
    assert re.search(r"<script(?![^>]*\ssrc=)", html) is None  # no inline script (CSP)


def test_a_view_is_audited_once_without_child_data(client, personas, stats_cases, today):
    client.force_login(personas["sb"])
    before = AuditEntry.objects.count()
    page(client, aar=YEAR)
    rows = list(AuditEntry.objects.order_by("id")[before:])
    assert [(r.action, r.sak_id) for r in rows] == [("view", None)]
    assert rows[0].data["tjeneste"] == "nord-osterdal"
    assert rows[0].data["publisert"] is False


def test_leder_can_preview_the_published_form(client, personas, stats_cases, today):
    client.force_login(personas["leder"])
    html = page(client, aar=YEAR, publisert="on")
    assert "Publiserte tall" in html
    assert "<td>prikket 2 kommuner</td>" in html


def test_kommune_sees_only_its_municipality_and_published_figures(client, personas, stats_cases, today):
    client.force_login(personas["kommune"])  # Alvdal
    html = page(client, aar=YEAR, kommune="3427", publisert="")  # asking for Tynset changes nothing
    assert "Alvdal" in html
    for other in ("Tynset", "Folldal", "Rendalen", "Tolga", "Hele tjenesten"):
        assert other not in html
    assert "Publiserte tall" in html
    assert 'name="kommune"' not in html
    assert 'name="publisert"' not in html
    assert '<td class="num">:</td>' in html  # Alvdal's 2 children with hjelpetiltak


def test_okonomi_is_refused(client, personas, stats_cases, today):
    client.force_login(personas["okonomi"])
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"aar": YEAR, "format": "csv"}).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(URL).status_code == 302


def test_bad_period_is_explained(client, personas, stats_cases, today):
    client.force_login(personas["leder"])
    response = client.get(URL, {"aar": YEAR, "fra": f"{YEAR}-03-01"})
    assert response.status_code == 400
    assert "Oppgi både fra- og til-dato" in response.content.decode()
    response = client.get(URL, {"fra": f"{YEAR}-03-01", "til": f"{YEAR}-02-01"})
    assert response.status_code == 400
    assert "før den begynner" in response.content.decode()


def test_half_year_and_from_to(client, personas, stats_cases, today):
    client.force_login(personas["leder"])
    html = page(client, aar=YEAR, halvar="1", trend=2)
    assert f"1. halvår {YEAR}" in html
    assert f"Nøkkeltall 1. halvår {YEAR - 1}–1. halvår {YEAR}" in html
    html = page(client, fra=f"{YEAR}-02-01", til=f"{YEAR}-02-21")
    assert f"01.02.{YEAR}–21.02.{YEAR}" in html
    assert 'role="img"' not in html


def test_csv_download(client, personas, stats_cases, today):
    client.force_login(personas["leder"])
    before = AuditEntry.objects.count()
    response = client.get(URL, {"aar": YEAR, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="statistikk-{YEAR}-intern.csv"' in response["Content-Disposition"]
    rows = [line.split(";") for line in response.content.decode("utf-8-sig").splitlines()]
    assert rows[0] == [
        "Indikator",
        "Nøkkel",
        "Enhet",
        "3427 Tynset",
        "3424 Rendalen",
        "3426 Tolga",
        "3428 Alvdal",
        "3429 Folldal",
        "Totalt",
        "Merknad",
    ]
    by_key = {r[1]: r for r in rows[1:]}
    assert by_key["meldinger"][3:] == ["10", "6", "4", "5", "1", "26", ""]
    assert by_key["meldinger_gjennomgatt_innen_frist_andel"][2] == "prosent"
    assert by_key["meldinger_gjennomgatt_innen_frist_andel"][-2] == "100,0"
    assert [r.action for r in AuditEntry.objects.order_by("id")[before:]] == ["export"]


def test_xlsx_download_for_kommune_is_published(client, personas, stats_cases, today):
    client.force_login(personas["kommune"])
    response = client.get(URL, {"aar": YEAR, "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="statistikk-{YEAR}-3428-publisert.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Indikator", "Nøkkel", "Enhet", "3428 Alvdal", "Merknad")
    by_key = {r[1]: r for r in rows[1:]}
    assert by_key["meldinger"][3] == 5
    assert by_key["barn_med_hjelpetiltak"][3:] == (":", "prikket")


# --- settings ---------------------------------------------------------------------------------


def test_leder_changes_the_thresholds(client, personas, stats_cases, today):
    client.force_login(personas["leder"])
    url = reverse("stats:settings")
    assert client.get(url).status_code == 200
    response = client.post(url, {"threshold_low": 1, "threshold_high": 3, "secondary": "on"})
    assert response.status_code == 302
    saved = StatsSettings.objects.get(tjeneste=stats_cases)
    assert (saved.threshold_low, saved.threshold_high, saved.secondary) == (1, 3, True)
    assert AuditEntry.objects.order_by("-id").first().action == "update"
    html = page(client, aar=YEAR, publisert="on")
    assert "<td>prikket 3 kommuner</td>" in html  # Folldal's 3 children are small now


def test_thresholds_must_be_in_order(client, personas, stats_cases, today):
    client.force_login(personas["leder"])
    response = client.post(reverse("stats:settings"), {"threshold_low": 3, "threshold_high": 2})
    assert response.status_code == 200
    assert "minst like stort" in response.content.decode()
    assert not StatsSettings.objects.exists()


@pytest.mark.parametrize("who", ["sb", "kommune", "okonomi"])
def test_only_leder_may_change_the_thresholds(client, personas, who):
    client.force_login(personas[who])
    assert client.get(reverse("stats:settings")).status_code == 403
