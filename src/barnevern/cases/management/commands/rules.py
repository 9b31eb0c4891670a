"""``barnevern rules``: every control rule Barnevern runs (SSB's and ours), as a table."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from barnevern.control.report import rules_table


class Command(BaseCommand):
    help = "Vis alle kontrollregler (id, alvorlighet, format, betydning, kilde)."
    requires_system_checks: list[str] = []  # works without a database
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=("md", "csv", "json"),
            default="md",
            help="utdataformat (standard: md)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(rules_table(options["fmt"]), ending="")
