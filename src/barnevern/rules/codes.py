"""SSB's BVR v4 code lists with their validity dates.

Source: ``Kodelister.md`` of statisticsnorway/barn-barnevern-xsd (schema 4.0.1), as the
derived JSON shipped in ``data/bvr_v4_kodelister.json`` (never retyped by hand). The XSD
accepts expired codes, so validity on the element's date is enforced here.

Lists are named by a short key (``LISTS``) that the models, forms, readers and rules share.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

# short key -> (name in the JSON, path in the JSON); lists sharing one table use "sameAs"
_LIST_PATHS: dict[str, str] = {
    "melder": "/Barnevern/Sak/Melding/Melder/@Kode",
    "saksinnhold": "/Barnevern/Sak/Melding/Saksinnhold/@Kode",
    "melding_konklusjon": "/Barnevern/Sak/Melding/Konklusjon/@Kode",
    "medvirkning": "/Barnevern/Sak/Undersokelse/BarnetsMedvirkning/MedvirkningType",
    "utvidet_frist": "/Barnevern/Sak/Undersokelse/UtvidetFrist/@Innvilget",
    "undersokelse_konklusjon": "/Barnevern/Sak/Undersokelse/Konklusjon/@Kode",
    "plantype": "/Barnevern/Sak/Plan/@Plantype",
    "kategori": "/Barnevern/Sak/Tiltak/Kategori/@Kode",
    "opphevelse": "/Barnevern/Sak/Tiltak/Opphevelse/@Kode",
    "vedtak_status": "/Barnevern/Sak/Vedtak/Status/@Kode",
    "krav_konklusjon": "/Barnevern/Sak/Vedtak/Krav/Konklusjon/@Kode",
    "ettervern_konklusjon": "/Barnevern/Sak/Ettervern/Konklusjon/@Kode",
    "arsak_fra": "/Barnevern/Sak/Flytting/ArsakFra/@Kode",
    "flytting_til": "/Barnevern/Sak/Flytting/FlyttingTil/@Kode",
    "kjonn": "/Barnevern/Sak/Personalia/@Kjonn",
    "lov": "//Lovhjemmel/Lov and //JmfrLovhjemmel/Lov",
    "tilsyn_hyppighet": "/Barnevern/Sak/Tiltak/Tilsyn/Hyppighet/@Kode",
    "oppfolging_hyppighet": "/Barnevern/Sak/Tiltak/Oppfolging/Hyppighet/@Kode",
    "begrepstype": "/Barnevern/Sak/Relasjon/@FraType, @TilType; /Barnevern/Sak/Slettet/@Type",
}
# Vedtaksgrunnlag and Tiltaksgrunnlag use the Saksinnhold table ("sameAs" in the JSON).
ALIASES = {"vedtaksgrunnlag": "saksinnhold", "tiltaksgrunnlag": "saksinnhold"}

# Tiltak categories that are placements (plasseringstiltak) by both SSB rule specs.
# Whether the 2026 codes 8.4/8.5 (split of 8.2) are placements is not stated upstream.
PLASSERINGSTILTAK = frozenset({"1.1", "1.2", "1.99", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.99", "8.2"})


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    title: str
    valid_from: date | None
    valid_to: date | None
    requires_presisering: bool = False
    group: str | None = None

    def valid_on(self, day: date) -> bool:
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}"


class UnknownCodeList(KeyError):
    pass


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@cache
def _load() -> dict[str, tuple[Code, ...]]:
    raw = json.loads(
        resources.files("barnevern.rules").joinpath("data/bvr_v4_kodelister.json").read_text("utf-8")
    )
    by_path = {entry["path"]: entry for entry in raw["lists"] + raw["extraFromXsd"]}
    lists: dict[str, tuple[Code, ...]] = {}
    for key, path in _LIST_PATHS.items():
        entry = by_path[path]
        lists[key] = tuple(
            Code(
                code=item["code"],
                title=item["title"],
                valid_from=_d(item.get("validFrom")),
                valid_to=_d(item.get("validTo")),
                requires_presisering=bool(item.get("requiresPresisering")),
                group=item.get("group"),
            )
            for item in entry["items"]
        )
    return lists


def codes(list_key: str) -> tuple[Code, ...]:
    """All codes of a list (including expired ones), in the source's order."""
    key = ALIASES.get(list_key, list_key)
    try:
        return _load()[key]
    except KeyError:
        raise UnknownCodeList(list_key) from None


def lookup(list_key: str, code: str) -> Code | None:
    return next((c for c in codes(list_key) if c.code == code), None)


def valid_codes(list_key: str, on: date) -> tuple[Code, ...]:
    """Codes of a list valid on ``on`` (for form choices)."""
    return tuple(c for c in codes(list_key) if c.valid_on(on))


def check_code(list_key: str, code: str, on: date) -> str | None:
    """None when ``code`` is in the list and valid on ``on``; otherwise a Norwegian message."""
    found = lookup(list_key, code)
    if found is None:
        return f"Koden «{code}» finnes ikke i kodelisten."
    if not found.valid_on(on):
        span = f"{found.valid_from or ''}–{found.valid_to or ''}"
        return f"Koden «{code} {found.title}» er ikke gyldig på datoen {on.isoformat()} (gyldig {span})."
    return None


def requires_presisering(list_key: str, code: str) -> bool:
    found = lookup(list_key, code)
    return bool(found and found.requires_presisering)


def title(list_key: str, code: str | None) -> str:
    if code is None:
        return ""
    found = lookup(list_key, code)
    return found.title if found else code
