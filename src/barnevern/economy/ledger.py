"""Ledger queries for the pages: sums by category and month, client costs, payments.

Sums are exact ``Decimal`` additions in Python, never database floats.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from barnevern.display import MONTHS
from barnevern.economy import models as em
from barnevern.economy.keys import kommune_names
from barnevern.organisation.models import Tjeneste

ZERO = Decimal("0.00")




@dataclass(frozen=True, slots=True)
class MatrixRow:
    label: str
    cells: tuple[Decimal, ...]

    @property
    def total(self) -> Decimal:
        return sum(self.cells, ZERO)


def years_with_data(tjeneste: Tjeneste) -> list[int]:
    years = {d.year for d in em.Felleskostnad.objects.filter(tjeneste=tjeneste).dates("maned", "year")}
    years |= {d.year for d in em.Klientkostnad.objects.filter(tjeneste=tjeneste).dates("dato", "year")}
    years |= set(em.Budsjett.objects.filter(tjeneste=tjeneste).values_list("ar", flat=True))
    return sorted(years, reverse=True)


def common_matrix(tjeneste: Tjeneste, year: int) -> tuple[list[str], list[MatrixRow], MatrixRow]:
    """Common costs of ``year``: one row per month, one column per category."""
    sums: dict[tuple[int, str], list[Decimal]] = defaultdict(lambda: [ZERO] * 12)
    rows = em.Felleskostnad.objects.filter(tjeneste=tjeneste, maned__year=year).values(
        "kategori__rekkefolge", "kategori__navn", "maned", "belop"
    )
    for r in rows:
        sums[(r["kategori__rekkefolge"], r["kategori__navn"])][r["maned"].month - 1] += r["belop"]
    keys = sorted(sums)
    months = [MatrixRow(MONTHS[m].capitalize(), tuple(sums[k][m] for k in keys)) for m in range(12)]
    total = MatrixRow("Sum", tuple(sum(sums[k], ZERO) for k in keys))
    return [name for _, name in keys], months, total


def client_matrix(
    tjeneste: Tjeneste, year: int
) -> tuple[list[str], list[tuple[str, list[Decimal], Decimal]]]:
    """Client costs of ``year`` per category (rows) and municipality (columns)."""
    numbers = tjeneste.kommunenumre()
    names = kommune_names(numbers)
    sums: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for r in em.Klientkostnad.objects.filter(tjeneste=tjeneste, dato__year=year).values(
        "kategori__rekkefolge", "kategori__navn", "kommunenummer", "belop"
    ):
        sums[(r["kategori__rekkefolge"], r["kategori__navn"])][r["kommunenummer"]] += r["belop"]
    header = [f"{n} {names.get(n, '')}".strip() for n in numbers]
    table = []
    for (_, name), by_kommune in sorted(sums.items()):
        cells = [by_kommune.get(n, ZERO) for n in numbers]
        table.append((name, cells, sum(cells, ZERO)))
    return header, table


def budget(tjeneste: Tjeneste, year: int) -> list[em.Budsjett]:
    return list(em.Budsjett.objects.filter(tjeneste=tjeneste, ar=year).select_related("kategori"))


def payments(tjeneste: Tjeneste, year: int) -> QuerySet[em.Innbetaling]:
    return em.Innbetaling.objects.filter(tjeneste=tjeneste, dato__year=year).order_by("dato", "kommunenummer")


def client_costs(tjeneste: Tjeneste, year: int, *, with_cases: bool) -> list[dict[str, Any]]:
    """Client cost rows; the journal number only when ``with_cases`` (policy decides)."""
    names = kommune_names()
    qs = em.Klientkostnad.objects.filter(tjeneste=tjeneste, dato__year=year).select_related("kategori")
    if with_cases:
        qs = qs.select_related("sak")
    return [
        {
            "dato": c.dato,
            "kommune": f"{c.kommunenummer} {names.get(c.kommunenummer, '')}".strip(),
            "kategori": c.kategori.navn,
            "belop": c.belop,
            "tekst": c.tekst,
            "journalnummer": (c.sak.journalnummer if c.sak else "") if with_cases else None,
            "sak_id": c.sak_id if with_cases else None,
        }
        for c in qs.order_by("dato", "pk")
    ]


def default_year(tjeneste: Tjeneste, today: date) -> int:
    years = [y for y in years_with_data(tjeneste) if y <= today.year]
    return years[0] if years else today.year
