"""Forms for the case pages. Choices come from SSB's code lists valid on the given day;
the services check validity on the element's own date and name the field on error."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from barnevern.rules import codes, labels

HISTORY_YEARS = 5  # how far back a form offers expired codes (for late registration)


def code_choices(list_key: str, on: date, *, blank: bool = False) -> list[tuple[str, str]]:
    """Codes valid on ``on`` first, then codes that expired within ``HISTORY_YEARS``, marked.
    Each shows its short display label (``rules.labels``), e.g. «2.5 Beredskapshjem».

    Whether a code may be used is decided by the element's own date (the services check).
    """
    earliest = date(on.year - HISTORY_YEARS, 1, 1)
    current = [(c.code, labels.display_with_code(list_key, c.code)) for c in codes.valid_codes(list_key, on)]
    expired = [
        (c.code, f"{labels.display_with_code(list_key, c.code)} (gyldig til {c.valid_to:%d.%m.%Y})")
        for c in codes.codes(list_key)
        if c.valid_to is not None and earliest <= c.valid_to < on
    ]
    choices = current + expired
    return [("", "---------"), *choices] if blank else choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class BaseForm(forms.Form):
    """Adds Designsystemet classes and aria attributes to every widget."""

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        self.today = today
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            widget.attrs.setdefault("class", "ds-input")

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


class ChildForm(BaseForm):
    fodselsnummer = forms.CharField(label=_("Fødselsnummer eller D-nummer (11 siffer)"), max_length=13)
    fornavn = forms.CharField(label=_("Fornavn"), max_length=100)
    etternavn = forms.CharField(label=_("Etternavn"), max_length=100)
    duf_nummer = forms.CharField(label=_("DUF-nummer (valgfritt)"), max_length=12, required=False)
    kommunenummer = forms.ChoiceField(label=_("Bostedskommune"))

    def __init__(self, *args: Any, kommuner: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kommunenummer"].choices = kommuner


class MeldingForm(BaseForm):
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
        self.fields["melder"].choices = code_choices("melder", self.today)
        self.fields["saksinnhold"].choices = code_choices("saksinnhold", self.today)
        self.fields["mottatt"].initial = self.today


class NyMeldingForm(ChildForm, MeldingForm):
    """A melding about a child (new or known: matched by fødselsnummer within the service)."""

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
        self.fields["kode"].choices = code_choices("melding_konklusjon", self.today, blank=True)
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
        self.fields["kode"].choices = code_choices("undersokelse_konklusjon", self.today, blank=True)
        self.fields["vedtaksgrunnlag"].choices = code_choices("saksinnhold", self.today)
        self.fields["dato"].initial = self.today


class UtvidetFristForm(BaseForm):
    soknad_dato = forms.DateField(label=_("Dato fristforlengelse ble søkt"), widget=DateInput())
    innvilget = forms.ChoiceField(label=_("Innvilget"), choices=[("1", _("Ja")), ("2", _("Nei"))])
    versjon = forms.IntegerField(widget=forms.HiddenInput)


class VedtakForm(BaseForm):
    dato = forms.DateField(label=_("Vedtaksdato"), widget=DateInput())
    kapittel = forms.RegexField(label=_("Kapittel"), regex=r"^\d+[a-z]*$", max_length=3, initial="3")
    paragraf = forms.RegexField(label=_("Paragraf"), regex=r"^\d+[a-z]*$", max_length=4, initial="1")
    ledd = forms.RegexField(label=_("Ledd (valgfritt)"), regex=r"^\d{1,3}$", required=False)
    status = forms.ChoiceField(label=_("Status"))
    undersokelse = forms.ChoiceField(label=_("Knyttet til undersøkelse"), required=False)

    def __init__(self, *args: Any, undersokelser: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = code_choices("vedtak_status", self.today)
        self.fields["undersokelse"].choices = [("", _("Ingen")), *undersokelser]
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
        self.fields["vedtak"].choices = vedtak
        self.fields["kategori"].choices = code_choices("kategori", self.today, blank=True)
        self.fields["dato"].initial = self.today


class AvsluttTiltakForm(BaseForm):
    dato = forms.DateField(label=_("Sluttdato"), widget=DateInput())
    opphevelse = forms.ChoiceField(label=_("Opphevelse (omsorgstiltak)"), required=False)
    presisering = forms.CharField(label=_("Presisering"), required=False)
    versjon = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opphevelse"].choices = code_choices("opphevelse", self.today, blank=True)
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
        self.fields["plantype"].choices = code_choices("plantype", self.today, blank=True)
        self.fields["dato"].initial = self.today


class EvalueringForm(BaseForm):
    dato = forms.DateField(label=_("Evaluert dato"), widget=DateInput())


def pairs(selected: list[str], list_key: str, presisering: str) -> list[tuple[str, str]]:
    """Selected codes with the shared presisering on the codes that require one."""
    return [(k, presisering if codes.requires_presisering(list_key, k) else "") for k in selected]
