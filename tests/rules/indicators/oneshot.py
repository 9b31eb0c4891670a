"""The one-pass counter as it was before counting was split into contributions and a merge.

Kept verbatim (only renamed imports) as a test oracle: ``compute_series`` (contributions of each
Sak merged in order) must give exactly its counts. Do not change it with the rules: a change of
the counting rules changes both, and this file then goes (or is updated on purpose).
"""

# ruff: noqa

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
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
from barnevern.rules.indicators.counting import (
    EMERGENCY_HOME,
    FOSTER_HOME_PREFIX,
    INSTITUTION_PREFIX,
    MELDING_HENLAGT,
    MELDING_TIL_UNDERSOKELSE,
    TILTAKSPLAN_TYPES,
    UNDERSOKELSE_TIL_TILTAK,
    UNKNOWN_KOMMUNE,
    _code,
    _required,
)
from barnevern.rules.indicators.prepare import PreparedSak, prepare
from barnevern.rules.measures import end_date, is_active_on, is_omsorgstiltak, is_plasseringstiltak, overlaps
from barnevern.rules.periods import Period


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


class _Counter:
    """Counts of one period, fed one prepared Sak at a time."""

    def __init__(self, period: Period, config: DeadlineConfig) -> None:
        self.period = period
        self.config = config
        self.rows: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.children: dict[str, _Child] = {}
        # deadline due dates memoised by their inputs (dates repeat across many cases)
        self._d1: dict[date, date] = {}
        self._d3: dict[tuple[date | None, date | None, bool], date | None] = {}
        self._d5: dict[date, date] = {}

    def _d1_due(self, received: date) -> date:
        due = self._d1.get(received)
        if due is None:
            due = self._d1[received] = d1_melding_review(received, self.config).due
        return due  # type: ignore[return-value]

    def _where(self, sak: PreparedSak, day: date) -> str:
        return sak.kommune_on(day) or UNKNOWN_KOMMUNE

    def _child(self, key: str) -> _Child:
        child = self.children.get(key)
        if child is None:
            child = self.children[key] = _Child()
        return child

    def add(self, sak: PreparedSak) -> None:
        self._meldinger(sak)
        self._undersokelser(sak)
        for tiltak in sak.tiltak:
            if overlaps(tiltak, self.period.start, self.period.end):
                self._tiltak(sak, tiltak)
        self._planer(sak)

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
            if k.slutt_dato <= self._d1_due(m.start_dato):
                row["meldinger_gjennomgatt_innen_frist"] += 1

    def _d3_due(self, sak: PreparedSak, u: Undersokelse) -> date | None:
        melding = sak.melding_for.get(u.id)
        received = melding.start_dato if melding else None
        concluded = melding.konklusjon.slutt_dato if melding and melding.konklusjon else None
        granted = u.utvidet_frist is not None and _code(u.utvidet_frist.innvilget) == "1"
        key = (received, concluded or u.start_dato, granted)
        if key not in self._d3:
            self._d3[key] = d3_investigation(
                key[0], melding_concluded=key[1], extension_granted=granted, config=self.config
            ).due
        return self._d3[key]

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
        child = self._child(sak.child)
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
            child = self._child(sak.child)
            child.plan = True
            due = self._d5.get(plan.start_dato)
            if due is None:
                due = d5_plan_evaluation(plan.start_dato, self.config).due
                self._d5[plan.start_dato] = due  # type: ignore[assignment]
            if due is not None and due <= p.end:
                child.plan_due = True
                child.plan_evaluated &= any(day in p for day in plan.evalueringer)

    def counts(self) -> dict[str, Counter[str]]:
        """Event counts and child counts per municipality (children placed once each)."""
        rows: dict[str, Counter[str]] = {k: Counter(v) for k, v in self.rows.items()}

        def add(kommune: str, *keys: str) -> None:
            row = rows.setdefault(kommune, Counter())
            for key in keys:
                row[key] += 1

        for c in self.children.values():
            if c.last_day is not None:
                kind = "barn_med_omsorgstiltak" if c.omsorg else "barn_med_hjelpetiltak"
                add(c.last_kommune, "barn_med_tiltak", kind)
            if c.end_rank is not None:
                add(c.end_kommune, "barn_med_tiltak_ved_slutt")
                if c.end_omsorg:
                    add(c.end_kommune, "barn_under_omsorg_ved_slutt")
                else:
                    add(c.end_kommune, "barn_med_hjelpetiltak_ved_slutt")
                    if c.plan:
                        add(c.end_kommune, "barn_med_hjelpetiltak_og_tiltaksplan_ved_slutt")
                    if c.plan_due:
                        add(c.end_kommune, "barn_med_evalueringspliktig_tiltaksplan")
                        if c.plan_evaluated:
                            add(c.end_kommune, "barn_med_evaluert_tiltaksplan")
                    if c.frivillig:
                        add(c.end_kommune, "barn_frivillig_plassert_ved_slutt")
                if c.plassert:
                    add(c.end_kommune, "barn_plassert_ved_slutt")
            for state, kind in ((c.oppfolging, "oppfolging"), (c.tilsyn, "tilsyn")):
                if state is not None:
                    add(state.kommune, f"barn_med_{kind}skrav")
                    if state.met:
                        add(state.kommune, f"barn_med_{kind}sbesok_oppfylt")
        return rows


def oneshot_counts(
    saker: Iterable[SakRecord], periods: Sequence[Period], config: DeadlineConfig | None = None
) -> list[dict[str, Counter[str]]]:
    """The counts per municipality of each period, counted the old way."""
    counters = [_Counter(p, config or DEFAULT_CONFIG) for p in periods]
    for sak in saker:
        prepared = prepare(sak)
        if prepared is None:
            continue
        for counter in counters:
            counter.add(prepared)
    return [c.counts() for c in counters]
