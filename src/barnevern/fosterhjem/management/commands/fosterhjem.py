"""``barnevern fosterhjem --service S [--date D] [--json] [--book-month ÅÅÅÅ-MM]``: the foster
homes of a service, from the same query layer as the /fosterhjem/ pages.

``--json`` prints ``{"homes": n, "by_status": {...}, "by_kind": {...}, "placements": n,
"overdue": {...}}``: homes per current status and per kind, children placed on the date, and
overdue deadlines per rule (F1 approval, F2 training, F3 agreement renewal, F4 follow-up plan,
D12/D13 visits of the linked BVR measures and reductions without their conditions).
``--book-month`` books that month's costs into the economy ledger first. Counts only; the
reading is logged in the audit log.
"""

from __future__ import annotations

import getpass
import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from barnevern.audit.actor import Actor
from barnevern.audit.services import log
from barnevern.clock import day_option
from barnevern.fosterhjem import costs, queries
from barnevern.organisation.commands import service_option
from barnevern.organisation.models import Tjeneste
from barnevern.rules.fosterhjem import STATUS_LABELS, HomeStatus

RULE_TITLES = {
    "F1": "godkjenning før innflytting",
    "F2": "opplæring før innflytting",
    "F3": "fornyelse av fosterhjemsavtalen",
    "F4": "plan for oppfølging av fosterfamilien",
    "D12": "oppfølgingsbesøk",
    "D13": "tilsyn",
}


class Command(BaseCommand):
    help = "Vis fosterhjemmene til en tjeneste: status, type, plasserte barn og forfalte frister."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--service", help="tjenestens kortnavn eller organisasjonsnummer")
        parser.add_argument("--date", type=day_option, help="dato (ÅÅÅÅ-MM-DD), standard i dag")
        parser.add_argument("--json", action="store_true", help="skriv tallene som JSON")
        parser.add_argument("--book-month", help="bokfør kostnadene for måneden (ÅÅÅÅ-MM) i regnskapet først")

    def handle(self, *args: Any, **options: Any) -> None:
        tjeneste = service_option(options["service"])
        on = options["date"] or timezone.localdate()
        actor = Actor(None, getpass.getuser(), "cli")
        if options["book_month"]:
            try:
                month = date.fromisoformat(f"{options['book_month']}-01")
            except ValueError:
                raise CommandError(
                    f"--book-month «{options['book_month']}» er ugyldig; bruk ÅÅÅÅ-MM."
                ) from None
            try:
                booking = costs.book_month(tjeneste, month, today=on)
            except costs.CostError as exc:
                raise CommandError(str(exc)) from None
            if not options["json"]:
                self.stdout.write(
                    f"Bokført {booking.created} nye kostnadsrader for {month:%m.%Y} "
                    f"({booking.existing} fra før)."
                )
        data = queries.summary(tjeneste, on)
        log(
            "view",
            "Fosterhjem: oversikt (kommandolinjen)",
            data={"tjeneste": tjeneste.slug, "dato": on},
            actor=actor,
        )
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(self._text(tjeneste, on, data))

    def _text(self, tjeneste: Tjeneste, on: date, data: dict[str, Any]) -> str:
        lines = [
            f"{tjeneste.navn} – fosterhjem per {on:%d.%m.%Y}",
            f"{data['homes']} fosterhjem, {data['placements']} barn plassert",
        ]
        lines.append(
            "Status: "
            + ", ".join(f"{STATUS_LABELS[HomeStatus(k)]} {v}" for k, v in data["by_status"].items())
        )
        lines.append("Type: " + (", ".join(f"{k} {v}" for k, v in data["by_kind"].items()) or "ingen"))
        if data["overdue"]:
            lines.append("Forfalte frister:")
            lines += [f"  {rule} {RULE_TITLES.get(rule, '')}: {n}" for rule, n in data["overdue"].items()]
        else:
            lines.append("Ingen forfalte frister.")
        return "\n".join(lines)
