"""Retrospective compliance per member municipality, the summary function and the page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from barnevern.quality.compliance import compliance, compliance_summary, share
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
    assert early.summary()["3428"]["D1"]["breached"] == 1 and early.summary()["3428"]["D1"]["days_over"] == 1


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
    assert "3428 Alvdal" in page and "3429 Folldal" in page and "2026-A" in page
    assert "0,0 %" in page
    csv = client.get(url, {"fra": "2026-11-01", "til": "2026-11-30", "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "Kommunenummer;Kommune;Regel" in text and "3428;Alvdal;D1;0;1;1;6;0.0000" in text


def test_page_refuses_a_bad_period_and_other_roles(client, cases, personas, today):
    client.force_login(personas["leder"])
    response = client.get(reverse("quality:compliance"), {"fra": "2026-12-01", "til": "2026-11-01"})
    assert response.status_code == 400 and "Til-datoen er før fra-datoen" in response.content.decode()
    client.force_login(personas["sb"])
    assert client.get(reverse("quality:compliance")).status_code == 403
