"""Case records and municipalities straight from BVR and KOSTRA 15F files (no database).

``barnevern stats PATH...`` and ``barnevern deadlines PATH...`` compute from the records read
here with the same functions as the database path. The issues speak of «a temporary
in-memory database»; every rule takes records, so computing from the records read is the
same computation without the round trip (and without a database to set up).

Files, directories and zip archives are read with ``formats.sources.iter_sources``; each
document's format is detected (``formats.detect.detect_format``); BVR documents are read with
``formats.bvr_reader.read_bvr``, 15F files with ``formats.kostra15f.read_15f`` and
``to_deliveries``. When several deliveries carry the same Sak, the one extracted last
(``DatoUttrekk``, else the later file) wins, as an import would keep it. The municipalities
(columns) are the deliveries' ``Avgiver`` municipalities; each Sak lives in its Avgiver's
municipality (the readers give it one ``Bosted`` from the Avgiver).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from barnevern.formats.bvr_reader import read_bvr
from barnevern.formats.detect import detect_format
from barnevern.formats.sources import iter_sources
from barnevern.formats.xmlsafe import XmlFileError, parse_bytes
from barnevern.records import Delivery, SakRecord

__all__ = ["FileData", "FileReadError", "read_paths", "records_from_paths"]


class FileReadError(Exception):
    """A file that cannot be read; ``str()`` names the file (and line) in Norwegian."""


@dataclass(frozen=True, slots=True)
class FileData:
    records: list[SakRecord]
    municipalities: dict[str, str]  # Avgiver kommunenummer -> kommunenavn, sorted by number


def _deliveries(paths: list[str | os.PathLike[str]]) -> Iterator[Delivery]:
    from barnevern.formats.kostra15f import Kostra15FError, read_15f, to_deliveries

    for path in paths:
        if not os.path.exists(path):
            raise FileReadError(f"{path}: Filen eller mappen finnes ikke.")
    for source in iter_sources(paths):
        try:
            tree = parse_bytes(source.open_bytes(), source.name)
            kind = detect_format(tree)
            if kind == "bvr":
                yield read_bvr(tree, source.name)
            elif kind == "15f":
                yield from to_deliveries(read_15f(tree, source.name))
            else:
                raise FileReadError(f"{source.name}: Filen er verken en BVR-fil eller en KOSTRA 15F-fil.")
        except (XmlFileError, Kostra15FError) as exc:
            raise FileReadError(str(exc)) from exc


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None)


def read_paths(paths: Iterable[str | os.PathLike[str]]) -> FileData:
    """Every Sak under ``paths`` (latest delivery wins) and the Avgiver municipalities."""
    latest: dict[str, tuple[datetime | None, int, SakRecord]] = {}
    names: dict[str, str] = {}
    for order, delivery in enumerate(_deliveries(list(paths))):
        avgiver = delivery.avgiver
        if avgiver.kommunenummer:
            names.setdefault(avgiver.kommunenummer, avgiver.kommunenavn or avgiver.kommunenummer)
        sak, stamp = delivery.sak, delivery.dato_uttrekk
        current = latest.get(sak.id)
        if current is None:
            latest[sak.id] = (stamp, order, sak)
            continue
        other = current[0]
        newer = _naive(stamp) > _naive(other) if stamp and other and stamp != other else True
        if newer:
            latest[sak.id] = (stamp, order, sak)
    records = sorted((entry[2] for entry in latest.values()), key=lambda s: (s.journalnummer, s.id))
    return FileData(records, dict(sorted(names.items())))


def records_from_paths(paths: Iterable[str | os.PathLike[str]]) -> list[SakRecord]:
    """Every Sak under ``paths``; the latest delivery of a Sak wins."""
    return read_paths(paths).records
