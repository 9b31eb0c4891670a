from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from barnevern.organisation.models import (
    Kommune,
    Medlemskap,
    Tjeneste,
    find_tjeneste,
    population,
    validate_orgnr,
)


@pytest.mark.parametrize("value", ["991000003", "987654007", "974760673"])
def test_valid_orgnr(value):
    validate_orgnr(value)


@pytest.mark.parametrize("value", ["991000004", "12345678", "abcdefghi", "9910000030"])
def test_invalid_orgnr_is_refused_in_norwegian(value):
    with pytest.raises(ValidationError, match="Organisasjonsnummeret"):
        validate_orgnr(value)


def test_demo_services_and_members(org):
    no = org["nord-osterdal"]
    assert no.vertskommune.nummer == "3427"
    assert [k.nummer for k in no.medlemmer_on(date(2022, 6, 1))] == ["3427", "3424", "3426", "3428", "3429"]
    orr = org["oppdal-rennebu"]
    assert orr.avtale_signert == date(2009, 12, 17)
    assert orr.avtale_i_kraft == date(2010, 1, 1)
    assert "20-2" in orr.rettsgrunnlag


def test_find_service_by_slug_or_orgnr(org):
    assert find_tjeneste("oppdal-rennebu") == org["oppdal-rennebu"]
    assert find_tjeneste("987 654 007") == org["oppdal-rennebu"]
    with pytest.raises(Tjeneste.DoesNotExist, match="Fant ingen tjeneste"):
        find_tjeneste("finnes-ikke")


def test_population_0_17_matches_the_seeds(org):
    assert population(["5021", "5022"], 2021) == {"5021": 1500, "5022": 497}


def test_membership_cannot_end_before_it_starts(org):
    kommune = Kommune.objects.get(nummer="5022")
    with pytest.raises(IntegrityError):
        Medlemskap.objects.create(
            tjeneste=org["nord-osterdal"], kommune=kommune, fra=date(2020, 1, 1), til=date(2019, 1, 1)
        )


def test_kommunenummer_must_be_four_digits(db):
    with pytest.raises(ValidationError):
        Kommune(nummer="123", navn="X").full_clean()
