"""Forms of the KOSTRA pages: the comparison picker and a member's KOSTRA group."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from barnevern.formfields import choice_field
from barnevern.kostra.models import fylke_validator, kostragruppe_validator

FIRST_YEAR = 2015
YEAR_CHOICES = [(n, str(n)) for n in (3, 4, 5, 6, 8, 10)]


def _style(form: forms.Form) -> None:
    for name, field in form.fields.items():
        if not isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs.setdefault("class", "ds-input")
        field.widget.attrs.setdefault("aria-describedby", f"id_{name}_error")


class CodeField(forms.CharField):
    """An SSB region code, upper case (``ekg02`` → ``EKG02``)."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).strip().upper()


class CompareForm(forms.Form):
    aar = forms.TypedChoiceField(label=_("År"), coerce=int)
    antall = forms.TypedChoiceField(label=_("Antall år"), coerce=int, choices=YEAR_CHOICES, required=False)
    kommune = forms.ChoiceField(label=_("Kommune"), required=False)
    publisert = forms.BooleanField(label=_("Egne tall slik de publiseres (små tall prikket)"), required=False)

    def __init__(
        self, *args: Any, today: date, latest: int, kommuner: list[tuple[str, str]] | None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        choice_field(self, "aar").choices = [
            (y, str(y)) for y in range(today.year, FIRST_YEAR - 1, -1)
        ]
        self.fields["aar"].initial = latest
        self.fields["antall"].initial = 5
        if kommuner is None:  # the Kommune role: its own municipality, published own counts
            del self.fields["kommune"]
            del self.fields["publisert"]
        else:
            choice_field(self, "kommune").choices = [("", _("Hele tjenesten")), *kommuner]
        _style(self)


class UploadForm(forms.Form):
    tabell = forms.CharField(
        label=_("Tabellnummer (bare for CSV uten tittel)"), required=False, max_length=10
    )
    eldre = forms.BooleanField(
        label=_("Les inn selv om filen er eldre enn tallene som er lagret"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _style(self)


class GroupingForm(forms.Form):
    kommune = forms.ChoiceField(label=_("Kommune"))
    fra = forms.DateField(label=_("Gjelder fra"), widget=forms.DateInput(attrs={"type": "date"}))
    kostragruppe = CodeField(
        label=_("KOSTRA-gruppe (EKG01–EKG17)"), max_length=5, validators=[kostragruppe_validator]
    )
    fylke = CodeField(label=_("Fylke (EKA + fylkesnummer)"), max_length=5, validators=[fylke_validator])
    kilde = forms.CharField(label=_("Kilde"), max_length=200, required=False)

    def __init__(self, *args: Any, kommuner: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        choice_field(self, "kommune").choices = kommuner
        _style(self)
