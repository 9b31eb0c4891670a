"""The /ansatte/ pages: leder only, own service only, reads logged, forms with clear errors."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from barnevern.audit.models import AuditEntry
from barnevern.staff.models import Ansatt, Innstilling, Stilling, Sykefravaer, Vakanse, Videreutdanning
from tests.staff.factories import ansatt

PAGES = [
    "staff:index",
    "staff:list",
    "staff:competence",
    "staff:caseload",
    "staff:settings",
    "staff:new",
    "staff:export",
    "staff:sick_leave_new",
    "staff:vacancy_new",
]


@pytest.fixture
def employee(org):
    return ansatt(
        org["nord-osterdal"],
        "Synne Testdatter",
        utdanning=(("bachelor", "barnevern", 2020),),
        start=date(2025, 1, 6),
        videre=((15, 2025),),
    )


@pytest.mark.parametrize("name", PAGES)
def test_leder_sees_every_page(client, personas, employee, name):
    client.force_login(personas["leder"])
    response = client.get(reverse(name))
    assert response.status_code == 200
    if response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        assert re.search(r"<script(?![^>]*\ssrc=)", html) is None  # no inline script (CSP)
        assert 'style="' not in html  # CSP without inline script/style


@pytest.mark.parametrize("persona", ["sb", "okonomi", "kommune"])
@pytest.mark.parametrize("name", PAGES)
def test_other_roles_are_refused(client, personas, employee, persona, name):
    client.force_login(personas[persona])
    assert client.get(reverse(name)).status_code == 403
    assert client.get(reverse("staff:detail", args=[employee.pk])).status_code == 403


def test_anonymous_is_sent_to_log_in(client, employee):
    response = client.get(reverse("staff:detail", args=[employee.pk]))
    assert response.status_code == 302
    assert "logg-inn" in response["Location"]


def test_leder_of_another_service_cannot_open_the_employee(client, personas, employee):
    client.force_login(personas["annen_leder"])
    assert client.get(reverse("staff:detail", args=[employee.pk])).status_code == 404
    response = client.post(
        reverse("staff:child_new", args=[employee.pk, "videreutdanning"]),
        {"studiepoeng": 30, "emne": "X", "ar": 2027, "planlagt": "True"},
    )
    assert response.status_code == 404
    assert employee.videreutdanninger.count() == 1


def test_detail_shows_status_missing_and_deadline_and_logs_the_read(client, personas, employee):
    Innstilling.objects.create(tjeneste=employee.tjeneste, kompetansevariant="seeds_30sp")
    client.force_login(personas["leder"])
    page = client.get(reverse("staff:detail", args=[employee.pk]), {"dato": "2026-11-23"}).content.decode()
    assert "mangler 15 studiepoeng videreutdanning" in page
    assert "Må være oppfylt innen 01.01.2031" in page
    assert "30 studiepoeng videreutdanning (tjenestens valg)" in page  # the variant used is named
    entry = AuditEntry.objects.filter(action="view", object_type="Ansatt").latest("id")
    assert entry.object_id == str(employee.pk)
    assert entry.sak_id is None
    assert entry.username == "leder"


def test_every_page_logs_a_read(client, personas, employee):
    client.force_login(personas["leder"])
    before = AuditEntry.objects.count()
    for name in ("staff:index", "staff:list", "staff:competence", "staff:caseload"):
        client.get(reverse(name))
    rows = list(AuditEntry.objects.order_by("id")[before:])
    assert [r.action for r in rows] == ["view"] * 4
    assert all(r.sak_id is None for r in rows)


def test_bad_date_gives_a_norwegian_message(client, personas, employee):
    client.force_login(personas["leder"])
    page = client.get(reverse("staff:index"), {"dato": "2026-02-30"}).content.decode()
    assert "Datoen «2026-02-30» er ugyldig" in page


def test_create_employee_with_initial_percentage(client, personas, org):
    client.force_login(personas["leder"])
    team = org["nord-osterdal"].team.get(navn="Omsorgsteam")
    response = client.post(
        reverse("staff:new"),
        {
            "navn": "Nina Ny",
            "stillingstype": "saksbehandler",
            "profesjon": "sosionom",
            "team": team.pk,
            "start_dato": "2026-10-01",
            "slutt_dato": "",
            "bruker": personas["sb2"].pk,
            "myndighetsoppgaver": "unknown",
            "unntak": "False",
            "unntak_til": "",
            "unntak_notat": "",
            "prosent": "80",
        },
    )
    nina = Ansatt.objects.get(navn="Nina Ny")
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:detail", args=[nina.pk])
    assert nina.bruker == personas["sb2"]
    assert nina.tjeneste == org["nord-osterdal"]
    assert nina.myndighetsoppgaver is None
    assert list(nina.stillinger.values_list("fra_dato", "prosent")) == [(date(2026, 10, 1), Decimal("80"))]
    assert AuditEntry.objects.filter(action="create", object_type="Ansatt", object_id=str(nina.pk)).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"slutt_dato": "2026-01-01"}, "slutt_dato", "Sluttdatoen kan ikke være før startdatoen."),
        ({"unntak": "True"}, "unntak_notat", "Skriv begrunnelsen for unntaket"),
        ({"prosent": "120"}, "prosent", "100"),
        ({"start_dato": "31.02.2026"}, "start_dato", "gyldig dato"),
    ],
)
def test_employee_form_errors_name_the_field(client, personas, org, changes, field, message):
    client.force_login(personas["leder"])
    data = {
        "navn": "Feil Feilsen",
        "stillingstype": "saksbehandler",
        "profesjon": "sosionom",
        "team": "",
        "start_dato": "2026-10-01",
        "slutt_dato": "",
        "bruker": "",
        "myndighetsoppgaver": "unknown",
        "unntak": "False",
        "unntak_til": "",
        "unntak_notat": "",
        "prosent": "100",
        **changes,
    }
    response = client.post(reverse("staff:new"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Ansatt.objects.filter(navn="Feil Feilsen").exists()


def test_user_already_linked_is_not_offered(client, personas, employee):
    employee.bruker = personas["sb"]
    employee.save()
    client.force_login(personas["leder"])
    form = client.get(reverse("staff:new")).context["form"]
    offered = set(form.fields["bruker"].queryset)
    assert personas["sb"] not in offered
    assert personas["sb2"] in offered
    assert personas["annen_leder"] not in offered


def test_add_planned_further_education_changes_the_projection(client, personas, employee):
    Innstilling.objects.create(tjeneste=employee.tjeneste, kompetansevariant="seeds_30sp")
    client.force_login(personas["leder"])
    url = reverse("staff:child_new", args=[employee.pk, "videreutdanning"])
    response = client.post(
        url, {"studiepoeng": "15", "emne": "Juss i barnevernet", "ar": "2028", "planlagt": "True"}
    )
    assert response.status_code == 302
    row = Videreutdanning.objects.get(emne="Juss i barnevernet")
    assert row.planlagt
    assert row.ansatt == employee
    page = client.get(reverse("staff:competence"), {"dato": "2026-11-23"}).content.decode()
    assert "mangler 15 studiepoeng videreutdanning" in page  # now
    assert "Oppfyller ikke: mangler" not in page  # projected 2031 meets


def test_position_change_and_duplicate_date(client, personas, employee):
    client.force_login(personas["leder"])
    url = reverse("staff:child_new", args=[employee.pk, "stilling"])
    assert client.post(url, {"fra_dato": "2026-09-01", "prosent": "60"}).status_code == 302
    response = client.post(url, {"fra_dato": "2026-09-01", "prosent": "50"})
    assert (
        "Det finnes allerede en stillingsprosent fra denne datoen."
        in response.context["form"].errors["fra_dato"]
    )
    response = client.post(url, {"fra_dato": "2020-01-01", "prosent": "50"})
    assert "før den ansatte begynte" in response.context["form"].errors["fra_dato"][0]
    assert list(employee.stillinger.values_list("prosent", flat=True)) == [Decimal("100"), Decimal("60")]


def test_delete_child_row_is_post_only_and_logged(client, personas, employee):
    client.force_login(personas["leder"])
    row = employee.videreutdanninger.get()
    url = reverse("staff:child_delete", args=[employee.pk, "videreutdanning", row.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Videreutdanning.objects.filter(pk=row.pk).exists()
    assert AuditEntry.objects.filter(
        action="delete", object_type="Videreutdanning", object_id=str(row.pk)
    ).exists()


def test_sick_leave_for_service_and_employee_replaces_the_month(client, personas, employee):
    client.force_login(personas["leder"])
    for value in ("6,5", "7.25"):
        assert (
            client.post(
                reverse("staff:sick_leave_new"), {"maned": "2026-10", "prosent": value.replace(",", ".")}
            ).status_code
            == 302
        )
    assert list(Sykefravaer.objects.filter(ansatt=None).values_list("maned", "prosent")) == [
        (date(2026, 10, 1), Decimal("7.25"))
    ]
    url = reverse("staff:child_new", args=[employee.pk, "sykefravaer"])
    assert client.post(url, {"maned": "2026-10", "prosent": "20"}).status_code == 302
    assert employee.sykefravaer.get().prosent == Decimal("20")
    response = client.post(reverse("staff:sick_leave_new"), {"maned": "oktober", "prosent": "5"})
    assert "ÅÅÅÅ-MM" in response.context["form"].errors["maned"][0]


def test_vacancy_create_and_close(client, personas, org):
    client.force_login(personas["leder"])
    team = org["nord-osterdal"].team.get(navn="Saksbehandlerteam")
    data = {
        "team": team.pk,
        "stillingstype": "saksbehandler",
        "prosent": "100",
        "fra_dato": "2026-09-01",
        "til_dato": "",
        "merknad": "Lyst ut",
    }
    assert client.post(reverse("staff:vacancy_new"), data).status_code == 302
    vakanse = Vakanse.objects.get()
    response = client.post(
        reverse("staff:vacancy_edit", args=[vakanse.pk]), {**data, "til_dato": "2026-08-01"}
    )
    assert "Ledig til kan ikke være før ledig fra." in response.context["form"].errors["til_dato"]
    assert (
        client.post(
            reverse("staff:vacancy_edit", args=[vakanse.pk]), {**data, "til_dato": "2026-12-01"}
        ).status_code
        == 302
    )
    vakanse.refresh_from_db()
    assert vakanse.til_dato == date(2026, 12, 1)


def test_settings_change_variant_and_warning_level(client, personas, org):
    client.force_login(personas["leder"])
    response = client.post(reverse("staff:settings"), {"kompetansevariant": "ssb", "saksmengde_varsel": "12"})
    assert response.status_code == 302
    row = Innstilling.objects.get(tjeneste=org["nord-osterdal"])
    assert (row.kompetansevariant, row.saksmengde_varsel) == ("ssb", 12)
    response = client.post(
        reverse("staff:settings"), {"kompetansevariant": "ukjent", "saksmengde_varsel": "0"}
    )
    assert set(response.context["form"].errors) == {"kompetansevariant", "saksmengde_varsel"}


def test_competence_page_compares_variants_without_changing_the_setting(client, personas, employee):
    client.force_login(personas["leder"])
    page = client.get(reverse("staff:competence"), {"variant": "ssb"}).content.decode()
    assert "valgt for sammenligning" in page
    assert "Barnevernfaglig master" in page
    assert not Innstilling.objects.exists()


def test_export_is_personal_data_and_logged(client, personas, employee):
    client.force_login(personas["leder"])
    response = client.get(reverse("staff:export"))
    body = response.content.decode("utf-8-sig")
    assert "Synne Testdatter" in body
    assert AuditEntry.objects.filter(action="export").exists()


def test_positions_are_scoped_to_the_employee(client, personas, employee, org):
    other = ansatt(org["nord-osterdal"], "Annen")
    client.force_login(personas["leder"])
    foreign = Stilling.objects.get(ansatt=other)
    url = reverse("staff:child_edit", args=[employee.pk, "stilling", foreign.pk])
    assert client.get(url).status_code == 404
