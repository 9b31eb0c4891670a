"""BVR rules on ``Tiltak`` (measures): dates, categories, law references and links.

Tiltak K2a, K2c, K2e, K5, K6, K7, K8, K14, K19, K20, K21, K22, K23. The placement and care-order
rules (K9, K12, K13) are in ``tiltak_omsorg``.
Source: ``spec/bvr-Kravspesifikasjon.md`` § Tiltak.
"""

from __future__ import annotations

from collections.abc import Iterator

from barnevern.control.base import Severity
from barnevern.control.bvr.common import (
    duplicates,
    end_after_sak_end,
    end_of,
    is_zero,
    lov_text,
    start_after_end,
    start_before_sak_start,
)
from barnevern.control.bvr.context import BvrContext, Hit, bvr_rule, hit
from barnevern.records import Tiltak

KATEGORI_NEEDS_PRESISERING = frozenset(
    {"1.99", "2.99", "3.7", "3.99", "4.99", "5.99", "6.99", "7.99", "8.99"}
)


@bvr_rule("Tiltak K2a", Severity.ERROR, "Tiltakets startdato er etter sluttdato", needs="tiltak")
def tiltak_k2a(ctx: BvrContext) -> Iterator[Hit]:
    """Tiltak StartDato after Konklusjon/SluttDato."""
    return start_after_end(ctx.tiltak, "Tiltakets startdato")


@bvr_rule(
    "Tiltak K2c",
    Severity.ERROR,
    "Tiltakets sluttdato er etter sakens sluttdato (WARNING med MigrertId)",
    migrert_downgrade=True,
    needs="tiltak",
)
def tiltak_k2c(ctx: BvrContext) -> Iterator[Hit]:
    """Tiltak Konklusjon/SluttDato after the Sak's SluttDato."""
    return end_after_sak_end(ctx, ctx.tiltak, "Tiltakets sluttdato")


@bvr_rule(
    "Tiltak K2e",
    Severity.ERROR,
    "Tiltakets startdato er før sakens startdato (WARNING med MigrertId)",
    migrert_downgrade=True,
    needs="tiltak",
)
def tiltak_k2e(ctx: BvrContext) -> Iterator[Hit]:
    """Tiltak StartDato before the Sak's StartDato."""
    return start_before_sak_start(ctx, ctx.tiltak, "Tiltakets startdato")


def _age_in_measure(ctx: BvrContext, tiltak: Tiltak) -> int | None:
    """Age at DatoUttrekk, or at the measure's end if it ended earlier.

    Our reading: the specification says only "barnets alder"; judging a measure that ended
    years ago by today's age would flag every former kindergarten child.
    """
    end = end_of(tiltak)
    day = min(ctx.as_of, end) if end else ctx.as_of
    return ctx.age_on(day)


def _age_rule(ctx: BvrContext, kode: str, limit: int, text: str) -> Iterator[Hit]:
    for t in ctx.tiltak:
        if t.kategori.kode != kode:
            continue
        age = _age_in_measure(ctx, t)
        if age is not None and age > limit:
            yield hit(
                t,
                f"Barnet er over {limit} år og i {text}. Alder: {age} år. Kontroller "
                "tiltakskategorien eller fødselsdatoen.",
            )


@bvr_rule("Tiltak K5", Severity.WARNING, "Barnet er over 7 år og i barnehage (kategori 4.1)", needs="tiltak")
def tiltak_k5(ctx: BvrContext) -> Iterator[Hit]:
    """Age > 7 with Kategori 4.1 Barnehage (age at DatoUttrekk or the measure's end)."""
    return _age_rule(ctx, "4.1", 7, "barnehage")


@bvr_rule("Tiltak K6", Severity.WARNING, "Barnet er over 11 år og i SFO/AKS (kategori 4.2)", needs="tiltak")
def tiltak_k6(ctx: BvrContext) -> Iterator[Hit]:
    """Age > 11 with Kategori 4.2 SFO/AKS (age at DatoUttrekk or the measure's end)."""
    return _age_rule(ctx, "4.2", 11, "SFO")


@bvr_rule(
    "Tiltak K7", Severity.ERROR, "Tiltakskategori som krever presisering mangler presisering", needs="tiltak"
)
def tiltak_k7(ctx: BvrContext) -> Iterator[Hit]:
    """Kategori 1.99, 2.99, 3.7, 3.99, 4.99, 5.99, 6.99, 7.99 or 8.99 without Presisering."""
    for t in ctx.tiltak:
        kategori = t.kategori
        if kategori.kode in KATEGORI_NEEDS_PRESISERING and not (kategori.presisering or "").strip():
            yield hit(
                t,
                f"Tiltakskategori ({kategori.kode}) mangler presisering. Beskriv tiltaket i "
                "Kategori/@Presisering.",
            )


@bvr_rule("Tiltak K8", Severity.ERROR, "Opphevelse med kode 4 (annet) mangler presisering", needs="tiltak")
def tiltak_k8(ctx: BvrContext) -> Iterator[Hit]:
    """Opphevelse code 4 without Presisering."""
    for t in ctx.tiltak:
        opp = t.opphevelse
        if opp and opp.kode == "4" and not (opp.presisering or "").strip():
            yield hit(
                t,
                f"Opphevelse ({opp.kode}) mangler presisering. Beskriv årsaken i Opphevelse/@Presisering.",
            )


@bvr_rule(
    "Tiltak K14",
    Severity.ERROR,
    "Lovhjemmel har kapittel, paragraf, ledd eller punktum utfylt med 0",
    needs="tiltak",
)
def tiltak_k14(ctx: BvrContext) -> Iterator[Hit]:
    """Lovhjemmel Kapittel, Paragraf, a Ledd or a Punktum equal to 0 (JmfrLovhjemmel not
    checked, as in the specification)."""
    for t in ctx.tiltak:
        h = t.lovhjemmel
        if any(is_zero(part) for part in (h.kapittel, h.paragraf, *h.ledd, *h.punktum)):
            yield hit(
                t,
                "Ingen Lovhjemmel sin kapittel, paragraf, ledd eller punktum kan være utfylt "
                f"med 0 ({lov_text(h)}). Rett lovhjemmelen.",
            )


@bvr_rule(
    "Tiltak K19",
    Severity.WARNING,
    "To eller flere tiltak har identisk innhold, men forskjellige identer",
    needs="tiltak",
)
def tiltak_k19(ctx: BvrContext) -> Iterator[Hit]:
    """Tiltak with identical content but different Id."""
    return duplicates(ctx.tiltak, "tiltak")


@bvr_rule("Tiltak K20", Severity.ERROR, "Tiltak skal ha relasjon fra vedtak", needs="tiltak")
def tiltak_k20(ctx: BvrContext) -> Iterator[Hit]:
    """No Relasjon Vedtak → Tiltak whose FraId is a Vedtak in the Sak."""
    vedtak = {v.id for v in ctx.vedtak}
    for t in ctx.tiltak:
        if not any(vid in vedtak for vid in ctx.related_from("Vedtak", "Tiltak", t.id)):
            yield hit(
                t,
                "Tiltak skal ha relasjon fra Vedtak. Registrer Relasjon med FraType «Vedtak» "
                "(vedtakets Id) og TilType «Tiltak».",
            )


@bvr_rule(
    "Tiltak K21",
    Severity.ERROR,
    "Tiltakets lovhjemmel (lov, kapittel, paragraf) er ulik det relaterte vedtakets",
    needs="tiltak",
)
def tiltak_k21(ctx: BvrContext) -> Iterator[Hit]:
    """Lov/Kapittel/Paragraf of the Tiltak differ from those of a Vedtak related to it."""
    vedtak = {v.id: v for v in ctx.vedtak}
    for t in ctx.tiltak:
        for vid in ctx.related_from("Vedtak", "Tiltak", t.id):
            v = vedtak.get(vid)
            if v is None:
                continue
            a, b = t.lovhjemmel, v.lovhjemmel
            if (a.lov, a.kapittel, a.paragraf) != (b.lov, b.kapittel, b.paragraf):
                yield hit(
                    t,
                    "Tiltak er registrert med annen lovhjemmel enn det som er registrert i "
                    f"vedtak ({lov_text(a)} i tiltaket, {lov_text(b)} i vedtak {v.id}). "
                    "Rett lovhjemmelen.",
                )


def _other_code_rule(ctx: BvrContext, kode: str, kind: str) -> Iterator[Hit]:
    for t in ctx.tiltak:
        if t.kategori.kode == kode:
            yield hit(
                t,
                f"Dette er en advarsel. Kun plasseringstiltak skal ha kode {kode}. Dersom dette "
                f"ikke er et plasseringstiltak ({kind}) må tiltakskode endres. Er det et "
                f"administrativt vedtak som er gitt kode {kode}, skal tiltaket slettes.",
            )


@bvr_rule(
    "Tiltak K22", Severity.WARNING, "Tiltak med kode 1.99 skal bare brukes for institusjon", needs="tiltak"
)
def tiltak_k22(ctx: BvrContext) -> Iterator[Hit]:
    """Kategori 1.99 (Andre institusjonstiltak)."""
    return _other_code_rule(ctx, "1.99", "institusjon")


@bvr_rule(
    "Tiltak K23", Severity.WARNING, "Tiltak med kode 2.99 skal bare brukes for fosterhjem", needs="tiltak"
)
def tiltak_k23(ctx: BvrContext) -> Iterator[Hit]:
    """Kategori 2.99 (Andre fosterhjemstiltak)."""
    return _other_code_rule(ctx, "2.99", "fosterhjem")
