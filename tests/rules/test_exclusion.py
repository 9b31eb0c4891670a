"""«Utenforregnskapet»: about 23 million NOK per person over ages 20–66 (Holte, FHI, as the seed)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from barnevern.rules.exclusion import (
    DEFAULT_MODEL,
    SOURCE,
    ExclusionModel,
    persons_from_share,
    social_cost,
)

D = Decimal


@pytest.mark.parametrize(
    ("persons", "total", "benefits", "other"),
    [
        (0, D("0.00"), D("0.00"), D("0.00")),
        (1, D("23000000.00"), D("16000000.00"), D("7000000.00")),
        (10, D("230000000.00"), D("160000000.00"), D("70000000.00")),
        # The seed's 1 057 persons outside work and education in the five municipalities.
        (1057, D("24311000000.00"), D("16912000000.00"), D("7399000000.00")),
    ],
)
def test_cost_of_persons_outside(persons, total, benefits, other):
    cost = social_cost(persons)
    assert cost.total == total
    assert cost.benefits == benefits
    assert cost.other_costs == other
    assert cost.benefits + cost.other_costs == cost.total
    assert cost.source == SOURCE == "Arne Holte, Folkehelseinstituttet"


def test_model_of_the_seed():
    assert DEFAULT_MODEL.per_person == D("23000000.00")
    assert (DEFAULT_MODEL.age_from, DEFAULT_MODEL.age_to, DEFAULT_MODEL.years) == (20, 66, 47)
    # 23 000 000 / 47 years = 489 361,70 per person and year (to the øre, half up).
    assert social_cost(1).per_person_per_year == D("489361.70")


def test_another_model():
    model = ExclusionModel(benefits=D("10000000"), other_costs=D("2500000.50"), age_from=25, age_to=64)
    cost = social_cost(3, model)
    assert cost.total == D("37500001.50")
    assert model.years == 40
    assert cost.per_person_per_year == D("312500.01")


@pytest.mark.parametrize(
    ("population", "share", "persons"),
    [
        (6819, D("15.5"), 1057),
        (0, D("15.5"), 0),
        (1000, D("0.05"), 1),
        (1000, D("0.04"), 0),
        (200, D("100"), 200),
    ],
)
def test_persons_from_share(population, share, persons):
    assert persons_from_share(population, share) == persons


@pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
def test_bad_number_of_persons(bad):
    with pytest.raises((ValueError, TypeError)):
        social_cost(bad)


def test_bad_inputs():
    with pytest.raises(ValueError, match="Andelen"):
        persons_from_share(100, D("101"))
    with pytest.raises(ValueError, match="negativ"):
        persons_from_share(-1, D("1"))
    with pytest.raises(ValueError, match="Aldersintervallet"):
        ExclusionModel(benefits=D(1), other_costs=D(1), age_from=66, age_to=20)
    with pytest.raises(TypeError):
        ExclusionModel(benefits=1.5, other_costs=D(1)).per_person  # noqa: B018 - float money refused
