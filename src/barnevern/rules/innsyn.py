"""Party access (partsinnsyn): which documents and journal entries one party may see.

Sources and readings:

* forvaltningsloven § 18 første ledd: a party has the right to see the case's documents unless
  §§ 18 a–19 say otherwise (general knowledge of the act; ⚠ not re-read on Lovdata this
  session).
* fvl § 18 a / § 18 c: internal documents (organinterne dokumenter; § 18 c for municipalities)
  may be withheld. Internal notes of the service are proposed withheld on this ground; the case
  worker may release them.
* fvl § 19 andre ledd bokstav a (the party's own health) and bokstav b (other persons' personal
  matters): chosen by the case worker per document and party. The grounds were named in a
  master's thesis (UiB, «Adgangen til å begrense foreldres rett til innsyn i opplysninger barnet
  har gitt til barnevernet», docplayer.me/231218794) that also discusses a new provision of
  barnevernsloven 2021 limiting parents' access to what the child has said (Bufdir «Ny
  barnevernslov»: «Unntak fra foreldres rett til dokumentinnsyn»). ⚠ The paragraph number of
  that provision was not confirmed, so the ground is named without a number.

Only a person with partsrettigheter has partsinnsyn. Someone who is not a party (a melder,
another service) sees only the letters addressed to them. Drafts are not case documents yet
and are never listed. Withholding is always a choice by a person: this module only applies it
and proposes a ground for internal notes (§ 18 c) and for letters to a private melder, which
would tell the parents who reported (§ 19 andre ledd bokstav b).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = ["GROUNDS", "Decision", "Item", "PartyView", "decide", "ground_text"]

GROUNDS: dict[str, str] = {
    "fvl-18c": "Forvaltningsloven § 18 c – organinternt dokument i kommunen",
    "fvl-18a": "Forvaltningsloven § 18 a – organinternt dokument",
    "fvl-19-2a": "Forvaltningsloven § 19 andre ledd bokstav a – partens helseforhold",
    "fvl-19-2b": "Forvaltningsloven § 19 andre ledd bokstav b – andre personers personlige forhold",
    "bvl-barnets-opplysninger": (
        "Barnevernsloven – unntak fra foreldres innsyn i det barnet har fortalt (⚠ paragraf ikke verifisert)"
    ),
}
INTERNAL_DEFAULT = "fvl-18c"
MELDER_DEFAULT = "fvl-19-2b"


def ground_text(code: str) -> str:
    return GROUNDS.get(code, code)


@dataclass(frozen=True, slots=True)
class PartyView:
    id: str
    partsrettigheter: bool


@dataclass(frozen=True, slots=True)
class Item:
    """A document or journal entry as access sees it."""

    id: str
    kind: str  # "dokument" or "journal"
    final: bool = True  # False for a draft letter: not a case document yet
    internal: bool = False  # an internal note
    addressed_to: str | None = None  # party id a letter went to
    to_private_melder: bool = False  # a letter to a private melder (reveals who reported)


@dataclass(slots=True)
class Decision:
    visible: list[Item] = field(default_factory=list)
    withheld: list[tuple[Item, str]] = field(default_factory=list)  # (item, ground code)
    is_party: bool = True


def decide(party: PartyView, items: Iterable[Item], withheld: Mapping[str, str]) -> Decision:
    """What ``party`` may see of ``items``; ``withheld`` maps item id → ground chosen for this
    party by the case worker ("" releases an internal note the rule would withhold)."""
    result = Decision(is_party=party.partsrettigheter)
    for item in items:
        if not item.final:
            continue
        if not party.partsrettigheter:
            if item.addressed_to == party.id and item.id not in withheld:
                result.visible.append(item)
            continue
        ground = withheld.get(item.id)
        if ground is None and item.internal:
            ground = INTERNAL_DEFAULT
        if ground is None and item.to_private_melder and item.addressed_to != party.id:
            ground = MELDER_DEFAULT
        if ground:
            result.withheld.append((item, ground))
        else:
            result.visible.append(item)
    return result


PARENT_ROLES = frozenset({"mor", "far", "medmor", "medfar"})
CHILD_PARTY_AGE = 15


def default_partsrettigheter(rolle: str, *, foreldreansvar: bool, age: int | None = None) -> bool:
    """Who is a party unless the case worker says otherwise: a parent with parental
    responsibility, a verge, and the child from 15 years (⚠ barnevernloven 1992 § 6-3 andre ledd
    made a child of 15 a party; the 2021 act's paragraph for this was not verified)."""
    if rolle in PARENT_ROLES:
        return foreldreansvar
    if rolle == "verge":
        return True
    if rolle == "barn":
        return age is not None and age >= CHILD_PARTY_AGE
    return False
