from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Engangskode (6 siffer)"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Koden må være seks siffer.")},
        widget=forms.TextInput(
            attrs={"class": "ds-input", "autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrunnelse for nødtilgang"),
        min_length=15,
        widget=forms.Textarea(attrs={"class": "ds-input", "rows": 3}),
        help_text=_("Skriv hvorfor du trenger tilgang nå. Begrunnelsen logges og gjennomgås av leder."),
        error_messages={"min_length": _("Skriv en begrunnelse på minst 15 tegn.")},
    )
