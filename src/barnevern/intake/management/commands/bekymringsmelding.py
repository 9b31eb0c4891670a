"""``barnevern bekymringsmelding import FILE.json [--pdf FILE.pdf] --service S [--melding-id ID] [--json]``.

The same path as a report from Fiks IO (validation against KS's schemas, ``store_report``), for
tests and for municipalities that download reports from the portal by hand.
Exit codes: 0 stored, 1 a report with this melding-id is already stored, 2 invalid (findings named).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from barnevern.audit.actor import acting


class Command(BaseCommand):
    help = "Importer en bekymringsmelding (bekymringsmelding.json fra Fiks) fra fil."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="lagre én bekymringsmelding fra fil")
        imp.add_argument("file", metavar="FIL.json")
        imp.add_argument("--pdf", metavar="FIL.pdf", help="PDF-en fra portalen (lagres som originaldokument)")
        imp.add_argument("--service", required=True, help="tjenesten (kortnavn eller organisasjonsnummer)")
        imp.add_argument(
            "--melding-id", help="Fiks melding-id (gir idempotens: samme id lagres bare én gang)"
        )
        imp.add_argument("--type", dest="meldingstype", help="meldingstype (standard: av innholdet, v2)")
        imp.add_argument("--json", action="store_true", help="skriv resultatet som JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        from barnevern.formats.fiks.message import InvalidMessage
        from barnevern.intake.models import Kilde
        from barnevern.intake.services import Duplicate, store_from_json
        from barnevern.organisation.models import Tjeneste, find_tjeneste

        try:
            tjeneste = find_tjeneste(options["service"])
        except Tjeneste.DoesNotExist as exc:
            raise CommandError(str(exc)) from None
        path = Path(options["file"])
        try:
            raw = path.read_bytes()
            pdf = Path(options["pdf"]).read_bytes() if options["pdf"] else None
        except OSError as exc:
            raise CommandError(f"Kan ikke lese {exc.filename}: {exc.strerror}.") from None
        with acting(None, "cli bekymringsmelding"):
            try:
                mottak = store_from_json(
                    raw,
                    tjeneste=tjeneste,
                    meldingstype=options["meldingstype"],
                    melding_id=options["melding_id"],
                    pdf=pdf,
                    kilde=Kilde.FIL,
                )
            except InvalidMessage as exc:
                self._out(
                    options,
                    {"status": "ugyldig", "fil": str(path), "feil": exc.errors},
                    [f"{path}: ugyldig bekymringsmelding:", *(f"  - {e}" for e in exc.errors)],
                )
                sys.exit(2)
            except Duplicate as exc:
                self._out(
                    options,
                    {"status": "duplikat", "melding_id": exc.mottak.melding_id},
                    [f"{path}: melding-id {exc.mottak.melding_id} er allerede lagret; ingenting endret."],
                )
                sys.exit(1)
        rows = list(mottak.meldinger.select_related("melding__sak"))
        self._out(
            options,
            {
                "status": "lagret",
                "melding_id": mottak.melding_id,
                "meldingstype": mottak.meldingstype,
                "egen_kommune": mottak.egen_kommune,
                "meldinger": [
                    {
                        "journalnummer": r.melding.sak.journalnummer,
                        "sak": str(r.melding.sak_id),
                        "melding": str(r.melding_id),
                        "eksisterende_sak": r.eksisterende_sak,
                    }
                    for r in rows
                ],
            },
            [
                f"Lagret bekymringsmelding {mottak.melding_id} ({len(rows)} meldinger):",
                *(
                    f"  {r.melding.sak.journalnummer}{' (eksisterende sak)' if r.eksisterende_sak else ''}"
                    for r in rows
                ),
            ],
        )

    def _out(self, options: dict[str, Any], data: dict[str, Any], lines: list[str]) -> None:
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            for line in lines:
                self.stdout.write(line)
