"""Input sources for the readers: files, directories and zip archives, one document at a time.

``iter_sources(paths)`` yields a ``Source`` per XML document:

* a file is one source (whatever its name: the user named it);
* a directory is searched recursively for ``*.xml`` and ``*.zip`` (sorted by path, symbolic
  links to directories are not followed);
* a ``.zip`` archive yields its ``*.xml`` members, named ``archive.zip!member.xml``.

Archives are hostile input too. A member is refused (its ``open_bytes`` raises
``XmlFileError`` with a Norwegian message, so the refusal is reported and nothing is dropped
silently) when its name leaves the archive (absolute path, ``..``, drive letter), when it is
encrypted, larger than ``MAX_MEMBER_BYTES``, compressed more than ``MAX_RATIO`` times, or when
the archive as a whole unpacks to more than ``MAX_ARCHIVE_BYTES`` or holds more than
``MAX_MEMBERS`` entries. Sizes are checked against the headers *and* while reading, since
headers can lie.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from barnevern.formats import xmlsafe
from barnevern.formats.xmlsafe import XmlFileError

MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # XML compresses well (10–40×); a bomb compresses 1000× or more
MAX_ARCHIVE_BYTES = 4 * 1024 * 1024 * 1024
MAX_MEMBERS = 1_000_000
_RATIO_FLOOR = 1024 * 1024  # tiny members may compress oddly; the ratio applies above 1 MB
_CHUNK = 1024 * 1024

__all__ = ["Source", "iter_sources", "read_file", "MAX_MEMBER_BYTES", "MAX_RATIO", "MAX_ARCHIVE_BYTES"]


@dataclass(frozen=True, slots=True)
class Source:
    """One XML document to read: a display ``name`` and ``open_bytes()`` giving its content.
    ``path`` is set for a plain file (``read_file(path, name)`` reads it, in any process)."""

    name: str
    reader: Callable[[], bytes] = field(repr=False, compare=False)
    path: str | None = field(default=None, repr=False, compare=False)

    def open_bytes(self) -> bytes:
        """The document's bytes; raises ``XmlFileError`` when it cannot or must not be read."""
        return self.reader()


def _megabytes(limit: int) -> str:
    return f"{limit / 1024 / 1024:g} MB"


def read_file(path: str | Path, name: str) -> bytes:
    """The bytes of a plain file, refused (``XmlFileError``) when larger than
    ``xmlsafe.MAX_FILE_BYTES`` or unreadable."""
    path = Path(path)
    limit = xmlsafe.MAX_FILE_BYTES
    try:
        if path.stat().st_size > limit:
            raise XmlFileError(name, f"Filen er for stor (over {_megabytes(limit)}).")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise XmlFileError(name, f"Kan ikke lese filen: {exc.strerror or exc}.") from exc
    if len(data) > limit:
        raise XmlFileError(name, f"Filen er for stor (over {_megabytes(limit)}).")
    return data


def _refuse(name: str, message: str) -> Source:
    def reader() -> bytes:
        raise XmlFileError(name, message)

    return Source(name, reader)


def _unsafe_member_name(member: str) -> bool:
    if member.startswith(("/", "\\")) or "\x00" in member:
        return True
    parts = member.replace("\\", "/").split("/")
    return ".." in parts or (len(parts[0]) >= 2 and parts[0][1] == ":")


class _Archive:
    """An open zip file shared by its member sources; reopened if read after iteration."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip: zipfile.ZipFile | None = zipfile.ZipFile(path)

    def handle(self) -> zipfile.ZipFile:
        if self.zip is None:
            self.zip = zipfile.ZipFile(self.path)
        return self.zip

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()
            self.zip = None

    def read(self, info: zipfile.ZipInfo, name: str) -> bytes:
        limit = min(MAX_MEMBER_BYTES, xmlsafe.MAX_FILE_BYTES)
        chunks: list[bytes] = []
        total = 0
        try:
            with self.handle().open(info) as member:
                while chunk := member.read(_CHUNK):
                    total += len(chunk)
                    if total > limit or total > info.file_size:
                        raise XmlFileError(
                            name,
                            "Filen i zip-arkivet pakker ut til mer enn oppgitt eller tillatt "
                            f"størrelse (grense {_megabytes(limit)}); mulig «zip-bombe», avvist.",
                        )
                    chunks.append(chunk)
        except (OSError, zipfile.BadZipFile, RuntimeError) as exc:
            raise XmlFileError(name, f"Kan ikke pakke ut filen fra zip-arkivet: {exc}.") from exc
        return b"".join(chunks)


def _member_problem(info: zipfile.ZipInfo, unpacked_so_far: int) -> str | None:
    limit = min(MAX_MEMBER_BYTES, xmlsafe.MAX_FILE_BYTES)
    if _unsafe_member_name(info.filename):
        return (
            "Ugyldig filnavn i zip-arkivet: stien peker utenfor arkivet (absolutt sti eller «..»). "
            "Filen er hoppet over."
        )
    if info.flag_bits & 0x1:
        return "Filen i zip-arkivet er kryptert og kan ikke leses. Lever filen uten passord."
    if info.file_size > limit:
        return f"Filen i zip-arkivet er for stor (over {_megabytes(limit)} utpakket); avvist."
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
        return (
            f"Filen i zip-arkivet er komprimert {ratio:.0f} ganger (grense {MAX_RATIO}); "
            "mulig «zip-bombe», avvist."
        )
    if unpacked_so_far + info.file_size > MAX_ARCHIVE_BYTES:
        return (
            f"Zip-arkivet pakker ut til mer enn {_megabytes(MAX_ARCHIVE_BYTES)} til sammen; "
            "resten av arkivet er avvist."
        )
    return None


def _wanted_member(info: zipfile.ZipInfo) -> bool:
    name = info.filename.replace("\\", "/")
    if info.is_dir() or not name.lower().endswith(".xml"):
        return False
    return "__MACOSX" not in name.split("/")


def _iter_zip(path: Path, display: str) -> Iterator[Source]:
    try:
        archive = _Archive(path)
    except (OSError, zipfile.BadZipFile) as exc:
        yield _refuse(display, f"Filen er ikke et gyldig zip-arkiv ({exc}).")
        return
    try:
        infos = archive.handle().infolist()
        if len(infos) > MAX_MEMBERS:
            yield _refuse(display, f"Zip-arkivet har mer enn {MAX_MEMBERS} filer; avvist.")
            return
        unpacked = 0
        for info in sorted(infos, key=lambda i: i.filename):
            if not _wanted_member(info):
                continue
            name = f"{display}!{info.filename}"
            problem = _member_problem(info, unpacked)
            if problem is not None:
                yield _refuse(name, problem)
                continue
            unpacked += info.file_size
            yield Source(name, partial(archive.read, info, name))
    finally:
        archive.close()


def _is_zip(path: Path) -> bool:
    return path.suffix.lower() == ".zip"


def _iter_directory(root: Path) -> Iterator[Path]:
    """``*.xml`` and ``*.zip`` below ``root`` in the order of their full paths, one folder
    listing in memory at a time (a sorted list of every path cost ~0.4 kB per file). Sorting a
    folder's entries by name, with ``/`` after folder names, gives the same order as sorting
    the full paths. Symbolic links to folders are not followed; unreadable folders are skipped."""
    try:
        with os.scandir(root) as listing:
            entries = []
            for entry in listing:
                if entry.is_dir():
                    if not entry.is_symlink():
                        entries.append((entry.name + "/", True))
                elif entry.name.lower().endswith((".xml", ".zip")):
                    entries.append((entry.name, False))
    except OSError:
        return
    entries.sort()
    for key, is_dir in entries:
        if is_dir:
            yield from _iter_directory(root / key[:-1])
        else:
            yield root / key


def _iter_path(path: Path) -> Iterator[Source]:
    if _is_zip(path):
        yield from _iter_zip(path, str(path))
    else:
        name = str(path)
        yield Source(name, lambda: read_file(path, name), name)


def _iter_all(paths: list[Path]) -> Iterator[Source]:
    for path in paths:
        if path.is_dir():
            for found in _iter_directory(path):
                yield from _iter_path(found)
        else:
            yield from _iter_path(path)


def iter_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Source]:
    """Sources for ``paths`` (files, directories, zip archives), in the given order.

    Raises ``XmlFileError`` at once, before anything is read, when a path does not exist.
    """
    resolved = [Path(p) for p in paths]
    for path in resolved:
        if not path.exists():
            raise XmlFileError(str(path), "Finner ikke filen eller mappen. Sjekk at stien er skrevet riktig.")
    return _iter_all(resolved)
