"""Indicator tables: counts per municipality and in total, with shares and rates derived.

Shares are ``Decimal`` fractions 0–1 with four decimals (``Decimal("0.6667")``), ``None`` when
the denominator is 0. Rates are per 1 000 inhabitants 0–17 years with one decimal, ``None``
when the population is unknown or 0. Rounding is half up (SSB's ordinary commercial rounding).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from barnevern import display
from barnevern.rules.indicators.definitions import INDICATORS, count_keys, get
from barnevern.rules.periods import Period

__all__ = [
    "HALF_YEAR_OVERVIEW",
    "MISSING",
    "YEARLY_OVERVIEW",
    "IndicatorTable",
    "Value",
    "derive",
    "format_value",
    "series_rows",
]

Value = int | Decimal | None
MISSING = ".."  # SSB's symbol for a figure that cannot be given

SHARE_QUANTUM = Decimal("0.0001")
RATE_QUANTUM = Decimal("0.1")

# What the seeds publish: Nord-Østerdal yearly 2019–2022, Oppdal/Rennebu 2nd half 2022.
YEARLY_OVERVIEW: tuple[str, ...] = (
    "meldinger",
    "undersokelser_startet",
    "undersokelser_avsluttet",
    "barn_med_hjelpetiltak",
    "barn_med_omsorgstiltak",
    "barn_frivillig_plassert_ved_slutt",
)
HALF_YEAR_OVERVIEW: tuple[str, ...] = (
    "meldinger",
    "undersokelser_avsluttet",
    "barn_med_hjelpetiltak_ved_slutt",
    "barn_frivillig_plassert_ved_slutt",
    "barn_under_omsorg_ved_slutt",
)


@lru_cache(maxsize=8192)
def _share(numerator: int, denominator: int) -> Decimal | None:
    if denominator == 0:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(SHARE_QUANTUM, ROUND_HALF_UP)


@lru_cache(maxsize=8192)
def _rate(count: int, population: int | None) -> Decimal | None:
    if not population:
        return None
    return (Decimal(count) * 1000 / Decimal(population)).quantize(RATE_QUANTUM, ROUND_HALF_UP)


# (key, kind, numerator, denominator) in registry order, read once (derive runs per table row;
# shares and rates of the same small numbers repeat, so they are memoised: Decimals are immutable)
_DERIVED = tuple(
    (key, ind.kind, ind.numerator or "", ind.denominator or "") for key, ind in INDICATORS.items()
)


def derive(counts: Mapping[str, int], population: int | None) -> dict[str, Value]:
    """Every indicator for one row: counts as given (missing = 0), shares and rates derived."""
    row: dict[str, Value] = {}
    get = counts.get
    for key, kind, numerator, denominator in _DERIVED:
        if kind in ("event", "children"):
            row[key] = get(key, 0)
        elif kind == "share":
            row[key] = _share(get(numerator, 0), get(denominator, 0))
        else:  # rate
            row[key] = _rate(get(numerator, 0), population)
    return row


@dataclass(frozen=True, slots=True)
class IndicatorTable:
    """Figures of one period: ``by_municipality[kommunenr][key]`` and ``total[key]``.

    ``outside`` holds the counts for children who on the counting date lived in none of the
    member municipalities passed to ``compute`` (shares and rates derived, rates ``None``);
    they are included in ``total``. The total's rates divide by the members' population and
    are ``None`` unless every member's population is known.
    """

    period: Period
    by_municipality: dict[str, dict[str, Value]]
    total: dict[str, Value]
    outside: dict[str, Value] = field(default_factory=dict)
    population: dict[str, int] = field(default_factory=dict)

    @property
    def municipalities(self) -> tuple[str, ...]:
        return tuple(self.by_municipality)

    def value(self, key: str, kommunenr: str | None = None) -> Value:
        """One figure; ``kommunenr`` None gives the total."""
        get(key)  # a clear error for an unknown key
        row = self.total if kommunenr is None else self.by_municipality[kommunenr]
        return row[key]

    def counts(self, keys: Iterable[str] | None = None) -> dict[str, dict[str, int]]:
        """``{key: {kommunenr: count}}`` for count indicators, the shape ``suppress_table``
        takes (rows = indicators, columns = member municipalities)."""
        wanted = tuple(keys) if keys is not None else count_keys()
        table: dict[str, dict[str, int]] = {}
        for key in wanted:
            if not get(key).is_count:
                raise ValueError(f"«{key}» er ikke et antall og kan ikke prikkes som tabellcelle.")
            table[key] = {k: int(row[key] or 0) for k, row in self.by_municipality.items()}
        return table


def series_rows(
    tables: Sequence[IndicatorTable], keys: Iterable[str], kommunenr: str | None = None
) -> list[tuple[str, list[Value]]]:
    """Rows ``(Norwegian name, [value per period])`` for a key × period overview such as the
    seeds' «Alle 5 kommuner 2019 2020 2021 2022» table; ``kommunenr`` None = total."""
    return [(get(key).name_nb, [t.value(key, kommunenr) for t in tables]) for key in keys]


def format_value(key: str, value: Value) -> str:
    """Norwegian display: ``1 234``, ``66,7 %`` (share), ``12,3`` (rate), ``..`` (missing)."""
    if value is None:
        return MISSING
    kind = get(key).kind
    if kind == "share":
        return display.percent(value)
    if kind == "rate":
        return display.number(value, 1)
    return display.number(int(value))
