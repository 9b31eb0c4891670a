"""``barnevern generate``: write a synthetic BVR v4 corpus (see ``barnevern.formats.generator``)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from barnevern.formats.generator import write_corpus


class Command(BaseCommand):
    help = "Lag syntetiske BVR v4-filer (én sak per fil) for test og demo, med testfødselsnumre."
    requires_system_checks: list[str] = []  # works without a database
    requires_migrations_checks = False

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--saker", type=int, required=True, help="Antall saker (filer).")
        parser.add_argument("--out", type=Path, required=True, help="Mappe filene skrives til.")
        parser.add_argument("--seed", type=int, default=1, help="Startverdi; samme verdi gir samme filer.")
        parser.add_argument("--year", type=int, default=2026, help="Rapporteringsår (uttrekk 31.12).")
        parser.add_argument(
            "--kommune", action="append", dest="kommuner", metavar="NUMMER",
            help="Bare denne kommunen (kommunenummer); kan gjentas.",
        )  # fmt: skip
        parser.add_argument(
            "--feilandel", type=float, default=0.0,
            help="Andel saker med en bevisst feil mot SSBs kontrollregler (0–1).",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        if options["saker"] < 0:
            raise CommandError("--saker kan ikke være negativt.")
        started = time.perf_counter()
        try:
            count = write_corpus(
                options["out"],
                options["saker"],
                options["seed"],
                year=options["year"],
                municipalities=options["kommuner"],
                error_rate=options["feilandel"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.perf_counter() - started
        rate = count / seconds if seconds else 0
        self.stdout.write(
            f"Skrev {count} filer til {options['out']} på {seconds:.1f} s ({rate:.0f} saker/s)."
        )
