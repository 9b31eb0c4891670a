"""``barnevern import PATH... [--service S] [--allow-errors]``: store BVR and 15F files.

A thin front on ``barnevern.cases.importer``: each file is one transaction, checked with the
same control rules as ``barnevern validate``. Exit code 0 (all imported), 1 (imported, but the
ForrigeId chain has gaps), 2 (one or more files rejected). The module is named ``import`` (a
Python keyword) on purpose: Django loads commands by file name, so ``barnevern import`` works.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from barnevern.accounts import policy
from barnevern.audit.actor import acting
from barnevern.cases.importer import FileResult, Importer, count_sources, summary_text
from barnevern.control.pipeline import FORMATS
from barnevern.control.workers import JOBS_HELP, jobs_option


class Progress:
    """A one-line progress bar (only used when stdout is a terminal)."""

    WIDTH = 30

    def __init__(self, stream: Any, total: int) -> None:
        self.stream, self.total, self.done, self.rejected = stream, max(total, 1), 0, 0
        self.started = time.perf_counter()
        self.shown = -1.0

    def __call__(self, result: FileResult) -> None:
        self.done += 1
        self.rejected += not result.imported
        now = time.perf_counter()
        if now - self.shown < 0.1 and self.done < self.total:
            return
        self.shown = now
        share = min(self.done / self.total, 1.0)
        filled = int(share * self.WIDTH)
        rate = self.done / max(now - self.started, 1e-9)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {share:4.0%} "
            f"{self.done}/{self.total} filer, {self.rejected} avvist, {rate:.0f} filer/s",
            ending="",
        )
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("")


class Command(BaseCommand):
    help = (
        "Importer BVR- og KOSTRA 15F-filer (filer, mapper, zip) til saksregisteret, én transaksjon per fil."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="filer, mapper eller zip-arkiver")
        parser.add_argument(
            "--service",
            default=None,
            help="tjenesten (kortnavn eller org.nr.); kan utelates når Avgiver-kommunen har én tjeneste",
        )
        parser.add_argument(
            "--allow-errors",
            action="store_true",
            help="importer også filer med feil (ERROR) mot kontrollreglene; aldri filer som feiler XSD-en",
        )
        parser.add_argument("--year", type=int, default=None, help="rapporteringsår for kontrollene")
        parser.add_argument(
            "--format", dest="fmt", choices=FORMATS, default="auto", help="filformat (standard: auto)"
        )
        parser.add_argument(
            "--user", default=None, help="brukernavnet til lederen som importerer (for loggen)"
        )
        parser.add_argument("--json", action="store_true", help="skriv oppsummeringen som JSON")
        parser.add_argument("--jobs", type=int, default=None, help=JOBS_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        from barnevern.accounts.models import User
        from barnevern.organisation.commands import service_option

        service = None
        if options["service"]:
            service = service_option(options["service"])
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None or not policy.is_leder(user):
                raise CommandError(f"«{options['user']}» er ikke en aktiv leder; bare ledere kan importere.")
            if service is None:
                service = user.tjeneste
            elif user.tjeneste_id != service.pk:
                raise CommandError(f"Brukeren «{user.username}» hører ikke til tjenesten {service.slug}.")
        try:
            importer = Importer(
                service,
                allow_errors=options["allow_errors"],
                year=options["year"],
                fmt=options["fmt"],
                jobs=jobs_option(options["jobs"]),
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        progress = None
        if self.stdout.isatty() and not options["json"]:
            progress = Progress(self.stdout, count_sources(options["paths"]))
        with acting(user, "cli import"):
            summary = importer.import_paths(options["paths"], progress=progress)
        if progress is not None:
            progress.finish()
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(summary_text(summary), ending="")
        if summary.exit_code:
            sys.exit(summary.exit_code)
