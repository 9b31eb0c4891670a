"""JSON-stat 2.0 datasets as Statistics Norway's PxWebApi returns them (pure Python, no Django).

A dataset is a set of dimensions (``id`` and ``size`` give their order and sizes) and one flat
``value`` array in **row-major order**: the last dimension varies fastest, so the stride of
dimension *i* is the product of the sizes after it. ``status`` carries a symbol per cell.
SSB writes ``value: null`` with a status for every cell it does not give:

======  =====================================================================================
``:``   not shown for confidentiality (prikket)
``..``  no data (tallgrunnlag mangler)
``.``   cannot be given / not applicable (the category did not exist)
``-``   exactly zero (SSB's older symbol list)
======  =====================================================================================

This reader keeps every cell with its status; nothing is turned into 0. A ``null`` without a
status is read as ``..`` (missing). Sources: the JSON-stat 2.0 format (json-stat.org), SSB's
files for tables 12367 and 11816 as described in ``reference/kostra-ssb.md`` §2, SSB's symbol
list (SSB Rapporter 2020/48 and 2020/18).

**Why no library.** The format is one flat array and a few dictionaries; reading it is about a
hundred lines of standard library. The Python packages on the index either pull in pandas and
numpy for a DataFrame (``pyjstat``: pandas + requests, and it is not documented to keep
``status``), are unmaintained since 2017 (``jsonstat.py``), are API clients rather than file
readers (``pxwebpy``) or only validate (``jsonstat-validator``). We need the status of each
cell for certain, Decimal values and Norwegian error messages naming the problem, so we read
the file ourselves.

What is accepted, as the standard allows: ``category.index`` as an object or a list (or
absent, for a dimension with one category, taken from ``label``); ``value`` as a list or an
object keyed by the flat index; ``status`` as a list (of one symbol for all cells, or one per
cell), an object keyed by the flat index, or one string for every cell.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

__all__ = [
    "MAX_CELLS",
    "STATUS_TEXT",
    "Cell",
    "Dataset",
    "Dimension",
    "JsonStatError",
    "Unit",
    "parse_updated",
    "read_jsonstat",
]

MAX_CELLS = 2_000_000  # SSB's PxWebApi gives at most 800 000 cells per call
MISSING = ".."
STATUS_TEXT = {
    ":": "prikket (skjult av personvernhensyn)",
    "..": "mangler",
    ".": "kan ikke forekomme",
    "-": "null",
    "…": "oppgave mangler foreløpig",
    "*": "foreløpig tall",
}


class JsonStatError(ValueError):
    """A file that is not a usable JSON-stat 2.0 dataset; the message is Norwegian and names
    the file and the problem."""


@dataclass(frozen=True, slots=True)
class Unit:
    base: str
    decimals: int | None


@dataclass(frozen=True, slots=True)
class Dimension:
    id: str
    label: str
    codes: tuple[str, ...]  # in index order
    labels: Mapping[str, str]
    units: Mapping[str, Unit] = field(default_factory=dict)

    def label_of(self, code: str) -> str:
        return self.labels.get(code, code)


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: its category code per dimension (in the dataset's order), the number or None,
    and the status symbol or None."""

    coords: tuple[str, ...]
    value: Decimal | None
    status: str | None


@dataclass(frozen=True, slots=True)
class Dataset:
    """One statistics table (or a selection of it) read from a file.

    ``values`` is the flat list, or a mapping flat index → value for a sparse dataset (the CSV
    reader builds those); ``status`` maps flat index → symbol.
    """

    label: str
    source: str
    updated: datetime | None
    table_id: str | None
    notes: tuple[str, ...]
    dimensions: tuple[Dimension, ...]
    roles: Mapping[str, tuple[str, ...]]
    extension: Mapping[str, Any]
    values: Sequence[Decimal | None] | Mapping[int, Decimal | None]
    status: Mapping[int, str]
    format: str = "json-stat2"

    @property
    def size(self) -> tuple[int, ...]:
        return tuple(len(d.codes) for d in self.dimensions)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.dimensions)

    def dimension(self, dim_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dim_id:
                return d
        raise KeyError(dim_id)

    def role(self, name: str, *fallbacks: str) -> str | None:
        """The dimension with ``role`` ``name`` (time, geo, metric), else the first fallback id
        present."""
        for dim_id in self.roles.get(name, ()):
            if dim_id in self.ids:
                return dim_id
        return next((f for f in fallbacks if f in self.ids), None)

    @property
    def synthetic(self) -> bool:
        """Marked as invented figures (our demo files: ``extension.barnevern.synthetic``)."""
        ours = self.extension.get("barnevern")
        return isinstance(ours, dict) and ours.get("synthetic") is True

    def __len__(self) -> int:
        return len(self.values)

    def cells(self) -> Iterator[Cell]:
        """Every cell, in flat order, with its coordinates."""
        sizes = self.size
        strides = [math.prod(sizes[i + 1 :]) for i in range(len(sizes))]
        codes = [d.codes for d in self.dimensions]
        pairs: Iterable[tuple[int, Decimal | None]]
        if isinstance(self.values, Mapping):
            mapping = self.values
            pairs = ((i, mapping[i]) for i in sorted(mapping))
        else:
            pairs = enumerate(self.values)
        for flat, value in pairs:
            coords = tuple(codes[d][(flat // strides[d]) % sizes[d]] for d in range(len(sizes)))
            status = self.status.get(flat)
            if value is None and status is None:
                status = MISSING
            yield Cell(coords, value, status)


def parse_updated(text: Any, where: str = "") -> datetime | None:
    """``updated`` as an aware datetime (ISO 8601; a date alone is midnight UTC)."""
    if text in (None, ""):
        return None
    if not isinstance(text, str):
        raise JsonStatError(f"{where}«updated» må være en dato som tekst, ikke {text!r}.")
    try:
        found = datetime.fromisoformat(text.strip())
    except ValueError:
        raise JsonStatError(f"{where}«updated» er ikke en dato på ISO-form: «{text}».") from None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def _fail(name: str, message: str) -> JsonStatError:
    return JsonStatError(f"{name}: {message}" if name else message)


def _reject_constant(text: str) -> Any:
    raise ValueError(f"ugyldig tall {text}")


def _load(data: bytes | str, name: str) -> Any:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _fail(
                name, f"Filen er ikke UTF-8 (byte {exc.start}). JSON-stat fra SSB er UTF-8."
            ) from None
    if not data.strip():
        raise _fail(name, "Filen er tom.")
    try:
        return json.loads(data, parse_float=Decimal, parse_int=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise _fail(name, f"Ikke gyldig JSON (linje {exc.lineno}, kolonne {exc.colno}): {exc.msg}.") from None
    except ValueError as exc:
        raise _fail(name, f"Ikke gyldig JSON: {exc}.") from None


def _index(dim_id: str, category: Mapping[str, Any], size: int, name: str) -> tuple[str, ...]:
    """The category codes in index order (``index`` as object or list; absent for one category)."""
    index = category.get("index")
    labels = category.get("label")
    if index is None:
        if isinstance(labels, dict) and len(labels) == 1:
            return (str(next(iter(labels))),)
        raise _fail(name, f"Dimensjonen «{dim_id}» mangler «category.index».")
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        codes = [""] * len(index)
        for code, pos in index.items():
            if not isinstance(pos, Decimal) or pos != int(pos) or not 0 <= int(pos) < len(index):
                raise _fail(name, f"Dimensjonen «{dim_id}»: ugyldig indeks {pos!r} for kategori «{code}».")
            if codes[int(pos)]:
                raise _fail(name, f"Dimensjonen «{dim_id}»: to kategorier har indeks {int(pos)}.")
            codes[int(pos)] = str(code)
    else:
        raise _fail(name, f"Dimensjonen «{dim_id}»: «category.index» må være et objekt eller en liste.")
    if len(set(codes)) != len(codes):
        raise _fail(name, f"Dimensjonen «{dim_id}» har samme kategori to ganger.")
    if len(codes) != size:
        raise _fail(name, f"Dimensjonen «{dim_id}» har {len(codes)} kategorier, men «size» sier {size}.")
    return tuple(codes)


def _units(dim_id: str, category: Mapping[str, Any], name: str) -> dict[str, Unit]:
    units = category.get("unit") or {}
    if not isinstance(units, dict):
        raise _fail(name, f"Dimensjonen «{dim_id}»: «category.unit» må være et objekt.")
    found = {}
    for code, unit in units.items():
        if not isinstance(unit, dict):
            continue
        decimals = unit.get("decimals")
        found[str(code)] = Unit(
            base=str(unit.get("base") or unit.get("label") or ""),
            decimals=int(decimals) if isinstance(decimals, Decimal) else None,
        )
    return found


def _dimensions(doc: Mapping[str, Any], name: str) -> tuple[Dimension, ...]:
    dims = doc.get("dimension")
    if not isinstance(dims, dict) or not dims:
        raise _fail(name, "«dimension» mangler eller er tom.")
    ids = doc.get("id", list(dims))
    sizes = doc.get("size")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise _fail(name, "«id» må være en liste av dimensjonsnavn.")
    if not isinstance(sizes, list) or not all(
        isinstance(s, Decimal) and s == int(s) and s >= 0 for s in sizes
    ):
        raise _fail(name, "«size» mangler eller er ikke en liste av heltall.")
    if len(ids) != len(sizes):
        raise _fail(name, f"«id» har {len(ids)} dimensjoner, men «size» har {len(sizes)}.")
    result = []
    for dim_id, size in zip(ids, sizes, strict=True):
        dim = dims.get(dim_id)
        if not isinstance(dim, dict):
            raise _fail(name, f"Dimensjonen «{dim_id}» står i «id», men mangler i «dimension».")
        category = dim.get("category")
        if not isinstance(category, dict):
            raise _fail(name, f"Dimensjonen «{dim_id}» mangler «category».")
        codes = _index(dim_id, category, int(size), name)
        labels = category.get("label") or {}
        if not isinstance(labels, dict):
            raise _fail(name, f"Dimensjonen «{dim_id}»: «category.label» må være et objekt.")
        result.append(
            Dimension(
                id=dim_id,
                label=str(dim.get("label") or dim_id),
                codes=codes,
                labels={str(k): str(v) for k, v in labels.items()},
                units=_units(dim_id, category, name),
            )
        )
    return tuple(result)


def _number(raw: Any, flat: int, name: str) -> Decimal | None:
    if raw is None:
        return None
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, str):
        try:
            return Decimal(raw.strip())
        except ArithmeticError:
            pass
    raise _fail(name, f"Verdi nr. {flat} er ikke et tall: {raw!r}.")


def _values(
    doc: Mapping[str, Any], total: int, name: str
) -> list[Decimal | None] | dict[int, Decimal | None]:
    raw = doc.get("value")
    if isinstance(raw, list):
        if len(raw) != total:
            raise _fail(
                name,
                f"«value» har {len(raw)} verdier, men dimensjonene gir {total} celler "
                "(produktet av «size»). Filen er avkortet eller feil satt sammen.",
            )
        return [_number(v, i, name) for i, v in enumerate(raw)]
    if isinstance(raw, dict):
        found: dict[int, Decimal | None] = {}
        for key, v in raw.items():
            flat = _flat(key, total, "value", name)
            found[flat] = _number(v, flat, name)
        return found
    raise _fail(name, "«value» mangler eller er verken en liste eller et objekt.")


def _flat(key: Any, total: int, what: str, name: str) -> int:
    try:
        flat = int(str(key))
    except ValueError:
        raise _fail(name, f"«{what}»: nøkkelen «{key}» er ikke et cellenummer.") from None
    if not 0 <= flat < total:
        raise _fail(name, f"«{what}»: cellenummer {flat} er utenfor tabellen (0–{total - 1}).")
    return flat


def _status(doc: Mapping[str, Any], total: int, name: str) -> dict[int, str]:
    raw = doc.get("status")
    if raw is None:
        return {}
    if isinstance(raw, str):
        return dict.fromkeys(range(total), raw)
    if isinstance(raw, list):
        if len(raw) == 1:
            return {} if raw[0] is None else dict.fromkeys(range(total), str(raw[0]))
        if len(raw) != total:
            raise _fail(name, f"«status» har {len(raw)} symboler, men tabellen har {total} celler.")
        return {i: str(s) for i, s in enumerate(raw) if s not in (None, "")}
    if isinstance(raw, dict):
        return {_flat(k, total, "status", name): str(s) for k, s in raw.items() if s not in (None, "")}
    raise _fail(name, "«status» må være en tekst, en liste eller et objekt.")


def _table_id(doc: Mapping[str, Any]) -> str | None:
    px = (doc.get("extension") or {}).get("px") if isinstance(doc.get("extension"), dict) else None
    if isinstance(px, dict) and px.get("tableid"):
        return str(px["tableid"]).strip()
    label = str(doc.get("label") or "")
    head, sep, _rest = label.partition(":")
    return head.strip() if sep and head.strip().isdigit() else None


def read_jsonstat(data: bytes | str | Mapping[str, Any], *, name: str = "") -> Dataset:
    """Read one JSON-stat 2.0 dataset; ``JsonStatError`` (Norwegian, naming ``name``) when the
    file is not one."""
    doc = data if isinstance(data, Mapping) else _load(data, name)
    if not isinstance(doc, dict):
        raise _fail(name, "Filen er ikke et JSON-objekt.")
    klass = doc.get("class")
    if klass is None and "dataset" in doc:
        raise _fail(name, "Dette er JSON-stat 1.0. Last ned tabellen på nytt som «json-stat2».")
    if klass == "collection" or klass == "bundle":
        raise _fail(
            name, f"Filen er en JSON-stat «{klass}» med flere tabeller; last ned én tabell om gangen."
        )
    if klass != "dataset":
        raise _fail(name, "Ikke et JSON-stat 2.0-datasett («class» må være «dataset»).")
    version = str(doc.get("version") or "")
    if not version.startswith("2"):
        raise _fail(name, f"JSON-stat-versjon «{version or 'mangler'}» støttes ikke; bare 2.0.")
    dimensions = _dimensions(doc, name)
    total = math.prod(len(d.codes) for d in dimensions)
    if total > MAX_CELLS:
        raise _fail(name, f"Tabellen har {total} celler; grensen er {MAX_CELLS}. Last ned et mindre utvalg.")
    roles_raw = doc.get("role") or {}
    roles = (
        {str(k): tuple(str(x) for x in v) for k, v in roles_raw.items() if isinstance(v, list)}
        if isinstance(roles_raw, dict)
        else {}
    )
    notes_raw = doc.get("note") or []
    notes = tuple(str(n) for n in notes_raw) if isinstance(notes_raw, list) else (str(notes_raw),)
    found = doc.get("extension")
    extension: dict[str, Any] = found if isinstance(found, dict) else {}
    return Dataset(
        label=str(doc.get("label") or ""),
        source=str(doc.get("source") or ""),
        updated=parse_updated(doc.get("updated"), f"{name}: " if name else ""),
        table_id=_table_id(doc),
        notes=notes,
        dimensions=dimensions,
        roles=roles,
        extension=extension,
        values=_values(doc, total, name),
        status=_status(doc, total, name),
    )
