"""Every statutory deadline of one case (``SakRecord``), with its status as of "today".

Derives, from BVR-shaped records (``reference/domain-rules.md`` §1.2;
``reference/ssb-barnevern.md`` §1.2–1.4):

* D1 review and D2 «mottak» feedback for each Melding (D2 completion is not in BVR: pass it
  in ``completed[("D2", melding_id)]`` or switch D2 off in the config);
* D2 «etter undersøkelse» for each concluded Undersokelse whose melding came from a public
  melder (:func:`barnevern.rules.melder.is_public_melder`), completed by
  ``completed[("D2", undersokelse_id)]``;
* D3 for each Undersokelse (6 months when ``UtvidetFrist/@Innvilget`` = 1), and for a
  Melding concluded «ikke henlagt» (code 2) with no investigation recorded;
* D4 investigation plan (Plantype 7) for investigations started from 2023-01-01;
* D5 tiltaksplan (Plantype 1) for each hjelpetiltak under bvl. 1992 § 4-4 / bvl. 2021
  §§ 3-1 to 3-5, and the plan's evaluations every ``plan_evaluation_interval``;
* D6–D9, D12–D14 via :mod:`barnevern.rules.deadlines.orders`.

D10 and D11 have no deadline derivable from BVR (no time limit; appeals are not recorded).
Deadlines of elements concluded long ago still appear, as met or breached, for
retrospective compliance.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from barnevern.records import Melding, SakRecord, Tiltak, Undersokelse
from barnevern.rules.deadlines.context import CaseContext, plan_end
from barnevern.rules.deadlines.model import LAW_CHANGE, DeadlineConfig, DeadlineItem, rule_number
from barnevern.rules.deadlines.orders import order_items
from barnevern.rules.deadlines.plans import covering_plan_date, first_plan_date, live_plans
from barnevern.rules.deadlines.statutory import (
    DEFAULT_CONFIG,
    d1_melding_review,
    d2_feedback_after_investigation,
    d2_feedback_to_reporter,
    d3_investigation,
    d4_investigation_plan,
    d5_measure_plan,
    d5_plan_evaluation,
)
from barnevern.rules.measures import is_hjelpetiltak, matches
from barnevern.rules.melder import is_public_melder

__all__ = ["MEASURE_PLAN_BASES", "deadlines_for_sak", "needs_measure_plan"]

MEASURE_PLAN_BASES: tuple[tuple[str, str, str], ...] = (
    ("BVL", "4", "4"),
    ("BVL2021", "3", "1"),
    ("BVL2021", "3", "2"),
    ("BVL2021", "3", "3"),
    ("BVL2021", "3", "4"),
    ("BVL2021", "3", "5"),
)
"""Legal bases of hjelpetiltak that need a tiltaksplan (Plantype 1). Aftercare (2021 § 3-6)
has its own plan type 5, behaviour placements type 2 and emergency decisions type 8."""


def deadlines_for_sak(
    sak: SakRecord,
    today: date,
    config: DeadlineConfig = DEFAULT_CONFIG,
    *,
    completed: Mapping[tuple[str, str], date] | None = None,
) -> list[DeadlineItem]:
    """All deadlines of ``sak`` as of ``today``, sorted by due date then rule.

    ``completed`` maps ``(rule, element_id)`` to the date a duty BVR does not record was done
    (D2: ``("D2", melding_id)`` for the feedback on receipt, ``("D2", undersokelse_id)`` for the
    feedback to a public melder after the investigation).
    """
    if sak.er_slettet:
        return []
    ctx = CaseContext(sak, today, config, dict(completed or {}))
    items: list[DeadlineItem | None] = []
    meldinger = [m for m in sak.meldinger if ctx.live("Melding", m.id, m.er_slettet, m.start_dato)]
    items += _melding_items(ctx, meldinger)
    items += _investigation_items(ctx, meldinger)
    items += _measure_plan_items(ctx)
    items += _evaluation_items(ctx)
    items += order_items(ctx)
    found = [item for item in items if item is not None]
    return sorted(found, key=lambda i: (i.due, rule_number(i.rule), i.element_id, i.part))


def _melding_items(ctx: CaseContext, meldinger: Sequence[Melding]) -> list[DeadlineItem | None]:
    items: list[DeadlineItem | None] = []
    for melding in meldinger:
        concluded = melding.konklusjon.slutt_dato if melding.konklusjon else None
        d1 = d1_melding_review(melding.start_dato, ctx.config)
        items.append(ctx.item(d1, "Melding", melding.id, ctx.known(concluded)))
        anonymous = bool(melding.melder) and all(k.kode.strip() == "23" for k in melding.melder)
        if ctx.config.include_feedback and not anonymous:  # an anonymous melder cannot be answered
            d2 = d2_feedback_to_reporter(melding.start_dato, ctx.config)
            done = ctx.known(ctx.completed.get(("D2", melding.id)))
            items.append(ctx.item(d2, "Melding", melding.id, done, part="mottak"))
    return items


def _meldinger_for(
    ctx: CaseContext, undersokelse: Undersokelse, meldinger: Sequence[Melding]
) -> list[Melding]:
    """The meldinger that belong to the investigation: by Relasjon, else the «ikke henlagt»
    meldinger concluded on the investigation's start date (BVR XSD)."""
    linked = ctx.linked("Undersokelse", undersokelse.id, "Melding")
    candidates = [m for m in meldinger if m.id in linked]
    if not candidates:
        candidates = [
            m
            for m in meldinger
            if m.konklusjon is not None
            and m.konklusjon.kode == "2"
            and m.konklusjon.slutt_dato == undersokelse.start_dato
        ]
    return sorted(candidates, key=lambda m: m.start_dato)


def _melding_for(
    ctx: CaseContext, undersokelse: Undersokelse, meldinger: Sequence[Melding]
) -> Melding | None:
    """The melding that opened the investigation (the earliest of :func:`_meldinger_for`)."""
    found = _meldinger_for(ctx, undersokelse, meldinger)
    return found[0] if found else None


def _feedback_after_investigation(
    ctx: CaseContext, undersokelse: Undersokelse, meldinger: Sequence[Melding]
) -> DeadlineItem | None:
    """D2 «etter undersøkelse»: 3 weeks after a concluded investigation, when one of its
    meldinger came from a public melder (one item per investigation: one letter per melder
    is the casework's business; the deadline is the same)."""
    if not ctx.config.include_feedback or undersokelse.konklusjon is None:
        return None
    concluded = ctx.known(undersokelse.konklusjon.slutt_dato)
    if concluded is None:
        return None
    own = _meldinger_for(ctx, undersokelse, meldinger)
    if not any(is_public_melder(k.kode for k in m.melder) for m in own):
        return None
    d2 = d2_feedback_after_investigation(concluded, ctx.config)
    done = ctx.known(ctx.completed.get(("D2", undersokelse.id)))
    return ctx.item(d2, "Undersokelse", undersokelse.id, done, part="etter undersøkelse")


def _investigation_items(ctx: CaseContext, meldinger: Sequence[Melding]) -> list[DeadlineItem | None]:
    items: list[DeadlineItem | None] = []
    undersokelser = sorted(
        (u for u in ctx.sak.undersokelser if ctx.live("Undersokelse", u.id, u.er_slettet, u.start_dato)),
        key=lambda u: u.start_dato,
    )
    opened: set[str] = set()
    for index, u in enumerate(undersokelser):
        melding = _melding_for(ctx, u, meldinger)
        if melding is not None:
            opened.add(melding.id)
        extension = u.utvidet_frist
        granted = extension is not None and extension.innvilget == "1"
        granted = granted and extension is not None and extension.start_dato <= ctx.today
        d3 = d3_investigation(
            melding.start_dato if melding else None,
            melding_concluded=u.start_dato,
            extension_granted=granted,
            config=ctx.config,
        )
        note = "" if melding else "Melding ikke funnet; fristen regnes fra undersøkelsens start."
        concluded = ctx.known(u.konklusjon.slutt_dato if u.konklusjon else None)
        items.append(ctx.item(d3, "Undersokelse", u.id, concluded, note_nb=note))
        items.append(_feedback_after_investigation(ctx, u, meldinger))
        if u.start_dato >= LAW_CHANGE and d3.due is not None:
            d4 = d4_investigation_plan(u.start_dato, d3.due, ctx.config)
            following = undersokelser[index + 1].start_dato if index + 1 < len(undersokelser) else None
            plan_day = first_plan_date(ctx, "Undersokelse", u.id, ("7",), u.start_dato, following)
            items.append(ctx.item(d4, "Undersokelse", u.id, plan_day))
    for melding in meldinger:
        konklusjon = melding.konklusjon
        if melding.id in opened or konklusjon is None or konklusjon.kode != "2":
            continue
        if konklusjon.slutt_dato > ctx.today:
            continue
        d3 = d3_investigation(melding.start_dato, melding_concluded=konklusjon.slutt_dato, config=ctx.config)
        note = "Melding ikke henlagt, men ingen undersøkelse er registrert."
        items.append(ctx.item(d3, "Melding", melding.id, None, note_nb=note))
    return items


def needs_measure_plan(tiltak: Tiltak) -> bool:
    """True for a hjelpetiltak whose legal basis is in :data:`MEASURE_PLAN_BASES`."""
    return is_hjelpetiltak(tiltak) and any(matches(tiltak.lovhjemmel, *basis) for basis in MEASURE_PLAN_BASES)


def _measure_plan_items(ctx: CaseContext) -> list[DeadlineItem | None]:
    items: list[DeadlineItem | None] = []
    for tiltak in ctx.sak.tiltak:
        if not ctx.live("Tiltak", tiltak.id, tiltak.er_slettet, tiltak.start_dato):
            continue
        if not needs_measure_plan(tiltak):
            continue
        d5 = d5_measure_plan(tiltak.start_dato, ctx.config)
        planned = covering_plan_date(ctx, tiltak, ("1",))
        items.append(ctx.item(d5, "Tiltak", tiltak.id, planned, part="plan"))
    return items


def _evaluation_items(ctx: CaseContext) -> list[DeadlineItem | None]:
    """Evaluations chained from the plan's start: each is due one interval after the
    previous evaluation (or the start); a late one is breached and the chain goes on from
    it. After the last evaluation one open item follows unless the plan ended first."""
    items: list[DeadlineItem | None] = []
    for plan in live_plans(ctx, ctx.config.evaluated_plan_types):
        previous = plan.start_dato
        ends = ctx.known(plan_end(plan))
        done = sorted(e for e in plan.evalueringer if plan.start_dato <= e <= ctx.today)
        number = 0
        for evaluated in done:
            number += 1
            deadline = d5_plan_evaluation(previous, ctx.config)
            items.append(ctx.item(deadline, "Plan", plan.id, evaluated, part=f"evaluering {number}"))
            previous = evaluated
        deadline = d5_plan_evaluation(previous, ctx.config)
        if deadline.due is not None and (ends is None or deadline.due <= ends):
            part = f"evaluering {number + 1}"
            items.append(ctx.item(deadline, "Plan", plan.id, None, part=part))
    return items
