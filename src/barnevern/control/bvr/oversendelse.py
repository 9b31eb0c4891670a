"""BVR rules on ``OversendelseFylkesnemnd`` (request to the county board): K2e, K2f, K5.

Source: ``spec/bvr-Kravspesifikasjon.md`` § Oversendelse til fylkesnemnd.
"""

from __future__ import annotations

from collections.abc import Iterator

from barnevern.control.base import Severity
from barnevern.control.bvr.common import start_before_sak_start
from barnevern.control.bvr.context import BvrContext, Hit, bvr_rule, fmt, hit
from barnevern.control.bvr.vedtak import wrong_act


@bvr_rule(
    "OversendelseFylkesnemnd K2e",
    Severity.ERROR,
    "Oversendelsens startdato er før sakens startdato",
    needs="oversendelser",
)
def oversendelse_k2e(ctx: BvrContext) -> Iterator[Hit]:
    """OversendelseFylkesnemnd StartDato before the Sak's StartDato."""
    return start_before_sak_start(ctx, ctx.oversendelser, "Oversendelse til fylkesnemndens startdato")


@bvr_rule(
    "OversendelseFylkesnemnd K2f",
    Severity.ERROR,
    "Oversendelsens startdato er etter sakens sluttdato",
    needs="oversendelser",
)
def oversendelse_k2f(ctx: BvrContext) -> Iterator[Hit]:
    """OversendelseFylkesnemnd StartDato after the Sak's SluttDato."""
    end = ctx.sak.slutt_dato
    if end is None:
        return
    for o in ctx.oversendelser:
        if o.start_dato > end:
            yield hit(
                o,
                f"Oversendelse til fylkesnemndens startdato {fmt(o.start_dato)} er etter sakens "
                f"sluttdato {fmt(end)}. Rett datoen, eller åpne saken igjen.",
            )


@bvr_rule(
    "OversendelseFylkesnemnd K5",
    Severity.ERROR,
    "Oversendelsens lovhjemmel refererer til feil barnevernlov",
    needs="oversendelser",
)
def oversendelse_k5(ctx: BvrContext) -> Iterator[Hit]:
    """StartDato before 2023 with Lov BVL2021, or from 2023 with Lov BVL (Lovhjemmel only)."""
    for o in ctx.oversendelser:
        message = wrong_act(o.start_dato, o.lovhjemmel)
        if message:
            yield hit(o, f"{message} Oversendelsen er datert {fmt(o.start_dato)}.")
