"""KOSTRA comparison arithmetic: region kinds, ratios over several municipalities, ranks.

Pure Python, no Django. Sources: ``reference/kostra-ssb.md`` §0 and §6 — Bufdir's kommunemonitor
(gardenberg/barnevernmonitor, ``transformering_okonomi_v29.R``) gives an intermunicipal service
a ratio by adding the numerators and the denominators over the member municipalities and then
dividing («en [prosess] for antall som kan summeres, og en for andeler som ikke kan summeres,
men må deles»); it never averages the municipalities' ratios. SSB's symbols (SSB Rapporter
2020/48): ``:`` prikket, ``..`` mangler, ``.`` kan ikke forekomme, ``-`` null.

Rules here:

1. A cell is a number, or a symbol. ``-`` (exactly zero) counts as 0; every other symbol stops
   the arithmetic — a suppressed or missing cell is never read as 0.
2. The service figure is ``scale × Σ(numerator × nf) / Σ(denominator × df)`` over the members,
   rounded half up to the indicator's decimals (``display.rounded``, the one rounding rule).
3. If any member's numerator or denominator is suppressed (``:``), the service figure is ``:``
   with the reason naming the members; it is not computed from the rest. Otherwise, if any is
   missing or not applicable, the figure is ``..`` with the reason. A zero denominator gives
   ``.``.
4. Rank: 1 is the highest value; equal values share a rank; the count is the municipalities
   with a number. It is only shown when the year has a national file (at least
   ``NATIONAL_MIN`` municipalities in the series).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from barnevern.display import rounded

__all__ = [
    "NATIONAL_MIN",
    "SUPPRESSED",
    "Figure",
    "Part",
    "aggregate",
    "rank",
    "region_kind",
    "rounded",
]

SUPPRESSED = ":"
MISSING = ".."
NOT_APPLICABLE = "."
ZERO = "-"
NATIONAL_MIN = 350  # Norway had 356 municipalities 2020–2023 (357 from 2024), 422 in 2019

_KINDS = (
    (re.compile(r"^\d{4}$"), "kommune"),
    (re.compile(r"^EKG\d{2}$"), "kostragruppe"),
    (re.compile(r"^EKA\d{2}$"), "fylke"),
    (re.compile(r"^EAK$"), "landet"),
    (re.compile(r"^EAKUO$"), "landet_uten_oslo"),
)


def region_kind(code: str) -> str:
    """``kommune`` (4 digits), ``kostragruppe`` (EKG01–EKG17), ``fylke`` (EKA + county number),
    ``landet`` (EAK), ``landet_uten_oslo`` (EAKUO), else ``annet`` (bydel, fylkeskommune …)."""
    return next((kind for pattern, kind in _KINDS if pattern.match(code)), "annet")


@dataclass(frozen=True, slots=True)
class Figure:
    """A number (``status`` None, or a flag such as ``*`` foreløpig) or a symbol without one."""

    value: Decimal | None
    status: str | None = None
    reason: str = ""

    @property
    def number(self) -> Decimal | None:
        if self.value is not None:
            return self.value
        return Decimal(0) if self.status == ZERO else None

    @property
    def shown(self) -> Decimal | str:
        """The number, or the symbol to print (``..`` when nothing is known)."""
        number = self.number
        return number if number is not None else (self.status or MISSING)


@dataclass(frozen=True, slots=True)
class Part:
    """One member's numerator and denominator (``None``: no such cell stored)."""

    name: str
    numerator: Figure | None
    denominator: Figure | None


def _names(names: list[str]) -> str:
    unique = list(dict.fromkeys(names))
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " og " + unique[-1]


def aggregate(
    parts: Sequence[Part],
    *,
    scale: Decimal,
    decimals: int,
    numerator_factor: Decimal = Decimal(1),
    denominator_factor: Decimal = Decimal(1),
) -> Figure:
    """Σ numerators / Σ denominators over ``parts`` (rules 1–3 of the module docstring)."""
    if not parts:
        return Figure(None, MISSING, "Ingen kommuner.")
    hidden: list[str] = []
    missing: list[str] = []
    numerator = denominator = Decimal(0)
    for part in parts:
        num = part.numerator.number if part.numerator is not None else None
        den = part.denominator.number if part.denominator is not None else None
        for figure, number in ((part.numerator, num), (part.denominator, den)):
            if number is not None:
                continue
            if figure is not None and figure.status == SUPPRESSED:
                hidden.append(part.name)
            else:
                why = figure.reason if figure is not None and figure.reason else ""
                missing.append(f"{part.name} ({why})" if why else part.name)
        if num is not None and den is not None:
            numerator += num * numerator_factor
            denominator += den * denominator_factor
    if hidden:
        return Figure(None, SUPPRESSED, f"Prikket fordi SSB har prikket tallet for {_names(hidden)}.")
    if missing:
        return Figure(None, MISSING, f"Mangler tall for {_names(missing)}.")
    if denominator == 0:
        return Figure(None, NOT_APPLICABLE, "Nevneren er 0.")
    return Figure(rounded(scale * numerator / denominator, decimals))


def rank(values: Mapping[str, Figure], code: str, *, minimum: int = NATIONAL_MIN) -> tuple[int, int] | None:
    """(n, m): ``code`` is number n of the m municipalities with a number (1 = highest); None when
    ``code`` has no number or fewer than ``minimum`` municipalities are in ``values``."""
    if len(values) < minimum:
        return None
    numbers = {k: f.number for k, f in values.items() if f.number is not None}
    own = numbers.get(code)
    if own is None:
        return None
    return 1 + sum(1 for v in numbers.values() if v > own), len(numbers)
