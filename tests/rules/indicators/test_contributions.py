"""Counting split in two: per-Sak contributions and their exact merge equal the one-pass count."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from datetime import date

import pytest

from barnevern import records as r
from barnevern.formats.generator import generate
from barnevern.rules.dates import Arithmetic
from barnevern.rules.deadlines.model import DeadlineConfig
from barnevern.rules.indicators.counting import (
    Contribution,
    Tally,
    _Child,
    _Visits,
    compute_series,
    contributions,
    merge_child,
)
from barnevern.rules.indicators.stored import (
    COUNT_KEYS,
    EVENT_KEYS,
    child_of,
    dumps,
    dumps_counts,
    fingerprint,
    is_standard,
    loads,
    loads_counts,
    loads_many,
)
from barnevern.rules.periods import Period
from tests.rules import factories as f
from tests.rules.factories import OPPDAL, RENNEBU
from tests.rules.indicators.oneshot import oneshot_counts

D = date
PERIODS = [
    Period.year(2022),
    Period.half(2022, 1),
    Period.half(2022, 2),
    Period(D(2022, 3, 1), D(2022, 9, 15)),
]


def merged_counts(saker, periods, config=None, *, through_text=False):
    """Counts from contributions merged by ``Tally`` (optionally stored and read back)."""
    tallies = [Tally(p) for p in periods]
    for _sak, parts in contributions(saker, periods, config=config):
        for tally, part in zip(tallies, parts, strict=True):
            if part is None:
                continue
            if through_text:
                part = loads(dumps(part))
            if part is not None:
                tally.add(part)
    return [t.counts() for t in tallies]


def grouped_counts(saker, periods, config=None):
    """Counts as the statistics app merges stored rows: equal counts texts added once with their
    number (``Tally.add_counts``), the contributions of children with states from several Saker
    merged with ``Tally.add`` in case order."""
    found = list(contributions(saker, periods, config=config))
    result = []
    for index, period in enumerate(periods):
        parts = [(sak.id, part) for sak, ps in found if (part := ps[index]) is not None and not part.empty]
        states = Counter(child_of(part) for _id, part in parts if child_of(part))
        tally = Tally(period)
        texts = Counter(dumps_counts(part) for _id, part in parts if states[child_of(part)] < 2)
        for text, n in texts.items():
            tally.add_counts(loads_counts(text), n)
        for _id, part in parts:  # in the order fed (the app: case-id order)
            if states[child_of(part)] > 1:
                tally.add(loads(dumps(part)))
        result.append(tally.counts())
    return result


def plain(counts):
    return {k: dict(v) for k, v in counts.items() if +v}


def assert_same(saker, periods=PERIODS, config=None):
    expected = [plain(c) for c in oneshot_counts(saker, periods, config)]
    assert [plain(c) for c in merged_counts(saker, periods, config)] == expected
    assert [plain(c) for c in merged_counts(saker, periods, config, through_text=True)] == expected
    assert [plain(c) for c in grouped_counts(saker, periods, config)] == expected
    tables = compute_series(saker, periods, config=config)
    for table, counts in zip(tables, expected, strict=True):
        for kommune, row in counts.items():
            for key, n in row.items():
                assert table.value(key, kommune) == n, (table.period, kommune, key)
    return expected


# --- hand-made tables ---------------------------------------------------------------------------


def test_child_with_two_cases_in_two_municipalities_counts_once_where_the_later_measure_ends():
    child = f.fnr(1)
    first = f.sak(child=child, kommune=OPPDAL, tiltak_=(f.tiltak(D(2022, 2, 1), D(2022, 5, 31)),))
    second = f.sak(child=child, kommune=RENNEBU, tiltak_=(f.omsorgstiltak(D(2022, 3, 1), D(2022, 10, 1)),))
    counts = assert_same([first, second])
    year = counts[0]
    assert year[RENNEBU]["barn_med_tiltak"] == 1
    assert year[RENNEBU]["barn_med_omsorgstiltak"] == 1  # omsorg in any case wins
    assert OPPDAL not in year
    first_half = counts[1]  # the second case still runs on 30 June
    assert first_half[RENNEBU]["barn_med_tiltak"] == 1
    assert OPPDAL not in first_half


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_tie_on_the_last_day_goes_to_the_case_counted_first(order):
    child = f.fnr(2)
    saker = [
        f.sak(child=child, kommune=OPPDAL, tiltak_=(f.tiltak(D(2022, 1, 10), D(2022, 8, 31)),)),
        f.sak(child=child, kommune=RENNEBU, tiltak_=(f.tiltak(D(2022, 4, 1), D(2022, 8, 31)),)),
    ]
    ordered = [saker[i] for i in order]
    year = assert_same(ordered)[0]
    first_kommune = OPPDAL if order[0] == 0 else RENNEBU
    assert year[first_kommune]["barn_med_tiltak"] == 1
    assert sum(row.get("barn_med_tiltak", 0) for row in year.values()) == 1


def test_measures_at_the_end_plans_and_visits_merge_across_cases():
    child = f.fnr(3)
    fosterhjem = f.tiltak(
        D(2021, 6, 1),
        kategori="2.1",
        oppfolging=f.oppfolging(D(2022, 2, 1), D(2022, 5, 1), D(2022, 8, 1), D(2022, 11, 1)),
        tilsyn=f.tilsyn(D(2022, 3, 1)),
    )
    first = f.sak(
        child=child,
        kommune=OPPDAL,
        tiltak_=(fosterhjem,),
        planer=(f.plan(D(2021, 6, 1), evalueringer=(D(2022, 9, 1),)),),
    )
    second = f.sak(
        child=child,
        kommune=RENNEBU,
        tiltak_=(
            f.tiltak(
                D(2022, 1, 1),
                D(2022, 12, 31),
                kategori="2.2",
                oppfolging=f.oppfolging(),
                tilsyn=f.tilsyn(D(2022, 4, 1), D(2022, 8, 1)),
            ),
        ),
        planer=(f.plan(D(2021, 1, 1)),),  # due and never evaluated: the child's plans are not all evaluated
    )
    for saker in ([first, second], [second, first]):
        year = assert_same(saker)[0]
        assert sum(row.get("barn_med_oppfolgingskrav", 0) for row in year.values()) == 1
        assert sum(row.get("barn_med_oppfolgingsbesok_oppfylt", 0) for row in year.values()) == 0
        assert sum(row.get("barn_med_evaluert_tiltaksplan", 0) for row in year.values()) == 0
        assert sum(row.get("barn_frivillig_plassert_ved_slutt", 0) for row in year.values()) == 1


def test_events_add_up_per_municipality_and_deleted_cases_add_nothing():
    m1, m2 = f.melding(D(2022, 2, 1), D(2022, 2, 5), "2"), f.melding(D(2022, 8, 1), D(2022, 8, 20), "1")
    saker = [
        f.sak(child=4, kommune=OPPDAL, meldinger=(m1,)),
        f.sak(child=5, bosted=((D(2015, 1, 1), OPPDAL), (D(2022, 7, 1), RENNEBU)), meldinger=(m2,)),
        f.sak(child=6, kommune=OPPDAL, meldinger=(f.melding(D(2022, 3, 1)),), er_slettet=True),
    ]
    year = assert_same(saker)[0]
    assert year[OPPDAL]["meldinger"] == 1
    assert year[RENNEBU]["meldinger"] == 1
    parts = [p for _s, p in contributions(saker, PERIODS)]
    assert parts[2] == [None] * len(PERIODS)


def test_merge_child_first_wins_on_ties_and_is_associative():
    day = D(2022, 6, 30)
    a = _Child(last_day=day, last_kommune=OPPDAL, plan=True, plan_due=True, plan_evaluated=True)
    b = _Child(last_day=day, last_kommune=RENNEBU, omsorg=True, oppfolging=_Visits(day, RENNEBU, False))
    c = _Child(
        last_day=D(2022, 7, 1),
        last_kommune="5001",
        end_rank=(D(2022, 1, 1), "x"),
        end_kommune="5001",
        plan_due=True,
        plan_evaluated=False,
        oppfolging=_Visits(D(2022, 5, 1), "5001", True),
    )
    ab = merge_child(a, b)
    assert (ab.last_day, ab.last_kommune, ab.omsorg) == (day, OPPDAL, True)
    assert merge_child(b, a).last_kommune == RENNEBU
    assert merge_child(merge_child(a, b), c) == merge_child(a, merge_child(b, c))
    abc = merge_child(ab, c)
    assert (abc.last_kommune, abc.end_kommune, abc.plan_evaluated) == ("5001", "5001", False)
    assert abc.oppfolging == _Visits(day, RENNEBU, False)
    assert a == _Child(last_day=day, last_kommune=OPPDAL, plan=True, plan_due=True, plan_evaluated=True)


def test_stored_form_round_trips_and_empty_is_marked():
    sak = f.sak(
        child=7,
        meldinger=(f.melding(D(2022, 2, 1), D(2022, 2, 3), "2"),),
        tiltak_=(f.tiltak(D(2022, 1, 1), kategori="2.1", oppfolging=f.oppfolging(D(2022, 3, 1))),),
        planer=(f.plan(D(2022, 1, 1)),),
    )
    [(_s, parts)] = list(contributions([sak], PERIODS + [Period.year(2010)]))
    for part in parts[:-1]:
        assert part is not None
        assert not part.empty
        assert loads(dumps(part)) == Contribution(
            {k: dict(v) for k, v in part.rows.items()}, part.child, part.state
        )
    assert parts[-1] is not None
    assert parts[-1].empty
    assert dumps(parts[-1]) == ""
    assert loads("") is None
    assert loads_many([dumps(p) for p in parts[:-1]]) == [loads(dumps(p)) for p in parts[:-1]]
    with pytest.raises(ValueError, match="EVENT_KEYS"):
        dumps(Contribution({OPPDAL: Counter(ny_hendelse=1)}, "sak:x"))


def test_every_event_key_counted_has_a_place_in_the_stored_form():
    saker = [d.sak for d in generate(300, 11, year=2022)]
    seen = set()
    for _s, parts in contributions(saker, PERIODS):
        for part in parts:
            if part is not None:
                for row in part.rows.values():
                    seen.update(row)
    assert seen <= set(EVENT_KEYS)
    assert len(seen) >= 7  # the corpus exercises most of them


def test_fingerprint_names_the_deadline_settings():
    assert fingerprint(None) == fingerprint(DeadlineConfig())
    assert fingerprint(DeadlineConfig(arithmetic=Arithmetic.SSB_DAYS)) != fingerprint(None)
    assert fingerprint(DeadlineConfig(visits_in_emergency_homes=False)) != fingerprint(None)
    closed = frozenset({D(2022, 1, 3), D(2022, 5, 17), D(2022, 12, 27)})
    assert fingerprint(DeadlineConfig(extra_closed_days=closed)) == fingerprint(
        DeadlineConfig(extra_closed_days=frozenset(sorted(closed, reverse=True)))
    )
    assert len(fingerprint(None)) == 16


def test_standard_periods_are_years_and_half_years():
    assert is_standard(Period.year(2022))
    assert is_standard(Period.half(2022, 2))
    assert not is_standard(Period(D(2022, 3, 1), D(2022, 9, 15)))


# --- generated corpora --------------------------------------------------------------------------


def with_shared_children(saker: list[r.SakRecord], seed: int) -> list[r.SakRecord]:
    """The corpus plus cases of children who already have one: copies of a case (exact ties)
    and other cases given that child's identity, in other municipalities."""
    rng = random.Random(seed)
    extra = []
    for i, sak in enumerate(rng.sample(saker, len(saker) // 5)):
        other = rng.choice(saker)
        moved = (r.Bosted(sak.start_dato, rng.choice([OPPDAL, RENNEBU, "0301", "4601"])),)
        if rng.random() < 0.5:  # the same content (ties on every day) elsewhere
            extra.append(
                dataclasses.replace(sak, id=f"{sak.id[:-4]}beef", journalnummer=f"KOPI-{i}", bosted=moved)
            )
        else:  # another child's case, now this child's
            extra.append(
                dataclasses.replace(
                    other,
                    id=f"{other.id[:-4]}cafe",
                    journalnummer=f"ANNEN-{i}",
                    personalia=sak.personalia,
                )
            )
    mixed = saker + extra
    rng.shuffle(mixed)
    return mixed


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_corpus_contributions_equal_the_one_pass_count(seed):
    saker = with_shared_children([d.sak for d in generate(250, seed, year=2025)], seed)
    periods = [*Period.years(2022, 2025), Period.half(2025, 1), Period.half(2025, 2), Period.half(2024, 2)]
    periods.append(Period(D(2024, 10, 1), D(2025, 3, 31)))
    counts = assert_same(saker, periods)
    assert sum(sum(row.values()) for row in counts[3].values()) > 100  # 2025 is not empty


def test_generated_corpus_with_other_deadline_settings():
    config = DeadlineConfig(arithmetic=Arithmetic.SSB_DAYS, visits_in_emergency_homes=False)
    saker = with_shared_children([d.sak for d in generate(200, 9, year=2025)], 9)
    assert_same(saker, [Period.year(2025), Period.half(2025, 2)], config)


def test_counts_alone_are_the_events_and_the_child_counted_once():
    sak = f.sak(
        child=7,
        meldinger=(f.melding(D(2022, 2, 1), D(2022, 2, 3), "2"),),
        tiltak_=(f.tiltak(D(2022, 1, 1), kategori="2.1", oppfolging=f.oppfolging(D(2022, 3, 1))),),
        planer=(f.plan(D(2022, 1, 1)),),
    )
    [(_s, [year, *_rest])] = list(contributions([sak], PERIODS))
    tally = Tally(Period.year(2022))
    tally.add(year)
    assert year.alone() == tally.counts()
    assert loads_counts(dumps_counts(year)) == plain(year.alone())
    assert child_of(year) == year.child
    assert year.alone()[OPPDAL]["barn_med_tiltak"] == 1
    twice = Tally(Period.year(2022))
    twice.add_counts(loads_counts(dumps_counts(year)), 2)
    assert twice.counts() == {
        k: Counter({key: 2 * n for key, n in v.items()}) for k, v in year.alone().items()
    }
    events = Contribution({OPPDAL: Counter(meldinger=1)}, "sak:x")
    assert child_of(events) == ""
    assert dumps_counts(events) == f'{{"{OPPDAL}":[1]}}'  # no trailing 0s
    assert dumps_counts(Contribution({}, "sak:x")) == ""
    assert loads_counts("") == {}
    with pytest.raises(ValueError, match="COUNT_KEYS"):
        dumps_counts(Contribution({OPPDAL: Counter(ny_hendelse=1)}, "sak:x"))
    assert len(set(COUNT_KEYS)) == len(COUNT_KEYS)
