"""A member municipality sees its own approved settlements and invoice basis, nothing else;
Økonomi proposes co-payment rates and the leder approves them (issue 22, point 9)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from barnevern.accounts.models import User
from barnevern.economy import copayments, settlements
from barnevern.economy import models as em
from barnevern.organisation.models import Kommune

from .conftest import PASSWORD


@pytest.fixture
def rennebu(orr):
    return User.objects.create_user(
        "kommune_rennebu",
        password=PASSWORD,
        rolle="kommune",
        tjeneste=orr,
        kommune=Kommune.objects.get(nummer="5022"),
    )


@pytest.fixture
def approved(ledger, orr, or_users):
    ledger.common("lonn", date(2022, 7, 1), "100000.00")
    ledger.client("5022", date(2022, 9, 1), "4321.00")
    ledger.client("5021", date(2022, 9, 1), "8765.00")
    draft = settlements.create_draft(orr, "2022H2")
    return settlements.approve(draft, or_users["leder"])


def test_kommune_sees_its_own_line_of_approved_settlements_only(client, rennebu, approved, orr):
    draft = settlements.create_draft(orr, "2023H1")
    client.force_login(rennebu)
    page = client.get(reverse("economy:settlements")).content.decode()
    assert "Halvårsoppgjør for Rennebu" in page
    assert "2. halvår 2022" in page
    assert reverse("economy:settlement", args=[draft.pk]) not in page  # drafts are internal
    assert "Beregn utkast" not in page
    detail = client.get(reverse("economy:settlement", args=[approved.pk])).content.decode()
    assert "Fakturagrunnlag" in detail
    assert "4\u00a0321,00" in detail
    assert "8\u00a0765,00" not in detail  # Oppdal's client costs are not Rennebu's business
    assert "Oppdal</dd>" in detail  # the host is named
    assert client.get(reverse("economy:settlement", args=[draft.pk])).status_code == 404


def test_kommune_gets_no_downloads_actions_or_other_economy_pages(client, rennebu, approved):
    client.force_login(rennebu)
    for name in ("settlement_pdf", "settlement_xlsx"):
        assert client.get(reverse(f"economy:{name}", args=[approved.pk])).status_code == 403
    response = client.post(reverse("economy:settlement_action", args=[approved.pk, "korriger"]))
    assert response.status_code == 403
    assert client.get(reverse("economy:index")).status_code == 403


def test_kommune_menu_has_settlements_and_the_public_report(client, rennebu):
    client.force_login(rennebu)
    page = client.get(reverse("web:overview")).content.decode()
    assert f'href="{reverse("economy:settlements")}"' in page
    assert f'href="{reverse("reports:index")}"' in page
    assert f'href="{reverse("economy:index")}"' not in page


def test_okonomi_proposes_and_the_leder_approves_a_rate(client, orr, or_users):
    data = {
        "ar": 2025,
        "tiltakstype": "institusjon",
        "niva": "standard",
        "belop": "180000",
        "kilde": "Prop. 1 S (2024–2025)",
        "status": "verified",
    }
    client.force_login(or_users["okonomi"])
    response = client.post(reverse("economy:rate"), data)
    assert response.status_code == 302
    rate = em.SatsOverstyring.objects.get(tjeneste=orr, ar=2025)
    assert rate.godkjent is False
    assert all(r.year != 2025 or r.measure.value != "institusjon" for r in copayments.rates_of(orr))
    page = client.get(reverse("economy:copayments")).content.decode()
    assert "Forslag til satser som venter på godkjenning" in page
    assert "Leder godkjenner forslagene" in page
    assert client.post(reverse("economy:rate_decision", args=[rate.pk, "godkjenn"])).status_code == 403
    client.force_login(or_users["leder"])
    assert client.post(reverse("economy:rate_decision", args=[rate.pk, "godkjenn"])).status_code == 302
    rate.refresh_from_db()
    assert rate.godkjent is True
    assert rate.godkjent_av == or_users["leder"]
    assert any(r.year == 2025 and r.amount == Decimal("180000") for r in copayments.rates_of(orr))


def test_a_proposal_never_replaces_an_approved_rate(orr, or_users):
    values = {"belop": Decimal("100"), "kilde": "x", "status": "verified"}
    copayments.save_rate(
        orr, or_users["leder"], ar=2024, tiltakstype="institusjon", niva="standard", **values
    )
    with pytest.raises(copayments.RateError, match="godkjent sats"):
        copayments.save_rate(
            orr,
            or_users["okonomi"],
            ar=2024,
            tiltakstype="institusjon",
            niva="standard",
            approved=False,
            **values,
        )


def test_measure_names_keep_their_capitals():
    """«MST/FFT», not «Mst/fft» (str.capitalize lowercases the rest of the name)."""
    labels = dict(em.MEASURE_CHOICES)
    assert labels["mst_fft"] == "MST/FFT"
    assert labels["pmto"] == "PMTO/De utrolige årene"
    assert labels["institusjon"] == "Barnevernsinstitusjon"
