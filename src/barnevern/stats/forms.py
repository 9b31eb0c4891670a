"""Forms of the statistics pages: the period picker and the suppression settings."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from barnevern.formfields import choice_field
from barnevern.rules.periods import Period, PeriodError
from barnevern.stats.models import StatsSettings

FIRST_YEAR = 2015
TREND_CHOICES = [(n, str(n)) for n in range(2, 11)]


class PeriodForm(forms.Form):
    """A year, a half-year, or from–to dates (which take precedence when both are given)."""

    aar = forms.TypedChoiceField(label=_("År"), coerce=int)
    halvar = forms.ChoiceField(
        label=_("Del av året"),
        required=False,
        choices=[("", _("Hele året")), ("1", _("1. halvår")), ("2", _("2. halvår"))],
    )
    fra = forms.DateField(
        label=_("Fra og med (valgfritt)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    til = forms.DateField(
        label=_("Til og med (valgfritt)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    trend = forms.TypedChoiceField(
        label=_("År i utviklingen"), coerce=int, choices=TREND_CHOICES, initial=4, required=False
    )
    kommune = forms.ChoiceField(label=_("Kommune"), required=False)
    publisert = forms.BooleanField(
        label=_("Vis tallene slik de publiseres (små tall prikket)"), required=False
    )

    def __init__(
        self, *args: Any, today: date, kommuner: list[tuple[str, str]] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        years = list(range(today.year, FIRST_YEAR - 1, -1))
        choice_field(self, "aar").choices = [(y, str(y)) for y in years]
        self.fields["aar"].initial = today.year - 1
        if kommuner is None:  # the Kommune role: its municipality and published figures only
            del self.fields["kommune"]
            del self.fields["publisert"]
        else:
            choice_field(self, "kommune").choices = [("", _("Alle medlemskommuner")), *kommuner]
        for name, field in self.fields.items():
            if not isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "ds-input")
            field.widget.attrs.setdefault("aria-describedby", f"id_{name}_error")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        fra, til = data.get("fra"), data.get("til")
        if bool(fra) != bool(til):
            self.add_error("til" if fra else "fra", _("Oppgi både fra- og til-dato, eller ingen av dem."))
        elif fra and til:
            try:
                Period(fra, til)
            except PeriodError as exc:
                self.add_error("til", str(exc))
        return data

    def period(self) -> Period:
        data = self.cleaned_data
        if data.get("fra") and data.get("til"):
            return Period(data["fra"], data["til"])
        half = data.get("halvar")
        return Period.half(data["aar"], int(half)) if half else Period.year(data["aar"])


class SettingsForm(forms.ModelForm):
    class Meta:
        model = StatsSettings
        fields = ["threshold_low", "threshold_high", "secondary"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.update({"class": "ds-input", "aria-describedby": f"id_{name}_error"})
