"""Cost-sharing keys (fordelingsnøkler) for an intermunicipal child welfare service.

Source: kommuneloven (LOV-2018-06-22-83) § 20-2 (administrativt vertskommunesamarbeid) and
§ 20-4 (the agreement must state the parties' financial obligations). The law does not
prescribe a key; the key is a per-agreement setting (domain-rules §6, ⚠ common practice,
not law). The Oppdal/Rennebu agreement (seed 002) shares common costs by each
municipality's number of inhabitants aged 0–17 (the slide says «0-18 år»; the age range is
a parameter), re-set every second year: at 1 Jan 2021 Rennebu 497 (24,9 %) and Oppdal
1 500 (75,1 %), the basis for 2021 and 2022.

Three builders make a :class:`KeyPeriod`:

* :func:`population_key` — inhabitants in an age range at a reference date;
* :func:`fixed_key` — contract shares that must sum to exactly 1;
* :func:`measures_key` — number of children with measures per municipality.

A key splits an amount with :func:`~barnevern.rules.money.split_by_weights`, so the parts
always sum exactly to the amount. State grants (e.g. earmarked positions) are shared the
same way: :func:`distribute_grant`.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType

from barnevern import display
from barnevern.rules.money import MoneyError, split_by_weights, to_ore

__all__ = [
    "AllocationError",
    "KeyBasis",
    "KeyPeriod",
    "MissingKey",
    "ResetPeriod",
    "distribute_grant",
    "fixed_key",
    "key_for",
    "key_periods",
    "measures_key",
    "population_key",
]

PERCENT_UNIT = Decimal("0.1")


class AllocationError(MoneyError):
    """A key that cannot be built or used; the message is Norwegian."""


class MissingKey(AllocationError):
    """No key period covers the requested date."""


class KeyBasis(StrEnum):
    POPULATION = "innbyggere"
    FIXED = "avtalt andel"
    MEASURES = "barn med tiltak"


@dataclass(frozen=True, slots=True)
class KeyPeriod:
    """A cost-sharing key valid from ``valid_from`` to ``valid_to`` (both inclusive).

    ``weights`` is the basis the key was built from (inhabitants, contract shares, children
    with measures) per municipality number; splitting uses the weights themselves, so no
    precision is lost to rounded percentages. ``valid_to`` ``None`` means open-ended.
    """

    valid_from: date
    valid_to: date | None
    weights: Mapping[str, Decimal]
    basis: KeyBasis
    reference_date: date | None = None
    note: str = ""

    def __post_init__(self) -> None:
        weights = {k: Decimal(v) for k, v in self.weights.items()}
        if not weights:
            raise AllocationError("Fordelingsnøkkelen har ingen kommuner.")
        if any(w < 0 for w in weights.values()):
            raise AllocationError("En fordelingsnøkkel kan ikke ha negative vekter.")
        if sum(weights.values()) == 0:
            raise AllocationError("Alle vektene i fordelingsnøkkelen er null.")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise AllocationError(
                f"Nøkkelen slutter ({self.valid_to}) før den begynner ({self.valid_from})."
            )
        object.__setattr__(self, "weights", MappingProxyType(weights))

    @property
    def municipalities(self) -> tuple[str, ...]:
        return tuple(self.weights)

    @property
    def shares(self) -> dict[str, Decimal]:
        """Each municipality's share as a fraction (28 significant digits; display only)."""
        total = sum(self.weights.values())
        return {k: w / total for k, w in self.weights.items()}

    def share(self, municipality: str) -> Decimal:
        try:
            return self.shares[municipality]
        except KeyError:
            raise AllocationError(
                f"Kommune {municipality} er ikke med i fordelingsnøkkelen."
            ) from None

    def share_percent(self, municipality: str) -> Decimal:
        """The share in per cent to one decimal, rounded half up (497/1997 -> 24.9)."""
        return (self.share(municipality) * 100).quantize(PERCENT_UNIT, rounding=ROUND_HALF_UP)

    def percent_display_all(self, *, nbsp: bool = False) -> dict[str, str]:
        """All shares to one decimal, largest remainder, so the figures add up to 100,0 %."""
        parts = split_by_weights(Decimal("100.0"), self.weights, unit=PERCENT_UNIT)
        return {k: display.percent_of(v, 1, nbsp=nbsp) for k, v in parts.items()}

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def split(self, total: Decimal | int) -> dict[str, Decimal]:
        """Split an øre-exact ``total`` by this key; the parts sum exactly to it."""
        return split_by_weights(total, self.weights)


def _count(value: int | Mapping[int, int], age_from: int, age_to: int, kommune: str) -> int:
    if isinstance(value, Mapping):
        count = sum(n for age, n in value.items() if age_from <= age <= age_to)
    else:
        count = value
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise AllocationError(f"Ugyldig innbyggertall for kommune {kommune}: {count!r}.")
    return count


def population_key(
    population: Mapping[str, int | Mapping[int, int]],
    *,
    valid_from: date,
    valid_to: date | None = None,
    reference_date: date | None = None,
    age_from: int = 0,
    age_to: int = 17,
) -> KeyPeriod:
    """A key from the number of inhabitants aged ``age_from``–``age_to`` (inclusive).

    ``population`` maps a municipality number either to the count already taken for the
    age range, or to a mapping ``age -> inhabitants`` from which the range is summed.
    ``reference_date`` is the date of the population figures (default ``valid_from``,
    e.g. 1 January of the first year of the period).
    """
    if age_from < 0 or age_to < age_from:
        raise AllocationError(f"Ugyldig aldersintervall {age_from}–{age_to} år.")
    counts = {k: _count(v, age_from, age_to, k) for k, v in population.items()}
    return KeyPeriod(
        valid_from=valid_from,
        valid_to=valid_to,
        weights={k: Decimal(n) for k, n in counts.items()},
        basis=KeyBasis.POPULATION,
        reference_date=reference_date or valid_from,
        note=f"Innbyggere {age_from}–{age_to} år",
    )


def fixed_key(
    shares: Mapping[str, Decimal | str],
    *,
    valid_from: date,
    valid_to: date | None = None,
) -> KeyPeriod:
    """A key with shares fixed in the agreement, as fractions that must sum to exactly 1.

    ``fixed_key({"5022": Decimal("0.249"), "5021": Decimal("0.751")}, ...)``. Strings are
    accepted (``"0.249"``); floats are not.
    """
    values: dict[str, Decimal] = {}
    for kommune, share in shares.items():
        if isinstance(share, float):
            raise TypeError("Andeler må være Decimal eller tekst, ikke float.")
        values[kommune] = Decimal(share)
        if not 0 <= values[kommune] <= 1:
            raise AllocationError(f"Andelen for kommune {kommune} må være mellom 0 og 1.")
    total = sum(values.values(), Decimal(0))
    if total != 1:
        raise AllocationError(
            f"Andelene i nøkkelen summerer til {display.decimal_text(total, None)}, ikke 1."
        )
    return KeyPeriod(valid_from, valid_to, values, KeyBasis.FIXED, note="Avtalte andeler")


def measures_key(
    children_with_measures: Mapping[str, int],
    *,
    valid_from: date,
    valid_to: date | None = None,
    reference_date: date | None = None,
) -> KeyPeriod:
    """A key from the number of children with measures (tiltak) per municipality."""
    for kommune, n in children_with_measures.items():
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise AllocationError(f"Ugyldig antall barn med tiltak for kommune {kommune}: {n!r}.")
    return KeyPeriod(
        valid_from=valid_from,
        valid_to=valid_to,
        weights={k: Decimal(n) for k, n in children_with_measures.items()},
        basis=KeyBasis.MEASURES,
        reference_date=reference_date or valid_from,
        note="Barn med tiltak",
    )


@dataclass(frozen=True, slots=True)
class ResetPeriod:
    """One period between two resets of a key; figures are taken at ``reference_date``."""

    valid_from: date
    valid_to: date
    reference_date: date


def _add_years(day: date, years: int) -> date:
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def key_periods(reference_start: date, every_n_years: int = 2, *, until: date) -> list[ResetPeriod]:
    """The periods of a key re-set every ``every_n_years`` from ``reference_start``.

    ``key_periods(date(2021, 1, 1), 2, until=date(2024, 6, 30))`` gives 2021-01-01–
    2022-12-31 and 2023-01-01–2024-12-31: the population at each period's first day
    is the basis for that period. Periods are listed until one covers ``until``.
    """
    if every_n_years < 1:
        raise AllocationError("Nøkkelen må reguleres med minst ett års mellomrom.")
    if until < reference_start:
        raise AllocationError(f"Sluttdatoen {until} er før første regulering {reference_start}.")
    periods: list[ResetPeriod] = []
    start = reference_start
    n = 0
    while start <= until:
        n += 1
        next_start = _add_years(reference_start, n * every_n_years)
        periods.append(ResetPeriod(start, next_start - timedelta(days=1), start))
        start = next_start
    return periods


def key_for(day: date, keys: Sequence[KeyPeriod]) -> KeyPeriod:
    """The key covering ``day``; overlapping keys are an error, never silently chosen."""
    matches = [k for k in keys if k.covers(day)]
    if not matches:
        raise MissingKey(f"Ingen fordelingsnøkkel gjelder for {day:%d.%m.%Y}.")
    if len(matches) > 1:
        raise AllocationError(f"Flere fordelingsnøkler gjelder for {day:%d.%m.%Y}.")
    return matches[0]


def distribute_grant(amount: Decimal | int, key: KeyPeriod) -> dict[str, Decimal]:
    """Share a state grant received by the host (e.g. earmarked positions) by ``key``.

    The 2021 example (seed 002): 2,35 positions = 1 877 812 kr, reduced by 700 000 kr from
    2022; ``distribute_grant(Decimal(1877812 - 700000), key)``. The amount is rounded to
    øre first; the parts sum exactly to it.
    """
    return key.split(to_ore(amount))
