"""The half-year settlement from the ledger, checked against a hand computation (to the øre).

Key 1.1.2021 (seed 002): Oppdal 1 500, Rennebu 497 inhabitants 0–17, total 1 997.

Common costs 2. halvår 2022:
* Lønn 199 700,00 kr: Rennebu 199 700 × 497/1 997 = 49 700,00 exactly; Oppdal 150 000,00.
* Reise 1 000,00 kr: Rennebu 1 000 × 497/1 997 = 248,8733… → 248,87 (remainder 0,33 øre);
  Oppdal 1 000 × 1 500/1 997 = 751,1267… → 751,12 (remainder 0,67 øre). One øre is left
  over and goes to the largest remainder (Oppdal): 751,13. 248,87 + 751,13 = 1 000,00.
Client costs: Rennebu 10 000,00 (child living in Rennebu on the cost date), Oppdal 2 500,50.
Paid on account: Rennebu 20 000,00.

Rennebu: 49 700,00 + 248,87 + 10 000,00 − 20 000,00 = 39 948,87 owed to Oppdal.
Oppdal (host): 150 000,00 + 751,13 + 2 500,50 = 153 251,63 borne by itself.
"""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from barnevern.economy import settlements


@pytest.fixture
def h2_ledger(ledger):
    ledger.common("lonn", date(2022, 7, 1), "150000.00")
    ledger.common("lonn", date(2022, 12, 1), "49700.00")
    ledger.common("reise", date(2022, 9, 1), "1000.00")
    ledger.client("5022", date(2022, 11, 15), "10000.00")
    ledger.client("5021", date(2022, 8, 2), "2500.50", kode="fosterhjem")
    ledger.paid("5022", date(2022, 7, 20), "12000.00")
    ledger.paid("5022", date(2022, 12, 20), "8000.00")
    # Outside the half-year: must not count.
    ledger.common("lonn", date(2022, 6, 1), "999999.99")
    ledger.client("5022", date(2023, 1, 1), "777.77")
    ledger.paid("5022", date(2022, 6, 30), "5555.55")
    return ledger


def _json(*args: str) -> dict:
    out = StringIO()
    call_command("settlement", "--service", "oppdal-rennebu", *args, stdout=out)
    return json.loads(out.getvalue())


def test_settlement_json_matches_the_hand_computation_to_the_ore(h2_ledger):
    assert _json("--period", "2022H2", "--json") == {
        "period": "2022H2",
        "key": {
            "5021": {"population": 1500, "share": "0.751"},
            "5022": {"population": 497, "share": "0.249"},
        },
        "municipalities": {
            "5021": {
                "common_share": "150751.13",
                "client_costs": "2500.50",
                "paid": "0.00",
                "balance": "153251.63",
            },
            "5022": {
                "common_share": "49948.87",
                "client_costs": "10000.00",
                "paid": "20000.00",
                "balance": "39948.87",
            },
        },
    }


def test_specification_lines_sum_to_each_balance_and_host_outlay_checks(h2_ledger, orr):
    snapshot = settlements.compute(orr, "2022H2")
    for member in snapshot["members"]:
        total = sum(settlements.Decimal(line["amount"]) for line in member["lines"])
        assert f"{total:.2f}" == member["balance"]
    rennebu = next(m for m in snapshot["members"] if m["kommune"] == "5022")
    assert [(x["text"], x["amount"]) for x in rennebu["lines"]] == [
        ("Lønn for ansatte: 24,9 % av 199 700,00", "49700.00"),
        ("Reiseutgifter: 24,9 % av 1 000,00", "248.87"),
        ("Klientrettede kostnader: Hjelpetiltak i hjemmet", "10000.00"),
        ("Innbetalt a konto 2. halvår 2022", "-20000.00"),
    ]
    assert snapshot["totals"] == {
        "common_total": "200700.00",
        "client_total": "12500.50",
        "host_outlay": "213200.50",
        "due_to_host": "39948.87",
    }


def test_text_output_and_missing_key_give_norwegian_messages(h2_ledger, orr):
    out = StringIO()
    call_command("settlement", "--service", "oppdal-rennebu", "--period", "2022H2", stdout=out)
    assert "5022 Rennebu" in out.getvalue()
    assert "39 948,87" in out.getvalue()
    with pytest.raises(CommandError, match="Ingen fordelingsnøkkel gjelder for 01.01.2020"):
        call_command(
            "settlement", "--service", "oppdal-rennebu", "--period", "2020H1", "--json", stdout=StringIO()
        )
    with pytest.raises(CommandError, match="Ukjent halvår"):
        call_command("settlement", "--service", "oppdal-rennebu", "--period", "2022-3", stdout=StringIO())


def test_population_key_is_stored_as_periods_reset_every_second_year(orr):
    from barnevern.economy.keys import refresh_periods
    from barnevern.economy.models import Nokkelperiode

    problems = refresh_periods(orr, date(2026, 6, 30))
    periods = list(
        Nokkelperiode.objects.filter(tjeneste=orr).values_list("gyldig_fra", "gyldig_til", "vekter")
    )
    assert periods == [
        (date(2021, 1, 1), date(2022, 12, 31), {"5021": "1500", "5022": "497"}),
        (date(2023, 1, 1), date(2024, 12, 31), {"5021": "1490", "5022": "490"}),
    ]
    assert problems == [
        "Mangler befolkningstall per 1.1.2025 for kommune 5021, 5022; "
        "nøkkelen fra 01.01.2025 kan ikke beregnes."
    ]


def test_fixed_key_from_the_settings(orr, h2_ledger):
    from barnevern.economy.keys import refresh_periods, settings_for

    nokkel = settings_for(orr)
    nokkel.type, nokkel.faste_andeler = "fast", {"5021": "0.75", "5022": "0.25"}
    nokkel.save()
    refresh_periods(orr, date(2022, 12, 31), rebuild=True)
    data = _json("--period", "2022H2", "--json")
    assert data["key"] == {
        "5021": {"population": "0.75", "share": "0.750"},
        "5022": {"population": "0.25", "share": "0.250"},
    }
    assert data["municipalities"]["5022"]["common_share"] == "50175.00"  # 200 700 × 0,25
