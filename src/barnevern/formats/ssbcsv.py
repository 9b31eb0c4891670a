"""SSB statbank tables downloaded as semicolon-separated CSV (pure Python, no Django).

The second import format after JSON-stat 2.0 (``formats.jsonstat``), read into the same
``Dataset``. What SSB writes (``reference/kostra-ssb.md`` §2, and a StatBank download seen in a
public repository: ``"region";"år";"statistikkvariabel";"06913: Befolkning og endringer, …"``):

* optional title lines, then one header row; ``;`` between fields (``,`` and tab are accepted
  too), decimal comma, ISO-8859-1 or UTF-8;
* the header names the variables in lower case (``region``, ``statistikkvariabel``, ``år``,
  ``alder``, …); with «codes and texts» each value is ``"3427 Tynset"``, ``"EKG14 KOSTRA-gruppe
  14"``, ``"KOSbelop0000 Beløp (1000 kr)"``;
* either one value column headed by the table (``"12275: Barn med …"``: every variable in the
  stub), or one column per year (``"2021"``) or per variable and year (``"KOSbelop0000 Beløp
  (1000 kr) 2021"``) when the time is in the heading.

Cells keep SSB's symbols (``:`` ``..`` ``.`` ``-``), never 0. The file must carry codes for
the region and the variable («Koder og tekster» / ``usecodesandtexts``); texts alone are
refused with a message saying so. The table number comes from a title line or the value
column's heading (``"12275: …"``), or is given by the caller. A CSV has no ``updated`` stamp.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from barnevern.formats.jsonstat import Dataset, Dimension, JsonStatError

__all__ = ["DEFAULT_DIMENSIONS", "SYMBOLS", "read_ssb_csv"]

SYMBOLS = (":", "..", ".", "-", "…", "...")
DEFAULT_DIMENSIONS = {
    "region": "KOKkommuneregion0000",
    "statistikkvariabel": "ContentsCode",
    "contents": "ContentsCode",
    "contentscode": "ContentsCode",
    "år": "Tid",
    "tid": "Tid",
    "year": "Tid",
}
REGION = re.compile(r"^(\d{2}|\d{4}|\d{6}|EAK|EAKUO|EAB|EAFK|EAFKUO|EKA\d{2}|EKG\d{2}|EKK\d{2}|EA[A-Z0-9]*)$")
TABLE = re.compile(r"^\s*(\d{5})\s*:")
YEAR_AT_END = re.compile(r"^(.*?)\s*(\d{4})$")
NUMBER = re.compile(r"^[−-]?\d+([.,]\d+)?$")


class _Fail(JsonStatError):
    pass


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("iso-8859-1")  # SSB's CSV encoding; never fails


def _rows(text: str) -> tuple[str, list[list[str]]]:
    """(delimiter, rows): the first of ``;``, tab and ``,`` that gives a header of two or more
    fields (a title line with commas stays one field with ``;``)."""
    lines = [line for line in text.splitlines() if line.strip()]
    for delimiter in (";", "\t", ","):
        rows = [[f.strip() for f in row] for row in csv.reader(lines, delimiter=delimiter)]
        if any(len(r) >= 2 for r in rows):
            return delimiter, rows
    raise _Fail("Fant ingen tabell: ingen overskriftslinje med felter skilt med «;».")


def _split(value: str) -> tuple[str, str]:
    """``"3427 Tynset"`` → ("3427", "Tynset"); a value without a code → (value, value)."""
    head, _, rest = value.partition(" ")
    if head and (any(ch.isdigit() for ch in head) or (head.isupper() and len(head) >= 2)):
        return head, rest.strip() or head
    return value, value


def _number(raw: str, delimiter: str) -> Decimal | None:
    text = raw.replace("\u00a0", "").replace(" ", "").replace("−", "-")
    if not NUMBER.match(text):
        return None
    if "," in text:
        if delimiter == ",":
            return None
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def read_ssb_csv(
    data: bytes | str,
    *,
    name: str = "",
    table_id: str | None = None,
    dimension_ids: Mapping[str, str] | None = None,
) -> Dataset:
    """Read an SSB CSV download into a (sparse) ``Dataset``; ``JsonStatError`` naming the file,
    line and column when it cannot be read. ``dimension_ids`` maps a header text (``alder``) to
    the dimension's id in SSB's JSON-stat (``KOKalder0000``)."""
    prefix = f"{name}: " if name else ""
    try:
        return _read(data, name, prefix, table_id, {**DEFAULT_DIMENSIONS, **(dimension_ids or {})})
    except _Fail as exc:
        raise JsonStatError(prefix + str(exc)) from None


def _read(
    data: bytes | str, name: str, prefix: str, table_id: str | None, dim_ids: Mapping[str, str]
) -> Dataset:
    text = data if isinstance(data, str) else _decode(data, name)
    if not text.strip():
        raise _Fail("Filen er tom.")
    delimiter, rows = _rows(text)
    header_at = next(i for i, r in enumerate(rows) if len(r) >= 2)
    titles = [" ".join(r).strip() for r in rows[:header_at]]
    header = rows[header_at]
    body = rows[header_at + 1 :]
    title = next((t for t in titles if t), "")
    found_id = next((m.group(1) for t in [*titles, *header] if (m := TABLE.match(t))), None)
    table = (table_id or found_id or "").strip()
    if not table:
        raise _Fail(
            "Fant ikke tabellnummeret (en tittel som «12275: …»). Last ned med tittel, eller oppgi "
            "tabellen (--table)."
        )
    if found_id and table_id and found_id != table_id:
        raise _Fail(f"Filen er tabell {found_id}, ikke {table_id}.")
    long_at = [i for i, h in enumerate(header) if TABLE.match(h)]
    if long_at:
        values_at = long_at[-1:]
    else:
        values_at = [i for i, h in enumerate(header) if h.lower() not in dim_ids and YEAR_AT_END.match(h)]
    if not values_at:
        values_at = [len(header) - 1]  # the last column holds the figures
    stub = [i for i in range(len(header)) if i not in values_at]
    ids = [dim_ids.get(header[i].lower(), header[i]) for i in stub]
    region_id = dim_ids["region"]
    if region_id not in ids:
        raise _Fail(
            "Fant ikke kolonnen «region». Last ned med «Koder og tekster» og alle variabler i forspalten."
        )
    heading: list[tuple[str | None, str]] = []  # per value column: (contents code or None, year)
    if len(values_at) == 1 and not YEAR_AT_END.match(header[values_at[0]]) or long_at:
        if "Tid" not in ids or "ContentsCode" not in ids:
            missing = [t for t, i in (("statistikkvariabel", "ContentsCode"), ("år", "Tid")) if i not in ids]
            raise _Fail(f"Fant ikke kolonnen «{'», «'.join(missing)}».")
        title = title or header[values_at[0]]
    else:
        for i in values_at:
            match = YEAR_AT_END.match(header[i])
            if not match:
                raise _Fail(f"Kolonnen «{header[i]}» er verken en variabel eller et år.")
            rest, year = match.group(1).strip(), match.group(2)
            code = _split(rest)[0] if rest else None
            if code is None and "ContentsCode" not in ids:
                raise _Fail(f"Kolonnen «{header[i]}» sier ikke hvilken statistikkvariabel den gjelder.")
            heading.append((code, year))
    # categories in order of appearance
    cats: dict[str, dict[str, str]] = {dim: {} for dim in [*ids, "ContentsCode", "Tid"]}
    cells: dict[tuple[str, ...], tuple[Decimal | None, str | None, int]] = {}
    order = [*ids] + [d for d in ("ContentsCode", "Tid") if d not in ids]
    for n, row in enumerate(body, start=header_at + 2):
        if len(row) != len(header):
            raise _Fail(f"Linje {n} har {len(row)} felter, men overskriften har {len(header)}.")
        coords: dict[str, str] = {}
        for i, dim in zip(stub, ids, strict=True):
            code, label = _split(row[i])
            if dim == region_id and not REGION.match(code):
                raise _Fail(
                    f"Linje {n}, kolonne «{header[i]}»: «{row[i]}» har ingen regionkode. Last ned med "
                    "«Koder og tekster»."
                )
            if dim == "ContentsCode" and code == label:
                raise _Fail(
                    f"Linje {n}, kolonne «{header[i]}»: «{row[i]}» har ingen variabelkode. Last ned med "
                    "«Koder og tekster»."
                )
            coords[dim] = code
            cats[dim].setdefault(code, label)
        for j, i in enumerate(values_at):
            full = dict(coords)
            if heading:
                code, year = heading[j]
                if code is not None:
                    full["ContentsCode"] = code
                    cats["ContentsCode"].setdefault(code, _split(header[i][: -len(year)].strip())[1])
                full["Tid"] = year
                cats["Tid"].setdefault(year, year)
            if not re.fullmatch(r"\d{4}", full.get("Tid", "")):
                raise _Fail(f"Linje {n}: «{full.get('Tid')}» er ikke et år; bare årstabeller kan leses inn.")
            raw = row[i]
            symbol: str | None
            if raw in SYMBOLS:
                value, symbol = None, ("…" if raw == "..." else raw)
            else:
                value, symbol = _number(raw, delimiter), None
                if value is None:
                    raise _Fail(
                        f"Linje {n}, kolonne «{header[i]}»: «{raw}» er verken et tall eller et av SSBs "
                        "symboler (: .. . -)."
                    )
            key = tuple(full[d] for d in order)
            if key in cells:
                raise _Fail(
                    f"Linje {n}: cellen {', '.join(key)} står to ganger (også på linje {cells[key][2]})."
                )
            cells[key] = (value, symbol, n)
    if not cells:
        raise _Fail("Tabellen har ingen tallrader.")
    dimensions = tuple(Dimension(id=d, label=d, codes=tuple(cats[d]), labels=dict(cats[d])) for d in order)
    positions = [{c: k for k, c in enumerate(dim.codes)} for dim in dimensions]
    sizes = [len(dim.codes) for dim in dimensions]
    values: dict[int, Decimal | None] = {}
    status: dict[int, str] = {}
    for key, (value, found, _line) in cells.items():
        flat = 0
        for d, code in enumerate(key):
            flat = flat * sizes[d] + positions[d][code]
        values[flat] = value
        if found:
            status[flat] = found
    label = title if TABLE.match(title or "") else f"{table}: {title}".rstrip(": ")
    return Dataset(
        label=label,
        source="Statistisk sentralbyrå",
        updated=None,
        table_id=table,
        notes=(),
        dimensions=dimensions,
        roles={"geo": (region_id,), "time": ("Tid",), "metric": ("ContentsCode",)},
        extension={},
        values=values,
        status=status,
        format="csv",
    )
