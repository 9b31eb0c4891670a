"""One export contract for tables: CSV and XLSX from the same rows, made safe.

Cells that a spreadsheet would treat as a formula (beginning with ``=``, ``+``, ``-``,
``@``, tab or carriage return) are neutralised with a leading apostrophe (OWASP "CSV
injection"). Files holding personal data carry a marker line and a file name that says so.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PERSONAL_DATA_MARK = "INNEHOLDER PERSONOPPLYSNINGER – taushetsbelagt etter barnevernsloven § 13-1"


def neutralise(value: Any) -> Any:
    """Make one cell safe for spreadsheets; numbers stay numbers."""
    if isinstance(value, int | float | Decimal) or value is None:
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    personal_data: bool = False

    def filename(self, stem: str, ext: str) -> str:
        return f"{stem}{'-personopplysninger' if self.personal_data else ''}.{ext}"


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    if table.personal_data:
        writer.writerow([PERSONAL_DATA_MARK])
    writer.writerow([neutralise(h) for h in table.header])
    for row in table.rows:
        writer.writerow([neutralise(c) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def to_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = table.title[:31] or "Ark1"
    if table.personal_data:
        ws.append([PERSONAL_DATA_MARK])
    ws.append([neutralise(h) for h in table.header])
    for row in table.rows:
        ws.append([neutralise(c) for c in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
