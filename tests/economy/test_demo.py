"""The demo: a year of Oppdal/Rennebu ledger data and an approved 2022 H2 statement that can be
opened and downloaded as PDF and XLSX."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from barnevern.economy import models as em
from barnevern.economy import settlements
from tests.conftest import TODAY


@pytest.fixture
def demo_economy(org):
    from barnevern.demo import economy, users

    users.load(TODAY)
    economy.load(TODAY)
    return org


def test_demo_has_a_year_of_ledger_data_and_an_approved_2022h2_statement(demo_economy, client):
    orr = demo_economy["oppdal-rennebu"]
    months = {
        d.month
        for d in em.Felleskostnad.objects.filter(tjeneste=orr, maned__year=2022).dates("maned", "month")
    }
    assert months == set(range(1, 13))
    kinds = set(em.Felleskostnad.objects.filter(tjeneste=orr).values_list("kategori__kode", flat=True))
    assert {"lonn", "reise", "kurs", "veiledning", "opplaering", "kontor"} <= kinds
    h2 = em.Oppgjor.objects.get(tjeneste=orr, periode="2022H2")
    assert h2.er_godkjent
    assert h2.nummer == 2
    assert h2.snapshot["key"]["percent"] == {"5021": "75,1 %", "5022": "24,9 %"}
    # The frozen statement equals a fresh computation from the demo ledger.
    assert settlements.cli_json(settlements.compute(orr, "2022H2")) == settlements.cli_json(h2.snapshot)
    rennebu = next(m for m in h2.snapshot["members"] if m["kommune"] == "5022")
    assert Decimal(rennebu["paid"]) == Decimal("960000.00")
    from barnevern.accounts.models import User

    client.force_login(User.objects.get(username="okonomi.or"))
    assert client.get(reverse("economy:settlement", args=[h2.pk])).status_code == 200
    assert client.get(reverse("economy:settlement_pdf", args=[h2.pk])).content.startswith(b"%PDF")
    assert client.get(reverse("economy:settlement_xlsx", args=[h2.pk])).content.startswith(b"PK")
    no = demo_economy["nord-osterdal"]
    assert em.Oppgjor.objects.get(tjeneste=no, periode="2022H2").status == "utkast"
    assert em.Statstilskudd.objects.filter(tjeneste=orr, ar=2021, belop=Decimal("1877812")).exists()
