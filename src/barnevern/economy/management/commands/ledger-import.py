"""``barnevern ledger-import FILE --service S --kind common|client|budget|payment``.

Phase 1 validates every row; errors are printed one per line naming row and column, and
nothing is stored (exit code 1). Phase 2 stores all rows in one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from barnevern.audit.actor import acting
from barnevern.economy import imports
from barnevern.economy.models import Kolonneoppsett
from barnevern.organisation.commands import service_option


class Command(BaseCommand):
    help = "Importer regnskap (felles- og klientkostnader, budsjett, innbetalinger) fra CSV eller XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="CSV- eller XLSX-fil")
        parser.add_argument("--service", required=True, help="tjenestens kortnavn eller organisasjonsnummer")
        parser.add_argument(
            "--kind", required=True, choices=list(imports.FIELDS), help="hva filen inneholder"
        )
        parser.add_argument("--mapping", help="navnet på et lagret kolonneoppsett")
        parser.add_argument("--dry-run", action="store_true", help="bare kontroller filen, lagre ingenting")

    def handle(self, *args: Any, **options: Any) -> None:
        tjeneste = service_option(options["service"])
        mapping = None
        if options["mapping"]:
            mapping = Kolonneoppsett.objects.filter(
                tjeneste=tjeneste, art=options["kind"], navn=options["mapping"]
            ).first()
            if mapping is None:
                known = (
                    ", ".join(
                        Kolonneoppsett.objects.filter(tjeneste=tjeneste, art=options["kind"]).values_list(
                            "navn", flat=True
                        )
                    )
                    or "ingen"
                )
                raise CommandError(f"Fant ikke kolonneoppsettet «{options['mapping']}». Lagrede: {known}.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Finner ikke filen {path}.")
        with acting(None, "cli import"):
            result = imports.import_ledger(
                tjeneste,
                options["kind"],
                path.read_bytes(),
                path.name,
                mapping=mapping,
                dry_run=options["dry_run"],
            )
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(f"{path.name}: {len(result.errors)} feil; ingenting er lagret.", returncode=1)
        if result.dry_run:
            self.stdout.write(f"{path.name}: {result.rows} rader uten feil (ikke lagret).")
        else:
            self.stdout.write(self.style.SUCCESS(f"{path.name}: importerte {result.rows} rader."))
