"""``barnevern kostra import FILE... [--table ID] [--allow-older] [--json]``,
``barnevern kostra compare --service S --year Y [--years N] [--municipality NNNN] [--json]`` and
``barnevern kostra groups --service S [--set NNNN=EKGnn[:EKAnn] --from D]``.

``import`` reads SSB statbank files (JSON-stat 2.0 or SSB's semicolon CSV) and prints what
changed; a malformed file stores nothing (``kostra.importing``). ``compare`` prints the
comparison of ``kostra.queries`` for one year: a table per indicator, or with ``--json``
``{"year": Y, "indicators": {KEY: {"table", "content_code", "label", "unit", "service",
"municipalities", "kostragruppe", "fylke", "landet", "rank"}}}``. ``groups`` lists (or sets)
the members' KOSTRA groups and counties.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from barnevern.kostra.display import show
from barnevern.kostra.importing import KostraImportError, import_files
from barnevern.kostra.queries import DEFAULT_YEARS, ComparisonError, comparison


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"«{text}» er ikke en dato på formen ÅÅÅÅ-MM-DD.") from None


def _service(ident: str) -> Any:
    from barnevern.organisation.models import Tjeneste, find_tjeneste

    try:
        return find_tjeneste(ident)
    except Tjeneste.DoesNotExist as exc:
        raise CommandError(str(exc)) from None


class Command(BaseCommand):
    help = "KOSTRA: les inn SSB-tabeller; sammenlign tjenesten med KOSTRA-gruppe, fylke og landet."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="import|compare|groups")
        imp = sub.add_parser("import", help="les inn SSB-filer (JSON-stat 2.0 eller semikolon-CSV)")
        imp.add_argument("files", nargs="+", metavar="FILE")
        imp.add_argument("--table", help="tabellnummeret, for en CSV-fil uten tittel")
        imp.add_argument(
            "--allow-older", action="store_true", help="les inn selv om filen er eldre enn det som er lagret"
        )
        imp.add_argument("--json", action="store_true", help="skriv rapporten som JSON")
        cmp_ = sub.add_parser("compare", help="tjenestens tall ved siden av KOSTRA-gruppe, fylke og landet")
        cmp_.add_argument("--service", required=True, help="tjenesten (kortnavn eller organisasjonsnummer)")
        cmp_.add_argument("--year", type=int, required=True, help="året, f.eks. 2022")
        cmp_.add_argument(
            "--years",
            type=int,
            default=DEFAULT_YEARS,
            help=f"antall år i tabellen (standard {DEFAULT_YEARS})",
        )
        cmp_.add_argument("--municipality", help="bare denne medlemskommunen (kommunenummer)")
        cmp_.add_argument("--json", action="store_true", help="skriv JSON for --year")
        grp = sub.add_parser("groups", help="medlemskommunenes KOSTRA-gruppe og fylke")
        grp.add_argument("--service", required=True)
        grp.add_argument("--date", type=_date, help="gjeldende dato (standard: i dag)")
        grp.add_argument("--set", action="append", default=[], metavar="NNNN=EKGnn[:EKAnn]")
        grp.add_argument("--from", dest="from_", type=_date, help="gjelder fra (med --set)")
        grp.add_argument("--source", default="", help="kilden for grupperingen (med --set)")

    def handle(self, *args: Any, **options: Any) -> None:
        from barnevern.audit.actor import acting

        with acting(None, f"cli kostra {options['action']}"):
            getattr(self, f"_{options['action']}")(options)

    # --- import -------------------------------------------------------------------------------

    def _import(self, options: dict[str, Any]) -> None:
        files = []
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: Filen finnes ikke.")
            files.append((path.name, path.read_bytes()))
        try:
            reports = import_files(files, allow_older=options["allow_older"], table_id=options["table"])
        except KostraImportError as exc:
            raise CommandError(f"{exc} Ingenting er lagret.") from None
        if options["json"]:
            self.stdout.write(json.dumps([r.to_json() for r in reports], ensure_ascii=False, indent=2))
            return
        for report in reports:
            self.stdout.write(report.summary())
            for change in report.endringer:
                self.stdout.write(f"  endret: {change}")
            for warning in report.advarsler:
                self.stdout.write(f"  merk: {warning}")

    # --- compare ------------------------------------------------------------------------------

    def _compare(self, options: dict[str, Any]) -> None:
        tjeneste = _service(options["service"])
        kommune = (options["municipality"] or "").strip() or None
        try:
            result = comparison(tjeneste, options["year"], years=options["years"], kommune=kommune)
        except ComparisonError as exc:
            raise CommandError(str(exc)) from None
        from barnevern.audit.services import log

        log(
            "export",
            f"KOSTRA-sammenligning {options['year']} (kommandolinjen)",
            data={"tjeneste": tjeneste.slug},
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
            return
        write = self.stdout.write
        head = f"KOSTRA-sammenligning for {tjeneste.navn}, {result.years[0]}–{result.year}"
        if result.synthetic:
            head += " — SYNTETISKE DEMOTALL, ikke SSBs tall"
        write(head)
        for ind in result.indicators:
            spec = ind.indicator
            write(f"\n{spec.label} ({spec.unit})")
            width = max(len(line.label) for line in ind.lines) + 2
            write(" " * width + "".join(f"{y:>10}" for y in result.years))
            for line in ind.lines:
                cells = "".join(f"{show(f, spec.kind, spec.decimals):>10}" for f in line.figures)
                ranked = f"  nr. {line.rank[0]} av {line.rank[1]}" if line.rank else ""
                write(f"{line.label:<{width}}{cells}{ranked}")
            write("Kilde: " + "; ".join(s.caption() for s in ind.sources))
        for note in result.notes:
            write(f"Merk: {note}")

    # --- groups -------------------------------------------------------------------------------

    def _groups(self, options: dict[str, Any]) -> None:
        from barnevern.kostra.regions import grouping, set_grouping
        from barnevern.organisation.models import Kommune

        tjeneste = _service(options["service"])
        numbers = tjeneste.kommunenumre()
        for spec in options["set"]:
            nummer, _, rest = spec.partition("=")
            gruppe, _, fylke = rest.partition(":")
            if nummer not in numbers:
                raise CommandError(f"{nummer} er ikke medlem av {tjeneste.navn}.")
            if options["from_"] is None:
                raise CommandError("--set krever --from (datoen grupperingen gjelder fra).")
            kommune = Kommune.objects.filter(nummer=nummer).order_by("-gyldig_fra").first()
            if kommune is None:
                raise CommandError(f"Fant ikke kommune {nummer}.")
            try:
                set_grouping(
                    kommune,
                    options["from_"],
                    gruppe,
                    fylke or f"EKA{nummer[:2]}",
                    user=None,
                    kilde=options["source"],
                )
            except ValidationError as exc:
                raise CommandError(
                    f"{nummer}: " + " ".join(m for ms in exc.message_dict.values() for m in ms)
                ) from None
        day = options["date"] or date.today()
        for nummer, g in grouping(numbers, day).items():
            since = g.fra.isoformat() if g.fra else "ikke satt"
            self.stdout.write(f"{nummer}  {g.kostragruppe or '–':6} {g.fylke}  fra {since}  {g.kilde}")
