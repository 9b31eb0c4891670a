"""One shape for an error a user can fix (``barnevern.errors.UserError``)."""

from __future__ import annotations

import pytest

from barnevern.cases.services import CaseError
from barnevern.casework.services import CaseworkError
from barnevern.economy.services import EconomyError
from barnevern.errors import UserError
from barnevern.fosterhjem.services import FosterhjemError
from barnevern.intake.services import IntakeError
from barnevern.quality.avvik import AvvikError
from barnevern.quality.duties import DutyError


@pytest.mark.parametrize("cls", [CaseError, CaseworkError, FosterhjemError, AvvikError, DutyError, EconomyError, IntakeError])
def test_every_service_error_is_a_user_error_with_message_then_field(cls):
    exc = cls("Datoen kan ikke være i fremtiden.", "dato")
    assert isinstance(exc, UserError)
    assert exc.message == "Datoen kan ikke være i fremtiden."
    assert exc.field == "dato"
    assert str(exc) == "Datoen kan ikke være i fremtiden."


def test_the_field_is_optional():
    assert CaseError("Saken er avsluttet.").field is None
