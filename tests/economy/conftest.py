"""Fixtures for the economy tests: Oppdal/Rennebu with its key basis (497/1 500 per 1.1.2021),
economy users of both services, and a few ledger helpers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

PASSWORD = "korrekt-hest-batteri-42"


@pytest.fixture
def cats(db):
    from barnevern.economy.categories import ensure_default_categories
    from barnevern.economy.models import Kostnadskategori

    ensure_default_categories()
    return {c.kode: c for c in Kostnadskategori.objects.all()}


@pytest.fixture
def orr(org, cats):
    """The Oppdal/Rennebu service (host 5021 Oppdal, member 5022 Rennebu)."""
    return org["oppdal-rennebu"]


@pytest.fixture
def no_service(org, cats):
    return org["nord-osterdal"]


@pytest.fixture
def or_users(orr, personas):
    from barnevern.accounts.models import User

    return {
        "leder": personas["annen_leder"],
        "okonomi": User.objects.create_user("okonomi_or", password=PASSWORD, rolle="okonomi", tjeneste=orr),
        "sb": User.objects.create_user("sb_or", password=PASSWORD, rolle="saksbehandler", tjeneste=orr),
    }


@pytest.fixture
def ledger(orr, cats):
    """Adds ledger rows: ``ledger.common("lonn", date, "100")`` etc."""
    from barnevern.economy import models as em

    class Ledger:
        def common(self, kode: str, month: date, amount: str) -> None:
            em.Felleskostnad.objects.create(
                tjeneste=orr, maned=month, kategori=cats[kode], belop=Decimal(amount)
            )

        def client(self, kommune: str, day: date, amount: str, kode: str = "hjelpetiltak", sak=None) -> None:
            em.Klientkostnad.objects.create(
                tjeneste=orr,
                kommunenummer=kommune,
                dato=day,
                kategori=cats[kode],
                belop=Decimal(amount),
                sak=sak,
            )

        def paid(self, kommune: str, day: date, amount: str) -> None:
            em.Innbetaling.objects.create(
                tjeneste=orr, kommunenummer=kommune, dato=day, belop=Decimal(amount)
            )

    return Ledger()


@pytest.fixture
def sak_moving(orr):
    """A case in Oppdal/Rennebu: the child lived in Oppdal, moved to Rennebu on 1.10.2022."""
    from barnevern.cases.models import Bosted, Sak

    sak = Sak.objects.create(
        tjeneste=orr,
        journalnummer="2022-0042",
        start_dato=date(2022, 3, 1),
        fornavn="Testbarn",
        etternavn="Flyttesen",
    )
    Bosted.objects.create(sak=sak, fra_dato=date(2022, 3, 1), kommunenummer="5021")
    Bosted.objects.create(sak=sak, fra_dato=date(2022, 10, 1), kommunenummer="5022")
    return sak
