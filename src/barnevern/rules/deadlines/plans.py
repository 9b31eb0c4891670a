"""Matching plans (BVR ``Plan``) to the investigations and measures they belong to.

A plan belongs to an element when a ``Relasjon`` links them; without a link, by dates
(``reference/ssb-barnevern.md`` §1.3 lists the links BVR requires; plans are not among them,
so date matching is the usual case). Plan types: ``reference/ssb-barnevern.md`` §1.4.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from barnevern.records import Plan, Tiltak
from barnevern.rules.deadlines.context import CaseContext, plan_end
from barnevern.rules.measures import end_date

__all__ = ["covering_plan_date", "first_plan_date", "live_plans"]


def live_plans(ctx: CaseContext, types: Iterable[str]) -> list[Plan]:
    """Plans of the given types that are not deleted and exist on ``today``."""
    wanted = {t.strip() for t in types}
    return [
        p
        for p in ctx.sak.planer
        if p.plantype.strip() in wanted and ctx.live("Plan", p.id, p.er_slettet, p.start_dato)
    ]


def first_plan_date(
    ctx: CaseContext,
    element_type: str,
    element_id: str,
    types: Iterable[str],
    after: date,
    before: date | None,
) -> date | None:
    """Start of the first plan of ``types`` linked to the element, else the first one started
    on or after ``after`` (and before ``before``)."""
    plans = live_plans(ctx, types)
    linked = ctx.linked(element_type, element_id, "Plan")
    chosen = [p for p in plans if p.id in linked] or [
        p for p in plans if p.start_dato >= after and (before is None or p.start_dato < before)
    ]
    return min((p.start_dato for p in chosen), default=None)


def covering_plan_date(ctx: CaseContext, tiltak: Tiltak, types: Iterable[str]) -> date | None:
    """The day a plan of ``types`` first covers the measure: its start if a plan runs then,
    else the start of the first plan begun while the measure runs. Linked plans first."""
    plans = live_plans(ctx, types)
    linked = ctx.linked("Tiltak", tiltak.id, "Plan")
    plans = [p for p in plans if p.id in linked] or plans
    last = end_date(tiltak)
    days: list[date] = []
    for plan in plans:
        ends = plan_end(plan)
        if plan.start_dato <= tiltak.start_dato and (ends is None or ends >= tiltak.start_dato):
            days.append(tiltak.start_dato)
        elif plan.start_dato > tiltak.start_dato and (last is None or plan.start_dato <= last):
            days.append(plan.start_dato)
    return ctx.known(min(days, default=None))
