"""What every 15F rule needs: the form's inputs, a way to report, and the shared definitions.

Rules are plain functions ``rule(subject, ctx) -> Iterable[Hit]`` registered with
:func:`rule15f`. The subject depends on the rule's scope: an :class:`Avgiver15F`, an
:class:`Individ15F`, the raw lxml element (XSD rules) or the whole :class:`FileSummary`
(duplicate checks). The wrapper turns each :class:`Hit` into a
:class:`~barnevern.control.base.Finding` with SSB's rule id, the severity, the file and the
Individ's ``@Id`` as ``sak_id``.

Definitions shared by the rules (``ssb-barnevern.md`` §2.1, §2.3; the 15F specification):

* telledato = 31.12 of the reporting year; forrige telledato = 31.12 the year before;
* age = reporting year − birth year, the birth date read from the fødselsnummer;
* omsorgstiltak and plasseringstiltak as defined in the 15F specification (see
  :func:`er_omsorgstiltak`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from barnevern.control.base import REGISTRY, Finding, Severity
from barnevern.display import day_text
from barnevern.formats.kostra15f import Individ15F, Lovhjemmel15F, Tiltak15F
from barnevern.rules.codes import PLASSERINGSTILTAK
from barnevern.rules.identity import (
    K1_WEIGHTS,
    K2_WEIGHTS,
    InvalidIdentityNumber,
    birth_date_from_fnr,
    kostra_valid_fnr,
    validate_duf,
)

SOURCE = "SSB KOSTRA-KP 15F"

__all__ = [
    "RULES",
    "SOURCE",
    "Context15F",
    "FileSummary",
    "Hit",
    "Rule15F",
    "age",
    "birth_date_15f",
    "er_omsorgstiltak",
    "er_plasseringstiltak",
    "fmt",
    "modulus11",
    "rule15f",
    "valid_duf",
    "valid_fnr_15f",
    "who",
]


@dataclass(frozen=True, slots=True)
class Context15F:
    """The form's inputs: file name, reporting year (``-y``) and region (``-r``, 6 digits)."""

    file: str
    year: int
    region: str

    @property
    def kommunenummer(self) -> str:
        return self.region[:4]

    @property
    def telledato(self) -> date:
        return date(self.year, 12, 31)

    @property
    def forrige_telledato(self) -> date:
        return date(self.year - 1, 12, 31)

    @property
    def min_dato(self) -> date:
        """minimumsdato: 1 January of the reporting year − 25 (15F specification)."""
        return date(self.year - 25, 1, 1)

    @property
    def max_dato(self) -> date:
        """maksimumsdato: telledato + 25 years (15F specification)."""
        return date(self.year + 25, 12, 31)


@dataclass(frozen=True, slots=True)
class FileSummary:
    """What the file-level rules see once every element has been checked."""

    avgiver_lines: tuple[int | None, ...]
    individ_count: int
    individer: tuple[Individ15F, ...]  # those that passed Individ.xsd


@dataclass(frozen=True, slots=True)
class Hit:
    """One problem found by a rule, before it becomes a Finding."""

    message: str
    line: int | None = None
    element_id: str | None = None
    sak_id: str | None = None


@dataclass(frozen=True, slots=True)
class Rule15F:
    id: str
    severity: Severity
    scope: str  # "xml", "avgiver-xsd", "individ-xsd", "avgiver", "individ" or "file"
    active: bool
    check: Callable[[Any, Context15F], list[Finding]]


RULES: list[Rule15F] = []


def rule15f(
    rule_id: str,
    severity: Severity,
    meaning: str,
    *,
    scope: str = "individ",
    active: bool = True,
    source: str = SOURCE,
) -> Callable[[Callable[..., Iterable[Hit]]], Callable[[Any, Context15F], list[Finding]]]:
    """Register a 15F rule under SSB's id (``format="15f"`` in the shared registry).

    ``active=False`` marks a rule SSB defines but does not run (Tiltak K24); ``check_15f``
    runs it only when asked to.
    """

    def register(fn: Callable[..., Iterable[Hit]]) -> Callable[[Any, Context15F], list[Finding]]:
        def check(subject: Any, ctx: Context15F) -> list[Finding]:
            default_sak = subject.id if isinstance(subject, Individ15F) else None
            return [
                Finding(
                    rule=rule_id,
                    severity=severity,
                    message=h.message,
                    file=ctx.file,
                    line=h.line,
                    sak_id=h.sak_id or default_sak,
                    element_id=h.element_id,
                )
                for h in fn(subject, ctx)
            ]

        check.__name__, check.__qualname__ = fn.__name__, fn.__qualname__
        check.__doc__, check.__module__ = fn.__doc__, fn.__module__
        REGISTRY.rule(rule_id, severity, "15f", meaning, source)(check)
        RULES.append(Rule15F(rule_id, severity, scope, active, check))
        return check

    return register


# --- shared definitions ----------------------------------------------------------------------


def fmt(day: date | None) -> str:
    """A date as Norwegians write it: 05.01.2020."""
    return day_text(day, missing="uoppgitt")


def who(individ: Individ15F, element: str | None = None) -> str:
    """The message prefix KOSTRA-KP users know: journalnummer, then the element."""
    text = f"Journalnummer {individ.journalnummer}"
    return f"{text}, {element}" if element else text


def modulus11(value: str | None) -> bool:
    """KOSTRA-KP's fødselsnummer check: 11 digits and both check digits (pre-2032 weights)."""
    if value is None or len(value) != 11 or not value.isascii() or not value.isdigit():
        return False
    digits = [int(c) for c in value]
    k1 = sum(d * w for d, w in zip(digits, K1_WEIGHTS, strict=False))
    k2 = sum(d * w for d, w in zip(digits, K2_WEIGHTS, strict=True))
    return k1 % 11 == 0 and k2 % 11 == 0


def _has_55555(value: str) -> bool:
    return len(value) == 11 and value.isascii() and value.isdigit() and value.endswith("55555")


def birth_date_15f(value: str | None, year: int) -> date | None:
    """The birth date in a fødselsnummer, including the form «fødselsdato + 55555»."""
    if not value:
        return None
    born = birth_date_from_fnr(value, year)
    if born is None and _has_55555(value):
        born = birth_date_from_fnr(value[:6] + "00100", year)  # same century rule as 00100
    return born


def valid_fnr_15f(value: str | None, year: int) -> bool:
    """«Gyldig fødselsnummer eller D-nummer» for 15F (Individ K03 and K12).

    KOSTRA-KP accepts modulus 11, or a birth date followed by 00100, 00200 or 99999. The 15F
    specification also lists «fødselsdato + 55555», and SSB's own test file
    ``Testfil_11_ADVARSEL`` uses one (journal «Individ K 11») where only a warning is expected,
    so 55555 is accepted here too (``ssb-barnevern.md`` §2.1 lists this as a discrepancy).
    """
    if value is None:
        return False
    if kostra_valid_fnr(value, year):
        return True
    return _has_55555(value) and birth_date_15f(value, year) is not None


def valid_duf(value: str | None) -> bool:
    if value is None:
        return False
    try:
        validate_duf(value)
    except InvalidIdentityNumber:
        return False
    return True


def age(individ: Individ15F, ctx: Context15F) -> int | None:
    """Reporting year − birth year (the age reached during the year), or None."""
    born = birth_date_15f(individ.fodselsnummer, ctx.year)
    return ctx.year - born.year if born else None


def _is(hjemmel: Lovhjemmel15F, lov: str, kapittel: str, paragraf: str) -> bool:
    return (hjemmel.lov, hjemmel.kapittel, hjemmel.paragraf) == (lov, kapittel, paragraf)


def er_omsorgstiltak(tiltak: Tiltak15F) -> bool:
    """Omsorgstiltak as the 15F specification defines it (Lovhjemmel, case-sensitive «BVL»):

    * BVL § 4-12;
    * BVL § 4-8 with Ledd 2 or 3;
    * BVL § 4-8 with a JmfrLovhjemmel § 4-12;
    * BVL2021 § 5-1.

    KOSTRA-KP's code omits the JmfrLovhjemmel variant and requires Bokstav a–g on BVL2021 § 5-1;
    the specification's wider definition is followed (it contains the code's), so a tiltak SSB
    counts as omsorgstiltak is always counted here too.
    """
    hjemmel = tiltak.lovhjemmel
    if _is(hjemmel, "BVL", "4", "12") or _is(hjemmel, "BVL2021", "5", "1"):
        return True
    if _is(hjemmel, "BVL", "4", "8"):
        if hjemmel.ledd in ("2", "3"):
            return True
        return any((j.kapittel, j.paragraf) == ("4", "12") for j in tiltak.jmfr_lovhjemmel)
    return False


def er_plasseringstiltak(tiltak: Tiltak15F) -> bool:
    """Kategori 1.1, 1.2, 1.99, 2.1–2.6, 2.99 or 8.2 (the 15F specification)."""
    return tiltak.kategori.kode in PLASSERINGSTILTAK
