"""Reading ledger files as accounting systems export them: CSV and XLSX into raw rows.

* CSV: UTF-8 (with or without BOM) or Windows-1252; separator ``;``, tab or ``,``, chosen
  from the first non-empty line (``;`` wins, as Norwegian exports use the decimal comma).
* XLSX: the first worksheet, cell values as stored (numbers, dates, text).

Rows keep their physical row number in the file so errors can name it ("Rad 14").
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

Row = tuple[int, list[Any]]


class ReadError(ValueError):
    """The file cannot be read at all; the message is Norwegian."""


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ReadError("Filen er verken UTF-8 eller Windows-1252; lagre den som CSV (UTF-8).") from None


def sniff_delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    for candidate in (";", "\t"):
        if candidate in first:
            return candidate
    return ","


def read_csv(data: bytes) -> list[Row]:
    text = decode(data)
    if "\x00" in text:
        raise ReadError("Filen ser ikke ut som en CSV-fil (inneholder binærdata).")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ReadError(f"Rad {start}: filen kan ikke leses som CSV ({exc}).") from None
    return rows


def read_xlsx(data: bytes) -> list[Row]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReadError(f"Filen kan ikke leses som XLSX ({type(exc).__name__}).") from None
    try:
        sheet = workbook.worksheets[0]
        return [(n, list(values)) for n, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()


def is_xlsx(data: bytes, filename: str) -> bool:
    return filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04"


def read_rows(data: bytes, filename: str) -> list[Row]:
    """All rows of the file with their row numbers (empty rows included)."""
    if not data:
        raise ReadError("Filen er tom.")
    return read_xlsx(data) if is_xlsx(data, filename) else read_csv(data)
