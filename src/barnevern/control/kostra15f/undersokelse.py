"""15F rules on Undersøkelse (nested in Melding) and Vedtaksgrunnlag.

Source: KOSTRA-KP ``individrule/Undersokelse*.kt`` and ``Vedtak02.kt`` (rule title
«Vedtaksgrunnlag Kontroll 2», id ``VEDTAK_02``), ``ssb-barnevern.md`` §2.1.

Undersøkelse K8 follows the code: an undersøkelse that started *before 30 June* of the reporting
year and has no SluttDato (the specification says «before 1 July»; they differ only on 30 June).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from barnevern.control.base import Severity
from barnevern.control.kostra15f._base import Context15F, Hit, fmt, rule15f, who
from barnevern.control.kostra15f._family import (
    avsluttet_men_apen,
    end_after_individ_end,
    end_not_in_year,
    start_after_end,
    start_before_individ_start,
)
from barnevern.formats.kostra15f import Individ15F, Undersokelse15F

NOUN = "undersøkelse"


def undersokelser(ind: Individ15F) -> list[Undersokelse15F]:
    return [m.undersokelse for m in ind.meldinger if m.undersokelse is not None]


@rule15f("Undersøkelse K2a", Severity.ERROR, "Undersøkelsens startdato er etter sluttdato")
def undersokelse_k2a(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from start_after_end(ind, undersokelser(ind), NOUN)


@rule15f("Undersøkelse K2b", Severity.ERROR, "Undersøkelsens sluttdato er ikke i rapporteringsåret")
def undersokelse_k2b(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from end_not_in_year(ind, ctx, undersokelser(ind), NOUN)


@rule15f("Undersøkelse K2c", Severity.ERROR, "Undersøkelsens sluttdato er etter individets sluttdato")
def undersokelse_k2c(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from end_after_individ_end(ind, undersokelser(ind), NOUN)


@rule15f("Undersøkelse K2d", Severity.ERROR, "Avslutta3112 = 1 krever avsluttede undersøkelser")
def undersokelse_k2d(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from avsluttet_men_apen(ind, ctx, undersokelser(ind), NOUN, "undersøkelser")


@rule15f("Undersøkelse K2e", Severity.ERROR, "Undersøkelsens startdato er før individets startdato")
def undersokelse_k2e(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from start_before_individ_start(ind, undersokelser(ind), NOUN)


def _hit(ind: Individ15F, u: Undersokelse15F, text: str) -> Hit:
    return Hit(f"{who(ind, f'{NOUN} {u.id}')}: {text}", u.line, u.id)


@rule15f("Undersøkelse K3", Severity.ERROR, "Konklusjon 5 (henlagt pga. flytting) mangler presisering")
def undersokelse_k3(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    for u in undersokelser(ind):
        if u.konklusjon == "5" and not (u.presisering or "").strip():
            yield _hit(
                ind,
                u,
                "Undersøkelse der kode for konklusjon er 5 (henlagt som følge av flytting) mangler "
                "presisering. Skriv en presisering, f.eks. om saken er meldt videre til den nye "
                "kommunen.",
            )


@rule15f("Undersøkelse K4", Severity.ERROR, "Avsluttet undersøkelse mangler konklusjon")
def undersokelse_k4(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    for u in undersokelser(ind):
        if u.slutt_dato and not u.konklusjon:
            yield _hit(
                ind,
                u,
                f"Avsluttet undersøkelse (sluttdato {fmt(u.slutt_dato)}) mangler konklusjon. "
                "Registrer konklusjonen.",
            )


@rule15f("Undersøkelse K7", Severity.ERROR, "Undersøkelse konkludert med tiltak mangler vedtaksgrunnlag")
def undersokelse_k7(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    for u in undersokelser(ind):
        if u.konklusjon in ("1", "2") and not u.vedtaksgrunnlag:
            yield _hit(
                ind,
                u,
                f"Undersøkelse konkludert med kode {u.konklusjon} skal ha vedtaksgrunnlag. "
                "Registrer vedtaksgrunnlaget.",
            )


@rule15f("Undersøkelse K8", Severity.WARNING, "Undersøkelse startet før 30. juni er ikke konkludert")
def undersokelse_k8(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    limit = date(ctx.year, 6, 30)
    for u in undersokelser(ind):
        if u.start_dato < limit and u.slutt_dato is None:
            yield _hit(
                ind,
                u,
                f"Undersøkelsen startet {fmt(u.start_dato)} og skal konkluderes, da den har "
                "pågått i mer enn 6 måneder. Konkluder undersøkelsen eller kontroller "
                "startdatoen.",
            )


@rule15f("Vedtaksgrunnlag K2", Severity.ERROR, "Vedtaksgrunnlag 18 eller 19 mangler presisering")
def vedtaksgrunnlag_k2(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    for u in undersokelser(ind):
        for kode in u.vedtaksgrunnlag:
            if kode.kode in ("18", "19") and not (kode.presisering or "").strip():
                yield Hit(
                    f"{who(ind, f'{NOUN} {u.id}')}: Vedtaksgrunnlag med kode ({kode.kode}) "
                    "mangler presisering. Skriv en presisering.",
                    kode.line,
                    u.id,
                )
