"""``barnevern staff [--service S] [--date D] [--variant V] [--json]``: headcount, FTE, teams,
competence and caseload of one service, from the same query layer as the /ansatte/ pages.

``--json`` prints ``{"employees", "fte", "teams", "competence"}``; in ``competence``,
``transition`` counts employees who meet the requirement by exception (meets_by_exception) and
``missing`` those who do not meet it. Reading staff data is logged in the audit log.
"""

from __future__ import annotations

import getpass
import json
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from barnevern import display
from barnevern.audit.actor import Actor
from barnevern.audit.services import log
from barnevern.clock import day_option
from barnevern.organisation.commands import service_option
from barnevern.rules import competence
from barnevern.staff import queries


def _fte(value: Decimal) -> str:
    return display.number(value, 1, nbsp=False)


def _share(value: float | None) -> str:
    return display.percent(value, 0, nbsp=False)


class Command(BaseCommand):
    help = "Vis ansatte, årsverk, team, kompetansekravet og saksmengde for en tjeneste."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--service", help="tjenestens kortnavn eller organisasjonsnummer")
        parser.add_argument("--date", type=day_option, help="dato (ÅÅÅÅ-MM-DD), standard i dag")
        parser.add_argument(
            "--variant",
            choices=sorted(competence.VARIANTS),
            help="variant av kompetansekravet (standard: tjenestens innstilling)",
        )
        parser.add_argument("--json", action="store_true", help="skriv tallene som JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        tjeneste = service_option(options["service"])
        on = options["date"] or timezone.localdate()
        variant = competence.VARIANTS[options["variant"]] if options["variant"] else None
        data = queries.overview(tjeneste, on, variant)
        log(
            "view",
            "Ansatte: oversikt (kommandolinjen)",
            data={"tjeneste": tjeneste.slug, "dato": on},
            actor=Actor(None, getpass.getuser(), "cli"),
        )
        if options["json"]:
            self.stdout.write(json.dumps(queries.staff_json(data), ensure_ascii=False, indent=2))
            return
        self.stdout.write(self._text(data, queries.caseload(tjeneste, on)))

    def _text(self, data: queries.StaffOverview, load: queries.Caseload) -> str:
        fig = data.competence
        lines = [
            f"{data.tjeneste.navn} per {data.on:%d.%m.%Y}",
            f"{data.employees} ansatte – {_fte(data.fte)} årsverk",
            "",
            "Team:",
        ]
        for t in data.teams:
            vacant = f", {t.vacancies} vakanse(r)" if t.vacancies else ""
            lines.append(f"  {t.name}: {t.employees} ansatte, {_fte(t.fte)} årsverk{vacant}")
        lines.append("Profesjoner: " + ", ".join(f"{label} {n}" for label, n in data.professions))
        lines.append(f"Vakanser: {len(data.vacancies)} ({_fte(data.vacant_fte)} årsverk)")
        latest = next((m for m in reversed(data.sick_leave) if m.percent is not None), None)
        if latest:
            lines.append(f"Sykefravær {latest.month:%m.%Y}: {display.percent_of(latest.percent, nbsp=False)}")
        lines += [
            "",
            f"Kompetansekravet ({fig.variant.code}: {fig.variant.name}):",
        ]
        for summary, label in (
            (fig.now, f"{fig.now.on:%d.%m.%Y}"),
            (fig.projected, f"forventet {fig.projected.on:%d.%m.%Y}"),
        ):
            lines.append(
                f"  {label}: oppfyller {summary.meets}, ved unntak {summary.by_exception}, "
                f"oppfyller ikke {summary.does_not_meet}, omfattes ikke {summary.not_covered} "
                f"(andel {_share(summary.share_compliant)})"
            )
        lines += ["", f"Saksmengde (varselgrense {load.level} barn):"]
        for row in load.rows:
            flag = "  OVER GRENSEN" if row.over else ""
            lines.append(f"  {row.ansatt or row.user}: {row.children}{flag}")
        lines.append(f"  Ikke fordelt: {load.unassigned}")
        return "\n".join(lines)
