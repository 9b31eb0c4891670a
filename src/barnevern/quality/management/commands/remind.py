"""``barnevern remind [--date D] [--service S] [--dry-run] [--no-propose]``: daily reminders.

Run it once a day (cron or a systemd timer, see ``docs/quality.md``). It first proposes avvik
for new breaches of statutory deadlines, then mails each leder and saksbehandler with an
e-mail address their due list (journal numbers only) through Django's mail backend.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from barnevern.audit.actor import acting
from barnevern.clock import day_option


class Command(BaseCommand):
    help = "Send hver leder og saksbehandler sine frister på e-post (kjøres daglig)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=day_option, default=None, help="dagen listen gjelder (standard: i dag)"
        )
        parser.add_argument("--service", help="bare denne tjenesten (kortnavn eller organisasjonsnummer)")
        parser.add_argument(
            "--dry-run", action="store_true", help="vis hvem som ville fått e-post, uten å sende"
        )
        parser.add_argument("--no-propose", action="store_true", help="ikke foreslå avvik fra nye fristbrudd")

    def handle(self, *args: Any, **options: Any) -> None:
        from barnevern.organisation.commands import service_option
        from barnevern.organisation.models import Tjeneste
        from barnevern.quality.remind import send_reminders

        today = options["date"] or timezone.localdate()
        if options["service"]:
            tjenester = [service_option(options["service"])]
        else:
            tjenester = list(Tjeneste.objects.order_by("slug"))
        with acting(None, "cli remind"):
            sent = send_reminders(
                tjenester, today, propose=not options["no_propose"], dry_run=options["dry_run"]
            )
        verb = "Ville sendt" if options["dry_run"] else "Sendte"
        for reminder in sent:
            self.stdout.write(f"  {reminder.user.username:<20} {len(reminder.rows):>4} frister")
        self.stdout.write(f"{verb} {len(sent)} påminnelser per {today:%d.%m.%Y}.")
