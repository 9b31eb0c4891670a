"""``barnevern report --service S --year Y [--municipality NNNN] [--public] [--pdf F | --html F]``.

Assembles the status report from the database exactly as the web page does (the leader's stored
text for that service, year, municipality and version is used when there is one) and writes a
PDF or a stand-alone HTML file, or prints the key figures as text. One audit row per run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from barnevern.audit.services import log
from barnevern.clock import day_option
from barnevern.organisation.commands import service_option
from barnevern.organisation.models import Kommune, Tjeneste
from barnevern.reports.assemble import assemble
from barnevern.reports.models import Rapport, Versjon
from barnevern.reports.render import render_html, render_pdf
from barnevern.reports.templatetags.report_tags import fig


class Command(BaseCommand):
    help = "Lag tilstandsrapporten til kommunestyret som PDF eller HTML (offentlig eller intern versjon)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--service", required=True, help="tjenesten (kortnavn eller organisasjonsnummer)")
        parser.add_argument("--year", type=int, required=True, help="året rapporten gjelder, f.eks. 2022")
        parser.add_argument("--municipality", help="bare denne medlemskommunen (kommunenummer, fire siffer)")
        parser.add_argument(
            "--public", action="store_true", help="offentlig versjon med prikkede tall (standard: intern)"
        )
        out = parser.add_mutually_exclusive_group()
        out.add_argument("--pdf", type=Path, metavar="FIL", help="skriv PDF til FIL")
        out.add_argument("--html", type=Path, metavar="FIL", help="skriv frittstående HTML til FIL")
        parser.add_argument(
            "--date", type=day_option, default=None, help="dagens dato for tallene (standard: i dag)"
        )

    def _scope(self, options: dict[str, Any]) -> tuple[Tjeneste, Kommune | None]:
        tjeneste = service_option(options["service"])
        nummer = options["municipality"]
        if not nummer:
            return tjeneste, None
        if nummer not in tjeneste.kommunenumre():
            raise CommandError(
                f"--municipality: {nummer} er ikke medlem av {tjeneste.navn} "
                f"(medlemmer: {', '.join(tjeneste.kommunenumre())})."
            )
        return tjeneste, Kommune.objects.filter(nummer=nummer).order_by("-gyldig_fra").first()

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        if not 2010 <= year <= 2100:
            raise CommandError("--year må være mellom 2010 og 2100.")
        tjeneste, kommune = self._scope(options)
        today = options["date"] or timezone.localdate()
        versjon = Versjon.OFFENTLIG if options["public"] else Versjon.INTERN
        rapport = Rapport.objects.filter(tjeneste=tjeneste, ar=year, kommune=kommune, versjon=versjon).first()
        data = assemble(
            tjeneste, year, kommune=kommune, public=options["public"], today=today, rapport=rapport
        )
        log(
            "read",
            f"Laget tilstandsrapport {year} ({versjon}) på kommandolinjen",
            obj=tjeneste,
            data={"ar": year, "kommune": kommune.nummer if kommune else None, "versjon": str(versjon)},
        )
        if options["pdf"]:
            options["pdf"].write_bytes(render_pdf(data))
            self.stdout.write(f"Skrev {options['pdf']} ({data['meta']['footer']}).")
        elif options["html"]:
            options["html"].write_text(render_html(data, standalone=True), encoding="utf-8")
            self.stdout.write(f"Skrev {options['html']} ({data['meta']['footer']}).")
        else:
            self.stdout.write(self._text(data))

    def _text(self, data: dict[str, Any]) -> str:
        meta = data["meta"]
        lines = [f"{meta['title']} – {meta['service']['navn']}", meta["scope_label"], meta["footer"], ""]
        lines += [section["title"] for section in data["sections"]]
        figures = next(s for s in data["sections"] if s["key"] == "nokkeltall")
        table = figures["data"]["series"]
        lines += ["", table["caption"]]
        width = max(len(r["label"]) for r in table["rows"]) + 2
        lines.append(" " * width + "".join(f"{c['label']:>12}" for c in table["columns"]))
        for row in table["rows"]:
            cells = []
            for cell in row["cells"]:
                text = fig(cell["v"], row["kind"]).replace("\u00a0", " ")
                cells.append(f"{text:>12}")
                if cell.get("n"):
                    cells[-1] += f" ({cell['n']})"
            lines.append(f"{row['label']:<{width}}" + "".join(cells))
        return "\n".join(lines)
