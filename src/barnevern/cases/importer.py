"""Import BVR and KOSTRA 15F files into the case register (``barnevern import`` and upload).

One document at a time (``formats.sources.iter_sources``), so memory stays flat whatever the
size of the input. For every document:

1. read and check it exactly as ``barnevern validate`` does, parsing it once
   (``control.pipeline.check_documents``: safe parse, XSD, every control rule; in worker
   processes with ``jobs`` > 1, while this process stores the files checked before);
2. refuse it whole when it is not safe, well-formed XML, fails the XSD, or has FATAL or ERROR
   findings. ``allow_errors`` lets ERROR findings through, but never a file that fails the XSD
   (BVR: «Filbeskrivelse», FATAL; 15F: KOSTRA-KP reports its XSD checks as ERROR, so those
   rule ids in ``XSD_RULES`` always block);
3. find the service from the Avgiver municipality (``ServiceResolver``);
4. store the file all or nothing, with one audit row per imported file. Files are checked
   and stored in batches (``BATCH_FILES``, see ``Importer.import_paths``): the files of a batch
   that only create new cases (or only repeat deliveries already stored) are written together,
   one bulk insert per table and one for their audit rows (``cases.bulk``). A file that
   replaces a stored case, or touches a case an earlier file of the batch wrote, goes through
   ``services.store_record`` in its own savepoint. If the batch insert fails, it is rolled back
   and its files are stored one by one, each in its own savepoint, so a bad file never takes
   the good ones down.

Idempotent: a delivery whose Id is already the Sak's last delivery changes nothing; an older
delivery (earlier ``DatoUttrekk``) never overwrites a newer one; a newer one replaces the case.
When a delivery's ``ForrigeId`` is not the stored last delivery Id, deliveries are missing in
between: the gap is reported (the newer delivery is still stored, since BVR resends whole
cases). 15F has no delivery ids: each Individ gets a delivery id derived from the file's
content, so the same 15F file imported again changes nothing.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from barnevern.audit.services import LogItem, log, log_many
from barnevern.cases import models as m
from barnevern.cases.bulk import NewCases
from barnevern.cases.services import CaseError, store_record
from barnevern.control.base import Finding, Severity
from barnevern.control.pipeline import CheckedDocument, check_documents
from barnevern.formats.sources import Source, iter_sources
from barnevern.formats.xmlsafe import XmlFileError
from barnevern.organisation.models import Medlemskap, Tjeneste
from barnevern.records import Delivery, SakRecord

__all__ = [
    "ELEMENT_FIELDS",
    "XSD_RULES",
    "FileResult",
    "ImportSummary",
    "Importer",
    "ServiceResolver",
    "count_sources",
    "import_paths",
]

OSLO = ZoneInfo("Europe/Oslo")
# Rules whose findings mean "the file is not safe, well-formed, or fails the XSD": never stored.
XSD_RULES = frozenset({"Filbeskrivelse", "Filfeil", "Avgiver K0", "Avgiver K1", "Individ K0", "Individ K1"})
ELEMENT_FIELDS = (
    "personalia",
    "meldinger",
    "undersokelser",
    "planer",
    "tiltak",
    "vedtak",
    "ettervern",
    "oversendelser",
    "flyttinger",
    "relasjoner",
    "slettet",
)
BATCH_FILES = 500  # files per batch and database commit (see ``Importer.import_paths``)
BATCH_SECONDS = 2.0  # ... or fewer, when checking them takes longer than this
MAX_KEPT_FINDINGS = 50  # per rejected file, to keep the summary small
_NS_15F = uuid.UUID("5b0c54c6-6f43-4d1b-9a43-7f2f7f7b1c15")


def elements_of(sak: SakRecord) -> int:
    """Elements below the Sak (Personalia, Melding, ... Slettet)."""
    return sum(len(getattr(sak, name)) for name in ELEMENT_FIELDS)


@dataclass
class FileResult:
    """What happened to one file."""

    name: str
    imported: bool = False
    kind: str = ""  # "bvr-v4", "bvr-v3", "bvr-v1", "15f"
    created: int = 0
    replaced: int = 0
    unchanged: int = 0
    older: int = 0  # deliveries older than what is stored (counted in unchanged too)
    elements: int = 0
    warnings: int = 0
    errors_allowed: int = 0
    reason: str = ""
    findings: list[Finding] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def saker(self) -> int:
        return self.created + self.replaced + self.unchanged


@dataclass
class ImportSummary:
    """Totals of one import run; ``rejected`` keeps each refused file with its findings."""

    files: int = 0
    imported_files: int = 0
    created: int = 0
    replaced: int = 0
    unchanged: int = 0
    older: int = 0
    elements: int = 0
    warnings: int = 0
    errors_allowed: int = 0
    rejected: list[FileResult] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.gaps.extend(result.gaps)
        self.notes.extend(result.notes)
        if not result.imported:
            self.rejected.append(result)
            return
        self.imported_files += 1
        for name in ("created", "replaced", "unchanged", "older", "elements", "warnings", "errors_allowed"):
            setattr(self, name, getattr(self, name) + getattr(result, name))

    @property
    def saker(self) -> int:
        return self.created + self.replaced + self.unchanged

    @property
    def exit_code(self) -> int:
        """0 everything imported, 1 imported with ForrigeId gaps, 2 one or more files rejected."""
        if self.rejected:
            return 2
        return 1 if self.gaps else 0

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "imported_files": self.imported_files,
            "saker": {"created": self.created, "replaced": self.replaced, "unchanged": self.unchanged},
            "older": self.older,
            "elements": self.elements,
            "warnings": self.warnings,
            "errors_allowed": self.errors_allowed,
            "gaps": list(self.gaps),
            "notes": list(self.notes),
            "rejected": [
                {"file": r.name, "reason": r.reason, "findings": [f.as_dict() for f in r.findings]}
                for r in self.rejected
            ],
        }


class ImportRefused(Exception):
    """A file that cannot be stored; ``message`` is Norwegian and names what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ServiceResolver:
    """The service a file's Avgiver municipality belongs to (cached per kommunenummer).

    With ``service`` given, the municipality must be one of its members (now or earlier).
    Without it, the municipality must belong to exactly one service (``Medlemskap``).
    """

    def __init__(self, service: Tjeneste | None = None) -> None:
        self.service = service
        self._members = set(service.kommunenumre()) if service is not None else set()
        self._cache: dict[str, Tjeneste | str] = {}

    def resolve(self, kommunenummer: str) -> Tjeneste:
        found = self._cache.get(kommunenummer)
        if found is None:
            found = self._cache[kommunenummer] = self._lookup(kommunenummer)
        if isinstance(found, str):
            raise ImportRefused(found)
        return found

    def _lookup(self, nummer: str) -> Tjeneste | str:
        if self.service is not None:
            if nummer in self._members:
                return self.service
            return (
                f"Avgiver-kommunen {nummer} er ikke medlem av tjenesten «{self.service.slug}». "
                "Filen hører til en annen tjeneste, eller kommunen må legges inn som medlem."
            )
        ids = sorted(
            set(Medlemskap.objects.filter(kommune__nummer=nummer).values_list("tjeneste_id", flat=True))
        )
        if len(ids) == 1:
            return Tjeneste.objects.get(pk=ids[0])
        if not ids:
            return (
                f"Avgiver-kommunen {nummer} hører ikke til noen tjeneste. Oppgi tjenesten, "
                "eller legg kommunen inn som medlem av en tjeneste."
            )
        slugs = ", ".join(Tjeneste.objects.filter(pk__in=ids).order_by("slug").values_list("slug", flat=True))
        return f"Avgiver-kommunen {nummer} hører til flere tjenester ({slugs}). Oppgi hvilken."


def _uuid_text(value: str | None) -> str | None:
    """A UUID in canonical lower-case form, or ``None`` when ``value`` is not a UUID."""
    if not value:
        return None
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        return None


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and (moment.tzinfo is None or moment.utcoffset() is None):
        return moment.replace(tzinfo=OSLO)
    return moment


def _blocking(finding: Finding, allow_errors: bool) -> bool:
    if finding.severity is Severity.FATAL or finding.rule in XSD_RULES:
        return True
    return finding.severity is Severity.ERROR and not allow_errors


def _reason(blocking: list[Finding]) -> str:
    first = blocking[0]
    if first.severity is Severity.FATAL or first.rule in XSD_RULES:
        lead = "Filen er ikke trygg, velformet XML eller følger ikke XSD-en"
    else:
        lead = "Filen har feil mot SSBs kontrollregler"
    return f"{lead} ({len(blocking)} funn); ingenting fra filen er lagret."


@dataclass
class _Existing:
    tjeneste_id: int
    journalnummer: str
    siste_levering_id: str | None
    siste_levering_tid: datetime | None
    kilde: str


class Importer:
    """Imports files one at a time; see the module docstring for the rules.

    ``service``: the service to store into (else found per file from the Avgiver municipality).
    ``allow_errors``: import files with ERROR findings (never files that fail the XSD).
    ``year``/``fmt``: as ``barnevern validate`` (reporting year, format override).
    ``jobs``: worker processes that check the files while this process stores them
    (``control.workers``; 1 checks them here). Storing stays in this process, in file order.
    """

    def __init__(
        self,
        service: Tjeneste | None = None,
        *,
        allow_errors: bool = False,
        year: int | None = None,
        fmt: str = "auto",
        jobs: int = 1,
    ) -> None:
        self.resolver = ServiceResolver(service)
        self.allow_errors = allow_errors
        self.year = year
        self.fmt = fmt
        self.jobs = jobs

    # --- whole runs ---------------------------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        progress: Callable[[FileResult], None] | None = None,
    ) -> ImportSummary:
        """Import every document under ``paths``; a bad file never stops the others.

        Files are checked (``control.pipeline.check_documents``, in ``jobs`` worker processes)
        and stored in batches of at most ``BATCH_FILES`` files (or ``BATCH_SECONDS`` of
        checking); each batch is stored in one database commit (``_store_batch``), since a
        commit costs a disk flush and every statement a round trip. Every file is still all or
        nothing. An interrupted run loses at most the last batch, never part of a file, and can
        be re-run. ``progress`` is called once per file, in order, when its batch is stored.
        """
        summary = ImportSummary()
        checked = check_documents(_sources(paths), year=self.year, fmt=self.fmt, keep=True, jobs=self.jobs)
        try:
            while batch := self._check_batch(checked):
                with transaction.atomic():
                    self._store_batch(batch)
                for item in batch:
                    summary.add(item.result)
                    if progress is not None:
                        progress(item.result)
        finally:
            checked.close()  # stops the worker processes if storing failed
        return summary

    def _check_batch(self, checked: Iterator[CheckedDocument]) -> list[_Checked]:
        batch: list[_Checked] = []
        started = time.monotonic()
        for document in checked:
            batch.append(self.judge(document))
            if len(batch) >= BATCH_FILES or time.monotonic() - started >= BATCH_SECONDS:
                break
        return batch

    def _store_batch(self, batch: list[_Checked]) -> None:
        """Store the accepted files of one batch, in order (see ``import_paths``).

        A file whose cases are all new, or all already stored from the same (or a newer)
        delivery, joins the bulk insert; a file that replaces a case, or touches a case an
        earlier file of this batch wrote, is stored alone after the bulk rows before it.
        """
        accepted = [item for item in batch if item.deliveries]
        existing = _existing([d.sak.id for item in accepted for d in item.deliveries])
        touched: set[str] = set()
        pending = NewCases()
        for item in accepted:
            keys = [_uuid_text(d.sak.id) for d in item.deliveries]
            fast = all(key is not None and key not in touched for key in keys)
            if fast:
                try:
                    fast = self._plan_file(item, existing, pending)
                except ImportRefused as exc:
                    _reset(item.result, exc.message)
                    continue
            if not fast:
                self._flush(pending)
                self._store_one(item)
            touched.update(key for key in keys if key)
        self._flush(pending)

    def _flush(self, pending: NewCases) -> None:
        """Write the planned files in one savepoint; if that fails, each file alone."""
        if not pending.files:
            return
        try:
            with transaction.atomic():
                pending.insert()
                log_many([item.audit for item in pending.files])
        except Exception:  # noqa: BLE001 - any fault: redo file by file, which names the culprit
            for item in pending.files:
                _clear(item.result)
                self._store_one(item)
        pending.clear()

    # --- one document -------------------------------------------------------------------------

    def check_document(self, name: str, read: Callable[[], bytes]) -> _Checked:
        """Read and check one document; ``deliveries`` is empty when it is refused."""
        (document,) = check_documents([Source(name, read)], year=self.year, fmt=self.fmt, keep=True)
        return self.judge(document)

    def judge(self, document: CheckedDocument) -> _Checked:
        """Accept or refuse a checked document (``deliveries`` empty when refused)."""
        result = FileResult(document.name)
        item = _Checked(result)
        if document.error is not None:  # a fault in a rule must not stop the other files
            result.reason = f"Intern feil under kontrollen av filen ({document.error}); ikke importert."
            return item
        findings = document.findings
        blocking = [f for f in findings if _blocking(f, self.allow_errors)]
        result.warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
        result.errors_allowed = sum(
            1 for f in findings if f.severity is Severity.ERROR and not _blocking(f, self.allow_errors)
        )
        if blocking:
            result.reason = _reason(blocking)
            result.findings = blocking[:MAX_KEPT_FINDINGS]
            return item
        if not document.deliveries:
            result.reason = "Filen inneholder ingen saker eller individer som kan lagres."
            return item
        result.kind = document.deliveries[0].source
        item.deliveries = document.deliveries
        item.digest = document.digest  # delivery ids made from the content (15F)
        return item

    def _store_one(self, item: _Checked) -> None:
        """Store one checked file in its own savepoint with ``store_record``."""
        result = item.result
        try:
            with transaction.atomic():
                self._store_file(item)
        except ImportRefused as exc:
            _reset(result, exc.message)
        except CaseError as exc:
            _reset(result, f"{exc.message} Ingenting fra filen er lagret.")
        except (DatabaseError, ValidationError, ValueError) as exc:
            _reset(result, f"Filen kunne ikke lagres ({_db_message(exc)}); ingenting fra filen er lagret.")
        except Exception as exc:  # rolled back by the savepoint; the other files go on
            _reset(
                result,
                f"Intern feil ved lagring ({type(exc).__name__}: {exc}); ingenting fra filen er lagret.",
            )

    def _walk(self, item: _Checked) -> Iterator[tuple[Delivery, Tjeneste, str, datetime | None]]:
        """Each delivery to store with its service, delivery id and DatoUttrekk; notes the
        repeats of a Sak (15F Individ) in one file, of which the first is stored."""
        seen: set[str] = set()
        for delivery in item.deliveries:
            tjeneste = self.resolver.resolve(delivery.avgiver.kommunenummer)
            sak = delivery.sak
            if sak.id in seen:  # 15F: the same Individ Id more than once in one file
                what = f"Individ {sak.migrert_id}" if delivery.source == "15f" else f"Sak {sak.id}"
                item.result.notes.append(
                    f"{item.result.name}: {what} forekommer flere ganger i filen (linje {sak.line or '?'}); "
                    "den første forekomsten er lagret."
                )
                continue
            seen.add(sak.id)
            delivery_id = _uuid_text(delivery.id)
            if delivery_id is None:  # 15F (no delivery ids) or an Id that is not a UUID
                delivery_id = str(uuid.uuid5(_NS_15F, f"{item.digest}:{sak.id}"))
            yield delivery, tjeneste, delivery_id, _aware(delivery.dato_uttrekk)

    def _plan_file(self, item: _Checked, existing: dict[str, _Existing], pending: NewCases) -> bool:
        """Add a file to the bulk insert when it only creates cases or repeats stored
        deliveries; ``False`` (nothing planned) when it replaces a case."""
        result = item.result
        new: list[tuple[Tjeneste, SakRecord, str, datetime | None, str]] = []
        tjenester: set[str] = set()
        for delivery, tjeneste, delivery_id, moment in self._walk(item):
            tjenester.add(tjeneste.slug)
            sak = delivery.sak
            before = existing.get(_uuid_text(sak.id) or sak.id)
            if before is None:
                new.append((tjeneste, sak, delivery_id, moment, delivery.source))
                continue
            if before.tjeneste_id != tjeneste.pk:
                raise ImportRefused(_other_service(sak, before, tjeneste))
            older = bool(before.siste_levering_tid and moment and before.siste_levering_tid > moment)
            if not older and before.siste_levering_id != delivery_id:
                _clear(result)
                return False  # a replacement: ``store_record`` in the file's own savepoint
            result.unchanged += 1
            result.older += older
        for tjeneste, sak, delivery_id, moment, source in new:
            pending.add(tjeneste, sak, delivery_id=delivery_id, dato_uttrekk=moment, source=source)
            result.created += 1
            result.elements += elements_of(sak)
        result.imported = True
        item.audit = self._audit(item, tjenester)
        pending.files.append(item)
        return True

    def _audit(self, item: _Checked, tjenester: set[str]) -> LogItem:
        result = item.result
        return LogItem(
            "import",
            f"Importerte {os.path.basename(result.name)[:120]} ({result.saker} saker)",
            data={
                "fil": result.name,
                "format": result.kind,
                "tjeneste": sorted(tjenester),
                "nye": result.created,
                "erstattet": result.replaced,
                "uendret": result.unchanged,
                "elementer": result.elements,
                "tillatte_feil": result.errors_allowed,
            },
        )

    def _store_file(self, item: _Checked) -> None:
        result = item.result
        existing = _existing([d.sak.id for d in item.deliveries])
        tjenester: set[str] = set()
        for delivery, tjeneste, delivery_id, moment in self._walk(item):
            tjenester.add(tjeneste.slug)
            sak = delivery.sak
            before = existing.get(_uuid_text(sak.id) or sak.id)
            if before is not None and before.tjeneste_id != tjeneste.pk:
                raise ImportRefused(_other_service(sak, before, tjeneste))
            older = bool(
                before and before.siste_levering_tid and moment and before.siste_levering_tid > moment
            )
            if before is not None and not older and delivery.source != "15f":
                self._check_chain(result.name, sak, delivery, delivery_id, before, result)
            stored = store_record(
                tjeneste,
                sak,
                delivery_id=delivery_id,
                dato_uttrekk=moment,
                source=delivery.source,
                known_new=before is None and _uuid_text(sak.id) is not None,
            )
            if stored.status == "created":
                result.created += 1
            elif stored.status == "replaced":
                result.replaced += 1
            else:
                result.unchanged += 1
                result.older += older
            if stored.status != "unchanged":
                result.elements += elements_of(sak)
        result.imported = True
        audit = self._audit(item, tjenester)
        log(audit.action, audit.what, data=audit.data)

    @staticmethod
    def _check_chain(
        name: str, sak: SakRecord, delivery: Delivery, delivery_id: str, before: _Existing, result: FileResult
    ) -> None:
        last = before.siste_levering_id
        if not last or last == delivery_id or before.kilde == "15f":
            return
        previous = _uuid_text(delivery.forrige_id)
        if previous == last:
            return
        said = f"ForrigeId {delivery.forrige_id}" if delivery.forrige_id else "ingen ForrigeId"
        result.gaps.append(
            f"{name}: Sak {sak.id} (journalnummer {sak.journalnummer}): leveransen {delivery_id} har "
            f"{said}, men siste lagrede leveranse er {last}. Én eller flere leveranser mangler i "
            "kjeden; saken er likevel oppdatert fra denne (nyere) leveransen."
        )


@dataclass
class _Checked:
    """One checked file on its way to the database: ``deliveries`` empty when refused."""

    result: FileResult
    deliveries: list[Delivery] = field(default_factory=list)
    digest: str = ""  # sha256 of the bytes, when delivery ids are made from the content (15F)
    audit: LogItem | None = None  # the audit row, for a file in the bulk insert


def _clear(result: FileResult) -> None:
    """Forget what storing the file counted (before it is stored another way)."""
    result.imported = False
    result.created = result.replaced = result.unchanged = result.older = result.elements = 0
    result.gaps = []
    result.notes = []


def _reset(result: FileResult, reason: str) -> None:
    _clear(result)
    result.reason = reason


def _other_service(sak: SakRecord, before: _Existing, tjeneste: Tjeneste) -> str:
    return (
        f"Saken {sak.id} (journalnummer {before.journalnummer}) er allerede lagret i en "
        f"annen tjeneste enn «{tjeneste.slug}». Ingenting fra filen er lagret."
    )


def _db_message(exc: Exception) -> str:
    text = str(exc)
    if "journalnummer" in text or "UNIQUE" in text.upper():
        return "en sak med samme journalnummer finnes allerede i tjenesten"
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _existing(sak_ids: list[str]) -> dict[str, _Existing]:
    """What is stored for these Sak ids, in one query per 500 ids (keys: canonical UUID text)."""
    wanted = [u for u in (_uuid_text(i) for i in sak_ids) if u]
    found: dict[str, _Existing] = {}
    for start in range(0, len(wanted), 500):
        rows = m.Sak.objects.filter(pk__in=wanted[start : start + 500]).values_list(
            "pk", "tjeneste_id", "journalnummer", "siste_levering_id", "siste_levering_tid", "kilde"
        )
        for pk, tjeneste_id, journal, last_id, last_time, kilde in rows.order_by():
            found[str(pk)] = _Existing(
                tjeneste_id, journal, str(last_id) if last_id else None, last_time, kilde
            )
    return found


def _sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Source]:
    """Every document under ``paths``; a path that does not exist is one unreadable document."""
    for path in paths:
        try:
            sources: Iterable[Source] = iter_sources([path])
        except XmlFileError as exc:
            yield Source(exc.file, _raiser(exc))
            continue
        yield from sources


def _raiser(exc: XmlFileError) -> Callable[[], bytes]:
    def read() -> bytes:
        raise exc

    return read


def count_sources(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many documents ``import_paths`` will see (for a progress bar; reads no content)."""
    return sum(1 for _ in _sources(paths))


def import_paths(
    paths: Iterable[str | os.PathLike[str]],
    service: Tjeneste | None = None,
    *,
    allow_errors: bool = False,
    year: int | None = None,
    progress: Callable[[FileResult], None] | None = None,
) -> ImportSummary:
    """Shortcut: ``Importer(service, allow_errors=..., year=...).import_paths(paths)``."""
    return Importer(service, allow_errors=allow_errors, year=year).import_paths(paths, progress=progress)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def summary_text(summary: ImportSummary) -> str:
    """The end-of-run summary for people, in Norwegian."""
    lines = [
        f"Importerte {_n(summary.imported_files)} av {_n(summary.files)} filer"
        + (f" ({_n(len(summary.rejected))} avvist)." if summary.rejected else "."),
        f"Saker: {_n(summary.created)} nye, {_n(summary.replaced)} erstattet, "
        f"{_n(summary.unchanged)} uendret"
        + (
            f" (av dem {_n(summary.older)} eldre leveranser som ikke erstattet nyere)."
            if summary.older
            else "."
        ),
        f"Elementer lagret: {_n(summary.elements)}.",
    ]
    if any("Avgiver-kommunen" in r.reason for r in summary.rejected):
        lines.append("Tjenesten oppgis med --service.")
    if summary.warnings:
        lines.append(f"Advarsler i importerte filer: {_n(summary.warnings)} (se «barnevern validate»).")
    if summary.errors_allowed:
        lines.append(f"Feil som ble tillatt med --allow-errors: {_n(summary.errors_allowed)}.")
    if summary.gaps:
        lines += ["", f"Brudd i ForrigeId-kjeden ({_n(len(summary.gaps))}):"]
        lines += [f"  - {gap}" for gap in summary.gaps]
    if summary.notes:
        lines += ["", f"Merknader ({_n(len(summary.notes))}):"]
        lines += [f"  - {note}" for note in summary.notes]
    if summary.rejected:
        lines += ["", f"Avviste filer ({_n(len(summary.rejected))}):"]
        for result in summary.rejected:
            lines.append(f"  - {result.name}: {result.reason}")
            for f in result.findings:
                where = f"linje {f.line}: " if f.line else ""
                sak = f"Sak {f.sak_id}, " if f.sak_id else ""
                lines.append(f"      [{f.rule}] {sak}{where}{f.message}")
    return "\n".join(lines) + "\n"
