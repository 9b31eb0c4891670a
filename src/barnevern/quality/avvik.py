"""The internal-control log (avvik): every change goes through here and is audited.

Life of an avvik:

* registered by hand → «åpen»; or proposed from a breached statutory deadline → «foreslått»;
* a proposal is confirmed by the leder («åpen») or dismissed with a reason («avvist»);
* an open avvik is closed with a date («lukket»).

Nothing is created silently or lost: proposals are idempotent per breached deadline (a unique
constraint on case, element, rule and part), dismissed proposals stay in the log with their
reason, and every change writes an audit row. Edits use optimistic locking (``versjon``): a
change based on an old version is refused with ``AvvikConflict``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypedDict

from django.db import IntegrityError, transaction
from django.db.models import Count

from barnevern.audit.services import log
from barnevern.errors import UserError
from barnevern.locking import update_if_unchanged
from barnevern.quality.models import Avvik
from barnevern.rules.deadlines import Status

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.organisation.models import Tjeneste
    from barnevern.quality.casedata import CaseData

__all__ = [
    "AvvikConflict",
    "AvvikError",
    "Proposals",
    "avvik_summary",
    "close",
    "confirm",
    "create",
    "dismiss",
    "propose_from_breaches",
    "update",
]

EDITABLE = ("dato", "kategori", "beskrivelse", "sak", "arsak", "tiltak", "ansvarlig")


class AvvikError(UserError):
    """A change that is not allowed; ``message`` is Norwegian, ``field`` names the form field."""


class AvvikConflict(AvvikError):
    def __init__(self) -> None:
        super().__init__(
            "Avviket er endret av noen andre etter at du åpnet det. Last siden på nytt og prøv igjen."
        )


def _audit(action: str, what: str, avvik: Avvik, **data: Any) -> None:
    log(action, what, sak_id=avvik.sak_id, obj=avvik, data={"status": avvik.status, **data})


def _save(avvik: Avvik, versjon: int, changes: dict[str, Any]) -> Avvik:
    """Write ``changes`` if the row is still at ``versjon``; bump the version."""
    update_if_unchanged(avvik, versjon, AvvikConflict, **changes)
    avvik.refresh_from_db()
    return avvik


def create(tjeneste: Tjeneste, user: User, **fields: Any) -> Avvik:
    """Register an avvik by hand (status «åpen»)."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise AvvikError(f"Ukjente felt: {', '.join(sorted(unknown))}.")
    sak = fields.get("sak")
    if sak is not None and sak.tjeneste_id != tjeneste.pk:
        raise AvvikError("Saken tilhører en annen tjeneste.", "sak")
    with transaction.atomic():
        avvik = Avvik.objects.create(
            tjeneste=tjeneste,
            opprettet_av=user,
            kilde=Avvik.Kilde.MANUELL,
            status=Avvik.Status.APEN,
            **fields,
        )
        _audit("create", f"Registrerte avvik {avvik.pk}", avvik, kategori=avvik.kategori)
    return avvik


def update(avvik: Avvik, user: User, versjon: int, **fields: Any) -> Avvik:
    """Change the registered facts of an avvik that is not closed or dismissed."""
    if avvik.status in (Avvik.Status.LUKKET, Avvik.Status.AVVIST):
        raise AvvikError("Et lukket eller avvist avvik kan ikke endres.")
    changes = {k: v for k, v in fields.items() if k in EDITABLE}
    sak = changes.get("sak")
    if sak is not None and sak.tjeneste_id != avvik.tjeneste_id:
        raise AvvikError("Saken tilhører en annen tjeneste.", "sak")
    for name in ("sak", "ansvarlig"):
        if name in changes:
            related = changes.pop(name)
            changes[f"{name}_id"] = related.pk if related is not None else None
    with transaction.atomic():
        _save(avvik, versjon, changes)
        _audit("update", f"Endret avvik {avvik.pk}", avvik, felt=sorted(fields))
    return avvik


def confirm(avvik: Avvik, user: User, versjon: int, *, ansvarlig: User | None = None) -> Avvik:
    """The leder confirms a proposed avvik: it becomes «åpen»."""
    if avvik.status != Avvik.Status.FORESLATT:
        raise AvvikError("Bare et foreslått avvik kan bekreftes.")
    changes: dict[str, Any] = {"status": Avvik.Status.APEN}
    if ansvarlig is not None:
        changes["ansvarlig_id"] = ansvarlig.pk
    with transaction.atomic():
        _save(avvik, versjon, changes)
        _audit("update", f"Bekreftet foreslått avvik {avvik.pk}", avvik)
    return avvik


def dismiss(avvik: Avvik, user: User, versjon: int, reason: str) -> Avvik:
    """The leder dismisses a proposed avvik; the reason is required and kept."""
    reason = (reason or "").strip()
    if avvik.status != Avvik.Status.FORESLATT:
        raise AvvikError("Bare et foreslått avvik kan avvises.")
    if not reason:
        raise AvvikError("Skriv hvorfor forslaget avvises.", "avvist_grunn")
    with transaction.atomic():
        _save(avvik, versjon, {"status": Avvik.Status.AVVIST, "avvist_grunn": reason})
        _audit("update", f"Avviste foreslått avvik {avvik.pk}", avvik, begrunnelse=reason)
    return avvik


def close(avvik: Avvik, user: User, versjon: int, *, lukket_dato: date, tiltak: str = "") -> Avvik:
    """Close an open avvik on ``lukket_dato`` (not before the avvik's own date)."""
    if avvik.status != Avvik.Status.APEN:
        raise AvvikError("Bare et åpent avvik kan lukkes.")
    if lukket_dato < avvik.dato:
        raise AvvikError(
            f"Lukket dato kan ikke være før avviket skjedde ({avvik.dato:%d.%m.%Y}).", "lukket_dato"
        )
    changes: dict[str, Any] = {"status": Avvik.Status.LUKKET, "lukket_dato": lukket_dato}
    if tiltak.strip():
        changes["tiltak"] = tiltak.strip()
    with transaction.atomic():
        _save(avvik, versjon, changes)
        _audit("update", f"Lukket avvik {avvik.pk}", avvik, lukket_dato=lukket_dato)
    return avvik


@dataclass(frozen=True, slots=True)
class Proposals:
    created: int
    existing: int


def _description(journalnummer: str, item: Any) -> str:
    part = f" ({item.part})" if item.part else ""
    if item.status is Status.BREACHED:
        how = f"ble utført {item.met_on:%d.%m.%Y}, {item.days} dager etter fristen"
    else:
        how = f"er ikke utført ({item.days} dager over fristen da forslaget ble laget)"
    return (
        f"{item.rule} {item.title_nb}{part}, {item.paragraph}, i sak {journalnummer}: "
        f"fristen {item.due:%d.%m.%Y} {how}."
    )


def propose_from_breaches(tjeneste: Tjeneste, today: date, *, data: CaseData | None = None) -> Proposals:
    """Propose an avvik («foreslått») for each breached or overdue deadline of the service,
    the foster-home deadlines (``fosterhjem.deadlines``) included.

    Covers deadlines that fell due from the service's ``avvik_from`` up to yesterday. Running
    it again creates nothing twice (one proposal per case, element, rule and part); a proposal
    that was dismissed stays dismissed. Each new proposal writes an audit row. ``data``: the
    service's cases already loaded (``queries.service_cases``).
    """
    from barnevern.fosterhjem.deadlines import items_for_service
    from barnevern.quality.casedata import service_cases
    from barnevern.quality.queries import service_config
    from barnevern.quality.worklist import case_items

    config = service_config(tjeneste, today)
    data = data if data is not None else service_cases(tjeneste)
    existing = {
        (str(s), e, r, p)
        for s, e, r, p in Avvik.objects.filter(tjeneste=tjeneste, kilde=Avvik.Kilde.FRIST).values_list(
            "sak_id", "element_id", "regel", "del_av_frist"
        )
    }
    journal = {rec.id: rec.journalnummer for rec in data.records}
    created = seen = 0
    records = {rec.id: rec for rec in data.records}
    foster = [
        (records[sak_id], item)
        for sak_id, items in items_for_service(tjeneste, today).items()
        if sak_id in records
        for item in items
    ]
    for rec, item in [*case_items(data.records, today, config.to_rules(), completed=data.completed), *foster]:
        if item.status not in (Status.BREACHED, Status.OVERDUE) or item.due < config.avvik_from:
            continue
        key = (rec.id, item.element_id, item.rule, item.part)
        if key in existing:
            seen += 1
            continue
        try:
            with transaction.atomic():
                avvik = Avvik.objects.create(
                    tjeneste=tjeneste,
                    dato=item.due + timedelta(days=1),
                    kategori=Avvik.Kategori.FRIST,
                    beskrivelse=_description(journal[rec.id], item),
                    sak_id=rec.id,
                    status=Avvik.Status.FORESLATT,
                    kilde=Avvik.Kilde.FRIST,
                    regel=item.rule,
                    element_type=item.element_type,
                    element_id=item.element_id,
                    del_av_frist=item.part,
                    frist=item.due,
                )
                _audit(
                    "create", f"Foreslo avvik {avvik.pk} fra fristbrudd {item.rule}", avvik, regel=item.rule
                )
        except IntegrityError:  # proposed concurrently by another run
            seen += 1
            continue
        existing.add(key)
        created += 1
    type(config).objects.filter(pk=config.pk).update(proposed_on=today)
    return Proposals(created=created, existing=seen)


class AvvikCounts(TypedDict):
    """One category of avvik over a period: counts per status (``avvik_summary``)."""

    label: str
    registrert: int  # confirmed: åpen + lukket
    foreslatt: int
    apen: int
    lukket: int
    avvist: int


def avvik_summary(tjeneste: Tjeneste, start: date, end: date) -> dict[str, AvvikCounts]:
    """Per category (every category present): counts per status for avvik dated in the period.

    ``registrert`` = confirmed avvik (åpen + lukket); proposals and dismissed ones are
    counted apart. For the annual report; the caller checks access.
    """
    result = {
        code: AvvikCounts(label=str(label), registrert=0, foreslatt=0, apen=0, lukket=0, avvist=0)
        for code, label in Avvik.Kategori.choices
    }
    rows = (
        Avvik.objects.filter(tjeneste=tjeneste, dato__gte=start, dato__lte=end)
        .values_list("kategori", "status")
        .annotate(n=Count("id"))
    )
    for kategori, status, n in rows:
        result[kategori][status] += n  # type: ignore[literal-required]  # a Status value
        if status in (Avvik.Status.APEN, Avvik.Status.LUKKET):
            result[kategori]["registrert"] += n
    return result
