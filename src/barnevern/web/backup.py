"""Backup and restore of the whole database, for SQLite and PostgreSQL alike.

A backup is one zip file with ``data.json`` (Django's serialised data, natural keys,
ordered by primary key) and ``manifest.json`` (row counts per model, SHA-256 of
``data.json``, database vendor, time). Restore checks the checksum, empties the database
in one transaction, loads the data and then proves the result: the row counts per model
equal the manifest and a fresh dump of the restored database has the same SHA-256.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

EXCLUDE = ["contenttypes", "auth.permission", "sessions"]


class BackupError(Exception):
    pass


def _dump() -> bytes:
    out = io.StringIO()
    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        exclude=EXCLUDE,
        indent=None,
        stdout=out,
        verbosity=0,
    )
    return out.getvalue().encode("utf-8")


def _counts() -> dict[str, int]:
    skip = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label not in skip and not model._meta.proxy and model._meta.managed:
            counts[label] = model._default_manager.count()
    return counts


def backup(path: Path) -> dict[str, object]:
    data = _dump()
    manifest = {
        "format": "barnevern-backup-1",
        "created": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "sha256": hashlib.sha256(data).hexdigest(),
        "counts": _counts(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data.json", data)
        zf.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
    tmp.replace(path)  # never leave a half-written backup under the real name
    return manifest


@dataclass(frozen=True, slots=True)
class RestoreResult:
    rows: int
    sha256: str


def restore(path: Path) -> RestoreResult:
    try:
        with zipfile.ZipFile(path) as zf:
            data = zf.read("data.json")
            manifest = json.loads(zf.read("manifest.json"))
    except (OSError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise BackupError(f"{path}: ikke en gyldig Barnevern-sikkerhetskopi ({exc}).") from exc
    if hashlib.sha256(data).hexdigest() != manifest.get("sha256"):
        raise BackupError(f"{path}: sjekksummen stemmer ikke; filen er skadet eller endret.")
    fixture = Path(path).with_suffix(".restore.json")
    fixture.write_bytes(data)
    try:
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(fixture), verbosity=0)
            counts = _counts()
            expected = manifest["counts"]
            wrong = {
                k: (expected.get(k, 0), counts.get(k, 0))
                for k in set(expected) | set(counts)
                if expected.get(k, 0) != counts.get(k, 0)
            }
            if wrong:
                raise BackupError(f"Antall rader stemmer ikke etter gjenoppretting: {wrong}")
            again = hashlib.sha256(_dump()).hexdigest()
            if again != manifest["sha256"]:
                raise BackupError("Innholdet etter gjenoppretting er ikke identisk med sikkerhetskopien.")
    finally:
        fixture.unlink(missing_ok=True)
    return RestoreResult(sum(manifest["counts"].values()), manifest["sha256"])
