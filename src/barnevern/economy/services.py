"""Changes made on the economy pages: column mappings, the cost-sharing key, state grants,
placements and the reform compensation. Each is written in one transaction together with its
audit row (``audit.services.log``); the views only validate the form and show the result.

Settlements (``settlements``), co-payment rates (``copayments``) and ledger imports
(``imports``) keep their own modules. Errors are :class:`EconomyError` with a Norwegian message.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction

from barnevern.audit.services import log
from barnevern.economy import keys
from barnevern.economy import models as em
from barnevern.errors import UserError

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.organisation.models import Tjeneste


class EconomyError(UserError):
    """A change that cannot be stored; ``message`` is Norwegian, ``field`` names the form field."""


@transaction.atomic
def save_mapping(
    mapping: em.Kolonneoppsett, user: User | None, *, kolonner: dict[str, str]
) -> em.Kolonneoppsett:
    """Store a column mapping for ledger imports (``mapping`` carries name and kind; ``kolonner``
    maps a field to the heading in the file). The name is unique per service and kind."""
    duplicate = (
        em.Kolonneoppsett.objects.filter(tjeneste=mapping.tjeneste, art=mapping.art, navn=mapping.navn)
        .exclude(pk=mapping.pk)
        .exists()
    )
    if duplicate:
        raise EconomyError("Det finnes allerede et kolonneoppsett med dette navnet.", "navn")
    created = mapping.pk is None
    mapping.kolonner = kolonner
    mapping.save()
    log("create" if created else "update", f"Lagret kolonneoppsett «{mapping.navn}»", obj=mapping)
    return mapping


@transaction.atomic
def save_key(
    nokkel: em.Nokkel, user: User | None, *, faste_andeler: dict[str, str], until: date
) -> list[str]:
    """Store the cost-sharing key settings and rebuild the key periods up to ``until``
    (``keys.refresh_periods``); returns the problems found while rebuilding (Norwegian)."""
    nokkel.faste_andeler = faste_andeler
    nokkel.save()
    problems = keys.refresh_periods(nokkel.tjeneste, until, rebuild=True)
    log(
        "update",
        "Endret fordelingsnøkkel og beregnet nøkkelperiodene på nytt",
        obj=nokkel,
        data={"type": nokkel.type, "alder": f"{nokkel.alder_fra}-{nokkel.alder_til}"},
    )
    return problems


@transaction.atomic
def create_grant(tjeneste: Tjeneste, user: User | None, grant: em.Statstilskudd) -> em.Statstilskudd:
    """Register a state grant (øremerket tilskudd) for the service; the key splits it."""
    if grant.pk is not None:
        raise EconomyError("Tilskuddet er allerede registrert.")
    grant.tjeneste = tjeneste
    grant.save()
    log("create", f"Registrerte statstilskudd {grant.ar}: {grant.tekst}"[:200], obj=grant)
    return grant


@transaction.atomic
def delete_grant(grant: em.Statstilskudd, user: User | None) -> None:
    """Delete a state grant (the audit row keeps what it was)."""
    log("delete", f"Slettet statstilskudd {grant.ar}: {grant.tekst}"[:200], obj=grant)
    grant.delete()


@transaction.atomic
def save_placement(placement: em.Plassering, user: User | None) -> em.Plassering:
    """Store a placement that co-payments are computed for (new or changed)."""
    created = placement.pk is None
    placement.save()
    log(
        "create" if created else "update",
        f"Lagret plassering {placement.referanse or placement.pk}"[:200],
        obj=placement,
        sak_id=placement.sak_id,
    )
    return placement


COMPENSATION_KINDS: dict[str, type[em.Reformkompensasjon] | type[em.Kompensasjonsgrunnlag]] = {
    "kompensasjon": em.Reformkompensasjon,
    "grunnlag": em.Kompensasjonsgrunnlag,
}


@transaction.atomic
def save_compensation(
    tjeneste: Tjeneste, user: User | None, kind: str, *, ar: int, kommunenummer: str, **values: Any
) -> tuple[em.Reformkompensasjon | em.Kompensasjonsgrunnlag, bool]:
    """Store the reform compensation of a year (``kind`` «kompensasjon», for one member or all
    together when ``kommunenummer`` is empty) or a member's weights for splitting it («grunnlag»),
    replacing an earlier one for the same year and member. Returns the row and whether it is new."""
    model = COMPENSATION_KINDS.get(kind)
    if model is None:
        raise EconomyError(f"Ukjent type reformkompensasjon: «{kind}».")
    if model is em.Reformkompensasjon:
        values["registrert_av"] = user
    entry, created = model.objects.update_or_create(
        tjeneste=tjeneste, ar=ar, kommunenummer=kommunenummer or "", defaults=values
    )
    log(
        "create" if created else "update",
        f"Reformkompensasjon {entry.ar}: {kind} {entry.kommunenummer or 'alle'}",
        obj=entry,
        data={"kilde": entry.kilde},
    )
    return entry, created
