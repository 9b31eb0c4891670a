"""``barnevern journal --case JOURNALNR --service S [--json] [--user U] [--history] [--search TEXT]``."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from barnevern.audit.actor import acting
from barnevern.casework import cli
from barnevern.casework.queries import journal
from barnevern.organisation.commands import service_option


def entry_json(e: Any) -> dict[str, Any]:
    return {
        "id": str(e.id),
        "notat": str(e.kjede),
        "versjon": e.versjon,
        "gjeldende": e.gjeldende,
        "type": e.type,
        "type_navn": e.get_type_display(),
        "dato": e.dato.isoformat(),
        "tittel": e.tittel,
        "tekst": e.tekst,
        "barnets_medvirkning": e.barnets_medvirkning,
        "barnets_synspunkter": e.barnets_synspunkter,
        "parter": [p.visningsnavn for p in e.parter.all()],
        "gjelder": {"type": e.element_type, "id": str(e.element_id)} if e.element_type else None,
        "skrevet_av": e.forfatter_navn,
        "skrevet": e.opprettet.isoformat(timespec="seconds"),
        "korrigert_fordi": e.korreksjon_grunn,
    }


class Command(BaseCommand):
    help = "Vis journalen til et barn (journalnotater, nyeste versjon; --history for alle versjoner)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--case", required=True, help="journalnummeret til saken")
        parser.add_argument("--service", required=True, help="tjenesten (kortnavn eller organisasjonsnummer)")
        parser.add_argument("--user", help="les som denne brukeren (tilgangen til saken sjekkes)")
        parser.add_argument("--history", action="store_true", help="også korrigerte (eldre) versjoner")
        parser.add_argument("--search", default="", help="bare notater med alle disse ordene")
        parser.add_argument("--json", action="store_true", help="skriv en JSON-liste")

    def handle(self, *args: Any, **o: Any) -> None:
        tjeneste = service_option(o["service"])
        who = cli.user(o["user"], tjeneste)
        with acting(who, "cli journal"):
            sak = cli.case(tjeneste, o["case"], who)
            entries = journal(who, sak, history=o["history"], search=o["search"])
        if o["json"]:
            self.stdout.write(json.dumps([entry_json(e) for e in entries], ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Journal for sak {sak.journalnummer} ({len(entries)} notater)\n")
        for e in entries:
            flag = "" if e.gjeldende else " [erstattet]"
            who = f"{e.forfatter_navn}, v{e.versjon}"
            self.stdout.write(f"{e.dato:%d.%m.%Y}  {e.get_type_display()}: {e.tittel}{flag}  ({who})")
            for text in (e.tekst, e.barnets_synspunkter and f"Barnets synspunkter: {e.barnets_synspunkter}"):
                if text:
                    self.stdout.write("    " + text.replace("\n", "\n    "))
