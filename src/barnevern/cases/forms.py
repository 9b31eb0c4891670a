"""Forms for the case pages. Choices come from SSB's code lists valid on the given day;
the services check validity on the element's own date and name the field on error."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from barnevern.formfields import choice_field
from barnevern.rules import codes, labels, lovhjemler

GROUPED_LISTS = frozenset({"saksinnhold", "vedtaksgrunnlag", "kategori"})  # long lists: by group


def code_choices(list_key: str, on: date, *, blank: bool = False) -> list[Any]:
    """The codes of a list valid on ``on`` (the form's date), with their short display label
    (``rules.labels``), e.g. «2.5 Beredskapshjem». Expired codes are never offered: a form with
    an earlier date is shown again with that date's codes (``BaseForm.on``).

    Long lists (``GROUPED_LISTS``) come grouped by SSB's headings («Helse», «2 Fosterhjem» …),
    which the select and the checkbox list show as groups.
    """
    valid = codes.valid_codes(list_key, on)
    if list_key in GROUPED_LISTS and any(c.group for c in valid):
        groups: dict[str, list[tuple[str, str]]] = {}
        for c in valid:
            groups.setdefault(c.group or "Annet", []).append(
                (c.code, labels.display_with_code(list_key, c.code))
            )
        choices: list[Any] = list(groups.items())
    else:
        choices = [(c.code, labels.display_with_code(list_key, c.code)) for c in valid]
    return [("", "---------"), *choices] if blank else choices


def offer(field: forms.Field, list_key: str, on: date, *, blank: bool = False) -> None:
    """Give ``field`` the codes valid on ``on`` as choices, but accept any code of the list when
    sent: whether a code may be used is the service's decision (``services.check_code``), whose
    message names the code and its validity («… er ikke gyldig på datoen …»), where Django would
    only say «Velg et gyldig valg»."""
    field.choices = code_choices(list_key, on, blank=blank)  # type: ignore[attr-defined]
    known = {c.code for c in codes.codes(list_key)}
    strict = field.valid_value  # type: ignore[attr-defined]
    field.valid_value = lambda value: str(value) in known or strict(value)  # type: ignore[attr-defined]


def offer_hjemler(field: forms.Field, on: date, use: str = lovhjemler.VEDTAK) -> None:
    """Legal bases valid on ``on`` as choices; any basis of the table is accepted when sent, and
    the service says why one does not apply on the element's date."""
    field.choices = [("", "---------"), *lovhjemler.choices_on(on, use)]  # type: ignore[attr-defined]
    field.valid_value = lambda value: lovhjemler.by_key(str(value)) is not None  # type: ignore[attr-defined]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class BaseForm(forms.Form):
    """Adds Designsystemet classes and aria attributes to every widget.

    ``on`` is the form's date: the date the user entered in ``date_field`` (when the form is
    sent and the date is readable), else today. Code lists and legal bases offer what is valid
    on ``on``, so a late registration with an earlier date gets that date's codes.
    """

    date_field = "dato"

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        self.today = today
        super().__init__(*args, **kwargs)
        self.on = self._entered_date() or today
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            widget.attrs.setdefault("class", "ds-input")

    def _entered_date(self) -> date | None:
        if not self.is_bound or self.date_field not in self.fields:
            return None
        raw = self.data.get(self.add_prefix(self.date_field), "")
        try:
            return date.fromisoformat(str(raw).strip())
        except ValueError:
            return None

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-describedby": f"id_{name}_error", "aria-invalid": "true"}
                )

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        if field in self.fields:
            self.fields[field].widget.attrs.update(
                {"aria-describedby": f"id_{field}_error", "aria-invalid": "true"}
            )


class SokForm(BaseForm):
    """Finding a child. Sent with POST: identity numbers and birth dates never go in a URL."""

    date_field = ""
    q = forms.CharField(label=_("Navn eller journalnummer"), required=False, max_length=100)
    fodselsnummer = forms.CharField(label=_("Fødselsnummer eller D-nummer"), required=False, max_length=13)
    fodselsdato = forms.DateField(
        label=_("Fødselsdato"),
        required=False,
        widget=DateInput(),
        help_text=_("For barn uten fødselsnummer."),
    )
    status = forms.ChoiceField(
        label=_("Saker"),
        choices=[
            ("alle", _("Åpne og avsluttede")),
            ("apne", _("Bare åpne")),
            ("avsluttede", _("Bare avsluttede")),
        ],
        required=False,
    )
    kommune = forms.ChoiceField(label=_("Bostedskommune"), required=False)
    mine = forms.BooleanField(label=_("Bare saker tildelt meg"), required=False)

    def __init__(self, *args: Any, kommuner: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "kommune").choices = [("", _("Alle kommuner")), *kommuner]
        self.fields["mine"].widget.attrs["class"] = "bv-checkbox"

    def clean_fodselsnummer(self) -> str:
        value = "".join(self.cleaned_data.get("fodselsnummer", "").split())
        if value and (not value.isdigit() or len(value) != 11):
            raise forms.ValidationError(_("Skriv de 11 sifrene i fødselsnummeret eller D-nummeret."))
        return value


class ChildForm(BaseForm):
    fodselsnummer = forms.CharField(label=_("Fødselsnummer eller D-nummer (11 siffer)"), max_length=13)
    fornavn = forms.CharField(label=_("Fornavn"), max_length=100)
    etternavn = forms.CharField(label=_("Etternavn"), max_length=100)
    duf_nummer = forms.CharField(label=_("DUF-nummer (valgfritt)"), max_length=12, required=False)
    kommunenummer = forms.ChoiceField(label=_("Bostedskommune"))

    def __init__(self, *args: Any, kommuner: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "kommunenummer").choices = kommuner


class MeldingForm(BaseForm):
    date_field = "mottatt"
    mottatt = forms.DateField(label=_("Mottatt dato"), widget=DateInput())
    melder = forms.MultipleChoiceField(label=_("Melder"), widget=forms.CheckboxSelectMultiple)
    saksinnhold = forms.MultipleChoiceField(label=_("Saksinnhold"), widget=forms.CheckboxSelectMultiple)
    presisering = forms.CharField(
        label=_("Presisering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Påkrevd for koder merket «krever presisering»."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self.fields["melder"], "melder", self.on)
        offer(self.fields["saksinnhold"], "saksinnhold", self.on)
        self.fields["mottatt"].initial = self.today


class NyMeldingForm(ChildForm, MeldingForm):
    """A melding about a child (new or known: matched by fødselsnummer within the service)."""

    bekreft = forms.BooleanField(required=False, widget=forms.HiddenInput)

    field_order = [
        "fodselsnummer",
        "fornavn",
        "etternavn",
        "duf_nummer",
        "kommunenummer",
        "mottatt",
        "melder",
        "saksinnhold",
        "presisering",
    ]


class KonkluderMeldingForm(BaseForm):
    dato = forms.DateField(label=_("Konklusjonsdato"), widget=DateInput())
    kode = forms.ChoiceField(label=_("Konklusjon"))
    versjon = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self.fields["kode"], "melding_konklusjon", self.on, blank=True)
        self.fields["dato"].initial = self.today


class KonkluderUndersokelseForm(BaseForm):
    dato = forms.DateField(label=_("Konklusjonsdato"), widget=DateInput())
    kode = forms.ChoiceField(label=_("Konklusjon"))
    vedtaksgrunnlag = forms.MultipleChoiceField(
        label=_("Vedtaksgrunnlag"), required=False, widget=forms.CheckboxSelectMultiple
    )
    presisering = forms.CharField(
        label=_("Presisering"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    versjon = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self.fields["kode"], "undersokelse_konklusjon", self.on, blank=True)
        offer(self.fields["vedtaksgrunnlag"], "saksinnhold", self.on)
        self.fields["dato"].initial = self.today


class UtvidetFristForm(BaseForm):
    soknad_dato = forms.DateField(label=_("Dato fristforlengelse ble søkt"), widget=DateInput())
    innvilget = forms.ChoiceField(label=_("Innvilget"), choices=[("1", _("Ja")), ("2", _("Nei"))])
    versjon = forms.IntegerField(widget=forms.HiddenInput)


class VedtakForm(BaseForm):
    dato = forms.DateField(label=_("Vedtaksdato"), widget=DateInput())
    hjemmel = forms.ChoiceField(
        label=_("Hjemmel"),
        help_text=_(
            "Bestemmelsene i barnevernsloven som gjaldt på vedtaksdatoen. Gjelder vedtaket en dato "
            "før 2023, velger du på nytt etter loven fra 1992."
        ),
    )
    status = forms.ChoiceField(label=_("Status"))
    undersokelse = forms.ChoiceField(label=_("Knyttet til undersøkelse"), required=False)

    def __init__(self, *args: Any, undersokelser: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self.fields["status"], "vedtak_status", self.on)
        offer_hjemler(self.fields["hjemmel"], self.on)
        choice_field(self, "undersokelse").choices = [("", _("Ingen")), *undersokelser]
        self.fields["dato"].initial = self.today


class TiltakForm(BaseForm):
    vedtak = forms.ChoiceField(label=_("Vedtak"))
    dato = forms.DateField(label=_("Iverksatt dato"), widget=DateInput())
    kategori = forms.ChoiceField(label=_("Kategori"))
    presisering = forms.CharField(label=_("Presisering"), required=False)
    oppfolging_hyppighet = forms.ChoiceField(
        label=_("Oppfølgingsbesøk per år (fosterhjem)"),
        required=False,
        choices=[("", _("Ikke aktuelt")), ("4", "4 (standard)"), ("2", "2 (redusert)")],
    )
    tilsyn_hyppighet = forms.ChoiceField(
        label=_("Tilsynsbesøk per år (fosterhjem)"),
        required=False,
        choices=[("", _("Ikke aktuelt")), ("4", "4 (standard)"), ("2", "2 (redusert)")],
    )

    def __init__(self, *args: Any, vedtak: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "vedtak").choices = vedtak
        offer(self.fields["kategori"], "kategori", self.on, blank=True)
        self.fields["dato"].initial = self.today


class AvsluttTiltakForm(BaseForm):
    dato = forms.DateField(label=_("Sluttdato"), widget=DateInput())
    opphevelse = forms.ChoiceField(label=_("Opphevelse (omsorgstiltak)"), required=False)
    presisering = forms.CharField(label=_("Presisering"), required=False)
    versjon = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self.fields["opphevelse"], "opphevelse", self.on, blank=True)
        self.fields["dato"].initial = self.today


class BesokForm(BaseForm):
    kind = forms.ChoiceField(
        label=_("Type besøk"), choices=[("oppfolging", _("Oppfølgingsbesøk")), ("tilsyn", _("Tilsynsbesøk"))]
    )
    dato = forms.DateField(label=_("Dato"), widget=DateInput())


class PlanForm(BaseForm):
    dato = forms.DateField(label=_("Dato"), widget=DateInput())
    plantype = forms.ChoiceField(label=_("Plantype"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self.fields["plantype"], "plantype", self.on, blank=True)
        self.fields["dato"].initial = self.today


class EvalueringForm(BaseForm):
    dato = forms.DateField(label=_("Evaluert dato"), widget=DateInput())


# ---- moves, aftercare, the board, relations ---------------------------------------------------


class FlyttingForm(BaseForm):
    dato = forms.DateField(label=_("Flyttedato"), widget=DateInput())
    kommunenummer = forms.ChoiceField(
        label=_("Ny bostedskommune"),
        required=False,
        help_text=_(
            "Velg kommunen barnet flytter til hvis det er en annen medlemskommune: fra flyttedatoen "
            "regnes barnet med i den kommunens tall, og klientkostnadene følger barnet."
        ),
    )
    flytting_til = forms.ChoiceField(label=_("Flyttet til"))
    til_presisering = forms.CharField(label=_("Presisering av hvor barnet flyttet"), required=False)
    arsak_fra = forms.ChoiceField(label=_("Årsak til flyttingen"))
    arsak_presisering = forms.CharField(label=_("Presisering av årsak"), required=False)

    def __init__(self, *args: Any, kommuner: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "kommunenummer").choices = [("", _("Uendret")), *kommuner]
        offer(self.fields["flytting_til"], "flytting_til", self.on, blank=True)
        offer(self.fields["arsak_fra"], "arsak_fra", self.on, blank=True)
        self.fields["dato"].initial = self.today


class EttervernForm(BaseForm):
    date_field = "tilbud_sendt"
    tilbud_sendt = forms.DateField(label=_("Tilbud om ettervern sendt"), widget=DateInput())


class EttervernSvarForm(BaseForm):
    dato = forms.DateField(label=_("Dato for svaret"), widget=DateInput())
    kode = forms.ChoiceField(label=_("Svar"))
    versjon = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self.fields["kode"], "ettervern_konklusjon", self.on, blank=True)
        self.fields["dato"].initial = self.today


class OversendelseForm(BaseForm):
    dato = forms.DateField(label=_("Oversendt dato"), widget=DateInput())
    hjemmel = forms.ChoiceField(label=_("Tiltaket nemnda bes om å vedta"))
    undersokelse = forms.ChoiceField(label=_("Knyttet til undersøkelse"), required=False)

    def __init__(self, *args: Any, undersokelser: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "hjemmel").choices = [
            ("", "---------"),
            *lovhjemler.choices_on(self.on, lovhjemler.NEMND),
        ]
        choice_field(self, "undersokelse").choices = [("", _("Ingen")), *undersokelser]
        self.fields["dato"].initial = self.today


class RelasjonForm(BaseForm):
    fra = forms.ChoiceField(label=_("Fra (det som kom først)"))
    til = forms.ChoiceField(label=_("Til (det som bygger på det)"))

    def __init__(self, *args: Any, elementer: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "fra").choices = [("", "---------"), *elementer]
        choice_field(self, "til").choices = [("", "---------"), *elementer]


# ---- corrections and assignment ---------------------------------------------------------------


class _Begrunnelse(BaseForm):
    begrunnelse = forms.CharField(
        label=_("Begrunnelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvorfor rettes registreringen? Begrunnelsen lagres og vises for leder."),
    )
    versjon = forms.IntegerField(widget=forms.HiddenInput)


class RettVedtakForm(_Begrunnelse):
    dato = forms.DateField(label=_("Vedtaksdato"), widget=DateInput())
    hjemmel = forms.ChoiceField(label=_("Hjemmel"))
    field_order = ["dato", "hjemmel", "begrunnelse"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_hjemler(self.fields["hjemmel"], self.on)


class RettMeldingForm(_Begrunnelse, MeldingForm):
    field_order = ["mottatt", "melder", "saksinnhold", "presisering", "begrunnelse"]


class RettTiltakForm(_Begrunnelse):
    dato = forms.DateField(label=_("Iverksatt dato"), widget=DateInput())
    kategori = forms.ChoiceField(label=_("Kategori"))
    presisering = forms.CharField(label=_("Presisering"), required=False)
    field_order = ["dato", "kategori", "presisering", "begrunnelse"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self.fields["kategori"], "kategori", self.on, blank=True)


class RettPlanForm(_Begrunnelse):
    dato = forms.DateField(label=_("Dato"), widget=DateInput())
    plantype = forms.ChoiceField(label=_("Plantype"))
    field_order = ["dato", "plantype", "begrunnelse"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self.fields["plantype"], "plantype", self.on, blank=True)


class AnnullerForm(_Begrunnelse):
    pass


class TildelForm(BaseForm):
    saksbehandler = forms.ChoiceField(label=_("Saksbehandler"))
    merknad = forms.CharField(label=_("Merknad (valgfritt)"), required=False, max_length=300)

    def __init__(self, *args: Any, workers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "saksbehandler").choices = [
            ("", "---------"),
            *[(str(pk), name) for pk, name in workers],
            ("0", _("Ingen – sett saken som ikke fordelt")),
        ]


def pairs(selected: list[str], list_key: str, presisering: str) -> list[tuple[str, str]]:
    """Selected codes with the shared presisering on the codes that require one."""
    return [(k, presisering if codes.requires_presisering(list_key, k) else "") for k in selected]
