"""``barnevern stats [PATH...] [--service S | --user U] (--year Y [--half 1|2] | --from D --to D)
[--municipality NNNN] [--published] [--indicators K,K] [--json | --csv FILE | --xlsx FILE]``.

With PATHs (BVR/15F files, directories, zip archives) the figures are counted straight from
the records read, with no database (``formats.files``); the columns are the files' Avgiver
municipalities. Without PATHs the cases of ``--service`` (or of ``--user``'s service, as that
user may see them: a Kommune user gets its own municipality, published) come from the
database, and one audit row is written. Both paths call ``stats.queries``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from barnevern.clock import day_option
from barnevern.exports import to_csv, to_xlsx
from barnevern.rules.indicators import INDICATORS
from barnevern.rules.periods import Period, PeriodError
from barnevern.stats.queries import StatsError, StatsResult, export_table


def period_from(options: dict[str, Any]) -> Period:
    """The period of ``--year [--half]`` or ``--from --to`` (exactly one of them)."""
    year, half, start, end = options["year"], options["half"], options["from"], options["to"]
    try:
        if year is not None:
            if start or end:
                raise CommandError("Bruk enten --year (med --half) eller --from og --to, ikke begge.")
            return Period.half(year, half) if half else Period.year(year)
        if half:
            raise CommandError("--half krever --year.")
        if start and end:
            return Period(start, end)
    except PeriodError as exc:
        raise CommandError(str(exc)) from None
    raise CommandError("Oppgi perioden: --year ÅÅÅÅ (eventuelt med --half 1|2) eller --from og --to.")


class Command(BaseCommand):
    help = "Vis statistikk per kommune for en periode (fra filer eller databasen), eksakt eller prikket."
    requires_system_checks: list[str] = []  # works from files without a database
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="*", metavar="PATH", help="BVR- eller 15F-filer, mapper eller zip-arkiver"
        )
        parser.add_argument("--service", help="tjenesten (kortnavn eller organisasjonsnummer) i databasen")
        parser.add_argument("--user", help="tallene denne brukeren har tilgang til (i databasen)")
        parser.add_argument("--year", type=int, help="kalenderår, f.eks. 2022")
        parser.add_argument("--half", type=int, choices=[1, 2], help="halvår 1 eller 2 av --year")
        parser.add_argument("--from", type=day_option, dest="from", help="første dag, ÅÅÅÅ-MM-DD")
        parser.add_argument("--to", type=day_option, dest="to", help="siste dag, ÅÅÅÅ-MM-DD")
        parser.add_argument("--municipality", help="bare denne medlemskommunen (kommunenummer)")
        parser.add_argument("--published", action="store_true", help="prikk små tall slik de publiseres")
        parser.add_argument("--indicators", help="bare disse nøklene, kommaseparert (standard: alle)")
        out = parser.add_mutually_exclusive_group()
        out.add_argument("--json", action="store_true", help="skriv JSON")
        out.add_argument("--csv", metavar="FILE", help="skriv CSV til FILE («-» = standard ut)")
        out.add_argument("--xlsx", metavar="FILE", help="skriv regneark (XLSX) til FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        period = period_from(options)
        keys = self._keys(options["indicators"])
        kommune = (options["municipality"] or "").strip() or None
        if kommune is not None and not (len(kommune) == 4 and kommune.isdigit()):
            raise CommandError(f"--municipality: «{kommune}» er ikke et kommunenummer med fire siffer.")
        try:
            if options["paths"]:
                if options["service"] or options["user"]:
                    raise CommandError("Bruk enten filer eller --service/--user, ikke begge.")
                result = self._from_files(options, period, kommune, keys)
            else:
                result = self._from_database(options, period, kommune, keys)
        except StatsError as exc:
            raise CommandError(str(exc)) from None
        self._write(result, options)

    def _keys(self, text: str | None) -> list[str] | None:
        if not text:
            return None
        keys = [k.strip() for k in text.split(",") if k.strip()]
        unknown = [k for k in keys if k not in INDICATORS]
        if unknown:
            raise CommandError(f"Ukjent indikator: {', '.join(unknown)}. Se docs/statistics.md for nøklene.")
        return keys

    # --- sources ---------------------------------------------------------------------------

    def _from_files(
        self, options: dict[str, Any], period: Period, kommune: str | None, keys: list[str] | None
    ) -> StatsResult:
        from barnevern.formats.files import FileReadError
        from barnevern.stats.queries import stats_from_paths

        try:
            return stats_from_paths(
                options["paths"], period, kommune=kommune, published=options["published"], keys=keys
            )
        except FileReadError as exc:
            raise CommandError(str(exc)) from None

    def _from_database(
        self, options: dict[str, Any], period: Period, kommune: str | None, keys: list[str] | None
    ) -> StatsResult:
        from django.core.exceptions import PermissionDenied

        from barnevern.accounts.models import User
        from barnevern.audit.actor import acting
        from barnevern.audit.services import log
        from barnevern.organisation.commands import service_option
        from barnevern.stats.queries import indicator_table, user_series

        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).select_related("tjeneste", "kommune").first()
            if user is None:
                raise CommandError(f"Fant ingen bruker «{options['user']}».")
        tjeneste = None
        if options["service"]:
            tjeneste = service_option(options["service"])
            if user is not None and user.tjeneste_id != tjeneste.pk:
                raise CommandError(f"Brukeren «{user.username}» hører ikke til tjenesten {tjeneste.slug}.")
        elif user is None:
            raise CommandError("Oppgi filer, --service eller --user.")
        with acting(user, "cli"):
            if user is not None:
                try:
                    _scope, results = user_series(
                        user,
                        [period],
                        kommune=kommune,
                        published=options["published"],
                        keys=keys,
                        action="export",
                    )
                except PermissionDenied as exc:
                    raise CommandError(f"Brukeren «{user.username}»: {exc}") from None
                return results[0]
            assert tjeneste is not None
            result = indicator_table(
                tjeneste, period, kommune=kommune, published=options["published"], keys=keys
            )
            log(
                "export",
                f"Statistikk {period.label} på kommandolinjen",
                data={
                    "tjeneste": tjeneste.slug,
                    "perioder": [period.code],
                    "kommune": kommune,
                    "publisert": options["published"],
                },
            )
            return result

    # --- output ----------------------------------------------------------------------------

    def _write(self, result: StatsResult, options: dict[str, Any]) -> None:
        if options["json"]:
            self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
            return
        if options["csv"]:
            data = to_csv(export_table(result, for_csv=True))
            if options["csv"] == "-":
                self.stdout.write(data.decode("utf-8-sig"), ending="")
            else:
                self._save(options["csv"], data)
            return
        if options["xlsx"]:
            self._save(options["xlsx"], to_xlsx(export_table(result)))
            return
        self._table(result)

    def _save(self, path: str, data: bytes) -> None:
        try:
            with open(path, "wb") as out:
                out.write(data)
        except OSError as exc:
            raise CommandError(f"{path}: Kan ikke skrive filen ({exc.strerror}).") from None
        sys.stderr.write(f"Skrev {path}\n")

    def _table(self, result: StatsResult) -> None:
        kind = (
            "publiserte tall, små tall prikket" if result.published else "interne tall, ikke for publisering"
        )
        self.stdout.write(f"{result.source} – {result.period.label} ({kind})")
        with_total = result.kommune is None
        heads = [f"{n} {navn}" for n, navn in result.municipalities.items()] + (
            ["Totalt"] if with_total else []
        )
        rows = [(r.name, [*r.cells, *([r.total] if with_total else [])], r.note) for r in result.rows()]
        first = max([len("Indikator"), *(len(name) for name, _v, _n in rows)])
        widths = [max([len(h), *(len(values[i]) for _name, values, _n in rows)]) for i, h in enumerate(heads)]

        def line(name: str, values: list[str]) -> str:
            return "  ".join([name.ljust(first), *(v.rjust(w) for v, w in zip(values, widths, strict=True))])

        self.stdout.write(line("Indikator", heads))
        for name, values, note in rows:
            self.stdout.write(line(name, values) + (f"  ({note})" if note else ""))
        if result.published:
            self.stdout.write(f"\n«:» = prikket. {(result.note() or 'ingen tall er prikket').capitalize()}.")
        self.stdout.write("«..» = kan ikke beregnes (nevneren er 0 eller folketallet mangler).")
