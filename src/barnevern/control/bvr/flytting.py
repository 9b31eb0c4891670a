"""BVR rules on ``Flytting`` (moves of a child in care): K2c, K2f.

Source: ``spec/bvr-Kravspesifikasjon.md`` § Flytting.
"""

from __future__ import annotations

from collections.abc import Iterator

from barnevern.control.base import Severity
from barnevern.control.bvr.common import end_after_sak_end, start_before_sak_start
from barnevern.control.bvr.context import BvrContext, Hit, bvr_rule


@bvr_rule(
    "Flytting K2c",
    Severity.ERROR,
    "Flyttingens sluttdato er etter sakens sluttdato (WARNING med MigrertId)",
    migrert_downgrade=True,
    needs="flyttinger",
)
def flytting_k2c(ctx: BvrContext) -> Iterator[Hit]:
    """Flytting SluttDato after the Sak's SluttDato."""
    return end_after_sak_end(ctx, ctx.flyttinger, "Flyttingens sluttdato", end=lambda f: f.slutt_dato)


@bvr_rule(
    "Flytting K2f",
    Severity.ERROR,
    "Flyttingens sluttdato er før sakens startdato (WARNING med MigrertId)",
    migrert_downgrade=True,
    needs="flyttinger",
)
def flytting_k2f(ctx: BvrContext) -> Iterator[Hit]:
    """Flytting SluttDato before the Sak's StartDato."""
    return start_before_sak_start(ctx, ctx.flyttinger, "Flyttingens sluttdato", start=lambda f: f.slutt_dato)
