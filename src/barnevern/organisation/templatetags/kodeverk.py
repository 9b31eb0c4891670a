"""Template filters for codes, legal bases and municipalities on pages.

``{% load kodeverk %}`` then:

* ``{{ kode|kode:"kategori" }}`` → «Beredskapshjem» (short display label);
* ``{{ kode|kode_nr:"kategori" }}`` → «2.5 Beredskapshjem»;
* ``{{ kode|kode_ssb:"kategori" }}`` → SSB's own title (exports, control reports);
* ``{{ tiltak.lovhjemmel|hjemmel }}`` → «bvl. § 4-2», «bvl. 1992 § 4-6 annet ledd»;
* ``{{ "3428"|kommune }}`` → «3428 Alvdal» (name from the municipality register).

The labels live in ``barnevern.rules.labels`` (no Django); this module only adds the
municipality names from ``organisation.Kommune``. The names are read once per request (the
cache is emptied when a request starts and when a municipality is saved or deleted).
"""

from __future__ import annotations

from django import template
from django.core.signals import request_started
from django.db.models.signals import post_delete, post_save

from barnevern.organisation.models import Kommune
from barnevern.rules import labels

register = template.Library()

_names: dict[str, str] | None = None


def _clear(**_kwargs: object) -> None:
    global _names
    _names = None


request_started.connect(_clear, dispatch_uid="kodeverk-clear-request")
post_save.connect(_clear, sender=Kommune, dispatch_uid="kodeverk-clear-save")
post_delete.connect(_clear, sender=Kommune, dispatch_uid="kodeverk-clear-delete")


def kommune_navn(nummer: str) -> str | None:
    """The name of municipality ``nummer`` (the latest registered), or ``None``."""
    global _names
    if _names is None:
        rows = Kommune.objects.order_by("nummer", "gyldig_fra").values_list("nummer", "navn")
        _names = dict(rows)  # later gyldig_fra wins
    return _names.get(str(nummer).strip())


@register.filter
def kode(code: object, list_key: str) -> str:
    return labels.display(list_key, None if code is None else str(code))


@register.filter
def kode_nr(code: object, list_key: str) -> str:
    return labels.display_with_code(list_key, None if code is None else str(code))


@register.filter
def kode_ssb(code: object, list_key: str) -> str:
    return labels.ssb_label(list_key, None if code is None else str(code))


@register.filter
def hjemmel(lovhjemmel: object) -> str:
    return labels.hjemmel_label(lovhjemmel) if lovhjemmel is not None else ""


@register.filter
def kommune(nummer: object) -> str:
    if nummer is None or str(nummer).strip() == "":
        return ""
    text = str(nummer).strip()
    return labels.kommune_label(text, kommune_navn(text))
