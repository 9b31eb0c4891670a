"""Approved statements are numbered and never change; a correction is a new statement."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from barnevern.economy import settlements
from barnevern.economy.models import ImmutableStatement, Oppgjor


@pytest.fixture
def draft(ledger, orr, or_users):
    ledger.common("lonn", date(2022, 7, 1), "199700.00")
    ledger.paid("5022", date(2022, 7, 20), "40000.00")
    return settlements.create_draft(orr, "2022H2", or_users["okonomi"])


def test_approval_numbers_and_freezes_the_statement(draft, or_users):
    settlements.approve(draft, or_users["leder"])
    stored = Oppgjor.objects.get(pk=draft.pk)
    assert (stored.nummer, stored.status, stored.godkjent_av) == (1, "godkjent", or_users["leder"])
    stored.snapshot["members"][1]["balance"] = "0.00"
    with pytest.raises(ImmutableStatement, match="godkjent og kan ikke endres; lag en korrigering"):
        stored.save()
    with pytest.raises(ImmutableStatement):
        stored.delete()
    with pytest.raises(ImmutableStatement):
        Oppgjor.objects.filter(pk=draft.pk).delete()
    with pytest.raises(ImmutableStatement):
        Oppgjor.objects.filter(pk=draft.pk).update(periode="2023H1")
    assert Oppgjor.objects.get(pk=draft.pk).snapshot["members"][1]["balance"] == "9700.00"


def test_correction_is_a_new_statement_referring_to_the_old(draft, ledger, orr, or_users):
    settlements.approve(draft, or_users["leder"])
    ledger.client("5022", date(2022, 12, 1), "1000.00")  # a late invoice
    correction = settlements.correct(draft, or_users["leder"])
    assert correction.pk != draft.pk
    assert correction.korrigerer == draft
    assert correction.status == "utkast"
    settlements.approve(correction, or_users["leder"])
    assert correction.nummer == 2
    assert settlements.cli_json(correction.snapshot)["municipalities"]["5022"]["balance"] == "10700.00"
    old = Oppgjor.objects.get(pk=draft.pk)
    assert settlements.cli_json(old.snapshot)["municipalities"]["5022"]["balance"] == "9700.00"
    assert settlements.current_for(orr, "2022H2") == correction
    with pytest.raises(settlements.StatementError, match="allerede korrigert"):
        settlements.correct(old, or_users["leder"])


def test_a_new_draft_for_an_approved_period_becomes_a_correction(draft, orr, or_users):
    settlements.approve(draft, or_users["leder"])
    again = settlements.create_draft(orr, "2022H2")
    assert again.korrigerer == draft


def test_approval_is_refused_when_the_ledger_changed_since_the_draft(draft, ledger, or_users):
    ledger.common("kurs", date(2022, 9, 1), "500.00")
    with pytest.raises(settlements.StatementError, match="endret siden utkastet"):
        settlements.approve(draft, or_users["leder"])
    settlements.refresh_draft(draft)
    settlements.approve(draft, or_users["leder"])
    assert draft.nummer == 1


def test_web_approve_and_correct(client, draft, or_users):
    client.force_login(or_users["okonomi"])
    response = client.post(reverse("economy:settlement_action", args=[draft.pk, "godkjenn"]))
    assert response.status_code == 302
    page = client.get(reverse("economy:settlement", args=[draft.pk])).content.decode()
    assert "Godkjent som nr. 1" in page
    assert "Lag korrigering" in page
    response = client.post(reverse("economy:settlement_action", args=[draft.pk, "slett"]), follow=True)
    assert "Godkjente oppgjør kan ikke slettes." in response.content.decode()
    response = client.post(reverse("economy:settlement_action", args=[draft.pk, "korriger"]))
    correction = Oppgjor.objects.exclude(pk=draft.pk).get()
    assert response["Location"] == reverse("economy:settlement", args=[correction.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Korrigerer" in page
    assert "Oppgjør nr. 1" in page
    assert "Utkast – ikke godkjent" in page
