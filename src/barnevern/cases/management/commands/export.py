"""``barnevern export --service S --out DIR [--format bvr-v4]``: one BVR v4 document per Sak.

A thin front on ``barnevern.cases.exporter``. Exit code 0, or 2 when a Sak could not be written.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from barnevern.accounts import policy
from barnevern.audit.actor import acting
from barnevern.cases.exporter import EXPORT_FORMATS, export_service


class Command(BaseCommand):
    help = "Eksporter tjenestens saker som BVR v4-filer (én fil per sak, ForrigeId-kjeden beholdes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--service", required=True, help="tjenesten (kortnavn eller org.nr.)")
        parser.add_argument("--out", type=Path, required=True, help="mappen filene skrives til")
        parser.add_argument(
            "--format", dest="fmt", choices=EXPORT_FORMATS, default="bvr-v4", help="format (bvr-v4)"
        )
        parser.add_argument(
            "--user", default=None, help="brukernavnet til lederen som eksporterer (for loggen)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from barnevern.accounts.models import User
        from barnevern.organisation.commands import service_option

        tjeneste = service_option(options["service"])
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None or not policy.is_leder(user) or user.tjeneste_id != tjeneste.pk:
                raise CommandError(f"«{options['user']}» er ikke en aktiv leder i tjenesten {tjeneste.slug}.")
        started = time.perf_counter()
        with acting(user, "cli export"):
            summary = export_service(tjeneste, options["out"], fmt=options["fmt"])
        seconds = time.perf_counter() - started
        self.stdout.write(f"Skrev {summary.written} BVR v4-filer til {summary.out} på {seconds:.1f} s.")
        if summary.failed:
            self.stdout.write(f"{len(summary.failed)} saker kunne ikke skrives:")
            for message in summary.failed:
                self.stdout.write(f"  - {message}")
            sys.exit(2)
