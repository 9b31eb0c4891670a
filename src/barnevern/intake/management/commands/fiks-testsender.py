"""``barnevern fiks-testsender``: send KS's four example messages through the local broker (demo, tests).

Plays the national portal: encrypts each example for the receiving account's certificate and
publishes it with Fiks IO's headers to ``fiksio.konto.<BARNEVERN_FIKS_KONTO_ID>``. ``--keys DIR`` makes
a key pair there first if none exists (a demo set-up; in production the key is the municipality's).
``--receipts`` waits for and prints the replies (run ``barnevern fiks-mottak --once`` in between).
Never point it at a real Fiks IO broker.
"""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Send KS' eksempelmeldinger kryptert til den lokale meldingsformidleren (demo og test)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kommune", help="send eksemplene til dette kommunenummeret (standard: Bergen 1201)"
        )
        parser.add_argument(
            "--keys", metavar="DIR", help="lag nøkkelpar her hvis det mangler (key.pem, cert.pem)"
        )
        parser.add_argument("--avsender", default="", help="avsenderkonto (standard: ny tilfeldig)")
        parser.add_argument(
            "--receipts",
            metavar="AVSENDER",
            help="ikke send: vent på og vis kvitteringene til denne avsenderen",
        )
        parser.add_argument("--wait", type=float, default=5.0, help="sekunder å vente på kvitteringer")

    def handle(self, *args: Any, **options: Any) -> None:
        import os

        import pika.exceptions

        from barnevern.formats.fiks.crypto import Keys
        from barnevern.intake.config import DEFAULT_URL, QUEUE_PREFIX
        from barnevern.intake.testsender import EXAMPLES, Sender, build, example

        url = os.environ.get("BARNEVERN_FIKS_AMQP_URL", DEFAULT_URL)
        konto = os.environ.get("BARNEVERN_FIKS_KONTO_ID", "")
        if not konto:
            raise CommandError("Sett BARNEVERN_FIKS_KONTO_ID (mottakerkontoen).")
        if "127.0.0.1" not in url and "localhost" not in url:
            raise CommandError("Testavsenderen sender bare til en lokal meldingsformidler (127.0.0.1).")
        cert_file = os.environ.get("BARNEVERN_FIKS_CERT_FILE", "")
        if options["keys"]:
            folder = Path(options["keys"])
            folder.mkdir(parents=True, exist_ok=True)
            key_path, cert_path = folder / "key.pem", folder / "cert.pem"
            if not key_path.exists():
                Keys.generate("Barnevern demo").write(key_path, cert_path)
                self.stdout.write(f"Laget nøkkelpar i {folder}")
            cert_file = str(cert_path)
        if not cert_file:
            raise CommandError("Sett BARNEVERN_FIKS_CERT_FILE eller bruk --keys DIR.")
        from cryptography import x509

        certificate = x509.load_pem_x509_certificate(Path(cert_file).read_bytes())
        avsender = options["receipts"] or options["avsender"] or str(uuid.uuid4())
        try:
            sender = Sender(url, QUEUE_PREFIX + konto, avsender)
        except pika.exceptions.AMQPConnectionError:
            raise CommandError(
                f"Får ikke kontakt med meldingsformidleren ({url}); start den med scripts/rabbitmq."
            ) from None
        try:
            sender.declare()
            if options["receipts"]:
                deadline = time.monotonic() + options["wait"]
                got: list[tuple[dict[str, str], bytes]] = []
                while time.monotonic() < deadline:
                    got += sender.replies()
                    time.sleep(0.2)
                for headers, body in got:
                    extra = f" {json.loads(body)['melding']}" if body else ""
                    self.stdout.write(f"{headers.get('type')} svar-til {headers.get('svar-til')}{extra}")
                self.stdout.write(f"{len(got)} kvitteringer.")
                return
            for meldingstype in EXAMPLES:
                mid = sender.send(build(example(meldingstype, options["kommune"]), certificate), meldingstype)
                self.stdout.write(f"Sendt {meldingstype} melding-id {mid}")
            self.stdout.write(f"Avsenderkonto: {avsender}")
        finally:
            sender.close()
