"""15F rules on the Individ itself: Individ K01a–K12, K19, and the whole-file K04/K05.

Source: KOSTRA-KP ``individrule/Individ*.kt`` and ``BarnevernValidator.kt`` as restated in
``ssb-barnevern.md`` §2.1; the 15F specification for the messages. Deviations from KOSTRA-KP's
code, each on purpose and tested:

* Individ K01a uses the specification's window, 1 Jan (year − 25) to 31 Dec (year + 25); the
  code has 1998-01-01..2049-12-31 fixed (the same window for 2023). SSB's ADVARSEL test file
  ``Testfil_12`` for 2020 has an Individ starting 1995-04-03, which the fixed window would make
  an error.
* Individ K03/K12 accept «fødselsdato + 55555» as the specification lists (see
  :func:`~barnevern.control.kostra15f._base.valid_fnr_15f`).
* Individ K08 keeps the code's severity, ERROR (the specification says ADVARSEL).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from barnevern.control.base import Severity
from barnevern.control.kostra15f._base import (
    Context15F,
    FileSummary,
    Hit,
    age,
    fmt,
    modulus11,
    rule15f,
    valid_duf,
    valid_fnr_15f,
    who,
)
from barnevern.formats.kostra15f import Individ15F


def _dates(ind: Individ15F) -> Iterator[tuple[str, str, date | None, int | None, str]]:
    """(element text, date text, date, line, element id) for every date K01a checks."""
    yield "Individ", "startdato", ind.start_dato, ind.line, ind.id
    yield "Individ", "sluttdato", ind.slutt_dato, ind.line, ind.id
    for m in ind.meldinger:
        yield f"melding {m.id}", "startdato", m.start_dato, m.line, m.id
        yield f"melding {m.id}", "sluttdato", m.slutt_dato, m.line, m.id
        if u := m.undersokelse:
            yield f"undersøkelse {u.id}", "startdato", u.start_dato, u.line, u.id
            yield f"undersøkelse {u.id}", "sluttdato", u.slutt_dato, u.line, u.id
    for p in ind.planer:
        yield f"plan {p.id}", "startdato", p.start_dato, p.line, p.id
        yield f"plan {p.id}", "sluttdato", p.slutt_dato, p.line, p.id
        yield f"plan {p.id}", "evaluert dato", p.evaluert_dato, p.line, p.id
    for t in ind.tiltak:
        yield f"tiltak {t.id}", "startdato", t.start_dato, t.line, t.id
        yield f"tiltak {t.id}", "sluttdato", t.slutt_dato, t.line, t.id
    for f in ind.flyttinger:
        yield f"flytting {f.id}", "sluttdato", f.slutt_dato, f.line, f.id


@rule15f("Individ K01a", Severity.ERROR, "Dato utenfor gyldig periode (rapporteringsår ± 25 år)")
def individ_k01a(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    """Individ K01a: every date between 1 Jan (year − 25) and 31 Dec (year + 25) (spec)."""
    low, high = ctx.min_dato, ctx.max_dato
    for element, kind, day, line, element_id in _dates(ind):
        if day is not None and not low <= day <= high:
            yield Hit(
                f"{who(ind, element)}: {kind} ({fmt(day)}) må være mellom {fmt(low)} og "
                f"{fmt(high)}. Rett datoen.",
                line=line,
                element_id=None if element == "Individ" else element_id,
            )


@rule15f("Individ K02a", Severity.ERROR, "Individets startdato er etter sluttdato")
def individ_k02a(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    if ind.slutt_dato and ind.start_dato > ind.slutt_dato:
        yield Hit(
            f"{who(ind)}: Individets startdato ({fmt(ind.start_dato)}) er etter sluttdato "
            f"({fmt(ind.slutt_dato)}). Rett startdatoen eller sluttdatoen.",
            line=ind.line,
        )


@rule15f("Individ K02b", Severity.ERROR, "Individets sluttdato er før forrige telledato")
def individ_k02b(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    if ind.slutt_dato and ind.slutt_dato < ctx.forrige_telledato:
        yield Hit(
            f"{who(ind)}: Individets sluttdato ({fmt(ind.slutt_dato)}) er før forrige "
            f"telletidspunkt ({fmt(ctx.forrige_telledato)}). Individer som ble avsluttet før "
            f"{ctx.year} skal ikke være med i uttrekket; fjern individet eller rett datoen.",
            line=ind.line,
        )


@rule15f("Individ K02d", Severity.ERROR, "Avslutta3112 = 1 krever sluttdato på individet")
def individ_k02d(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    if ind.avsluttet and ind.slutt_dato is None:
        yield Hit(
            f"{who(ind)}: Individet er avsluttet hos barnevernet (Avslutta3112 = 1) og skal "
            "dermed ha sluttdato. Sett sluttdato, eller sett Avslutta3112 til 2.",
            line=ind.line,
        )


@rule15f("Individ K03", Severity.ERROR, "Fødselsnummer eller DUF-nummer mangler eller er ugyldig")
def individ_k03(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    """Individ K03: a valid fnr (or fødselsdato + 00100/00200/55555/99999), else a valid DUF."""
    if ind.fodselsnummer is not None:
        if not valid_fnr_15f(ind.fodselsnummer, ctx.year):
            yield Hit(
                f"{who(ind)}: Feil i fødselsnummer. Kan ikke identifisere individet. Oppgi et "
                "gyldig fødselsnummer eller D-nummer, eller fødselsdato + 00100, 00200, 55555 "
                "eller 99999.",
                line=ind.line,
            )
    elif ind.duf_nummer is not None:
        if not valid_duf(ind.duf_nummer):
            yield Hit(
                f"{who(ind)}: DUF-nummeret er ugyldig. Kan ikke identifisere individet. "
                "Rett DUF-nummeret (12 siffer).",
                line=ind.line,
            )
    else:
        yield Hit(
            f"{who(ind)}: Fødselsnummer og DUF-nummer mangler. Kan ikke identifisere individet. "
            "Oppgi Fodselsnummer eller DUFnummer.",
            line=ind.line,
        )


@rule15f("Individ K06", Severity.ERROR, "Individet har ingen meldinger, planer eller tiltak")
def individ_k06(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    if not (ind.meldinger or ind.planer or ind.tiltak):
        yield Hit(
            f"{who(ind)}: Individet har ingen meldinger, planer eller tiltak i løpet av året. "
            "Legg dem inn, eller fjern individet fra uttrekket.",
            line=ind.line,
        )


@rule15f("Individ K07", Severity.ERROR, "Klient over 25 år skal avsluttes")
def individ_k07(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    years = age(ind, ctx)
    if years is not None and years > 25:
        yield Hit(
            f"{who(ind)}: Individet er {years} år og skal avsluttes som klient. Avslutt "
            "individet, eller rett fødselsnummeret.",
            line=ind.line,
        )


@rule15f("Individ K08", Severity.ERROR, "Individet er over 18 år og har ingen tiltak")
def individ_k08(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    """Individ K08: age > 18 without Tiltak. ERROR as KOSTRA-KP's code (spec: ADVARSEL)."""
    years = age(ind, ctx)
    if years is not None and years > 18 and not ind.tiltak:
        yield Hit(
            f"{who(ind)}: Individet er {years} år og skal dermed ha tiltak (ettervern). Legg "
            "inn tiltaket, eller avslutt individet.",
            line=ind.line,
        )


@rule15f("Individ K09", Severity.ERROR, "Oslo: bydelsnummer mangler")
def individ_k09(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    if ctx.region.startswith("0301") and not ind.bydelsnummer:
        yield Hit(
            f"{who(ind)}: Filen mangler bydelsnummer. Oslo rapporterer per bydel; fyll ut "
            "Bydelsnummer (2 siffer).",
            line=ind.line,
        )


@rule15f("Individ K10", Severity.ERROR, "Oslo: bydelsnavn mangler")
def individ_k10(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    if ctx.region.startswith("0301") and not ind.bydelsnavn:
        yield Hit(
            f"{who(ind)}: Filen mangler bydelsnavn. Oslo rapporterer per bydel; fyll ut Bydelsnavn.",
            line=ind.line,
        )


_UFULLSTENDIG = "Individet har ufullstendig fødselsnummer. Korriger fødselsnummer."


@rule15f("Individ K11", Severity.WARNING, "Fødselsnummer mangler eller er ufullstendig")
def individ_k11(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    """Individ K11: no fnr, not modulus-11 valid, or ending in 55555 (incomplete forms)."""
    fnr = ind.fodselsnummer
    if fnr is None or not modulus11(fnr) or fnr.endswith("55555"):
        yield Hit(f"{who(ind)}: {_UFULLSTENDIG}", line=ind.line)


@rule15f("Individ K12", Severity.WARNING, "Fødselsnummer mangler eller er ugyldig")
def individ_k12(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    """Individ K12: no fnr, or not valid even allowing the suffix forms (as Individ K03)."""
    if not valid_fnr_15f(ind.fodselsnummer, ctx.year):
        yield Hit(f"{who(ind)}: {_UFULLSTENDIG}", line=ind.line)


@rule15f("Individ K19", Severity.WARNING, "DUF-nummer er ugyldig")
def individ_k19(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    if ind.duf_nummer is not None and not valid_duf(ind.duf_nummer):
        yield Hit(
            f"{who(ind)}: Individet har ufullstendig DUF-nummer. Korriger DUF-nummer.",
            line=ind.line,
        )


@rule15f("Individ K04", Severity.ERROR, "Samme fødselsnummer i flere journaler", scope="file")
def individ_k04(summary: FileSummary, ctx: Context15F) -> Iterator[Hit]:
    """Individ K04: a modulus-11-valid fnr in more than one Individ; reported on the later ones."""
    seen: dict[str, list[Individ15F]] = defaultdict(list)
    for ind in summary.individer:
        if modulus11(ind.fodselsnummer):
            seen[ind.fodselsnummer or ""].append(ind)
    for group in seen.values():
        journals = [o.journalnummer for o in group]
        for position, ind in enumerate(group[1:], start=1):
            shown = list(dict.fromkeys(j for i, j in enumerate(journals[:6]) if i != position))[:5]
            rest = len(group) - 1 - len(shown)
            others = ", ".join(shown) + (f" og {rest} til" if rest else "")
            yield Hit(
                f"{who(ind)}: Fødselsnummeret finnes også i journal {others}. Et barn skal "
                "bare ha ett individ i uttrekket; slå sammen journalene eller rett nummeret.",
                line=ind.line,
                sak_id=ind.id,
            )


@rule15f("Individ K05", Severity.ERROR, "Samme journalnummer flere ganger", scope="file")
def individ_k05(summary: FileSummary, ctx: Context15F) -> Iterator[Hit]:
    """Individ K05: a Journalnummer used more than once (Individs with a fnr, as KOSTRA-KP)."""
    seen: dict[str, list[Individ15F]] = defaultdict(list)
    for ind in summary.individer:
        if ind.fodselsnummer:
            seen[ind.journalnummer].append(ind)
    for journal, group in seen.items():
        for ind in group[1:]:
            yield Hit(
                f"Journalnummer {journal} forekommer {len(group)} ganger. Hvert individ skal "
                "ha sitt eget journalnummer.",
                line=ind.line,
                sak_id=ind.id,
            )
