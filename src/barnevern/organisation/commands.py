"""Options the commands share: the service named on the command line."""

from __future__ import annotations

from django.core.management.base import CommandError

from barnevern.organisation.models import Tjeneste, find_tjeneste


def service_option(ident: str | None) -> Tjeneste:
    """The service named by slug or organisation number, or a Norwegian ``CommandError`` that
    lists the known services. Without a name: the only service of the installation."""
    if not ident:
        services = list(Tjeneste.objects.all()[:2])
        if len(services) == 1:
            return services[0]
        known = ", ".join(Tjeneste.objects.values_list("slug", flat=True)) or "ingen"
        raise CommandError(f"Oppgi tjenesten med --service. Kjente tjenester: {known}.")
    try:
        return find_tjeneste(ident)
    except Tjeneste.DoesNotExist as exc:
        raise CommandError(str(exc)) from None
