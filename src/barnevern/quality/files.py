"""Case records straight from BVR and KOSTRA 15F files (no database).

``barnevern deadlines PATH...`` computes the worklist from the records in memory: the issue
speaks of «a temporary in-memory database, like barnevern stats»; since every rule takes
records, computing from the records read is the same computation without the round trip.

Files, directories and zip archives are read with ``formats.sources.iter_sources``; each
document's format is detected (``formats.detect.detect_format``). BVR documents are read
with ``formats.bvr_reader.read_bvr``, 15F files with ``formats.kostra15f.read_15f`` and
``to_deliveries``. When several deliveries carry the same Sak, the one extracted last
(``DatoUttrekk``, else the later file) wins, as an import would keep it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime

from barnevern.formats.bvr_reader import read_bvr
from barnevern.formats.detect import detect_format
from barnevern.formats.records import Delivery, SakRecord
from barnevern.formats.sources import iter_sources
from barnevern.formats.xmlsafe import XmlFileError, parse_bytes

__all__ = ["FileReadError", "records_from_paths"]


class FileReadError(Exception):
    """A file that cannot be read; ``str()`` names the file (and line) in Norwegian."""


def _deliveries(paths: Iterable[str | os.PathLike[str]]) -> Iterable[Delivery]:
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


def records_from_paths(paths: Iterable[str | os.PathLike[str]]) -> list[SakRecord]:
    """Every Sak in the files under ``paths``; the latest delivery of a Sak wins."""
    latest: dict[str, tuple[datetime | None, int, SakRecord]] = {}
    for order, delivery in enumerate(_deliveries(list(paths))):
        sak = delivery.sak
        stamp = delivery.dato_uttrekk
        current = latest.get(sak.id)
        if current is None or _later(stamp, order, current[0], current[1]):
            latest[sak.id] = (stamp, order, sak)
    return sorted((entry[2] for entry in latest.values()), key=lambda s: (s.journalnummer, s.id))


def _later(stamp: datetime | None, order: int, other: datetime | None, other_order: int) -> bool:
    if stamp is not None and other is not None and stamp != other:
        return _naive(stamp) > _naive(other)
    return order > other_order


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None)
