"""Retrospective compliance per member municipality, the summary function and the page."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from barnevern.cases import signals
from barnevern.quality import cache
from barnevern.quality.compliance import compliance, compliance_summary, share
from barnevern.quality.duties import mark_done
from barnevern.quality.models import ComplianceSummary, Endring, Fristoppsett
from barnevern.rules.deadlines import DeadlineConfig
from tests.quality.builders import TODAY, melding_case

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
NO_D2 = DeadlineConfig(include_feedback=False)


def _records():
    received = date(2026, 3, 2)  # D1 due 09.03.2026
    return [
        melding_case("A", received, kommune="3428", concluded=date(2026, 3, 5)),  # met
        melding_case("B", received, kommune="3428", concluded=date(2026, 3, 12)),  # 3 days late
        melding_case("M", received, kommune="3428", moved=(date(2026, 3, 5), "3429")),  # never done
        melding_case("O", date(2026, 6, 1), kommune="3428"),  # falls due in June
    ]


def test_each_deadline_met_or_breached_per_municipality_on_the_due_date():
    result = compliance(_records(), *MARCH, TODAY, NO_D2)
    assert result.summary() == {
        "3428": {"D1": {"met": 1, "breached": 1, "open": 0, "days_over": 3, "share": Decimal("0.5000")}},
        "3429": {
            "D1": {
                "met": 0,
                "breached": 1,
                "open": 0,
                "days_over": (TODAY - date(2026, 3, 9)).days,
                "share": Decimal("0.0000"),
            }
        },
    }
    assert [(b.journalnummer, b.item.days) for b in result.breaches] == [("2026-M", 259), ("2026-B", 3)]
    assert result.totals()["D1"]["share"] == Decimal("0.3333")


def test_outcome_is_as_of_today_so_a_past_period_is_judged_by_what_happened_later():
    early = compliance(_records(), *MARCH, date(2026, 3, 10), NO_D2)
    # On 10.03 «B» was not yet done (overdue = breached) and nothing was known of its conclusion.
    assert early.summary()["3428"]["D1"]["breached"] == 1
    assert early.summary()["3428"]["D1"]["days_over"] == 1


def test_kommune_filter_and_empty_period():
    only = compliance(_records(), *MARCH, TODAY, NO_D2, kommune="3429")
    assert set(only.summary()) == {"3429"}
    assert compliance(_records(), date(2025, 1, 1), date(2025, 12, 31), TODAY, NO_D2).summary() == {}
    with pytest.raises(ValueError):
        compliance(_records(), date(2026, 4, 1), date(2026, 3, 1), TODAY, NO_D2)


@pytest.mark.parametrize(
    ("met", "breached", "expected"), [(0, 0, None), (2, 1, Decimal("0.6667")), (5, 0, Decimal("1"))]
)
def test_share(met, breached, expected):
    assert share(met, breached) == expected


def test_compliance_summary_from_the_database(cases, org):
    result = compliance_summary(org["nord-osterdal"], date(2026, 11, 1), date(2026, 11, 30), today=TODAY)
    assert result == {
        "3428": {"D1": {"met": 0, "breached": 1, "open": 1, "days_over": 6, "share": Decimal("0.0000")}},
        "3429": {"D1": {"met": 0, "breached": 0, "open": 1, "days_over": 0, "share": None}},
    }


def test_page_for_leder_with_csv(client, cases, personas, today):
    client.force_login(personas["leder"])
    url = reverse("quality:compliance")
    page = client.get(url, {"fra": "2026-11-01", "til": "2026-11-30"}).content.decode()
    assert "3428 Alvdal" in page
    assert "3429 Folldal" in page
    assert "2026-A" in page
    assert "0,0\u00a0%" in page
    csv = client.get(url, {"fra": "2026-11-01", "til": "2026-11-30", "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "Kommunenummer;Kommune;Regel" in text
    assert "3428;Alvdal;D1;0;1;1;6;0,0" in text  # per cent, rounded as on the page


def test_page_refuses_a_bad_period_and_other_roles(client, cases, personas, today):
    client.force_login(personas["leder"])
    response = client.get(reverse("quality:compliance"), {"fra": "2026-12-01", "til": "2026-11-01"})
    assert response.status_code == 400
    assert "Til-datoen er før fra-datoen" in response.content.decode()
    client.force_login(personas["sb"])
    assert client.get(reverse("quality:compliance")).status_code == 403


NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def _summary(org, today=TODAY):
    return compliance_summary(org["nord-osterdal"], *NOVEMBER, today=today)


def _reads_cases(org, today=TODAY) -> bool:
    with CaptureQueriesContext(connection) as ctx:
        _summary(org, today)
    return any('"cases_melding"' in q["sql"] for q in ctx.captured_queries)


def test_summary_is_kept_for_the_day(cases, org):
    first = _summary(org)
    assert ComplianceSummary.objects.count() == 1
    assert not _reads_cases(org)  # the second time: no case is read
    assert _summary(org) == first
    assert _reads_cases(org, today=date(2026, 11, 24))  # another day: computed again
    assert ComplianceSummary.objects.count() == 1  # one kept per service and period


def test_a_changed_case_drops_the_kept_summary(cases, org):
    assert _summary(org)["3428"]["D1"]["breached"] == 1
    melding = cases["A"].meldinger.get()
    melding.konklusjon_dato, melding.konklusjon_kode = date(2026, 11, 16), "1"  # on time after all
    melding.save()
    signals.changed([cases["A"].pk])
    assert _summary(org)["3428"]["D1"] == {"met": 1, "breached": 0, "open": 1, "days_over": 0, "share": 1}


def test_a_completed_duty_drops_the_kept_summary(cases, org, personas):
    december = (date(2026, 12, 1), date(2026, 12, 31))  # D2 of A falls due 01.12
    as_of = date(2026, 12, 3)
    before = compliance_summary(org["nord-osterdal"], *december, today=as_of)
    assert before["3428"]["D2"]["breached"] == 1
    sak = cases["A"]
    mark_done(personas["sb"], str(sak.pk), "D2", str(sak.meldinger.get().pk), date(2026, 11, 20), as_of)
    after = compliance_summary(org["nord-osterdal"], *december, today=as_of)
    assert after["3428"]["D2"]["met"] == 1
    assert after["3428"]["D2"]["breached"] == 0


def test_changed_settings_drop_the_kept_summary(cases, org):
    december = (date(2026, 12, 1), date(2026, 12, 31))
    as_of = date(2026, 12, 3)
    assert "D2" in compliance_summary(org["nord-osterdal"], *december, today=as_of)["3428"]
    Fristoppsett.objects.filter(tjeneste=org["nord-osterdal"]).update(include_feedback=False)
    assert "D2" not in compliance_summary(org["nord-osterdal"], *december, today=as_of).get("3428", {})


def test_the_counter_rises_at_once_and_again_after_the_commit(db, django_capture_on_commit_callbacks):
    start = cache.changes()
    with django_capture_on_commit_callbacks(execute=True):
        signals.changed([str(uuid.uuid4())])
        assert cache.changes() > start  # the writer's own transaction sees it
        during = cache.changes()
    assert cache.changes() > during  # and a reader that started before the commit cannot keep its figures


def test_only_changes_in_the_own_service_or_of_deleted_cases_count(cases, org):
    nord, other = org["nord-osterdal"], org["oppdal-rennebu"]
    counter = cache.changes()
    signals.changed([cases["E"].pk])  # a case of Oppdal/Rennebu
    assert cache.changed_since(other, counter)
    assert not cache.changed_since(nord, counter)
    signals.changed([str(uuid.uuid4())])  # a case no longer stored: could have been anyone's
    assert cache.changed_since(nord, counter)


def test_a_change_elsewhere_keeps_the_summary(cases, org):
    _summary(org)
    signals.changed([cases["E"].pk])
    assert not _reads_cases(org)


def test_old_change_rows_are_pruned(cases, org):
    signals.changed([cases["A"].pk])
    Endring.objects.update(opprettet=timezone.now() - timedelta(days=3))
    signals.changed([cases["B"].pk])
    _summary(org)  # computing prunes
    assert list(Endring.objects.values_list("sak_id", flat=True).distinct()) == [cases["B"].pk]


def test_the_settings_fingerprint_is_stable_and_tells_settings_apart():
    closed = frozenset({date(2026, 12, 24), date(2026, 12, 31), date(2026, 12, 27)})
    assert cache.fingerprint(DeadlineConfig(extra_closed_days=closed)) == cache.fingerprint(
        DeadlineConfig(extra_closed_days=frozenset(sorted(closed, reverse=True)))
    )
    assert cache.fingerprint(DeadlineConfig()) != cache.fingerprint(NO_D2)
