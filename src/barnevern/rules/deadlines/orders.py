"""Deadlines of decisions and placements in one case: D6–D9 and D12–D14.

Source: ``reference/domain-rules.md`` §1.2; legal bases and codes from
``reference/ssb-barnevern.md`` §1.2–1.4.

* D6 omsorgsplan (Plantype 4, or 3 until 2022) for each omsorgstiltak (care-order measure by
  its Lovhjemmel, :func:`barnevern.rules.measures.is_omsorgstiltak`).
* D7 carrying out a care order: from the board's approval (Vedtak with a care-order basis,
  Status 1 «Godkjent»), met when an omsorgstiltak runs (linked Tiltak first).
* D8 / D9 emergency decisions: Vedtak with Lovhjemmel BVL2021 § 4-2 / § 4-4, or BVL (1992)
  § 4-6 second / fourth paragraph, or § 4-25 (second paragraph or none). «Sent» is the
  earliest of a linked OversendelseFylkesnemnd, a Vedtak Status 2 («Begjæring oversendt
  nemnd») and an OversendelseFylkesnemnd started while the decision ran. A decision that
  ended before its deadline without lapsing (no Status 3) needs no request: met on its end.
* D12 / D13 visits from ``Tiltak/Oppfolging`` and ``Tiltak/Tilsyn`` (see ``visits``).
* D14 aftercare age limit for each Ettervern offer and each measure running after 18.
"""

from __future__ import annotations

from datetime import date

from barnevern.records import Tiltak, Vedtak
from barnevern.rules.dates import add_years
from barnevern.rules.deadlines.context import CaseContext
from barnevern.rules.deadlines.model import Deadline, DeadlineItem
from barnevern.rules.deadlines.plans import covering_plan_date
from barnevern.rules.deadlines.statutory import (
    d6_care_plan,
    d7_care_order_execution,
    d8_emergency_placement,
    d9_emergency_behaviour,
    d14_aftercare_age_limit,
)
from barnevern.rules.deadlines.visits import EMERGENCY_HOME_CODE, visit_items
from barnevern.rules.measures import (
    end_date,
    is_care_order_basis,
    is_omsorgstiltak,
    ledd_of,
    matches,
)

__all__ = ["emergency_rule", "order_items"]


def emergency_rule(vedtak: Vedtak) -> str | None:
    """``"D8"``, ``"D9"`` or ``None`` from the decision's legal basis."""
    hjemmel = vedtak.lovhjemmel
    ledd = ledd_of(hjemmel)
    if matches(hjemmel, "BVL2021", "4", "2"):
        return "D8"
    if matches(hjemmel, "BVL2021", "4", "4"):
        return "D9"
    if matches(hjemmel, "BVL", "4", "6"):
        if "2" in ledd:
            return "D8"
        if "4" in ledd:
            return "D9"
    if matches(hjemmel, "BVL", "4", "25") and (not ledd or "2" in ledd):
        return "D9"
    return None


def order_items(ctx: CaseContext) -> list[DeadlineItem | None]:
    """D6–D9 and D12–D14 items of the case in ``ctx``."""
    tiltak = [t for t in ctx.sak.tiltak if ctx.live("Tiltak", t.id, t.er_slettet, t.start_dato)]
    vedtak = [v for v in ctx.sak.vedtak if ctx.live("Vedtak", v.id, v.er_slettet, v.start_dato)]
    items: list[DeadlineItem | None] = []
    items += _care_plan_items(ctx, tiltak)
    items += _care_order_items(ctx, vedtak, tiltak)
    items += _emergency_items(ctx, vedtak)
    items += _visit_items(ctx, tiltak)
    items += _aftercare_items(ctx, tiltak)
    return items


def _care_plan_items(ctx: CaseContext, tiltak: list[Tiltak]) -> list[DeadlineItem | None]:
    items: list[DeadlineItem | None] = []
    for measure in tiltak:
        if not is_omsorgstiltak(measure):
            continue
        d6 = d6_care_plan(measure.start_dato, ctx.config)
        planned = covering_plan_date(ctx, measure, ctx.config.care_plan_types)
        items.append(ctx.item(d6, "Tiltak", measure.id, planned))
    return items


def _care_order_items(
    ctx: CaseContext, vedtak: list[Vedtak], tiltak: list[Tiltak]
) -> list[DeadlineItem | None]:
    items: list[DeadlineItem | None] = []
    for decision in vedtak:
        if not is_care_order_basis(decision.lovhjemmel, decision.jmfr_lovhjemmel):
            continue
        approved = [s.endret_dato for s in decision.status if s.kode == "1"]
        approved = [day for day in approved if day <= ctx.today]
        if not approved:
            continue
        d7 = d7_care_order_execution(min(approved), ctx.config)
        linked = ctx.linked("Vedtak", decision.id, "Tiltak")
        measures = [t for t in tiltak if t.id in linked] or [
            t for t in tiltak if is_omsorgstiltak(t)
        ]
        carried_out = _first_running_day(measures, d7.start)
        items.append(ctx.item(d7, "Vedtak", decision.id, ctx.known(carried_out)))
    return items


def _first_running_day(measures: list[Tiltak], since: date) -> date | None:
    days: list[date] = []
    for measure in measures:
        last = end_date(measure)
        if last is not None and last < since:
            continue
        days.append(max(measure.start_dato, since))
    return min(days, default=None)


def _emergency_items(ctx: CaseContext, vedtak: list[Vedtak]) -> list[DeadlineItem | None]:
    items: list[DeadlineItem | None] = []
    oversendelser = [
        o
        for o in ctx.sak.oversendelser
        if ctx.live("OversendelseFylkesnemnd", o.id, o.er_slettet, o.start_dato)
    ]
    for decision in vedtak:
        rule = emergency_rule(decision)
        if rule is None:
            continue
        deadline: Deadline = (
            d8_emergency_placement(decision.start_dato, config=ctx.config)
            if rule == "D8"
            else d9_emergency_behaviour(decision.start_dato, ctx.config)
        )
        ended = decision.konklusjon.slutt_dato if decision.konklusjon else None
        linked = ctx.linked("Vedtak", decision.id, "OversendelseFylkesnemnd")
        sent = [o.start_dato for o in oversendelser if o.id in linked]
        sent += [s.endret_dato for s in decision.status if s.kode == "2"]
        if not sent:
            sent = [
                o.start_dato
                for o in oversendelser
                if o.start_dato >= decision.start_dato and (ended is None or o.start_dato <= ended)
            ]
        sent_on = ctx.known(min(sent, default=None))
        note = ""
        lapsed = any(s.kode == "3" for s in decision.status)
        ended_in_time = ended is not None and deadline.due is not None and ended <= deadline.due
        if sent_on is None and ended_in_time and not lapsed and ctx.known(ended):
            sent_on = ended
            note = "Vedtaket opphørte før fristen; begjæring var ikke nødvendig."
        items.append(ctx.item(deadline, "Vedtak", decision.id, sent_on, note_nb=note))
    return items


def _birth(ctx: CaseContext) -> date | None:
    personalia = ctx.sak.current_personalia()
    return personalia.fodseldato if personalia else None


def _visit_items(ctx: CaseContext, tiltak: list[Tiltak]) -> list[DeadlineItem | None]:
    items: list[DeadlineItem | None] = []
    birth = _birth(ctx)
    for measure in tiltak:
        emergency_home = measure.kategori.kode.strip() == EMERGENCY_HOME_CODE
        if emergency_home and not ctx.config.visits_in_emergency_homes:
            continue
        if measure.oppfolging is not None:
            follow_up = measure.oppfolging
            items += visit_items(
                ctx.sak.id,
                measure,
                "D12",
                follow_up.hyppighet,
                follow_up.utfort,
                ctx.today,
                ctx.config,
            )
        if measure.tilsyn is not None:
            supervision = measure.tilsyn
            items += visit_items(
                ctx.sak.id,
                measure,
                "D13",
                supervision.hyppighet,
                supervision.utfort,
                ctx.today,
                ctx.config,
                birth=birth,
            )
    return items


def _aftercare_items(ctx: CaseContext, tiltak: list[Tiltak]) -> list[DeadlineItem | None]:
    birth = _birth(ctx)
    if birth is None:
        return []
    items: list[DeadlineItem | None] = []
    adult = add_years(birth, 18)
    for offer in ctx.sak.ettervern:
        if not ctx.live("Ettervern", offer.id, offer.er_slettet, offer.tilbud_sendt_dato):
            continue
        d14 = d14_aftercare_age_limit(birth, event=offer.tilbud_sendt_dato, config=ctx.config)
        ended = ctx.known(offer.konklusjon.slutt_dato if offer.konklusjon else None)
        items.append(ctx.item(d14, "Ettervern", offer.id, ended))
    for measure in tiltak:
        last = end_date(measure)
        ran_until = min(last, ctx.today) if last is not None else ctx.today
        if max(measure.start_dato, adult) > ran_until:
            continue  # the measure did not run on or after the 18th birthday
        event = max(measure.start_dato, adult)
        d14 = d14_aftercare_age_limit(birth, event=event, config=ctx.config)
        items.append(ctx.item(d14, "Tiltak", measure.id, ctx.known(last)))
    return items
