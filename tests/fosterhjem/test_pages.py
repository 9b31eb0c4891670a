"""The foster-home pages as each role sees them (Nord-Østerdal personas; ``sb`` has the child)."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.audit.models import AuditEntry
from barnevern.fosterhjem import models as fm


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize(
    ("role", "list_status", "sees_home", "detail_status"),
    [
        ("leder", 200, True, 200),
        ("sb", 200, True, 200),  # the case worker of the placed child
        ("sb2", 200, False, 404),  # another case worker: the home is hidden
        ("okonomi", 403, False, 403),
        ("kommune", 403, False, 403),
        ("annen_leder", 200, False, 404),  # the leader of another service
    ],
)
def test_list_and_detail_by_role(client, personas, no_placement, role, list_status, sees_home, detail_status):
    home = no_placement.fosterhjem
    response = _get(client, personas[role], "/fosterhjem/")
    assert response.status_code == list_status
    if list_status == 200:
        assert (home.navn in response.content.decode()) is sees_home
    assert _get(client, personas[role], f"/fosterhjem/{home.pk}/").status_code == detail_status


def test_detail_shows_deadlines_and_audits_the_child(client, personas, no_placement, sak):
    html = _get(client, personas["sb"], f"/fosterhjem/{no_placement.fosterhjem_id}/").content.decode()
    assert "Godkjenning av fosterhjemmet før innflytting" in html
    assert "Plan for oppfølging av fosterfamilien" in html
    assert "Påkrevd opplæring er ikke fullført" in html
    assert sak.journalnummer in html
    assert AuditEntry.objects.filter(sak_id=sak.pk, what__contains="plassering vist").exists()


def test_placement_page_only_with_access_to_the_case(client, personas, no_placement):
    url = f"/fosterhjem/plassering/{no_placement.pk}/"
    assert _get(client, personas["sb"], url).status_code == 200
    assert _get(client, personas["sb2"], url).status_code == 403
    assert _get(client, personas["okonomi"], url).status_code == 403


def test_leader_registers_a_home_and_a_case_worker_cannot(client, personas, org):
    data = {
        "navn": "Familien Sæther",
        "art": "ordinaer",
        "kommunenummer": "3429",
        "utredning_fra": "2026-11-01",
        "adresse": "",
        "postnummer": "",
        "poststed": "",
        "merknad": "",
    }
    client.force_login(personas["sb"])
    assert client.post("/fosterhjem/ny/", data).status_code == 403
    client.force_login(personas["leder"])
    response = client.post("/fosterhjem/ny/", data)
    home = fm.Fosterhjem.objects.get(navn="Familien Sæther")
    assert response.status_code == 302
    assert response["Location"] == f"/fosterhjem/{home.pk}/"
    bad = client.post(f"/fosterhjem/{home.pk}/status/ny/", {"status": "godkjent", "dato": "2026-11-20"})
    assert bad.status_code == 200
    assert "opplæringen er registrert som gjennomført" in bad.content.decode()


def test_case_worker_records_an_agreement_and_a_plan(client, personas, no_placement):
    client.force_login(personas["sb"])
    response = client.post(
        f"/fosterhjem/plassering/{no_placement.pk}/avtale/ny/",
        {
            "start": "2026-11-12",
            "slutt": "2027-11-11",
            "godtgjoring": "9 885",
            "utgiftsdekning": "8 617",
            "forsterkning": "",
        },
    )
    assert response.status_code == 302
    agreement = no_placement.avtaler.get()
    assert (agreement.godtgjoring, agreement.forsterkning) == (9885, 0)
    client.post(
        f"/fosterhjem/plassering/{no_placement.pk}/oppfolgingsplan/ny/",
        {"dato": "2026-11-20", "beskrivelse": "Veiledning hver sjette uke første år."},
    )
    assert no_placement.oppfolgingsplaner.count() == 1


def test_costs_page_for_okonomi_without_case_content(client, personas, no_placement, sak):
    from decimal import Decimal

    from barnevern.fosterhjem import costs, services

    services.add_agreement(
        no_placement,
        None,
        start=date(2026, 11, 12),
        godtgjoring=Decimal("9885"),
        utgiftsdekning=Decimal("8617"),
        today=date(2026, 11, 23),
    )
    costs.book_month(no_placement.fosterhjem.tjeneste, date(2026, 11, 1), today=date(2026, 11, 23))
    response = _get(client, personas["okonomi"], "/fosterhjem/kostnader/?ar=2026")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Familien Brattås" in html
    assert "3428" in html
    assert sak.journalnummer not in html
    assert sak.fornavn not in html
    assert _get(client, personas["sb"], "/fosterhjem/kostnader/").status_code == 403


def test_leader_sets_the_spans_without_a_fixed_time_limit(client, personas, no_placement):
    from barnevern.fosterhjem.deadlines import config_for
    from barnevern.rules.dates import Span

    client.force_login(personas["sb"])
    assert client.get("/fosterhjem/innstillinger/").status_code == 403
    client.force_login(personas["leder"])
    bad = client.post(
        "/fosterhjem/innstillinger/", {"akutt_frist": "tre måneder", "oppfolgingsplan_frist": "P0D"}
    )
    assert "P3M" in bad.content.decode()
    client.post("/fosterhjem/innstillinger/", {"akutt_frist": "p6w", "oppfolgingsplan_frist": "P2W"})
    config = config_for(no_placement.fosterhjem.tjeneste_id)
    assert config.acute_within == Span(weeks=6)
    assert config.follow_up_plan_within == Span(weeks=2)
