"""``barnevern backup``: write a verified backup of the whole database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from barnevern.web.backup import backup


class Command(BaseCommand):
    help = "Ta sikkerhetskopi av hele databasen (zip med data og manifest med antall og sjekksum)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", type=Path, help="Filnavn (standard var/backup/barnevern-<tid>.zip).")

    def handle(self, *args: Any, **options: Any) -> None:
        out = options["out"] or settings.DATA_DIR / "backup" / f"barnevern-{timezone.now():%Y%m%d-%H%M%S}.zip"
        manifest = backup(out)
        total = sum(manifest["counts"].values())
        self.stdout.write(
            f"Sikkerhetskopi skrevet til {out}: {total} rader, sha256 {manifest['sha256'][:16]}…"
        )
