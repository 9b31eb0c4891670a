"""BVR rules on ``Undersokelse`` (investigation): K2a, K2c, K2e, K3, K7, K11, K19, K20, K21.

Source: ``spec/bvr-Kravspesifikasjon.md`` § Undersøkelse; deadline arithmetic from
``domain-rules.md`` §1 (D3) and ``barnevern.rules.dates``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from barnevern.control.base import Severity
from barnevern.control.bvr.common import (
    duplicates,
    end_after_sak_end,
    start_after_end,
    start_before_sak_start,
)
from barnevern.control.bvr.context import BvrContext, Hit, bvr_rule, fmt, hit
from barnevern.records import Undersokelse
from barnevern.rules.dates import add_days, add_months

REVIEW_DAYS = 7  # § 2-1: the melding is reviewed within one week
DEADLINE_MONTHS = 3  # § 2-2: the investigation is finished within three months ...
EXTENDED_MONTHS = 6  # ... or six months "i særlige tilfeller"


@bvr_rule(
    "Undersøkelse K2a", Severity.ERROR, "Undersøkelsens startdato er etter sluttdato", needs="undersokelser"
)
def undersokelse_k2a(ctx: BvrContext) -> Iterator[Hit]:
    """Undersokelse StartDato after Konklusjon/SluttDato."""
    return start_after_end(ctx.undersokelser, "Undersøkelsens startdato")


@bvr_rule(
    "Undersøkelse K2c",
    Severity.ERROR,
    "Undersøkelsens sluttdato er etter sakens sluttdato (WARNING med MigrertId)",
    migrert_downgrade=True,
    needs="undersokelser",
)
def undersokelse_k2c(ctx: BvrContext) -> Iterator[Hit]:
    """Undersokelse Konklusjon/SluttDato after the Sak's SluttDato."""
    return end_after_sak_end(ctx, ctx.undersokelser, "Undersøkelsens sluttdato")


@bvr_rule(
    "Undersøkelse K2e",
    Severity.ERROR,
    "Undersøkelsens startdato er før sakens startdato (WARNING med MigrertId)",
    migrert_downgrade=True,
    needs="undersokelser",
)
def undersokelse_k2e(ctx: BvrContext) -> Iterator[Hit]:
    """Undersokelse StartDato before the Sak's StartDato."""
    return start_before_sak_start(ctx, ctx.undersokelser, "Undersøkelsens startdato")


@bvr_rule(
    "Undersøkelse K3",
    Severity.ERROR,
    "Vedtaksgrunnlag med kode 18 eller 19 mangler presisering",
    needs="undersokelser",
)
def undersokelse_k3(ctx: BvrContext) -> Iterator[Hit]:
    """Vedtaksgrunnlag code 18 or 19 without Presisering."""
    for u in ctx.undersokelser:
        for grunnlag in u.vedtaksgrunnlag:
            if grunnlag.kode in ("18", "19") and not (grunnlag.presisering or "").strip():
                yield hit(
                    u,
                    f"Vedtaksgrunnlag med kode ({grunnlag.kode}) mangler presisering. Beskriv "
                    "forholdet i Presisering.",
                )


@bvr_rule(
    "Undersøkelse K7",
    Severity.ERROR,
    "Undersøkelse konkludert med kode 1 eller 2 mangler vedtaksgrunnlag",
    needs="undersokelser",
)
def undersokelse_k7(ctx: BvrContext) -> Iterator[Hit]:
    """Konklusjon code 1 or 2 without any Vedtaksgrunnlag."""
    for u in ctx.undersokelser:
        if u.konklusjon and u.konklusjon.kode in ("1", "2") and not u.vedtaksgrunnlag:
            yield hit(
                u,
                f"Undersøkelse konkludert med kode {u.konklusjon.kode} mangler vedtaksgrunnlag. "
                "Registrer vedtaksgrunnlaget.",
            )


def investigation_deadline(melding_start: date, *, extended: bool) -> date:
    """Last day of an investigation: (receipt + 7 days) + 3 months, or + 6 months if extended.

    Calendar months (domstolloven § 148), not SSB's 90/180 days: the specification's own TODO
    says the rule "må referere til 3/6 måneder i stedet for 90/180 dager", and the law
    (bvl. § 2-2) speaks of months.
    """
    months = EXTENDED_MONTHS if extended else DEADLINE_MONTHS
    return add_months(add_days(melding_start, REVIEW_DAYS), months)


@bvr_rule(
    "Undersøkelse K11",
    Severity.WARNING,
    "Undersøkelsen er ikke konkludert innen fristen (melding + 7 dager + 3 / 6 måneder)",
    needs="undersokelser",
)
def undersokelse_k11(ctx: BvrContext) -> Iterator[Hit]:
    """An unconcluded Undersokelse with a Relasjon from a Melding, judged at DatoUttrekk.

    * Without a granted extension (UtvidetFrist/@Innvilget missing or 2): overdue after
      (Melding StartDato + 7 days) + 3 months.
    * In any case: overdue after (Melding StartDato + 7 days) + 6 months.

    Deviation (recorded here and in the tests): calendar months instead of the specification's
    7 + 90 / 7 + 180 days, following the specification's TODO and ``ssb-barnevern.md`` §2.2.
    With several related meldinger the earliest one counts.
    """
    meldinger = {m.id: m for m in ctx.meldinger}
    for u in ctx.undersokelser:
        if u.konklusjon is not None:
            continue
        starts = [
            meldinger[mid].start_dato
            for mid in ctx.related_from("Melding", "Undersokelse", u.id)
            if mid in meldinger
        ]
        if not starts:
            continue
        received = min(starts)
        six = investigation_deadline(received, extended=True)
        three = investigation_deadline(received, extended=False)
        if ctx.as_of > six:
            yield hit(u, _k11_message(6, received, six))
        elif ctx.as_of > three and not _extension_granted(u):
            yield hit(u, _k11_message(3, received, three))


def _extension_granted(u: Undersokelse) -> bool:
    return u.utvidet_frist is not None and u.utvidet_frist.innvilget == "1"


def _k11_message(months: int, received: date, deadline: date) -> str:
    return (
        f"Undersøkelse skal konkluderes innen 7 dager + {months} måneder etter melding sin "
        f"startdato ({fmt(received)}); fristen gikk ut {fmt(deadline)}. Konkluder undersøkelsen"
        + (" eller registrer innvilget utvidet frist." if months == 3 else ".")
    )


@bvr_rule(
    "Undersøkelse K19",
    Severity.ERROR,
    "To eller flere undersøkelser har identisk innhold, men forskjellige identer",
    needs="undersokelser",
)
def undersokelse_k19(ctx: BvrContext) -> Iterator[Hit]:
    """Undersøkelser with identical content but different Id."""
    return duplicates(ctx.undersokelser, "undersøkelser")


@bvr_rule(
    "Undersøkelse K20", Severity.ERROR, "Undersøkelse mangler relasjon fra melding", needs="undersokelser"
)
def undersokelse_k20(ctx: BvrContext) -> Iterator[Hit]:
    """No Relasjon Melding → Undersokelse whose FraId is a Melding in the Sak."""
    meldinger = {m.id for m in ctx.meldinger}
    for u in ctx.undersokelser:
        if not any(mid in meldinger for mid in ctx.related_from("Melding", "Undersokelse", u.id)):
            yield hit(
                u,
                "Undersøkelse mangler en relasjon fra melding. Registrer Relasjon med "
                "FraType «Melding» (meldingens Id) og TilType «Undersokelse».",
            )


@bvr_rule(
    "Undersøkelse K21",
    Severity.ERROR,
    "Undersøkelse konkludert med kode 1 (ERROR) eller 2 (WARNING) mangler relasjon til vedtak",
    needs="undersokelser",
)
def undersokelse_k21(ctx: BvrContext) -> Iterator[Hit]:
    """Konklusjon 1 or 2 without a Relasjon Undersokelse → Vedtak to a Vedtak in the Sak.

    ERROR for code 1 (the service decides measures), WARNING for code 2 (a request to the
    county board, whose decision may still be pending).
    """
    vedtak = {v.id for v in ctx.vedtak}
    for u in ctx.undersokelser:
        if not u.konklusjon or u.konklusjon.kode not in ("1", "2"):
            continue
        if any(vid in vedtak for vid in ctx.related_to("Undersokelse", u.id, "Vedtak")):
            continue
        level = Severity.ERROR if u.konklusjon.kode == "1" else Severity.WARNING
        yield hit(
            u,
            "Konkludert Undersøkelse mangler en relasjon til vedtak. Registrer Relasjon med "
            "FraType «Undersokelse» og TilType «Vedtak» (vedtakets Id).",
            severity=level,
        )
