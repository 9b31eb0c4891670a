"""The date rule families SSB repeats for Melding, Undersøkelse, Plan, Tiltak and Flytting.

``K2a`` start after own end, ``K2b`` end outside the reporting year, ``K2c`` end after the
Individ's end, ``K2d`` Avslutta3112 = 1 but the element is open, ``K2e`` start before the
Individ's start. Each element record has ``id``, ``start_dato``, ``slutt_dato`` and ``line``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from barnevern.control.kostra15f._base import Context15F, Hit, fmt, who
from barnevern.formats.kostra15f import Individ15F

__all__ = [
    "avsluttet_men_apen",
    "end_after_individ_end",
    "end_not_in_year",
    "start_after_end",
    "start_before_individ_start",
]


def _hit(ind: Individ15F, element: Any, noun: str, text: str) -> Hit:
    return Hit(f"{who(ind, f'{noun} {element.id}')}: {text}", element.line, element.id)


def start_after_end(ind: Individ15F, elements: Iterable[Any], noun: str) -> Iterator[Hit]:
    """K2a: the element's start date is after its own end date."""
    for e in elements:
        if e.slutt_dato and e.start_dato > e.slutt_dato:
            yield _hit(
                ind,
                e,
                noun,
                f"Startdatoen ({fmt(e.start_dato)}) er etter sluttdatoen ({fmt(e.slutt_dato)}). "
                "Rett startdatoen eller sluttdatoen.",
            )


def end_not_in_year(ind: Individ15F, ctx: Context15F, elements: Iterable[Any], noun: str) -> Iterator[Hit]:
    """K2b: the element ended, but not in the reporting year."""
    for e in elements:
        if e.slutt_dato and e.slutt_dato.year != ctx.year:
            yield _hit(
                ind,
                e,
                noun,
                f"Sluttdatoen ({fmt(e.slutt_dato)}) er ikke i rapporteringsåret ({ctx.year}). "
                "Rett sluttdatoen; elementer avsluttet før året skal ikke være med.",
            )


def end_after_individ_end(
    ind: Individ15F,
    elements: Iterable[Any],
    noun: str,
    *,
    when: Callable[[Any], bool] = lambda e: True,
) -> Iterator[Hit]:
    """K2c: the element ends after the Individ ends."""
    if ind.slutt_dato is None:
        return
    for e in elements:
        if e.slutt_dato and e.slutt_dato > ind.slutt_dato and when(e):
            yield _hit(
                ind,
                e,
                noun,
                f"Sluttdatoen ({fmt(e.slutt_dato)}) er etter individets sluttdato "
                f"({fmt(ind.slutt_dato)}). Rett en av datoene.",
            )


def avsluttet_men_apen(
    ind: Individ15F, ctx: Context15F, elements: Iterable[Any], noun: str, plural: str
) -> Iterator[Hit]:
    """K2d: Avslutta3112 = 1, but the element (or the Individ) has no end on or before 31.12."""
    if not ind.avsluttet:
        return
    for e in elements:
        if e.slutt_dato is None or ind.slutt_dato is None or e.slutt_dato > ctx.telledato:
            yield _hit(
                ind,
                e,
                noun,
                f"Individet er avsluttet hos barnevernet (Avslutta3112 = 1), og dets {plural} "
                f"skal dermed være avsluttet innen {fmt(ctx.telledato)}. Sluttdato er "
                f"{fmt(e.slutt_dato)}, individets sluttdato er {fmt(ind.slutt_dato)}. Sett "
                "sluttdatoer, eller sett Avslutta3112 til 2.",
            )


def start_before_individ_start(ind: Individ15F, elements: Iterable[Any], noun: str) -> Iterator[Hit]:
    """K2e: the element starts before the Individ starts."""
    for e in elements:
        if e.start_dato < ind.start_dato:
            yield _hit(
                ind,
                e,
                noun,
                f"Startdatoen ({fmt(e.start_dato)}) skal være lik eller etter individets "
                f"startdato ({fmt(ind.start_dato)}). Rett en av datoene.",
            )
