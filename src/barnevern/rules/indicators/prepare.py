"""One case made ready for counting: live elements only, the child's identity, links.

Deleted content never counts: a Sak with ``er_slettet``, an element with ``er_slettet``, or an
element whose Id a ``Slettet`` entry names (BVR's two ways of deleting, ``ssb-barnevern.md``
§1.3).

A child is identified by fødselsnummer, else DUF number, else the Sak id (so one child with two
cases counts once). Incomplete numbers (a birth date followed by 00100, 00200, 55555 or 99999,
used for unborn or unidentified children) and invalid numbers do not identify anyone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from barnevern.records import Melding, Personalia, Plan, SakRecord, Tiltak, Undersokelse
from barnevern.rules.identity import is_valid_fodselsnummer

__all__ = ["PreparedSak", "child_key", "prepare"]

INCOMPLETE_SUFFIXES = frozenset({"00100", "00200", "55555", "99999"})


class _Element(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def er_slettet(self) -> bool: ...


E = TypeVar("E", bound=_Element)


def _live(elements: Iterable[E], gone: set[str]) -> tuple[E, ...]:
    return tuple(e for e in elements if not e.er_slettet and e.id not in gone)


def _identifying_fnr(value: str | None) -> str | None:
    number = "".join((value or "").split())
    if len(number) != 11 or number[6:] in INCOMPLETE_SUFFIXES:
        return None
    return number if is_valid_fodselsnummer(number) else None


def child_key(sak_id: str, personalia: list[Personalia]) -> str:
    """``fnr:…``, ``duf:…`` or ``sak:…`` from the live Personalia, latest first."""
    ordered = sorted(personalia, key=lambda p: p.start_dato, reverse=True)
    for p in ordered:
        if fnr := _identifying_fnr(p.fodselsnummer):
            return f"fnr:{fnr}"
    for p in ordered:
        duf = "".join((p.duf_nummer or "").split())
        if duf:
            return f"duf:{duf}"
    return f"sak:{sak_id}"


@dataclass(frozen=True, slots=True)
class PreparedSak:
    """A Sak's live content, shared by every period counted in one pass."""

    record: SakRecord
    child: str
    birth: date | None
    meldinger: tuple[Melding, ...]
    undersokelser: tuple[Undersokelse, ...]
    tiltak: tuple[Tiltak, ...]
    planer: tuple[Plan, ...]
    melding_for: dict[str, Melding]  # undersøkelse id -> earliest linked melding

    def kommune_on(self, day: date) -> str | None:
        return self.record.kommune_on(day)


def prepare(sak: SakRecord) -> PreparedSak | None:
    """The live content of ``sak``, or None when the Sak itself is deleted."""
    if sak.er_slettet:
        return None
    gone = {s.id for s in sak.slettet}
    personalia = list(_live(sak.personalia, gone))
    meldinger = _live(sak.meldinger, gone)
    undersokelser = _live(sak.undersokelser, gone)
    by_id = {m.id: m for m in meldinger}
    melding_for: dict[str, Melding] = {}
    for rel in _live(sak.relasjoner, gone):
        if rel.fra_type == "Melding" and rel.til_type == "Undersokelse":
            melding_id, undersokelse_id = rel.fra_id, rel.til_id
        elif rel.fra_type == "Undersokelse" and rel.til_type == "Melding":
            melding_id, undersokelse_id = rel.til_id, rel.fra_id
        else:
            continue
        melding = by_id.get(melding_id)
        known = melding_for.get(undersokelse_id)
        if melding is not None and (known is None or melding.start_dato < known.start_dato):
            melding_for[undersokelse_id] = melding
    latest = max(personalia, key=lambda p: p.start_dato) if personalia else None
    return PreparedSak(
        record=sak,
        child=child_key(sak.id, personalia),
        birth=latest.fodseldato if latest else None,
        meldinger=meldinger,
        undersokelser=undersokelser,
        tiltak=_live(sak.tiltak, gone),
        planer=_live(sak.planer, gone),
        melding_for=melding_for,
    )
