"""Foster-home costs into the economy ledger, and the half-year settlement that includes them.

Hand computation (agreement from 1.7.2022: fee 9 383, expenses 8 360, reinforcement 50 000 per
month; the child lived in Oppdal 5021 until 30.9.2022 and in Rennebu 5022 from 1.10.2022):
each month 17 743,00 under «fosterhjem» and 50 000,00 under «forsterkning», so 2nd half 2022
gives Oppdal 3 × 67 743 = 203 229,00 and Rennebu the same.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from barnevern.economy import models as em
from barnevern.economy import settlements
from barnevern.fosterhjem import costs
from barnevern.fosterhjem import models as fm

from .conftest import TODAY

D = Decimal


def _book(orr, months):
    return [costs.book_month(orr, month, today=TODAY) for month in months]


H2 = [date(2022, m, 1) for m in range(7, 13)]


def test_booking_attributes_costs_to_the_childs_municipality(orr, placement):
    bookings = _book(orr, H2)
    assert [b.created for b in bookings] == [3] * 6
    rows = em.Klientkostnad.objects.filter(tjeneste=orr, sak=placement.sak).order_by("dato", "kategori__kode", "pk")
    july = [(r.kommunenummer, r.kategori.kode, r.belop) for r in rows if r.dato.month == 7]
    assert july == [
        ("5021", "forsterkning", D("50000.00")),
        ("5021", "fosterhjem", D("9383.00")),
        ("5021", "fosterhjem", D("8360.00")),
    ]
    assert {r.kommunenummer for r in rows if r.dato.month >= 10} == {"5022"}
    assert fm.Kostnad.objects.filter(plassering=placement).count() == 18


def test_booking_twice_books_nothing_twice(orr, placement):
    first = costs.book_month(orr, date(2022, 8, 1), today=TODAY)
    again = costs.book_month(orr, date(2022, 8, 1), today=TODAY)
    assert (first.created, again.created, again.existing) == (3, 0, 3)
    assert first.total == D("67743.00")


def test_the_half_year_settlement_includes_foster_home_costs(orr, placement, cats):
    em.Felleskostnad.objects.create(
        tjeneste=orr, maned=date(2022, 7, 1), kategori=cats["lonn"], belop=D("1997.00")
    )
    _book(orr, H2)
    snapshot = settlements.compute(orr, "2022H2")
    members = {m["kommune"]: m for m in snapshot["members"]}
    assert members["5021"]["client_costs"] == "203229.00"
    assert members["5022"]["client_costs"] == "203229.00"
    assert snapshot["inputs"]["client_costs"]["5022"] == {
        "Forsterkning av fosterhjem": "150000.00",
        "Fosterhjem (arbeidsgodtgjøring og utgiftsdekning)": "53229.00",
    }
    assert snapshot["totals"]["client_total"] == "406458.00"


def test_partial_months_are_pro_rata_by_calendar_days(orr, placement):
    from barnevern.fosterhjem import services

    services.update_placement(placement, None, None, utflytting=date(2022, 11, 10), today=TODAY)
    booking = costs.book_month(orr, date(2022, 11, 1), today=TODAY)
    rows = {k.art: (k.belop, k.dager) for k in fm.Kostnad.objects.filter(maned=date(2022, 11, 1))}
    # 10 of 30 days: 9 383 × 10/30 = 3 127,67; 8 360 × 10/30 = 2 786,67; 50 000 × 10/30 = 16 666,67
    assert rows == {
        "godtgjoring": (D("3127.67"), 10),
        "utgiftsdekning": (D("2786.67"), 10),
        "forsterkning": (D("16666.67"), 10),
    }
    assert booking.total == D("22581.01")
    assert costs.book_month(orr, date(2022, 12, 1), today=TODAY).created == 0


def test_a_month_not_yet_begun_is_refused(orr, placement):
    with pytest.raises(costs.CostError, match="desember 2026"):
        costs.book_month(orr, date(2026, 12, 1), today=TODAY)
