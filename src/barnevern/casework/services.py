"""Use cases that change casework rows. Each owns its transaction and writes audit rows.

This is the API other areas build on (intake, fosterhjem): ``add_party``, ``update_party``,
``add_journal_entry``, ``correct_journal_entry``, ``store_incoming_document``. Letters are in
``casework.letters``. Invalid input raises ``CaseworkError`` (a ``cases.services.CaseError``)
with a Norwegian message naming the field. Nothing is deleted.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Model

from barnevern.audit.services import log
from barnevern.cases import models as cm
from barnevern.cases.services import CaseError, ConflictError
from barnevern.casework import models as m
from barnevern.formats.filetype import ACCEPTED, EXTENSIONS, sniff
from barnevern.locking import update_if_unchanged
from barnevern.rules.identity import InvalidIdentityNumber, parse_fodselsnummer
from barnevern.rules.innsyn import default_partsrettigheter

__all__ = [
    "MAX_UPLOAD_BYTES",
    "CaseworkError",
    "ConflictError",
    "add_journal_entry",
    "add_party",
    "correct_journal_entry",
    "element_ref",
    "store_file",
    "store_incoming_document",
    "update_party",
]

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""Largest incoming document (20 MB: a long scanned report at 300 dpi)."""


class CaseworkError(CaseError):
    """Invalid input for a casework change; ``field`` names the form field."""


_ELEMENT_MODELS: dict[str, type[Model]] = {
    "melding": cm.Melding,
    "undersokelse": cm.Undersokelse,
    "vedtak": cm.Vedtak,
    "tiltak": cm.Tiltak,
    "plan": cm.Plan,
    "ettervern": cm.Ettervern,
    "oversendelse": cm.OversendelseFylkesnemnd,
    "flytting": cm.Flytting,
}
_ELEMENT_TYPES = {model: name for name, model in _ELEMENT_MODELS.items()}


def element_ref(sak: cm.Sak, element: Any) -> tuple[str, uuid.UUID | None]:
    """(element_type, element_id) for a BVR element instance, a ``(type, id)`` pair or None;
    the element must belong to ``sak``."""
    if element is None:
        return "", None
    if isinstance(element, tuple):
        kind, element_id = element
        model = _ELEMENT_MODELS.get(kind)
        if model is None:
            raise CaseworkError(f"Ukjent elementtype «{kind}».", "element")
        try:
            found = model._default_manager.filter(pk=element_id, sak=sak).exists()
        except (ValueError, TypeError, Exception):  # noqa: BLE001 - a malformed id is "not found"
            found = False
        if not found:
            raise CaseworkError("Elementet finnes ikke i denne saken.", "element")
        return kind, uuid.UUID(str(element_id))
    kind = _ELEMENT_TYPES.get(type(element))
    if kind is None or element.sak_id != sak.pk:
        raise CaseworkError("Elementet hører ikke til denne saken.", "element")
    return kind, element.pk


def _user_fields(user: Any) -> tuple[Any, str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return None, "System"
    return user, (user.get_full_name() or user.get_username())


# ---- parties --------------------------------------------------------------------------


def _clean_fnr(value: str, today: date) -> tuple[str, int | None]:
    value = (value or "").replace(" ", "")
    if not value:
        return "", None
    try:
        ident = parse_fodselsnummer(value, today=today)
    except InvalidIdentityNumber as exc:
        raise CaseworkError(str(exc), "fodselsnummer") from None
    age = None
    if ident.birth_date:
        b = ident.birth_date
        age = today.year - b.year - ((today.month, today.day) < (b.month, b.day))
    return ident.value, age


_PARTY_FIELDS = (
    "navn",
    "organisasjon",
    "adresse",
    "postnummer",
    "poststed",
    "telefon",
    "epost",
    "merknad",
)


def _check_party(rolle: str, data: dict[str, Any]) -> None:
    if rolle not in m.Part.Rolle.values:
        raise CaseworkError(f"Ukjent rolle «{rolle}».", "rolle")
    if data.get("anonym") and rolle not in {m.Part.Rolle.MELDER_PRIVAT, m.Part.Rolle.MELDER_OFFENTLIG}:
        raise CaseworkError("Bare en melder kan være anonym.", "anonym")
    if (
        not data.get("anonym")
        and not (data.get("navn") or "").strip()
        and not (data.get("organisasjon") or "").strip()
    ):
        raise CaseworkError("Skriv navnet (eller virksomheten) til parten.", "navn")
    postnummer = (data.get("postnummer") or "").strip()
    if postnummer and not (len(postnummer) == 4 and postnummer.isdigit()):
        raise CaseworkError("Postnummeret må ha fire siffer.", "postnummer")


@transaction.atomic
def add_party(
    sak: cm.Sak,
    *,
    rolle: str,
    today: date,
    navn: str = "",
    fodselsnummer: str = "",
    organisasjon: str = "",
    adresse: str = "",
    postnummer: str = "",
    poststed: str = "",
    telefon: str = "",
    epost: str = "",
    foreldreansvar: bool = False,
    partsrettigheter: bool | None = None,
    anonym: bool = False,
    merknad: str = "",
) -> m.Part:
    """Add a party or contact to ``sak``. The identity number is validated as everywhere
    (``rules.identity``); ``partsrettigheter`` None takes the default for the role
    (``rules.innsyn.default_partsrettigheter``). An anonymous melder keeps no name or number."""
    data = {
        "navn": navn.strip(),
        "organisasjon": organisasjon.strip(),
        "adresse": adresse.strip(),
        "postnummer": postnummer.strip(),
        "poststed": poststed.strip(),
        "telefon": telefon.strip(),
        "epost": epost.strip(),
        "merknad": merknad.strip(),
        "anonym": anonym,
    }
    _check_party(rolle, data)
    fnr, age = ("", None) if anonym else _clean_fnr(fodselsnummer, today)
    if anonym:
        data.update(navn="", adresse="", postnummer="", poststed="", telefon="", epost="")
    if partsrettigheter is None:
        partsrettigheter = default_partsrettigheter(rolle, foreldreansvar=foreldreansvar, age=age)
    data.pop("anonym")
    part = m.Part.objects.create(
        sak=sak,
        rolle=rolle,
        fodselsnummer=fnr,
        foreldreansvar=foreldreansvar,
        partsrettigheter=partsrettigheter,
        anonym=anonym,
        **data,
    )
    log(
        "create",
        f"La til part ({part.get_rolle_display()}) i sak {sak.journalnummer}",
        sak_id=sak.pk,
        obj=part,
    )
    return part


@transaction.atomic
def update_party(part: m.Part, *, versjon: int | None, today: date, **fields: Any) -> m.Part:
    """Change a party's details (optimistic locking on ``versjon``); the audit row names the
    fields changed."""
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    unknown = set(data) - {
        *_PARTY_FIELDS,
        "rolle",
        "fodselsnummer",
        "foreldreansvar",
        "partsrettigheter",
        "anonym",
        "aktiv",
    }
    if unknown:
        raise CaseworkError("Feltet kan ikke endres her.", sorted(unknown)[0])
    merged = {f: getattr(part, f) for f in (*_PARTY_FIELDS, "anonym")} | data
    rolle = data.get("rolle", part.rolle)
    _check_party(rolle, merged)
    if "fodselsnummer" in data:
        data["fodselsnummer"], _ = _clean_fnr(data["fodselsnummer"], today)
    if versjon is not None:
        update_if_unchanged(part, versjon, ConflictError)
    changed = [k for k, v in data.items() if getattr(part, k) != v]
    for key, value in data.items():
        setattr(part, key, value)
    part.save()
    log(
        "update",
        f"Endret part ({part.get_rolle_display()}) i sak {part.sak.journalnummer}",
        sak_id=part.sak_id,
        obj=part,
        data={"felt": changed},
    )
    return part


# ---- journal --------------------------------------------------------------------------


def _parties(sak: cm.Sak, parter: Iterable[Any]) -> list[m.Part]:
    ids = [p.pk if isinstance(p, m.Part) else p for p in parter]
    found = list(m.Part.objects.filter(sak=sak, pk__in=ids))
    if len(found) != len(set(map(str, ids))):
        raise CaseworkError("En av partene hører ikke til denne saken.", "parter")
    return found


def _check_entry(type: str, dato: date, tittel: str, tekst: str, synspunkter: str, today: date) -> None:
    if type not in m.Journalnotat.Type.values:
        raise CaseworkError(f"Ukjent notattype «{type}».", "type")
    if dato > today:
        raise CaseworkError("Datoen for hendelsen kan ikke være frem i tid.", "dato")
    if not tittel.strip():
        raise CaseworkError("Skriv en kort tittel.", "tittel")
    if not tekst.strip() and not synspunkter.strip() and type != m.Journalnotat.Type.DOKUMENT:
        raise CaseworkError("Skriv hva som skjedde eller ble vurdert.", "tekst")


@transaction.atomic
def add_journal_entry(
    sak: cm.Sak,
    *,
    type: str,
    dato: date,
    tittel: str,
    today: date,
    tekst: str = "",
    barnets_synspunkter: str = "",
    barnets_medvirkning: str = "",
    parter: Iterable[Any] = (),
    element: Any = None,
    forfatter: Any = None,
    system_nokkel: str = "",
) -> m.Journalnotat:
    """Write a journal entry (version 1 of a new chain). ``element`` links it to a BVR element
    (an instance or ``(type, id)``); ``parter`` are parties of the same case."""
    _check_entry(type, dato, tittel, tekst, barnets_synspunkter, today)
    kind, element_id = element_ref(sak, element)
    user, name = _user_fields(forfatter)
    new_id = uuid.uuid4()
    entry = m.Journalnotat.objects.create(
        id=new_id,
        kjede=new_id,
        sak=sak,
        type=type,
        dato=dato,
        tittel=tittel.strip()[:200],
        tekst=tekst.strip(),
        barnets_synspunkter=barnets_synspunkter.strip(),
        barnets_medvirkning=barnets_medvirkning.strip(),
        element_type=kind,
        element_id=element_id,
        forfatter=user,
        forfatter_navn=name,
        system_nokkel=system_nokkel,
    )
    found = _parties(sak, parter)
    if found:
        entry.parter.set(found)
    log(
        "create",
        f"Skrev journalnotat i sak {sak.journalnummer}: {entry.get_type_display()}",
        sak_id=sak.pk,
        obj=entry,
        data={"kjede": str(entry.kjede), "versjon": 1},
    )
    return entry


@transaction.atomic
def correct_journal_entry(
    entry: m.Journalnotat,
    *,
    grunn: str,
    today: date,
    forfatter: Any = None,
    versjon: int | None = None,
    **changes: Any,
) -> m.Journalnotat:
    """A correction: a new version of the entry with ``changes``; the old version stays (not
    current). ``versjon`` is the version the user corrected (a newer one → ``ConflictError``)."""
    if not grunn.strip():
        raise CaseworkError("Skriv hvorfor notatet korrigeres.", "korreksjon_grunn")
    current = m.Journalnotat.objects.select_for_update().filter(kjede=entry.kjede, gjeldende=True).get()
    if versjon is not None and current.versjon != versjon:
        raise ConflictError()
    if current.type == m.Journalnotat.Type.SYSTEM:
        raise CaseworkError("Notater skrevet av systemet korrigeres ved å rette hendelsen.", "type")
    allowed = {
        "type",
        "dato",
        "tittel",
        "tekst",
        "barnets_synspunkter",
        "barnets_medvirkning",
        "parter",
        "element",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise CaseworkError("Feltet kan ikke endres her.", sorted(unknown)[0])
    fields = {
        "type": changes.get("type", current.type),
        "dato": changes.get("dato", current.dato),
        "tittel": changes.get("tittel", current.tittel),
        "tekst": changes.get("tekst", current.tekst),
        "barnets_synspunkter": changes.get("barnets_synspunkter", current.barnets_synspunkter),
        "barnets_medvirkning": changes.get("barnets_medvirkning", current.barnets_medvirkning),
    }
    _check_entry(
        fields["type"],
        fields["dato"],
        fields["tittel"],
        fields["tekst"],
        fields["barnets_synspunkter"],
        today,
    )
    if "element" in changes:
        kind, element_id = element_ref(current.sak, changes["element"])
    else:
        kind, element_id = current.element_type, current.element_id
    parter = _parties(current.sak, changes["parter"]) if "parter" in changes else list(current.parter.all())
    m.Journalnotat.objects.filter(pk=current.pk).update(gjeldende=False)
    user, name = _user_fields(forfatter)
    new = m.Journalnotat.objects.create(
        kjede=current.kjede,
        versjon=current.versjon + 1,
        sak_id=current.sak_id,
        element_type=kind,
        element_id=element_id,
        forfatter=user,
        forfatter_navn=name,
        korreksjon_grunn=grunn.strip(),
        **{k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()},
    )
    if parter:
        new.parter.set(parter)
    log(
        "update",
        f"Korrigerte journalnotat i sak {current.sak.journalnummer} (versjon {new.versjon})",
        sak_id=current.sak_id,
        obj=new,
        data={
            "kjede": str(new.kjede),
            "versjon": new.versjon,
            "erstatter": str(current.pk),
            "grunn": grunn.strip(),
            "endret": sorted(
                k for k in changes if k not in {"parter", "element"} and changes[k] != getattr(current, k)
            ),
        },
    )
    return new


# ---- files and incoming documents -----------------------------------------------------


def store_file(content: bytes, filnavn: str, mimetype: str, format_variant: str = "") -> m.Fil:
    return m.Fil.objects.create(
        filnavn=filnavn[:200],
        mimetype=mimetype,
        storrelse=len(content),
        sjekksum=hashlib.sha256(content).hexdigest(),
        format_variant=format_variant,
        innhold=content,
    )


@transaction.atomic
def store_incoming_document(
    sak: cm.Sak,
    *,
    content: bytes,
    filnavn: str,
    tittel: str,
    dato: date,
    today: date,
    avsender: str = "",
    element: Any = None,
    forfatter: Any = None,
    journal: bool = True,
    journal_tekst: str = "",
) -> m.Dokument:
    """Store an incoming document (PDF or image, checked by content, at most
    ``MAX_UPLOAD_BYTES``) and, with ``journal``, attach it to a new journal entry."""
    if not content:
        raise CaseworkError(f"Filen «{filnavn}» er tom.", "fil")
    if len(content) > MAX_UPLOAD_BYTES:
        raise CaseworkError(f"Filen «{filnavn}» er større enn {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.", "fil")
    mimetype = sniff(content[:16])
    if mimetype not in ACCEPTED:
        raise CaseworkError(
            f"Filen «{filnavn}» er ikke en PDF eller et bilde (PNG, JPEG, TIFF) etter innholdet å dømme.",
            "fil",
        )
    if not tittel.strip():
        raise CaseworkError("Skriv en tittel for dokumentet.", "tittel")
    if dato > today:
        raise CaseworkError("Datoen kan ikke være frem i tid.", "dato")
    kind, element_id = element_ref(sak, element)
    user, name = _user_fields(forfatter)
    stem = filnavn.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0] or "dokument"
    fil = store_file(content, f"{stem[:150]}.{EXTENSIONS[mimetype]}", mimetype)
    dok = m.Dokument.objects.create(
        sak=sak,
        retning=m.Dokument.Retning.INN,
        tittel=tittel.strip()[:200],
        dato=dato,
        avsender=avsender.strip()[:200],
        status=m.Dokument.Status.FERDIG,
        opprettet_av=user,
        ferdigstilt_av=user,
        fil=fil,
        element_type=kind,
        element_id=element_id,
    )
    from django.utils import timezone

    dok.ferdigstilt_tid = timezone.now()
    if journal:
        entry = add_journal_entry(
            sak,
            type=m.Journalnotat.Type.DOKUMENT,
            dato=dato,
            tittel=f"Mottatt: {dok.tittel}"[:200],
            tekst=journal_tekst or (f"Dokument fra {dok.avsender}." if dok.avsender else ""),
            element=(kind, element_id) if kind else None,
            forfatter=forfatter,
            today=today,
        )
        dok.journalnotat_kjede = entry.kjede
    dok.save(update_fields=["ferdigstilt_tid", "journalnotat_kjede"])
    log(
        "create",
        f"Lagret innkommende dokument i sak {sak.journalnummer}",
        sak_id=sak.pk,
        obj=dok,
        data={"sjekksum": fil.sjekksum, "mimetype": mimetype, "bytes": fil.storrelse, "av": name},
    )
    return dok
