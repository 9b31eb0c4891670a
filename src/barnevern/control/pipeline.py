"""Validate files, directories and zip archives of BVR or KOSTRA 15F documents.

For every document (``formats.sources.iter_sources``):

1. parse safely (``formats.xmlsafe``); a file that is not well-formed, too large or carries a
   DOCTYPE gives a FATAL «Filbeskrivelse» naming line and column, and nothing else is checked;
2. detect the format (``formats.detect``), unless ``fmt`` names one;
3. **BVR**: choose the schema version (``detect.select_bvr_schema``; ``fmt`` "bvr-v4",
   "bvr-v3" or "bvr-v1" forces one) and check the XSD. A failing document gives FATAL
   «Filbeskrivelse» findings (one per XSD error, at most ``MAX_XSD_ERRORS``) and its rules
   are not run. A valid one is read into records (``formats.bvr_reader``) and checked by
   every BVR rule (``control.bvr.check_bvr``) and the two generic code rules (WARNING);
4. **15F**: ``control.kostra15f.check_15f`` (KOSTRA-KP's rules and XSD handling) with the
   reporting year ``year``, else ``Avgiver/@Versjon``, else last year (15F files are
   delivered the year after), then the generic code rules (INFO) on the
   Individs mapped to BVR records;
5. after all files: Sak K22 across deliveries of the same Sak (``bvr.history.SlettetHistory``:
   compact digests, spilled to a temporary SQLite file in long runs, so memory stays flat).

Documents go through these steps in batches of ``BATCH`` (each step over the whole batch,
then the next; see ``_Run``); the findings come out in document order, exactly as if each
document were checked on its own.

Pure Python, no Django and no database; the ``validate`` management command is a thin front.
Output (``report_json``, ``report_text``) and the rule table (``rules_table``) are in
``control.report``, which sits above this module (it reads a ``ValidationReport``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from typing import Any

from lxml import etree

from barnevern.control.base import Finding, Severity, exit_code
from barnevern.control.bvr import check_bvr
from barnevern.control.bvr.history import SlettetHistory
from barnevern.control.bvr.sak import element_keys
from barnevern.control.generic import KOSTRA_15F_COVERED, check_codes
from barnevern.control.kostra15f import check_15f
from barnevern.control.workers import batched, ordered_map, usable_jobs
from barnevern.formats.bvr_reader import read_bvr, read_bvr_root
from barnevern.formats.detect import detect_format, select_bvr_schema
from barnevern.formats.kostra15f import (
    Kostra15FError,
    Kostra15FFile,
    local_name,
    read_avgiver,
    read_individ,
    to_deliveries,
)
from barnevern.formats.sources import Source, iter_sources, read_file
from barnevern.formats.xmlsafe import XmlFileError, parse_bytes
from barnevern.formats.xsd import BVR_SCHEMAS
from barnevern.records import Delivery

__all__ = [
    "FORMATS",
    "MAX_XSD_ERRORS",
    "CheckedDocument",
    "ValidationReport",
    "check_documents",
    "validate_document",
    "validate_paths",
]

FORMATS = ("auto", *BVR_SCHEMAS, "15f")
MAX_XSD_ERRORS = 50
BATCH = 32  # documents per batch (see ``_Run``)
CHUNK = 256  # documents per task for a worker process (see ``check_documents``)
BATCH_BYTES = 8 * 1024 * 1024
FILBESKRIVELSE = "Filbeskrivelse"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """What ``validate_paths`` found: how many documents were read, and the findings."""

    files: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 (only INFO or nothing), 1 (warnings) or 2 (errors or fatal), as KOSTRA-KP."""
        return exit_code(self.findings)


def _fatal(file: str, message: str, line: int | None = None) -> Finding:
    return Finding(FILBESKRIVELSE, Severity.FATAL, message, file=file, line=line)


def _where(exc: XmlFileError) -> str:
    if exc.line is None:
        return ""
    return f" (linje {exc.line}" + (f", kolonne {exc.column})" if exc.column else ")")


class _Document:
    """One document on its way through the stages of a batch."""

    __slots__ = ("name", "findings", "data", "tree", "kind", "schema", "delivery", "deliveries", "digest")

    def __init__(self, name: str) -> None:
        self.name = name
        self.findings: list[Finding] = []
        self.data: bytes | None = None
        self.tree: etree._ElementTree | None = None
        self.kind: str | None = None  # "bvr", "bvr-v4"/"bvr-v3"/"bvr-v1" (forced) or "15f"
        self.schema: str | None = None
        self.delivery: Delivery | None = None
        self.deliveries: list[Delivery] = []  # kept with ``keep``
        self.digest = ""


@dataclass(slots=True)
class CheckedDocument:
    """One document checked by ``check_documents``.

    ``findings``: this document's own findings (no cross-file rule). ``history``: what Sak K22
    needs from a BVR delivery (Sak id, element keys, Slettet entries), else None.
    ``deliveries`` (BVR: one; 15F: one per readable Individ) and ``digest`` (sha256 of the
    bytes) only when asked for with ``keep``. ``error``: a fault in our own code while
    checking this document (the other documents are still checked)."""

    name: str
    findings: list[Finding]
    history: tuple[str, frozenset[tuple[str, str]], list[tuple[str, str, int | None]]] | None = None
    deliveries: list[Delivery] = field(default_factory=list)
    digest: str = ""
    error: str | None = None


class _Run:
    """Documents are checked in batches of up to ``BATCH`` (or ``BATCH_BYTES`` of XML): each
    stage (parse, XSD, records, rules ...) runs over the whole batch before the next, which
    keeps the interpreter's caches warm and costs a fifth less than one document at a time
    (same process, same core). Findings are kept per document and reported in document
    order, so the output is exactly that of checking one document after the other."""

    def __init__(self, year: int | None, fmt: str, keep: bool = False) -> None:
        check_format(fmt)
        self.year, self.fmt, self.keep = year, fmt, keep

    def batches(self, sources: Iterable[Source]) -> Iterator[list[CheckedDocument]]:
        """The sources in batches of ``BATCH`` documents (or ``BATCH_BYTES``), checked."""
        batch: list[_Document] = []
        size = 0
        for source in sources:
            doc = self.load(source.name, source.open_bytes)
            batch.append(doc)
            size += len(doc.data or b"")
            if len(batch) >= BATCH or size >= BATCH_BYTES:
                yield self.guarded(batch)
                batch, size = [], 0
        if batch:
            yield self.guarded(batch)

    def guarded(self, batch: list[_Document]) -> list[CheckedDocument]:
        """``documents(batch)``; when our own code fails on the batch, each document alone,
        so the fault is pinned on the one document that causes it."""
        loaded = [(doc.data, list(doc.findings)) for doc in batch]
        try:
            return self.documents(batch)
        except Exception:  # noqa: BLE001 - a fault in a rule must not stop the other files
            out: list[CheckedDocument] = []
            for doc, (content, findings) in zip(batch, loaded, strict=True):
                alone = _Document(doc.name)
                alone.data, alone.findings, alone.digest = content, findings, doc.digest
                try:
                    out += self.documents([alone])
                except Exception as exc:  # noqa: BLE001
                    out.append(CheckedDocument(doc.name, [], error=f"{type(exc).__name__}: {exc}"))
            return out

    def load(self, name: str, read: Callable[[], bytes]) -> _Document:
        doc = _Document(name)
        try:
            doc.data = read()
        except XmlFileError as exc:
            self.unreadable(doc, exc)
        else:
            if self.keep:
                doc.digest = hashlib.sha256(doc.data).hexdigest()
        return doc

    def unreadable(self, doc: _Document, exc: XmlFileError) -> None:
        message = f"Filen kan ikke leses som XML{_where(exc)}: {exc.message}"
        doc.findings.append(_fatal(doc.name, message, exc.line))

    def documents(self, batch: list[_Document]) -> list[CheckedDocument]:
        """Every stage for a batch; the results in document order."""
        for doc in batch:
            if doc.data is not None:
                self.parse(doc)
        for doc in batch:
            if doc.tree is not None:
                self.detect(doc)
        for doc in batch:
            if doc.tree is not None and doc.kind is not None and doc.kind != "15f":
                self.xsd(doc)
        for doc in batch:
            if doc.schema is not None:
                self.read(doc)
        year = self.year
        for doc in batch:
            if doc.delivery is not None and not doc.delivery.sak.er_slettet:
                doc.findings.extend(check_bvr(doc.delivery, file=doc.name, year=year))
        for doc in batch:
            if doc.delivery is not None and not doc.delivery.sak.er_slettet:
                doc.findings.extend(check_codes(doc.delivery, file=doc.name))
        out = []
        for doc in batch:
            history = None
            if doc.kind == "15f" and doc.tree is not None:
                self.kostra_15f(doc)
            elif doc.delivery is not None:
                sak = doc.delivery.sak
                history = (sak.id, element_keys(sak), [(s.type, s.id, s.line) for s in sak.slettet])
            out.append(CheckedDocument(doc.name, doc.findings, history, doc.deliveries, doc.digest))
            doc.tree = doc.delivery = None
        return out

    def parse(self, doc: _Document) -> None:
        data, doc.data = doc.data, None
        try:
            doc.tree = parse_bytes(data, doc.name)  # type: ignore[arg-type]
        except XmlFileError as exc:
            self.unreadable(doc, exc)

    def detect(self, doc: _Document) -> None:
        assert doc.tree is not None
        kind = self.fmt if self.fmt != "auto" else detect_format(doc.tree)
        if kind is None:
            doc.findings.append(
                _fatal(
                    doc.name,
                    "Filen er verken en BVR-fil (Barnevern med Fagsystem, Avgiver og Sak) eller "
                    "en KOSTRA 15F-fil (Barnevern med Avgiver og Individ).",
                    doc.tree.getroot().sourceline,
                )
            )
            doc.tree = None
        doc.kind = kind

    def xsd(self, doc: _Document) -> None:
        assert doc.tree is not None
        name = doc.name
        schema, errors = select_bvr_schema(doc.tree, None if doc.kind == "bvr" else doc.kind)
        if errors:
            for error in errors[:MAX_XSD_ERRORS]:
                message = f"Innholdet er feil i forhold til filbeskrivelsen / XSD ({schema}): {error.message}"
                doc.findings.append(_fatal(name, message, error.line))
            if len(errors) > MAX_XSD_ERRORS:
                rest = len(errors) - MAX_XSD_ERRORS
                doc.findings.append(_fatal(name, f"… og {rest} XSD-feil til i samme fil."))
            doc.tree = None
            return
        doc.schema = schema

    def read(self, doc: _Document) -> None:
        tree, doc.tree = doc.tree, None
        assert tree is not None
        try:
            if doc.kind == "bvr":  # detect_format found "bvr" already: read without detecting again
                doc.delivery = read_bvr_root(tree.getroot(), doc.name, schema=doc.schema)
            else:
                doc.delivery = read_bvr(tree, doc.name, schema=doc.schema)
        except XmlFileError as exc:
            doc.findings.append(_fatal(doc.name, f"{exc.message}{_where(exc)}", exc.line))
            return
        if self.keep:
            doc.deliveries.append(doc.delivery)

    def kostra_15f(self, doc: _Document) -> None:
        name, tree = doc.name, doc.tree
        assert tree is not None
        year = self.year or _versjon(tree) or date.today().year - 1
        doc.findings.extend(check_15f(tree, name, year=year))
        for delivery in _deliveries_15f(tree, name):
            if self.keep:
                doc.deliveries.append(delivery)
            doc.findings.extend(
                check_codes(
                    delivery,
                    file=name,
                    severity=Severity.INFO,
                    as_of=date(year, 12, 31),
                    covered=KOSTRA_15F_COVERED,
                )
            )


def _versjon(tree: etree._ElementTree) -> int | None:
    """The reporting year in ``Avgiver/@Versjon`` of a 15F file, if it is a plausible year."""
    for element in tree.getroot():
        if isinstance(element.tag, str) and etree.QName(element).localname == "Avgiver":
            text = (element.get("Versjon") or "").strip()[:4]
            year = int(text) if text.isdigit() else 0
            return year if 1998 <= year <= 2100 else None
    return None


def _deliveries_15f(tree: etree._ElementTree, name: str) -> list[Delivery]:
    """The readable Individs as BVR records (unreadable ones are reported by the 15F rules)."""
    avgivere, individer = [], []
    for element in tree.getroot():
        if not isinstance(element.tag, str):
            continue
        try:
            if local_name(element) == "Avgiver":
                avgivere.append(read_avgiver(element, name))
            elif local_name(element) == "Individ":
                individer.append(read_individ(element, name))
        except Kostra15FError:
            continue
    if len(avgivere) != 1:
        return []
    return to_deliveries(Kostra15FFile(name=name, avgiver=avgivere[0], individer=tuple(individer)))


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"Ukjent format «{fmt}». Bruk en av: {', '.join(FORMATS)}.")


# --- many documents, in this process or in worker processes -----------------------------------


def _item(source: Source) -> tuple[str, str | None, bytes | None, tuple[str, int | None] | None]:
    """What a worker needs to check ``source``: (name, file path, bytes, refusal). A plain file
    is read by the worker itself; a zip member is read here (the archive is open here)."""
    if source.path is not None:
        return source.name, source.path, None, None
    try:
        return source.name, None, source.open_bytes(), None
    except XmlFileError as exc:
        return source.name, None, None, (exc.message, exc.line)


def _reader(item: tuple[str, str | None, bytes | None, tuple[str, int | None] | None]) -> Callable[[], bytes]:
    name, path, data, refusal = item
    if path is not None:
        return lambda: read_file(path, name)
    if refusal is not None:
        message, line = refusal

        def refuse() -> bytes:
            raise XmlFileError(name, message, line)

        return refuse
    assert data is not None
    return lambda: data


def _check_chunk(task: tuple[list[Any], int | None, str, bool]) -> list[CheckedDocument]:
    """Worker side of ``check_documents``: one chunk of items, checked in ``BATCH``es."""
    items, year, fmt, keep = task
    run = _Run(year, fmt, keep)
    out: list[CheckedDocument] = []
    for start in range(0, len(items), BATCH):
        out += run.guarded([run.load(item[0], _reader(item)) for item in items[start : start + BATCH]])
    return out


def check_documents(
    sources: Iterable[Source],
    *,
    year: int | None = None,
    fmt: str = "auto",
    keep: bool = False,
    jobs: int = 1,
) -> Iterator[CheckedDocument]:
    """Check every source exactly as ``validate`` does, one ``CheckedDocument`` per source, in
    the sources' order. Cross-file rules (Sak K22) are the caller's (``history``).

    With ``jobs`` > 1 the documents are checked in that many worker processes
    (``control.workers``), ``CHUNK`` documents per task, when there are more than two chunks;
    the results are the same, in the same order. Workers read plain files themselves.
    """
    check_format(fmt)
    iterator = iter(sources)
    jobs = usable_jobs(jobs)
    if jobs > 1:
        head = list(islice(iterator, 2 * CHUNK + 1))
        if len(head) > 2 * CHUNK:
            items = map(_item, chain(head, iterator))
            tasks = ((chunk, year, fmt, keep) for chunk in batched(items, CHUNK))
            for results in ordered_map(_check_chunk, tasks, jobs):
                yield from results
            return
        iterator = iter(head)
    for results in _Run(year, fmt, keep).batches(iterator):
        yield from results


@dataclass(frozen=True, slots=True)
class DocumentCheck:
    """One document's findings and the deliveries read from it (for the importer)."""

    findings: list[Finding]
    deliveries: list[Delivery]


def validate_document(
    name: str, read: Callable[[], bytes], *, year: int | None = None, fmt: str = "auto"
) -> DocumentCheck:
    """Validate ONE document exactly as ``validate_paths`` does, parsing it once, and keep the
    deliveries it was read into (BVR: one; 15F: one per readable Individ), so an importer can
    store what it checked. ``read`` gives the bytes (``Source.open_bytes``). Cross-file rules
    (Sak K22) are not run. Never raises for bad input."""
    (checked,) = check_documents([Source(name, read)], year=year, fmt=fmt, keep=True)
    if checked.error is not None:
        raise RuntimeError(checked.error)
    return DocumentCheck(checked.findings, checked.deliveries)


def validate_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    year: int | None = None,
    fmt: str = "auto",
    jobs: int = 1,
) -> ValidationReport:
    """Validate every document under ``paths`` (files, directories, zip archives).

    ``year`` is the reporting year: for 15F KOSTRA-KP's ``-y`` (default ``Avgiver/@Versjon``),
    for BVR the reference year of Sak K1 (default the year of DatoUttrekk). ``fmt`` is
    ``"auto"`` (detect per document), ``"bvr-v4"``/``"bvr-v3"``/``"bvr-v1"`` (BVR against that
    schema) or ``"15f"``. ``jobs``: worker processes (``check_documents``; the report is the
    same). A path that does not exist gives a FATAL finding; nothing raises for bad input,
    but a fault in our own code does (``RuntimeError`` naming the file).
    """
    check_format(fmt)
    files = 0
    findings: list[Finding] = []
    history = SlettetHistory()  # Sak K22 across files
    try:
        for path in paths:
            try:
                sources = iter_sources([path])
            except XmlFileError as exc:
                files += 1
                findings.append(_fatal(exc.file, exc.message))
                continue
            for checked in check_documents(sources, year=year, fmt=fmt, jobs=jobs):
                files += 1
                if checked.error is not None:
                    raise RuntimeError(f"Intern feil under kontrollen av {checked.name}: {checked.error}")
                findings.extend(checked.findings)
                if checked.history is not None:
                    history.add(checked.name, *checked.history)
        findings.extend(history.findings())
    finally:
        history.close()
    return ValidationReport(files=files, findings=findings)
