"""Forms of the foster-home pages; the rules are checked in ``fosterhjem.services``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from barnevern.economy.forms import AmountField, DateInput, Styled
from barnevern.formfields import choice_field
from barnevern.fosterhjem import models as fm
from barnevern.fosterhjem.services import FOSTER_HOME_CATEGORIES


def yes_no(label: str, initial: bool = False, help_text: str = "") -> forms.TypedChoiceField:
    """A yes/no question as a select (the shared form template lists checkboxes as choices)."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("0", _("Nei")), ("1", _("Ja"))],
        coerce=lambda value: value in (True, "1", "True"),
        initial="1" if initial else "0",
        required=False,
        empty_value=False,
        help_text=help_text,
    )


class HomeForm(Styled, forms.ModelForm):
    versjon = forms.IntegerField(widget=forms.HiddenInput, required=False)
    utredning_fra = forms.DateField(
        label=_("Utredning startet"),
        widget=DateInput(),
        required=False,
        help_text=_("Statushistorikken begynner med «under utredning» denne dagen."),
    )

    class Meta:
        model = fm.Fosterhjem
        fields = ["navn", "art", "adresse", "postnummer", "poststed", "kommunenummer", "merknad"]
        widgets = {"merknad": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, new: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kommunenummer"].help_text = _(
            "Kommunen der fosterhjemmet ligger (kan være en annen enn omsorgskommunen)."
        )
        if not new:
            del self.fields["utredning_fra"]
            self.fields["versjon"].initial = self.instance.versjon
        else:
            del self.fields["versjon"]
            self.fields["utredning_fra"].required = True
        self._style()


class FosterParentForm(Styled, forms.ModelForm):
    class Meta:
        model = fm.Fosterforelder
        fields = ["navn", "fodselsnummer", "telefon", "epost"]
        help_texts = {
            "fodselsnummer": _("Blir part (fosterforelder) i saken til hvert barn som bor i hjemmet.")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class StatusForm(Styled, forms.Form):
    status = forms.ChoiceField(label=_("Ny status"), choices=fm.STATUS_CHOICES)
    dato = forms.DateField(label=_("Fra dato"), widget=DateInput())
    begrunnelse = forms.CharField(
        label=_("Begrunnelse"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class TrainingForm(Styled, forms.ModelForm):
    nasjonale_anbefalinger = yes_no(_("Etter nasjonale anbefalinger"), initial=True)
    kreves = yes_no(
        _("Påkrevd opplæring"), initial=True, help_text=_("Må være fullført før godkjenning og innflytting.")
    )

    class Meta:
        model = fm.Opplaering
        fields = ["kurs", "leverandor", "startet", "fullfort", "nasjonale_anbefalinger", "kreves"]
        widgets = {"startet": DateInput(), "fullfort": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class CompleteTrainingForm(Styled, forms.Form):
    fullfort = forms.DateField(label=_("Fullført"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class CheckForm(Styled, forms.ModelForm):
    class Meta:
        model = fm.Kontroll
        fields = ["art", "gjelder", "dato"]
        widgets = {"dato": DateInput()}
        help_texts = {
            "dato": _("Datoen kontrollen ble gjort. Innholdet (f.eks. politiattesten) lagres ikke.")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class CounsellingForm(Styled, forms.ModelForm):
    class Meta:
        model = fm.Veiledning
        fields = ["dato", "art", "tema", "timer", "gitt_av"]
        widgets = {"dato": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class PlacementForm(Styled, forms.Form):
    """A child moves in; the case and its BVR foster-home measure are chosen from the cases the
    user may open."""

    sak = forms.ChoiceField(label=_("Sak (barnet)"))
    tiltak = forms.ChoiceField(label=_("BVR-tiltak (fosterhjem)"), required=False)
    innflytting = forms.DateField(label=_("Innflytting"), widget=DateInput())
    akutt = yes_no(_("Akutt plassering"))
    nettverk_vurdert = forms.DateField(
        label=_("Familie og nettverk vurdert"), widget=DateInput(), required=False
    )
    nettverk_vurdering = forms.CharField(
        label=_("Vurdering av familie og nære nettverk"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Barnevernstjenesten skal alltid vurdere om noen i barnets familie eller nære nettverk "
            "kan bli fosterhjem."
        ),
    )

    def __init__(
        self, *args: Any, saker: list[tuple[str, str]], tiltak: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "sak").choices = [("", "–")] + saker
        choice_field(self, "tiltak").choices = [("", _("Ikke koblet ennå"))] + tiltak
        self.fields["tiltak"].help_text = _("Tiltak med kategori %(c)s.") % {
            "c": ", ".join(FOSTER_HOME_CATEGORIES)
        }
        self._style()


class PlacementUpdateForm(Styled, forms.ModelForm):
    versjon = forms.IntegerField(widget=forms.HiddenInput, required=False)
    akutt = yes_no(_("Akutt plassering"))

    class Meta:
        model = fm.Fosterhjemsplassering
        fields = ["utflytting", "akutt", "nettverk_vurdert", "nettverk_vurdering", "tilsyn_samtykke"]
        widgets = {
            "utflytting": DateInput(),
            "nettverk_vurdert": DateInput(),
            "tilsyn_samtykke": DateInput(),
            "nettverk_vurdering": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["versjon"].initial = self.instance.versjon
        self.fields["akutt"].initial = "1" if self.instance.akutt else "0"
        self._style()


class AgreementForm(Styled, forms.ModelForm):
    godtgjoring = AmountField(label=_("Arbeidsgodtgjøring per måned"))
    utgiftsdekning = AmountField(label=_("Utgiftsdekning per måned"))
    forsterkning = AmountField(label=_("Forsterkning per måned"), required=False)

    class Meta:
        model = fm.Avtale
        fields = ["start", "slutt", "signert", "godtgjoring", "utgiftsdekning", "forsterkning", "vilkar"]
        widgets = {
            "start": DateInput(),
            "slutt": DateInput(),
            "signert": DateInput(),
            "vilkar": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class PlanForm(Styled, forms.ModelForm):
    class Meta:
        model = fm.Oppfolgingsplan
        fields = ["dato", "evalueres", "beskrivelse"]
        widgets = {
            "dato": DateInput(),
            "evalueres": DateInput(),
            "beskrivelse": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class BookForm(Styled, forms.Form):
    maned = forms.CharField(label=_("Måned (ÅÅÅÅ-MM)"), max_length=7)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def clean_maned(self) -> date:
        text = self.cleaned_data["maned"].strip()
        try:
            return date.fromisoformat(f"{text}-01")
        except ValueError:
            raise forms.ValidationError(
                _("«%(v)s» er ikke en måned (bruk ÅÅÅÅ-MM)."), params={"v": text}
            ) from None


class SettingsForm(Styled, forms.ModelForm):
    """The service's spans for the foster-home deadlines without a fixed time limit."""

    class Meta:
        model = fm.Innstillinger
        fields = ["akutt_frist", "oppfolgingsplan_frist"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def _span(self, name: str) -> str:
        from barnevern.rules.dates import Span

        text = self.cleaned_data[name].strip().upper()
        try:
            return str(Span.parse(text))
        except ValueError:
            raise forms.ValidationError(
                _("«%(v)s» er ikke en frist; skriv f.eks. P3M (tre måneder), P6W (seks uker) eller P0D."),
                params={"v": text},
            ) from None

    def clean_akutt_frist(self) -> str:
        return self._span("akutt_frist")

    def clean_oppfolgingsplan_frist(self) -> str:
        return self._span("oppfolgingsplan_frist")
