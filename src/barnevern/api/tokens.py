"""Making, checking and rate-limiting integration tokens."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from barnevern.api.models import Integrasjon, Scope, Teller
from barnevern.organisation.models import Tjeneste

PREFIX = "bv_"


class TokenError(ValueError):
    """Invalid request to make a token (Norwegian message)."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(
    navn: str, tjeneste: Tjeneste, scopes: Iterable[str], per_minutt: int = 60
) -> tuple[Integrasjon, str]:
    """A new integration and its token (the only time the token is seen)."""
    scopes = sorted(set(scopes))
    unknown = [s for s in scopes if s not in Scope.values]
    if unknown:
        raise TokenError(f"Ukjent scope: {', '.join(unknown)}. Gyldige: {', '.join(Scope.values)}.")
    if not scopes:
        raise TokenError("Oppgi minst ett scope.")
    token = PREFIX + secrets.token_urlsafe(32)
    try:
        integ = Integrasjon.objects.create(
            navn=navn,
            tjeneste=tjeneste,
            scopes=scopes,
            token_sha256=_hash(token),
            token_prefix=token[:10],
            per_minutt=per_minutt,
        )
    except IntegrityError:
        raise TokenError(f"Det finnes allerede en integrasjon som heter «{navn}».") from None
    return integ, token


def find(token: str) -> Integrasjon | None:
    if not token.startswith(PREFIX):
        return None
    return (
        Integrasjon.objects.select_related("tjeneste").filter(token_sha256=_hash(token), aktiv=True).first()
    )


def take(integ: Integrasjon) -> bool:
    """Count one call in this minute; False when the integration is over its limit."""
    now = timezone.now()
    window = now.replace(second=0, microsecond=0)
    with transaction.atomic():
        updated = Teller.objects.filter(integrasjon=integ, vindu=window).update(antall=F("antall") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    Teller.objects.create(integrasjon=integ, vindu=window, antall=1)
            except IntegrityError:
                Teller.objects.filter(integrasjon=integ, vindu=window).update(antall=F("antall") + 1)
        count = Teller.objects.filter(integrasjon=integ, vindu=window).values_list("antall", flat=True).get()
    Integrasjon.objects.filter(pk=integ.pk).update(sist_brukt=now)
    Teller.objects.filter(integrasjon=integ, vindu__lt=window).delete()
    return count <= integ.per_minutt
