"""The worklist: status buckets from records, scoping per role, the web page and its audit."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from barnevern.audit.models import AuditEntry
from barnevern.quality import queries
from barnevern.quality.worklist import counts, worklist
from barnevern.rules.deadlines import DeadlineConfig, Status
from tests.quality.builders import DUE_TODAY, OVERDUE, TODAY, UPCOMING, melding_case

NO_D2 = DeadlineConfig(include_feedback=False)


def _by_case(rows):
    return {(row.journalnummer, row.rule): (row.status, row.days) for row in rows}


def test_buckets_overdue_due_today_and_upcoming_within_the_horizon():
    records = [
        melding_case("A", OVERDUE),
        melding_case("B", DUE_TODAY),
        melding_case("C", UPCOMING),
        melding_case("D", date(2026, 11, 2), concluded=date(2026, 11, 5)),  # D1 met: not listed
        melding_case("F", date(2026, 11, 30)),  # received after today: nothing yet
    ]
    rows = worklist(records, TODAY, NO_D2)
    assert _by_case(rows) == {
        ("2026-A", "D1"): (Status.OVERDUE, 6),
        ("2026-B", "D1"): (Status.DUE, 0),
        ("2026-C", "D1"): (Status.UPCOMING, 4),
    }
    assert [r.journalnummer for r in rows] == ["2026-A", "2026-B", "2026-C"]  # most overdue first
    assert counts(rows) == {"overdue": 1, "due": 1, "upcoming": 1}


@pytest.mark.parametrize(("horizon", "expected"), [(3, set()), (4, {"2026-C"}), (14, {"2026-C"})])
def test_horizon_limits_upcoming_items(horizon, expected):
    rows = worklist([melding_case("C", UPCOMING)], TODAY, NO_D2, horizon=horizon)
    assert {r.journalnummer for r in rows} == expected


def test_d2_is_listed_until_feedback_is_registered():
    rec = melding_case("A", OVERDUE)
    rows = worklist([rec], TODAY, DeadlineConfig())
    assert ("2026-A", "D2") in _by_case(rows)
    assert _by_case(rows)[("2026-A", "D2")] == (Status.UPCOMING, 8)
    done = {rec.id: {("D2", rec.meldinger[0].id): date(2026, 11, 20)}}
    rows = worklist([rec], TODAY, DeadlineConfig(), completed=done)
    assert ("2026-A", "D2") not in _by_case(rows)


def test_closed_cases_and_kommune_filter():
    records = [
        melding_case("A", OVERDUE, kommune="3428"),
        melding_case("G", OVERDUE, kommune="3429"),
        melding_case("H", OVERDUE, slutt=date(2026, 11, 20)),  # closed: nothing to act on
        melding_case("M", OVERDUE, kommune="3428", moved=(date(2026, 11, 15), "3429")),
    ]
    assert {r.journalnummer for r in worklist(records, TODAY, NO_D2)} == {"2026-A", "2026-G", "2026-M"}
    alvdal = worklist(records, TODAY, NO_D2, kommune="3428")
    assert {r.journalnummer for r in alvdal} == {"2026-A"}  # M lives in Folldal today
    assert all(r.kommune == "3428" for r in alvdal)


def test_owners_name_the_case_worker_else_the_15f_saksbehandler():
    rec = melding_case("A", OVERDUE, saksbehandler="KB")
    assert worklist([rec], TODAY, NO_D2)[0].saksbehandler == "KB"
    assert worklist([rec], TODAY, NO_D2, owners={rec.id: "Per Moen"})[0].saksbehandler == "Per Moen"


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("sb", {"2026-A", "2026-C"}),
        ("sb2", {"2026-B", "2026-C"}),
        ("leder", {"2026-A", "2026-B", "2026-C"}),
        ("annen_leder", {"2026-E"}),
    ],
)
def test_scoping_per_role(cases, personas, persona, visible):
    rows = queries.user_worklist(personas[persona], TODAY)
    assert {r.journalnummer for r in rows} == visible


@pytest.mark.parametrize("persona", ["okonomi", "kommune"])
def test_roles_without_case_access_get_no_worklist(cases, personas, persona):
    with pytest.raises(PermissionDenied):
        queries.user_worklist(personas[persona], TODAY)


def test_leder_filters_by_case_worker_and_unassigned(cases, personas):
    leder = personas["leder"]
    assert {
        r.journalnummer for r in queries.user_worklist(leder, TODAY, saksbehandler=personas["sb2"].pk)
    } == {"2026-B"}
    assert {r.journalnummer for r in queries.user_worklist(leder, TODAY, saksbehandler=0)} == {"2026-C"}


def test_one_audit_row_per_listing(cases, personas):
    before = AuditEntry.objects.count()
    rows = queries.user_worklist(personas["leder"], TODAY)
    entries = list(AuditEntry.objects.order_by("id")[before:])
    assert len(entries) == 1
    assert entries[0].action == "view"
    assert entries[0].data["antall"] == len(rows)


def test_page_shows_buckets_with_journal_numbers_never_identity_numbers(client, cases, personas, today):
    client.force_login(personas["sb"])
    response = client.get(reverse("quality:worklist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "2026-A" in page
    assert "2026-B" not in page
    assert "Forfalt (1)" in page
    assert "Forfaller i dag (0)" in page
    assert "Hemmelig" not in page
    assert "Barnesen" not in page
    for sak in cases.values():
        fnr = sak.personalia.get().fodselsnummer
        assert fnr not in page
        assert fnr[:6] not in page
    assert reverse("cases:detail", args=[cases["A"].pk]) in page
    assert "ikke verifisert regel" in page  # D2 is unverified under the 2021 act


def test_case_worker_start_page_shows_own_cases_and_a_link_to_the_unassigned(client, cases, personas, today):
    """The own cases' deadlines in full; the unassigned cases (which the leder distributes) as a
    count with a link to their deadlines, so that no start page reads the whole intake."""
    client.force_login(personas["sb"])
    page = client.get(reverse("quality:worklist")).content.decode()
    assert "2026-A" in page
    assert "2026-C" not in page
    assert "1 sak i tjenesten er ikke fordelt ennå." in page
    assert 'href="?saksbehandler=0"' in page
    unassigned = client.get(reverse("quality:worklist"), {"saksbehandler": "0"}).content.decode()
    assert "2026-C" in unassigned
    assert "2026-A" not in unassigned
    assert "2026-B" not in unassigned
    assert "saker som ikke er fordelt" in unassigned
    # another case worker's cases stay out of reach whatever the filter says
    other = client.get(reverse("quality:worklist"), {"saksbehandler": personas["sb2"].pk}).content.decode()
    assert "2026-B" not in other
    assert "2026-A" in other


def test_case_worker_with_everything_assigned(client, cases, personas, today):
    cases["C"].saksbehandler = personas["sb2"]
    cases["C"].save(update_fields=["saksbehandler"])
    client.force_login(personas["sb"])
    page = client.get(reverse("quality:worklist")).content.decode()
    assert "Alle saker i tjenesten er fordelt." in page


def test_index_name_points_to_the_worklist_and_is_the_case_workers_start_page(client, personas, cases, today):
    assert reverse("quality:index") == reverse("quality:worklist")
    client.force_login(personas["sb"])
    assert client.get(reverse("web:home"))["Location"] == reverse("quality:worklist")
    client.force_login(personas["leder"])  # the leader's own start page (web.leader) links here
    assert client.get(reverse("web:home"))["Location"] == reverse("web:leader")


def test_leder_page_filters_by_kommune(client, cases, personas, today):
    client.force_login(personas["leder"])
    page = client.get(reverse("quality:worklist"), {"kommune": "3429"}).content.decode()
    assert "2026-B" in page
    assert "2026-A" not in page
    assert "Saksbehandler" in page


def test_okonomi_is_refused(client, personas, today):
    client.force_login(personas["okonomi"])
    assert client.get(reverse("quality:worklist")).status_code == 403


def test_registering_feedback_removes_d2_and_is_audited(client, cases, personas, today):
    client.force_login(personas["sb"])
    sak = cases["A"]
    melding = sak.meldinger.get()
    response = client.post(
        reverse("quality:done"),
        {"sak_id": sak.pk, "element_id": melding.pk, "rule": "D2", "dato": "2026-11-20"},
    )
    assert response.status_code == 302
    rows = queries.user_worklist(personas["sb"], TODAY)
    assert ("2026-A", "D2") not in {(r.journalnummer, r.rule) for r in rows}
    entry = AuditEntry.objects.filter(sak_id=sak.pk, object_type="UtfortFrist").get()
    assert entry.data["regel"] == "D2"


@pytest.mark.parametrize(("dato", "message"), [("2026-11-30", "fram i tid"), ("2026-11-01", "før meldingen")])
def test_feedback_date_is_checked(client, cases, personas, today, dato, message):
    client.force_login(personas["sb"])
    sak = cases["A"]
    response = client.post(
        reverse("quality:done"),
        {"sak_id": sak.pk, "element_id": sak.meldinger.get().pk, "rule": "D2", "dato": dato},
        follow=True,
    )
    assert message in response.content.decode()


def test_case_worker_cannot_register_feedback_in_a_case_of_another(client, cases, personas, today):
    client.force_login(personas["sb"])
    sak = cases["B"]  # assigned to sb2
    response = client.post(
        reverse("quality:done"),
        {"sak_id": sak.pk, "element_id": sak.meldinger.get().pk, "rule": "D2", "dato": "2026-11-20"},
    )
    assert response.status_code == 403


def test_the_leader_assigns_an_unassigned_case_from_the_worklist(client, cases, personas, today):
    """The «Ikke fordelt» row carries the assignment form; an assigned row names its worker."""
    client.force_login(personas["leder"])
    page = client.get(reverse("quality:worklist")).content.decode()
    forms = page.count('name="saksbehandler"><option value="">')
    assert forms == sum(1 for r in queries.user_worklist(personas["leder"], today) if r.journalnummer == "2026-C")
    assert forms >= 1
    response = client.post(
        reverse("cases:assign_quick"),
        {"sak": str(cases["C"].pk), "saksbehandler": personas["sb"].pk, "neste": reverse("quality:worklist")},
    )
    assert response.status_code == 302
    cases["C"].refresh_from_db()
    assert cases["C"].saksbehandler_id == personas["sb"].pk
    after = client.get(reverse("quality:worklist")).content.decode()
    assert 'name="saksbehandler"><option value="">' not in after
