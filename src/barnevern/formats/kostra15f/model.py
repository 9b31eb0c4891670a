"""KOSTRA 15F records: frozen dataclasses mirroring ``Individ.xsd`` and ``Avgiver.xsd`` one to one.

Names follow the XSD in snake_case; dates are ``datetime.date``; codes stay strings as written in
the file. Every element carries ``line`` (its source line) so findings can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = [
    "Avgiver15F",
    "Flytting15F",
    "Individ15F",
    "Kode15F",
    "Kostra15FError",
    "Kostra15FFile",
    "Lovhjemmel15F",
    "Melding15F",
    "Plan15F",
    "Tiltak15F",
    "Undersokelse15F",
]


class Kostra15FError(ValueError):
    """A 15F element that cannot be read; ``str()`` is a Norwegian message with file and line."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.file, self.line, self.message = file, line, message

    def __str__(self) -> str:
        where = f"{self.file}, linje {self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Kode15F:
    """A coded value; ``presisering`` is the ``Presisering`` child (an attribute on Flytting)."""

    kode: str
    presisering: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Lovhjemmel15F:
    """``Lovhjemmel``/``JmfrLovhjemmel``: the parts are attributes in 15F."""

    lov: str
    kapittel: str
    paragraf: str
    bokstav: str | None = None
    ledd: str | None = None
    punktum: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Undersokelse15F:
    id: str
    start_dato: date
    slutt_dato: date | None = None
    konklusjon: str | None = None  # 1..6
    presisering: str | None = None
    vedtaksgrunnlag: tuple[Kode15F, ...] = ()
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Melding15F:
    id: str
    start_dato: date
    slutt_dato: date | None = None
    konklusjon: str | None = None  # 1..4
    melder: tuple[Kode15F, ...] = ()
    saksinnhold: tuple[Kode15F, ...] = ()
    undersokelse: Undersokelse15F | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Plan15F:
    id: str
    start_dato: date
    plantype: str
    slutt_dato: date | None = None
    evaluert_dato: date | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Tiltak15F:
    id: str
    start_dato: date
    lovhjemmel: Lovhjemmel15F
    kategori: Kode15F
    slutt_dato: date | None = None
    jmfr_lovhjemmel: tuple[Lovhjemmel15F, ...] = ()
    tiltaksgrunnlag: tuple[Kode15F, ...] = ()
    opphevelse: Kode15F | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Flytting15F:
    id: str
    slutt_dato: date
    arsak_fra: Kode15F
    flytting_til: Kode15F
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Individ15F:
    id: str
    start_dato: date
    journalnummer: str
    saksbehandler: str
    avslutta3112: str  # "1" ja, "2" nei
    slutt_dato: date | None = None
    fodselsnummer: str | None = None
    duf_nummer: str | None = None
    bydelsnummer: str | None = None
    bydelsnavn: str | None = None
    distriktsnummer: str | None = None
    meldinger: tuple[Melding15F, ...] = ()
    planer: tuple[Plan15F, ...] = ()
    tiltak: tuple[Tiltak15F, ...] = ()
    flyttinger: tuple[Flytting15F, ...] = ()
    line: int | None = None

    @property
    def avsluttet(self) -> bool:
        return self.avslutta3112 == "1"


@dataclass(frozen=True, slots=True)
class Avgiver15F:
    organisasjonsnummer: str
    versjon: str  # the reporting year (xs:gYear)
    kommunenummer: str
    kommunenavn: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Kostra15FFile:
    name: str
    avgiver: Avgiver15F
    individer: tuple[Individ15F, ...] = ()
