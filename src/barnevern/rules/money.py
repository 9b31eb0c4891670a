"""Money in Norwegian kroner: one rounding rule, parsing, formatting and exact splits.

Source: no statute. The conventions are those of Norwegian municipal accounting — amounts
are kept in whole øre (1/100 krone) and rounded half up (``ROUND_HALF_UP``, «vanlig
avrunding»). Parts of a total that is shared between municipalities are computed with the
largest-remainder rule (Hare–Niemeyer) so that they add up to the total *exactly*, øre for
øre; see :func:`split_by_weights`.

Amounts are always :class:`~decimal.Decimal`; a ``float`` is refused everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import TypeVar

__all__ = [
    "NBSP",
    "ORE",
    "MoneyError",
    "format_nok",
    "parse_nok",
    "split_by_weights",
    "to_ore",
]

K = TypeVar("K", bound=Hashable)

ORE = Decimal("0.01")
NBSP = "\u00a0"

# Spaces people (and spreadsheets) put between groups of digits.
_SPACES = " \u00a0\u202f\u2009\u2007"
_MINUS = "-\u2212\u2013"
_PREFIX = re.compile(r"^(kr\.?|nok)\s*", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*(kr\.?|nok)$", re.IGNORECASE)
_WHOLE_KRONER = re.compile(r"[,.][-\u2013]$")  # "1 500,-"


class MoneyError(ValueError):
    """An amount or a split that cannot be computed; the message is Norwegian."""


def _as_decimal(value: Decimal | int | str) -> Decimal:
    if isinstance(value, float):  # bool is an int and harmless; float money is not
        raise TypeError("Beløp må være Decimal, ikke float.")
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise MoneyError(f"Ugyldig beløp: {value!r}.") from exc


def to_ore(value: Decimal | int | str) -> Decimal:
    """Round to whole øre, half up (``Decimal("2.345")`` -> ``Decimal("2.35")``).

    This is the project's one rounding helper for money; ``-2.345`` rounds to ``-2.35``
    (half away from zero, as ``ROUND_HALF_UP`` does).
    """
    return _as_decimal(value).quantize(ORE, rounding=ROUND_HALF_UP)


def parse_nok(text: str) -> Decimal:
    """Parse an amount written the Norwegian (or the plain machine) way.

    Accepted, for example: ``"1 877 812,50"``, ``"1877812.50"``, ``"kr 1 500"``,
    ``"kr. 76.900"``, ``"1.877.812"``, ``"1 500,-"``, ``"-250,75"``, ``"1 500 kr"``.

    * Spaces, non-breaking and thin spaces between digit groups are ignored.
    * A comma is the decimal separator. When both ``,`` and ``.`` occur, the last one is the
      decimal separator and the other groups thousands.
    * A dot alone is a thousands separator when it is followed by exactly three digits or
      occurs more than once (``"76.900"`` is 76 900, as in the seeds' «kr. 76.900»);
      otherwise it is the decimal point (``"1877812.50"``).
    * At most two decimals (øre); more raise :class:`MoneyError`.
    """
    raw = text
    s = text.strip()
    negative = False
    if s and s[0] in _MINUS:
        negative, s = True, s[1:].strip()
    s = _PREFIX.sub("", s)
    s = _SUFFIX.sub("", s)
    if s and s[0] in _MINUS:
        negative, s = not negative, s[1:].strip()
    s = _WHOLE_KRONER.sub("", s)
    for space in _SPACES:
        s = s.replace(space, "")
    if not s or not re.fullmatch(r"[0-9.,]+", s):
        raise MoneyError(f"Ugyldig beløp: {raw!r}.")
    s = _normalise_separators(s, raw)
    if not re.fullmatch(r"[0-9]+(\.[0-9]{1,2})?", s):
        if re.fullmatch(r"[0-9]+\.[0-9]{3,}", s):
            raise MoneyError(f"Beløpet {raw!r} har mer enn to desimaler (øre).")
        raise MoneyError(f"Ugyldig beløp: {raw!r}.")
    value = Decimal(s)
    return -value if negative else value


def _normalise_separators(s: str, raw: str) -> str:
    """Return ``s`` with thousands separators removed and ``.`` as the decimal point."""
    has_comma, has_dot = "," in s, "." in s
    if has_comma and has_dot:
        decimal_sep = "," if s.rfind(",") > s.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        if s.count(decimal_sep) > 1:
            raise MoneyError(f"Ugyldig beløp: {raw!r}.")
        _check_groups(s.split(decimal_sep)[0], group_sep, raw)
        return s.replace(group_sep, "").replace(decimal_sep, ".")
    if has_comma:
        if s.count(",") > 1:
            raise MoneyError(f"Ugyldig beløp: {raw!r} (flere desimalkomma).")
        return s.replace(",", ".")
    if has_dot:
        parts = s.split(".")
        if len(parts) > 2 or len(parts[1]) == 3:
            _check_groups(s, ".", raw)
            return s.replace(".", "")
    return s


def _check_groups(integer_part: str, sep: str, raw: str) -> None:
    groups = integer_part.split(sep)
    if not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
        raise MoneyError(f"Ugyldig tusenskille i beløpet {raw!r}.")


def format_nok(amount: Decimal | int, *, nbsp: bool = False, kr: bool = False) -> str:
    """Format as ``"1 877 812,50"``: groups of three, decimal comma, always two decimals.

    The amount is first rounded with :func:`to_ore`. Digit groups are separated by an
    ordinary space, or by a non-breaking space (U+00A0) when ``nbsp`` is true (use that in
    HTML and PDF so an amount never breaks across lines). Negative amounts get a leading
    hyphen-minus: ``"-250,00"``. ``kr=True`` prefixes ``"kr "``.
    """
    value = to_ore(amount)
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    space = NBSP if nbsp else " "
    text = f"{sign}{space.join(groups)},{fraction}"
    return f"kr{space}{text}" if kr else text


def split_by_weights(
    total: Decimal | int,
    weights: Mapping[K, Decimal | int],
    *,
    unit: Decimal = ORE,
) -> dict[K, Decimal]:
    """Split ``total`` in proportion to ``weights`` so the parts sum exactly to ``total``.

    Largest-remainder rule: every key first gets its exact proportional share rounded
    *down* to a whole ``unit`` (øre by default); the units left over go, one each, to the
    keys with the largest remainders. Ties go to the key that comes first in ``weights``
    (mapping order), so the result is deterministic. Consequently every part differs from
    its exact proportional share by less than one unit, a key with weight zero gets zero,
    and for a positive total no part is negative.

    A negative total is split as its absolute value and negated, so a credit is shared
    the same way as a cost. ``total`` must already be a whole number of ``unit``
    (use :func:`to_ore` first). Weights must be non-negative and not all zero.
    """
    value = _as_decimal(total)
    if not weights:
        raise MoneyError("Ingen fordelingsnøkkel: det er ingen parter å fordele beløpet på.")
    units_exact = value / unit
    if units_exact != units_exact.to_integral_value():
        raise MoneyError(
            f"Beløpet {value} er ikke et helt antall av enheten {unit}; rund av først."
        )
    exact_weights = {key: Fraction(_as_decimal(w)) for key, w in weights.items()}
    if any(w < 0 for w in exact_weights.values()):
        raise MoneyError("En fordelingsnøkkel kan ikke ha negative vekter.")
    weight_sum = sum(exact_weights.values(), Fraction(0))
    if weight_sum == 0:
        raise MoneyError("Alle vektene i fordelingsnøkkelen er null; beløpet kan ikke fordeles.")

    units = int(units_exact)
    sign = -1 if units < 0 else 1
    units = abs(units)
    floors: dict[K, int] = {}
    remainders: list[tuple[Fraction, int, K]] = []
    for index, (key, weight) in enumerate(exact_weights.items()):
        share = units * weight / weight_sum
        floors[key] = share.numerator // share.denominator
        remainders.append((share - floors[key], index, key))
    left_over = units - sum(floors.values())
    remainders.sort(key=lambda item: (-item[0], item[1]))
    for _, _, key in remainders[:left_over]:
        floors[key] += 1
    return {
        key: (Decimal(sign * n) * unit).quantize(unit, rounding=ROUND_FLOOR)
        for key, n in floors.items()
    }
