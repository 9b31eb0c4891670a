"""BVR rules on ``Personalia``: K2f, K11-K18.

Source: ``spec/bvr-Kravspesifikasjon.md`` § Personalia; identity-number algorithms in
``barnevern.rules.identity`` (``ssb-barnevern.md`` §2.3). Synthetic Test-Norge numbers
(month + 80) are accepted as valid fødselsnumre, so test data passes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from barnevern.control.base import Severity
from barnevern.control.bvr.context import BvrContext, Hit, bvr_rule, fmt, hit
from barnevern.rules.dates import add_months
from barnevern.rules.identity import (
    KOSTRA_SUFFIXES,
    InvalidIdentityNumber,
    birth_date_from_fnr,
    parse_fodselsnummer,
    validate_duf,
)


@lru_cache(maxsize=1024)
def _fnr_facts(fnr: str, year: int) -> tuple[bool, date | None, bool | None]:
    """(valid fødselsnummer/D-number, birth date it gives for ``year``, is a D-number or None
    when invalid): K12, K13 and K18 ask the same number, parsed once per file this way."""
    try:
        number = parse_fodselsnummer(fnr)
    except InvalidIdentityNumber:
        number = None
    return number is not None, birth_date_from_fnr(fnr, year), None if number is None else number.is_d_number


def _clean(fnr: str) -> str:
    return "".join(fnr.split())


def _has_suffix_exception(fnr: str) -> bool:
    """Birth date (DDMMYY) + 00100, 00200 or 99999: an incomplete number SSB accepts."""
    fnr = _clean(fnr)
    return len(fnr) == 11 and fnr.isdigit() and fnr[6:] in KOSTRA_SUFFIXES


@bvr_rule(
    "Personalia K2f", Severity.ERROR, "Personalia sin startdato er etter sakens sluttdato", needs="personalia"
)
def personalia_k2f(ctx: BvrContext) -> Iterator[Hit]:
    """Personalia StartDato after the Sak's SluttDato."""
    end = ctx.sak.slutt_dato
    for p in ctx.personalia:
        if end and p.start_dato > end:
            yield hit(
                p,
                f"Personalia sin startdato {fmt(p.start_dato)} er etter sakens sluttdato "
                f"{fmt(end)}. Rett startdatoen.",
            )


@bvr_rule("Personalia K11", Severity.ERROR, "Saken mangler personalia")
def personalia_k11(ctx: BvrContext) -> Iterator[Hit]:
    """The Sak has no (live) Personalia."""
    if not ctx.personalia:
        yield hit(
            ctx.sak,
            "Klienten mangler personaliainformasjon. Registrer Personalia med fødselsnummer, "
            "fødselsdato og kjønn.",
        )


@bvr_rule(
    "Personalia K12",
    Severity.ERROR,
    "Fødselsnummeret er verken gyldig fødsels-/D-nummer eller fødselsdato + 00100/00200/99999",
    needs="personalia",
)
def personalia_k12(ctx: BvrContext) -> Iterator[Hit]:
    """Not a valid fnr/D-number, and not a birth date + 00100/00200/99999."""
    for p in ctx.personalia:
        fnr = p.fodselsnummer
        valid, born, _ = _fnr_facts(fnr, ctx.year)
        if valid:
            continue
        if _has_suffix_exception(fnr) and born is not None:
            continue
        yield hit(
            p,
            "Ugyldig Fødselsnummer. Bruk fødselsnummer eller D-nummer fra folkeregisteret, "
            "eventuelt fødselsdato + 00100/00200 (termindato + 99999 for ufødte).",
        )


@bvr_rule(
    "Personalia K13",
    Severity.WARNING,
    "Fødselsnummer og fødselsdato viser til forskjellige datoer",
    needs="personalia",
)
def personalia_k13(ctx: BvrContext) -> Iterator[Hit]:
    """The date part of the fnr (D/H/synthetic offsets removed) differs from Fodseldato.

    Day, month and two-digit year are compared, so the century guess never matters.
    """
    for p in ctx.personalia:
        from_fnr = _fnr_facts(p.fodselsnummer, ctx.year)[1]
        if from_fnr is None:
            continue
        born = p.fodseldato
        if (from_fnr.day, from_fnr.month, from_fnr.year % 100) != (
            born.day,
            born.month,
            born.year % 100,
        ):
            yield hit(
                p,
                f"Fødselsnummer og Fødselsdato viser til forskjellige datoer "
                f"({fmt(from_fnr)} i fødselsnummeret, {fmt(born)} som fødselsdato). "
                "Rett den som er feil.",
            )


@bvr_rule(
    "Personalia K14",
    Severity.ERROR,
    "Fødselsnummer og kjønn viser til forskjellige kjønn",
    needs="personalia",
)
def personalia_k14(ctx: BvrContext) -> Iterator[Hit]:
    """The 9th digit (even = female, odd = male) differs from Kjonn.

    Skipped for the suffix 99999 (unborn) and for FH-numbers (first digit 8 or 9), whose
    individual number carries no sex.
    """
    for p in ctx.personalia:
        fnr = _clean(p.fodselsnummer)
        if len(fnr) != 11 or not fnr.isdigit() or fnr.endswith("99999") or fnr[0] in "89":
            continue
        expected = "2" if int(fnr[8]) % 2 == 0 else "1"
        if p.kjonn != expected:
            word = {"1": "gutt", "2": "jente"}[expected]
            yield hit(
                p,
                f"Fødselsnummer og Kjønn viser til forskjellige kjønn (fødselsnummeret gir "
                f"{word}, Kjonn er «{p.kjonn}»). Rett kjønn eller fødselsnummer.",
            )


@bvr_rule(
    "Personalia K15",
    Severity.ERROR,
    "Født barn er registrert med termindato + 99999 i stedet for fødselsnummer",
    needs="personalia",
)
def personalia_k15(ctx: BvrContext) -> Iterator[Hit]:
    """Fnr ending 99999 (unborn) while Personalia StartDato is after the birth date."""
    for p in ctx.personalia:
        if _clean(p.fodselsnummer).endswith("99999") and p.start_dato > p.fodseldato:
            yield hit(
                p,
                f"Feil i Fødselsnummer for født barn: barnet er født {fmt(p.fodseldato)}, men "
                "fødselsnummeret slutter på 99999. Registrer barnets fødselsnummer.",
            )


@bvr_rule(
    "Personalia K16",
    Severity.ERROR,
    "Personalia sin startdato er mer enn 9 måneder før fødselsdatoen",
    needs="personalia",
)
def personalia_k16(ctx: BvrContext) -> Iterator[Hit]:
    """StartDato more than 9 calendar months before Fodseldato."""
    for p in ctx.personalia:
        if p.start_dato < add_months(p.fodseldato, -9):
            yield hit(
                p,
                f"Personalia sin startdato {fmt(p.start_dato)} er mer enn 9 måneder før "
                f"barnets fødselsdato {fmt(p.fodseldato)}. Rett en av datoene.",
            )


@bvr_rule("Personalia K17", Severity.ERROR, "Ugyldig DUF-nummer", needs="personalia")
def personalia_k17(ctx: BvrContext) -> Iterator[Hit]:
    """A DUF number that fails the DUF check (12 digits, check digits 11-12)."""
    for p in ctx.personalia:
        if not p.duf_nummer:
            continue
        try:
            validate_duf(p.duf_nummer)
        except InvalidIdentityNumber as exc:
            yield hit(p, f"Ugyldig DUF-nummer: {exc} Bruk DUF-nummeret fra UDI.")


@bvr_rule(
    "Personalia K18",
    Severity.INFO,
    "Ufullstendig fødselsnummer eller D-nummer: bruk nummer fra folkeregisteret",
    needs="personalia",
)
def personalia_k18(ctx: BvrContext) -> Iterator[Hit]:
    """Incomplete fnr (00100/00200/99999) or a D-number: prefer the register's number."""
    journal = ctx.sak.journalnummer
    for p in ctx.personalia:
        fnr = p.fodselsnummer
        if _has_suffix_exception(fnr):
            yield hit(
                p,
                "Ufullstendig fødselsnummer skal erstattes med fødselsnummer, DUF- eller "
                f"D-nummer fra folkeregisteret. Gjelder saksnummer: {journal}",
            )
            continue
        if _fnr_facts(fnr, ctx.year)[2]:
            yield hit(
                p,
                "Om DUF- eller fødselsnummer foreligger i folkeregisteret, skal dette benyttes "
                f"fremfor D-nummer. Gjelder saksnummer: {journal}",
            )
