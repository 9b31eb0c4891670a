"""Norwegian display of numbers and percentages: the one place, with ONE rounding rule.

Every output — web page, CSV, XLSX, PDF, command — shows a figure through these functions,
so a share is «96,3 %» on the page and 96,3 in the CSV and the spreadsheet, never 96,2 in one
of them. The rule: the value is taken exactly (``Decimal(str(value))``, so a float such as
0.9625 is not first turned into 0.96249999…) and rounded **half up** to the decimals shown
(``rounded``). Money has its own rule and helper (øre-exact: ``rules.money.format_nok``).

Text: digits grouped by three with a no-break space (U+00A0; ``nbsp=False`` gives a plain
space, for terminals), decimal comma, the minus sign U+2212, and a no-break space before
«%». A missing figure is «..» and a suppressed one «:» (SSB's symbols).

Pure Python, no Django: the core (``rules``) uses it as well as templates and exports.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "MISSING",
    "NBSP",
    "SUPPRESSED",
    "day_text",
    "decimal_text",
    "estimate",
    "number",
    "percent",
    "percent_of",
    "rounded",
    "share_percent",
]

NBSP = "\u00a0"
MINUS = "\u2212"
MISSING = ".."
SUPPRESSED = ":"

Number = Decimal | int | float | str


def _exact(value: Number) -> Decimal:
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"Ikke et tall: {value!r}") from None


def rounded(value: Number, decimals: int = 1) -> Decimal:
    """``value`` rounded half up to ``decimals`` decimals: the one rounding rule.

    >>> rounded(0.9625 * 100), rounded(Decimal("96.25")), rounded(2.5, 0)
    (Decimal('96.3'), Decimal('96.3'), Decimal('3'))
    """
    return _exact(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def share_percent(share: Number, decimals: int = 1) -> Decimal:
    """A share (0–1) as the percentage that is shown, as a number (for CSV and XLSX cells).

    >>> share_percent(Decimal("0.9625"))
    Decimal('96.3')
    """
    return rounded(_exact(share) * 100, decimals)


def number(value: Number, decimals: int | None = 0, *, nbsp: bool = True, group: bool = True) -> str:
    """``1 234``, ``12,8``, ``−3``: rounded to ``decimals`` (``None``: as many as ``value`` has,
    trailing zeros dropped), digits grouped unless ``group=False``.

    >>> number(1234567), number(Decimal("12.75"), 1), number(Decimal("7.50"), None), number(-3)
    ('1\\xa0234\\xa0567', '12,8', '7,5', '−3')
    """
    exact = _exact(value)
    if decimals is None:
        exact = exact.normalize() if exact != exact.to_integral_value() else exact.quantize(Decimal(1))
    else:
        exact = rounded(exact, decimals)
    whole, _, frac = f"{exact:f}".partition(".")
    sign = MINUS if whole.startswith("-") and exact != 0 else ""
    digits = whole.lstrip("-")
    if group:
        digits = f"{int(digits):,}".replace(",", NBSP if nbsp else " ")
    return sign + digits + ("," + frac if frac else "")


def decimal_text(value: Number, decimals: int | None = 1) -> str:
    """A number for a CSV cell or a form field read by Norwegians: ``96,3``, ``-3,0`` (no
    grouping, hyphen-minus), rounded like everything else (``None``: the decimals it has).

    >>> decimal_text(Decimal("96.25")), decimal_text(-3, 1), decimal_text(Decimal("1.50"), None)
    ('96,3', '-3,0', '1,50')
    """
    exact = _exact(value) if decimals is None else rounded(value, decimals)
    return f"{exact:f}".replace(".", ",")


def percent_of(value: Number | None, decimals: int | None = 1, *, nbsp: bool = True) -> str:
    """A figure already in per cent (a position of 80.00 per cent, 4.5 per cent sick leave):
    ``80 %`` with ``decimals=None`` (as many as it has), else rounded: ``4,5 %``; None → «–».

    >>> percent_of(Decimal("80.00"), None), percent_of(Decimal("4.46")), percent_of(None)
    ('80\\xa0%', '4,5\\xa0%', '–')
    """
    if value is None:
        return "–"
    return number(value, decimals, nbsp=nbsp) + (NBSP if nbsp else " ") + "%"


def percent(share: Number | None, decimals: int = 1, *, nbsp: bool = True) -> str:
    """A share (0–1) as ``96,3 %``; None → «–».

    >>> percent(Decimal("0.9625")), percent(0.75, 0, nbsp=False), percent(None)
    ('96,3\\xa0%', '75 %', '–')
    """
    if share is None:
        return "–"
    return percent_of(share_percent(share, decimals), decimals, nbsp=nbsp)


def day_text(day: date | None, missing: str = "") -> str:
    """A date as Norwegians write it, ``05.01.2026``; ``missing`` when there is none.

    >>> day_text(date(2026, 1, 5)), day_text(None, "..")
    ('05.01.2026', '..')
    """
    return day.strftime("%d.%m.%Y") if day else missing


MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)


def month_text(month: date, *, short: bool = False) -> str:
    """A month as Norwegians write it: ``mars 2026``, or short ``mar 26`` (chart labels).

    >>> month_text(date(2026, 3, 1)), month_text(date(2026, 3, 1), short=True)
    ('mars 2026', 'mar 26')
    """
    if short:
        return f"{MONTHS[month.month - 1][:3]} {month:%y}"
    return f"{MONTHS[month.month - 1]} {month.year}"


_SCALES = ((Decimal(10) ** 9, "milliard", "milliarder"), (Decimal(10) ** 6, "million", "millioner"))


def estimate(value: Number, significant: int = 2, *, nbsp: bool = True) -> str:
    """A rough estimate to its precision, in words for large sums: an order of magnitude is not
    printed to the øre. ``significant`` digits are kept (rounded half up like everything else).

    >>> estimate(Decimal("24311000000.00")), estimate(69_000_000), estimate(1_500_000_000)
    ('24\xa0milliarder', '69\xa0millioner', '1,5\xa0milliarder')
    >>> estimate(Decimal("23000000.00")), estimate(1_000_000), estimate(543_210)
    ('23\xa0millioner', '1\xa0million', '540\xa0000')
    """
    exact = _exact(value)
    if exact == 0:
        return "0"
    quantum = Decimal(1).scaleb(exact.adjusted() - significant + 1)
    kept = (exact / quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP) * quantum
    space = NBSP if nbsp else " "
    for size, one, many in _SCALES:
        if abs(kept) >= size:
            amount = kept / size
            return number(amount, None, nbsp=nbsp) + space + (one if amount == 1 else many)
    return number(kept, 0, nbsp=nbsp)
