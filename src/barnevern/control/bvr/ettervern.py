"""BVR rules on ``Ettervern`` (aftercare offer): K2a, K2c, K2e.

Source: ``spec/bvr-Kravspesifikasjon.md`` § Ettervern. None of these is downgraded for
MigrertId (the specification does not mark them).
"""

from __future__ import annotations

from collections.abc import Iterator

from barnevern.control.base import Severity
from barnevern.control.bvr.common import end_after_sak_end, start_after_end, start_before_sak_start
from barnevern.control.bvr.context import BvrContext, Hit, bvr_rule


@bvr_rule(
    "Ettervern K2a", Severity.ERROR, "Ettervernets tilbud-sendt-dato er etter sluttdato", needs="ettervern"
)
def ettervern_k2a(ctx: BvrContext) -> Iterator[Hit]:
    """TilbudSendtDato after Konklusjon/SluttDato."""
    return start_after_end(ctx.ettervern, "Ettervernets tilbudSendtDato", start=lambda e: e.tilbud_sendt_dato)


@bvr_rule(
    "Ettervern K2c", Severity.ERROR, "Ettervernets sluttdato er etter sakens sluttdato", needs="ettervern"
)
def ettervern_k2c(ctx: BvrContext) -> Iterator[Hit]:
    """Ettervern Konklusjon/SluttDato after the Sak's SluttDato."""
    return end_after_sak_end(ctx, ctx.ettervern, "Ettervern sin sluttdato")


@bvr_rule(
    "Ettervern K2e",
    Severity.ERROR,
    "Ettervernets tilbud-sendt-dato er før sakens startdato",
    needs="ettervern",
)
def ettervern_k2e(ctx: BvrContext) -> Iterator[Hit]:
    """TilbudSendtDato before the Sak's StartDato."""
    return start_before_sak_start(
        ctx,
        ctx.ettervern,
        "Ettervern sin tilbud-sendt-dato",
        start=lambda e: e.tilbud_sendt_dato,
    )
