"""The /fiks/ pages: who sees which report, the PDF, dead letters for the leader, all audited."""

from __future__ import annotations

import pytest

from barnevern.intake.testsender import example, pdf_for


@pytest.fixture
def report(org):
    from barnevern.intake.services import store_from_json

    return store_from_json(
        example("no.ks.fiks.bekymringsmelding.offentlig.v2", "3428"),
        tjeneste=org["nord-osterdal"],
        melding_id="v-1",
        pdf=pdf_for("x"),
    )


def test_leader_sees_list_detail_and_pdf(client, personas, report):
    from barnevern.audit.models import AuditEntry

    client.force_login(personas["leder"])
    page = client.get("/fiks/").content.decode()
    assert "Digitale bekymringsmeldinger (Fiks)" in page
    assert "Meldinger som ikke kunne tas imot" in page
    detail = client.get(f"/fiks/{report.pk}/").content.decode()
    assert "Her kommer selve innholdet i bekymringsmeldingen!" in detail
    assert "Lærerskolen" in detail
    response = client.get(f"/fiks/{report.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert AuditEntry.objects.filter(what="Viste digital bekymringsmelding").count() == 2


def test_case_worker_sees_unassigned_but_not_others_cases(client, personas, report):
    from barnevern.cases.models import Sak

    client.force_login(personas["sb2"])
    assert client.get(f"/fiks/{report.pk}/").status_code == 200  # unassigned cases are open to all
    Sak.objects.filter(pk__in=[r.melding.sak_id for r in report.meldinger.all()]).update(
        saksbehandler=personas["sb"]
    )
    assert client.get(f"/fiks/{report.pk}/").status_code == 403
    assert "v-1" not in client.get("/fiks/").content.decode()
    client.force_login(personas["sb"])
    assert client.get(f"/fiks/{report.pk}/").status_code == 200


@pytest.mark.parametrize("role", ["okonomi", "kommune", "annen_leder"])
def test_other_roles_and_services_see_nothing(client, personas, report, role):
    client.force_login(personas[role])
    assert client.get(f"/fiks/{report.pk}/").status_code in (403, 404)


def test_leader_marks_a_dead_letter_handled(client, personas, org):
    from barnevern.intake.models import DodMelding

    dod = DodMelding.objects.create(
        melding_id="d-1", tjeneste=org["nord-osterdal"], innhold=b"x", sha256="0", feil="Feil nøkkel."
    )
    client.force_login(personas["sb"])
    assert client.post(f"/fiks/avvist/{dod.pk}/", {"merknad": "x"}).status_code == 403
    client.force_login(personas["leder"])
    client.post(f"/fiks/avvist/{dod.pk}/", {"merknad": "Ringte avsender, sendt på nytt."})
    dod.refresh_from_db()
    assert dod.status == DodMelding.Status.BEHANDLET
    assert dod.behandlet_av == personas["leder"]


def test_start_page_tells_about_reports_for_another_municipality(client, personas, org):
    from barnevern.intake.services import store_from_json

    store_from_json(example("no.ks.fiks.bekymringsmelding.privat.v2"), tjeneste=org["nord-osterdal"])
    client.force_login(personas["sb"])
    assert (
        "1 digitale bekymringsmeldinger gjelder en annen kommune" in client.get("/frister/").content.decode()
    )
