"""Reading SSB statbank files into the database: all files checked first, then stored in one
transaction, so a malformed file stores nothing (not even the good files given with it).

``import_files([(name, bytes), ...], user=..., allow_older=False)`` → one ``FileReport`` per
file. JSON-stat 2.0 (``formats.jsonstat``) is recognised by its first character ``{``; anything
else is read as SSB's semicolon CSV (``formats.ssbcsv``).

A file replaces the cells it contains: the same table, variable, region, year and other
categories. Cells of the table the file does not contain are kept, so a national file and a
file with the service's own municipalities can both be imported. Each cell records the file it
came from (``Innlesing``, the receipt), and the report says how many cells are new, changed and
unchanged, with the first changes as text. A file older than the stored cells it would replace
(SSB's ``updated`` stamp) is refused unless ``allow_older``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction

from barnevern.display import number
from barnevern.formats.jsonstat import Dataset, JsonStatError, read_jsonstat
from barnevern.formats.ssbcsv import read_ssb_csv
from barnevern.kostra.catalogue import TABLE_DIMENSIONS, TABLES, dims_key, expected_codes

if TYPE_CHECKING:
    from barnevern.accounts.models import User

__all__ = ["MAX_BYTES", "FileReport", "KostraImportError", "import_files", "read_dataset"]

MAX_BYTES = 50 * 1024 * 1024
MAX_EXAMPLES = 20
LIMIT = Decimal(10) ** 15
REGION_IDS = ("KOKkommuneregion0000", "Region", "KOKbydelsregion0000", "KOKfylkesregion0000")
CHUNK = 500


class KostraImportError(ValueError):
    """A file that cannot be imported; the message is Norwegian and names the file. Nothing has
    been stored."""


@dataclass(frozen=True, slots=True)
class Parsed:
    name: str
    sha256: str
    dataset: Dataset
    table_id: str
    region: str
    contents: str
    time: str
    others: tuple[str, ...]


@dataclass(slots=True)
class FileReport:
    filnavn: str
    tabell: str
    tittel: str
    format: str
    oppdatert: datetime | None
    syntetisk: bool
    celler: int = 0
    nye: int = 0
    endrede: int = 0
    uendrede: int = 0
    endringer: list[str] = field(default_factory=list)
    advarsler: list[str] = field(default_factory=list)
    innlesing_id: int | None = None

    def summary(self) -> str:
        when = self.oppdatert.date().isoformat() if self.oppdatert else "ukjent"
        return (
            f"{self.filnavn}: tabell {self.tabell} (oppdatert {when}), {self.celler} celler — "
            f"{self.nye} nye, {self.endrede} endret, {self.uendrede} uendret."
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.filnavn,
            "table": self.tabell,
            "title": self.tittel,
            "format": self.format,
            "updated": self.oppdatert.isoformat() if self.oppdatert else None,
            "synthetic": self.syntetisk,
            "cells": self.celler,
            "new": self.nye,
            "changed": self.endrede,
            "unchanged": self.uendrede,
            "changes": self.endringer,
            "warnings": self.advarsler,
        }


def read_dataset(name: str, data: bytes, *, table_id: str | None = None) -> Dataset:
    """The file as a dataset (JSON-stat 2.0 or SSB CSV); ``KostraImportError`` naming the file."""
    if len(data) > MAX_BYTES:
        raise KostraImportError(f"{name}: Filen er større enn {MAX_BYTES // (1024 * 1024)} MB.")
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    try:
        if head == b"{":
            return read_jsonstat(data, name=name)
        if head == b"[":
            raise KostraImportError(f"{name}: Filen er en JSON-liste, ikke et JSON-stat-datasett.")
        known = TABLE_DIMENSIONS.get(table_id or "", {})
        dataset = read_ssb_csv(data, name=name, table_id=table_id, dimension_ids=known)
        if not table_id and dataset.table_id in TABLE_DIMENSIONS:  # read again with its dimension ids
            dataset = read_ssb_csv(
                data, name=name, table_id=dataset.table_id, dimension_ids=TABLE_DIMENSIONS[dataset.table_id]
            )
        return dataset
    except JsonStatError as exc:
        raise KostraImportError(str(exc)) from None


def _parse(name: str, data: bytes, table_id: str | None) -> Parsed:
    dataset = read_dataset(name, data, table_id=table_id)
    table = (dataset.table_id or table_id or "").strip()
    if not table:
        raise KostraImportError(
            f"{name}: Fant ikke tabellnummeret (extension.px.tableid eller «12275: …» i label)."
        )
    if not table.isdigit() or len(table) > 10:
        raise KostraImportError(f"{name}: «{table}» er ikke et tabellnummer fra SSB.")
    region = dataset.role("geo", *REGION_IDS)
    contents = dataset.role("metric", "ContentsCode")
    time = dataset.role("time", "Tid")
    missing = [
        w
        for w, d in (("region", region), ("statistikkvariabel (ContentsCode)", contents), ("år (Tid)", time))
        if d is None
    ]
    if missing:
        raise KostraImportError(f"{name}: Tabellen mangler dimensjonen {', '.join(missing)}.")
    assert region and contents and time
    years = dataset.dimension(time).codes
    bad = [y for y in years if not (len(y) == 4 and y.isdigit())]
    if bad:
        raise KostraImportError(
            f"{name}: Tiden «{bad[0]}» er ikke et år. Bare årstall (KOSTRA) kan leses inn."
        )
    long_regions = [c for c in dataset.dimension(region).codes if len(c) > 12]
    if long_regions:
        raise KostraImportError(f"{name}: Regionkoden «{long_regions[0]}» er for lang.")
    others = tuple(d for d in dataset.ids if d not in (region, contents, time))
    return Parsed(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        dataset=dataset,
        table_id=table,
        region=region,
        contents=contents,
        time=time,
        others=others,
    )


def _show(value: Decimal | None, status: str) -> str:
    if value is None:
        return status or ".."
    return number(value, None, nbsp=False) + (f" ({status})" if status else "")


def _store(parsed: Parsed, user: User | None, allow_older: bool) -> FileReport:
    from barnevern.audit.services import log
    from barnevern.kostra.models import Celle, Innlesing, Region, Tabell, Variabel

    ds = parsed.dataset
    report = FileReport(
        filnavn=parsed.name,
        tabell=parsed.table_id,
        tittel=ds.label,
        format=ds.format,
        oppdatert=ds.updated,
        syntetisk=ds.synthetic,
    )
    tabell, _created = Tabell.objects.get_or_create(
        tabell_id=parsed.table_id, defaults={"tittel": ds.label or TABLES.get(parsed.table_id, "")}
    )
    # variables
    content_dim = ds.dimension(parsed.contents)
    variabler: dict[str, Variabel] = {}
    for code in content_dim.codes:
        unit = content_dim.units.get(code)
        var, made = Variabel.objects.get_or_create(
            tabell=tabell,
            kode=code,
            defaults={
                "navn": content_dim.label_of(code)[:300],
                "enhet": (unit.base if unit else "")[:60],
                "desimaler": unit.decimals if unit else None,
            },
        )
        if not made:
            changes: dict[str, Any] = {}
            if content_dim.label_of(code) != code:
                changes["navn"] = content_dim.label_of(code)[:300]
            if unit is not None:
                changes.update(enhet=unit.base[:60], desimaler=unit.decimals)
            if changes and any(getattr(var, k) != v for k, v in changes.items()):
                if "navn" in changes and var.navn != changes["navn"]:
                    report.advarsler.append(
                        f"Variabelen {code} har fått ny tekst: «{var.navn}» → «{changes['navn']}». "
                        "Sjekk at serien betyr det samme (f.eks. 0–22 mot 0–24 år)."
                    )
                for k, v in changes.items():
                    setattr(var, k, v)
                var.save()
        variabler[code] = var
    # the cells of the file
    dim_index = {d: i for i, d in enumerate(ds.ids)}
    ri, ci, ti = dim_index[parsed.region], dim_index[parsed.contents], dim_index[parsed.time]
    oi = [(d, dim_index[d]) for d in parsed.others]
    new: dict[tuple[str, str, int, str], tuple[Decimal | None, str]] = {}
    for cell in ds.cells():
        value = cell.value
        if value is not None and abs(value) >= LIMIT:
            raise KostraImportError(f"{parsed.name}: Verdien {value} er for stor til å lagres.")
        if value is not None:
            value = value.quantize(Decimal("0.000001"))
        key = (
            cell.coords[ci],
            cell.coords[ri],
            int(cell.coords[ti]),
            dims_key({d: cell.coords[i] for d, i in oi}),
        )
        new[key] = (value, cell.status or "")
    report.celler = len(new)
    # what is stored for the same cells
    regions = ds.dimension(parsed.region).codes
    years = [int(y) for y in ds.dimension(parsed.time).codes]
    existing: dict[tuple[str, str, int, str], tuple[int, Decimal | None, str, datetime | None]] = {}
    for i in range(0, len(regions), CHUNK):
        rows = Celle.objects.filter(
            tabell=tabell, variabel__kode__in=list(variabler), ar__in=years, region__in=regions[i : i + CHUNK]
        ).values_list(
            "id", "variabel__kode", "region", "ar", "dimensjoner", "verdi", "status", "innlesing__oppdatert"
        )
        for pk, code, region, ar, dims, verdi, status, updated in rows:
            key = (code, region, ar, dims)
            if key in new:
                existing[key] = (pk, verdi, status, updated)
    newest = max((u for _pk, _v, _s, u in existing.values() if u is not None), default=None)
    if newest and ds.updated and ds.updated < newest and not allow_older:
        raise KostraImportError(
            f"{parsed.name}: Filen er eldre (oppdatert {ds.updated.date().isoformat()}) enn tallene som er "
            f"lest inn fra tabell {parsed.table_id} (oppdatert {newest.date().isoformat()})."
        )
    region_labels = ds.dimension(parsed.region)
    for key, (value, status) in new.items():
        if key not in existing:
            report.nye += 1
            continue
        _pk, old_value, old_status, _u = existing[key]
        old_value = None if old_value is None else Decimal(old_value).quantize(Decimal("0.000001"))
        if old_value == value and old_status == status:
            report.uendrede += 1
            continue
        report.endrede += 1
        if len(report.endringer) < MAX_EXAMPLES:
            code, region, ar, dims = key
            where = f"{region} {region_labels.label_of(region)}".strip()
            extra = f" ({dims.replace(';', ', ')})" if dims else ""
            report.endringer.append(
                f"{code} {where} {ar}{extra}: {_show(old_value, old_status)} → {_show(value, status)}"
            )
    innlesing = Innlesing.objects.create(
        tabell=tabell,
        filnavn=parsed.name[:255],
        sha256=parsed.sha256,
        format=ds.format,
        oppdatert=ds.updated,
        syntetisk=ds.synthetic,
        lest_av=user if user is not None and user.pk else None,
        celler=report.celler,
        nye=report.nye,
        endrede=report.endrede,
        uendrede=report.uendrede,
        endringer=report.endringer,
    )
    ids = [pk for pk, _v, _s, _u in existing.values()]
    for i in range(0, len(ids), CHUNK):
        Celle.objects.filter(id__in=ids[i : i + CHUNK]).delete()
    Celle.objects.bulk_create(
        [
            Celle(
                tabell=tabell,
                variabel=variabler[code],
                region=region,
                ar=ar,
                dimensjoner=dims,
                verdi=value,
                status=status,
                innlesing=innlesing,
            )
            for (code, region, ar, dims), (value, status) in new.items()
        ],
        batch_size=CHUNK,
    )
    # the table and the region names
    tabell.tittel = ds.label or tabell.tittel
    tabell.kilde = ds.source[:200] or tabell.kilde
    tabell.syntetisk = ds.synthetic
    tabell.merknader = list(ds.notes) or tabell.merknader
    if ds.updated and (tabell.oppdatert is None or ds.updated > tabell.oppdatert):
        tabell.oppdatert = ds.updated
    known_dims: dict[str, Any] = dict(tabell.dimensjoner or {})
    for d in parsed.others:
        dim = ds.dimension(d)
        known = known_dims.get(d, {"label": dim.label, "categories": {}})
        known["categories"].update({c: dim.label_of(c) for c in dim.codes})
        known_dims[d] = known
    tabell.dimensjoner = known_dims
    tabell.save()
    stored = dict(Region.objects.filter(kode__in=list(regions)).values_list("kode", "navn"))
    for code in regions:
        label = region_labels.label_of(code)[:200]
        if code not in stored:
            Region.objects.create(kode=code, navn=label)
        elif label != code and stored[code] != label:
            Region.objects.filter(kode=code).update(navn=label)
    # what the comparison expects from this table
    wanted = expected_codes(parsed.table_id)
    have = set(Variabel.objects.filter(tabell=tabell).values_list("kode", flat=True))
    for code in sorted(wanted - have):
        report.advarsler.append(
            f"Tabell {parsed.table_id} har ikke variabelen {code}, som sammenligningen bruker. "
            "Last ned den også, eller sjekk om SSB har endret koden."
        )
    if not wanted:
        report.advarsler.append(f"Tabell {parsed.table_id} brukes ikke i sammenligningen; tallene er lagret.")
    if ds.synthetic:
        report.advarsler.append("Filen er merket som syntetiske tall (demo), ikke SSBs tall.")
    report.innlesing_id = innlesing.pk
    log(
        "create",
        f"Leste inn SSB-tabell {parsed.table_id} fra {parsed.name}"[:200],
        obj=innlesing,
        data={
            "tabell": parsed.table_id,
            "sha256": parsed.sha256,
            "celler": report.celler,
            "nye": report.nye,
            "endrede": report.endrede,
        },
    )
    return report


def import_files(
    files: Sequence[tuple[str, bytes]],
    *,
    user: User | None = None,
    allow_older: bool = False,
    table_id: str | None = None,
) -> list[FileReport]:
    """Check every file, then store them all in one transaction (see the module docstring)."""
    if not files:
        raise KostraImportError("Ingen filer å lese inn.")
    parsed = [_parse(name, data, table_id) for name, data in files]
    with transaction.atomic():
        reports = [_store(p, user, allow_older) for p in parsed]
    return reports
