"""Demo cases that reproduce the statistics published in the seeds (2019–2022).

The seeds (``shared/seeds``) publish two tables, and Barnevern's computed figures from these
synthetic cases equal them exactly (``tests/stats/test_demo_seeds.py`` checks each figure):

* Nord-Østerdal, all five municipalities, calendar years 2019–2022 (:data:`NORD_OSTERDAL`);
  the 2021 figure for children with hjelpetiltak, 58, is published «prikket 2 kommuner»:
  Folldal has 2 such children and Tolga 1, so the published table shows «:» for both and the
  exact total 58.
* Oppdal/Rennebu, 2nd half-year 2022 per municipality (:data:`OPPDAL_RENNEBU`).

How: a small deterministic planner decides every count per municipality and year up front
(:func:`plan_nord_osterdal`, :func:`plan_oppdal_rennebu`), then generates cases that hit them:

* each melding is one child's case; a melding that leads to an undersøkelse (code 2) is
  received 1–7 days before the undersøkelse starts, in the same year; the others are henlagt
  within a week;
* undersøkelser concluded the year after they started ("carried") start 10 Nov–20 Dec and end
  3 Jan–10 Feb, so started/concluded fall in the intended years;
* children with measures are *spells*: one measure from a start year to an end year. A child
  counts in every year its measure touches, so the planner keeps a stock of children whose
  measure crosses each New Year (care orders more than home-based help) and starts new
  children for the rest; a spell ending in the same year never crosses 31 December;
* the 11 voluntarily placed children (BVL § 4-4 sjette ledd, foster home or institution) are
  placed during 2020 and stay placed until early 2023, so they are counted «pr. 31.12» in 2021
  and 2022 (``barn_frivillig_plassert_ved_slutt``, read the seed's «Antall frivillige
  plasseringer 11 11» as the 2021 and 2022 columns);
* some new spells continue the case of an undersøkelse that ended in a vedtak (code 1, help
  starting 5–20 days later) or a begjæring (code 2, care order 60–100 days later); the rest are
  cases migrated from an earlier case system (``MigrertId``, history not included).

Everything counted lies in 2019–2022. What is still open at the end of 2022 (undersøkelser,
measures counted «pr. 31.12.2022») ends in the first quarter of 2023, and every case is closed
then, so nothing shows on today's worklists. The other demo cases (``demo.cases``,
``demo.quality``) lie within the two years before today and so never touch 2019–2022.
"""

from __future__ import annotations

import random
import uuid
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from barnevern import records as r
from barnevern.cases import models as m
from barnevern.cases.services import store_record
from barnevern.demo import register
from barnevern.demo.cases import ETTERNAVN, FORNAVN
from barnevern.organisation.models import Tjeneste
from barnevern.rules.identity import synthetic_fnr

YEARS = (2019, 2020, 2021, 2022)

# The seeds, as published -----------------------------------------------------------------------
NORD_OSTERDAL: dict[str, tuple[int | None, ...]] = {
    "meldinger": (92, 109, 194, 164),
    "undersokelser_startet": (71, 55, 69, 73),
    "undersokelser_avsluttet": (52, 52, 78, 63),
    "barn_med_hjelpetiltak": (68, 63, 58, 50),
    "barn_med_omsorgstiltak": (23, 21, 14, 19),
    "barn_frivillig_plassert_ved_slutt": (None, None, 11, 11),
}
NORD_OSTERDAL_SUPPRESSED = {2021: {"barn_med_hjelpetiltak": ("3429", "3426")}}  # Folldal, Tolga

OPPDAL, RENNEBU = "5021", "5022"
OPPDAL_RENNEBU: dict[str, dict[str, int]] = {  # 2nd half-year 2022; stocks pr. 31.12.2022
    "meldinger": {RENNEBU: 25, OPPDAL: 67},
    "undersokelser_avsluttet": {RENNEBU: 20, OPPDAL: 33},
    "barn_med_hjelpetiltak_ved_slutt": {RENNEBU: 27, OPPDAL: 54},
    "barn_frivillig_plassert_ved_slutt": {RENNEBU: 2, OPPDAL: 1},
    "barn_under_omsorg_ved_slutt": {RENNEBU: 3, OPPDAL: 7},
}

# Nord-Østerdal: Tynset (host), Alvdal, Folldal, Rendalen, Tolga; weights = inhabitants 0–17.
NO_WEIGHTS = {"3427": 1262, "3428": 508, "3429": 250, "3424": 286, "3426": 281}
# Chosen by hand where the seeds' suppression note must come out right (2021: exactly Folldal
# and Tolga small) and for the voluntary placements.
NO_FIXED = {
    ("barn_med_hjelpetiltak", 2021): {"3427": 33, "3428": 14, "3429": 2, "3424": 8, "3426": 1},
    ("barn_med_omsorgstiltak", 2021): {"3427": 6, "3428": 3, "3429": 1, "3424": 3, "3426": 1},
}
NO_PLACED_2020_2023 = {"3427": 5, "3428": 3, "3429": 0, "3424": 3, "3426": 0}  # 11 children
NO_PLACED_2019_2020 = {"3427": 2, "3428": 1, "3429": 0, "3424": 1, "3426": 0}
HJELP_STOCK, OMSORG_STOCK = 0.35, 0.6  # share of children whose measure crosses New Year

# No barnehage (4.1) or SFO (4.2): the children's ages are drawn later and would trip Tiltak K5/K6.
HOME_CATEGORIES = ("4.5", "4.6", "3.2", "3.10", "4.4", "4.3", "5.1", "6.1", "3.9", "4.7")
PLACEMENT_CATEGORIES = ("2.1", "2.2", "2.1", "1.1")
CARE_CATEGORIES = ("2.1", "2.2", "2.2", "2.3")
MELDER = ("2", "9", "11", "8", "10", "6", "3")
SAKSINNHOLD = ("6", "8", "2", "3", "7", "10", "14")

HJELP = r.Lovhjemmel("BVL", "4", "4", ledd=("2",))
FRIVILLIG = r.Lovhjemmel("BVL", "4", "4", ledd=("6",))
OMSORG = r.Lovhjemmel("BVL", "4", "12")


def split(total: int, weights: Mapping[str, int]) -> dict[str, int]:
    """``total`` over the keys in proportion to ``weights``, largest remainder, ties in order."""
    whole = sum(weights.values())
    shares = {k: total * w / whole for k, w in weights.items()}
    out = {k: int(v) for k, v in shares.items()}
    rest = total - sum(out.values())
    for k in sorted(shares, key=lambda k: (-(shares[k] - out[k]), list(weights).index(k)))[:rest]:
        out[k] += 1
    return out


# --- the plan --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Spell:
    """One child's measure from ``first`` year to ``last`` year (2023 = still running 31.12.2022)."""

    kommune: str
    kind: str  # hjelp, frivillig, omsorg
    first: int
    last: int


@dataclass(slots=True)
class Plan:
    started: dict[tuple[str, int], int] = field(default_factory=dict)  # (kommune, year)
    carried: dict[tuple[str, int], int] = field(default_factory=dict)  # started, ends next year
    henlagt: dict[tuple[str, int], int] = field(default_factory=dict)
    spells: list[Spell] = field(default_factory=list)


def _stock_spells(
    kommune: str, kind: str, counts: Sequence[int], share: float, years: Sequence[int]
) -> list[Spell]:
    """Spells giving ``counts[i]`` children in ``years[i]``; a share continues over New Year."""
    spells: list[Spell] = []
    carried: list[int] = []  # first years of spells running into this year
    for i, year in enumerate(years):
        need = counts[i]
        if len(carried) > need:
            raise ValueError(f"{kommune} {kind} {year}: flere barn fortsetter enn året skal ha.")
        present = carried + [year] * (need - len(carried))
        nxt = counts[i + 1] if i + 1 < len(counts) else None
        keep = int(share * (need if nxt is None else min(need, nxt)))
        carried = present[:keep]  # the longest-running continue first
        for first in present[keep:]:
            spells.append(Spell(kommune, kind, first, year))
    spells.extend(Spell(kommune, kind, first, years[-1] + 1) for first in carried)
    return spells


def plan_nord_osterdal() -> Plan:
    totals = NORD_OSTERDAL
    plan = Plan()
    carry_prev = dict.fromkeys(NO_WEIGHTS, 0)
    carry_total = 0
    for i, year in enumerate(YEARS):
        started = split(totals["undersokelser_startet"][i], NO_WEIGHTS)  # type: ignore[arg-type]
        carry_total += totals["undersokelser_startet"][i] - totals["undersokelser_avsluttet"][i]  # type: ignore[operator]
        carried = split(carry_total, NO_WEIGHTS)
        henlagt = split(totals["meldinger"][i] - totals["undersokelser_startet"][i], NO_WEIGHTS)  # type: ignore[operator]
        for k in NO_WEIGHTS:
            concluded = started[k] - carried[k] + carry_prev[k]
            if not 0 <= carried[k] <= started[k] or concluded < 0:
                raise ValueError(f"Planen går ikke opp for undersøkelser i {k} {year}.")
            plan.started[k, year], plan.carried[k, year], plan.henlagt[k, year] = (
                started[k],
                carried[k],
                henlagt[k],
            )
        carry_prev = carried

    def per_year(key: str) -> dict[str, list[int]]:
        rows = {k: [] for k in NO_WEIGHTS}
        for i, year in enumerate(YEARS):
            fixed = NO_FIXED.get((key, year)) or split(totals[key][i], NO_WEIGHTS)  # type: ignore[arg-type]
            for k in NO_WEIGHTS:
                rows[k].append(fixed[k])
        return rows

    hjelp, omsorg = per_year("barn_med_hjelpetiltak"), per_year("barn_med_omsorgstiltak")
    for k in NO_WEIGHTS:
        placed = [NO_PLACED_2019_2020[k], NO_PLACED_2019_2020[k] + NO_PLACED_2020_2023[k]]
        placed += [NO_PLACED_2020_2023[k]] * 2
        home = [h - p for h, p in zip(hjelp[k], placed, strict=True)]
        if min(home) < 0:
            raise ValueError(f"{k}: flere plasserte enn barn med hjelpetiltak.")
        plan.spells += [Spell(k, "frivillig", 2019, 2020)] * NO_PLACED_2019_2020[k]
        plan.spells += [Spell(k, "frivillig", 2020, 2023)] * NO_PLACED_2020_2023[k]
        plan.spells += _stock_spells(k, "hjelp", home, HJELP_STOCK, YEARS)
        plan.spells += _stock_spells(k, "omsorg", omsorg[k], OMSORG_STOCK, YEARS)
    return plan


# --- building cases --------------------------------------------------------------------------


class _Builder:
    """Deterministic ids, dates and identity numbers for one service."""

    def __init__(self, seed: str, used_fnr: set[str]) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not security
        self.used = used_fnr
        self.number = 2000

    def id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def day(self, lo: date, hi: date) -> date:
        return lo + timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def fnr(self, on: date) -> tuple[str, date, str]:
        sex = self.rng.choice("12")
        while True:
            born = on - timedelta(days=self.rng.randint(365, 14 * 365))
            number = synthetic_fnr(born, 50 + self.rng.randint(0, 39), sex)
            if number not in self.used:
                self.used.add(number)
                return number, born, sex

    def journalnummer(self, year: int) -> str:
        self.number += 1
        return f"{year}-{self.number:04d}"


@dataclass(slots=True)
class _Case:
    """One child's case, filled in step by step and turned into a ``SakRecord``."""

    kommune: str
    start: date
    migrated: bool = False
    meldinger: list[r.Melding] = field(default_factory=list)
    undersokelser: list[r.Undersokelse] = field(default_factory=list)
    planer: list[r.Plan] = field(default_factory=list)
    tiltak: list[r.Tiltak] = field(default_factory=list)
    vedtak: list[r.Vedtak] = field(default_factory=list)
    relasjoner: list[r.Relasjon] = field(default_factory=list)
    last: date | None = None

    def touch(self, day: date) -> None:
        self.last = day if self.last is None or day > self.last else self.last

    def record(self, b: _Builder) -> r.SakRecord:
        fnr, born, sex = b.fnr(self.start)
        end = self.last or self.start
        return r.SakRecord(
            id=b.id(),
            start_dato=self.start,
            journalnummer=b.journalnummer(self.start.year),
            slutt_dato=end,
            avsluttet=True,
            migrert_id=f"MIG-{b.number}" if self.migrated else None,
            personalia=(r.Personalia(b.id(), self.start, fnr, born, sex),),
            meldinger=tuple(self.meldinger),
            undersokelser=tuple(self.undersokelser),
            planer=tuple(self.planer),
            tiltak=tuple(self.tiltak),
            vedtak=tuple(self.vedtak),
            relasjoner=tuple(self.relasjoner),
            bosted=(r.Bosted(self.start, self.kommune),),
        )


@dataclass(slots=True)
class _Investigation:
    case: _Case
    index: int  # in case.undersokelser
    concluded: date | None
    linked: bool = False


def _melding(b: _Builder, case: _Case, received: date, concluded: date, code: str) -> str:
    melding_id = b.id()
    case.meldinger.append(
        r.Melding(
            melding_id,
            received,
            melder=(r.KodeMedPresisering(b.rng.choice(MELDER)),),
            saksinnhold=(r.KodeMedPresisering(b.rng.choice(SAKSINNHOLD)),),
            konklusjon=r.Konklusjon(concluded, code),
        )
    )
    case.touch(concluded)
    return melding_id


def _investigation(
    b: _Builder, kommune: str, start: date, concluded: date | None, received: date | None = None
) -> _Investigation:
    late = b.rng.random() < 0.06  # reviewed after the one-week deadline (D1)
    received = received or start - timedelta(days=b.rng.randint(8, 12) if late else b.rng.randint(1, 7))
    case = _Case(kommune, received)
    melding_id = _melding(b, case, received, start, "2")
    und_id = b.id()
    case.undersokelser.append(
        r.Undersokelse(und_id, start, konklusjon=r.Konklusjon(concluded, "3") if concluded else None)
    )
    case.relasjoner.append(r.Relasjon(b.id(), melding_id, "Melding", und_id, "Undersokelse"))
    case.touch(concluded or start)
    return _Investigation(case, 0, concluded)


def _henlagt(b: _Builder, kommune: str, lo: date, hi: date) -> _Case:
    received = b.day(lo, hi)
    case = _Case(kommune, received)
    _melding(b, case, received, received + timedelta(days=b.rng.randint(1, 7)), "1")
    return case


def _visits(b: _Builder, start: date, end: date) -> tuple[r.Utfort, ...]:
    days, found = start, []
    while True:
        days += timedelta(days=b.rng.randint(80, 95))
        if days > end:
            return tuple(found)
        found.append(r.Utfort(b.id(), days))


def _measure(
    b: _Builder, case: _Case, kind: str, start: date, end: date, link: _Investigation | None
) -> None:
    """Vedtak, Tiltak and plan for one spell; ``link``: the undersøkelse that led to it."""
    hjemmel = {"hjelp": HJELP, "frivillig": FRIVILLIG, "omsorg": OMSORG}[kind]
    category = b.rng.choice(
        {"hjelp": HOME_CATEGORIES, "frivillig": PLACEMENT_CATEGORIES, "omsorg": CARE_CATEGORIES}[kind]
    )
    # Decided up to five days before the measure starts, never before the case itself (Vedtak K2e).
    decided = max(case.start, start - timedelta(days=b.rng.randint(0, 5)))
    # BVR v4 requires a Status on every Vedtak, also one decided before the list began in 2022
    # (SSB's own test deliveries carry 2021 statuses; Generell K1 does not apply a list-wide
    # validFrom).
    status = (r.VedtakStatus(b.id(), decided, "1"),)
    vedtak_id, tiltak_id = b.id(), b.id()
    case.vedtak.append(r.Vedtak(vedtak_id, decided, hjemmel, status=status, konklusjon=r.Konklusjon(end)))
    oppfolging = tilsyn = None
    if category.startswith("2."):
        visits = _visits(b, start, end)
        oppfolging = r.Oppfolging((r.Hyppighet(b.id(), start, "4"),), visits)
        tilsyn = r.Tilsyn(
            (r.TilsynAnsvarlig(b.id(), start, case.kommune),), (r.Hyppighet(b.id(), start, "2"),), visits[::2]
        )
    case.tiltak.append(
        r.Tiltak(
            tiltak_id,
            start,
            hjemmel,
            r.KodeMedPresisering(category),
            tilsyn=tilsyn,
            oppfolging=oppfolging,
            konklusjon=r.Konklusjon(end),
            # An ended omsorgstiltak names why care ended (Tiltak K12): back to the family.
            opphevelse=r.KodeMedPresisering("1") if kind == "omsorg" else None,
        )
    )
    plantype = "4" if kind == "omsorg" else "1"
    evaluations = (
        ()
        if b.rng.random() < 0.1
        else tuple(
            start + timedelta(days=91 * n) for n in range(1, 20) if start + timedelta(days=91 * n) < end
        )
    )
    case.planer.append(
        r.Plan(
            b.id(),
            start + timedelta(days=b.rng.randint(0, 14)),
            plantype,
            evaluations,
            konklusjon=r.Konklusjon(end),
        )
    )
    case.relasjoner.append(r.Relasjon(b.id(), vedtak_id, "Vedtak", tiltak_id, "Tiltak"))
    if link is not None:
        u = link.case.undersokelser[link.index]
        code = "2" if kind == "omsorg" else "1"
        link.case.undersokelser[link.index] = r.Undersokelse(
            u.id,
            u.start_dato,
            vedtaksgrunnlag=(r.KodeMedPresisering(b.rng.choice(SAKSINNHOLD)),),
            konklusjon=r.Konklusjon(u.konklusjon.slutt_dato, code),  # type: ignore[union-attr]
        )
        case.relasjoner.append(r.Relasjon(b.id(), u.id, "Undersokelse", vedtak_id, "Vedtak"))
        link.linked = True
    case.touch(end)


def _spell_dates(b: _Builder, spell: Spell, start: date | None = None) -> tuple[date, date]:
    """Start in ``first`` (on ``start`` if given) and end in ``last``, never crossing a New
    Year in between; a spell within one year lasts at least 30 days and ends by 20 December."""
    if start is None:
        latest = date(spell.first, 10, 31) if spell.first == spell.last else date(spell.first, 12, 1)
        start = b.day(date(spell.first, 1, 10), latest)
    if start.year != spell.first:
        raise ValueError(f"Tiltaket må starte i {spell.first}, ikke {start.isoformat()}.")
    if spell.first == spell.last:
        if start > date(spell.first, 11, 20):
            raise ValueError(f"Tiltaket som starter {start.isoformat()}, rekker ikke å slutte samme år.")
        return start, b.day(start + timedelta(days=30), date(spell.first, 12, 20))
    if spell.last > YEARS[-1]:
        return start, b.day(date(spell.last, 1, 10), date(spell.last, 3, 31))
    return start, b.day(date(spell.last, 1, 15), date(spell.last, 11, 30))


def _link_window(spell: Spell) -> tuple[int, int, date]:
    """Days from an undersøkelse's conclusion to the measure (vedtak for help; begjæring and
    county board for care), and the latest conclusion that lets the spell start in time."""
    within = spell.first == spell.last
    if spell.kind == "omsorg":
        return 60, 100, date(spell.first, 7, 31) if within else date(spell.first, 8, 31)
    return 5, 20, date(spell.first, 10, 1) if within else date(spell.first, 11, 20)


def _place_spells(
    b: _Builder, spells: list[Spell], investigations: list[_Investigation], share: float
) -> list[_Case]:
    """A case per spell: the case of a fitting undersøkelse while the municipality's share of
    them lasts (``share`` of those concluded that year), else a migrated case."""
    pool: dict[tuple[str, int], list[_Investigation]] = {}
    for inv in investigations:
        if inv.concluded is not None:
            pool.setdefault((inv.case.kommune, inv.concluded.year), []).append(inv)
    budget = {key: int(share * len(c)) for key, c in pool.items()}
    cases: list[_Case] = []
    for spell in spells:
        lo_days, hi_days, latest = _link_window(spell)
        key = (spell.kommune, spell.first)
        free = []
        if spell.kind != "frivillig" and budget.get(key, 0) > 0:
            free = [
                i for i in pool[key] if not i.linked and i.concluded is not None and i.concluded <= latest
            ]
        if free:
            link = free[b.rng.randrange(len(free))]
            budget[key] -= 1
            assert link.concluded is not None
            start, end = _spell_dates(
                b, spell, link.concluded + timedelta(days=b.rng.randint(lo_days, hi_days))
            )
            _measure(b, link.case, spell.kind, start, end, link)
            continue
        start, end = _spell_dates(b, spell)
        case = _Case(spell.kommune, start, migrated=True)
        _measure(b, case, spell.kind, start, end, None)
        cases.append(case)
    return cases


def build_nord_osterdal(b: _Builder) -> list[r.SakRecord]:
    plan = plan_nord_osterdal()
    investigations: list[_Investigation] = []
    cases: list[_Case] = []
    for (kommune, year), started in plan.started.items():
        carried = plan.carried[kommune, year]
        for _ in range(started - carried):
            start = b.day(date(year, 1, 15), date(year, 10, 1))
            days = b.rng.randint(25, 80)
            if start <= date(year, 8, 10) and b.rng.random() < 0.08:
                days = b.rng.randint(100, 130)  # beyond the three-month deadline (D3)
            concluded = start + timedelta(days=days)  # by 20 December
            investigations.append(_investigation(b, kommune, start, concluded))
        for _ in range(carried):
            start = b.day(date(year, 11, 10), date(year, 12, 20))
            concluded = b.day(date(year + 1, 1, 3), min(date(year + 1, 2, 10), start + timedelta(days=90)))
            investigations.append(_investigation(b, kommune, start, concluded))
        for _ in range(plan.henlagt[kommune, year]):
            cases.append(_henlagt(b, kommune, date(year, 1, 2), date(year, 12, 20)))
    cases += _place_spells(b, plan.spells, investigations, share=0.55)
    cases += [inv.case for inv in investigations]
    return [c.record(b) for c in sorted(cases, key=lambda c: (c.start, c.kommune))]


def plan_oppdal_rennebu() -> dict[str, list[Spell]]:
    """Spells per municipality: the stocks pr. 31.12.2022, plus some help that ended in 2022."""
    seeds = OPPDAL_RENNEBU
    spells: dict[str, list[Spell]] = {}
    for k in (RENNEBU, OPPDAL):
        placed = seeds["barn_frivillig_plassert_ved_slutt"][k]
        home = seeds["barn_med_hjelpetiltak_ved_slutt"][k] - placed
        spells[k] = (
            [Spell(k, "frivillig", 2021, 2023)] * placed
            + [Spell(k, "hjelp", 2020 + n % 3, 2023) for n in range(home)]
            + [Spell(k, "omsorg", 2019 + n % 4, 2023) for n in range(seeds["barn_under_omsorg_ved_slutt"][k])]
            + [Spell(k, "hjelp", 2022, 2022)] * (home // 4)
        )
    return spells


def build_oppdal_rennebu(b: _Builder) -> list[r.SakRecord]:
    seeds = OPPDAL_RENNEBU
    investigations: list[_Investigation] = []
    cases: list[_Case] = []
    h2 = date(2022, 7, 1)
    for k in (RENNEBU, OPPDAL):
        counted = 0  # meldinger received in the half-year so far
        for _ in range(seeds["undersokelser_avsluttet"][k]):
            concluded = b.day(date(2022, 7, 4), date(2022, 12, 22))
            start = concluded - timedelta(days=b.rng.randint(25, 85))
            inv = _investigation(b, k, start, concluded)
            counted += inv.case.start >= h2
            investigations.append(inv)
        rest = seeds["meldinger"][k] - counted
        if rest < 0:
            raise ValueError(f"{k}: flere meldinger fra undersøkelsene enn halvåret skal ha.")
        for _ in range(rest // 4):  # undersøkelser still open at New Year, concluded in 2023
            start = b.day(date(2022, 11, 10), date(2022, 12, 20))
            investigations.append(_investigation(b, k, start, b.day(date(2023, 1, 5), date(2023, 2, 10))))
        for _ in range(rest - rest // 4):
            cases.append(_henlagt(b, k, h2, date(2022, 12, 20)))
    spells = [s for k in (RENNEBU, OPPDAL) for s in plan_oppdal_rennebu()[k]]
    cases += _place_spells(b, spells, investigations, share=0.5)
    cases += [inv.case for inv in investigations]
    return [c.record(b) for c in sorted(cases, key=lambda c: (c.start, c.kommune))]


def _store(tjeneste: Tjeneste, records: list[r.SakRecord], rng: random.Random) -> None:
    ids = []
    for rec in records:
        ids.append(store_record(tjeneste, rec, source="demo").sak.pk)
    saker = list(m.Sak.objects.filter(pk__in=ids))
    for sak in saker:
        sak.fornavn, sak.etternavn = rng.choice(FORNAVN), rng.choice(ETTERNAVN)
    m.Sak.objects.bulk_update(saker, ["fornavn", "etternavn"], batch_size=500)


SAFE_FROM = date(2025, 1, 1)  # the other demo cases lie within two years before today


@register("seeds")
def load(today: date) -> None:
    if today < SAFE_FROM:
        warnings.warn(
            f"Demoen regnes fra {today:%d.%m.%Y}: de andre demosakene (de to siste årene) kan da "
            "havne i 2019–2022, og tallene fra presentasjonene stemmer ikke lenger. "
            f"Bruk en dato fra {SAFE_FROM:%d.%m.%Y}.",
            stacklevel=2,
        )
    used = set(m.Personalia.objects.values_list("fodselsnummer", flat=True))
    for slug, build in (("nord-osterdal", build_nord_osterdal), ("oppdal-rennebu", build_oppdal_rennebu)):
        tjeneste = Tjeneste.objects.get(slug=slug)
        b = _Builder(f"barnevern-demo-seeds-{slug}", used)
        _store(tjeneste, build(b), b.rng)
