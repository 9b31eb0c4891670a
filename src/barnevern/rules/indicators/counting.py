"""Counting the indicators from case records in one pass.

Where a figure belongs: the member municipality the child lived in (``SakRecord.kommune_on``)
on the *counting date*:

* events: the date of the event counted: a melding's receipt date (``meldinger``) or
  conclusion date (its conclusion split), an undersøkelse's start date (``startet``) or
  conclusion date (``avsluttet`` and its splits);
* children at the period's end: the period's last day;
* children during the period: the last day within the period on which the child had any
  measure (the period's last day if a measure was still running, else the end of the
  measure that ended last); the hjelpe/omsorg split uses the same day, so the two add up;
* children in foster homes (visits): the last day within the period of their foster-home
  measure.

A child is counted once per period (and so once in one municipality) per figure; events are
counted as events. Work is linear in the size of the records: each Sak is prepared once and
every period's tally keeps a dict per child and per municipality.

Counting is split in two, and ``compute_series`` is exactly the two together:

* :func:`contributions`: what ONE Sak adds to one period (:class:`Contribution`: event counts
  per municipality and the state of its child), depending on nothing but that Sak, the period
  and the deadline settings; the statistics app stores these per case;
* :class:`Tally`: the exact merge of contributions fed in case order (events add up; a
  child's states from several Saker merge with :func:`merge_child`, first wins on ties), then
  the children are counted once each (``Tally.counts``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from barnevern.records import Hyppighet, SakRecord, Tiltak, Undersokelse, Utfort
from barnevern.rules.dates import add_days, add_years
from barnevern.rules.deadlines.model import DeadlineConfig
from barnevern.rules.deadlines.statutory import (
    DEFAULT_CONFIG,
    d1_melding_review,
    d3_investigation,
    d5_plan_evaluation,
)
from barnevern.rules.deadlines.visits import required_visits
from barnevern.rules.indicators.prepare import PreparedSak, prepare
from barnevern.rules.indicators.table import IndicatorTable, derive
from barnevern.rules.measures import (
    end_date,
    is_active_on,
    is_omsorgstiltak,
    is_plasseringstiltak,
    overlaps,
)
from barnevern.rules.periods import Period

__all__ = [
    "CHILD_KEYS",
    "MELDING_HENLAGT",
    "TILTAKSPLAN_TYPES",
    "UNKNOWN_KOMMUNE",
    "Contribution",
    "Population",
    "Tally",
    "compute",
    "compute_half_year",
    "compute_series",
    "contributions",
    "count_child",
    "merge_child",
    "tables",
]

MELDING_HENLAGT = frozenset({"1", "3", "5", "6", "9", "10"})
MELDING_TIL_UNDERSOKELSE = "2"
UNDERSOKELSE_TIL_TILTAK = frozenset({"1", "2"})
TILTAKSPLAN_TYPES = frozenset({"1", "2", "5"})  # § 8-1, § 8-4, ettervern § 8-5 (1992: 4-5, 4-28)
FOSTER_HOME_PREFIX = "2."
INSTITUTION_PREFIX = "1."
EMERGENCY_HOME = "2.5"
UNKNOWN_KOMMUNE = "0000"  # the child's municipality is not known (no Bosted)

Population = Mapping[str, int] | Callable[[Period], Mapping[str, int] | None]


def _code(value: str | None) -> str:
    return (value or "").strip()


@dataclass(slots=True)
class _Visits:
    last_day: date
    kommune: str
    met: bool


@dataclass(slots=True)
class _Child:
    last_day: date | None = None  # during the period
    last_kommune: str = UNKNOWN_KOMMUNE
    omsorg: bool = False
    end_rank: tuple[date, str] | None = None  # at the period's last day
    end_kommune: str = UNKNOWN_KOMMUNE
    end_omsorg: bool = False
    plassert: bool = False
    frivillig: bool = False
    plan: bool = False
    plan_due: bool = False
    plan_evaluated: bool = True
    oppfolging: _Visits | None = None
    tilsyn: _Visits | None = None


def _required(hyppighet: Sequence[Hyppighet], first: date, last: date) -> int:
    """Visits required in ``first``..``last``, per calendar year as the deadlines count them."""
    total = 0
    for year in range(first.year, last.year + 1):
        lo, hi = max(first, date(year, 1, 1)), min(last, date(year, 12, 31))
        total += required_visits(hyppighet, lo, hi)
    return total


class _Deadlines:
    """Deadline due dates memoised by their inputs (dates repeat across many cases)."""

    def __init__(self, config: DeadlineConfig) -> None:
        self.config = config
        self._d1: dict[date, date] = {}
        self._d3: dict[tuple[date | None, date | None, bool], date | None] = {}
        self._d5: dict[date, date | None] = {}

    def d1(self, received: date) -> date:
        due = self._d1.get(received)
        if due is None:
            due = self._d1[received] = d1_melding_review(received, self.config).due  # type: ignore[assignment]
        return due  # type: ignore[return-value]

    def d3(self, received: date | None, start: date | None, granted: bool) -> date | None:
        key = (received, start, granted)
        if key not in self._d3:
            self._d3[key] = d3_investigation(
                received, melding_concluded=start, extension_granted=granted, config=self.config
            ).due
        return self._d3[key]

    def d5(self, start: date) -> date | None:
        if start not in self._d5:
            self._d5[start] = d5_plan_evaluation(start, self.config).due
        return self._d5[start]


@dataclass(slots=True)
class Contribution:
    """What ONE Sak adds to the counts of one period.

    ``rows``: event counts per municipality (kommune -> Counter of count keys), additive;
    ``child``: the child's key (``prepare.child_key``); ``state``: the child's state from this
    Sak's measures and plans, or None when the Sak has none in the period. Contributions of
    several Saker combine with :class:`Tally` (see :func:`merge_child` for the child states).
    """

    rows: Mapping[str, Mapping[str, int]]
    child: str
    state: _Child | None = None

    @property
    def empty(self) -> bool:
        """True when the Sak adds nothing to the period."""
        return not self.rows and self.state is None

    def alone(self) -> dict[str, Counter[str]]:
        """What the Sak adds when its child has no state from another Sak in the same tally:
        the events and the child counted (:func:`count_child`), per municipality."""
        rows = {k: Counter(v) for k, v in self.rows.items()}
        if self.state is not None:
            count_child(self.state, rows)
        return rows


def _merge_visits(a: _Visits | None, b: _Visits | None) -> _Visits | None:
    if a is None:
        return b
    if b is None:
        return a
    later = b if b.last_day > a.last_day else a
    return _Visits(later.last_day, later.kommune, a.met and b.met)


def merge_child(a: _Child, b: _Child) -> _Child:
    """The state of one child from two parts, ``a`` counted before ``b`` (a new object).

    Exactly what counting ``b``'s measures after ``a``'s in one pass gives: a strictly later
    day replaces the earlier (with its municipality; on a tie the first wins), flags are ORed,
    «every due plan evaluated» is ANDed, the latest-started running measure (start, Sak id)
    gives the municipality at the period's end.
    """
    last_day: date | None
    end_rank: tuple[date, str] | None
    if b.last_day is not None and (a.last_day is None or b.last_day > a.last_day):
        last_day, last_kommune = b.last_day, b.last_kommune
    else:
        last_day, last_kommune = a.last_day, a.last_kommune
    if b.end_rank is not None and (a.end_rank is None or b.end_rank > a.end_rank):
        end_rank, end_kommune = b.end_rank, b.end_kommune
    else:
        end_rank, end_kommune = a.end_rank, a.end_kommune
    return _Child(
        last_day=last_day,
        last_kommune=last_kommune,
        omsorg=a.omsorg or b.omsorg,
        end_rank=end_rank,
        end_kommune=end_kommune,
        end_omsorg=a.end_omsorg or b.end_omsorg,
        plassert=a.plassert or b.plassert,
        frivillig=a.frivillig or b.frivillig,
        plan=a.plan or b.plan,
        plan_due=a.plan_due or b.plan_due,
        plan_evaluated=a.plan_evaluated and b.plan_evaluated,
        oppfolging=_merge_visits(a.oppfolging, b.oppfolging),
        tilsyn=_merge_visits(a.tilsyn, b.tilsyn),
    )


class Tally:
    """The counts of one period, merged from contributions fed in case order.

    Events add up per municipality; a child's states from several Saker merge with
    :func:`merge_child` (in the order fed, which decides ties). Contributions are not
    modified, so stored ones may be fed again.
    """

    def __init__(self, period: Period) -> None:
        self.period = period
        self.rows: dict[str, dict[str, int]] = {}
        self.children: dict[str, _Child] = {}

    def add(self, contribution: Contribution) -> None:
        rows = self.rows
        for kommune, counts in contribution.rows.items():
            row = rows.get(kommune)
            if row is None:
                rows[kommune] = dict(counts)
            else:
                for key, n in counts.items():
                    row[key] = row.get(key, 0) + n
        state = contribution.state
        if state is not None:
            known = self.children.get(contribution.child)
            self.children[contribution.child] = state if known is None else merge_child(known, state)

    def add_counts(self, counts: Mapping[str, Mapping[str, int]], times: int = 1) -> None:
        """Add counts already resolved, ``times`` times: a contribution's :meth:`Contribution.alone`
        (its events and its child counted as if the child had no other state).

        Exact only for a contribution whose child has no other state fed to this tally: feed the
        contributions of a child with states from several Saker through :meth:`add` (in case
        order), the others through either. The statistics app groups identical stored counts.
        """
        rows = self.rows
        for kommune, counted in counts.items():
            row = rows.get(kommune)
            if row is None:
                row = rows[kommune] = {}
            for key, n in counted.items():
                row[key] = row.get(key, 0) + n * times

    def counts(self) -> dict[str, Counter[str]]:
        """Event counts and child counts per municipality (children placed once each)."""
        rows: dict[str, Counter[str]] = {k: Counter(v) for k, v in self.rows.items()}
        for c in self.children.values():
            count_child(c, rows)
        return rows


# The child counts (``count_child``), in the order the stored form keeps them.
CHILD_KEYS = (
    "barn_med_tiltak",
    "barn_med_omsorgstiltak",
    "barn_med_hjelpetiltak",
    "barn_med_tiltak_ved_slutt",
    "barn_under_omsorg_ved_slutt",
    "barn_med_hjelpetiltak_ved_slutt",
    "barn_med_hjelpetiltak_og_tiltaksplan_ved_slutt",
    "barn_med_evalueringspliktig_tiltaksplan",
    "barn_med_evaluert_tiltaksplan",
    "barn_frivillig_plassert_ved_slutt",
    "barn_plassert_ved_slutt",
    "barn_med_oppfolgingskrav",
    "barn_med_oppfolgingsbesok_oppfylt",
    "barn_med_tilsynskrav",
    "barn_med_tilsynsbesok_oppfylt",
)


def count_child(c: _Child, rows: dict[str, Counter[str]]) -> None:
    """Count ONE child (its merged state) into ``rows`` (kommune -> counts), once per figure."""

    def row(kommune: str) -> Counter[str]:
        found = rows.get(kommune)
        if found is None:
            found = rows[kommune] = Counter()
        return found

    if c.last_day is not None:
        during = row(c.last_kommune)
        during["barn_med_tiltak"] += 1
        during["barn_med_omsorgstiltak" if c.omsorg else "barn_med_hjelpetiltak"] += 1
    if c.end_rank is not None:
        end = row(c.end_kommune)
        end["barn_med_tiltak_ved_slutt"] += 1
        if c.end_omsorg:
            end["barn_under_omsorg_ved_slutt"] += 1
        else:
            end["barn_med_hjelpetiltak_ved_slutt"] += 1
            if c.plan:
                end["barn_med_hjelpetiltak_og_tiltaksplan_ved_slutt"] += 1
            if c.plan_due:
                end["barn_med_evalueringspliktig_tiltaksplan"] += 1
                if c.plan_evaluated:
                    end["barn_med_evaluert_tiltaksplan"] += 1
            if c.frivillig:
                end["barn_frivillig_plassert_ved_slutt"] += 1
        if c.plassert:
            end["barn_plassert_ved_slutt"] += 1
    if (v := c.oppfolging) is not None:
        visits = row(v.kommune)
        visits["barn_med_oppfolgingskrav"] += 1
        if v.met:
            visits["barn_med_oppfolgingsbesok_oppfylt"] += 1
    if (v := c.tilsyn) is not None:
        visits = row(v.kommune)
        visits["barn_med_tilsynskrav"] += 1
        if v.met:
            visits["barn_med_tilsynsbesok_oppfylt"] += 1


class _Contributor:
    """Counts one prepared Sak for one period (the counting rules live here)."""

    def __init__(self, period: Period, config: DeadlineConfig, deadlines: _Deadlines | None = None) -> None:
        self.period = period
        self.config = config
        self.deadlines = deadlines if deadlines is not None else _Deadlines(config)
        self.rows: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.state: _Child | None = None

    def of(self, sak: PreparedSak) -> Contribution:
        self.rows, self.state = defaultdict(Counter), None
        self._meldinger(sak)
        self._undersokelser(sak)
        for tiltak in sak.tiltak:
            if overlaps(tiltak, self.period.start, self.period.end):
                self._tiltak(sak, tiltak)
        self._planer(sak)
        return Contribution(dict(self.rows), sak.child, self.state)

    def _where(self, sak: PreparedSak, day: date) -> str:
        return sak.kommune_on(day) or UNKNOWN_KOMMUNE

    def _child(self) -> _Child:
        if self.state is None:
            self.state = _Child()
        return self.state

    def _meldinger(self, sak: PreparedSak) -> None:
        p = self.period
        for m in sak.meldinger:
            if m.start_dato in p:
                self.rows[self._where(sak, m.start_dato)]["meldinger"] += 1
            k = m.konklusjon
            if k is None or k.slutt_dato not in p:
                continue
            row = self.rows[self._where(sak, k.slutt_dato)]
            row["meldinger_gjennomgatt"] += 1
            code = _code(k.kode)
            if code in MELDING_HENLAGT:
                row["meldinger_henlagt"] += 1
            elif code == MELDING_TIL_UNDERSOKELSE:
                row["meldinger_til_undersokelse"] += 1
            if k.slutt_dato <= self.deadlines.d1(m.start_dato):
                row["meldinger_gjennomgatt_innen_frist"] += 1

    def _d3_due(self, sak: PreparedSak, u: Undersokelse) -> date | None:
        melding = sak.melding_for.get(u.id)
        received = melding.start_dato if melding else None
        concluded = melding.konklusjon.slutt_dato if melding and melding.konklusjon else None
        granted = u.utvidet_frist is not None and _code(u.utvidet_frist.innvilget) == "1"
        return self.deadlines.d3(received, concluded or u.start_dato, granted)

    def _undersokelser(self, sak: PreparedSak) -> None:
        p = self.period
        for u in sak.undersokelser:
            if u.start_dato in p:
                self.rows[self._where(sak, u.start_dato)]["undersokelser_startet"] += 1
            k = u.konklusjon
            if k is None or k.slutt_dato not in p:
                continue
            row = self.rows[self._where(sak, k.slutt_dato)]
            row["undersokelser_avsluttet"] += 1
            if _code(k.kode) in UNDERSOKELSE_TIL_TILTAK:
                row["undersokelser_til_tiltak"] += 1
            due = self._d3_due(sak, u)
            if due is not None and k.slutt_dato <= due:
                row["undersokelser_avsluttet_innen_frist"] += 1

    def _tiltak(self, sak: PreparedSak, t: Tiltak) -> None:
        p = self.period
        child = self._child()
        last = end_date(t)
        day = p.end if last is None or last > p.end else last
        omsorg = is_omsorgstiltak(t)
        if child.last_day is None or day > child.last_day:
            child.last_day, child.last_kommune = day, self._where(sak, day)
        child.omsorg |= omsorg
        code = _code(t.kategori.kode)
        placement = is_plasseringstiltak(t)
        if is_active_on(t, p.end):
            rank = (t.start_dato, sak.record.id)
            if child.end_rank is None or rank > child.end_rank:
                child.end_rank, child.end_kommune = rank, self._where(sak, p.end)
            child.end_omsorg |= omsorg
            if placement:
                child.plassert = True
                if not omsorg and code.startswith((INSTITUTION_PREFIX, FOSTER_HOME_PREFIX)):
                    child.frivillig = True
        if placement and code.startswith(FOSTER_HOME_PREFIX):
            if code == EMERGENCY_HOME and not self.config.visits_in_emergency_homes:
                return
            first = max(t.start_dato, p.start)
            o = t.oppfolging
            child.oppfolging = self._visits(
                child.oppfolging, sak, first, day, o.hyppighet if o else (), o.utfort if o else ()
            )
            s = t.tilsyn
            last_tilsyn = day
            if sak.birth is not None:
                last_tilsyn = min(day, add_days(add_years(sak.birth, 18), -1))
            child.tilsyn = self._visits(
                child.tilsyn, sak, first, last_tilsyn, s.hyppighet if s else (), s.utfort if s else ()
            )

    def _visits(
        self,
        state: _Visits | None,
        sak: PreparedSak,
        first: date,
        last: date,
        hyppighet: Sequence[Hyppighet],
        utfort: Sequence[Utfort],
    ) -> _Visits | None:
        if last < first:
            return state
        required = _required(hyppighet, first, last)
        if required == 0:
            return state
        met = sum(1 for u in utfort if first <= u.utfort_dato <= last) >= required
        if state is None:
            return _Visits(last, self._where(sak, last), met)
        state.met &= met
        if last > state.last_day:
            state.last_day, state.kommune = last, self._where(sak, last)
        return state

    def _planer(self, sak: PreparedSak) -> None:
        p = self.period
        for plan in sak.planer:
            if _code(plan.plantype) not in TILTAKSPLAN_TYPES or plan.start_dato > p.end:
                continue
            if plan.konklusjon is not None and plan.konklusjon.slutt_dato < p.end:
                continue
            child = self._child()
            child.plan = True
            due = self.deadlines.d5(plan.start_dato)
            if due is not None and due <= p.end:
                child.plan_due = True
                child.plan_evaluated &= any(day in p for day in plan.evalueringer)


def contributions(
    saker: Iterable[SakRecord],
    periods: Sequence[Period],
    *,
    config: DeadlineConfig | None = None,
) -> Iterator[tuple[SakRecord, list[Contribution | None]]]:
    """Each Sak with its contribution to each period (None for a deleted Sak), in order."""
    config = config or DEFAULT_CONFIG
    deadlines = _Deadlines(config)
    contributors = [_Contributor(p, config, deadlines) for p in periods]
    for sak in saker:
        prepared = prepare(sak)
        if prepared is None:
            yield sak, [None] * len(contributors)
        else:
            yield sak, [c.of(prepared) for c in contributors]


def _table(
    counter: Tally,
    population: Mapping[str, int] | None,
    members: Sequence[str] | None,
) -> IndicatorTable:
    rows = counter.counts()
    pop = dict(population or {})
    if members is None:
        member_rows = {k: rows[k] for k in sorted(rows)}
        outside: Counter[str] = Counter()
    else:
        member_rows = {k: rows.get(k, Counter()) for k in members}
        outside = Counter()
        for k, row in rows.items():
            if k not in member_rows:
                outside.update(row)
    total: Counter[str] = Counter()
    for row in member_rows.values():
        total.update(row)
    total.update(outside)
    known = all(pop.get(k) for k in member_rows) and bool(member_rows)
    return IndicatorTable(
        period=counter.period,
        by_municipality={k: derive(row, pop.get(k)) for k, row in member_rows.items()},
        total=derive(total, sum(pop[k] for k in member_rows) if known else None),
        outside=derive(outside, None),
        population={k: pop[k] for k in member_rows if k in pop},
    )


def compute_series(
    saker: Iterable[SakRecord],
    periods: Sequence[Period],
    *,
    population: Population | None = None,
    municipalities: Iterable[str] | None = None,
    config: DeadlineConfig | None = None,
) -> list[IndicatorTable]:
    """One table per period (e.g. 2019–2022), reading the records once.

    ``population``: inhabitants 0–17 per municipality, either one mapping for every period or a
    function of the period. ``municipalities``: the member municipalities, in display order;
    figures for children living elsewhere go to ``outside`` (and the total). ``config``: the
    deadline arithmetic (D1, D3, D5 evaluations, visits), default as ``rules.deadlines``.
    """
    tallies = [Tally(p) for p in periods]
    for _sak, parts in contributions(saker, periods, config=config):
        for tally, part in zip(tallies, parts, strict=True):
            if part is not None:
                tally.add(part)
    return tables(tallies, population=population, municipalities=municipalities)


def tables(
    tallies: Sequence[Tally],
    *,
    population: Population | None = None,
    municipalities: Iterable[str] | None = None,
) -> list[IndicatorTable]:
    """One table per tally, with inhabitants and member municipalities as ``compute_series``."""
    members = tuple(dict.fromkeys(municipalities)) if municipalities is not None else None
    result = []
    for tally in tallies:
        pop = population(tally.period) if callable(population) else population
        result.append(_table(tally, pop, members))
    return result


def compute(
    saker: Iterable[SakRecord],
    period: Period,
    *,
    population: Mapping[str, int] | None = None,
    municipalities: Iterable[str] | None = None,
    config: DeadlineConfig | None = None,
) -> IndicatorTable:
    """Every indicator for ``period``, per municipality and in total (see ``compute_series``)."""
    return compute_series(
        saker, [period], population=population, municipalities=municipalities, config=config
    )[0]


def compute_half_year(
    saker: Iterable[SakRecord],
    year: int,
    half: int,
    *,
    population: Mapping[str, int] | None = None,
    municipalities: Iterable[str] | None = None,
    config: DeadlineConfig | None = None,
) -> IndicatorTable:
    """The half-year table per municipality (e.g. 2nd half 2022 with counts pr. 31.12.2022)."""
    return compute(
        saker,
        Period.half(year, half),
        population=population,
        municipalities=municipalities,
        config=config,
    )
