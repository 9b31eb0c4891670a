"""BVR rules on ``Melding`` (bekymringsmelding), ``Melder`` and ``Saksinnhold``.

Melding K2a, K2c, K2e, K3, K4, K5, K19; Melder K2; Saksinnhold K2.
Source: ``spec/bvr-Kravspesifikasjon.md`` § Melding.
"""

from __future__ import annotations

from collections.abc import Iterator

from barnevern.control.base import Severity
from barnevern.control.bvr.common import (
    duplicates,
    end_after_sak_end,
    end_of,
    start_after_end,
    start_before_sak_start,
)
from barnevern.control.bvr.context import BvrContext, Hit, bvr_rule, fmt, hit

MELDING_DEADLINE_DAYS = 7  # barnevernsloven § 2-1: a melding is reviewed within one week


@bvr_rule("Melding K2a", Severity.ERROR, "Meldingens startdato er etter sluttdato", needs="meldinger")
def melding_k2a(ctx: BvrContext) -> Iterator[Hit]:
    """Melding StartDato after Konklusjon/SluttDato."""
    return start_after_end(ctx.meldinger, "Meldingens startdato")


@bvr_rule(
    "Melding K2c",
    Severity.ERROR,
    "Meldingens sluttdato er etter sakens sluttdato (WARNING med MigrertId)",
    migrert_downgrade=True,
    needs="meldinger",
)
def melding_k2c(ctx: BvrContext) -> Iterator[Hit]:
    """Melding Konklusjon/SluttDato after the Sak's SluttDato."""
    return end_after_sak_end(ctx, ctx.meldinger, "Meldingens sluttdato")


@bvr_rule(
    "Melding K2e",
    Severity.ERROR,
    "Meldingens startdato er før sakens startdato (WARNING med MigrertId)",
    migrert_downgrade=True,
    needs="meldinger",
)
def melding_k2e(ctx: BvrContext) -> Iterator[Hit]:
    """Melding StartDato before the Sak's StartDato."""
    return start_before_sak_start(ctx, ctx.meldinger, "Meldingens startdato")


@bvr_rule(
    "Melding K3",
    Severity.WARNING,
    "Meldingen er konkludert mer enn 7 dager etter at den ble mottatt",
    needs="meldinger",
)
def melding_k3(ctx: BvrContext) -> Iterator[Hit]:
    """Konklusjon/SluttDato more than 7 days after StartDato.

    Plain calendar days as the BVR specification says (the 15F rule allows one more day).
    Unconcluded meldinger are not checked, as in the specification.
    """
    for m in ctx.meldinger:
        end = end_of(m)
        if end is not None and (end - m.start_dato).days > MELDING_DEADLINE_DAYS:
            yield hit(
                m,
                f"Fristoverskridelse på behandlingstid for melding ({fmt(m.start_dato)} -> "
                f"{fmt(end)}, {(end - m.start_dato).days} dager). Meldingen skal gjennomgås "
                "innen én uke; kontroller datoene.",
            )


@bvr_rule("Melding K4", Severity.ERROR, "Konkludert melding mangler melder", needs="meldinger")
def melding_k4(ctx: BvrContext) -> Iterator[Hit]:
    """A concluded Melding without any Melder."""
    for m in ctx.meldinger:
        if m.konklusjon is not None and not m.melder:
            yield hit(m, "Konkludert melding mangler melder(e). Registrer hvem som meldte.")


@bvr_rule("Melding K5", Severity.ERROR, "Konkludert melding mangler saksinnhold", needs="meldinger")
def melding_k5(ctx: BvrContext) -> Iterator[Hit]:
    """A concluded Melding without any Saksinnhold."""
    for m in ctx.meldinger:
        if m.konklusjon is not None and not m.saksinnhold:
            yield hit(m, "Konkludert melding mangler saksinnhold. Registrer saksinnhold.")


@bvr_rule(
    "Melding K19",
    Severity.INFO,
    "To eller flere konkluderte meldinger har identisk innhold, men forskjellige identer",
    needs="meldinger",
)
def melding_k19(ctx: BvrContext) -> Iterator[Hit]:
    """Concluded meldinger with identical content but different Id."""
    concluded = [m for m in ctx.meldinger if m.konklusjon is not None]
    return duplicates(concluded, "meldinger")


@bvr_rule("Melder K2", Severity.ERROR, "Melder med kode 22 mangler presisering", needs="meldinger")
def melder_k2(ctx: BvrContext) -> Iterator[Hit]:
    """Melder code 22 (Andre offentlige instanser) without Presisering."""
    for m in ctx.meldinger:
        for melder in m.melder:
            if melder.kode == "22" and not (melder.presisering or "").strip():
                yield hit(
                    m,
                    f"Melder med kode ({melder.kode}) mangler presisering. Skriv hvilken "
                    "offentlig instans som meldte.",
                )


@bvr_rule(
    "Saksinnhold K2",
    Severity.ERROR,
    "Saksinnhold med kode 18 eller 19 mangler presisering",
    needs="meldinger",
)
def saksinnhold_k2(ctx: BvrContext) -> Iterator[Hit]:
    """Saksinnhold code 18 or 19 (Andre forhold ...) without Presisering."""
    for m in ctx.meldinger:
        for innhold in m.saksinnhold:
            if innhold.kode in ("18", "19") and not (innhold.presisering or "").strip():
                yield hit(
                    m,
                    f"Saksinnhold med kode ({innhold.kode}) mangler presisering. Beskriv "
                    "forholdet i Presisering.",
                )
