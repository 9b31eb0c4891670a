"""Every case change through ``cases.services`` drops the stored statistics of that case.

After each step the case's stored contributions (``stats.models.Bidrag``) are gone, and the next
statistics, merged from stored contributions, equal counting the records afresh.
"""

from __future__ import annotations

from datetime import date

from barnevern.cases import services
from barnevern.cases.queries import service_records
from barnevern.rules.identity import synthetic_fnr
from barnevern.rules.periods import Period
from barnevern.stats import queries
from barnevern.stats.models import Bidrag

TODAY = date(2026, 11, 23)
PERIODS = [Period.year(2026), Period.half(2026, 2)]


def total(tjeneste, key: str) -> int:
    """The figure from stored contributions, after checking it equals counting the records."""
    stored = queries.indicator_series(tjeneste, PERIODS, published=False)
    plain = queries.indicator_series(
        tjeneste, PERIODS, published=False, records=list(service_records(tjeneste))
    )
    assert [(r.by_municipality, r.total) for r in stored] == [(r.by_municipality, r.total) for r in plain]
    return stored[0].total[key]


def test_each_change_drops_the_cases_contributions(org, sak):
    no = org["nord-osterdal"]
    rows = Bidrag.objects.filter(sak=sak)

    def step(change, key: str | None = None, delta: int = 0):
        before = total(no, key or "meldinger")
        assert rows.count() == len(PERIODS)  # stored by the statistics just read
        result = change()
        assert not rows.exists(), change
        assert total(no, key or "meldinger") == before + delta
        return result

    melding = sak.meldinger.get()
    und = step(
        lambda: services.conclude_melding(
            melding, dato=date(2026, 11, 4), kode="2", versjon=None, today=TODAY
        ),
        "undersokelser_startet",
        1,
    )
    step(
        lambda: services.extend_undersokelse(und, soknad_dato=date(2026, 11, 10), innvilget="1", versjon=None)
    )
    vedtak = step(
        lambda: services.record_vedtak(sak, dato=date(2026, 11, 10), hjemmel="BVL2021:3-1", today=TODAY)
    )
    tiltak = step(
        lambda: services.record_tiltak(
            sak, vedtak, dato=date(2026, 11, 11), kategori="2.1", oppfolging_hyppighet="4", today=TODAY
        ),
        "barn_med_tiltak",
        1,
    )
    step(
        lambda: services.record_visit(tiltak, kind="oppfolging", dato=date(2026, 11, 12), today=TODAY),
        "barn_med_oppfolgingsbesok_oppfylt",
        1,
    )
    plan = step(
        lambda: services.add_plan(sak, dato=date(2026, 11, 11), plantype="1", today=TODAY),
        "barn_med_hjelpetiltak_og_tiltaksplan_ved_slutt",
        1,
    )
    step(lambda: services.evaluate_plan(plan, dato=date(2026, 11, 20), today=TODAY))
    step(
        lambda: services.conclude_undersokelse(
            und, dato=date(2026, 11, 20), kode="3", vedtaksgrunnlag=[], versjon=None, today=TODAY
        ),
        "undersokelser_avsluttet",
        1,
    )
    step(
        lambda: services.end_tiltak(tiltak, dato=date(2026, 11, 21), versjon=None, today=TODAY),
        "barn_med_tiltak_ved_slutt",
        -1,
    )
    child = services.ChildData(synthetic_fnr(date(2015, 3, 14), 0, "2"), "Testine", "Testesen")
    step(
        lambda: services.register_melding(
            no,
            child,
            mottatt=date(2026, 11, 22),
            melder=[("11", "")],
            saksinnhold=[("1.1.02", "")],
            today=TODAY,
        ),
        "meldinger",
        1,
    )
    assert sak.meldinger.count() == 2  # the same case, changed


def test_a_new_case_needs_no_signal(org, sak):
    no = org["nord-osterdal"]
    before = total(no, "meldinger")
    child = services.ChildData(synthetic_fnr(date(2016, 4, 1), 3, "1"), "Ny", "Nysen", kommunenummer="3427")
    services.register_melding(
        no, child, mottatt=date(2026, 11, 22), melder=[("11", "")], saksinnhold=[("1.1.02", "")], today=TODAY
    )
    assert Bidrag.objects.filter(sak=sak).count() == len(PERIODS)  # untouched
    assert total(no, "meldinger") == before + 1  # the new case is computed when missing
