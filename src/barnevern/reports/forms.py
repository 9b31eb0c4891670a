"""Forms of the report pages: new draft, the leader's text, the duties checklist, the calculator."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from barnevern.formfields import choice_field
from barnevern.organisation.models import Kommune, Tjeneste
from barnevern.reports.duties import slots
from barnevern.reports.models import Plikt, Rapport, Versjon
from barnevern.reports.services import FIRST_YEAR, LAST_YEAR, MAX_TEXT

TEXT_HELP = _(
    "Ren tekst. En tom linje gir nytt avsnitt; linjer som begynner med «-» blir en punktliste. "
    "Skriv ikke om enkeltbarn eller enkeltsaker."
)


def _input(kind: str = "text", **attrs: Any) -> dict[str, Any]:
    return {"class": "ds-input", **attrs}


class NewReportForm(forms.Form):
    ar = forms.IntegerField(
        label=_("År"), min_value=FIRST_YEAR, max_value=LAST_YEAR, widget=forms.NumberInput(attrs=_input())
    )
    kommune = forms.ChoiceField(label=_("Gjelder"), widget=forms.Select(attrs={"class": "ds-input"}))
    versjon = forms.ChoiceField(
        label=_("Versjon"), choices=Versjon.choices, widget=forms.Select(attrs={"class": "ds-input"})
    )

    def __init__(self, *args: Any, tjeneste: Tjeneste, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tjeneste = tjeneste
        members = Kommune.objects.filter(nummer__in=tjeneste.kommunenumre()).order_by("nummer")
        self.kommuner = {k.nummer: k for k in members}
        choice_field(self, "kommune").choices = [
            ("", _("Hele tjenesten")),
            *((k.nummer, k.navn) for k in members),
        ]
        self.fields["kommune"].required = False

    def clean_kommune(self) -> Kommune | None:
        value = self.cleaned_data.get("kommune") or ""
        return self.kommuner.get(value) if value else None


class TextForm(forms.ModelForm):
    revisjon = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Rapport
        fields = ["utfordringer", "tiltak", "samarbeid", "veien_videre", "utenfor_antall", "utenfor_grunnlag"]
        widgets = {
            name: forms.Textarea(attrs={"class": "ds-input", "rows": 8, "maxlength": MAX_TEXT})
            for name in ("utfordringer", "tiltak", "samarbeid", "veien_videre")
        } | {
            "utenfor_antall": forms.NumberInput(attrs={"class": "ds-input", "min": 0}),
            "utenfor_grunnlag": forms.TextInput(attrs={"class": "ds-input"}),
        }
        help_texts = {
            "utfordringer": TEXT_HELP,
            "utenfor_antall": _(
                "Til utenforregnskapet: for eksempel antall innbyggere 16–66 år som ikke er i arbeid "
                "eller utdanning. Tomt: bare beløpet per person vises."
            ),
            "utenfor_grunnlag": _(
                "Hvor tallet kommer fra, f.eks. «15,5 % av innbyggerne 16–66 år (NAV 2022)»."
            ),
        }


class CalculatorForm(forms.Form):
    personer = forms.IntegerField(
        label=_("Antall personer utenfor arbeid og utdanning"),
        min_value=0,
        max_value=10_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class DutiesForm(forms.Form):
    """One answer, date and comment per (duty, municipality) of the checklist."""

    def __init__(self, *args: Any, tjeneste: Tjeneste, year: int, on: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: list[dict[str, Any]] = []
        found = {
            (p.kode, p.kommune.nummer if p.kommune_id else ""): p
            for p in Plikt.objects.filter(tjeneste=tjeneste, ar=year).select_related("kommune")
        }
        for code, k in slots(tjeneste, on):
            prefix = f"{code}__{k.nummer if k else 'alle'}"
            current = found.get((code, k.nummer if k else ""))
            where = k.navn if k else _("Hele tjenesten")
            label = f"{Plikt.Kode(code).label} – {where}"
            self.fields[f"{prefix}__svar"] = forms.ChoiceField(
                label=_("Oppfylt"),
                choices=Plikt.Svar.choices,
                initial=current.svar if current else Plikt.Svar.UAVKLART,
                widget=forms.Select(attrs={"class": "ds-input"}),
            )
            self.fields[f"{prefix}__dato"] = forms.DateField(
                label=_("Dato"),
                required=False,
                initial=current.dato if current else None,
                widget=forms.DateInput(attrs={"class": "ds-input", "type": "date"}, format="%Y-%m-%d"),
            )
            self.fields[f"{prefix}__kommentar"] = forms.CharField(
                label=_("Kommentar"),
                required=False,
                max_length=500,
                initial=current.kommentar if current else "",
                widget=forms.TextInput(attrs={"class": "ds-input"}),
            )
            self.rows.append({"prefix": prefix, "label": label, "code": code, "kommune": k})

    def bound_rows(self) -> list[dict[str, Any]]:
        return [
            {**row, **{part: self[f"{row['prefix']}__{part}"] for part in ("svar", "dato", "kommentar")}}
            for row in self.rows
        ]

    def answers(self) -> list[tuple[str, Kommune | None, str, date | None, str]]:
        return [
            (
                row["code"],
                row["kommune"],
                self.cleaned_data[f"{row['prefix']}__svar"],
                self.cleaned_data[f"{row['prefix']}__dato"],
                self.cleaned_data[f"{row['prefix']}__kommentar"],
            )
            for row in self.rows
        ]
