"""Use cases that change the case register. Each owns its transaction and writes audit rows.

Views, the importer and the demo loader call these; nothing else writes case rows.
Invalid input raises ``CaseError`` with a Norwegian message naming the field; a stale
edit raises ``ConflictError`` (optimistic locking on ``versjon``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Model

from barnevern.audit.services import log
from barnevern.cases import models as m
from barnevern.cases.mapping import record_rows
from barnevern.cases.queries import fold
from barnevern.cases.signals import changed
from barnevern.errors import UserError
from barnevern.locking import update_if_unchanged
from barnevern.organisation.models import Tjeneste
from barnevern.records import SakRecord
from barnevern.rules import codes, lovhjemler
from barnevern.rules.identity import InvalidIdentityNumber, parse_fodselsnummer, validate_duf
from barnevern.rules.labels import lovhjemmel_label


class CaseError(UserError):
    """Invalid input for a case change; ``field`` names the form field."""


class ConflictError(Exception):
    """Someone else saved the element after this user opened it."""

    message = (
        "Noen andre har endret dette siden du åpnet det. Ingenting ble lagret: "
        "last siden på nytt, se endringene og prøv igjen."
    )


def check_code(field: str, list_key: str, code: str, on: date, presisering: str | None = None) -> None:
    problem = codes.check_code(list_key, code, on)
    if problem:
        raise CaseError(problem, field)
    if codes.requires_presisering(list_key, code) and not (presisering or "").strip():
        raise CaseError(f"Koden «{codes.title(list_key, code)}» krever presisering.", field)


def bump_version(obj: Model, expected: int | None) -> None:
    """Optimistic lock: increase ``versjon`` only if it still is ``expected``."""
    if expected is None:
        return
    update_if_unchanged(obj, expected, ConflictError)


def _relasjon(sak: m.Sak, fra: Model, fra_type: str, til: Model, til_type: str) -> None:
    m.Relasjon.objects.create(
        sak=sak, fra_id=str(fra.pk), fra_type=fra_type, til_id=str(til.pk), til_type=til_type
    )


def next_journalnummer(tjeneste: Tjeneste, year: int) -> str:
    prefix = f"{year}-"
    existing = m.Sak.objects.filter(tjeneste=tjeneste, journalnummer__startswith=prefix).aggregate(
        Max("journalnummer")
    )["journalnummer__max"]
    number = int(existing.split("-")[1]) + 1 if existing and existing.split("-")[1].isdigit() else 1
    return f"{prefix}{number:04d}"


# ---- child and case -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChildData:
    fodselsnummer: str
    fornavn: str
    etternavn: str
    kjonn: str | None = None
    fodseldato: date | None = None
    duf_nummer: str = ""
    kommunenummer: str = ""


def _validated_child(child: ChildData, today: date) -> tuple[str, date, str]:
    try:
        ident = parse_fodselsnummer(child.fodselsnummer, today=today)
    except InvalidIdentityNumber as exc:
        raise CaseError(str(exc), "fodselsnummer") from None
    if child.duf_nummer:
        try:
            validate_duf(child.duf_nummer)
        except InvalidIdentityNumber as exc:
            raise CaseError(str(exc), "duf_nummer") from None
    birth = child.fodseldato or ident.birth_date
    if birth is None:
        raise CaseError("Fødselsdato må oppgis for dette nummeret.", "fodseldato")
    kjonn = child.kjonn or ("1" if int(ident.value[8]) % 2 else "2")
    return ident.value, birth, kjonn


def find_sak_for_child(tjeneste: Tjeneste, fodselsnummer: str) -> m.Sak | None:
    return (
        m.Sak.objects.filter(tjeneste=tjeneste, er_slettet=False, personalia__fodselsnummer=fodselsnummer)
        .order_by("-start_dato")
        .first()
    )


def existing_case(tjeneste: Tjeneste, fodselsnummer: str, today: date) -> m.Sak | None:
    """The service's case of the child with this identity number, if any (None for a number
    that does not parse: the form reports that when saving)."""
    try:
        ident = parse_fodselsnummer(fodselsnummer, today=today)
    except InvalidIdentityNumber:
        return None
    return find_sak_for_child(tjeneste, ident.value)


def name_differs(sak: m.Sak, child: ChildData) -> str:
    """A Norwegian note when the name on a new melding is not the name the case has (spelling,
    a new surname, or the wrong child): shown before the melding is saved."""
    given = f"{child.fornavn.strip()} {child.etternavn.strip()}".strip()
    known = sak.navn
    if not known or fold(" ".join(given.split())) == fold(" ".join(known.split())):
        return ""
    return (
        f"Navnet i meldingen («{given}») er ikke det samme som i saken («{known}»). "
        "Sjekk at det er riktig barn."
    )


@transaction.atomic
def register_melding(
    tjeneste: Tjeneste,
    child: ChildData,
    *,
    mottatt: date,
    melder: Sequence[tuple[str, str]],
    saksinnhold: Sequence[tuple[str, str]],
    today: date,
    saksbehandler: Any = None,
) -> m.Melding:
    """Register a melding; opens a new case for a child the service does not know yet."""
    check_melding(mottatt=mottatt, melder=melder, saksinnhold=saksinnhold, today=today)
    fnr, birth, kjonn = _validated_child(child, today)
    if child.kommunenummer and child.kommunenummer not in tjeneste.kommunenumre():
        raise CaseError("Kommunen er ikke medlem av tjenesten.", "kommunenummer")
    sak = find_sak_for_child(tjeneste, fnr)
    existed = sak is not None
    if sak is None:
        try:
            sak = new_sak(
                tjeneste,
                mottatt,
                fornavn=child.fornavn.strip(),
                etternavn=child.etternavn.strip(),
                saksbehandler=saksbehandler,
            )
        except IntegrityError:  # pragma: no cover - three concurrent registrations in the same second
            raise CaseError("Kunne ikke tildele journalnummer; prøv igjen.", "fodselsnummer") from None
        m.Personalia.objects.create(
            sak=sak,
            start_dato=mottatt,
            fodselsnummer=fnr,
            fodseldato=birth,
            kjonn=kjonn,
            duf_nummer=child.duf_nummer,
        )
        m.Bosted.objects.create(
            sak=sak, fra_dato=mottatt, kommunenummer=child.kommunenummer or tjeneste.vertskommune.nummer
        )
        log("create", f"Opprettet sak {sak.journalnummer}", sak_id=sak.pk, obj=sak)
    else:
        reopen(sak)
    melding = m.Melding.objects.create(
        sak=sak,
        start_dato=mottatt,
        melder=[{"kode": k, "presisering": p or None} for k, p in melder],
        saksinnhold=[{"kode": k, "presisering": p or None} for k, p in saksinnhold],
    )
    log("create", "Registrerte melding", sak_id=sak.pk, obj=melding, data={"mottatt": mottatt})
    if existed:
        changed([sak.pk])
    return melding


def new_sak(tjeneste: Tjeneste, mottatt: date, **fields: Any) -> m.Sak:
    """A new case with the next journal number of the year ``mottatt``; a number taken by a
    concurrent registration is retried (three tries, then the ``IntegrityError`` is raised)."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                return m.Sak.objects.create(
                    tjeneste=tjeneste,
                    journalnummer=next_journalnummer(tjeneste, mottatt.year),
                    start_dato=mottatt,
                    **fields,
                )
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def reopen(sak: m.Sak) -> None:
    """A new melding on a closed case opens it again."""
    if sak.slutt_dato is not None:
        sak.slutt_dato = None
        sak.avsluttet = False
        sak.save(update_fields=["slutt_dato", "avsluttet", "endret"])


def check_melding(
    *, mottatt: date, melder: Sequence[tuple[str, str]], saksinnhold: Sequence[tuple[str, str]], today: date
) -> None:
    """What a melding must hold, when it is registered and when it is corrected: a date not in the
    future, at least one melder and one saksinnhold, codes valid on the date received."""
    if mottatt > today:
        raise CaseError("Mottaksdatoen kan ikke være frem i tid.", "mottatt")
    if not melder:
        raise CaseError("Velg minst én melder.", "melder")
    if not saksinnhold:
        raise CaseError("Velg minst ett saksinnhold.", "saksinnhold")
    for kode, presisering in melder:
        check_code("melder", "melder", kode, mottatt, presisering)
    for kode, presisering in saksinnhold:
        check_code("saksinnhold", "saksinnhold", kode, mottatt, presisering)


@transaction.atomic
def conclude_melding(
    melding: m.Melding, *, dato: date, kode: str, versjon: int | None, today: date
) -> m.Undersokelse | None:
    """Conclude a melding. Code 2 (ikke henlagt) opens the undersøkelse on the same date."""
    if melding.konklusjon_dato:
        raise CaseError("Meldingen er allerede konkludert.", "kode")
    if dato < melding.start_dato:
        raise CaseError("Konklusjonsdatoen kan ikke være før mottaksdatoen.", "dato")
    if dato > today:
        raise CaseError("Konklusjonsdatoen kan ikke være frem i tid.", "dato")
    check_code("kode", "melding_konklusjon", kode, dato)
    bump_version(melding, versjon)
    m.Melding.objects.filter(pk=melding.pk).update(konklusjon_dato=dato, konklusjon_kode=kode)
    melding.konklusjon_dato, melding.konklusjon_kode = dato, kode
    log(
        "update",
        f"Konkluderte melding ({codes.title('melding_konklusjon', kode)})",
        sak_id=melding.sak_id,
        obj=melding,
    )
    changed([melding.sak_id])
    if kode != "2":
        return None
    undersokelse = m.Undersokelse.objects.create(sak_id=melding.sak_id, start_dato=dato)
    _relasjon(melding.sak, melding, "Melding", undersokelse, "Undersokelse")
    log("create", "Startet undersøkelse", sak_id=melding.sak_id, obj=undersokelse)
    return undersokelse


@transaction.atomic
def extend_undersokelse(
    undersokelse: m.Undersokelse, *, soknad_dato: date, innvilget: str, versjon: int | None
) -> None:
    """Record an application for extended deadline (bvl. § 2-2: up to 6 months in special cases)."""
    if soknad_dato < undersokelse.start_dato:
        raise CaseError("Søknadsdatoen kan ikke være før undersøkelsen startet.", "soknad_dato")
    check_code("innvilget", "utvidet_frist", innvilget, soknad_dato)
    bump_version(undersokelse, versjon)
    m.Undersokelse.objects.filter(pk=undersokelse.pk).update(
        utvidet_frist_dato=soknad_dato, utvidet_frist_innvilget=innvilget
    )
    log("update", "Registrerte utvidet frist", sak_id=undersokelse.sak_id, obj=undersokelse)
    changed([undersokelse.sak_id])


@transaction.atomic
def conclude_undersokelse(
    undersokelse: m.Undersokelse,
    *,
    dato: date,
    kode: str,
    vedtaksgrunnlag: Sequence[tuple[str, str]],
    presisering: str = "",
    versjon: int | None,
    today: date,
) -> None:
    if undersokelse.konklusjon_dato:
        raise CaseError("Undersøkelsen er allerede konkludert.", "kode")
    if dato < undersokelse.start_dato:
        raise CaseError("Konklusjonsdatoen kan ikke være før undersøkelsen startet.", "dato")
    if dato > today:
        raise CaseError("Konklusjonsdatoen kan ikke være frem i tid.", "dato")
    check_code("kode", "undersokelse_konklusjon", kode, dato, presisering)
    if kode in {"1", "2"} and not vedtaksgrunnlag:
        raise CaseError(
            "Velg vedtaksgrunnlag når undersøkelsen ender med vedtak eller begjæring.", "vedtaksgrunnlag"
        )
    for k, p in vedtaksgrunnlag:
        check_code("vedtaksgrunnlag", "vedtaksgrunnlag", k, dato, p)
    bump_version(undersokelse, versjon)
    m.Undersokelse.objects.filter(pk=undersokelse.pk).update(
        konklusjon_dato=dato,
        konklusjon_kode=kode,
        konklusjon_presisering=presisering,
        vedtaksgrunnlag=[{"kode": k, "presisering": p or None} for k, p in vedtaksgrunnlag],
    )
    log(
        "update",
        f"Konkluderte undersøkelse ({codes.title('undersokelse_konklusjon', kode)})",
        sak_id=undersokelse.sak_id,
        obj=undersokelse,
    )
    changed([undersokelse.sak_id])


def law_for(day: date) -> str:
    """BVL (1992) before 2023-01-01, BVL2021 from then."""
    return "BVL2021" if day >= date(2023, 1, 1) else "BVL"


def lovhjemmel_json(key: str, day: date, use: str = "vedtak", field: str = "hjemmel") -> dict[str, Any]:
    """The BVR Lovhjemmel of a legal basis chosen from ``rules.lovhjemler`` (never typed)."""
    problem = lovhjemler.check(key, day, use)
    if problem:
        raise CaseError(problem, field)
    found = lovhjemler.by_key(key)
    assert found is not None  # checked above
    return {
        "lov": found.lov,
        "kapittel": found.kapittel,
        "paragraf": found.paragraf,
        "ledd": list(found.ledd),
        "bokstav": [],
        "punktum": [],
    }


@transaction.atomic
def record_vedtak(
    sak: m.Sak,
    *,
    dato: date,
    hjemmel: str,
    status: str = "1",
    undersokelse: m.Undersokelse | None = None,
    today: date,
) -> m.Vedtak:
    """A vedtak with its legal basis chosen from the act in force on ``dato`` (``rules.lovhjemler``)."""
    if dato > today:
        raise CaseError("Vedtaksdatoen kan ikke være frem i tid.", "dato")
    if dato < sak.start_dato:
        raise CaseError("Vedtaksdatoen kan ikke være før saken startet.", "dato")
    lov = lovhjemmel_json(hjemmel, dato)
    check_code("status", "vedtak_status", status, dato)
    vedtak = m.Vedtak.objects.create(
        sak=sak,
        start_dato=dato,
        lovhjemmel=lov,
        status=[{"id": str(uuid.uuid4()), "endret_dato": dato.isoformat(), "kode": status}],
    )
    if undersokelse is not None:
        _relasjon(sak, undersokelse, "Undersokelse", vedtak, "Vedtak")
    label = lovhjemmel_label(lov["lov"], lov["kapittel"], lov["paragraf"], lov["ledd"])
    log(
        "create",
        f"Registrerte vedtak etter {label}",
        sak_id=sak.pk,
        obj=vedtak,
    )
    changed([sak.pk])
    return vedtak


@transaction.atomic
def record_tiltak(
    sak: m.Sak,
    vedtak: m.Vedtak,
    *,
    dato: date,
    kategori: str,
    presisering: str = "",
    oppfolging_hyppighet: str = "",
    tilsyn_hyppighet: str = "",
    tilsyn_kommune: str = "",
    today: date,
) -> m.Tiltak:
    if dato > today:
        raise CaseError("Iverksettingsdatoen kan ikke være frem i tid.", "dato")
    if dato < vedtak.start_dato:
        raise CaseError("Tiltaket kan ikke iverksettes før vedtaket er fattet.", "dato")
    check_code("kategori", "kategori", kategori, dato, presisering)
    oppfolging = None
    if oppfolging_hyppighet:
        check_code("oppfolging_hyppighet", "oppfolging_hyppighet", oppfolging_hyppighet, dato)
        oppfolging = {
            "hyppighet": [
                {"id": str(uuid.uuid4()), "start_dato": dato.isoformat(), "kode": oppfolging_hyppighet}
            ],
            "utfort": [],
        }
    tilsyn = None
    if tilsyn_hyppighet:
        check_code("tilsyn_hyppighet", "tilsyn_hyppighet", tilsyn_hyppighet, dato)
        tilsyn = {
            "ansvarlig": [
                {
                    "id": str(uuid.uuid4()),
                    "start_dato": dato.isoformat(),
                    "kommunenummer": tilsyn_kommune or sak.tjeneste.vertskommune.nummer,
                }
            ],
            "hyppighet": [
                {"id": str(uuid.uuid4()), "start_dato": dato.isoformat(), "kode": tilsyn_hyppighet}
            ],
            "utfort": [],
        }
    tiltak = m.Tiltak.objects.create(
        sak=sak,
        start_dato=dato,
        lovhjemmel=vedtak.lovhjemmel,
        jmfr_lovhjemmel=vedtak.jmfr_lovhjemmel,
        kategori_kode=kategori,
        kategori_presisering=presisering,
        oppfolging=oppfolging,
        tilsyn=tilsyn,
    )
    _relasjon(sak, vedtak, "Vedtak", tiltak, "Tiltak")
    log("create", f"Registrerte tiltak ({codes.title('kategori', kategori)})", sak_id=sak.pk, obj=tiltak)
    changed([sak.pk])
    return tiltak


@transaction.atomic
def end_tiltak(
    tiltak: m.Tiltak,
    *,
    dato: date,
    opphevelse: str = "",
    presisering: str = "",
    versjon: int | None,
    today: date,
) -> None:
    if dato < tiltak.start_dato:
        raise CaseError("Sluttdatoen kan ikke være før tiltaket startet.", "dato")
    if dato > today:
        raise CaseError("Sluttdatoen kan ikke være frem i tid.", "dato")
    if opphevelse:
        check_code("opphevelse", "opphevelse", opphevelse, dato, presisering)
    bump_version(tiltak, versjon)
    m.Tiltak.objects.filter(pk=tiltak.pk).update(
        slutt_dato=dato, opphevelse_kode=opphevelse, opphevelse_presisering=presisering
    )
    log("update", "Avsluttet tiltak", sak_id=tiltak.sak_id, obj=tiltak)
    changed([tiltak.sak_id])


@transaction.atomic
def record_visit(tiltak: m.Tiltak, *, kind: str, dato: date, today: date) -> None:
    """A follow-up visit (``oppfolging``) or supervision visit (``tilsyn``) carried out."""
    if kind not in {"oppfolging", "tilsyn"}:
        raise CaseError("Ukjent besøkstype.", "kind")
    if dato > today:
        raise CaseError("Besøksdatoen kan ikke være frem i tid.", "dato")
    if dato < tiltak.start_dato:
        raise CaseError("Besøket kan ikke være før tiltaket startet.", "dato")
    locked = m.Tiltak.objects.select_for_update().get(pk=tiltak.pk)
    data = getattr(locked, kind) or (
        {"hyppighet": [], "utfort": []}
        if kind == "oppfolging"
        else {"ansvarlig": [], "hyppighet": [], "utfort": []}
    )
    data["utfort"] = [*data.get("utfort", []), {"id": str(uuid.uuid4()), "utfort_dato": dato.isoformat()}]
    update_if_unchanged(locked, locked.versjon, ConflictError, **{kind: data})  # steps open forms' version
    log(
        "update",
        f"Registrerte {'oppfølgingsbesøk' if kind == 'oppfolging' else 'tilsynsbesøk'}",
        sak_id=tiltak.sak_id,
        obj=tiltak,
    )
    changed([tiltak.sak_id])


@transaction.atomic
def add_plan(sak: m.Sak, *, dato: date, plantype: str, today: date) -> m.Plan:
    if dato > today:
        raise CaseError("Plandatoen kan ikke være frem i tid.", "dato")
    check_code("plantype", "plantype", plantype, dato)
    plan = m.Plan.objects.create(sak=sak, start_dato=dato, plantype=plantype)
    log("create", f"Registrerte plan ({codes.title('plantype', plantype)})", sak_id=sak.pk, obj=plan)
    changed([sak.pk])
    return plan


@transaction.atomic
def evaluate_plan(plan: m.Plan, *, dato: date, today: date) -> None:
    if dato < plan.start_dato:
        raise CaseError("Evalueringen kan ikke være før planen ble laget.", "dato")
    if dato > today:
        raise CaseError("Evalueringsdatoen kan ikke være frem i tid.", "dato")
    locked = m.Plan.objects.select_for_update().get(pk=plan.pk)
    evalueringer = sorted({*locked.evalueringer, dato.isoformat()})
    update_if_unchanged(locked, locked.versjon, ConflictError, evalueringer=evalueringer)
    log("update", "Registrerte evaluering av plan", sak_id=plan.sak_id, obj=plan)
    changed([plan.sak_id])


# ---- moves, aftercare, the board, relations -------------------------------------------------


@transaction.atomic
def record_flytting(
    sak: m.Sak,
    *,
    dato: date,
    arsak_fra: str,
    arsak_presisering: str = "",
    flytting_til: str,
    til_presisering: str = "",
    kommunenummer: str = "",
    today: date,
) -> m.Flytting:
    """A move (BVR ``Flytting``): where the child moved to and why, on ``dato``.

    With ``kommunenummer`` (a member municipality other than the current one), the child's
    municipality of residence changes from ``dato`` (``Bosted``): from then on the child's
    figures and client costs belong to the new municipality.
    """
    if dato > today:
        raise CaseError("Flyttedatoen kan ikke være frem i tid.", "dato")
    if dato < sak.start_dato:
        raise CaseError("Flyttedatoen kan ikke være før saken startet.", "dato")
    check_code("arsak_fra", "arsak_fra", arsak_fra, dato, arsak_presisering)
    check_code("flytting_til", "flytting_til", flytting_til, dato, til_presisering)
    moved_from = None
    if kommunenummer:
        members = {k.nummer for k in sak.tjeneste.medlemmer_on(dato)}
        if kommunenummer not in members:
            raise CaseError("Kommunen var ikke medlem av tjenesten på flyttedatoen.", "kommunenummer")
        current = m.Bosted.objects.filter(sak=sak, fra_dato__lte=dato).order_by("-fra_dato").first()
        if current is not None and current.kommunenummer == kommunenummer:
            raise CaseError("Barnet bor allerede i denne kommunen; la feltet stå tomt.", "kommunenummer")
        if m.Bosted.objects.filter(sak=sak, fra_dato__gt=dato).exists():
            raise CaseError("Det er registrert et senere bosted; en flytting må være den siste.", "dato")
        moved_from = current.kommunenummer if current else ""
        m.Bosted.objects.update_or_create(sak=sak, fra_dato=dato, defaults={"kommunenummer": kommunenummer})
    flytting = m.Flytting.objects.create(
        sak=sak,
        slutt_dato=dato,
        arsak_fra_kode=arsak_fra,
        arsak_fra_presisering=arsak_presisering,
        flytting_til_kode=flytting_til,
        flytting_til_presisering=til_presisering,
    )
    data: dict[str, Any] = {"dato": dato}
    if kommunenummer:
        data.update({"fra_kommune": moved_from, "til_kommune": kommunenummer})
    log(
        "create",
        "Registrerte flytting" + (f" til kommune {kommunenummer}" if kommunenummer else ""),
        sak_id=sak.pk,
        obj=flytting,
        data=data,
    )
    changed([sak.pk])
    return flytting


@transaction.atomic
def record_ettervern(sak: m.Sak, *, tilbud_sendt: date, today: date) -> m.Ettervern:
    """An offer of aftercare (bvl. § 3-6) sent to the young person on ``tilbud_sendt``."""
    if tilbud_sendt > today:
        raise CaseError("Datoen kan ikke være frem i tid.", "tilbud_sendt")
    if tilbud_sendt < sak.start_dato:
        raise CaseError("Datoen kan ikke være før saken startet.", "tilbud_sendt")
    ettervern = m.Ettervern.objects.create(sak=sak, tilbud_sendt_dato=tilbud_sendt)
    log("create", "Registrerte tilbud om ettervern", sak_id=sak.pk, obj=ettervern)
    changed([sak.pk])
    return ettervern


@transaction.atomic
def conclude_ettervern(
    ettervern: m.Ettervern, *, dato: date, kode: str, versjon: int | None, today: date
) -> None:
    """The young person's answer to the aftercare offer."""
    if ettervern.konklusjon_dato:
        raise CaseError("Svaret på tilbudet er allerede registrert.", "kode")
    if dato < ettervern.tilbud_sendt_dato:
        raise CaseError("Svaret kan ikke være før tilbudet ble sendt.", "dato")
    if dato > today:
        raise CaseError("Datoen kan ikke være frem i tid.", "dato")
    check_code("kode", "ettervern_konklusjon", kode, dato)
    bump_version(ettervern, versjon)
    m.Ettervern.objects.filter(pk=ettervern.pk).update(konklusjon_dato=dato, konklusjon_kode=kode)
    log("update", "Registrerte svar på tilbud om ettervern", sak_id=ettervern.sak_id, obj=ettervern)
    changed([ettervern.sak_id])


@transaction.atomic
def record_oversendelse(
    sak: m.Sak, *, dato: date, hjemmel: str, undersokelse: m.Undersokelse | None = None, today: date
) -> m.OversendelseFylkesnemnd:
    """A request to the county board (barneverns- og helsenemnda) for a measure it decides."""
    if dato > today:
        raise CaseError("Oversendelsesdatoen kan ikke være frem i tid.", "dato")
    if dato < sak.start_dato:
        raise CaseError("Oversendelsesdatoen kan ikke være før saken startet.", "dato")
    lov = lovhjemmel_json(hjemmel, dato, "nemnd")
    oversendelse = m.OversendelseFylkesnemnd.objects.create(sak=sak, start_dato=dato, lovhjemmel=lov)
    if undersokelse is not None:
        _relasjon(sak, undersokelse, "Undersokelse", oversendelse, "OversendelseFylkesnemnd")
    log("create", "Registrerte oversendelse til nemnda", sak_id=sak.pk, obj=oversendelse)
    changed([sak.pk])
    return oversendelse


RELATABLE = (
    "Melding",
    "Undersokelse",
    "Vedtak",
    "Tiltak",
    "Plan",
    "OversendelseFylkesnemnd",
    "Ettervern",
    "Flytting",
)


@transaction.atomic
def record_relasjon(sak: m.Sak, *, fra: tuple[str, str], til: tuple[str, str]) -> m.Relasjon:
    """A BVR ``Relasjon`` between two live elements of the case ((type, id) each)."""
    elements = {
        "Melding": sak.meldinger,
        "Undersokelse": sak.undersokelser,
        "Vedtak": sak.vedtak,
        "Tiltak": sak.tiltak,
        "Plan": sak.planer,
        "OversendelseFylkesnemnd": sak.oversendelser,
        "Ettervern": sak.ettervern,
        "Flytting": sak.flyttinger,
    }
    for field, (kind, pk) in (("fra", fra), ("til", til)):
        if kind not in elements or not elements[kind].filter(pk=pk, er_slettet=False).exists():
            raise CaseError("Velg et element i saken.", field)
    if fra == til:
        raise CaseError("Et element kan ikke relateres til seg selv.", "til")
    if m.Relasjon.objects.filter(sak=sak, fra_id=fra[1], til_id=til[1], er_slettet=False).exists():
        raise CaseError("Relasjonen finnes allerede.", "til")
    rel = m.Relasjon.objects.create(sak=sak, fra_id=fra[1], fra_type=fra[0], til_id=til[1], til_type=til[0])
    log("create", f"Registrerte relasjon {fra[0]} → {til[0]}", sak_id=sak.pk, obj=rel)
    changed([sak.pk])
    return rel


# ---- assignment --------------------------------------------------------------------------------


@transaction.atomic
def assign(sak: m.Sak, saksbehandler: Any, *, by: Any, now: Any, merknad: str = "") -> m.Tildeling:
    """Assign (or with ``saksbehandler`` None, release) a case; history row and audit row.

    Only a saksbehandler or leder of the case's own service can hold a case.
    """
    if saksbehandler is not None and (
        saksbehandler.tjeneste_id != sak.tjeneste_id
        or not saksbehandler.is_active
        or saksbehandler.rolle not in {"saksbehandler", "leder"}
    ):
        raise CaseError("Velg en saksbehandler i tjenesten.", "saksbehandler")
    locked = m.Sak.objects.select_for_update().get(pk=sak.pk)
    new_id = saksbehandler.pk if saksbehandler is not None else None
    if locked.saksbehandler_id == new_id:
        raise CaseError(
            "Saken er allerede tildelt denne saksbehandleren." if new_id else "Saken er ikke tildelt noen.",
            "saksbehandler",
        )
    previous = locked.saksbehandler
    update_if_unchanged(locked, locked.versjon, ConflictError, saksbehandler=saksbehandler)
    sak.saksbehandler = saksbehandler
    row = m.Tildeling.objects.create(
        sak=sak, saksbehandler=saksbehandler, tildelt_av=by, tidspunkt=now, merknad=merknad.strip()
    )
    who = str(saksbehandler) if saksbehandler is not None else "ingen (ikke fordelt)"
    log(
        "update",
        f"Tildelte sak {sak.journalnummer} til {who}",
        sak_id=sak.pk,
        obj=sak,
        data={
            "fra": previous.get_username() if previous else None,
            "til": saksbehandler.get_username() if saksbehandler else None,
        },
    )
    changed([sak.pk])
    return row


# ---- whole deliveries (import) ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoreResult:
    sak: m.Sak
    status: str  # "created", "replaced", "unchanged"


def sak_fields(
    tjeneste: Tjeneste, rec: SakRecord, *, delivery_id: str | None, dato_uttrekk: Any, source: str
) -> dict[str, Any]:
    """The ``Sak`` columns a delivered case sets (``store_record`` and the importer's bulk path)."""
    return {
        "tjeneste": tjeneste,
        "journalnummer": rec.journalnummer,
        "start_dato": rec.start_dato,
        "slutt_dato": rec.slutt_dato,
        "avsluttet": rec.avsluttet,
        "migrert_id": rec.migrert_id or "",
        "er_slettet": rec.er_slettet,
        "saksbehandler_navn": rec.saksbehandler or "",
        "siste_levering_id": delivery_id,
        "siste_levering_tid": dato_uttrekk,
        "kilde": source,
    }


def store_record(
    tjeneste: Tjeneste,
    rec: SakRecord,
    *,
    delivery_id: str | None = None,
    dato_uttrekk: Any = None,
    source: str = "",
    known_new: bool = False,
) -> StoreResult:
    """Store a whole case as delivered (BVR resends the complete case on each change).

    A newer delivery of the same Sak replaces its elements; the same delivery again
    changes nothing. Barnevern's own fields (the child's name, the assigned case worker)
    survive a replacement. Call inside the importer's per-file transaction. ``known_new``
    skips the look-up when the caller has just checked that the case is not stored.
    """
    existing = None if known_new else next(iter(m.Sak.objects.filter(pk=rec.id).order_by()), None)
    if existing is not None and existing.tjeneste_id != tjeneste.pk:
        raise CaseError(f"Saken {rec.id} tilhører en annen tjeneste.", "Sak")
    if (
        existing is not None
        and delivery_id
        and existing.siste_levering_id
        and str(existing.siste_levering_id) == delivery_id
    ):
        return StoreResult(existing, "unchanged")
    if (
        existing is not None
        and existing.siste_levering_tid
        and dato_uttrekk
        and existing.siste_levering_tid > dato_uttrekk
    ):
        return StoreResult(existing, "unchanged")  # an older delivery never overwrites a newer one
    fields = sak_fields(tjeneste, rec, delivery_id=delivery_id, dato_uttrekk=dato_uttrekk, source=source)
    if existing is None:
        sak = m.Sak.objects.create(id=rec.id, **fields)
        status = "created"
    else:
        sak = existing
        for name, value in fields.items():
            setattr(sak, name, value)
        sak.versjon += 1
        sak.save()
        for model in m.ELEMENT_MODELS.values():
            model.objects.filter(sak=sak).delete()
        status = "replaced"
    for model, rows in record_rows(rec, sak).items():
        if rows:
            model.objects.bulk_create(rows, batch_size=500)
    if status == "replaced":
        changed([sak.pk])
    return StoreResult(sak, status)
