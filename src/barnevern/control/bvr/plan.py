"""BVR rules on ``Plan``: K2a, K2c, K2e, K2f, K2g, K19.

Source: ``spec/bvr-Kravspesifikasjon.md`` § Plan.
"""

from __future__ import annotations

from collections.abc import Iterator

from barnevern.control.base import Severity
from barnevern.control.bvr.common import (
    duplicates,
    end_after_sak_end,
    start_after_end,
    start_before_sak_start,
)
from barnevern.control.bvr.context import BvrContext, Hit, bvr_rule, fmt, hit


@bvr_rule("Plan K2a", Severity.ERROR, "Planens startdato er etter sluttdato", needs="planer")
def plan_k2a(ctx: BvrContext) -> Iterator[Hit]:
    """Plan StartDato after Konklusjon/SluttDato."""
    return start_after_end(ctx.planer, "Planens startdato")


@bvr_rule(
    "Plan K2c",
    Severity.ERROR,
    "Planens sluttdato er etter sakens sluttdato (WARNING med MigrertId)",
    migrert_downgrade=True,
    needs="planer",
)
def plan_k2c(ctx: BvrContext) -> Iterator[Hit]:
    """Plan Konklusjon/SluttDato after the Sak's SluttDato."""
    return end_after_sak_end(ctx, ctx.planer, "Planens sluttdato")


@bvr_rule(
    "Plan K2e",
    Severity.ERROR,
    "Planens startdato er før sakens startdato (WARNING med MigrertId)",
    migrert_downgrade=True,
    needs="planer",
)
def plan_k2e(ctx: BvrContext) -> Iterator[Hit]:
    """Plan StartDato before the Sak's StartDato."""
    return start_before_sak_start(ctx, ctx.planer, "Planens startdato")


@bvr_rule("Plan K2f", Severity.ERROR, "Utført evaluering er etter sakens sluttdato", needs="planer")
def plan_k2f(ctx: BvrContext) -> Iterator[Hit]:
    """Evaluering/@UtfortDato after the Sak's SluttDato.

    The specification's "gitt" also names Plan/Konklusjon/SluttDato, but the check compares
    with the Sak's end; like ``ssb-barnevern.md`` §2.2 we require only the Sak's SluttDato.
    """
    end = ctx.sak.slutt_dato
    if end is None:
        return
    for p in ctx.planer:
        for day in p.evalueringer:
            if day > end:
                yield hit(
                    p,
                    f"Utført evaluering {fmt(day)} er etter sakens sluttdato {fmt(end)}. "
                    "Rett evalueringsdatoen.",
                )


@bvr_rule("Plan K2g", Severity.ERROR, "Utført evaluering er før sakens startdato", needs="planer")
def plan_k2g(ctx: BvrContext) -> Iterator[Hit]:
    """Evaluering/@UtfortDato before the Sak's StartDato."""
    start = ctx.sak.start_dato
    for p in ctx.planer:
        for day in p.evalueringer:
            if day < start:
                yield hit(
                    p,
                    f"Utført evaluering {fmt(day)} er før sakens startdato {fmt(start)}. "
                    "Rett evalueringsdatoen.",
                )


@bvr_rule(
    "Plan K19",
    Severity.INFO,
    "To eller flere planer har identisk innhold, men forskjellige identer",
    needs="planer",
)
def plan_k19(ctx: BvrContext) -> Iterator[Hit]:
    """Planer with identical content but different Id."""
    return duplicates(ctx.planer, "Planer")
