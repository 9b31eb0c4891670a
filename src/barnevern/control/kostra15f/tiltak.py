"""15F rules on Tiltak and Lovhjemmel.

Source: KOSTRA-KP ``individrule/Tiltak*.kt`` and ``Lovhjemmel0*.kt`` (``ssb-barnevern.md``
§2.1); omsorgstiltak/plasseringstiltak as in ``_base``. Choices, each tested:

* Tiltak K24 (law must be BVL before 2023, BVL or BVL2021 from 2023) is implemented as the
  specification describes, but **not run by default**: KOSTRA-KP defines it without registering
  it, and SSB's own ADVARSEL test files use ``Lov="1"``/``"bvl"`` on tiltak from 2020. Run it
  with ``check_15f(..., include_inactive=True)``. The code's empty-list bug (a 2023 tiltak
  without JmfrLovhjemmel flagged) is not copied.
* Lovhjemmel K4 checks the Tiltak's own Lovhjemmel, as the code does (the specification's
  wording would include JmfrLovhjemmel).
* Tiltak K9 counts days as the code does (``ChronoUnit.DAYS.between``: the end day is not
  counted) and fires at 90 or more, so an overlap the specification's wording («more than 3
  months») would call exactly 90 days is a finding, as in SSB's own test row "three overlapping
  plasseringstiltak, more than 90 days" (``Tiltak09Test.kt``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from barnevern.control.base import Severity
from barnevern.control.kostra15f._base import (
    Context15F,
    Hit,
    age,
    er_omsorgstiltak,
    er_plasseringstiltak,
    fmt,
    rule15f,
    who,
)
from barnevern.control.kostra15f._family import (
    avsluttet_men_apen,
    end_after_individ_end,
    end_not_in_year,
    start_after_end,
    start_before_individ_start,
)
from barnevern.formats.kostra15f import Individ15F, Tiltak15F

KREVER_PRESISERING = frozenset({"1.99", "2.99", "3.7", "3.99", "4.99", "5.99", "6.99", "7.99", "8.99"})
MIN_OVERLAP_DAYS = 90  # KOSTRA-KP MIN_OVERLAP_IN_DAYS, compared with >= («more than 3 months»)
BVL2021_FRA = date(2023, 1, 1)


def _hit(ind: Individ15F, t: Tiltak15F, text: str) -> Hit:
    return Hit(f"{who(ind, f'tiltak {t.id}')}: {text}", t.line, t.id)


@rule15f("Tiltak K2a", Severity.ERROR, "Tiltakets startdato er etter sluttdato")
def tiltak_k2a(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from start_after_end(ind, ind.tiltak, "tiltak")


@rule15f("Tiltak K2b", Severity.ERROR, "Tiltakets sluttdato er ikke i rapporteringsåret")
def tiltak_k2b(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from end_not_in_year(ind, ctx, ind.tiltak, "tiltak")


@rule15f("Tiltak K2c", Severity.ERROR, "Tiltakets sluttdato er etter individets sluttdato")
def tiltak_k2c(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from end_after_individ_end(ind, ind.tiltak, "tiltak")


@rule15f("Tiltak K2d", Severity.ERROR, "Avslutta3112 = 1 krever avsluttede tiltak")
def tiltak_k2d(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from avsluttet_men_apen(ind, ctx, ind.tiltak, "tiltak", "tiltak")


@rule15f("Tiltak K2e", Severity.ERROR, "Tiltakets startdato er før individets startdato")
def tiltak_k2e(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from start_before_individ_start(ind, ind.tiltak, "tiltak")


@rule15f("Tiltak K4", Severity.WARNING, "Omsorgstiltak med sluttdato mangler opphevelse")
def tiltak_k4(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    for t in ind.tiltak:
        if t.slutt_dato and er_omsorgstiltak(t) and t.opphevelse is None:
            yield _hit(
                ind,
                t,
                f"Omsorgstiltak med sluttdato {fmt(t.slutt_dato)} krever kode for opphevelse. "
                "Registrer årsaken til at tiltaket ble opphevet.",
            )


def _age_and_kategori(
    ind: Individ15F, ctx: Context15F, kategori: str, min_age: int, place: str
) -> Iterator[Hit]:
    years = age(ind, ctx)
    if years is None or years < min_age:
        return
    for t in ind.tiltak:
        if t.kategori.kode == kategori:
            yield _hit(
                ind,
                t,
                f"Barnet er over {min_age} år og i {place}. Barnets alder er {years} år. "
                "Kontroller tiltakskategorien og fødselsnummeret.",
            )


@rule15f("Tiltak K5", Severity.WARNING, "Barn på 7 år eller mer i barnehage (kategori 4.1)")
def tiltak_k5(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from _age_and_kategori(ind, ctx, "4.1", 7, "barnehage")


@rule15f("Tiltak K6", Severity.WARNING, "Barn på 11 år eller mer i SFO (kategori 4.2)")
def tiltak_k6(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from _age_and_kategori(ind, ctx, "4.2", 11, "SFO")


@rule15f("Tiltak K7", Severity.ERROR, "Tiltakskategori som krever presisering mangler presisering")
def tiltak_k7(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    for t in ind.tiltak:
        if t.kategori.kode in KREVER_PRESISERING and not (t.kategori.presisering or "").strip():
            yield _hit(
                ind,
                t,
                f"Tiltakskategori {t.kategori.kode} mangler presisering. Skriv en presisering.",
            )


@rule15f("Tiltak K8", Severity.ERROR, "Opphevelse med kode 4 (annet) mangler presisering")
def tiltak_k8(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    for t in ind.tiltak:
        o = t.opphevelse
        if o is not None and o.kode == "4" and not (o.presisering or "").strip():
            yield _hit(
                ind,
                t,
                f"Tiltaksopphevelse {o.kode} (annet) mangler presisering. Skriv en presisering.",
            )


@rule15f("Tiltak K9", Severity.WARNING, "To plasseringstiltak overlapper med mer enn 3 måneder")
def tiltak_k9(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    """Tiltak K9 as KOSTRA-KP's code (``Tiltak09.kt``, ``KostraTiltakTypeExtensions.kt``,
    ``DuplicateCheckExtensions.kt`` at c1f5848, 2026-07-16).

    The placements in file order; each is compared with every placement after it in the file.
    The overlap is the number of days from the later start to the earlier end, the end day not
    counted (``ChronoUnit.DAYS.between``), an open end being telledato (31.12 of the reporting
    year); 90 days or more is a finding. One finding per placement that overlaps a later one,
    on that placement (the code's ``contextId = first.id``, made distinct per placement).
    """
    placements = [t for t in ind.tiltak if er_plasseringstiltak(t)]
    for i, first in enumerate(placements):
        first_end = first.slutt_dato or ctx.telledato
        overlaps = []
        for later in placements[i + 1 :]:
            start = max(first.start_dato, later.start_dato)
            end = min(first_end, later.slutt_dato or ctx.telledato)
            days = (end - start).days
            if days >= MIN_OVERLAP_DAYS:
                overlaps.append(f"tiltak {later.id} fra {fmt(start)} til {fmt(end)} ({days} dager)")
        if overlaps:
            yield _hit(
                ind,
                first,
                "Plasseringstiltak kan ikke overlappe med mer enn 3 måneder; tiltaket overlapper med "
                + ", ".join(overlaps)
                + ". Avslutt det ene tiltaket.",
            )


@rule15f(
    "Tiltak K24",
    Severity.ERROR,
    "Lovhjemmel viser til feil barnevernlov (ikke aktiv i KOSTRA-KP; kjøres bare på forespørsel)",
    active=False,
)
def tiltak_k24(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    """Tiltak K24 as the specification describes it (all Lovhjemmel and JmfrLovhjemmel)."""
    for t in ind.tiltak:
        lover = [t.lovhjemmel.lov, *(j.lov for j in t.jmfr_lovhjemmel)]
        if t.start_dato < BVL2021_FRA and any(lov != "BVL" for lov in lover):
            yield _hit(ind, t, "Tiltak opprettet før 01.01.2023 krever lov = 'BVL'. Rett lovhjemmelen.")
        elif t.start_dato >= BVL2021_FRA and any(lov not in ("BVL", "BVL2021") for lov in lover):
            yield _hit(
                ind,
                t,
                "Tiltak opprettet 01.01.2023 eller etter, krever lov = 'BVL' eller 'BVL2021'. "
                "Rett lovhjemmelen.",
            )


@rule15f("Lovhjemmel K3", Severity.ERROR, "Individet er over 18 år og har omsorgstiltak")
def lovhjemmel_k3(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    years = age(ind, ctx)
    if years is None or years <= 18:
        return
    for t in ind.tiltak:
        if er_omsorgstiltak(t):
            yield _hit(
                ind,
                t,
                f"Individet er {years} år og skal dermed ikke ha omsorgstiltak. Omsorgen opphører "
                "ved 18 år; rett lovhjemmelen (ettervern) eller fødselsnummeret.",
            )


@rule15f("Lovhjemmel K4", Severity.ERROR, "Lovhjemmel med kapittel eller paragraf 0")
def lovhjemmel_k4(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    for t in ind.tiltak:
        hjemmel = t.lovhjemmel
        if hjemmel.kapittel == "0" or hjemmel.paragraf == "0":
            yield _hit(
                ind,
                t,
                f"Kapittel ({hjemmel.kapittel}) eller paragraf ({hjemmel.paragraf}) er "
                "rapportert med den ugyldige koden '0'. Oppgi riktig lovhjemmel.",
            )
