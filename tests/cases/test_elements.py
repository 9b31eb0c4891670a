"""Every BVR element has a form; melding, vedtak, tiltak and plan can be corrected (a new
version) and every element annulled (ErSlettet + Slettet); cases are assigned with history."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from barnevern.audit.models import AuditEntry
from barnevern.cases import corrections, services
from barnevern.cases import models as m
from barnevern.cases.exporter import export_service
from barnevern.cases.mapping import sak_to_record
from barnevern.cases.queries import with_elements
from barnevern.control.pipeline import validate_paths
from tests.conftest import TODAY


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("barnevern.clock.today", lambda: TODAY)


@pytest.fixture
def vedtak(sak):
    melding = sak.meldinger.get()
    und = services.conclude_melding(melding, dato=date(2026, 11, 4), kode="2", versjon=None, today=TODAY)
    vedtak = services.record_vedtak(
        sak, dato=date(2026, 11, 10), hjemmel="BVL2021:3-1", undersokelse=und, today=TODAY
    )
    services.record_tiltak(sak, vedtak, dato=date(2026, 11, 11), kategori="4.6", today=TODAY)
    return vedtak


def test_the_vedtak_form_offers_legal_bases_not_typed_paragraphs(client, personas, sak):
    client.force_login(personas["sb"])
    page = client.get(reverse("cases:new_vedtak", args=[sak.pk])).content.decode()
    assert 'name="hjemmel"' in page
    assert "bvl. § 5-1 Omsorgsovertakelse" in page
    assert 'name="kapittel"' not in page
    assert "bvl. 1992" not in page  # the 1992 act is not in force on the form's date


def test_a_vedtak_dated_2022_is_offered_the_1992_act(client, personas, sak):
    m.Sak.objects.filter(pk=sak.pk).update(start_dato=date(2022, 1, 1))
    client.force_login(personas["sb"])
    response = client.post(
        reverse("cases:new_vedtak", args=[sak.pk]),
        {"dato": "2022-06-01", "hjemmel": "BVL2021:3-1", "status": "1", "undersokelse": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hjemmelen gjelder ikke på datoen 01.06.2022" in page
    assert "bvl. 1992 § 4-4 Hjelpetiltak" in page  # the form now offers the act of that date
    assert not sak.vedtak.exists()


def test_a_vedtak_under_a_chapter_that_does_not_exist_is_refused(sak):
    with pytest.raises(services.CaseError, match="Velg en hjemmel fra listen"):
        services.record_vedtak(sak, dato=date(2026, 11, 10), hjemmel="BVL2021:99-1", today=TODAY)


def test_a_wrong_vedtak_is_corrected_as_a_new_version_and_its_tiltak_follow(client, personas, sak, vedtak):
    """issue 22: a vedtak saved under «BVL2021 § 99-1» is stuck; here it is corrected."""
    wrong = {"lov": "BVL2021", "kapittel": "99", "paragraf": "1", "ledd": [], "bokstav": [], "punktum": []}
    m.Vedtak.objects.filter(pk=vedtak.pk).update(lovhjemmel=wrong)  # as saved before this issue
    m.Tiltak.objects.filter(sak=sak).update(lovhjemmel=wrong)
    client.force_login(personas["sb"])
    url = reverse("cases:correct", args=[sak.pk, "vedtak", vedtak.pk])
    form = client.get(url).content.decode()
    assert "Begrunnelse" in form
    response = client.post(
        url,
        {
            "dato": "2026-11-10",
            "hjemmel": "BVL2021:3-1",
            "begrunnelse": "Feil paragraf ved registrering",
            "versjon": 1,
        },
    )
    assert response.status_code == 302
    vedtak.refresh_from_db()
    assert vedtak.lovhjemmel["kapittel"] == "3"
    assert vedtak.versjon == 2
    tiltak = sak.tiltak.get()
    assert tiltak.lovhjemmel["kapittel"] == "3"  # SSB's Tiltak K21: the tiltak follows its vedtak
    rows = list(m.Korreksjon.objects.filter(sak=sak).order_by("id"))
    assert [r.element_type for r in rows] == ["Vedtak", "Tiltak"]
    assert rows[0].for_data["lovhjemmel"]["kapittel"] == "99"
    assert corrections.describe(rows[0]) == ["Hjemmel: bvl. § 99-1 → bvl. § 3-1"]
    assert AuditEntry.objects.filter(action="update", what__startswith="Rettet vedtak").count() == 1


def test_a_stale_correction_changes_nothing(client, personas, sak, vedtak):
    client.force_login(personas["sb"])
    m.Vedtak.objects.filter(pk=vedtak.pk).update(versjon=5)
    response = client.post(
        reverse("cases:correct", args=[sak.pk, "vedtak", vedtak.pk]),
        {"dato": "2026-11-09", "hjemmel": "BVL2021:3-1", "begrunnelse": "Feil dato", "versjon": 1},
    )
    assert "Noen andre har endret" in response.content.decode()
    vedtak.refresh_from_db()
    assert vedtak.start_dato == date(2026, 11, 10)
    assert not m.Korreksjon.objects.exists()


def test_a_correction_needs_a_reason_and_a_change(sak, vedtak, personas):
    with pytest.raises(services.CaseError, match="Skriv hvorfor"):
        corrections.correct_vedtak(
            vedtak,
            dato=vedtak.start_dato,
            hjemmel="BVL2021:4-1",
            begrunnelse="",
            versjon=1,
            by=personas["sb"],
            now=timezone.now(),
            today=TODAY,
        )
    with pytest.raises(services.CaseError, match="Ingenting er endret"):
        corrections.correct_vedtak(
            vedtak,
            dato=vedtak.start_dato,
            hjemmel="BVL2021:3-1",
            begrunnelse="Ingen endring her",
            versjon=1,
            by=personas["sb"],
            now=timezone.now(),
            today=TODAY,
        )


def test_annulling_a_vedtak_waits_for_its_tiltak_and_exports_as_slettet(
    client, personas, sak, vedtak, tmp_path
):
    client.force_login(personas["sb"])
    url = reverse("cases:annul", args=[sak.pk, "vedtak", vedtak.pk])
    response = client.post(url, {"begrunnelse": "Registrert i feil sak", "versjon": 1})
    assert "Annuller eller rett dem først" in response.content.decode()
    tiltak = sak.tiltak.get()
    r = client.post(
        reverse("cases:annul", args=[sak.pk, "tiltak", tiltak.pk]),
        {"begrunnelse": "Registrert i feil sak", "versjon": tiltak.versjon},
    )
    assert r.status_code == 302
    r = client.post(url, {"begrunnelse": "Registrert i feil sak", "versjon": 1})
    assert r.status_code == 302
    vedtak.refresh_from_db()
    assert vedtak.er_slettet is True
    assert set(m.Slettet.objects.filter(sak=sak).values_list("type", flat=True)) == {"Vedtak", "Tiltak"}
    export_service(sak.tjeneste, tmp_path)
    xml = (tmp_path / f"{sak.pk}.xml").read_bytes()
    assert b'ErSlettet="true"' in xml
    assert b"<Slettet " in xml
    report = validate_paths([tmp_path])
    assert [f.message for f in report.findings if f.severity.name in {"ERROR", "FATAL"}] == []
    page = client.get(reverse("cases:detail", args=[sak.pk])).content.decode()
    assert "Vedtak etter" not in page  # the case worker sees the case as it is now


def test_the_leader_sees_corrections_and_annulments_in_the_history(client, personas, sak, vedtak):
    tiltak = sak.tiltak.get()
    corrections.annul(
        tiltak,
        begrunnelse="Feilregistrert tiltak",
        versjon=tiltak.versjon,
        by=personas["sb"],
        now=timezone.now(),
        today=TODAY,
    )
    client.force_login(personas["sb"])
    assert client.get(reverse("cases:history", args=[sak.pk])).status_code == 403
    client.force_login(personas["leder"])
    page = client.get(reverse("cases:history", args=[sak.pk])).content.decode()
    assert "Annullert tiltak" in page
    assert "Feilregistrert tiltak" in page


def test_a_move_to_another_member_municipality_changes_where_the_child_lives(client, personas, sak):
    client.force_login(personas["sb"])
    form = client.get(reverse("cases:new_flytting", args=[sak.pk])).content.decode()
    assert "3429 Folldal" in form  # municipalities with their names
    r = client.post(
        reverse("cases:new_flytting", args=[sak.pk]),
        {
            "dato": "2026-11-15",
            "kommunenummer": "3429",
            "flytting_til": "9",
            "til_presisering": "",
            "arsak_fra": "2.9",
            "arsak_presisering": "Familien flyttet",
        },
    )
    assert r.status_code == 302
    record = sak_to_record(with_elements(m.Sak.objects).get(pk=sak.pk))
    assert record.kommune_on(date(2026, 11, 14)) == "3428"
    assert record.kommune_on(date(2026, 11, 15)) == "3429"
    assert record.flyttinger[0].flytting_til.kode == "9"
    page = client.get(reverse("cases:detail", args=[sak.pk])).content.decode()
    assert "Ny bostedskommune: 3429" in page


def test_a_move_to_a_municipality_outside_the_service_is_refused(sak):
    with pytest.raises(services.CaseError, match="ikke medlem"):
        services.record_flytting(
            sak,
            dato=date(2026, 11, 15),
            arsak_fra="2.9",
            arsak_presisering="x",
            flytting_til="9",
            kommunenummer="5021",
            today=TODAY,
        )


def test_aftercare_offer_and_answer(client, personas, sak):
    client.force_login(personas["sb"])
    r = client.post(reverse("cases:new_ettervern", args=[sak.pk]), {"tilbud_sendt": "2026-11-16"})
    assert r.status_code == 302
    ettervern = sak.ettervern.get()
    r = client.post(
        reverse("cases:answer_ettervern", args=[sak.pk, ettervern.pk]),
        {"dato": "2026-11-20", "kode": "1", "versjon": ettervern.versjon},
    )
    assert r.status_code == 302
    ettervern.refresh_from_db()
    assert ettervern.konklusjon_kode == "1"


def test_referral_to_the_board_only_for_the_boards_measures(client, personas, sak):
    client.force_login(personas["sb"])
    url = reverse("cases:new_oversendelse", args=[sak.pk])
    assert "bvl. § 3-1 Hjelpetiltak" not in client.get(url).content.decode()
    r = client.post(url, {"dato": "2026-11-18", "hjemmel": "BVL2021:5-1", "undersokelse": ""})
    assert r.status_code == 302
    assert sak.oversendelser.get().lovhjemmel["kapittel"] == "5"


def test_a_relation_between_two_elements(client, personas, sak, vedtak):
    client.force_login(personas["sb"])
    plan = services.add_plan(sak, dato=date(2026, 11, 12), plantype="1", today=TODAY)
    before = m.Relasjon.objects.filter(sak=sak).count()
    r = client.post(
        reverse("cases:new_relasjon", args=[sak.pk]),
        {"fra": f"Vedtak:{vedtak.pk}", "til": f"Plan:{plan.pk}"},
    )
    assert r.status_code == 302
    assert m.Relasjon.objects.filter(sak=sak).count() == before + 1


def test_the_leader_assigns_and_reassigns_with_history(client, personas, sak):
    client.force_login(personas["sb"])
    assert client.get(reverse("cases:assign", args=[sak.pk])).status_code == 403
    client.force_login(personas["leder"])
    url = reverse("cases:assign", args=[sak.pk])
    r = client.post(url, {"saksbehandler": str(personas["sb2"].pk), "merknad": "Ferie"})
    assert r.status_code == 302
    sak.refresh_from_db()
    assert sak.saksbehandler == personas["sb2"]
    r = client.post(url, {"saksbehandler": "0", "merknad": ""})
    sak.refresh_from_db()
    assert sak.saksbehandler is None
    assert [t.saksbehandler_id for t in sak.tildelinger.all()] == [personas["sb2"].pk, None]
    assert AuditEntry.objects.filter(what__startswith="Tildelte sak").count() == 2
    page = client.get(url).content.decode()
    assert "Ferie" in page


def test_assignment_from_a_list_returns_to_the_list(client, personas, sak):
    client.force_login(personas["leder"])
    r = client.post(
        reverse("cases:assign_quick"),
        {"sak": str(sak.pk), "saksbehandler": str(personas["sb2"].pk), "neste": "/frister/"},
    )
    assert r.status_code == 302
    assert r["Location"] == "/frister/"
    sak.refresh_from_db()
    assert sak.saksbehandler == personas["sb2"]


def test_only_a_worker_of_the_service_can_hold_a_case(sak, personas):
    with pytest.raises(services.CaseError, match="Velg en saksbehandler"):
        services.assign(sak, personas["annen_leder"], by=personas["leder"], now=timezone.now())
    with pytest.raises(services.CaseError, match="Velg en saksbehandler"):
        services.assign(sak, personas["okonomi"], by=personas["leder"], now=timezone.now())
