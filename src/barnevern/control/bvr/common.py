"""Helpers shared by the BVR rule modules: date comparisons, duplicates, open elements.

The helpers take *live* elements (``BvrContext.meldinger`` ..., deleted ones already left out).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from barnevern.control.bvr.context import BvrContext, Hit, fmt, hit
from barnevern.records import Lovhjemmel

__all__ = [
    "content_key",
    "duplicates",
    "end_after_sak_end",
    "end_of",
    "is_zero",
    "open_subelements",
    "start_after_end",
    "start_before_sak_start",
]

_IGNORED_FIELDS = frozenset({"id", "line", "migrert_id", "er_slettet"})


def end_of(element: Any) -> date | None:
    """``Konklusjon/SluttDato`` of an element, or None while it is open."""
    konklusjon = getattr(element, "konklusjon", None)
    return konklusjon.slutt_dato if konklusjon is not None else None


def start_after_end(
    elements: Iterable[Any],
    text: str,
    *,
    start: Callable[[Any], date] = lambda e: e.start_dato,
) -> Iterator[Hit]:
    """Rule family «K2a»: the element's start date is after its own end date."""
    for element in elements:
        end = end_of(element)
        if end is not None and start(element) > end:
            yield hit(
                element,
                f"{text} {fmt(start(element))} er etter sluttdato {fmt(end)}. "
                "Rett startdatoen eller sluttdatoen (Konklusjon/SluttDato).",
            )


def end_after_sak_end(
    ctx: BvrContext,
    elements: Iterable[Any],
    text: str,
    *,
    end: Callable[[Any], date | None] = end_of,
) -> Iterator[Hit]:
    """Rule family «K2c»: the element ends after the Sak ends."""
    sak_end = ctx.sak.slutt_dato
    if sak_end is None:
        return
    for element in elements:
        day = end(element)
        if day is not None and day > sak_end:
            yield hit(
                element,
                f"{text} {fmt(day)} er etter sakens sluttdato {fmt(sak_end)}. "
                "Rett datoen, eller åpne saken igjen hvis arbeidet fortsatt pågår.",
            )


def start_before_sak_start(
    ctx: BvrContext,
    elements: Iterable[Any],
    text: str,
    *,
    start: Callable[[Any], date] = lambda e: e.start_dato,
) -> Iterator[Hit]:
    """Rule family «K2e»: the element starts before the Sak starts."""
    sak_start = ctx.sak.start_dato
    for element in elements:
        if start(element) < sak_start:
            yield hit(
                element,
                f"{text} {fmt(start(element))} er før sakens startdato {fmt(sak_start)}. "
                "Rett datoen, eller sett sakens startdato tidligere.",
            )


_KEPT_FIELDS: dict[type, tuple[str, ...] | None] = {}  # per class: compared fields, None if no dataclass


def _kept(cls: type) -> tuple[str, ...] | None:
    try:
        return _KEPT_FIELDS[cls]
    except KeyError:
        names = (
            tuple(f.name for f in dataclasses.fields(cls) if f.name not in _IGNORED_FIELDS)
            if dataclasses.is_dataclass(cls)
            else None
        )
        _KEPT_FIELDS[cls] = names
        return names


def _strip(value: Any) -> Any:
    names = _kept(type(value))
    if names is not None:
        return tuple((name, _strip(getattr(value, name))) for name in names)
    if isinstance(value, tuple):
        return tuple(_strip(v) for v in value)
    return value


def content_key(element: Any) -> Any:
    """The element's content without ids, line numbers, MigrertId and ErSlettet, at any depth.

    Two elements registered twice get different ids for themselves and for their children
    (Status, Krav, Hyppighet ...); "helt identisk innhold" compares what is left.
    """
    return _strip(element)


_NESTED = object()  # stands for a field whose content_key is built from parts


def _shallow_key(element: Any) -> Any:
    """What ``content_key`` keeps of the element's plain fields (nested records and tuples only
    marked): equal content keys give equal shallow keys, so elements whose shallow keys all
    differ cannot have equal content. ``_NESTED`` for an element that is not a record."""
    names = _kept(type(element))
    if names is None:
        return _NESTED
    values = []
    for name in names:
        value = getattr(element, name)
        values.append(_NESTED if isinstance(value, tuple) or _kept(type(value)) is not None else value)
    return tuple(values)


def duplicates(elements: Iterable[Any], text: str) -> Iterator[Hit]:
    """Rule family «K19»: identical content under different ids; reported on the later ones."""
    elements = tuple(elements)
    if len(elements) < 2:  # nothing to compare (most Saker)
        return
    shallow: set[Any] = set()
    for element in elements:  # plain fields differ (the usual case): no two are identical
        key = _shallow_key(element)
        if key is _NESTED or key in shallow:
            break
        shallow.add(key)
    else:
        return
    first_by_key: dict[Any, Any] = {}
    for element in elements:
        key = content_key(element)
        first = first_by_key.setdefault(key, element)
        if first is not element and first.id != element.id:
            yield hit(
                element,
                f"Det finnes 2 eller flere {text} med identisk innhold, men med forskjellige "
                f"identer (samme innhold som {first.id}). Slett dubletten.",
            )


def open_subelements(ctx: BvrContext, *, include_vedtak: bool) -> list[tuple[str, Any]]:
    """Live sub-elements without an end date, as ``(type name, element)``.

    Elements that can have ``Konklusjon/SluttDato``: Melding, Undersokelse, Plan, Tiltak,
    Ettervern and (when asked) Vedtak. Personalia, OversendelseFylkesnemnd and Flytting have no
    open/closed state.
    """
    groups: list[tuple[str, Iterable[Any]]] = [
        ("Melding", ctx.meldinger),
        ("Undersokelse", ctx.undersokelser),
        ("Plan", ctx.planer),
        ("Tiltak", ctx.tiltak),
        ("Ettervern", ctx.ettervern),
    ]
    if include_vedtak:
        groups.append(("Vedtak", ctx.vedtak))
    return [(name, e) for name, items in groups for e in items if end_of(e) is None]


def is_zero(text: str | None) -> bool:
    """True for "0", "00" ...: a Lovhjemmel part filled in with the number 0."""
    return text is not None and text.strip() != "" and text.strip().strip("0") == ""


def lov_text(hjemmel: Lovhjemmel) -> str:
    return f"{hjemmel.lov} § {hjemmel.kapittel}-{hjemmel.paragraf}"
