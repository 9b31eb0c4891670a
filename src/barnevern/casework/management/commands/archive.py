"""``barnevern archive export --service S [--from D --to D] --out DIR``: Noark 5 v5.0 arkivuttrekk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from barnevern.audit.actor import acting
from barnevern.casework import archive, cli
from barnevern.formats.noark5.validate import validate_dir
from barnevern.organisation.commands import service_option


class Command(BaseCommand):
    help = "Lag et Noark 5-arkivuttrekk (v5.0) av sakene til en tjeneste, kontrollert mot Arkivverkets XSD."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["export"], help="export: skriv uttrekket")
        parser.add_argument("--service", required=True, help="tjenesten (kortnavn eller organisasjonsnummer)")
        parser.add_argument("--from", dest="fra", help="første journaldato (ÅÅÅÅ-MM-DD)")
        parser.add_argument("--to", dest="til", help="siste journaldato (ÅÅÅÅ-MM-DD, standard i dag)")
        parser.add_argument("--out", required=True, help="mappen uttrekket skrives til (ny eller tom)")

    def handle(self, *args: Any, **o: Any) -> None:
        tjeneste = service_option(o["service"])
        fra, til = cli.parse_date("--from", o["fra"]), cli.parse_date("--to", o["til"])
        out = Path(o["out"])
        if out.exists() and any(out.iterdir()):
            raise CommandError(f"--out: mappen {out} finnes og er ikke tom.")
        with acting(None, "cli archive"):
            try:
                summary = archive.export(tjeneste, out, fra=fra, til=til)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        errors = validate_dir(out)
        if errors:
            raise CommandError("Uttrekket følger ikke XSD-ene:\n" + "\n".join(errors[:20]))
        self.stdout.write(
            f"Skrev {out}: {summary['saker']} saker, {summary['journalposter']} journalposter, "
            f"{summary['filer']} filer, {summary['endringer']} endringer. "
            "XML-filene er gyldige mot Noark 5 v5.0."
        )
