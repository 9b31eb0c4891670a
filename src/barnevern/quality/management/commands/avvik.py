"""``barnevern avvik propose|summary``: the internal-control log from the command line.

* ``propose [--service S] [--date D]``: propose an avvik for each new breach of a statutory
  deadline (idempotent; ``barnevern remind`` does the same before sending mail).
* ``summary --service S --from D --to D [--json]``: avvik per category and status.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from barnevern.audit.actor import acting
from barnevern.clock import day_option


class Command(BaseCommand):
    help = "Internkontroll: foreslå avvik fra fristbrudd, eller vis avvik per kategori."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        propose = sub.add_parser("propose", help="foreslå avvik fra nye fristbrudd")
        propose.add_argument("--service", help="bare denne tjenesten (standard: alle)")
        propose.add_argument("--date", type=day_option, default=None, help="dagen (standard: i dag)")
        summary = sub.add_parser("summary", help="avvik per kategori og status i en periode")
        summary.add_argument("--service", required=True, help="tjenesten")
        summary.add_argument("--from", dest="start", type=day_option, required=True, help="fra og med dato")
        summary.add_argument("--to", dest="end", type=day_option, required=True, help="til og med dato")
        summary.add_argument("--json", action="store_true", help="skriv JSON")

    def _services(self, ident: str | None) -> list[Any]:
        from barnevern.organisation.commands import service_option
        from barnevern.organisation.models import Tjeneste

        if not ident:
            return list(Tjeneste.objects.order_by("slug"))
        return [service_option(ident)]

    def handle(self, *args: Any, **options: Any) -> None:
        from barnevern.quality.avvik import avvik_summary, propose_from_breaches

        with acting(None, "cli avvik"):
            if options["action"] == "propose":
                today = options["date"] or timezone.localdate()
                for tjeneste in self._services(options["service"]):
                    result = propose_from_breaches(tjeneste, today)
                    self.stdout.write(
                        f"{tjeneste.slug}: {result.created} nye forslag til avvik, "
                        f"{result.existing} fantes fra før."
                    )
                return
            if options["end"] < options["start"]:
                raise CommandError("--to er før --from.")
            (tjeneste,) = self._services(options["service"])
            summary = avvik_summary(tjeneste, options["start"], options["end"])
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Avvik i {tjeneste.navn} {options['start']:%d.%m.%Y}–{options['end']:%d.%m.%Y}:")
        self.stdout.write(
            f"  {'Kategori':<22}{'Registrert':>11}{'Åpne':>6}{'Lukket':>8}{'Foreslått':>11}{'Avvist':>8}"
        )
        for row in summary.values():
            self.stdout.write(
                f"  {row['label']:<22}{row['registrert']:>11}{row['apen']:>6}{row['lukket']:>8}"
                f"{row['foreslatt']:>11}{row['avvist']:>8}"
            )
