"""``barnevern deadlines [PATH...] [--service S] [--date D] [--user U] [--json] [--all]``.

With PATHs (BVR/15F files, directories, zip archives) the deadlines are computed from the
records read, with no database (``formats.files``); ``--user`` then keeps the cases whose
15F ``Saksbehandler`` is U. Without PATHs the cases of ``--service`` (or of ``--user``'s
service) come from the database, scoped by ``cases.queries.visible_saker`` when ``--user``
is given, with the service's settings and one audit row per listing.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from barnevern.clock import day_option
from barnevern.formats.files import FileReadError, records_from_paths
from barnevern.quality.worklist import DEFAULT_HORIZON, case_items, item_json, row_json, worklist
from barnevern.rules.dates import Arithmetic
from barnevern.rules.deadlines import DeadlineConfig

STATUS_NB = {
    "overdue": "forfalt",
    "due": "forfaller i dag",
    "upcoming": "kommer",
    "met": "overholdt",
    "breached": "brutt",
}


class Command(BaseCommand):
    help = "Vis frister som er forfalt, forfaller i dag eller snart (fra filer eller databasen)."
    requires_system_checks: list[str] = []  # works from files without a database
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="*", metavar="PATH", help="BVR- eller 15F-filer, mapper eller zip-arkiver"
        )
        parser.add_argument("--service", help="tjenesten (kortnavn eller organisasjonsnummer) i databasen")
        parser.add_argument(
            "--date", type=day_option, default=None, help="dagen listen gjelder (standard: i dag)"
        )
        parser.add_argument(
            "--user", help="bare sakene denne brukeren har tilgang til (fra filer: 15F-saksbehandler)"
        )
        parser.add_argument("--json", action="store_true", help="skriv en JSON-liste")
        parser.add_argument("--all", action="store_true", help="alle frister, også overholdte og brutte")
        parser.add_argument(
            "--arithmetic",
            choices=[a.value for a in Arithmetic],
            default=None,
            help="fristberegning for filer (standard law; i databasen gjelder tjenestens oppsett)",
        )
        parser.add_argument(
            "--no-feedback",
            action="store_true",
            help="fra filer: utelat D2 (tilbakemelding til melder står ikke i BVR)",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"vis frister som forfaller innen så mange dager (standard {DEFAULT_HORIZON})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate()
        if options["days"] is not None and options["days"] < 0:
            raise CommandError("--days kan ikke være negativ.")
        if options["paths"]:
            if options["service"]:
                raise CommandError("Bruk enten filer eller --service, ikke begge.")
            output = self._from_files(options, today)
        else:
            if options["arithmetic"]:
                raise CommandError(
                    "--arithmetic gjelder bare filer; i databasen brukes tjenestens fristoppsett."
                )
            output = self._from_database(options, today)
        self._write(output, options, today)

    # --- sources ---------------------------------------------------------------------------

    def _from_files(self, options: dict[str, Any], today: date) -> list[dict[str, Any]]:
        try:
            records = records_from_paths(options["paths"])
        except FileReadError as exc:
            raise CommandError(str(exc)) from None
        if options["user"]:
            wanted = options["user"].strip().casefold()
            records = [r for r in records if (r.saksbehandler or "").strip().casefold() == wanted]
        config = DeadlineConfig(
            arithmetic=Arithmetic(options["arithmetic"] or Arithmetic.LAW),
            include_feedback=not options["no_feedback"],
        )
        if options["all"]:
            return [
                item_json(i, r.journalnummer, r.kommune_on(today))
                for r, i in case_items(records, today, config)
            ]
        horizon = DEFAULT_HORIZON if options["days"] is None else options["days"]
        return [row_json(row) for row in worklist(records, today, config, horizon=horizon)]

    def _from_database(self, options: dict[str, Any], today: date) -> list[dict[str, Any]]:
        from barnevern.accounts import policy
        from barnevern.accounts.models import User
        from barnevern.audit.actor import acting
        from barnevern.audit.services import log
        from barnevern.cases.queries import visible_saker
        from barnevern.organisation.commands import service_option
        from barnevern.quality import casedata, queries

        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).select_related("tjeneste").first()
            if user is None:
                raise CommandError(f"Fant ingen bruker «{options['user']}».")
            if not policy.can_see_cases(user):
                raise CommandError(f"Brukeren «{user.username}» har ikke tilgang til saker.")
        if options["service"]:
            tjeneste = service_option(options["service"])
            if user is not None and user.tjeneste_id != tjeneste.pk:
                raise CommandError(f"Brukeren «{user.username}» hører ikke til tjenesten {tjeneste.slug}.")
        elif user is not None:
            if user.tjeneste is None:
                raise CommandError(f"Brukeren «{user.username}» hører ikke til en tjeneste.")
            tjeneste = user.tjeneste
        else:
            raise CommandError("Oppgi filer, --service eller --user.")
        with acting(user, "cli"):
            qs = visible_saker(user) if user else None
            data = casedata.case_data(qs) if qs is not None else casedata.service_cases(tjeneste)
            config = queries.service_config(tjeneste, today)
            if options["days"] is not None:
                config.worklist_days = options["days"]
            if options["all"]:
                output = [
                    item_json(i, r.journalnummer, r.kommune_on(today))
                    for r, i in case_items(data.records, today, config.to_rules(), completed=data.completed)
                ]
            else:
                output = [row_json(row) for row in queries.rows_for(data, today, config)]
            log(
                "export",
                f"Listet frister på kommandolinjen ({len(output)} frister)",
                data={"antall": len(output), "dato": today, "tjeneste": tjeneste.slug},
            )
        return output

    # --- output ----------------------------------------------------------------------------

    def _write(self, output: list[dict[str, Any]], options: dict[str, Any], today: date) -> None:
        if options["json"]:
            self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
            return
        if not output:
            self.stdout.write(f"Ingen frister å vise per {today:%d.%m.%Y}.")
            return
        self.stdout.write(f"Frister per {today:%d.%m.%Y}:")
        for row in output:
            days = row["days"]
            if row["status"] in ("overdue", "breached"):
                when = f"{days} dager over"
            elif row["status"] == "upcoming":
                when = f"{days} dager igjen"
            else:
                when = ""
            flag = " ⚠" if row["unverified"] or row["configurable"] else ""
            self.stdout.write(
                f"  {row['due']}  {STATUS_NB[row['status']]:<16} {when:<15} "
                f"{row['journalnummer']:<14} {row['rule']:<4} {row['title']}"
                f"{' (' + row['part'] + ')' if row['part'] else ''}, {row['paragraph']}{flag}"
            )
        summary = Counter(row["status"] for row in output)
        self.stdout.write(
            f"\n{summary['overdue']} forfalt, {summary['due']} forfaller i dag, {summary['upcoming']} kommer"
            + (f", {summary['met']} overholdt, {summary['breached']} brutt." if options["all"] else ".")
        )
