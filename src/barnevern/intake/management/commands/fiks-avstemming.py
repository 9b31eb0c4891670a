"""``barnevern fiks-avstemming [--date D] [--service S] [--queue] [--json]``: daily reconciliation.

Compares what Fiks IO delivered with what was stored and receipted that day (``intake.reconcile``); a
mismatch becomes an avvik in the internal-control log and a warning on the leader's start page. Run it
daily after midnight for the day before, beside ``remind`` (docs/fiks.md). Exit code 0 all in order,
1 mismatches found.
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from barnevern.audit.actor import acting


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date: «{text}» er ikke en dato på formen ÅÅÅÅ-MM-DD.") from None


class Command(BaseCommand):
    help = "Avstem det Fiks IO leverte mot det som ble lagret og kvittert (kjøres daglig)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=_date, default=None, help="dagen som avstemmes (standard: i går)")
        parser.add_argument("--service", help="tjenesten (standard: BARNEVERN_FIKS_SERVICE, ellers alle)")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="les også hvor mange meldinger som venter i køen (BARNEVERN_FIKS_*)",
        )
        parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        import os

        from barnevern.intake.reconcile import reconcile
        from barnevern.organisation.models import Tjeneste, find_tjeneste

        dato = options["date"] or timezone.localdate() - timedelta(days=1)
        ident = options["service"] or os.environ.get("BARNEVERN_FIKS_SERVICE", "")
        try:
            tjenester = [find_tjeneste(ident)] if ident else list(Tjeneste.objects.order_by("slug"))
        except Tjeneste.DoesNotExist as exc:
            raise CommandError(str(exc)) from None
        depth = self._queue_depth() if options["queue"] else None
        results = []
        with acting(None, "cli fiks-avstemming"):
            for tjeneste in tjenester:
                results.append((tjeneste, reconcile(tjeneste, dato, i_koen=depth)))
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "tjeneste": t.slug,
                            "dato": dato.isoformat(),
                            "levert": r.avstemming.levert,
                            "lagret": r.avstemming.lagret,
                            "kvittert": r.avstemming.kvittert,
                            "avvist": r.avstemming.dode,
                            "avvik": r.avstemming.avvik,
                        }
                        for t, r in results
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for t, r in results:
                a = r.avstemming
                state = "i orden" if r.ok else f"{len(a.avvik)} AVVIK (registrert i internkontrollen)"
                self.stdout.write(
                    f"{t.slug} {dato:%d.%m.%Y}: levert {a.levert}, lagret {a.lagret}, kvittert {a.kvittert}, "
                    f"avvist {a.dode} – {state}"
                )
                for line in a.avvik:
                    self.stdout.write(f"  - {line}")
        if any(not r.ok for _, r in results):
            sys.exit(1)

    def _queue_depth(self) -> int:
        import pika
        import pika.exceptions

        from barnevern.intake.config import FiksConfig

        try:
            cfg = FiksConfig.from_env()
            connection = pika.BlockingConnection(pika.URLParameters(cfg.amqp_url))
        except Exception as exc:
            raise CommandError(f"Kan ikke lese køen: {exc}") from None
        try:
            return connection.channel().queue_declare(cfg.queue, passive=True).method.message_count
        except pika.exceptions.ChannelClosedByBroker as exc:
            raise CommandError(f"Køen finnes ikke: {exc.reply_text}") from None
        finally:
            if connection.is_open:
                connection.close()
