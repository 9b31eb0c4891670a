"""The service option every command shares (``organisation.commands.service_option``)."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from barnevern.organisation.commands import service_option


def test_service_by_slug_or_organisation_number(org):
    service = org["nord-osterdal"]
    assert service_option("nord-osterdal") == service
    assert service_option(service.organisasjonsnummer) == service


def test_unknown_service_names_the_known_ones(org):
    with pytest.raises(CommandError, match="Fant ingen tjeneste «ukjent». Kjente tjenester: ") as caught:
        service_option("ukjent")
    assert "nord-osterdal" in str(caught.value)


def test_without_a_name_two_services_must_be_named(org):
    with pytest.raises(CommandError, match="Oppgi tjenesten med --service"):
        service_option(None)
