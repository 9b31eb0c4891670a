"""``barnevern api-token create|list|revoke``: integration tokens for /api/v1/ (docs/api.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from barnevern.audit.actor import acting


class Command(BaseCommand):
    help = "Lag, vis eller trekk tilbake nøkler for integrasjoner (API)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="lag en integrasjon og skriv nøkkelen (vises bare én gang)")
        create.add_argument("--name", required=True, help="integrasjonens navn")
        create.add_argument("--service", required=True, help="tjenesten (kortnavn eller organisasjonsnummer)")
        create.add_argument("--scope", action="append", default=[], help="scope (kan gjentas)")
        create.add_argument("--per-minute", type=int, default=60, help="kall per minutt (standard 60)")
        sub.add_parser("list", help="vis integrasjonene")
        revoke = sub.add_parser("revoke", help="trekk tilbake en integrasjons nøkkel")
        revoke.add_argument("--name", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        from barnevern.api import tokens
        from barnevern.api.models import Integrasjon
        from barnevern.audit.services import log
        from barnevern.organisation.models import Tjeneste, find_tjeneste

        with acting(None, "cli api-token"):
            if options["action"] == "create":
                try:
                    tjeneste = find_tjeneste(options["service"])
                    integ, secret = tokens.create(
                        options["name"], tjeneste, options["scope"], per_minutt=options["per_minute"]
                    )
                except (Tjeneste.DoesNotExist, tokens.TokenError) as exc:
                    raise CommandError(str(exc)) from None
                log("create", f"Laget API-integrasjon {integ.navn}", obj=integ, data={"scopes": integ.scopes})
                self.stdout.write(f"Integrasjon «{integ.navn}» for {tjeneste}: {', '.join(integ.scopes)}")
                self.stdout.write("Nøkkel (vises bare nå – lagre den trygt):")
                self.stdout.write(secret)
            elif options["action"] == "list":
                for integ in Integrasjon.objects.select_related("tjeneste"):
                    state = "aktiv" if integ.aktiv else "trukket tilbake"
                    self.stdout.write(
                        f"{integ.navn:<24} {integ.tjeneste.slug:<16} {integ.token_prefix}…  {state:<16} "
                        f"{integ.per_minutt}/min  {', '.join(integ.scopes)}"
                    )
            else:
                updated = Integrasjon.objects.filter(navn=options["name"]).update(aktiv=False)
                if not updated:
                    raise CommandError(f"Fant ingen integrasjon «{options['name']}».")
                log("update", f"Trakk tilbake API-integrasjon {options['name']}")
                self.stdout.write(f"Nøkkelen til «{options['name']}» virker ikke lenger.")
