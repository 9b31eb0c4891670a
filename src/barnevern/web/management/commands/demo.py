"""``barnevern demo [--reset]``: migrate and load the deterministic demo, then return."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from barnevern import demo


class Command(BaseCommand):
    help = (
        "Migrer databasen og last inn demodata (begge tjenestene, brukere for alle roller, syntetiske saker)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--reset", action="store_true", help="Tøm databasen først.")
        parser.add_argument(
            "--today", type=date.fromisoformat, help="Dato demoen regnes fra (standard: i dag)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demodata lastes ikke i produksjon (BARNEVERN_ENV=production).")
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        if options["reset"]:
            demo.reset_database()
        if demo.is_loaded():
            self.stdout.write("Demodata er allerede lastet (bruk --reset for å laste på nytt).")
        else:
            demo.load(options["today"] or timezone.localdate())
            self.stdout.write(self.style.SUCCESS("Demodata lastet."))
        self.stdout.write(f"\nDemobrukere (passord for alle: {demo.DEMO_PASSWORD}):")
        self.stdout.write(
            "Roller med tilgang til saker (leder, saksbehandler) krever tofaktorinnlogging; "
            "i demomodus viser innloggingssiden gjeldende kode."
        )
        for user in demo.USERS:
            extra = f", kommune {user.kommune}" if user.kommune else ""
            self.stdout.write(f"  {user.username:<16} {user.rolle:<14} {user.tjeneste}{extra}")
