"""``barnevern innsyn --case JOURNALNR --service S --party PART --out FILE.pdf [--user U]``."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from barnevern.audit.actor import acting
from barnevern.casework import cli, innsyn
from barnevern.casework import models as m
from barnevern.organisation.commands import service_option


def find_party(sak: Any, text: str) -> m.Part:
    parties = list(m.Part.objects.filter(sak=sak))
    try:
        wanted = uuid.UUID(text)
        found = [p for p in parties if p.pk == wanted]
    except ValueError:
        key = text.strip().lower()
        found = [p for p in parties if p.rolle == key] or [p for p in parties if p.navn.lower() == key]
    if len(found) != 1:
        known = ", ".join(f"{p.visningsnavn} ({p.rolle}, {p.pk})" for p in parties) or "ingen"
        what = "flere parter" if found else "ingen part"
        raise CommandError(f"--party: «{text}» passer {what}. Partene i saken: {known}.")
    return found[0]


class Command(BaseCommand):
    help = "Lag innsynspakken for én part i en sak: én PDF med liste over det som gis og det som unntas."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--case", required=True, help="journalnummeret til saken")
        parser.add_argument("--service", required=True, help="tjenesten (kortnavn eller organisasjonsnummer)")
        parser.add_argument("--party", required=True, help="partens id, rolle (mor, far ...) eller navn")
        parser.add_argument("--out", required=True, help="PDF-filen som skrives")
        parser.add_argument("--user", help="som denne brukeren (tilgangen til saken sjekkes)")

    def handle(self, *args: Any, **o: Any) -> None:
        tjeneste = service_option(o["service"])
        who = cli.user(o["user"], tjeneste)
        out = Path(o["out"])
        if not out.parent.exists():
            raise CommandError(f"--out: mappen {out.parent} finnes ikke.")
        with acting(who, "cli innsyn"):
            sak = cli.case(tjeneste, o["case"], who)
            part = find_party(sak, o["party"])
            pdf, result = innsyn.export_pdf(who, sak, part, today=timezone.localdate())
        out.write_bytes(pdf)
        self.stdout.write(f"Skrev {out}: {len(result.visible)} gis innsyn i, {len(result.withheld)} unntatt.")
        for row in result.withheld:
            self.stdout.write(f"  unntatt: {row.dato:%d.%m.%Y} {row.tittel} – {row.ground_text}")
