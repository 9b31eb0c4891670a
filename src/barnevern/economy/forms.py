"""Forms for the economy pages: amounts are parsed the Norwegian way (``parse_nok``)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from barnevern import display
from barnevern.economy import models as em
from barnevern.economy.imports import FIELD_LABELS, FIELDS
from barnevern.formfields import choice_field, model_choice_field
from barnevern.rules.copayment import MeasureType, StayKind
from barnevern.rules.money import MoneyError, parse_nok, to_ore
from barnevern.rules.settlement import HalfYear, SettlementError


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class AmountField(forms.CharField):
    """Kroner, written as accounting systems and people write them («1 877 812,50»)."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return to_ore(parse_nok(text))
        except MoneyError:
            raise forms.ValidationError(_("«%(v)s» er ikke et gyldig beløp."), params={"v": text}) from None

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return display.decimal_text(value, 2)
        return value


class Styled:
    """Designsystemet classes on every widget and aria attributes on fields with errors."""

    def _style(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            if not isinstance(field.widget, forms.CheckboxInput | forms.RadioSelect):
                field.widget.attrs.setdefault("class", "ds-input")

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                self.fields[name].widget.attrs.update(  # type: ignore[attr-defined]
                    {"aria-describedby": f"id_{name}_error", "aria-invalid": "true"}
                )


class ImportForm(Styled, forms.Form):
    fil = forms.FileField(label=_("Fil (CSV eller XLSX)"))
    art = forms.ChoiceField(label=_("Hva filen inneholder"), choices=em.Importbunt.Art.choices)
    oppsett = forms.ModelChoiceField(
        label=_("Kolonneoppsett"),
        queryset=em.Kolonneoppsett.objects.none(),
        required=False,
        empty_label=_("Standard (Måned/Dato, Kategori, Beløp …)"),
    )
    kontroller = forms.BooleanField(label=_("Bare kontroller filen, ikke lagre"), required=False)

    def __init__(self, *args: Any, tjeneste: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "oppsett").queryset = em.Kolonneoppsett.objects.filter(tjeneste=tjeneste)
        self._style()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        mapping = data.get("oppsett")
        if mapping is not None and mapping.art != data.get("art"):
            self.add_error(
                "oppsett",
                _("Kolonneoppsettet «%(n)s» gjelder %(a)s.")
                % {"n": mapping.navn, "a": mapping.get_art_display().lower()},
            )
        return data


class MappingForm(Styled, forms.ModelForm):
    class Meta:
        model = em.Kolonneoppsett
        fields = ["navn", "art"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = list(dict.fromkeys(f.name for fields in FIELDS.values() for f in fields))
        for name in names:
            self.fields[f"kolonne_{name}"] = forms.CharField(
                label=_("Kolonne for «%(f)s»") % {"f": FIELD_LABELS[name]},
                required=False,
                max_length=100,
                initial=(self.instance.kolonner or {}).get(name, ""),
                help_text=_("Overskriften i filen. Tom: «%(f)s».") % {"f": FIELD_LABELS[name]},
            )
        self._style()

    def kolonner(self) -> dict[str, str]:
        """The headings entered (field name to heading), for ``services.save_mapping``."""
        return {
            k.removeprefix("kolonne_"): v.strip()
            for k, v in self.cleaned_data.items()
            if k.startswith("kolonne_") and v.strip()
        }


_SHARE_LINE = re.compile(r"^\s*(\d{4})\s*[:=]\s*([\d.,\s]+?)\s*%?\s*$")


class KeyForm(Styled, forms.ModelForm):
    andeler = forms.CharField(
        label=_("Faste andeler i prosent (bare for faste andeler)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Én kommune per linje, for eksempel «5021: 75,1». Summen må bli 100."),
    )

    class Meta:
        model = em.Nokkel
        fields = ["type", "alder_fra", "alder_til", "regulering_ar", "referansedato"]
        widgets = {"referansedato": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        shares = self.instance.faste_andeler or {}
        self.fields["andeler"].initial = "\n".join(
            f"{k}: {display.number(Decimal(v) * 100, None, group=False)}" for k, v in shares.items()
        )
        self._style()

    def clean_andeler(self) -> dict[str, str]:
        shares: dict[str, str] = {}
        for number, line in enumerate(self.cleaned_data["andeler"].splitlines(), start=1):
            if not line.strip():
                continue
            match = _SHARE_LINE.match(line)
            if not match:
                raise forms.ValidationError(_("Linje %(n)d: skriv «kommunenummer: prosent».") % {"n": number})
            percent = Decimal(match.group(2).replace(" ", "").replace(",", "."))
            shares[match.group(1)] = str(percent / 100)
        if shares and sum(Decimal(v) for v in shares.values()) != 1:
            raise forms.ValidationError(_("Andelene må summere til 100 %."))
        return shares

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("type") == em.Nokkel.Type.FAST and not data.get("andeler"):
            self.add_error("andeler", _("Oppgi andelene når nøkkelen er faste andeler."))
        if (data.get("alder_til") or 0) < (data.get("alder_fra") or 0):
            self.add_error("alder_til", _("Alder til må være minst alder fra."))
        return data

    def faste_andeler(self) -> dict[str, str]:
        """The fixed shares (municipality to fraction), for ``services.save_key``."""
        return self.cleaned_data.get("andeler") or {}


class SettlementForm(Styled, forms.Form):
    periode = forms.CharField(label=_("Halvår"), max_length=10, help_text=_("For eksempel 2022H2."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def clean_periode(self) -> str:
        try:
            return str(HalfYear.parse(self.cleaned_data["periode"]))
        except SettlementError as exc:
            raise forms.ValidationError(str(exc)) from None


class PlacementForm(Styled, forms.ModelForm):
    kommunenummer = forms.ChoiceField(label=_("Kommune"))
    sak = forms.ModelChoiceField(label=_("Sak (journalnummer)"), queryset=None, required=False)

    class Meta:
        model = em.Plassering
        fields = [
            "kommunenummer",
            "sak",
            "tiltakstype",
            "start",
            "slutt",
            "foreldre",
            "barn",
            "opphold",
            "referanse",
        ]
        widgets = {"start": DateInput(), "slutt": DateInput()}
        help_texts = {"referanse": _("Fri tekst uten navn eller fødselsnummer, f.eks. «Plassering 3».")}

    def __init__(self, *args: Any, kommuner: list[tuple[str, str]], saker: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "kommunenummer").choices = kommuner
        if saker is None:
            del self.fields["sak"]
        else:
            model_choice_field(self, "sak").queryset = saker
            model_choice_field(self, "sak").label_from_instance = lambda s: s.journalnummer
        self._style()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("tiltakstype") == MeasureType.PARENT_CHILD_CENTRE and not data.get("opphold"):
            self.add_error("opphold", _("Oppgi om oppholdet på senteret er utredning eller behandling."))
        if data.get("foreldre") not in (None, 1, 2):
            self.add_error("foreldre", _("Antall foreldre i opphold må være 1 eller 2."))
        if data.get("barn") is not None and data["barn"] < 1:
            self.add_error("barn", _("Minst ett barn må være med i oppholdet."))
        if data.get("slutt") and data.get("start") and data["slutt"] < data["start"]:
            self.add_error("slutt", _("Sluttdatoen kan ikke være før startdatoen."))
        if data.get("opphold") and data["opphold"] not in {s.value for s in StayKind}:
            self.add_error("opphold", _("Ukjent oppholdstype."))
        return data


class RateForm(Styled, forms.ModelForm):
    belop = AmountField(label=_("Kroner per barn per måned"))

    class Meta:
        model = em.SatsOverstyring
        fields = ["ar", "tiltakstype", "niva", "belop", "kilde", "status"]
        help_texts = {"kilde": _("For eksempel «Rundskriv fra Bufdir, satser for 2027» med lenke.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class GrantForm(Styled, forms.ModelForm):
    belop = AmountField(label=_("Beløp"))
    reduksjon = AmountField(label=_("Reduksjon"), required=False)

    class Meta:
        model = em.Statstilskudd
        fields = ["ar", "tekst", "stillinger", "belop", "reduksjon"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def clean_reduksjon(self) -> Decimal:
        return self.cleaned_data.get("reduksjon") or Decimal("0.00")


class CompensationForm(Styled, forms.ModelForm):
    """The reform compensation of a year: one member's own amount or all members' together."""

    belop = AmountField(label=_("Kompensasjon (kroner)"))

    class Meta:
        model = em.Reformkompensasjon
        fields = ["ar", "kommunenummer", "belop", "kilde", "status", "merknad"]
        help_texts = {
            "kilde": _(
                "For eksempel statsbudsjettets tabell over rammetilskuddet («Grønt hefte») med lenke."
            ),
        }

    def __init__(self, *args: Any, kommuner: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kommunenummer"] = forms.ChoiceField(
            label=_("Gjelder"),
            choices=[("", _("Alle medlemskommunene samlet"))] + (kommuner or []),
            required=False,
        )
        self._style()

    def clean_ar(self) -> int:
        year = self.cleaned_data["ar"]
        if year < 2022:
            raise forms.ValidationError(_("Barnevernsreformen trådte i kraft 1.1.2022."))
        return year


class CompensationBasisForm(Styled, forms.ModelForm):
    """One member's weights for splitting a joint compensation."""

    faktisk_bruk_2020 = AmountField(label=_("Egenbetaling til staten i 2020 (kroner)"))

    class Meta:
        model = em.Kompensasjonsgrunnlag
        fields = ["ar", "kommunenummer", "faktisk_bruk_2020", "kostnadsnokkel", "kilde"]
        help_texts = {
            "kostnadsnokkel": _(
                "Kommunens vekt i delkostnadsnøkkelen for barnevern (andel eller indeks × innbyggere)."
            ),
        }

    def __init__(self, *args: Any, kommuner: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kommunenummer"] = forms.ChoiceField(label=_("Kommune"), choices=kommuner or [])
        self._style()
