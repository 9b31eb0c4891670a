"""The reform compensation against the reform-driven costs (``economy.compensation``), the page
and the annual report's economy figures.

Hand computation for 2022 (Oppdal/Rennebu):
* Oppdal's own amount 298 000 (seed 002, «ekstra tilskudd … for å møte reformen») → 149 000 by
  use + 149 000 by key.
* A child from Rennebu in an institution all of 2022: 12 × (170 000 − 76 900) = 1 117 200 more
  in co-payments than at the 2021 rates.
* Reinforcement booked for a child in Oppdal, July–December 2022, 50 000 a month: the old scheme
  would have refunded 50 000 − 36 200 = 13 800 a month → 82 800.
Oppdal: 298 000 − 82 800 = 215 200. Rennebu: no amount entered; costs 1 117 200.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from barnevern.economy import models as em
from barnevern.economy.compensation import reform_overview
from barnevern.economy.reporting import annual_summary

D = Decimal


@pytest.fixture
def reform_2022(orr, ledger, sak_moving):
    em.Reformkompensasjon.objects.create(
        tjeneste=orr, ar=2022, kommunenummer="5021", belop=D("298000"), kilde="seed 002", status="unverified"
    )
    em.Plassering.objects.create(
        tjeneste=orr, kommunenummer="5022", tiltakstype="institusjon", start=date(2021, 6, 1)
    )
    for month in range(7, 13):
        ledger.client("5021", date(2022, month, 1), "50000.00", kode="forsterkning", sak=sak_moving)
    return orr


def test_compensation_against_reform_driven_costs(reform_2022):
    page = reform_overview(reform_2022, 2022)
    rows = {r.nummer: r for r in page.rows}
    oppdal, rennebu = rows["5021"], rows["5022"]
    assert (oppdal.by_use, oppdal.by_key, oppdal.compensation) == (D("149000"), D("149000"), D("298000"))
    assert oppdal.balance.lost_refund == D("82800.00")
    assert oppdal.balance.difference == D("215200.00")
    assert rennebu.compensation is None
    assert rennebu.balance.difference is None
    assert rennebu.balance.copayment_increase == D("1117200.00")
    assert page.total_costs == D("1200000.00")
    assert any("Rennebu 2022 er ikke lagt inn" in m for m in page.missing)


def test_a_joint_amount_is_split_by_the_entered_basis(orr):
    em.Reformkompensasjon.objects.create(tjeneste=orr, ar=2023, belop=D("100000.01"), kilde="test")
    for kommune, use, key in (("5021", "300000", "1500"), ("5022", "100000", "497")):
        em.Kompensasjonsgrunnlag.objects.create(
            tjeneste=orr,
            ar=2023,
            kommunenummer=kommune,
            faktisk_bruk_2020=D(use),
            kostnadsnokkel=D(key),
            kilde="test",
        )
    page = reform_overview(orr, 2023)
    rows = {r.nummer: r for r in page.rows}
    # by use: 50 000,01 × 3/4 and 1/4; by key: 50 000,00 × 1 500/1 997 and 497/1 997
    assert (rows["5021"].by_use, rows["5022"].by_use) == (D("37500.01"), D("12500.00"))
    assert (rows["5021"].by_key, rows["5022"].by_key) == (D("37556.33"), D("12443.67"))
    assert page.total_compensation == D("100000.01")
    assert not page.missing


def test_before_the_reform_there_is_nothing_to_compare(orr):
    page = reform_overview(orr, 2021)
    assert page.rows == []
    assert "2022" in page.missing[0]


def test_the_report_gets_the_reform_figures(reform_2022):
    summary = annual_summary(reform_2022, 2022)
    rows = {r["nummer"]: r for r in summary["reform"]["rows"]}
    assert rows["5021"]["difference"] == D("215200.00")
    assert rows["5022"]["compensation"] is None
    assert "reform" not in annual_summary(reform_2022, 2021)


def test_the_page_for_leder_and_okonomi(client, reform_2022, or_users):
    client.force_login(or_users["okonomi"])
    page = client.get("/okonomi/reform/?ar=2022")
    assert page.status_code == 200
    text = page.content.decode()
    assert "215\u00a0200,00" in text
    assert "mangler" in text
    assert client.get("/okonomi/reform/kompensasjon/ny/").status_code == 403
    client.force_login(or_users["leder"])
    response = client.post(
        "/okonomi/reform/kompensasjon/ny/",
        {
            "ar": "2022",
            "kommunenummer": "5022",
            "belop": "120 000",
            "kilde": "Grønt hefte 2022, tabell C",
            "status": "verified",
        },
    )
    assert response.status_code == 302
    assert em.Reformkompensasjon.objects.get(ar=2022, kommunenummer="5022").belop == D("120000.00")
    client.force_login(or_users["sb"])
    assert client.get("/okonomi/reform/").status_code == 403


def test_the_copayment_page_shows_the_old_refund_thresholds(client, orr, or_users):
    client.force_login(or_users["okonomi"])
    html = client.get("/okonomi/egenbetaling/").content.decode()
    assert "avviklet 31.12.2021" in html
    assert "36\u00a0200,00" in html
    assert "S33b" in html
