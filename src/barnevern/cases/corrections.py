"""Correcting stored BVR elements as BVR does it: a new version, or an annulment («Slettet»).

* **A new version** keeps the element's Id (BVR identifies elements by Id; the next delivery
  carries the corrected values), raises its ``versjon`` (optimistic locking: a stale form is
  refused, nothing is overwritten) and stores a ``Korreksjon`` row with the fields before and
  after and the reason.
* **An annulment** (a wrong registration) marks the element ``er_slettet`` — it stays in the
  export with ``ErSlettet="true"`` — and adds a ``Slettet`` row (Id, Type, SluttDato), which is
  how BVR is told about deletions (versjonsinfo 3.0: «Brukes for å informere om sletting av
  elementer på grunn av for eksempel feilregistrering»). An element another live element was
  made from (a vedtak with its tiltak, a melding with its undersøkelse) is annulled only after
  those.

Every correction needs a reason, writes an audit row and drops the case's derived figures
(``signals.changed``). Only the leder sees the history on the case page.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model

from barnevern.audit.services import log
from barnevern.cases import models as m
from barnevern.cases.services import CaseError, ConflictError, check_code, check_melding, lovhjemmel_json
from barnevern.cases.signals import changed
from barnevern.locking import update_if_unchanged
from barnevern.rules.labels import display, hjemmel_label

# BVR BegrepsType of each element model that can be corrected here.
TYPES: dict[type[Model], str] = {
    m.Melding: "Melding",
    m.Undersokelse: "Undersokelse",
    m.Plan: "Plan",
    m.Tiltak: "Tiltak",
    m.Vedtak: "Vedtak",
    m.Ettervern: "Ettervern",
    m.OversendelseFylkesnemnd: "OversendelseFylkesnemnd",
    m.Flytting: "Flytting",
}
MODELS: dict[str, type[Model]] = {name: model for model, name in TYPES.items()}
NAMES = {
    "Melding": "melding",
    "Undersokelse": "undersøkelse",
    "Plan": "plan",
    "Tiltak": "tiltak",
    "Vedtak": "vedtak",
    "Ettervern": "ettervern",
    "OversendelseFylkesnemnd": "oversendelse til nemnda",
    "Flytting": "flytting",
}
_SKIP = {"id", "sak", "opprettet", "endret", "versjon", "migrert_id"}


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value


def snapshot(obj: Model) -> dict[str, Any]:
    """The element's own fields as JSON-ready values (what a correction compares and keeps)."""
    return {f.name: _plain(getattr(obj, f.attname)) for f in obj._meta.concrete_fields if f.name not in _SKIP}


def _reason(begrunnelse: str) -> str:
    text = (begrunnelse or "").strip()
    if len(text) < 5:
        raise CaseError("Skriv hvorfor elementet rettes (minst fem tegn).", "begrunnelse")
    return text


def _element_type(obj: Model) -> str:
    try:
        return TYPES[type(obj)]
    except KeyError:
        raise CaseError("Denne typen kan ikke rettes her.", "") from None


@transaction.atomic
def new_version(
    obj: Model,
    changes: dict[str, Any],
    *,
    begrunnelse: str,
    versjon: int | None,
    by: Any,
    now: datetime,
    follows: str = "",
) -> m.Korreksjon:
    """Store ``changes`` as the element's new version, with the history row and an audit row."""
    reason = _reason(begrunnelse)
    kind = _element_type(obj)
    if obj.er_slettet:
        raise CaseError(f"{NAMES[kind].capitalize()} er annullert og kan ikke rettes.", "")
    before = snapshot(obj)
    for name, value in changes.items():
        setattr(obj, name, value)
    after = snapshot(obj)
    changed_fields = sorted(k for k in after if after[k] != before.get(k))
    if not changed_fields:
        raise CaseError("Ingenting er endret. Endre minst ett felt, eller avbryt.", "")
    # One UPDATE of the fields and the version, refused when someone saved first; a follow-up
    # change (a tiltak following its vedtak) has no form version and steps the one it read.
    update_if_unchanged(obj, versjon if versjon is not None else obj.versjon, ConflictError, **changes)
    row = m.Korreksjon.objects.create(
        sak_id=obj.sak_id,
        element_type=kind,
        element_id=str(obj.pk),
        handling=m.Korreksjon.Handling.ENDRET,
        begrunnelse=reason if not follows else f"{reason} ({follows})",
        for_data={k: before.get(k) for k in changed_fields},
        etter_data={k: after[k] for k in changed_fields},
        versjon=obj.versjon,
        av=by if getattr(by, "pk", None) else None,
        tidspunkt=now,
    )
    log(
        "update",
        f"Rettet {NAMES[kind]} (ny versjon {obj.versjon})",
        sak_id=obj.sak_id,
        obj=obj,
        data={"begrunnelse": row.begrunnelse, "felt": changed_fields},
    )
    changed([obj.sak_id])
    return row


def _live_dependents(obj: Model) -> list[str]:
    """Live elements made from ``obj`` (Relasjon from it), as «tiltak 03.11.2026»."""
    found = []
    for rel in m.Relasjon.objects.filter(sak_id=obj.sak_id, fra_id=str(obj.pk), er_slettet=False):
        model = MODELS.get(rel.til_type)
        target = model.objects.filter(pk=rel.til_id, er_slettet=False).first() if model else None
        if target is not None:
            day = getattr(target, "start_dato", None) or getattr(target, "slutt_dato", None)
            found.append(f"{NAMES[rel.til_type]} {day:%d.%m.%Y}" if day else NAMES[rel.til_type])
    return found


@transaction.atomic
def annul(
    obj: Model, *, begrunnelse: str, versjon: int | None, by: Any, now: datetime, today: date
) -> m.Korreksjon:
    """Annul a wrongly registered element: ``ErSlettet`` plus a ``Slettet`` row (BVR)."""
    reason = _reason(begrunnelse)
    kind = _element_type(obj)
    if obj.er_slettet:
        raise CaseError(f"{NAMES[kind].capitalize()} er allerede annullert.", "")
    dependents = _live_dependents(obj)
    if dependents:
        raise CaseError(
            f"{NAMES[kind].capitalize()} har elementer som bygger på det ({', '.join(dependents)}). "
            "Annuller eller rett dem først.",
            "",
        )
    before = snapshot(obj)
    update_if_unchanged(obj, versjon if versjon is not None else obj.versjon, ConflictError, er_slettet=True)
    m.Slettet.objects.get_or_create(
        sak_id=obj.sak_id, element_id=str(obj.pk), type=kind, defaults={"slutt_dato": today}
    )
    row = m.Korreksjon.objects.create(
        sak_id=obj.sak_id,
        element_type=kind,
        element_id=str(obj.pk),
        handling=m.Korreksjon.Handling.SLETTET,
        begrunnelse=reason,
        for_data=before,
        etter_data={"er_slettet": True},
        versjon=obj.versjon,
        av=by if getattr(by, "pk", None) else None,
        tidspunkt=now,
    )
    log("delete", f"Annullerte {NAMES[kind]}", sak_id=obj.sak_id, obj=obj, data={"begrunnelse": reason})
    changed([obj.sak_id])
    return row


# ---- the corrections a form offers, per element ----------------------------------------------


def correct_vedtak(
    vedtak: m.Vedtak,
    *,
    dato: date,
    hjemmel: str,
    begrunnelse: str,
    versjon: int | None,
    by: Any,
    now: datetime,
    today: date,
) -> m.Korreksjon:
    """A new version of a vedtak (date, legal basis); its tiltak follow the new legal basis
    (SSB's Tiltak K21: a tiltak has the legal basis of the vedtak it carries out)."""
    if dato > today:
        raise CaseError("Vedtaksdatoen kan ikke være frem i tid.", "dato")
    sak = vedtak.sak
    if dato < sak.start_dato:
        raise CaseError("Vedtaksdatoen kan ikke være før saken startet.", "dato")
    lov = lovhjemmel_json(hjemmel, dato)
    tiltak = _tiltak_of(vedtak)
    early = [t for t in tiltak if t.start_dato < dato]
    if early:
        raise CaseError(
            f"Et tiltak etter vedtaket startet {early[0].start_dato:%d.%m.%Y}, før den nye datoen.", "dato"
        )
    status = list(vedtak.status or [])
    if status and status[0].get("endret_dato") == vedtak.start_dato.isoformat():
        status[0] = {**status[0], "endret_dato": dato.isoformat()}
    row = new_version(
        vedtak,
        {"start_dato": dato, "lovhjemmel": lov, "status": status},
        begrunnelse=begrunnelse,
        versjon=versjon,
        by=by,
        now=now,
    )
    for t in tiltak:
        if t.lovhjemmel != lov:
            new_version(
                t,
                {"lovhjemmel": lov},
                begrunnelse=begrunnelse,
                versjon=None,
                by=by,
                now=now,
                follows=f"følger vedtaket, ny hjemmel {hjemmel_label(_Lov(lov))}",
            )
    return row


class _Lov:
    def __init__(self, data: dict[str, Any]) -> None:
        self.lov, self.kapittel, self.paragraf = data["lov"], data["kapittel"], data["paragraf"]
        self.ledd, self.bokstav = tuple(data.get("ledd") or ()), tuple(data.get("bokstav") or ())


def _tiltak_of(vedtak: m.Vedtak) -> list[m.Tiltak]:
    ids = m.Relasjon.objects.filter(
        sak_id=vedtak.sak_id, fra_id=str(vedtak.pk), til_type="Tiltak", er_slettet=False
    ).values_list("til_id", flat=True)
    return list(m.Tiltak.objects.filter(pk__in=list(ids), er_slettet=False))


def correct_melding(
    melding: m.Melding,
    *,
    mottatt: date,
    melder: Sequence[tuple[str, str]],
    saksinnhold: Sequence[tuple[str, str]],
    begrunnelse: str,
    versjon: int | None,
    by: Any,
    now: datetime,
    today: date,
) -> m.Korreksjon:
    check_melding(mottatt=mottatt, melder=melder, saksinnhold=saksinnhold, today=today)
    if melding.konklusjon_dato and mottatt > melding.konklusjon_dato:
        raise CaseError("Mottaksdatoen kan ikke være etter at meldingen ble konkludert.", "mottatt")
    return new_version(
        melding,
        {
            "start_dato": mottatt,
            "melder": [{"kode": k, "presisering": p or None} for k, p in melder],
            "saksinnhold": [{"kode": k, "presisering": p or None} for k, p in saksinnhold],
        },
        begrunnelse=begrunnelse,
        versjon=versjon,
        by=by,
        now=now,
    )


def correct_tiltak(
    tiltak: m.Tiltak,
    *,
    dato: date,
    kategori: str,
    presisering: str,
    begrunnelse: str,
    versjon: int | None,
    by: Any,
    now: datetime,
    today: date,
) -> m.Korreksjon:
    if dato > today:
        raise CaseError("Iverksettingsdatoen kan ikke være frem i tid.", "dato")
    if tiltak.slutt_dato and dato > tiltak.slutt_dato:
        raise CaseError("Iverksettingsdatoen kan ikke være etter at tiltaket ble avsluttet.", "dato")
    vedtak_ids = m.Relasjon.objects.filter(
        sak_id=tiltak.sak_id, til_id=str(tiltak.pk), fra_type="Vedtak", er_slettet=False
    ).values_list("fra_id", flat=True)
    vedtak = m.Vedtak.objects.filter(pk__in=list(vedtak_ids), er_slettet=False).first()
    if vedtak is not None and dato < vedtak.start_dato:
        raise CaseError("Tiltaket kan ikke iverksettes før vedtaket er fattet.", "dato")
    check_code("kategori", "kategori", kategori, dato, presisering)
    return new_version(
        tiltak,
        {"start_dato": dato, "kategori_kode": kategori, "kategori_presisering": presisering},
        begrunnelse=begrunnelse,
        versjon=versjon,
        by=by,
        now=now,
    )


def correct_plan(
    plan: m.Plan,
    *,
    dato: date,
    plantype: str,
    begrunnelse: str,
    versjon: int | None,
    by: Any,
    now: datetime,
    today: date,
) -> m.Korreksjon:
    if dato > today:
        raise CaseError("Plandatoen kan ikke være frem i tid.", "dato")
    if plan.evalueringer and dato.isoformat() > min(plan.evalueringer):
        raise CaseError("Planen kan ikke være laget etter sin første evaluering.", "dato")
    check_code("plantype", "plantype", plantype, dato)
    return new_version(
        plan,
        {"start_dato": dato, "plantype": plantype},
        begrunnelse=begrunnelse,
        versjon=versjon,
        by=by,
        now=now,
    )


def describe(row: m.Korreksjon) -> list[str]:
    """What changed, in words: «Hjemmel: bvl. § 99-1 → bvl. § 3-1»."""
    lines = []
    for field in sorted(set(row.for_data) | set(row.etter_data)):
        if row.handling == m.Korreksjon.Handling.SLETTET:
            break
        before, after = row.for_data.get(field), row.etter_data.get(field)
        lines.append(f"{_FIELD.get(field, field)}: {_show(field, before)} → {_show(field, after)}")
    return lines


_FIELD = {
    "start_dato": "Dato",
    "lovhjemmel": "Hjemmel",
    "kategori_kode": "Kategori",
    "kategori_presisering": "Presisering",
    "plantype": "Plantype",
    "melder": "Melder",
    "saksinnhold": "Saksinnhold",
    "status": "Status",
}


def _show(field: str, value: Any) -> str:
    if value in (None, "", [], {}):
        return "–"
    if field == "lovhjemmel" and isinstance(value, dict):
        return hjemmel_label(_Lov(value))
    if field == "start_dato" and isinstance(value, str):
        return date.fromisoformat(value).strftime("%d.%m.%Y")
    if field in {"melder", "saksinnhold"} and isinstance(value, list):
        return ", ".join(display(field, item.get("kode")) for item in value)
    if field == "kategori_kode":
        return display("kategori", value)
    if field == "plantype":
        return display("plantype", value)
    if field == "status" and isinstance(value, list):
        return ", ".join(display("vedtak_status", s.get("kode")) for s in value)
    return str(value)
