"""The social cost of exclusion («utenforregnskapet»), as the seeds cite it.

Source (as the Nord-Østerdal seed names it): **Arne Holte, Folkehelseinstituttet**. A person
who lives on public benefits («lever av NAV») from age 20 to 66 receives about 16 million NOK;
their share of the costs of health services, lifestyle diseases, psychiatry, child welfare,
special education, BUP, prison and so on is put at about 7 million NOK on average; in total
about **23 million NOK per person over ages 20–66**. The figure is an estimate for a
presentation, not a budget figure: the report shows it with its source and as a rough order of
magnitude.

The seed also gives the basis for the number of persons: «15,5 % av befolkningen i alderen
16–66 er ikke i utdanning eller arbeid. Utgjør 1057 personer» (all five municipalities).

Pure Python, Decimal money (``rules.money``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from barnevern.rules.money import to_ore

__all__ = [
    "DEFAULT_MODEL",
    "SOURCE",
    "ExclusionCost",
    "ExclusionModel",
    "persons_from_share",
    "social_cost",
]

SOURCE = "Arne Holte, Folkehelseinstituttet"


@dataclass(frozen=True, slots=True)
class ExclusionModel:
    """Cost per excluded person over ``age_from``–``age_to`` (both ages included)."""

    benefits: Decimal  # «sosialstønad» / public benefits over the period
    other_costs: Decimal  # health, psychiatry, child welfare, special education, prison …
    age_from: int = 20
    age_to: int = 66
    source: str = SOURCE

    def __post_init__(self) -> None:
        if self.age_to < self.age_from:
            raise ValueError("Aldersintervallet slutter før det begynner.")
        if self.benefits < 0 or self.other_costs < 0:
            raise ValueError("Kostnadene kan ikke være negative.")

    @property
    def per_person(self) -> Decimal:
        return to_ore(self.benefits + self.other_costs)

    @property
    def years(self) -> int:
        """Years of life counted: 20–66 gives 47."""
        return self.age_to - self.age_from + 1


DEFAULT_MODEL = ExclusionModel(benefits=Decimal("16000000"), other_costs=Decimal("7000000"))


@dataclass(frozen=True, slots=True)
class ExclusionCost:
    """The calculator's answer for ``persons`` persons."""

    persons: int
    model: ExclusionModel
    benefits: Decimal  # persons × benefits
    other_costs: Decimal  # persons × other costs
    total: Decimal  # persons × cost per person
    per_person_per_year: Decimal  # cost per person / years, to the øre

    @property
    def source(self) -> str:
        return self.model.source


def social_cost(persons: int, model: ExclusionModel = DEFAULT_MODEL) -> ExclusionCost:
    """What ``persons`` persons outside work and education cost society over ages 20–66.

    ``social_cost(1)`` is 23 000 000 kr (16 + 7 million); ``social_cost(1057)`` is the seed's
    1 057 persons, 24 311 000 000 kr.
    """
    if isinstance(persons, bool) or not isinstance(persons, int):
        raise TypeError("Antall personer må være et heltall.")
    if persons < 0:
        raise ValueError("Antall personer kan ikke være negativt.")
    return ExclusionCost(
        persons=persons,
        model=model,
        benefits=to_ore(model.benefits * persons),
        other_costs=to_ore(model.other_costs * persons),
        total=to_ore(model.per_person * persons),
        per_person_per_year=to_ore(model.per_person / model.years),
    )


def persons_from_share(population: int, share_percent: Decimal) -> int:
    """Persons outside work and education from a population and a share in percent.

    Rounded half up to a whole person: ``persons_from_share(6819, Decimal("15.5"))`` is 1 057.
    """
    if population < 0:
        raise ValueError("Befolkningen kan ikke være negativ.")
    if not Decimal(0) <= share_percent <= Decimal(100):
        raise ValueError("Andelen må være mellom 0 og 100 prosent.")
    persons = Decimal(population) * share_percent / Decimal(100)
    return int(persons.quantize(Decimal(1), rounding=ROUND_HALF_UP))
