"""Forms for casework pages (Norwegian labels; the services check the rules)."""

from __future__ import annotations

from typing import Any

from django import forms

from barnevern.casework import models as m
from barnevern.casework.letterkinds import KINDS
from barnevern.formfields import choice_field
from barnevern.rules.innsyn import GROUNDS

DATE = forms.DateInput(attrs={"type": "date"})


class JournalForm(forms.Form):
    type = forms.ChoiceField(
        label="Type",
        choices=[(v, label) for v, label in m.Journalnotat.Type.choices if v not in {"system", "dokument"}],
        widget=forms.Select(attrs={"autofocus": True}),
    )
    dato = forms.DateField(label="Dato for hendelsen", widget=DATE)
    tittel = forms.CharField(label="Tittel", max_length=200)
    tekst = forms.CharField(label="Tekst", required=False, widget=forms.Textarea(attrs={"rows": 8}))
    barnets_medvirkning = forms.CharField(
        label="Barnets medvirkning",
        required=False,
        help_text="Hvordan barnet deltok, og hva barnet ble informert om.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    barnets_synspunkter = forms.CharField(
        label="Barnets synspunkter",
        required=False,
        help_text="Hva barnet selv sa, så langt som mulig med barnets egne ord.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    parter = forms.MultipleChoiceField(
        label="Parter som deltok", required=False, widget=forms.CheckboxSelectMultiple
    )
    element = forms.ChoiceField(label="Gjelder", required=False)

    def __init__(
        self, *args: Any, parter: list[tuple[str, str]], elementer: list[tuple[str, str]], **kw: Any
    ):
        super().__init__(*args, **kw)
        choice_field(self, "parter").choices = parter
        choice_field(self, "element").choices = [("", "Hele saken"), *elementer]


class KorrigerForm(JournalForm):
    korreksjon_grunn = forms.CharField(
        label="Hvorfor korrigeres notatet?", widget=forms.Textarea(attrs={"rows": 2})
    )
    versjon = forms.IntegerField(widget=forms.HiddenInput)


class PartForm(forms.Form):
    rolle = forms.ChoiceField(label="Rolle", choices=m.Part.Rolle.choices)
    navn = forms.CharField(label="Navn", required=False, max_length=200)
    fodselsnummer = forms.CharField(label="Fødselsnummer", required=False, max_length=13)
    organisasjon = forms.CharField(label="Virksomhet", required=False, max_length=200)
    adresse = forms.CharField(label="Adresse", required=False, max_length=200)
    postnummer = forms.CharField(label="Postnummer", required=False, max_length=4)
    poststed = forms.CharField(label="Poststed", required=False, max_length=100)
    telefon = forms.CharField(label="Telefon", required=False, max_length=30)
    epost = forms.EmailField(label="E-post", required=False)
    foreldreansvar = forms.BooleanField(label="Har foreldreansvar", required=False)
    partsrettigheter = forms.ChoiceField(
        label="Partsrettigheter",
        choices=[("", "Som rollen tilsier"), ("ja", "Ja"), ("nei", "Nei")],
        required=False,
    )
    anonym = forms.BooleanField(label="Anonym melder", required=False)
    merknad = forms.CharField(label="Merknad", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NyttBrevForm(forms.Form):
    brevtype = forms.ChoiceField(label="Brev", choices=[(k, v.tittel) for k, v in KINDS.items()])
    mottaker = forms.ChoiceField(label="Mottaker", required=False)
    tiltak = forms.CharField(
        label="Vedtak/tiltak (for vedtaksbrev)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    hjemmel = forms.CharField(
        label="Hjemmel (for vedtaksbrev)", required=False, initial="barnevernsloven § 3-1"
    )
    begrunnelse = forms.CharField(
        label="Begrunnelse", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    barnets_synspunkter = forms.CharField(
        label="Barnets synspunkter (for vedtaksbrev)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    tid = forms.CharField(label="Møtetid (for innkalling)", required=False)
    sted = forms.CharField(label="Møtested (for innkalling)", required=False)
    tema = forms.CharField(label="Tema (for innkalling)", required=False)

    def __init__(self, *args: Any, parter: list[tuple[str, str]], **kw: Any):
        super().__init__(*args, **kw)
        choice_field(self, "mottaker").choices = [("", "Velg mottaker"), *parter]


class BrevForm(forms.Form):
    tittel = forms.CharField(label="Tittel", max_length=200)
    mottaker = forms.ChoiceField(label="Mottaker", required=False)
    innhold = forms.CharField(label="Tekst", widget=forms.Textarea(attrs={"rows": 16}))
    versjon = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, parter: list[tuple[str, str]], **kw: Any):
        super().__init__(*args, **kw)
        choice_field(self, "mottaker").choices = [("", "Ingen mottaker"), *parter]


class OpplastingForm(forms.Form):
    fil = forms.FileField(label="Fil (PDF eller bilde)")
    tittel = forms.CharField(label="Tittel", max_length=200)
    dato = forms.DateField(label="Dato på dokumentet", widget=DATE)
    avsender = forms.CharField(label="Avsender", required=False, max_length=200)
    element = forms.ChoiceField(label="Gjelder", required=False)

    def __init__(self, *args: Any, elementer: list[tuple[str, str]], **kw: Any):
        super().__init__(*args, **kw)
        choice_field(self, "element").choices = [("", "Hele saken"), *elementer]


class MalForm(forms.Form):
    innhold = forms.CharField(label="Mal (Django-mal, ren tekst)", widget=forms.Textarea(attrs={"rows": 18}))
    krever_godkjenning = forms.BooleanField(label="Krever godkjenning av en annen", required=False)


class UnntakForm(forms.Form):
    hjemmel = forms.ChoiceField(
        label="Hjemmel", choices=[("", "Gi innsyn"), *GROUNDS.items()], required=False
    )
    begrunnelse = forms.CharField(label="Begrunnelse", required=False)
