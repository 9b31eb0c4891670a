"""The ASiC-E container (ETSI EN 319 162) a Fiks IO message carries, after decryption.

A zip whose first member is ``mimetype`` (stored, ``application/vnd.etsi.asic-e+zip``), then the payload
files (for a bekymringsmelding ``bekymringsmelding.json`` and ``bekymringsmelding.pdf``) and
``META-INF/manifest.xml`` (+ ``META-INF/signatures.xml`` when the sender signs). KS's Java handler
(``ks-no/fiks-io-asice-handler``) encrypts the whole zip as one CMS enveloped-data blob (see ``crypto``).

Reading is defensive: the container, each member and the total are size-limited, and members are
decompressed in chunks with the limit enforced on the bytes actually produced, never on the sizes the
zip claims (a zip bomb is refused after ``MAX_MEMBER`` bytes, not after it has filled the memory).
We do not verify the XAdES signature: Fiks IO has authenticated the sending account, and we keep the
container's SHA-256 with every stored message (docs/fiks.md).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MIMETYPE = b"application/vnd.etsi.asic-e+zip"
JSON_NAME = "bekymringsmelding.json"
PDF_NAME = "bekymringsmelding.pdf"
MAX_CONTAINER = 20 * 1024 * 1024  # Fiks IO sends payloads over 5 MB through Dokumentlager
MAX_MEMBER = 20 * 1024 * 1024
MAX_TOTAL = 40 * 1024 * 1024
MAX_MEMBERS = 20
MAX_RATIO = 200  # uncompressed / compressed for one member (text compresses ~10x, a bomb ~1000x)


class InvalidContainer(ValueError):
    """The container cannot be read; the message is Norwegian."""


@dataclass(frozen=True, slots=True)
class Contents:
    json: bytes
    pdf: bytes | None
    names: tuple[str, ...]


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    limit = min(MAX_MEMBER, budget)
    out = bytearray()
    with zf.open(info) as fh:
        while chunk := fh.read(64 * 1024):
            out += chunk
            if len(out) > limit:
                raise InvalidContainer(
                    f"Filen «{info.filename}» i meldingen pakker ut til mer enn {limit // (1024 * 1024)} MB "
                    "(mulig zip-bombe); meldingen er avvist."
                )
            if info.compress_size and len(out) > 1024 * 1024 and len(out) / info.compress_size > MAX_RATIO:
                raise InvalidContainer(
                    f"Filen «{info.filename}» i meldingen er unormalt sterkt komprimert (mulig zip-bombe); "
                    "meldingen er avvist."
                )
    return bytes(out)


def read(data: bytes) -> Contents:
    """The payload files of a decrypted container. Raises ``InvalidContainer``."""
    if len(data) > MAX_CONTAINER:
        raise InvalidContainer(f"Meldingen er større enn {MAX_CONTAINER // (1024 * 1024)} MB og er avvist.")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise InvalidContainer("Meldingen er ikke en gyldig ASiC-E-container (ikke en zip-fil).") from None
    if len(infos) > MAX_MEMBERS:
        raise InvalidContainer(f"Containeren har {len(infos)} filer; høyst {MAX_MEMBERS} er tillatt.")
    files: dict[str, bytes] = {}
    budget = MAX_TOTAL
    try:
        for info in infos:
            name = info.filename
            if name.startswith("/") or ".." in name.split("/") or "\\" in name:
                raise InvalidContainer(f"Ulovlig filnavn i containeren: «{name[:80]}».")
            if info.is_dir():
                continue
            content = _read_member(zf, info, budget)
            budget -= len(content)
            files[name] = content
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as exc:
        raise InvalidContainer(f"Containeren kan ikke pakkes ut: {exc}.") from None
    if "mimetype" in files and files["mimetype"].strip() != MIMETYPE:
        raise InvalidContainer("Containeren har feil «mimetype»; forventet application/vnd.etsi.asic-e+zip.")
    if JSON_NAME not in files:
        raise InvalidContainer(f"Containeren mangler «{JSON_NAME}».")
    return Contents(json=files[JSON_NAME], pdf=files.get(PDF_NAME), names=tuple(sorted(files)))


def _manifest(names: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f'  <manifest:file-entry manifest:full-path="{name}" manifest:media-type="{media}"/>\n'
        for name, media in names
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">\n'
        '  <manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.etsi.asic-e+zip"/>\n'
        f"{entries}</manifest:manifest>\n"
    ).encode()


def write(json_bytes: bytes, pdf: bytes | None = None) -> bytes:
    """An unsigned ASiC-E container with the message (test sender, forwarding)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        zf.writestr(JSON_NAME, json_bytes, compress_type=zipfile.ZIP_DEFLATED)
        names = [(JSON_NAME, "application/json")]
        if pdf is not None:
            zf.writestr(PDF_NAME, pdf, compress_type=zipfile.ZIP_DEFLATED)
            names.append((PDF_NAME, "application/pdf"))
        zf.writestr("META-INF/manifest.xml", _manifest(names), compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()
