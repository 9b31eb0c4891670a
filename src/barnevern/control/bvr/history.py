"""What the run-level Sak K22 check keeps of each delivery, in memory that stays bounded.

Sak K22 across files (``sak.slettet_history``) needs, for every Sak delivered more than once
in one run, the elements of all its deliveries, and a run does not know in advance which
Saker come again. Keeping every element id as a Python string in a set cost ~2 KB per file
(209 MB at 100,000 files) and slowed the garbage collector down as the run grew. Here each
delivery becomes one small row:

* the Sak id (text), and the element keys ``(BegrepsType, Id)`` as 8-byte digests packed in
  one ``bytes``: Python's own 64-bit ``hash`` of the key, which costs a tenth of a BLAKE2b
  digest and is stable for the life of the process (the digests never leave the run; a
  chance collision of two keys of the same Sak is about 2⁻⁶⁴ per pair and could only hide a
  warning);
* the file name and the ``Slettet`` entries, only for deliveries that have any.

Rows are buffered ``SPILL_ROWS`` at a time. A run that ends before the buffer is full is
checked in memory; a larger run moves the rows to a temporary SQLite file (deleted at the
end), so memory stays flat however many files there are.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from array import array
from collections.abc import Iterable, Iterator

from barnevern.control.base import Finding, Severity

__all__ = ["SPILL_ROWS", "SlettetHistory", "element_digest", "k22_message"]

SPILL_ROWS = 5000
_DIGEST = 8
_INT64 = "q" if array("q").itemsize == _DIGEST else "l"

# (sak id, packed element digests, file, slettet as [(type, id, line)] or None)
_Row = tuple[str, bytes, str, list[tuple[str, str, int | None]] | None]


def element_digest(type_name: str, element_id: str) -> bytes:
    """8 bytes standing for the element key ``(BegrepsType, Id)`` (in this process)."""
    return array(_INT64, (hash((type_name, element_id)),)).tobytes()


def _packed(elements: Iterable[tuple[str, str]]) -> bytes:
    """The sorted, distinct ``element_digest``s of ``elements`` in one ``bytes``."""
    return array(_INT64, sorted(set(map(hash, elements)))).tobytes()


def k22_message(type_name: str, element_id: str) -> str:
    return (
        f"SlettetType peker til et ikke-eksisterende element ({type_name} {element_id}). "
        "Kontroller Id og Type i Slettet."
    )


class SlettetHistory:
    """Collects deliveries (``add``) and gives the Sak K22 findings across them (``findings``)."""

    def __init__(self, spill_rows: int = SPILL_ROWS) -> None:
        self.spill_rows = spill_rows
        self._buffer: list[_Row] = []
        self._db: sqlite3.Connection | None = None
        self._dir: tempfile.TemporaryDirectory[str] | None = None
        self._seq = 0

    def add(
        self,
        file: str,
        sak_id: str,
        elements: Iterable[tuple[str, str]],
        slettet: Iterable[tuple[str, str, int | None]] = (),
    ) -> None:
        packed = _packed(
            elements if isinstance(elements, (set, frozenset)) else [(t, i) for t, i in elements]
        )
        gone = [(t, i, line) for t, i, line in slettet]
        self._buffer.append((sak_id, packed, file, gone or None))
        if len(self._buffer) >= self.spill_rows:
            self._spill()

    def findings(self) -> list[Finding]:
        """Sak K22 for every Sak delivered at least twice: a Slettet whose target is in none
        of the Sak's deliveries. In order of the Sak's first delivery, then delivery order."""
        try:
            return [f for group in self._groups() for f in _check(group)]
        finally:
            self.close()

    def close(self) -> None:
        self._buffer = []
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None

    # --- storage ---------------------------------------------------------------------------

    def _spill(self) -> None:
        if self._db is None:
            self._dir = tempfile.TemporaryDirectory(prefix="barnevern-k22-")
            self._db = sqlite3.connect(os.path.join(self._dir.name, "k22.sqlite3"))
            self._db.executescript(
                "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-4000;"
                "CREATE TABLE d (seq INTEGER PRIMARY KEY, sak TEXT, elements BLOB, file TEXT, slettet TEXT);"
            )
        rows = []
        for sak_id, packed, file, gone in self._buffer:
            self._seq += 1
            rows.append(
                (self._seq, sak_id, packed, file if gone else None, json.dumps(gone) if gone else None)
            )
        self._db.executemany("INSERT INTO d VALUES (?, ?, ?, ?, ?)", rows)
        self._buffer = []

    def _groups(self) -> Iterator[list[_Row]]:
        """The rows of each Sak with two or more deliveries."""
        if self._db is None:
            by_sak: dict[str, list[_Row]] = {}
            for row in self._buffer:
                by_sak.setdefault(row[0], []).append(row)
            yield from (rows for rows in by_sak.values() if len(rows) > 1)
            return
        self._spill()
        db = self._db
        db.execute("CREATE INDEX d_sak ON d (sak, seq)")
        query = (
            "SELECT d.sak, d.elements, d.file, d.slettet FROM d JOIN ("
            " SELECT sak, MIN(seq) AS first FROM d GROUP BY sak HAVING COUNT(*) > 1"
            ") g ON g.sak = d.sak ORDER BY g.first, d.seq"
        )
        group: list[_Row] = []
        for sak_id, packed, file, gone in db.execute(query):
            if group and group[0][0] != sak_id:
                yield group
                group = []
            slettet = [(t, i, line) for t, i, line in json.loads(gone)] if gone else None
            group.append((sak_id, packed, file or "", slettet))
        if group:
            yield group


def _check(rows: list[_Row]) -> Iterator[Finding]:
    if not any(row[3] for row in rows):
        return
    known = {row[1][k : k + _DIGEST] for row in rows for k in range(0, len(row[1]), _DIGEST)}
    for sak_id, _packed, file, gone in rows:
        for type_name, element_id, line in gone or ():
            if element_digest(type_name, element_id) not in known:
                yield Finding(
                    rule="Sak K22",
                    severity=Severity.WARNING,
                    message=k22_message(type_name, element_id),
                    file=file,
                    line=line,
                    sak_id=sak_id,
                    element_id=element_id,
                )
