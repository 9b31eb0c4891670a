"""``barnevern restore FILE --yes``: replace the database with a backup and verify it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from barnevern.web.backup import BackupError, restore


class Command(BaseCommand):
    help = "Gjenopprett databasen fra en sikkerhetskopi og kontroller antall rader og sjekksum."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="Bekreft at dagens data skal erstattes.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError("Gjenoppretting erstatter alle data i databasen. Bekreft med --yes.")
        try:
            result = restore(options["file"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Gjenopprettet og kontrollert: {result.rows} rader, sha256 {result.sha256[:16]}…")
