"""State grants received by the host (e.g. earmarked positions), shared by the key in force
on 1 January of the grant's year (``rules.allocation.distribute_grant``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from barnevern.economy import models as em
from barnevern.economy.keys import key_on, kommune_names
from barnevern.organisation.models import Tjeneste
from barnevern.rules.allocation import AllocationError, distribute_grant


@dataclass(frozen=True, slots=True)
class Share:
    nummer: str
    navn: str
    percent: str
    amount: Decimal


@dataclass(slots=True)
class GrantRow:
    grant: em.Statstilskudd
    net: Decimal
    shares: list[Share] = field(default_factory=list)
    error: str = ""


def grant_rows(tjeneste: Tjeneste) -> list[GrantRow]:
    rows = []
    for grant in em.Statstilskudd.objects.filter(tjeneste=tjeneste):
        row = GrantRow(grant, grant.belop - grant.reduksjon)
        try:
            key = key_on(tjeneste, date(grant.ar, 1, 1))
        except AllocationError as exc:
            row.error = str(exc)
            rows.append(row)
            continue
        parts = distribute_grant(row.net, key)
        percents = key.percent_display_all(nbsp=True)
        names = kommune_names(list(parts))
        row.shares = [Share(k, names.get(k, k), percents[k], v) for k, v in parts.items()]
        rows.append(row)
    return rows
