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
from barnevern.reports.services import ReportError


@pytest.mark.parametrize(
    "cls",
    [CaseError, CaseworkError, FosterhjemError, AvvikError, DutyError, EconomyError, IntakeError, ReportError],
)
def test_every_service_error_is_a_user_error_with_message_then_field(cls):
    exc = cls("Datoen kan ikke være i fremtiden.", "dato")
    assert isinstance(exc, UserError)
    assert exc.message == "Datoen kan ikke være i fremtiden."
    assert exc.field == "dato"
    assert str(exc) == "Datoen kan ikke være i fremtiden."


def test_the_field_is_optional():
    assert CaseError("Saken er avsluttet.").field is None


def test_a_view_puts_the_error_on_its_field_or_on_the_form():
    from django import forms

    from barnevern.formfields import add_user_error

    class Form(forms.Form):
        dato = forms.DateField()

    on_field = Form({"dato": "2026-12-03"})
    assert on_field.is_valid()
    add_user_error(on_field, CaseError("Datoen er for sen.", "dato"))
    assert on_field.errors["dato"] == ["Datoen er for sen."]

    whole = Form({"dato": "2026-12-03"})
    assert whole.is_valid()
    add_user_error(whole, CaseError("Saken er avsluttet.", "ukjent_felt"))
    assert whole.non_field_errors() == ["Saken er avsluttet."]
