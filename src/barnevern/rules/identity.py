"""Norwegian identity numbers: fødselsnummer, D-, H-, FH- and synthetic numbers, DUF.

Sources:

- Skatteetaten, «Fødselsnummer» and «Nytt fødselsnummer fra 2032»: structure ``DDMMYY iii k1 k2``,
  modulus-11 check digits, century from the individual number, and the 2032 change where k1 may
  take up to four values (weighted remainder 0, 1, 2 or 3) while k2 is unchanged
  (``shared/reference/domain-rules.md`` §9.1-9.3).
- Variants (§9.4): D-number (day + 40), H-number (month + 40; NAV Dolly uses the same encoding),
  FH-number (first digit 8 or 9, no birth date), synthetic Test-Norge/Tenor numbers (month + 80).
- SSB KOSTRA-KP ``SsnValidationUtils`` as restated in ``ssb-barnevern.md`` §2.3: the 15F rules
  Individ K03/K11/K12/K19, the suffix exceptions 00100/00200/99999 and the DUF check.

python-stdnum is deliberately not used: it rejects Test-Norge numbers, FH-numbers and future
birth dates (unborn children), and knows only the pre-2032 k1 rule (§9.5).

Century when the individual number does not give one: from 2032 the individual number no longer
encodes the century, so a number whose individual number and year fall outside the old table
(e.g. 800 with year 82) is accepted and its century is inferred: the latest century whose date is
not more than one year after ``today`` (or, without ``today``, 2000s for year 00-39 else 1900s).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from operator import mul

__all__ = [
    "IdentityNumber",
    "InvalidIdentityNumber",
    "birth_date_from_fnr",
    "is_valid_fodselsnummer",
    "kostra_valid_fnr",
    "mask",
    "parse_fodselsnummer",
    "synthetic_duf",
    "synthetic_fnr",
    "validate_duf",
]

K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
DUF_WEIGHTS = (4, 6, 3, 2, 4, 6, 3, 2, 7, 5)
KOSTRA_SUFFIXES = frozenset({"00100", "00200", "99999"})
SYNTHETIC_DUF_PREFIX = "2099"  # a registration year no real DUF number has yet

MSG_LENGTH = "Fødselsnummeret må ha 11 siffer."
MSG_CHECK = "Fødselsnummeret har feil kontrollsiffer."
MSG_DATE = "Fødselsnummeret inneholder en ugyldig dato."
MSG_FUTURE = "Fødselsnummeret har en fødselsdato mer enn ett år fram i tid."
MSG_SYNTHETIC = "Syntetiske fødselsnumre (Test-Norge) er ikke tillatt her."
MSG_DUF_LENGTH = "DUF-nummeret må ha 12 siffer."
MSG_DUF_CHECK = "DUF-nummeret har feil kontrollsiffer."


class InvalidIdentityNumber(ValueError):
    """An identity number failed validation; ``str(exc)`` is a Norwegian message for the user."""


@dataclass(frozen=True, slots=True)
class IdentityNumber:
    """A validated identity number.

    ``kind`` is one of ``"fnr"``, ``"dnr"``, ``"hnr"`` (month + 40; also NAV Dolly, which cannot
    be told apart), ``"fhnr"`` (no birth date) and ``"synthetic"`` (Test-Norge, month + 80, also
    when the day is + 40). ``rule`` is ``"pre2032"`` when k1 follows the old rule (remainder 0,
    also valid under the new rule) and ``"2032"`` when only the 2032 rule accepts it.
    """

    value: str
    kind: str
    birth_date: date | None
    rule: str

    @property
    def is_d_number(self) -> bool:
        return self.kind != "fhnr" and self.value[0] in "4567"


def _digits(value: str) -> list[int]:
    """The digits of an ASCII digit string (``_normalise`` has checked it)."""
    return [b - 48 for b in value.encode("ascii")]


def _weighted(digits: list[int], weights: tuple[int, ...]) -> int:
    return sum(map(mul, digits, weights))


def _normalise(value: str, length: int, message: str) -> str:
    if type(value) is str and len(value) == length and value.isascii() and value.isdigit():
        return value  # the common case: nothing to clean
    cleaned = "".join(str(value).split())
    if len(cleaned) != length or not cleaned.isascii() or not cleaned.isdigit():
        raise InvalidIdentityNumber(message)
    return cleaned


def _check_rule(digits: list[int]) -> str | None:
    """Return "pre2032", "2032" or None (invalid) for the check digits of an 11-digit number."""
    if _weighted(digits, K2_WEIGHTS) % 11 != 0:
        return None
    remainder = _weighted(digits, K1_WEIGHTS) % 11
    if remainder == 0:
        return "pre2032"
    if remainder in (1, 2, 3):
        return "2032"
    return None


def _century(individual: int, yy: int) -> int | None:
    """Century (1800, 1900, 2000) from the individual number per the pre-2032 table, or None."""
    if individual <= 499:
        return 1900
    if individual >= 900 and yy >= 40:
        return 1900
    if yy <= 39:
        return 2000
    if individual <= 749 and yy >= 54:
        return 1800
    return None


def _guess_century(dd: int, mm: int, yy: int, today: date | None) -> int:
    if today is None:
        return 2000 if yy <= 39 else 1900
    limit = _one_year_after(today)
    for century in (2000, 1900, 1800):
        try:
            if date(century + yy, mm, dd) <= limit:
                return century
        except ValueError:
            continue
    return 1900


def _one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day + timedelta(days=365)


def _date_parts(value: str) -> tuple[int, int, int, str]:
    """Day, month, two-digit year and kind, with the D/H/synthetic offsets removed."""
    dd, mm, yy = int(value[0:2]), int(value[2:4]), int(value[4:6])
    kind = "fnr"
    if dd > 40:
        dd -= 40
        kind = "dnr"
    if mm > 80:
        mm -= 80
        kind = "synthetic"
    elif mm > 40:
        mm -= 40
        kind = "hnr"
    return dd, mm, yy, kind


def parse_fodselsnummer(
    value: str, *, allow_synthetic: bool = True, today: date | None = None
) -> IdentityNumber:
    """Validate a fødselsnummer (or D/H/FH/synthetic number) and return what it encodes.

    Spaces are ignored. Both the pre-2032 and the 2032 k1 rule are accepted. A birth date in the
    future is accepted (unborn children), unless ``today`` is given and the date is more than one
    year after it. Raises :class:`InvalidIdentityNumber` with a Norwegian message.
    """
    number = _normalise(value, 11, MSG_LENGTH)
    rule = _check_rule(_digits(number))
    if rule is None:
        raise InvalidIdentityNumber(MSG_CHECK)
    if number[0] in "89":
        return IdentityNumber(value=number, kind="fhnr", birth_date=None, rule=rule)
    dd, mm, yy, kind = _date_parts(number)
    if kind == "synthetic" and not allow_synthetic:
        raise InvalidIdentityNumber(MSG_SYNTHETIC)
    century = _century(int(number[6:9]), yy)
    if century is None:
        century = _guess_century(dd, mm, yy, today)
    try:
        born = date(century + yy, mm, dd)
    except ValueError:
        raise InvalidIdentityNumber(MSG_DATE) from None
    if today is not None and born > _one_year_after(today):
        raise InvalidIdentityNumber(MSG_FUTURE)
    return IdentityNumber(value=number, kind=kind, birth_date=born, rule=rule)


def is_valid_fodselsnummer(value: str | None) -> bool:
    """True if :func:`parse_fodselsnummer` accepts the value (synthetic numbers included)."""
    if value is None:
        return False
    try:
        parse_fodselsnummer(value)
    except InvalidIdentityNumber:
        return False
    return True


def _kostra_modulus11(number: str) -> bool:
    digits = _digits(number)
    return _weighted(digits, K1_WEIGHTS) % 11 == 0 and _weighted(digits, K2_WEIGHTS) % 11 == 0


def _suffix_birth_date(number: str, reporting_year: int | None) -> date | None:
    """KOSTRA-KP: ddMMyy in the 2000s unless more than one year after 31.12 of the year.

    Without a reporting year: the 2000s for year 00-39, else the 1900s.
    """
    dd, mm, yy, _kind = _date_parts(number)
    if reporting_year is None:
        century = 2000 if yy <= 39 else 1900
    else:  # a date after 31.12 of the following year means the 1900s
        century = 2000 if 2000 + yy <= reporting_year + 1 else 1900
    try:
        return date(century + yy, mm, dd)
    except ValueError:
        return None


def kostra_valid_fnr(value: str | None, reporting_year: int) -> bool:
    """KOSTRA-KP's «gyldig fødselsnummer eller D-nummer» (15F rules Individ K03/K12).

    Modulus 11 with the pre-2032 weights (as KOSTRA-KP does; the date is not checked), or a
    readable birth date followed by one of the suffixes 00100, 00200, 99999. The suffix 55555
    named in SSB's spec is not accepted, matching KOSTRA-KP's code (``ssb-barnevern.md`` §2.1).
    """
    if value is None:
        return False
    try:
        number = _normalise(value, 11, MSG_LENGTH)
    except InvalidIdentityNumber:
        return False
    if _kostra_modulus11(number):
        return True
    return number[6:] in KOSTRA_SUFFIXES and _suffix_birth_date(number, reporting_year) is not None


def birth_date_from_fnr(value: str | None, reporting_year: int | None = None) -> date | None:
    """The birth date a number encodes, or None if it has none (FH-number) or is unreadable.

    Valid numbers give the date from :func:`parse_fodselsnummer`. Numbers with the KOSTRA suffixes
    00100/00200/99999 give a date in the 2000s, or the 1900s when that would be more than one
    year after 31.12 of ``reporting_year`` (``ssb-barnevern.md`` §2.3). Other numbers give None.
    """
    if value is None:
        return None
    today = date(reporting_year, 12, 31) if reporting_year is not None else None
    try:
        return parse_fodselsnummer(value, today=today).birth_date
    except InvalidIdentityNumber:
        pass
    try:
        number = _normalise(value, 11, MSG_LENGTH)
    except InvalidIdentityNumber:
        return None
    if number[6:] in KOSTRA_SUFFIXES:
        return _suffix_birth_date(number, reporting_year)
    return None


def validate_duf(value: str) -> str:
    """Validate a 12-digit DUF number and return it without spaces.

    Check (KOSTRA-KP, ``ssb-barnevern.md`` §2.3): Σ(d1..d10 × [4,6,3,2,4,6,3,2,7,5]) mod 11,
    zero-padded to two digits, equals digits 11-12.
    """
    number = _normalise(value, 12, MSG_DUF_LENGTH)
    if f"{_weighted(_digits(number), DUF_WEIGHTS) % 11:02d}" != number[10:]:
        raise InvalidIdentityNumber(MSG_DUF_CHECK)
    return number


def mask(value: str | None) -> str:
    """Mask an identity number for lists: only day and month stay visible.

    ``"01018012345"`` becomes ``"0101** *****"``. Day and month help tell children apart in a
    caseworker's list; the year and personal number are hidden. A DUF number keeps its first four
    digits (the registration year). Anything else is masked completely.
    """
    cleaned = "".join(str(value or "").split())
    if len(cleaned) == 11 and cleaned.isdigit():
        return f"{cleaned[:4]}** *****"
    if len(cleaned) == 12 and cleaned.isdigit():
        return f"{cleaned[:4]} ********"
    return "****** *****"


def _check_digits(first9: str) -> str | None:
    digits = _digits(first9)
    k1 = (11 - _weighted(digits, K1_WEIGHTS[:9]) % 11) % 11
    if k1 == 10:
        return None
    k2 = (11 - _weighted([*digits, k1], K2_WEIGHTS[:10]) % 11) % 11
    if k2 == 10:
        return None
    return f"{k1}{k2}"


def _individual_range(year: int) -> range:
    if 1854 <= year <= 1899:
        return range(500, 750)
    if 1900 <= year <= 1999:
        return range(0, 500)
    if 2000 <= year <= 2039:
        return range(500, 1000)
    raise ValueError(f"Syntetiske fødselsnumre støtter fødselsår 1854-2039, ikke {year}.")


def synthetic_fnr(birth_date: date, serial: int, sex: str) -> str:
    """The ``serial``-th synthetic Test-Norge number (month + 80) for a birth date and sex.

    ``sex`` is ``"1"`` (male, odd 9th digit) or ``"2"`` (female, even). The individual number is
    taken from the pre-2032 century range for the birth year, and individual numbers whose check
    digits would be 10 are skipped, so serial 0, 1, 2 ... give distinct valid numbers.
    """
    if sex not in ("1", "2"):
        raise ValueError('Kjønn må være "1" (gutt) eller "2" (jente).')
    if serial < 0:
        raise ValueError("Løpenummeret kan ikke være negativt.")
    prefix = f"{birth_date.day:02d}{birth_date.month + 80:02d}{birth_date.year % 100:02d}"
    parity = 1 if sex == "1" else 0
    found = 0
    for individual in _individual_range(birth_date.year):
        if individual % 2 != parity:
            continue
        first9 = f"{prefix}{individual:03d}"
        check = _check_digits(first9)
        if check is None:
            continue
        if found == serial:
            return first9 + check
        found += 1
    raise ValueError(f"Løpenummer {serial} er for stort for denne fødselsdatoen.")


def synthetic_duf(serial: int) -> str:
    """A valid synthetic DUF number ``2099`` + six-digit serial + check digits (serial < 10**6)."""
    if not 0 <= serial < 1_000_000:
        raise ValueError("Løpenummeret må være mellom 0 og 999999.")
    first10 = f"{SYNTHETIC_DUF_PREFIX}{serial:06d}"
    return f"{first10}{_weighted(_digits(first10), DUF_WEIGHTS) % 11:02d}"
