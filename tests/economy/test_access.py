"""Who sees the economy pages: Leder and Økonomi of the service; never case data for Økonomi."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from barnevern.economy import settlements

PAGES = [
    "index",
    "ledger",
    "client_costs",
    "ledger_import",
    "mappings",
    "key",
    "grants",
    "settlements",
    "finance",
    "finance_xlsx",
    "copayments",
    "placement_new",
]


@pytest.mark.parametrize("role", ["kommune", "sb"])
def test_kommune_and_case_workers_are_refused_every_economy_page(client, personas, role):
    """… except a municipality's own settlements (tests/economy/test_municipality.py)."""
    client.force_login(personas[role])
    assert len(PAGES) >= 5
    for name in PAGES:
        if role == "kommune" and name == "settlements":
            continue
        assert client.get(reverse(f"economy:{name}")).status_code == 403, name


@pytest.mark.parametrize("role", ["okonomi", "leder"])
def test_leder_and_okonomi_see_every_page(client, personas, no_service, role):
    client.force_login(personas[role])
    assert len(PAGES) >= 5
    for name in PAGES:
        assert client.get(reverse(f"economy:{name}")).status_code == 200, name


def test_okonomi_sees_kommune_and_category_but_no_journal_number(client, orr, or_users, ledger, sak_moving):
    ledger.client("5022", date(2022, 11, 1), "1234.00", sak=sak_moving)
    client.force_login(or_users["okonomi"])
    page = client.get(reverse("economy:client_costs") + "?ar=2022").content.decode()
    assert "5022 Rennebu" in page
    assert "Hjelpetiltak i hjemmet" in page
    assert "1\u00a0234,00" in page
    assert "2022-0042" not in page
    assert "Flyttesen" not in page
    client.force_login(or_users["leder"])
    page = client.get(reverse("economy:client_costs") + "?ar=2022").content.decode()
    assert "2022-0042" in page
    assert "Flyttesen" not in page


def test_statements_of_another_service_are_not_found(client, personas, orr, or_users, ledger):
    ledger.common("lonn", date(2022, 7, 1), "1000.00")
    statement = settlements.create_draft(orr, "2022H2")
    client.force_login(personas["okonomi"])  # Nord-Østerdal
    for name in ("settlement", "settlement_pdf", "settlement_xlsx"):
        assert client.get(reverse(f"economy:{name}", args=[statement.pk])).status_code == 404
    assert (
        client.post(reverse("economy:settlement_action", args=[statement.pk, "godkjenn"])).status_code == 404
    )


def test_okonomi_proposes_copayment_rates_and_case_workers_cannot(client, personas, no_service):
    client.force_login(personas["okonomi"])
    assert "Foreslå sats" in client.get(reverse("economy:rate")).content.decode()
    client.force_login(personas["leder"])
    assert client.get(reverse("economy:rate")).status_code == 200
    client.force_login(personas["sb"])
    assert client.get(reverse("economy:rate")).status_code == 403
