"""``barnevern fiks-mottak [--once]``: receive bekymringsmeldinger from Fiks IO (AMQP).

Long-running (a systemd service, docs/fiks.md); ``--once`` drains the queue and exits (tests, cron).
Configuration from the environment (``barnevern.intake.config``). Exit code with ``--once``: 0 when
everything delivered was stored or set aside with a feilet receipt, 1 when a message could not be
stored now and is still in the queue (it will be tried again).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from barnevern.audit.actor import acting


class Command(BaseCommand):
    help = "Motta bekymringsmeldinger fra Fiks IO (kjører til den stoppes; --once tømmer køen)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="tøm køen og avslutt")
        parser.add_argument("--json", action="store_true", help="skriv oppsummeringen som JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        import pika.exceptions

        from barnevern.formats.fiks.crypto import Keys
        from barnevern.intake.config import FiksConfig
        from barnevern.intake.consumer import Consumer, Processor
        from barnevern.organisation.models import Tjeneste, find_tjeneste

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
        try:
            cfg = FiksConfig.from_env()
            keys = Keys.load(cfg.key_file, cfg.cert_file)
            tjeneste = find_tjeneste(cfg.service)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        except (OSError, ValueError) as exc:
            raise CommandError(f"Kan ikke lese Fiks IO-nøkkelen eller -sertifikatet: {exc}") from None
        except Tjeneste.DoesNotExist as exc:
            raise CommandError(str(exc)) from None
        consumer = Consumer(cfg, Processor(cfg, keys, tjeneste))
        with acting(None, "fiks-mottak"):
            try:
                consumer.connect()
                if not options["once"]:
                    consumer.install_signal_handlers()
                    self.stdout.write(f"Lytter på {cfg.queue} for {tjeneste} (Ctrl-C stopper).")
                summary = consumer.run(once=options["once"])
            except pika.exceptions.ChannelClosedByBroker as exc:
                raise CommandError(
                    f"Køen {cfg.queue} finnes ikke eller kan ikke leses: {exc.reply_text}"
                ) from None
            except pika.exceptions.AMQPConnectionError as exc:
                raise CommandError(
                    f"Får ikke kontakt med meldingsformidleren ({type(exc).__name__})."
                ) from None
            finally:
                consumer.close()
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False))
        else:
            self.stdout.write(
                f"Lagret {summary.lagret}, allerede lagret {summary.duplikat}, avvist {summary.feilet}, "
                f"ikke lagret nå (ligger i køen) {summary.ikke_lagret}."
            )
        if summary.ikke_lagret:
            sys.exit(1)
