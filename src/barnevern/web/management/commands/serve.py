"""``barnevern serve``: start the web server on http://127.0.0.1:8000."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start webserveren (standard http://127.0.0.1:8000)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--addr", default="127.0.0.1:8000", help="Adresse og port (standard 127.0.0.1:8000)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            self.stderr.write(
                "I produksjon: bruk gunicorn (se README, «Drift»): gunicorn barnevern.wsgi -b 127.0.0.1:8000"
            )
        call_command("runserver", options["addr"], use_reloader=False, insecure_serving=True)
