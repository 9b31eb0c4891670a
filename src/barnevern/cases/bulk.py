"""Bulk insert of brand-new cases from many files at once (for ``cases.importer``).

``services.store_record`` stores one case with one statement per element table; for an import
of many small files that is a dozen round trips per file. ``NewCases`` collects the rows of
new cases from a whole batch of files and writes them with one statement per table
(``insert``). The rows are exactly those ``store_record`` writes for a case it creates:
the same ``Sak`` fields and ``mapping.record_rows``. Only for cases that are not stored yet:
replacing a stored case stays with ``store_record``. The caller owns the transaction.

The rows go in with ``barnevern.fastinsert.insert_rows`` (one statement per table; model
``save()`` and signals are not called, as with ``bulk_create``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from barnevern.cases import models as m
from barnevern.cases.mapping import record_rows, unsaved
from barnevern.cases.services import sak_fields
from barnevern.fastinsert import BATCH_ROWS, insert_rows
from barnevern.organisation.models import Tjeneste
from barnevern.records import SakRecord

__all__ = ["BATCH_ROWS", "NewCases", "insert_rows", "new_sak"]


def new_sak(
    tjeneste: Tjeneste, rec: SakRecord, *, delivery_id: str | None, dato_uttrekk: datetime | None, source: str
) -> m.Sak:
    """The unsaved ``Sak`` row ``store_record`` creates for a new case."""
    fields = sak_fields(tjeneste, rec, delivery_id=delivery_id, dato_uttrekk=dato_uttrekk, source=source)
    return _new_sak_row(id=rec.id, **fields)


_new_sak_row = unsaved(m.Sak)


class NewCases:
    """Rows of new cases waiting for one bulk insert; ``files`` is the caller's bookkeeping
    (what the rows came from), emptied with the rows by ``clear``."""

    def __init__(self) -> None:
        self.saker: list[m.Sak] = []
        self.rows: dict[type, list[Any]] = defaultdict(list)
        self.files: list[Any] = []

    def add(
        self,
        tjeneste: Tjeneste,
        rec: SakRecord,
        *,
        delivery_id: str | None,
        dato_uttrekk: datetime | None,
        source: str,
    ) -> None:
        sak = new_sak(tjeneste, rec, delivery_id=delivery_id, dato_uttrekk=dato_uttrekk, source=source)
        self.saker.append(sak)
        for model, rows in record_rows(rec, sak).items():
            self.rows[model].extend(rows)

    def insert(self) -> None:
        """One ``insert_rows`` per table: cases first, then the element tables in
        ``record_rows`` order."""
        insert_rows(m.Sak, self.saker)
        for model, rows in self.rows.items():
            insert_rows(model, rows)

    def clear(self) -> None:
        self.saker = []
        self.rows = defaultdict(list)
        self.files = []
