"""Small builders for BVR records in rule tests (synthetic data only).

Every builder takes the fields a test cares about as keywords and fills the rest with a
valid default, so a default ``delivery()`` passes every BVR rule. Ids are deterministic
UUIDs from a counter.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from barnevern.control.base import REGISTRY, Finding
from barnevern.control.bvr import check_bvr
from barnevern.control.bvr.context import BvrContext
from barnevern.records import (
    Avgiver,
    Delivery,
    Ettervern,
    Fagsystem,
    Flytting,
    KodeMedPresisering,
    Konklusjon,
    Lovhjemmel,
    Melding,
    OversendelseFylkesnemnd,
    Personalia,
    Plan,
    Relasjon,
    SakRecord,
    Tiltak,
    Undersokelse,
    Vedtak,
    VedtakStatus,
)
from barnevern.rules.identity import synthetic_fnr

_counter = itertools.count(1)
UTTREKK = datetime(2026, 6, 30, 2, 0, tzinfo=UTC)
BORN = date(2015, 3, 15)
FNR = synthetic_fnr(BORN, 0, "2")  # synthetic Test-Norge number (month + 80), a girl


def uid() -> str:
    return str(uuid.UUID(int=next(_counter), version=4))


def d(text: str) -> date:
    return date.fromisoformat(text)


def kode(code: str, presisering: str | None = None) -> KodeMedPresisering:
    return KodeMedPresisering(code, presisering)


def konklusjon(slutt: str, code: str | None = None, presisering: str | None = None) -> Konklusjon:
    return Konklusjon(d(slutt), code, presisering)


def lov(lov: str = "BVL2021", kapittel: str = "3", paragraf: str = "1", **kw: Any) -> Lovhjemmel:
    return Lovhjemmel(lov, kapittel, paragraf, **kw)


def personalia(**kw: Any) -> Personalia:
    values: dict[str, Any] = {
        "id": uid(),
        "start_dato": d("2026-01-05"),
        "fodselsnummer": FNR,
        "fodseldato": BORN,
        "kjonn": "2",
    }
    values.update(kw)
    return Personalia(**values)


def melding(**kw: Any) -> Melding:
    values: dict[str, Any] = {
        "id": uid(),
        "start_dato": d("2026-01-05"),
        "melder": (kode("11"),),
        "saksinnhold": (kode("2.2.01"),),
        "konklusjon": konklusjon("2026-01-09", "2"),
    }
    values.update(kw)
    return Melding(**values)


def undersokelse(**kw: Any) -> Undersokelse:
    values: dict[str, Any] = {
        "id": uid(),
        "start_dato": d("2026-01-09"),
        "vedtaksgrunnlag": (kode("2.2.01"),),
        "konklusjon": konklusjon("2026-03-01", "3"),
    }
    values.update(kw)
    return Undersokelse(**values)


def plan(**kw: Any) -> Plan:
    values: dict[str, Any] = {"id": uid(), "start_dato": d("2026-04-15"), "plantype": "1"}
    values.update(kw)
    return Plan(**values)


def tiltak(**kw: Any) -> Tiltak:
    values: dict[str, Any] = {
        "id": uid(),
        "start_dato": d("2026-04-10"),
        "lovhjemmel": lov(),
        "kategori": kode("4.6"),
    }
    values.update(kw)
    return Tiltak(**values)


def status(code: str = "1", endret: str = "2026-04-05") -> VedtakStatus:
    return VedtakStatus(uid(), d(endret), code)


def vedtak(**kw: Any) -> Vedtak:
    values: dict[str, Any] = {
        "id": uid(),
        "start_dato": d("2026-04-05"),
        "lovhjemmel": lov(),
        "status": (status(),),
    }
    values.update(kw)
    return Vedtak(**values)


def ettervern(**kw: Any) -> Ettervern:
    values: dict[str, Any] = {"id": uid(), "tilbud_sendt_dato": d("2026-02-01")}
    values.update(kw)
    return Ettervern(**values)


def oversendelse(**kw: Any) -> OversendelseFylkesnemnd:
    values: dict[str, Any] = {"id": uid(), "start_dato": d("2026-02-01"), "lovhjemmel": lov()}
    values.update(kw)
    return OversendelseFylkesnemnd(**values)


def flytting(**kw: Any) -> Flytting:
    values: dict[str, Any] = {
        "id": uid(),
        "slutt_dato": d("2026-03-01"),
        "arsak_fra": kode("2.1"),
        "flytting_til": kode("6"),
    }
    values.update(kw)
    return Flytting(**values)


def relasjon(fra: Any, til: Any) -> Relasjon:
    """A Relasjon from one record to another (types from the record classes)."""
    return Relasjon(uid(), fra.id, _type(fra), til.id, _type(til))


def _type(record: Any) -> str:
    return type(record).__name__  # record class names are the BegrepsType names


def sak(**kw: Any) -> SakRecord:
    """A Sak with one Personalia and a concluded Melding (passes every rule)."""
    values: dict[str, Any] = {
        "id": uid(),
        "start_dato": d("2026-01-05"),
        "journalnummer": "2026-000123",
        "personalia": (personalia(),),
        "meldinger": (melding(konklusjon=konklusjon("2026-01-09", "3")),),
    }
    values.update(kw)
    return SakRecord(**values)


def delivery(sak_record: SakRecord | None = None, **kw: Any) -> Delivery:
    values: dict[str, Any] = {
        "avgiver": Avgiver("999999999", "9999", "Eksempel kommune"),
        "sak": sak_record if sak_record is not None else sak(),
        "id": uid(),
        "dato_uttrekk": UTTREKK,
        "fagsystem": Fagsystem("Eksempel AS", "Eksempelsystem", "1.0"),
    }
    values.update(kw)
    return Delivery(**values)


def with_sak(**kw: Any) -> Delivery:
    """A delivery whose Sak has the given fields (others default)."""
    return delivery(sak(**kw))


def run(rule_id: str, target: Delivery | SakRecord, **ctx_kw: Any) -> list[Finding]:
    """Findings of one registered BVR rule on a delivery (or a Sak wrapped in one)."""
    dlv = target if isinstance(target, Delivery) else delivery(target)
    info = next(r for r in REGISTRY.rules("bvr") if r.id == rule_id)
    return list(info.check(BvrContext.build(dlv, file="test.xml", **ctx_kw)))


def all_findings(target: Delivery | SakRecord, **kw: Any) -> list[Finding]:
    dlv = target if isinstance(target, Delivery) else delivery(target)
    return check_bvr(dlv, file="test.xml", **kw)


__all__ = [
    "BORN",
    "FNR",
    "UTTREKK",
    "all_findings",
    "d",
    "delivery",
    "ettervern",
    "flytting",
    "kode",
    "konklusjon",
    "lov",
    "melding",
    "oversendelse",
    "personalia",
    "plan",
    "relasjon",
    "replace",
    "run",
    "sak",
    "status",
    "tiltak",
    "undersokelse",
    "vedtak",
    "uid",
    "with_sak",
]
