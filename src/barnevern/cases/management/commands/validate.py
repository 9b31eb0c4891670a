"""``barnevern validate PATH...``: SSB's control rules on BVR and KOSTRA 15F files.

A thin front on ``barnevern.control.pipeline``: no database, no queries. Exit code 0 (only INFO
or nothing), 1 (warnings) or 2 (errors or fatal), as SSB's kontrollprogram.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from barnevern.control.pipeline import FORMATS, validate_paths
from barnevern.control.report import report_json, report_text
from barnevern.control.workers import JOBS_HELP, jobs_option


class Command(BaseCommand):
    help = "Kontroller BVR- og KOSTRA 15F-filer (filer, mapper, zip) mot SSBs kontrollregler."
    requires_system_checks: list[str] = []  # works without a database
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="filer, mapper eller zip-arkiver")
        parser.add_argument("--json", action="store_true", help="skriv rapporten som JSON")
        parser.add_argument(
            "--year",
            type=int,
            default=None,
            help="rapporteringsår (15F: standard Avgiver/@Versjon; BVR: året i DatoUttrekk)",
        )
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=FORMATS,
            default="auto",
            help="filformat (standard: auto, oppdages per fil)",
        )
        parser.add_argument("--jobs", type=int, default=None, help=JOBS_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            jobs = jobs_option(options["jobs"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        report = validate_paths(options["paths"], year=options["year"], fmt=options["fmt"], jobs=jobs)
        if options["json"]:
            self.stdout.write(json.dumps(report_json(report), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(report_text(report), ending="")
        if report.exit_code:
            sys.exit(report.exit_code)
