"""Shared parts of the casework commands: find the service, the user and the case."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import CommandError

from barnevern.accounts import policy
from barnevern.cases import models as cm
from barnevern.clock import day_option
from barnevern.organisation.models import Tjeneste


def parse_date(option: str, text: str | None) -> date | None:
    if not text:
        return None
    try:
        return day_option(text)
    except CommandError as exc:
        raise CommandError(f"{option}: {exc}") from None


def user(username: str | None, tjeneste: Tjeneste) -> Any:
    if not username:
        return None
    from barnevern.accounts.models import User

    found = User.objects.filter(username=username).first()
    if found is None:
        raise CommandError(f"Fant ingen bruker «{username}».")
    if found.tjeneste_id != tjeneste.pk or not policy.can_see_cases(found):
        raise CommandError(f"Brukeren «{username}» har ikke tilgang til saker i {tjeneste.slug}.")
    return found


def case(tjeneste: Tjeneste, journalnummer: str, who: Any) -> cm.Sak:
    sak = cm.Sak.objects.filter(
        tjeneste=tjeneste, journalnummer=journalnummer.strip(), er_slettet=False
    ).first()
    if sak is None:
        raise CommandError(f"Fant ingen sak «{journalnummer}» i {tjeneste.slug}.")
    if who is not None and not policy.can_open_sak(who, sak):
        raise CommandError(f"Brukeren «{who.username}» har ikke tilgang til sak {sak.journalnummer}.")
    return sak
