"""Small builders for staff rows (real database rows, no mocks)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from barnevern.staff.models import Ansatt, Erfaring, Stilling, Utdanning, Videreutdanning


def ansatt(
    tjeneste,
    navn: str = "Test Ansatt",
    *,
    rolle: str = "saksbehandler",
    profesjon: str = "barnevernspedagog",
    start: date = date(2020, 1, 1),
    slutt: date | None = None,
    prosent: str | tuple[tuple[date, str], ...] = "100",
    utdanning: tuple[tuple[str, str, int], ...] = (),
    planlagt_utdanning: tuple[tuple[str, str, int], ...] = (),
    videre: tuple[tuple[int, int], ...] = (),
    planlagt_videre: tuple[tuple[int, int], ...] = (),
    erfaring: tuple[tuple[date, date | None], ...] = (),
    team=None,
    bruker=None,
    **extra,
) -> Ansatt:
    a = Ansatt.objects.create(
        tjeneste=tjeneste,
        navn=navn,
        stillingstype=rolle,
        profesjon=profesjon,
        start_dato=start,
        slutt_dato=slutt,
        team=team,
        bruker=bruker,
        **extra,
    )
    rows = ((start, prosent),) if isinstance(prosent, str) else prosent
    for fra, pct in rows:
        Stilling.objects.create(ansatt=a, fra_dato=fra, prosent=Decimal(pct))
    for niva, felt, ar in utdanning:
        Utdanning.objects.create(ansatt=a, niva=niva, fagfelt=felt, ar=ar)
    for niva, felt, ar in planlagt_utdanning:
        Utdanning.objects.create(ansatt=a, niva=niva, fagfelt=felt, ar=ar, planlagt=True)
    for sp, ar in videre:
        Videreutdanning.objects.create(ansatt=a, studiepoeng=sp, emne="Barnevernfaglig", ar=ar)
    for sp, ar in planlagt_videre:
        Videreutdanning.objects.create(ansatt=a, studiepoeng=sp, emne="Planlagt emne", ar=ar, planlagt=True)
    for fra, til in erfaring:
        Erfaring.objects.create(ansatt=a, fra_dato=fra, til_dato=til)
    return a
