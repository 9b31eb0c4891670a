"""``barnevern audit verify``: check the hash chain of the access log."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from barnevern.audit.services import verify_chain


class Command(BaseCommand):
    help = "Kontroller tilgangsloggen (audit verify: hash-kjeden fra første til siste rad)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["verify"], help="verify: kontroller kjeden")

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if result.ok:
            self.stdout.write(f"Tilgangsloggen er hel: {result.rows} rader kontrollert.")
            return
        self.stderr.write(
            f"Tilgangsloggen er brutt ved rad {result.first_broken_id}: {result.reason} "
            f"({result.rows} rader lest)."
        )
        sys.exit(2)
