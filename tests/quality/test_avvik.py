"""The internal-control log: proposals from breaches, decisions, closing, locking, audit, pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from barnevern.audit.models import AuditEntry
from barnevern.quality import avvik as service
from barnevern.quality.models import Avvik, Fristoppsett
from barnevern.quality.queries import service_config
from tests.quality.builders import TODAY


@pytest.fixture
def proposals_on(cases, org):
    """Settings that propose avvik for breaches from 1 November 2026."""
    config = service_config(org["nord-osterdal"], TODAY)
    config.avvik_from = date(2026, 11, 1)
    config.save()
    return org["nord-osterdal"]


def test_a_breached_deadline_proposes_an_avvik_once(proposals_on, cases):
    first = service.propose_from_breaches(proposals_on, TODAY)
    assert (first.created, first.existing) == (1, 0)  # A: D1 overdue since 17.11
    proposal = Avvik.objects.get()
    assert proposal.status == Avvik.Status.FORESLATT
    assert proposal.kilde == Avvik.Kilde.FRIST
    assert proposal.sak == cases["A"]
    assert proposal.regel == "D1"
    assert proposal.kategori == "frist"
    assert proposal.dato == date(2026, 11, 18)
    assert proposal.frist == date(2026, 11, 17)
    assert "2026-A" in proposal.beskrivelse
    assert "6 dager over" in proposal.beskrivelse
    assert "Barnesen" not in proposal.beskrivelse
    again = service.propose_from_breaches(proposals_on, TODAY)
    assert (again.created, again.existing) == (0, 1)
    assert Avvik.objects.count() == 1
    tomorrow = service.propose_from_breaches(proposals_on, TODAY + timedelta(days=1))
    assert (tomorrow.created, tomorrow.existing) == (1, 1)  # B's D1 (due today) is then overdue
    assert AuditEntry.objects.filter(object_type="Avvik", action="create", sak_id=cases["A"].pk).count() == 1
    assert AuditEntry.objects.filter(object_type="Avvik", action="create").count() == 2


def test_the_database_refuses_a_second_proposal_for_the_same_deadline(proposals_on, cases):
    service.propose_from_breaches(proposals_on, TODAY)
    original = Avvik.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Avvik.objects.create(
            tjeneste=proposals_on,
            dato=TODAY,
            kategori="frist",
            beskrivelse="dobbel",
            sak=original.sak,
            kilde="frist",
            status="foreslatt",
            regel="D1",
            element_id=original.element_id,
        )


def test_breaches_before_avvik_from_and_other_services_propose_nothing(cases, org):
    config = service_config(org["nord-osterdal"], TODAY)
    assert config.avvik_from == TODAY  # new settings start today: history gives no proposals
    assert service.propose_from_breaches(org["nord-osterdal"], TODAY).created == 0
    assert not Avvik.objects.exists()


def test_dismiss_needs_a_reason_and_stays_dismissed(proposals_on, cases, personas):
    service.propose_from_breaches(proposals_on, TODAY)
    proposal = Avvik.objects.get()
    with pytest.raises(service.AvvikError, match="hvorfor"):
        service.dismiss(proposal, personas["leder"], proposal.versjon, "   ")
    service.dismiss(
        proposal, personas["leder"], proposal.versjon, "Meldingen ble gjennomgått i tide; registrert sent."
    )
    proposal.refresh_from_db()
    assert proposal.status == Avvik.Status.AVVIST
    assert "registrert sent" in proposal.avvist_grunn
    assert service.propose_from_breaches(proposals_on, TODAY).created == 0  # not proposed again
    assert Avvik.objects.get().status == Avvik.Status.AVVIST
    entry = AuditEntry.objects.filter(object_type="Avvik", action="update").get()
    assert entry.data["begrunnelse"].startswith("Meldingen")
    assert entry.sak_id == cases["A"].pk


def test_the_database_refuses_dismissed_without_reason_and_closed_without_date(org):
    for fields in ({"status": "avvist"}, {"status": "lukket"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Avvik.objects.create(
                tjeneste=org["nord-osterdal"], dato=TODAY, kategori="annet", beskrivelse="x", **fields
            )


def test_confirm_then_close_and_optimistic_locking(proposals_on, cases, personas):
    service.propose_from_breaches(proposals_on, TODAY)
    proposal = Avvik.objects.get()
    stale = proposal.versjon
    service.confirm(proposal, personas["leder"], proposal.versjon, ansvarlig=personas["sb"])
    assert proposal.status == Avvik.Status.APEN
    assert proposal.ansvarlig == personas["sb"]
    with pytest.raises(service.AvvikConflict):
        service.close(
            proposal.__class__.objects.get(pk=proposal.pk), personas["sb"], stale, lukket_dato=TODAY
        )
    with pytest.raises(service.AvvikError, match="før avviket"):
        service.close(proposal, personas["sb"], proposal.versjon, lukket_dato=date(2026, 1, 1))
    service.close(
        proposal, personas["sb"], proposal.versjon, lukket_dato=TODAY, tiltak="Omfordelt meldinger."
    )
    assert proposal.status == Avvik.Status.LUKKET
    assert proposal.tiltak == "Omfordelt meldinger."
    with pytest.raises(service.AvvikError):
        service.update(proposal, personas["leder"], proposal.versjon, beskrivelse="endret")
    assert AuditEntry.objects.filter(object_type="Avvik").count() == 3  # proposed, confirmed, closed


def test_manual_avvik_and_summary_per_category(org, personas, cases):
    tjeneste = org["nord-osterdal"]
    a = service.create(
        tjeneste, personas["sb"], dato=date(2026, 2, 1), kategori="fravaer", beskrivelse="Sykefravær"
    )
    service.create(
        tjeneste,
        personas["sb"],
        dato=date(2026, 3, 1),
        kategori="fravaer",
        beskrivelse="Ferie",
        sak=cases["A"],
    )
    service.create(
        tjeneste, personas["sb"], dato=date(2025, 3, 1), kategori="tilgang", beskrivelse="Utenfor perioden"
    )
    service.close(a, personas["leder"], a.versjon, lukket_dato=date(2026, 2, 10))
    other = service.create(
        org["oppdal-rennebu"],
        personas["annen_leder"],
        dato=date(2026, 3, 1),
        kategori="annet",
        beskrivelse="x",
    )
    summary = service.avvik_summary(tjeneste, date(2026, 1, 1), date(2026, 12, 31))
    assert list(summary) == [
        "frist",
        "dokumentasjon",
        "taushetsplikt",
        "tilgang",
        "fravaer",
        "samarbeid",
        "annet",
    ]
    assert summary["fravaer"] == {
        "label": "Fravær og bemanning",
        "registrert": 2,
        "foreslatt": 0,
        "apen": 1,
        "lukket": 1,
        "avvist": 0,
    }
    assert summary["tilgang"]["registrert"] == 0
    assert summary["annet"]["registrert"] == 0
    assert other.tjeneste == org["oppdal-rennebu"]
    with pytest.raises(service.AvvikError, match="annen tjeneste"):
        service.create(
            org["oppdal-rennebu"],
            personas["annen_leder"],
            dato=TODAY,
            kategori="annet",
            beskrivelse="x",
            sak=cases["A"],
        )


def test_leder_confirms_and_dismisses_on_the_web(client, proposals_on, cases, personas, today):
    service.propose_from_breaches(proposals_on, TODAY)
    proposal = Avvik.objects.get()
    client.force_login(personas["sb"])
    assert (
        client.post(
            reverse("quality:avvik_dismiss", args=[proposal.pk]), {"avvist_grunn": "x", "versjon": 1}
        ).status_code
        == 404
    )
    client.force_login(personas["leder"])
    response = client.post(
        reverse("quality:avvik_dismiss", args=[proposal.pk]),
        {"avvist_grunn": "", "versjon": proposal.versjon},
    )
    assert response.status_code == 200
    assert "Hvorfor avvises forslaget?" in response.content.decode()
    response = client.post(
        reverse("quality:avvik_confirm", args=[proposal.pk]),
        {"versjon": proposal.versjon, "ansvarlig": personas["sb"].pk},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Avvik.Status.APEN
    assert proposal.ansvarlig == personas["sb"]
    # The responsible case worker now sees it and may close it.
    client.force_login(personas["sb"])
    assert "2026-A" in client.get(reverse("quality:avvik_detail", args=[proposal.pk])).content.decode()
    response = client.post(
        reverse("quality:avvik_close", args=[proposal.pk]),
        {"lukket_dato": "2026-11-23", "tiltak": "Gjennomgått", "versjon": proposal.versjon},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Avvik.Status.LUKKET


def test_stale_form_is_refused_with_a_message(client, org, personas, today):
    found = service.create(
        org["nord-osterdal"], personas["leder"], dato=TODAY, kategori="annet", beskrivelse="Første"
    )
    client.force_login(personas["leder"])
    url = reverse("quality:avvik_edit", args=[found.pk])
    data = {
        "dato": "2026-11-23",
        "kategori": "annet",
        "beskrivelse": "Andre",
        "journalnummer": "",
        "versjon": found.versjon,
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "beskrivelse": "Tredje"})  # same old version
    assert response.status_code == 200
    assert "endret av noen andre" in response.content.decode()
    found.refresh_from_db()
    assert found.beskrivelse == "Andre"


def test_case_worker_registers_an_avvik_linked_only_to_a_visible_case(client, cases, personas, today):
    client.force_login(personas["sb"])
    url = reverse("quality:avvik_new")
    data = {
        "dato": "2026-11-20",
        "kategori": "dokumentasjon",
        "beskrivelse": "Samtale ikke journalført",
        "journalnummer": "2026-B",
    }
    response = client.post(url, data)  # B belongs to sb2
    assert response.status_code == 200
    assert "Fant ingen sak med journalnummer «2026-B»" in response.content.decode()
    response = client.post(url, {**data, "journalnummer": "2026-A"})
    assert response.status_code == 302
    created = Avvik.objects.get()
    assert created.sak == cases["A"]
    assert created.opprettet_av == personas["sb"]
    assert created.status == "apen"
    assert client.post(url, {**data, "dato": "2026-12-24"}).status_code == 200  # future date refused


def test_list_filters_and_visibility(client, org, personas, today):
    tjeneste = org["nord-osterdal"]
    mine = service.create(
        tjeneste, personas["sb"], dato=date(2026, 11, 2), kategori="samarbeid", beskrivelse="Mitt"
    )
    theirs = service.create(
        tjeneste, personas["sb2"], dato=date(2026, 10, 2), kategori="tilgang", beskrivelse="Deres"
    )
    client.force_login(personas["sb"])
    page = client.get(reverse("quality:avvik_list")).content.decode()
    assert f"Avvik {mine.pk}<" in page
    assert f"Avvik {theirs.pk}<" not in page
    client.force_login(personas["leder"])
    page = client.get(reverse("quality:avvik_list"), {"kategori": "tilgang"}).content.decode()
    assert f"Avvik {theirs.pk}<" in page
    assert f"Avvik {mine.pk}<" not in page
    page = client.get(
        reverse("quality:avvik_list"), {"fra": "2026-11-01", "til": "2026-11-30", "status": "apen"}
    ).content.decode()
    assert f"Avvik {mine.pk}<" in page
    assert f"Avvik {theirs.pk}<" not in page
    client.force_login(personas["okonomi"])
    assert client.get(reverse("quality:avvik_list")).status_code == 403


def test_worklist_page_proposes_for_the_leder(client, proposals_on, cases, personas, today):
    client.force_login(personas["sb"])
    client.get(reverse("quality:worklist"))
    assert not Avvik.objects.exists()  # only the leder's page proposes
    client.force_login(personas["leder"])
    page = client.get(reverse("quality:worklist")).content.decode()
    assert Avvik.objects.filter(status="foreslatt").count() == 1
    assert "1 nytt fristbrudd er foreslått som avvik" in page


def test_avvik_command(proposals_on, cases):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("avvik", "propose", "--service", "nord-osterdal", "--date", "2026-11-23", stdout=out)
    call_command("avvik", "propose", "--date", "2026-11-23", stdout=out)
    assert "nord-osterdal: 1 nye forslag" in out.getvalue()
    assert "nord-osterdal: 0 nye forslag til avvik, 1 fantes" in out.getvalue()
    out = StringIO()
    call_command(
        "avvik",
        "summary",
        "--service",
        "nord-osterdal",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--json",
        stdout=out,
    )
    assert '"foreslatt": 1' in out.getvalue()


def test_settings_only_for_leder_and_validated(client, org, personas, today):
    url = reverse("quality:settings")
    client.force_login(personas["sb"])
    assert client.get(url).status_code == 403
    client.force_login(personas["leder"])
    config = service_config(org["nord-osterdal"], TODAY)
    form = client.get(url).context["form"]
    data = {
        name: ("on" if value is True else "" if value is False or value is None else value)
        for name, value in form.initial.items()
    }
    data = {k: v for k, v in data.items() if v != ""}
    data.update(
        {
            "plan_evaluation_interval": "tre måneder",
            "versjon_sendt": config.versjon,
            "avvik_from": "2026-11-01",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "ikke en gyldig fristlengde" in response.content.decode()
    data["plan_evaluation_interval"] = "P2M"
    data["extra_closed_days"] = "2026-12-24\n2026-12-31"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    config = Fristoppsett.objects.get(tjeneste=org["nord-osterdal"])
    rules = config.to_rules()
    assert str(rules.plan_evaluation_interval) == "P2M"
    assert date(2026, 12, 24) in rules.extra_closed_days
    assert config.versjon == 2
    assert config.endret_av == personas["leder"]
    assert client.post(url, data).status_code == 200  # stale version refused
