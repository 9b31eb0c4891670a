"""Which SSB statbank series each KOSTRA comparison reads (plain data, no Django).

Every table number and content code below is from ``reference/kostra-ssb.md`` §1 (Bufdir's
kommunemonitor script ``hente_alle_kostradata.R`` in gardenberg/barnevernmonitor, May 2021, and
SSB's KOMPIS definitions). ``verified`` says how far each is known:

* ``"V"``: seen in that script or definition with this meaning;
* ``"I"``: inferred (e.g. that a ratio code is in per cent);
* ``"?"``: not verified.

**None is verified against SSB's live metadata** (no network here; SSB revises KOSTRA tables).
Check them with ``GET https://data.ssb.no/api/pxwebapi/v2/tables/<id>/metadata?lang=no`` before
relying on a figure; the import report names the codes of a table this catalogue expects and
does not find.

An indicator is ``scale × Σ numerator / Σ denominator``. For a municipality, KOSTRA group,
county or Norway the figure SSB publishes (``published``, converted to our unit) is shown when
it is imported; otherwise it is computed from the numerator and denominator cells of that
region. For the service the numerators and denominators of the member municipalities are added
and then divided (``rules.kostra.aggregate``), as Bufdir's monitor does for intermunicipal
services; ratios are never averaged.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "INDICATORS",
    "OWN_COUNTS",
    "POPULATION_0_17",
    "TABLE_DIMENSIONS",
    "TABLES",
    "KostraIndicator",
    "OwnCount",
    "Series",
    "dims_key",
    "expected_codes",
]

POPULATION_0_17 = "innbyggere_0_17"  # inhabitants 0–17 from organisation.Befolkning (SSB 07459)

F0_17 = ("KOKalder0000", "F000-017")
F0_22 = ("KOKalder0000", "F000-022")
TILTAK_I_ALT = ("KOKbvfunksjon0000", "0")
PLASSERT = ("KOKbvfunksjon0000", "2")
NETTO = ("KOKart0000", "AGD2")
BARNEVERN = ("KOKfunksjon0000", "FGK13")


def dims_key(dims: tuple[tuple[str, str], ...] | dict[str, str]) -> str:
    """The canonical text of a cell's other categories: ``"KOKalder0000=F000-017;…"`` sorted by
    dimension, ``""`` when the table has none."""
    items = dims.items() if isinstance(dims, dict) else dims
    return ";".join(f"{k}={v}" for k, v in sorted(items))


@dataclass(frozen=True, slots=True)
class Series:
    """One series of an SSB table: a content code with the other dimensions fixed. ``factor``
    turns SSB's unit into the indicator's (1000 kr → kr: 1000; per cent → per 1 000: 10)."""

    table: str
    content: str
    dims: tuple[tuple[str, str], ...] = ()
    factor: Decimal = Decimal(1)
    verified: str = "V"

    @property
    def dims_key(self) -> str:
        return dims_key(self.dims)

    def describe(self) -> str:
        extra = ", ".join(f"{k}={v}" for k, v in self.dims)
        return f"tabell {self.table} {self.content}" + (f" ({extra})" if extra else "")


@dataclass(frozen=True, slots=True)
class KostraIndicator:
    key: str
    label: str
    unit: str  # as shown: «per 1 000 barn 0–17 år», «prosent», «kr»
    kind: str  # rate | share | money (how a value is displayed)
    decimals: int
    scale: Decimal
    numerator: Series
    denominator: Series | str  # a Series, or POPULATION_0_17
    published: Series | None = None
    note: str = ""

    def tables(self) -> tuple[str, ...]:
        found = [self.numerator.table]
        if isinstance(self.denominator, Series):
            found.append(self.denominator.table)
        if self.published is not None:
            found.append(self.published.table)
        return tuple(dict.fromkeys(found))

    @property
    def primary(self) -> Series:
        """The series named in ``compare --json`` (SSB's own ratio where there is one)."""
        return self.published or self.numerator

    def series(self) -> tuple[Series, ...]:
        found = [self.numerator]
        if isinstance(self.denominator, Series):
            found.append(self.denominator)
        if self.published is not None:
            found.append(self.published)
        return tuple(found)


def _amount(funksjon: str) -> Series:
    return Series("12362", "KOSbelop0000", (("KOKfunksjon0000", funksjon), NETTO), Decimal(1000))


_CHILDREN_0_17 = Series("12275", "KOSbvbarntiltaka0000", (F0_17, TILTAK_I_ALT))
_NETTO_BARNEVERN = _amount("FGK13")

INDICATORS: dict[str, KostraIndicator] = {
    i.key: i
    for i in (
        KostraIndicator(
            "barn_med_tiltak_per_1000",
            "Barn med barnevernstiltak per 1 000 barn 0–17 år",
            "per 1 000 barn 0–17 år",
            "rate",
            1,
            Decimal(1000),
            _CHILDREN_0_17,
            POPULATION_0_17,
            Series("12275", "KOSbvbarntiltaka0001", (F0_17, TILTAK_I_ALT), Decimal(10), "I"),
            "Barn 0–17 år med tiltak i løpet av året. SSB gir andelen i prosent; her × 10.",
        ),
        KostraIndicator(
            "undersokelser_per_1000",
            "Barn med undersøkelse per 1 000 barn 0–17 år",
            "per 1 000 barn 0–17 år",
            "rate",
            1,
            Decimal(1000),
            Series("12286", "KOSbvbarnus0000"),
            POPULATION_0_17,
            Series("12286", "KOSbvbarnuspinnb0000", (), Decimal(10), "V"),
            "SSB teller barn med undersøkelse (ikke undersøkelser). SSB gir prosent; her × 10.",
        ),
        KostraIndicator(
            "andel_plassert",
            "Andel av barn 0–17 år med tiltak som er plassert",
            "prosent",
            "percent",
            1,
            Decimal(100),
            Series("12275", "KOSbvbarntiltaka0000", (F0_17, PLASSERT)),
            _CHILDREN_0_17,
            None,
            "Barn med tiltak på funksjon 252 (plassert) delt på alle barn med tiltak.",
        ),
        KostraIndicator(
            "netto_per_innbygger_0_17",
            "Netto driftsutgifter til barnevern per innbygger 0–17 år",
            "kr",
            "money",
            0,
            Decimal(1),
            _NETTO_BARNEVERN,
            POPULATION_0_17,
            Series("12279", "KOSndubvinnbygge0000", (), Decimal(1), "V"),
            "Funksjon 244, 251 og 252 (FGK13), netto driftsutgifter (AGD2), i kroner.",
        ),
        KostraIndicator(
            "netto_per_barn_med_tiltak",
            "Netto driftsutgifter til barnevern per barn 0–17 år med tiltak",
            "kr",
            "money",
            0,
            Decimal(1),
            _NETTO_BARNEVERN,
            _CHILDREN_0_17,
            None,
            "Netto driftsutgifter (244+251+252) delt på barn 0–17 år med tiltak i løpet av året.",
        ),
        KostraIndicator(
            "andel_f244",
            "Andel av netto driftsutgifter til barnevern på funksjon 244 (barnevernstjeneste)",
            "prosent",
            "percent",
            1,
            Decimal(100),
            _amount("244"),
            _NETTO_BARNEVERN,
            Series("12279", "KOSandelndu2440000", (), Decimal(1), "V"),
        ),
        KostraIndicator(
            "andel_f251",
            "Andel av netto driftsutgifter til barnevern på funksjon 251 (tiltak, ikke plassert)",
            "prosent",
            "percent",
            1,
            Decimal(100),
            _amount("251"),
            _NETTO_BARNEVERN,
            Series("12279", "KOSandelndu2510000", (), Decimal(1), "V"),
        ),
        KostraIndicator(
            "andel_f252",
            "Andel av netto driftsutgifter til barnevern på funksjon 252 (tiltak, plassert)",
            "prosent",
            "percent",
            1,
            Decimal(100),
            _amount("252"),
            _NETTO_BARNEVERN,
            None,
        ),
    )
}


@dataclass(frozen=True, slots=True)
class OwnCount:
    """An SSB count beside Barnevern's own count (a ``stats`` indicator) for the same year."""

    key: str
    label: str
    ssb: Series
    own: str  # key in rules.indicators
    same_definition: bool
    note: str


OWN_COUNTS: tuple[OwnCount, ...] = (
    OwnCount(
        "barn_med_tiltak",
        "Barn med barnevernstiltak i løpet av året",
        Series("12275", "KOSbvbarntiltaka0000", (F0_22, TILTAK_I_ALT)),
        "barn_med_tiltak",
        True,
        "SSB: barn 0–22 år med tiltak i løpet av året. Barnevern: barn med hjelpe- eller omsorgstiltak "
        "i året, hvert barn én gang, i kommunen barnet bodde i.",
    ),
    OwnCount(
        "barn_med_undersokelse",
        "Undersøkelser",
        Series("12286", "KOSbvbarnus0000"),
        "undersokelser_avsluttet",
        False,
        "SSB teller barn med undersøkelse, Barnevern avsluttede undersøkelser: et barn med to "
        "undersøkelser i året telles to ganger hos oss. Differansen vises ikke.",
    ),
    OwnCount(
        "barn_med_melding",
        "Meldinger",
        Series("12615", "KOSbvbarnmelding0000", verified="V"),
        "meldinger",
        False,
        "SSB teller barn med melding, Barnevern meldinger: et barn med to meldinger telles to "
        "ganger hos oss. Differansen vises ikke.",
    ),
)

TABLES: dict[str, str] = {
    "12275": "Barn med tiltak i løpet av året og per 31. desember, etter region, alder, funksjon",
    "12279": "Nøkkeltal utgifter barnevern",
    "12286": "Barn med undersøking og prosentdelen barn med undersøking frå barnevernet",
    "12362": "Utgifter til tjenesteområdene, etter funksjon og art",
    "12615": "Barn med melding og prosentdelen barn med melding i barnevernet",
}

# Header texts of an SSB CSV download → the dimension ids of the same table's JSON-stat (I: the
# texts are SSB's variable labels in lower case; not seen in a CSV of these tables).
TABLE_DIMENSIONS: dict[str, dict[str, str]] = {
    "12275": {"alder": "KOKalder0000", "funksjon": "KOKbvfunksjon0000"},
    "12362": {"funksjon": "KOKfunksjon0000", "art": "KOKart0000"},
}


def expected_codes(table: str) -> set[str]:
    """Content codes of ``table`` that some indicator or own-count comparison reads."""
    found = {s.content for i in INDICATORS.values() for s in i.series() if s.table == table}
    found |= {c.ssb.content for c in OWN_COUNTS if c.ssb.table == table}
    return found
