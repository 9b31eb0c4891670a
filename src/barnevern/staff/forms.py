"""Forms for the staff pages (rendered by ``web/form_body.html``). Errors are Norwegian and name
the field; cross-field checks (end after start, one position row per date) live here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from barnevern.accounts.models import User
from barnevern.formfields import model_choice_field
from barnevern.organisation.models import Team, Tjeneste
from barnevern.staff.models import (
    VARIANT_CHOICES,
    Ansatt,
    Erfaring,
    Stilling,
    Utdanning,
    Vakanse,
    Videreutdanning,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m", **kwargs)


class YesNoSelect(forms.Select):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, choices=(("False", _("Nei")), ("True", _("Ja"))))


class AuthoritySelect(forms.NullBooleanSelect):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [
            ("unknown", _("Følger stillingstypen")),
            ("true", _("Ja, omfattes")),
            ("false", _("Nei, omfattes ikke")),
        ]


class StyledMixin:
    """Designsystemet classes and aria attributes on every widget (as ``cases.forms.BaseForm``)."""

    fields: dict[str, forms.Field]

    def _style(self) -> None:
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-describedby": f"id_{name}_error", "aria-invalid": "true"}
                )


def _end_after_start(form: forms.BaseForm, start: str, end: str, message: str) -> None:
    data = form.cleaned_data
    if data.get(start) and data.get(end) and data[end] < data[start]:
        form.add_error(end, message)


class AnsattForm(StyledMixin, forms.ModelForm):
    prosent = forms.DecimalField(
        label=_("Stillingsprosent fra startdato"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text=_("For eksempel 100 eller 80. Senere endringer registreres som ny stillingsprosent."),
    )

    class Meta:
        model = Ansatt
        fields = [
            "navn",
            "stillingstype",
            "profesjon",
            "team",
            "start_dato",
            "slutt_dato",
            "bruker",
            "myndighetsoppgaver",
            "unntak",
            "unntak_til",
            "unntak_notat",
        ]
        widgets = {
            "start_dato": DateInput(),
            "slutt_dato": DateInput(),
            "unntak_til": DateInput(),
            "unntak": YesNoSelect(),
            "myndighetsoppgaver": AuthoritySelect(),
            "unntak_notat": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, tjeneste: Tjeneste, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tjeneste = tjeneste
        model_choice_field(self, "team").queryset = Team.objects.filter(tjeneste=tjeneste)
        taken = Ansatt.objects.filter(bruker__isnull=False).exclude(pk=self.instance.pk)
        model_choice_field(self, "bruker").queryset = User.objects.filter(tjeneste=tjeneste).exclude(
            pk__in=taken.values("bruker")
        )
        self.fields["bruker"].help_text = _("Valgfritt. Kobler den ansatte til en brukerkonto (saksmengde).")
        if self.instance.pk:
            del self.fields["prosent"]
        self._style()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        _end_after_start(self, "start_dato", "slutt_dato", "Sluttdatoen kan ikke være før startdatoen.")
        if data.get("unntak_til") and not data.get("unntak"):
            self.add_error("unntak_til", "Oppgi bare «unntak gyldig til» når unntak er innvilget.")
        if data.get("unntak") and not (data.get("unntak_notat") or "").strip():
            self.add_error("unntak_notat", "Skriv begrunnelsen for unntaket (vanskelig å rekruttere).")
        return data


class _ChildForm(StyledMixin, forms.ModelForm):
    def __init__(self, *args: Any, ansatt: Ansatt, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ansatt = ansatt
        self._style()


class StillingForm(_ChildForm):
    class Meta:
        model = Stilling
        fields = ["fra_dato", "prosent"]
        widgets = {"fra_dato": DateInput()}

    def clean_fra_dato(self) -> Any:
        day = self.cleaned_data["fra_dato"]
        if day < self.ansatt.start_dato:
            raise forms.ValidationError(
                f"Datoen kan ikke være før den ansatte begynte ({self.ansatt.start_dato:%d.%m.%Y})."
            )
        if self.ansatt.stillinger.filter(fra_dato=day).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Det finnes allerede en stillingsprosent fra denne datoen.")
        return day


class UtdanningForm(_ChildForm):
    class Meta:
        model = Utdanning
        fields = ["niva", "fagfelt", "beskrivelse", "ar", "planlagt", "relevant"]
        widgets = {"planlagt": YesNoSelect(), "relevant": YesNoSelect()}


class VidereutdanningForm(_ChildForm):
    class Meta:
        model = Videreutdanning
        fields = ["studiepoeng", "emne", "ar", "planlagt"]
        widgets = {"planlagt": YesNoSelect()}


class ErfaringForm(_ChildForm):
    class Meta:
        model = Erfaring
        fields = ["fra_dato", "til_dato", "beskrivelse"]
        widgets = {"fra_dato": DateInput(), "til_dato": DateInput()}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        _end_after_start(self, "fra_dato", "til_dato", "Til-datoen kan ikke være før fra-datoen.")
        return data


class VakanseForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = Vakanse
        fields = ["team", "stillingstype", "prosent", "fra_dato", "til_dato", "merknad"]
        widgets = {"fra_dato": DateInput(), "til_dato": DateInput()}

    def __init__(self, *args: Any, tjeneste: Tjeneste, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "team").queryset = Team.objects.filter(tjeneste=tjeneste)
        self._style()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        _end_after_start(self, "fra_dato", "til_dato", "Ledig til kan ikke være før ledig fra.")
        return data


class SykefravaerForm(StyledMixin, forms.Form):
    maned = forms.DateField(
        label=_("Måned (ÅÅÅÅ-MM)"), input_formats=["%Y-%m", "%Y-%m-%d"], widget=MonthInput()
    )
    prosent = forms.DecimalField(
        label=_("Sykefravær i prosent"), min_value=0, max_value=100, decimal_places=2
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["maned"].error_messages["invalid"] = "Skriv måneden som ÅÅÅÅ-MM, for eksempel 2026-10."
        self._style()

    def clean_maned(self) -> Any:
        return self.cleaned_data["maned"].replace(day=1)


class InnstillingForm(StyledMixin, forms.Form):
    kompetansevariant = forms.ChoiceField(label=_("Variant av kompetansekravet"), choices=VARIANT_CHOICES)
    saksmengde_varsel = forms.IntegerField(
        label=_("Varselgrense for saksmengde (barn med åpne saker per saksbehandler)"),
        min_value=1,
        max_value=200,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()
