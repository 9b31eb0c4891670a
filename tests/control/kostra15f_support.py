"""Small 15F documents for the rule tables (synthetic Test-Norge numbers only)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import quoteattr

from barnevern.control.base import Finding, Severity
from barnevern.control.kostra15f import check_15f
from barnevern.rules.identity import synthetic_duf, synthetic_fnr
from tests.paths import ssb

YEAR = 2020
REGION = "340100"


def examples_dir() -> Path:
    return ssb("examples", "kostra-15f")


def fnr(born: date, serial: int = 0, sex: str = "1") -> str:
    """A synthetic Test-Norge fødselsnummer (month + 80)."""
    return synthetic_fnr(born, serial, sex)


FNR = fnr(date(2010, 5, 17))  # 10 years old in 2020
DUF = synthetic_duf(1)


def el(tag: str, body: str = "", **attrs: str | None) -> str:
    """An element; attributes given as None are left out."""
    text = "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items() if v is not None)
    return f"<{tag}{text}>{body}</{tag}>" if body else f"<{tag}{text}/>"


def individ(body: str = "", **attrs: str | None) -> str:
    values: dict[str, str | None] = {
        "Id": "I1",
        "StartDato": "2020-01-01",
        "Journalnummer": "J1",
        "Saksbehandler": "Sara",
        "Avslutta3112": "2",
        "Fodselsnummer": FNR,
    }
    values.update(attrs)
    return el("Individ", body, **values)


def melding(body: str | None = None, **attrs: str | None) -> str:
    values: dict[str, str | None] = {"Id": "M1", "StartDato": "2020-01-10"}
    values.update(attrs)
    if body is None:
        body = el("Melder", Kode="1") + el("Saksinnhold", Kode="1")
    return el("Melding", body, **values)


def undersokelse(body: str = "", **attrs: str | None) -> str:
    values: dict[str, str | None] = {"Id": "U1", "StartDato": "2020-01-12"}
    values.update(attrs)
    return melding(el("Melder", Kode="1") + el("Saksinnhold", Kode="1") + el("Undersokelse", body, **values))


def plan(**attrs: str | None) -> str:
    values: dict[str, str | None] = {"Id": "P1", "StartDato": "2020-02-01", "Plantype": "1"}
    values.update(attrs)
    return el("Plan", **values)


def lov(tag: str = "Lovhjemmel", **attrs: str | None) -> str:
    values: dict[str, str | None] = {"Lov": "BVL", "Kapittel": "4", "Paragraf": "4"}
    values.update(attrs)
    return el(tag, **values)


def tiltak(
    kategori: str = "3.1",
    lovhjemmel: str | None = None,
    extra: str = "",
    presisering: str | None = None,
    **attrs: str | None,
) -> str:
    values: dict[str, str | None] = {"Id": "T1", "StartDato": "2020-02-01"}
    values.update(attrs)
    kat = el("Kategori", el("Presisering", presisering) if presisering else "", Kode=kategori)
    body = (lovhjemmel or lov()) + kat + extra
    return el("Tiltak", body, **values)


def flytting(**attrs: str | None) -> str:
    values: dict[str, str | None] = {"Id": "F1", "SluttDato": "2020-03-01"}
    values.update(attrs)
    return el("Flytting", el("ArsakFra", Kode="1.1.1") + el("FlyttingTil", Kode="1"), **values)


def document(*individer: str, **avgiver: str | None) -> bytes:
    values: dict[str, str | None] = {
        "Organisasjonsnummer": "944117784",
        "Versjon": str(YEAR),
        "Kommunenummer": "3401",
        "Kommunenavn": "Kongsvinger",
    }
    values.update(avgiver)
    body = el("Avgiver", **values) + "".join(individer)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<Barnevern>{body}</Barnevern>'.encode()


def run(
    data: bytes, *, year: int = YEAR, region: str | None = REGION, inactive: bool = False
) -> list[Finding]:
    return check_15f(data, "test.xml", year=year, region=region, include_inactive=inactive)


def hits(rule_id: str, *individer: str, **kwargs: object) -> list[Finding]:
    """Findings of one rule for a document holding ``individer``."""
    return [f for f in run(document(*individer), **kwargs) if f.rule == rule_id]  # type: ignore[arg-type]


def worst(findings: list[Finding]) -> Severity | None:
    return max((f.severity for f in findings), default=None)
