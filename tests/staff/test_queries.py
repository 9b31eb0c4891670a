"""Headcount, FTE with history, teams, vacancies and the sick-leave trend."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError

from barnevern.organisation.models import Team
from barnevern.staff import queries
from barnevern.staff.models import Stilling, Sykefravaer, Vakanse
from tests.staff.factories import ansatt

ON = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("12.8"), "12.8"),
        (Decimal("12.80"), "12.8"),
        (Decimal("13"), "13.0"),
        (Decimal("0"), "0.0"),
        (Decimal("12.85"), "12.85"),
        (Decimal("0.333333"), "0.33"),
        (Decimal("2.40"), "2.4"),
    ],
)
def test_format_fte(value, text):
    assert queries.format_fte(value) == text


def test_fte_follows_the_position_history(org):
    a = ansatt(
        org["nord-osterdal"],
        prosent=((date(2021, 8, 16), "80"), (date(2024, 1, 1), "100")),
        start=date(2021, 8, 16),
    )
    a = queries.employees_queryset(org["nord-osterdal"]).get(pk=a.pk)
    assert queries.percent_on(a, date(2021, 8, 15)) == 0  # not yet employed
    assert queries.fte_on(a, date(2023, 12, 31)) == Decimal("0.8")
    assert queries.fte_on(a, date(2024, 1, 1)) == Decimal("1")


def test_headcount_and_fte_per_team_on_a_date(org):
    no = org["nord-osterdal"]
    teams = {t.navn: t for t in Team.objects.filter(tjeneste=no)}
    ansatt(no, "A", team=teams["Saksbehandlerteam"])
    ansatt(no, "B", team=teams["Saksbehandlerteam"], prosent="60")
    ansatt(no, "C", team=teams["Omsorgsteam"], prosent="80")
    ansatt(no, "Sluttet", team=teams["Omsorgsteam"], slutt=date(2026, 6, 30))
    ansatt(no, "Ikke begynt", team=teams["Omsorgsteam"], start=date(2027, 1, 1))
    ansatt(no, "Uten team", prosent="50")
    ansatt(org["oppdal-rennebu"], "Annen tjeneste")
    data = queries.overview(no, ON)
    assert (data.employees, data.fte) == (4, Decimal("2.9"))
    by_name = {t.name: t for t in data.teams}
    assert (by_name["Saksbehandlerteam"].employees, by_name["Saksbehandlerteam"].fte) == (2, Decimal("1.6"))
    assert (by_name["Omsorgsteam"].employees, by_name["Omsorgsteam"].fte) == (1, Decimal("0.8"))
    assert by_name["Familieveilederteam"].employees == 0
    assert by_name[queries.NO_TEAM].employees == 1
    assert queries.overview(no, date(2026, 6, 30)).employees == 5  # «Sluttet» still there on the last day
    assert queries.overview(no, date(2026, 7, 1)).employees == 4


def test_professions_are_counted_most_common_first(org):
    no = org["nord-osterdal"]
    ansatt(no, "A", profesjon="sosionom")
    ansatt(no, "B", profesjon="barnevernspedagog")
    ansatt(no, "C", profesjon="barnevernspedagog")
    assert queries.overview(no, ON).professions == (("Barnevernspedagog", 2), ("Sosionom", 1))


def test_open_vacancies_on_a_date(org):
    no = org["nord-osterdal"]
    team = Team.objects.get(tjeneste=no, navn="Omsorgsteam")
    Vakanse.objects.create(tjeneste=no, team=team, prosent=Decimal("100"), fra_dato=date(2026, 9, 1))
    Vakanse.objects.create(
        tjeneste=no, prosent=Decimal("50"), fra_dato=date(2026, 1, 1), til_dato=date(2026, 5, 31)
    )
    data = queries.overview(no, ON)
    assert len(data.vacancies) == 1
    assert data.vacant_fte == Decimal("1")
    assert {t.name: t.vacancies for t in data.teams}["Omsorgsteam"] == 1
    assert len(queries.overview(no, date(2026, 3, 1)).vacancies) == 1  # the closed one, then


def test_sick_leave_trend_service_figure_wins_and_employee_rows_are_fte_weighted(org):
    no = org["nord-osterdal"]
    full = ansatt(no, "Hel", prosent="100")
    half = ansatt(no, "Halv", prosent="50")
    Sykefravaer.objects.create(tjeneste=no, maned=date(2026, 9, 1), prosent=Decimal("7.5"))
    Sykefravaer.objects.create(tjeneste=no, ansatt=full, maned=date(2026, 9, 1), prosent=Decimal("50"))
    # October: only employee rows → (100 × 1.0 + 0 × 0.5) / 1.5 = 66.7 %; Halv has no row (0 %)
    Sykefravaer.objects.create(tjeneste=no, ansatt=full, maned=date(2026, 10, 1), prosent=Decimal("100"))
    trend = queries.sick_leave_trend(no, ON)
    assert len(trend) == 12
    assert trend[-1].month == date(2026, 10, 1)  # ends with the latest registered month
    assert (trend[-2].percent, trend[-2].source) == (Decimal("7.5"), "tjeneste")
    assert (trend[-1].percent, trend[-1].source) == (Decimal("66.7"), "ansatte")
    assert trend[0] == queries.SickLeaveMonth(date(2025, 11, 1), None, "")
    assert half.pk  # weighted in, without a row


def test_sick_leave_without_data_ends_with_the_month_of_the_date(org):
    trend = queries.sick_leave_trend(org["nord-osterdal"], ON)
    assert trend[-1].month == date(2026, 11, 1)
    assert all(m.percent is None for m in trend)


def test_one_position_row_per_date(org):
    a = ansatt(org["nord-osterdal"])
    with pytest.raises(IntegrityError):
        Stilling.objects.create(ansatt=a, fra_dato=a.start_dato, prosent=Decimal("50"))


def test_query_count_does_not_grow_with_the_number_of_employees(org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    no = org["nord-osterdal"]

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            queries.overview(no, ON)
            queries.caseload(no, ON)
        return len(ctx.captured_queries)

    for n in range(3):
        ansatt(no, f"A{n}", utdanning=(("bachelor", "barnevern", 2015),), videre=((15, 2020),))
    few = count()
    for n in range(10):
        ansatt(no, f"B{n}", utdanning=(("master", "barnevern", 2015),), erfaring=((date(2010, 1, 1), None),))
    assert count() == few
