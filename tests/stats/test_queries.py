"""The query layer: exact figures for the service, published (suppressed) figures, per user."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from barnevern.audit.models import AuditEntry
from barnevern.rules.periods import Period
from barnevern.stats import queries
from barnevern.stats.models import StatsSettings
from tests.stats.conftest import HJELP, MELDINGER, YEAR

KEYS = ["meldinger", "barn_med_hjelpetiltak", "meldinger_per_1000"]
P = Period.year(YEAR)


def test_internal_figures_are_exact_per_member_municipality(stats_cases):
    result = queries.indicator_table(stats_cases, P, published=False, keys=KEYS)
    assert list(result.municipalities) == ["3427", "3424", "3426", "3428", "3429"]  # host first
    assert result.municipalities["3429"] == "Folldal"
    assert {k: result.value("meldinger", k) for k in MELDINGER} == MELDINGER
    assert {k: result.value("barn_med_hjelpetiltak", k) for k in HJELP} == HJELP
    assert result.total["meldinger"] == 26
    assert result.total["barn_med_hjelpetiltak"] == 10
    assert result.suppressed_municipalities == 0
    assert result.note() == ""
    # rates per 1 000 inhabitants 0–17 on 1 January 2025 (demo population: 2023 is the latest
    # year stored, so 2025 has none and the rate cannot be given)
    assert result.total["meldinger_per_1000"] is None
    assert result.display("meldinger_per_1000") == ".."


def test_population_of_the_periods_year_gives_rates(stats_cases):
    from barnevern.organisation.models import Befolkning, Kommune

    for k in Kommune.objects.filter(nummer__in=MELDINGER):
        Befolkning.objects.create(kommune=k, ar=YEAR, alder=5, antall=500)
    result = queries.indicator_table(stats_cases, P, published=False, keys=KEYS)
    assert str(result.value("meldinger_per_1000", "3427")) == "20.0"  # 10 × 1000 / 500
    assert result.display("meldinger_per_1000", "3427") == "20,0"


def test_published_figures_hide_small_counts_and_keep_totals(stats_cases):
    result = queries.indicator_table(stats_cases, P, published=True, keys=KEYS)
    meldinger = {k: result.value("meldinger", k) for k in result.municipalities}
    assert meldinger == {"3427": 10, "3424": 6, "3426": ":", "3428": 5, "3429": ":"}
    hjelp = {k: result.value("barn_med_hjelpetiltak", k) for k in result.municipalities}
    assert hjelp == {"3427": 4, "3424": 0, "3426": ":", "3428": ":", "3429": 3}
    assert result.total["meldinger"] == 26
    assert result.total["barn_med_hjelpetiltak"] == 10
    assert result.note("meldinger") == "prikket 2 kommuner"
    assert result.suppressed_municipalities == 3  # Tolga, Alvdal, Folldal
    assert result.published


def test_one_municipality_and_its_own_total(stats_cases):
    result = queries.indicator_table(stats_cases, P, published=True, kommune="3428", keys=KEYS)
    assert list(result.municipalities) == ["3428"]
    assert result.value("meldinger", "3428") == 5
    assert result.total["meldinger"] == 5
    assert result.value("barn_med_hjelpetiltak", "3428") == ":"
    assert result.note("barn_med_hjelpetiltak") == "prikket"
    with pytest.raises(queries.StatsError, match="5021 er ikke medlem"):
        queries.indicator_table(stats_cases, P, published=False, kommune="5021")


def test_the_services_threshold_settings_apply(stats_cases):
    settings = StatsSettings.objects.create(tjeneste=stats_cases, threshold_low=1, threshold_high=3)
    result = queries.indicator_table(stats_cases, P, published=True, keys=["barn_med_hjelpetiltak"])
    assert [k for k in result.municipalities if result.value("barn_med_hjelpetiltak", k) == ":"] == [
        "3426",
        "3428",
        "3429",
    ]  # Folldal's 3 is small now too
    settings.threshold_high, settings.secondary = 2, False
    settings.save()
    result = queries.indicator_table(stats_cases, P, published=True, keys=["meldinger"])
    assert result.value("meldinger", "3429") == ":"
    assert result.value("meldinger", "3426") == 4


def test_series_reads_once_and_gives_one_result_per_period(stats_cases, django_assert_max_num_queries):
    periods = Period.years(YEAR - 1, YEAR)
    with django_assert_max_num_queries(40):  # the first time, every case's contribution is computed
        queries.indicator_series(stats_cases, periods, published=False, keys=["meldinger"])
    with django_assert_max_num_queries(10):  # then merged from the stored contributions
        results = queries.indicator_series(stats_cases, periods, published=False, keys=["meldinger"])
    assert [r.period for r in results] == periods
    assert [r.total["meldinger"] for r in results] == [None, 26]  # no case before YEAR: no data, not 0


def test_json_shape(stats_cases):
    data = queries.indicator_table(stats_cases, Period.half(YEAR, 1), published=True, keys=KEYS).to_json()
    assert list(data) == ["period", "municipalities", "total", "suppressed_municipalities"]
    assert data["period"] == {"from": f"{YEAR}-01-01", "to": f"{YEAR}-06-30"}
    assert set(data["municipalities"]) == set(MELDINGER)
    assert data["municipalities"]["3429"]["meldinger"] == ":"
    # meldinger every 20 days from 1 February: at most 8 per municipality by 30 June
    assert data["total"] == {
        "meldinger": 8 + 5 + 1 + 6 + 4,
        "barn_med_hjelpetiltak": 10,
        "meldinger_per_1000": None,
    }
    assert data["suppressed_municipalities"] == 3


# --- per user -------------------------------------------------------------------------------


def test_leder_and_saksbehandler_see_exact_figures(stats_cases, personas):
    for who in ("leder", "sb"):
        scope, (result,) = queries.user_series(personas[who], [P], keys=KEYS)
        assert scope.exact
        assert not result.published
        assert result.value("meldinger", "3429") == 1


def test_leder_may_ask_for_the_published_form(stats_cases, personas):
    _scope, (result,) = queries.user_series(personas["leder"], [P], published=True, keys=KEYS)
    assert result.value("meldinger", "3429") == ":"


def test_kommune_role_sees_only_its_municipality_published(stats_cases, personas):
    scope, (result,) = queries.user_series(
        personas["kommune"], [P], kommune="3427", published=False, keys=KEYS
    )
    assert not scope.exact
    assert scope.kommune == "3428"
    assert list(result.municipalities) == ["3428"]
    assert result.published
    assert result.value("meldinger", "3428") == 5
    assert result.value("barn_med_hjelpetiltak", "3428") == ":"
    assert result.total["barn_med_hjelpetiltak"] == ":"  # its own total, not the service's 10


def test_okonomi_is_refused(stats_cases, personas):
    with pytest.raises(PermissionDenied):
        queries.user_series(personas["okonomi"], [P])


def test_one_audit_row_per_call_without_child_data(stats_cases, personas):
    before = AuditEntry.objects.count()
    queries.user_series(personas["leder"], Period.years(YEAR - 3, YEAR))
    rows = list(AuditEntry.objects.order_by("id")[before:])
    assert len(rows) == 1
    assert rows[0].action == "view"
    assert rows[0].sak_id is None
    assert rows[0].data["perioder"] == ["2022", "2023", "2024", "2025"]
