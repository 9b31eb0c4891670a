"""Indicators about children: measures during the period and at its end, plans, visits,
deletions and identity (see ``test_indicators.py`` for events and tables)."""

from datetime import date
from decimal import Decimal

import pytest

from barnevern.records import Slettet
from barnevern.rules.deadlines.model import DeadlineConfig
from barnevern.rules.indicators import (
    child_key,
    compute,
)
from barnevern.rules.periods import Period
from tests.rules import factories as f
from tests.rules.factories import OMSORG_1992, OPPDAL, RENNEBU

H2 = Period.half(2022, 2)
D = date


def value(saker, key, period=H2, kommune=None, **kw):
    return compute(saker, period, **kw).value(key, kommune)


# --- children with measures during the period -------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "counted"),
    [
        (D(2022, 1, 1), None, 1),  # open, started before the period
        (D(2022, 1, 1), D(2023, 3, 1), 1),  # spans both period boundaries
        (D(2022, 1, 1), D(2022, 7, 1), 1),  # ends on the first day
        (D(2022, 1, 1), D(2022, 6, 30), 0),  # ended the day before
        (D(2022, 12, 31), None, 1),  # starts on the last day
        (D(2023, 1, 1), None, 0),
    ],
)
def test_barn_med_hjelpetiltak_overlap(start, end, counted):
    saker = [f.sak(tiltak_=(f.tiltak(start, end),))]
    table = compute(saker, H2)
    assert table.total["barn_med_hjelpetiltak"] == counted
    assert table.total["barn_med_tiltak"] == counted
    assert table.total["barn_med_omsorgstiltak"] == 0


def test_child_with_both_kinds_counts_once_under_omsorg():
    s = f.sak(tiltak_=(f.tiltak(D(2022, 1, 1)), f.omsorgstiltak(D(2022, 10, 1))))
    table = compute([s], H2)
    assert table.total["barn_med_omsorgstiltak"] == 1
    assert table.total["barn_med_hjelpetiltak"] == 0
    assert table.total["barn_med_tiltak"] == 1


def test_omsorg_ended_during_period_still_has_priority_for_the_period_but_not_at_end():
    s = f.sak(tiltak_=(f.omsorgstiltak(D(2020, 1, 1), D(2022, 8, 1)), f.tiltak(D(2022, 8, 2))))
    table = compute([s], H2)
    assert (table.total["barn_med_omsorgstiltak"], table.total["barn_med_hjelpetiltak"]) == (1, 0)
    assert table.total["barn_under_omsorg_ved_slutt"] == 0
    assert table.total["barn_med_hjelpetiltak_ved_slutt"] == 1


def test_omsorgstiltak_under_1992_act_counts():
    s = f.sak(tiltak_=(f.tiltak(D(2020, 1, 1), lovhjemmel=OMSORG_1992, kategori="2.1"),))
    assert value([s], "barn_med_omsorgstiltak") == 1


def test_child_with_several_measures_and_cases_counts_once():
    child = f.fnr(7)
    s1 = f.sak(child=child, tiltak_=(f.tiltak(D(2022, 1, 1)), f.tiltak(D(2022, 9, 1), kategori="3.2")))
    s2 = f.sak(child=child, tiltak_=(f.tiltak(D(2022, 11, 1), kategori="4.3"),))
    other = f.sak(child=8, tiltak_=(f.tiltak(D(2022, 11, 1)),))
    table = compute([s1, s2, other], H2)
    assert table.total["barn_med_tiltak"] == 2
    assert table.total["barn_med_tiltak_ved_slutt"] == 2


@pytest.mark.parametrize(
    ("moved", "measure_end", "oppdal", "rennebu"),
    [
        (D(2022, 9, 1), None, 0, 1),  # moved during the period, measure still running: Rennebu
        (D(2022, 9, 1), D(2022, 8, 15), 1, 0),  # measure ended before the move: Oppdal
        (D(2022, 9, 1), D(2022, 9, 1), 0, 1),  # ended on the day of the move
        (D(2023, 1, 1), None, 1, 0),  # moves after the period
    ],
)
def test_child_moving_between_members_during_period(moved, measure_end, oppdal, rennebu):
    s = f.sak(
        bosted=((D(2015, 3, 14), OPPDAL), (moved, RENNEBU)),
        tiltak_=(f.tiltak(D(2022, 1, 1), measure_end),),
    )
    table = compute([s], H2, municipalities=[OPPDAL, RENNEBU])
    assert table.value("barn_med_hjelpetiltak", OPPDAL) == oppdal
    assert table.value("barn_med_hjelpetiltak", RENNEBU) == rennebu
    assert table.total["barn_med_hjelpetiltak"] == 1


def test_events_follow_the_child_on_the_event_date():
    m1, m2 = f.melding(D(2022, 7, 10)), f.melding(D(2022, 10, 10))
    s = f.sak(bosted=((D(2015, 3, 14), OPPDAL), (D(2022, 9, 1), RENNEBU)), meldinger=(m1, m2))
    table = compute([s], H2, municipalities=[OPPDAL, RENNEBU])
    assert table.value("meldinger", OPPDAL) == 1
    assert table.value("meldinger", RENNEBU) == 1


# --- children at the period's last day --------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "counted"),
    [(None, 1), (D(2022, 12, 31), 1), (D(2022, 12, 30), 0), (D(2023, 2, 1), 1)],
)
def test_stock_on_last_day(end, counted):
    table = compute([f.sak(tiltak_=(f.tiltak(D(2022, 3, 1), end),))], H2)
    assert table.total["barn_med_hjelpetiltak_ved_slutt"] == counted
    assert table.total["barn_med_hjelpetiltak"] == 1


def test_stock_measure_starting_after_period_end_is_not_counted():
    table = compute([f.sak(tiltak_=(f.tiltak(D(2023, 1, 1)),))], H2)
    assert table.total["barn_med_tiltak_ved_slutt"] == 0


@pytest.mark.parametrize(
    ("measures", "hjelp", "omsorg", "plassert", "frivillig"),
    [
        ([f.tiltak(D(2022, 1, 1), kategori="4.6")], 1, 0, 0, 0),
        ([f.tiltak(D(2022, 1, 1), kategori="2.2")], 1, 0, 1, 1),  # voluntary foster home
        ([f.tiltak(D(2022, 1, 1), kategori="1.1")], 1, 0, 1, 1),  # voluntary institution
        ([f.tiltak(D(2022, 1, 1), kategori="8.2")], 1, 0, 1, 0),  # bolig med oppfølging
        ([f.omsorgstiltak(D(2022, 1, 1))], 0, 1, 1, 0),  # care order, foster home
        ([f.omsorgstiltak(D(2022, 1, 1)), f.tiltak(D(2022, 1, 1), kategori="2.5")], 0, 1, 1, 0),
        ([f.omsorgstiltak(D(2022, 1, 1), kategori="4.6")], 0, 1, 0, 0),
        ([f.tiltak(D(2022, 1, 1), D(2022, 12, 30), kategori="2.2")], 0, 0, 0, 0),
    ],
)
def test_stock_split(measures, hjelp, omsorg, plassert, frivillig):
    table = compute([f.sak(tiltak_=tuple(measures))], H2)
    assert table.total["barn_med_hjelpetiltak_ved_slutt"] == hjelp
    assert table.total["barn_under_omsorg_ved_slutt"] == omsorg
    assert table.total["barn_med_tiltak_ved_slutt"] == hjelp + omsorg
    assert table.total["barn_plassert_ved_slutt"] == plassert
    assert table.total["barn_frivillig_plassert_ved_slutt"] == frivillig


def test_stock_uses_municipality_on_last_day():
    s = f.sak(
        bosted=((D(2015, 3, 14), RENNEBU), (D(2022, 12, 31), OPPDAL)),
        tiltak_=(f.omsorgstiltak(D(2020, 1, 1)),),
    )
    table = compute([s], H2, municipalities=[OPPDAL, RENNEBU])
    assert table.value("barn_under_omsorg_ved_slutt", OPPDAL) == 1
    assert table.value("barn_under_omsorg_ved_slutt", RENNEBU) == 0


# --- plans ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("planer", "with_plan", "share"),
    [
        ((), 0, Decimal("0")),
        ((f.plan(D(2022, 3, 1)),), 1, Decimal("1")),
        ((f.plan(D(2022, 3, 1), plantype="2"),), 1, Decimal("1")),
        ((f.plan(D(2022, 3, 1), plantype="4"),), 0, Decimal("0")),  # omsorgsplan
        ((f.plan(D(2022, 3, 1), end=D(2022, 12, 30)),), 0, Decimal("0")),  # ended before
        ((f.plan(D(2022, 3, 1), end=D(2022, 12, 31)),), 1, Decimal("1")),
        ((f.plan(D(2023, 1, 1)),), 0, Decimal("0")),
        ((f.plan(D(2022, 3, 1), er_slettet=True),), 0, Decimal("0")),
    ],
)
def test_tiltaksplan_share(planer, with_plan, share):
    helped = f.sak(child=1, tiltak_=(f.tiltak(D(2022, 1, 1)),), planer=planer)
    table = compute([helped], H2)
    assert table.total["barn_med_hjelpetiltak_og_tiltaksplan_ved_slutt"] == with_plan
    assert table.total["barn_med_tiltaksplan_andel"] == share


def test_tiltaksplan_share_counts_only_children_with_hjelpetiltak():
    cared = f.sak(child=2, tiltak_=(f.omsorgstiltak(D(2022, 1, 1)),), planer=(f.plan(D(2022, 1, 1)),))
    plan_only = f.sak(child=3, planer=(f.plan(D(2022, 1, 1)),))
    table = compute([cared, plan_only], H2)
    assert table.total["barn_med_hjelpetiltak_og_tiltaksplan_ved_slutt"] == 0
    assert table.total["barn_med_tiltaksplan_andel"] is None  # denominator 0


def test_plan_in_another_case_of_the_same_child_counts():
    child = f.fnr(11)
    table = compute(
        [
            f.sak(child=child, planer=(f.plan(D(2022, 2, 1)),)),
            f.sak(child=child, tiltak_=(f.tiltak(D(2022, 1, 1)),)),
        ],
        H2,
    )
    assert table.total["barn_med_tiltaksplan_andel"] == Decimal("1")


@pytest.mark.parametrize(
    ("plan_start", "evalueringer", "due", "evaluated"),
    [
        (D(2022, 1, 1), (D(2022, 10, 1),), 1, 1),
        (D(2022, 1, 1), (D(2022, 6, 30),), 1, 0),  # evaluated before the period only
        (D(2022, 1, 1), (), 1, 0),
        (D(2022, 9, 30), (), 1, 0),  # 3 months before 31.12 (§ 148): due
        (D(2022, 10, 1), (), 0, 0),  # younger than 3 months: not yet due
    ],
)
def test_tiltaksplan_evaluated(plan_start, evalueringer, due, evaluated):
    s = f.sak(tiltak_=(f.tiltak(D(2022, 1, 1)),), planer=(f.plan(plan_start, evalueringer=evalueringer),))
    table = compute([s], H2)
    assert table.total["barn_med_evalueringspliktig_tiltaksplan"] == due
    assert table.total["barn_med_evaluert_tiltaksplan"] == evaluated
    expected = None if not due else Decimal(evaluated)
    assert table.total["tiltaksplaner_evaluert_andel"] == expected


# --- visits in foster homes -------------------------------------------------------------------

H2_VISITS = (D(2022, 8, 1), D(2022, 11, 1))


@pytest.mark.parametrize(
    ("start", "end", "visits", "frequency", "required", "met"),
    [
        (D(2021, 1, 1), None, H2_VISITS, "4", 1, 1),  # half-year at 4 a year: 2 visits
        (D(2021, 1, 1), None, H2_VISITS[:1], "4", 1, 0),
        (D(2021, 1, 1), None, H2_VISITS[:1], "2", 1, 1),  # reduced: 1 visit
        (D(2021, 1, 1), None, (D(2022, 6, 1), D(2022, 8, 1)), "4", 1, 0),  # one before the period
        (D(2021, 1, 1), None, H2_VISITS[:1], None, 1, 0),  # no frequency recorded: standard 4
        (D(2022, 12, 1), None, (), "4", 0, 0),  # placed 1 December: nothing due yet
        (D(2022, 10, 1), None, (D(2022, 11, 1),), "4", 1, 1),  # 92 days: 1 visit
        (D(2021, 1, 1), D(2022, 6, 30), (), "4", 0, 0),  # ended before the period
    ],
)
def test_follow_up_visits(start, end, visits, frequency, required, met):
    measure = f.tiltak(start, end, kategori="2.2", oppfolging=f.oppfolging(*visits, frequency=frequency))
    table = compute([f.sak(tiltak_=(measure,))], H2)
    assert table.total["barn_med_oppfolgingskrav"] == required
    assert table.total["barn_med_oppfolgingsbesok_oppfylt"] == met
    share = table.total["oppfolgingsbesok_oppfylt_andel"]
    assert share == (Decimal(met) if required else None)


def test_visits_only_for_foster_homes():
    measure = f.tiltak(D(2021, 1, 1), kategori="1.1", oppfolging=f.oppfolging())
    assert value([f.sak(tiltak_=(measure,))], "barn_med_oppfolgingskrav") == 0


def test_emergency_home_visits_can_be_switched_off():
    measure = f.tiltak(D(2021, 1, 1), kategori="2.5")
    assert value([f.sak(tiltak_=(measure,))], "barn_med_tilsynskrav") == 1
    config = DeadlineConfig(visits_in_emergency_homes=False)
    assert value([f.sak(tiltak_=(measure,))], "barn_med_tilsynskrav", config=config) == 0


@pytest.mark.parametrize(
    ("born", "visits", "required", "met"),
    [
        (D(2010, 1, 1), H2_VISITS, 1, 1),
        (D(2010, 1, 1), H2_VISITS[:1], 1, 0),
        (D(2004, 9, 1), H2_VISITS[:1], 1, 1),  # 18 on 2022-09-01: 62 days due, 1 visit
        (D(2004, 7, 20), (), 0, 0),  # 18 on 2022-07-20: 19 days, nothing due
        (D(2003, 1, 1), (), 0, 0),  # adult all period: no supervision
    ],
)
def test_supervision_visits_until_18(born, visits, required, met):
    measure = f.tiltak(D(2021, 1, 1), kategori="2.1", tilsyn=f.tilsyn(*visits))
    table = compute([f.sak(born=born, tiltak_=(measure,))], H2)
    assert table.total["barn_med_tilsynskrav"] == required
    assert table.total["barn_med_tilsynsbesok_oppfylt"] == met


def test_visits_required_across_calendar_years_in_custom_period():
    period = Period(D(2022, 7, 1), D(2023, 6, 30))
    visits = (D(2022, 8, 1), D(2022, 11, 1), D(2023, 2, 1), D(2023, 5, 1))
    measure = f.tiltak(D(2021, 1, 1), kategori="2.2", oppfolging=f.oppfolging(*visits))
    assert value([f.sak(tiltak_=(measure,))], "oppfolgingsbesok_oppfylt_andel", period) == Decimal("1")
    measure3 = f.tiltak(D(2021, 1, 1), kategori="2.2", oppfolging=f.oppfolging(*visits[:3]))
    assert value([f.sak(tiltak_=(measure3,))], "oppfolgingsbesok_oppfylt_andel", period) == Decimal("0")


# --- deletions --------------------------------------------------------------------------------


def test_deleted_elements_are_ignored():
    m_flag = f.melding(D(2022, 8, 1), er_slettet=True)
    m_slettet = f.melding(D(2022, 8, 2), id="m-gone")
    m_live = f.melding(D(2022, 8, 3))
    t_flag = f.tiltak(D(2022, 1, 1), er_slettet=True)
    u_gone = f.undersokelse(D(2022, 8, 1), id="u-gone")
    s = f.sak(
        meldinger=(m_flag, m_slettet, m_live),
        undersokelser=(u_gone,),
        tiltak_=(t_flag,),
        slettet=(
            Slettet("m-gone", "Melding", D(2022, 9, 1)),
            Slettet("u-gone", "Undersokelse", D(2022, 9, 1)),
        ),
    )
    table = compute([s], H2)
    assert table.total["meldinger"] == 1
    assert table.total["undersokelser_startet"] == 0
    assert table.total["barn_med_tiltak"] == 0


def test_deleted_sak_is_ignored():
    s = f.sak(er_slettet=True, meldinger=(f.melding(D(2022, 8, 1)),), tiltak_=(f.tiltak(D(2022, 1, 1)),))
    table = compute([s], H2)
    assert table.total["meldinger"] == 0
    assert table.total["barn_med_tiltak"] == 0


def test_deleted_link_falls_back_to_investigation_start():
    m = f.melding(D(2024, 1, 1), D(2024, 1, 26))
    u = f.undersokelse(D(2024, 1, 26), D(2024, 4, 26))  # within 3 months of its own start only
    rel = f.link(m, u)
    linked = f.sak(meldinger=(m,), undersokelser=(u,), relasjoner=(rel,))
    assert value([linked], "undersokelser_avsluttet_innen_frist", Period.year(2024)) == 0
    unlinked = f.sak(
        meldinger=(m,),
        undersokelser=(u,),
        relasjoner=(rel,),
        slettet=(Slettet(rel.id, "Relasjon", D(2024, 5, 1)),),
    )
    assert value([unlinked], "undersokelser_avsluttet_innen_frist", Period.year(2024)) == 1


# --- identity ---------------------------------------------------------------------------------


def test_child_identity_fnr_then_duf_then_sak():
    valid = f.fnr(3)
    assert child_key("s1", [f.personalia(valid)]) == f"fnr:{valid}"
    assert child_key("s1", [f.personalia("14031599999", duf="209900000123")]) == "duf:209900000123"
    assert child_key("s1", [f.personalia("14031500100")]) == "sak:s1"
    assert child_key("s1", []) == "sak:s1"


def test_children_with_same_duf_count_once_and_unknown_fnr_by_case():
    p = f.personalia("14031599999", duf="209900000123")
    a = f.sak(personalia_=(p,), tiltak_=(f.tiltak(D(2022, 1, 1)),))
    b = f.sak(personalia_=(p,), tiltak_=(f.tiltak(D(2022, 2, 1)),))
    unborn1 = f.sak(child="14031599999", tiltak_=(f.tiltak(D(2022, 1, 1)),))
    unborn2 = f.sak(child="14031599999", tiltak_=(f.tiltak(D(2022, 1, 1)),))
    assert value([a, b, unborn1, unborn2], "barn_med_tiltak") == 3
