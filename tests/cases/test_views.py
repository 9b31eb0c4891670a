from datetime import date

import pytest
from django.urls import reverse

from barnevern.cases import models as m
from barnevern.rules.identity import synthetic_fnr


def _melding_post(**overrides):
    data = {
        "fodselsnummer": synthetic_fnr(date(2016, 5, 1), 3, "1"),
        "fornavn": "Kåre",
        "etternavn": "Prøvesen",
        "duf_nummer": "",
        "kommunenummer": "3429",
        "mottatt": "2026-11-20",
        "melder": ["9"],
        "saksinnhold": ["2.1.02"],
        "presisering": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("barnevern.clock.today", lambda: date(2026, 11, 23))


def test_register_melding_creates_case_and_shows_it(client, personas, today):
    client.force_login(personas["sb"])
    response = client.post(reverse("cases:new_melding"), _melding_post())
    assert response.status_code == 302
    sak = m.Sak.objects.get(etternavn="Prøvesen")
    assert sak.saksbehandler == personas["sb"]
    assert sak.bosteder.get().kommunenummer == "3429"
    page = client.get(response["Location"]).content.decode()
    assert "Melding mottatt" in page
    assert "Barnehage" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("fodselsnummer", "12345678901", "kontrollsiffer"),
        ("fodselsnummer", "123", "11 siffer"),
        ("duf_nummer", "123456789012", "DUF-nummeret"),
        ("duf_nummer", "12", "DUF-nummeret"),
    ],
)
def test_invalid_identity_numbers_are_refused_with_a_clear_message(
    client, personas, today, field, value, message
):
    client.force_login(personas["sb"])
    response = client.post(reverse("cases:new_melding"), _melding_post(**{field: value}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert not m.Sak.objects.filter(etternavn="Prøvesen").exists()


def test_code_not_valid_on_the_date_is_refused(client, personas, today):
    client.force_login(personas["sb"])
    # Melder 24 (Lege/Sykehus) is valid from 2025-01-01; a melding received in 2024 cannot use it.
    response = client.post(
        reverse("cases:new_melding"), _melding_post(mottatt="2024-06-01", melder=["24"], saksinnhold=["3"])
    )
    errors = response.context["form"].errors
    assert "melder" in errors
    assert "ikke gyldig på datoen 2024-06-01" in errors["melder"][0]


def test_code_requiring_presisering_needs_one(client, personas, today):
    client.force_login(personas["sb"])
    response = client.post(reverse("cases:new_melding"), _melding_post(melder=["22"]))
    assert "krever presisering" in response.context["form"].errors["melder"][0]


def test_conclude_melding_with_2_opens_undersokelse(client, personas, sak, today):
    client.force_login(personas["sb"])
    melding = sak.meldinger.get()
    url = reverse("cases:conclude_melding", args=[sak.pk, melding.pk])
    response = client.post(url, {"dato": "2026-11-06", "kode": "2", "versjon": melding.versjon})
    assert response.status_code == 302
    und = sak.undersokelser.get()
    assert und.start_dato == date(2026, 11, 6)
    assert sak.relasjoner.filter(fra_id=str(melding.pk), til_id=str(und.pk)).exists()


def test_second_concurrent_edit_gets_a_conflict(client, personas, sak, today):
    client.force_login(personas["sb"])
    melding = sak.meldinger.get()
    url = reverse("cases:conclude_melding", args=[sak.pk, melding.pk])
    stale = melding.versjon
    m.Melding.objects.filter(pk=melding.pk).update(versjon=stale + 1)  # someone else saved meanwhile
    response = client.post(url, {"dato": "2026-11-06", "kode": "3", "versjon": stale})
    assert response.status_code == 200
    assert "Noen andre har endret" in response.content.decode()
    melding.refresh_from_db()
    assert melding.konklusjon_kode == ""


def test_full_flow_vedtak_tiltak_plan_visit(client, personas, sak, today):
    client.force_login(personas["leder"])
    melding = sak.meldinger.get()
    client.post(
        reverse("cases:conclude_melding", args=[sak.pk, melding.pk]),
        {"dato": "2026-11-03", "kode": "2", "versjon": 1},
    )
    und = sak.undersokelser.get()
    r = client.post(
        reverse("cases:conclude_undersokelse", args=[sak.pk, und.pk]),
        {
            "dato": "2026-11-10",
            "kode": "1",
            "vedtaksgrunnlag": ["2.1.02"],
            "presisering": "",
            "versjon": und.versjon,
        },
    )
    assert r.status_code == 302, r.context["form"].errors
    r = client.post(
        reverse("cases:new_vedtak", args=[sak.pk]),
        {
            "dato": "2026-11-12",
            "hjemmel": "BVL2021:3-1",
            "status": "1",
            "undersokelse": str(und.pk),
        },
    )
    assert r.status_code == 302, r.context["form"].errors
    vedtak = sak.vedtak.get()
    assert vedtak.lovhjemmel["lov"] == "BVL2021"
    r = client.post(
        reverse("cases:new_tiltak", args=[sak.pk]),
        {
            "vedtak": str(vedtak.pk),
            "dato": "2026-11-13",
            "kategori": "2.2",
            "presisering": "",
            "oppfolging_hyppighet": "4",
            "tilsyn_hyppighet": "4",
        },
    )
    assert r.status_code == 302, r.context["form"].errors
    tiltak = sak.tiltak.get()
    r = client.post(
        reverse("cases:visit", args=[sak.pk, tiltak.pk]), {"kind": "oppfolging", "dato": "2026-11-20"}
    )
    assert r.status_code == 302
    r = client.post(reverse("cases:new_plan", args=[sak.pk]), {"dato": "2026-11-13", "plantype": "4"})
    assert r.status_code == 302
    plan = sak.planer.get()
    r = client.post(reverse("cases:evaluate_plan", args=[sak.pk, plan.pk]), {"dato": "2026-11-21"})
    assert r.status_code == 302
    tiltak.refresh_from_db()
    plan.refresh_from_db()
    assert tiltak.oppfolging["utfort"][0]["utfort_dato"] == "2026-11-20"
    assert plan.evalueringer == ["2026-11-21"]
    page = client.get(reverse("cases:detail", args=[sak.pk])).content.decode()
    for text in (
        "Undersøkelse konkludert",
        "Vedtak etter bvl. § 3-1",
        "Fosterhjem utenfor familie",
        "Oppfølgingsbesøk",
        "Plan evaluert",
    ):
        assert text in page


def test_search_by_name_and_journalnummer(client, personas, sak):
    client.force_login(personas["leder"])
    assert sak.journalnummer in client.get(reverse("cases:list"), {"q": "testesen"}).content.decode()
    assert sak.journalnummer in client.get(reverse("cases:list"), {"q": sak.journalnummer}).content.decode()
    assert sak.journalnummer not in client.get(reverse("cases:list"), {"q": "ukjentnavn"}).content.decode()
