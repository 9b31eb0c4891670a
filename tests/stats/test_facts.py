"""Stored per-case contributions (stats.facts): the figures equal counting the records."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from barnevern.cases.queries import service_records
from barnevern.formats.generator import generate
from barnevern.rules.periods import Period
from barnevern.stats import facts, queries
from barnevern.stats.models import Bidrag
from tests.stats.conftest import YEAR

PERIODS = [Period.year(YEAR - 1), Period.year(YEAR), Period.half(YEAR, 1), Period.half(YEAR, 2)]


def figures(results):
    return [(r.period, r.municipalities, r.by_municipality, r.total) for r in results]


def plain(tjeneste, periods=PERIODS, **kw):
    """The same figures counted straight from the service's records (no stored rows)."""
    records = list(service_records(tjeneste))
    return queries.indicator_series(tjeneste, periods, published=False, records=records, **kw)


def stored(tjeneste, periods=PERIODS, **kw):
    return queries.indicator_series(tjeneste, periods, published=False, **kw)


def shared_children(saker):
    """Every fifth case becomes a second case of the child of the case before (its Personalia
    get that child's number), so children with cases in two municipalities occur."""
    out = list(saker)
    for i in range(5, len(out), 5):
        fnr = out[i - 1].personalia[0].fodselsnummer
        personalia = tuple(dataclasses.replace(p, fodselsnummer=fnr) for p in out[i].personalia)
        out[i] = dataclasses.replace(out[i], personalia=personalia)
    return out


@pytest.fixture
def generated(org):
    """Generated cases (children with several cases among them) stored in Nord-Østerdal."""
    from barnevern.cases.services import store_record

    no = org["nord-osterdal"]
    saker = [
        dataclasses.replace(d.sak, journalnummer=f"G-{i}")  # unique within the one service
        for i, d in enumerate(generate(120, 5, year=YEAR, municipalities=["3427", "3428", "3429"]))
    ]
    for sak in shared_children(saker):
        store_record(no, sak, source="test")
    return no


def test_stored_contributions_give_the_figures_of_the_records(generated):
    expected = figures(plain(generated))
    assert not Bidrag.objects.exists()
    assert figures(stored(generated)) == expected  # computed on the way
    live = generated.saker.filter(er_slettet=False).count()
    assert Bidrag.objects.count() == live * len(PERIODS)  # empty rows included
    assert Bidrag.objects.filter(data="").exists()
    assert figures(stored(generated)) == expected  # from the stored rows
    assert sum(r.total["barn_med_tiltak"] for r in stored(generated)) > 0


def test_refresh_computes_only_what_is_missing(generated):
    assert facts.refresh([generated], PERIODS) == generated.saker.filter(er_slettet=False).count()
    assert facts.refresh([generated], PERIODS) == 0
    one = Bidrag.objects.filter(periode=str(YEAR)).first()
    one.delete()
    assert facts.refresh([generated], PERIODS) == 1
    assert facts.refresh([generated], [Period(date(YEAR, 2, 1), date(YEAR, 3, 1))]) == 0  # not stored


def test_other_periods_are_counted_from_the_records(generated):
    periods = [Period(date(YEAR, 2, 1), date(YEAR, 9, 30)), Period.year(YEAR)]
    assert figures(stored(generated, periods)) == figures(plain(generated, periods))
    assert set(Bidrag.objects.values_list("periode", flat=True)) == {str(YEAR)}


def test_many_services_at_once_equal_one_at_a_time(stats_cases, org):
    services = [org["nord-osterdal"], org["oppdal-rennebu"]]
    many = queries.indicator_series_for_services(services, PERIODS, published=True)
    for tjeneste, results in zip(services, many, strict=True):
        alone = queries.indicator_series(
            tjeneste, PERIODS, published=True, records=list(service_records(tjeneste))
        )
        assert figures(results) == figures(alone)
        assert [r.source for r in results] == [tjeneste.navn] * len(PERIODS)
    assert many[0][1].total["meldinger"] == 26


def test_changed_deadline_settings_make_the_rows_stale(generated):
    from barnevern.quality.models import Fristoppsett
    from barnevern.quality.queries import service_config

    stored(generated)
    before = set(Bidrag.objects.values_list("grunnlag", flat=True))
    config = service_config(generated, date(YEAR + 1, 1, 5))
    config.arithmetic = Fristoppsett.ArithmeticChoice.SSB_DAYS
    config.ssb_melding_grace_days = 1
    config.save()
    assert figures(stored(generated)) == figures(plain(generated))
    after = set(Bidrag.objects.values_list("grunnlag", flat=True))
    assert after
    assert after.isdisjoint(before)  # the old rows went on the way


def test_a_replaced_or_deleted_case_is_counted_anew(stats_cases):
    import uuid

    from barnevern.cases.services import store_record

    stored(stats_cases)
    rec = next(r for r in service_records(stats_cases) if r.meldinger)
    kommune = rec.bosted[0].kommunenummer
    before = stored(stats_cases)[1].value("meldinger", kommune)
    moved = dataclasses.replace(
        rec, meldinger=(*rec.meldinger, dataclasses.replace(rec.meldinger[0], id=str(uuid.uuid4())))
    )
    assert store_record(stats_cases, moved, source="test").status == "replaced"
    assert not Bidrag.objects.filter(sak_id=rec.id).exists()
    assert stored(stats_cases)[1].value("meldinger", kommune) == before + 1
    store_record(stats_cases, dataclasses.replace(moved, er_slettet=True), source="test")
    assert stored(stats_cases)[1].value("meldinger", kommune) == before - 1
    assert figures(stored(stats_cases)) == figures(plain(stats_cases))


def test_cases_deleted_from_the_database_take_their_rows_along(stats_cases):
    stored(stats_cases)
    sak = stats_cases.saker.first()
    sak.delete()
    assert not Bidrag.objects.filter(sak_id=sak.pk).exists()
    assert figures(stored(stats_cases)) == figures(plain(stats_cases))


def test_children_with_several_cases_merge_in_case_order_from_stored_and_fresh_rows(generated):
    from django.db.models import Count

    expected = figures(plain(generated))
    stored(generated)
    shared = Bidrag.objects.filter(periode=str(YEAR)).exclude(barn="").values("barn").annotate(n=Count("id"))
    children = [row["barn"] for row in shared if row["n"] > 1]
    assert children  # the corpus has children with states from several cases in the year
    assert Bidrag.objects.filter(tall="").exists()
    assert not Bidrag.objects.filter(barn="", data__gt="").exists()
    # one case of each such child (and a few others) loses its rows for one period only: the
    # figures merge computed contributions with stored ones
    gone = list(
        Bidrag.objects.filter(periode=str(YEAR), barn__in=children[::2]).values_list("sak_id", flat=True)
    )
    gone += list(Bidrag.objects.filter(periode=str(YEAR - 1)).values_list("sak_id", flat=True)[:7])
    Bidrag.objects.filter(sak_id__in=gone[::2], periode=str(YEAR)).delete()
    assert figures(stored(generated)) == expected
    assert figures(stored(generated)) == expected


@pytest.mark.parametrize("first", ["3427", "3428"])
def test_a_tie_between_a_childs_cases_goes_to_the_lower_case_id(org, first):
    """Two cases of one child end their measures on the same day in two municipalities: the
    child counts where the case with the lower id (read first) lives, stored or not."""
    from barnevern.cases.services import store_record
    from tests.stats.conftest import case

    no = org["nord-osterdal"]
    a = case("3427", hjelp=(date(YEAR, 3, 1), date(YEAR, 9, 30)))
    b = case("3428", hjelp=(date(YEAR, 4, 1), date(YEAR, 9, 30)))
    low, high = ("0" * 8, "f" * 8) if first == "3427" else ("f" * 8, "0" * 8)
    a = dataclasses.replace(a, id=low + a.id[8:])
    same_child = tuple(dataclasses.replace(p, id=p.id[:-4] + "beef") for p in a.personalia)
    b = dataclasses.replace(b, id=high + b.id[8:], personalia=same_child)
    for sak in (a, b):
        store_record(no, sak, source="test")
    periods = [Period.year(YEAR)]
    assert stored(no, periods)[0].value("barn_med_tiltak", first) == 1  # computed on the way
    assert stored(no, periods)[0].value("barn_med_tiltak", first) == 1  # from the stored rows
    assert stored(no, periods)[0].value("barn_med_tiltak") == 1
    assert figures(stored(no, periods)) == figures(plain(no, periods))
