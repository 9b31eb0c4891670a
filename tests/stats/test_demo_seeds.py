"""The demo reproduces the figures published in the seeds (``demo.seeds``), via the query layer.

The demo's case data is loaded (organisation, users, the current cases of ``demo.cases`` and
``demo.quality``, and ``demo.seeds``) with today = 2026-11-23, so the other demo cases are shown
not to disturb 2019–2022. Loaded once for the module (it takes a few seconds) and rolled back after.
"""

from __future__ import annotations

import pytest

from barnevern.demo.seeds import NORD_OSTERDAL, OPPDAL, OPPDAL_RENNEBU, RENNEBU, YEARS
from barnevern.rules.indicators import HALF_YEAR_OVERVIEW, YEARLY_OVERVIEW
from barnevern.rules.periods import Period
from barnevern.stats.queries import indicator_series, indicator_table
from tests.conftest import demo_once

FOLLDAL, TOLGA = "3429", "3426"


# Read-only tests: the demo's case data once for the module, rolled back after.
demo_db = demo_once("organisation", "users", "cases", "quality", "seeds")


@pytest.fixture
def demo(demo_db, db):
    from barnevern.organisation.models import Tjeneste

    return {t.slug: t for t in Tjeneste.objects.all()}


def test_demo_reproduces_every_seed_figure(demo):
    no = indicator_series(
        demo["nord-osterdal"], Period.years(2019, 2022), published=False, keys=YEARLY_OVERVIEW
    )
    wrong = []
    for key, published in NORD_OSTERDAL.items():
        for year, expected, result in zip(YEARS, published, no, strict=True):
            if expected is not None and result.total[key] != expected:
                wrong.append(f"Nord-Østerdal {year} {key}: {result.total[key]} ≠ {expected}")
    assert [len(r.municipalities) for r in no] == [5, 5, 5, 5]

    orr = indicator_table(
        demo["oppdal-rennebu"], Period.half(2022, 2), published=False, keys=HALF_YEAR_OVERVIEW
    )
    assert list(orr.municipalities) == [OPPDAL, RENNEBU]
    for key, per_kommune in OPPDAL_RENNEBU.items():
        for kommune, expected in per_kommune.items():
            if orr.value(key, kommune) != expected:
                wrong.append(f"Oppdal/Rennebu 2022H2 {kommune} {key}: {orr.value(key, kommune)} ≠ {expected}")
    assert wrong == []


def test_published_2021_hjelpetiltak_hides_two_municipalities_with_total_58(demo):
    published = indicator_table(
        demo["nord-osterdal"], Period.year(2021), published=True, keys=["barn_med_hjelpetiltak"]
    )
    row = {k: published.value("barn_med_hjelpetiltak", k) for k in published.municipalities}
    assert {k for k, v in row.items() if v == ":"} == {FOLLDAL, TOLGA}
    assert published.total["barn_med_hjelpetiltak"] == 58
    assert published.note("barn_med_hjelpetiltak") == "prikket 2 kommuner"
    assert published.suppressed_municipalities == 2
    assert sum(v for v in row.values() if v != ":") == 55  # the three shown; 3 children hidden

    # The whole yearly overview of 2021 is hidden in the same two municipalities only.
    overview = indicator_table(demo["nord-osterdal"], Period.year(2021), published=True, keys=YEARLY_OVERVIEW)
    assert overview.note() == "prikket 2 kommuner"


def test_stored_contributions_equal_counting_the_demo_records(demo):
    from barnevern.cases.queries import service_records

    periods = [*Period.years(2019, 2022), Period.half(2022, 1), Period.half(2022, 2)]
    assert len(demo) == 2  # both demo services
    for tjeneste in demo.values():
        stored = indicator_series(tjeneste, periods, published=True)
        records = list(service_records(tjeneste))
        plain = indicator_series(tjeneste, periods, published=True, records=records)
        assert [(r.by_municipality, r.total) for r in stored] == [(r.by_municipality, r.total) for r in plain]
