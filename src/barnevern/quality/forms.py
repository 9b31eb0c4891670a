"""Forms for the worklist, compliance, settings and avvik pages (Norwegian labels)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from barnevern.cases.forms import BaseForm, DateInput
from barnevern.formfields import choice_field
from barnevern.quality import models as qm


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if not isinstance(field.widget, forms.CheckboxInput | forms.HiddenInput):
            field.widget.attrs.setdefault("class", "ds-input")


class WorklistFilter(BaseForm):
    kommune = forms.ChoiceField(label=_("Kommune"), required=False)
    saksbehandler = forms.TypedChoiceField(
        label=_("Saksbehandler"), required=False, coerce=int, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        kommuner: list[tuple[str, str]],
        workers: list[tuple[int, str]] | None,  # None: a case worker's choice of own or unassigned
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "kommune").choices = [("", _("Alle kommuner")), *kommuner]
        if workers is None:  # a case worker: the own cases (the start page) or the unassigned ones
            self.fields["saksbehandler"].label = _("Saker")
            choice_field(self, "saksbehandler").choices = [("", _("Mine saker")), (0, _("Ikke fordelt"))]
        else:
            choice_field(self, "saksbehandler").choices = [("", _("Alle")), (0, _("Ikke fordelt")), *workers]


class DoneForm(BaseForm):
    sak_id = forms.UUIDField(widget=forms.HiddenInput)
    element_id = forms.UUIDField(widget=forms.HiddenInput)
    rule = forms.CharField(widget=forms.HiddenInput, max_length=4)
    dato = forms.DateField(label=_("Dato gitt"), widget=DateInput())


class PeriodForm(BaseForm):
    fra = forms.DateField(label=_("Fra og med"), widget=DateInput())
    til = forms.DateField(label=_("Til og med"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("fra") and data.get("til") and data["til"] < data["fra"]:
            self.add_error("til", _("Til-datoen er før fra-datoen."))
        return data


class AvvikFilter(BaseForm):
    fra = forms.DateField(label=_("Fra og med"), widget=DateInput(), required=False)
    til = forms.DateField(label=_("Til og med"), widget=DateInput(), required=False)
    kategori = forms.ChoiceField(
        label=_("Kategori"), required=False, choices=[("", _("Alle")), *qm.Avvik.Kategori.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *qm.Avvik.Status.choices]
    )


class AvvikForm(BaseForm):
    dato = forms.DateField(label=_("Dato for avviket"), widget=DateInput())
    kategori = forms.ChoiceField(label=_("Kategori"), choices=qm.Avvik.Kategori.choices)
    beskrivelse = forms.CharField(
        label=_("Beskrivelse"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Beskriv hva som skjedde. Ikke skriv barnets navn eller fødselsnummer; bruk saklenken."),
    )
    journalnummer = forms.CharField(label=_("Sak (journalnummer, valgfritt)"), max_length=36, required=False)
    arsak = forms.CharField(label=_("Årsak"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    tiltak = forms.CharField(
        label=_("Tiltak som er gjort"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    ansvarlig = forms.TypedChoiceField(label=_("Ansvarlig"), coerce=int, required=False, empty_value=None)
    versjon = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "ansvarlig").choices = [("", _("Ingen valgt")), *people]

    def clean_dato(self) -> date:
        value = self.cleaned_data["dato"]
        if value > self.today:
            raise forms.ValidationError(_("Datoen kan ikke være fram i tid."))
        return value


class ConfirmForm(BaseForm):
    ansvarlig = forms.TypedChoiceField(label=_("Ansvarlig"), coerce=int, required=False, empty_value=None)
    versjon = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "ansvarlig").choices = [("", _("Ingen valgt")), *people]


class DismissForm(BaseForm):
    avvist_grunn = forms.CharField(
        label=_("Hvorfor avvises forslaget?"), widget=forms.Textarea(attrs={"rows": 3})
    )
    versjon = forms.IntegerField(widget=forms.HiddenInput)


class CloseForm(BaseForm):
    lukket_dato = forms.DateField(label=_("Lukket dato"), widget=DateInput())
    tiltak = forms.CharField(
        label=_("Tiltak som er gjort"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    versjon = forms.IntegerField(widget=forms.HiddenInput)

    def clean_lukket_dato(self) -> date:
        value = self.cleaned_data["lukket_dato"]
        if value > self.today:
            raise forms.ValidationError(_("Datoen kan ikke være fram i tid."))
        return value


class ConfigForm(forms.ModelForm):
    versjon_sendt = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = qm.Fristoppsett
        fields = [
            "arithmetic",
            "extra_closed_days",
            "ssb_melding_grace_days",
            "investigation_start",
            "investigation_plan_within",
            "measure_plan_within",
            "plan_evaluation_interval",
            "evaluated_plan_types",
            "care_plan_within",
            "care_plan_types",
            "visits_in_emergency_homes",
            "include_feedback",
            "worklist_days",
            "avvik_from",
        ]
        widgets = {"avvik_from": DateInput(), "extra_closed_days": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_help"

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-describedby": f"id_{name}_error", "aria-invalid": "true"}
                )

    def clean_extra_closed_days(self) -> str:
        value = self.cleaned_data["extra_closed_days"]
        try:
            qm.parse_closed_days(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        return value

    def clean_worklist_days(self) -> int:
        value = self.cleaned_data["worklist_days"]
        if value > 366:
            raise forms.ValidationError(_("Velg høyst 366 dager."))
        return value
