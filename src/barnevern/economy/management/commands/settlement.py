"""``barnevern settlement --service S --period 2022H2 [--json|--pdf F|--xlsx F]``.

Computes the half-year settlement from the ledger (the same code as the web page). With
``--number N`` it prints a stored statement instead. ``--json`` prints
``{"period", "key", "municipalities"}`` with amounts as strings in NOK with two decimals.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from barnevern.audit.actor import acting
from barnevern.audit.services import log
from barnevern.economy import documents, settlements
from barnevern.economy.models import Oppgjor
from barnevern.organisation.commands import service_option
from barnevern.rules.money import format_nok


class Command(BaseCommand):
    help = (
        "Beregn halvårsoppgjøret mellom vertskommunen og samarbeidskommunene (tekst, JSON, PDF eller XLSX)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--service", required=True, help="tjenestens kortnavn eller organisasjonsnummer")
        parser.add_argument("--period", help="halvår, for eksempel 2022H2")
        parser.add_argument("--number", type=int, help="skriv ut et lagret oppgjør med dette nummeret")
        parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
        parser.add_argument("--pdf", metavar="F", help="skriv oppgjøret som PDF til filen F")
        parser.add_argument("--xlsx", metavar="F", help="skriv oppgjøret som XLSX til filen F")

    def handle(self, *args: Any, **options: Any) -> None:
        tjeneste = service_option(options["service"])
        if options["number"] is not None:
            statement = Oppgjor.objects.filter(tjeneste=tjeneste, nummer=options["number"]).first()
            if statement is None:
                raise CommandError(f"{tjeneste.slug} har ikke noe oppgjør nr. {options['number']}.")
        elif options["period"]:
            try:
                snapshot = settlements.compute(tjeneste, options["period"])
            except settlements.StatementError as exc:
                raise CommandError(str(exc)) from None
            statement = Oppgjor(tjeneste=tjeneste, periode=snapshot["period"], snapshot=snapshot)
        else:
            raise CommandError("Oppgi --period (f.eks. 2022H2) eller --number.")
        with acting(None, "cli"):
            self._write(statement, options)

    def _write(self, statement: Oppgjor, options: dict[str, Any]) -> None:
        if options["pdf"]:
            Path(options["pdf"]).write_bytes(documents.statement_pdf(statement))
            log("export", f"Skrev {statement} som PDF", data={"fil": options["pdf"]})
            self.stderr.write(f"Skrev {options['pdf']}.")
        if options["xlsx"]:
            Path(options["xlsx"]).write_bytes(documents.statement_xlsx(statement))
            log("export", f"Skrev {statement} som XLSX", data={"fil": options["xlsx"]})
            self.stderr.write(f"Skrev {options['xlsx']}.")
        if options["json"]:
            self.stdout.write(
                json.dumps(settlements.cli_json(statement.snapshot), ensure_ascii=False, indent=2)
            )
        elif not (options["pdf"] or options["xlsx"]):
            self.stdout.write(self._text(statement.snapshot))

    @staticmethod
    def _text(s: dict[str, Any]) -> str:
        lines = [f"Halvårsoppgjør {s['label']} – {s['service']['navn']}", ""]
        lines.append(f"{'Kommune':<22}{'Andel':>8}{'Felles':>16}{'Klient':>16}{'Innbetalt':>16}{'Saldo':>16}")
        for m in s["members"]:
            name = f"{m['kommune']} {m['navn']}"[:21]
            amounts = "".join(
                f"{format_nok(Decimal(m[k])):>16}"
                for k in ("common_share", "client_costs", "paid", "balance")
            )
            lines.append(f"{name:<22}{m['share_percent']:>8}{amounts}")
        lines.append("")
        lines.append(
            f"Til vertskommunen fra samarbeidskommunene: {format_nok(Decimal(s['totals']['due_to_host']))}"
        )
        return "\n".join(lines)
