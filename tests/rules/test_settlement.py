from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barnevern.rules.allocation import KeyPeriod, fixed_key, population_key
from barnevern.rules.settlement import (
    HalfYear,
    LineKind,
    SettlementError,
    parse_half_year,
    settle_half_year,
)

D = Decimal
OPPDAL, RENNEBU = "5021", "5022"  # Oppdal is the host (vertskommune)


def key_2021() -> KeyPeriod:
    return population_key(
        {OPPDAL: 1500, RENNEBU: 497}, valid_from=date(2021, 1, 1), valid_to=date(2022, 12, 31)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022H2", (date(2022, 7, 1), date(2022, 12, 31))),
        ("2022H1", (date(2022, 1, 1), date(2022, 6, 30))),
        ("2023-h1", (date(2023, 1, 1), date(2023, 6, 30))),
        (" 2024 H2 ", (date(2024, 7, 1), date(2024, 12, 31))),
    ],
)
def test_parse_half_year(text: str, expected: tuple[date, date]) -> None:
    assert parse_half_year(text) == expected


@pytest.mark.parametrize("text", ["2022H3", "22H1", "2022", "H1 2022", "2022H", ""])
def test_parse_half_year_rejects(text: str) -> None:
    with pytest.raises(SettlementError, match="Ukjent halvår"):
        parse_half_year(text)


def test_half_year_helpers() -> None:
    assert HalfYear.containing(date(2022, 6, 30)) == HalfYear(2022, 1)
    assert HalfYear.containing(date(2022, 7, 1)) == HalfYear(2022, 2)
    assert str(HalfYear(2022, 2)) == "2022H2"
    assert HalfYear(2022, 2).label == "2. halvår 2022"
    assert HalfYear(2022, 1) < HalfYear(2022, 2) < HalfYear(2023, 1)
    with pytest.raises(SettlementError, match="1 eller 2"):
        HalfYear(2022, 0)


def test_settlement_by_the_contract_percentages() -> None:
    key = fixed_key({OPPDAL: D("0.751"), RENNEBU: D("0.249")}, valid_from=date(2021, 1, 1))
    result = settle_half_year(
        "2022H1",
        host=OPPDAL,
        key=key,
        common_costs=D("1000000.00"),
        client_costs={RENNEBU: D("340000"), OPPDAL: D("170000")},
        paid={RENNEBU: D("500000")},
    )
    rennebu, oppdal = result.member(RENNEBU), result.member(OPPDAL)
    assert (rennebu.common_share, rennebu.client_costs, rennebu.paid, rennebu.balance) == (
        D("249000.00"),
        D("340000.00"),
        D("500000.00"),
        D("89000.00"),
    )
    assert (oppdal.common_share, oppdal.client_costs, oppdal.paid, oppdal.balance) == (
        D("751000.00"),
        D("170000.00"),
        D("0.00"),
        D("921000.00"),
    )
    assert oppdal.is_host
    assert not rennebu.is_host
    assert result.host_outlay == D("1510000.00")
    assert result.due_to_host == D("89000.00")
    assert result.host_outlay - (rennebu.paid + rennebu.balance) == oppdal.balance


def test_settlement_by_category_with_grant_and_specification() -> None:
    result = settle_half_year(
        HalfYear(2022, 2),
        host=OPPDAL,
        key=key_2021(),
        common_costs={
            "lonn": D("3500000.00"),
            "reise": D("45000.50"),
            "statstilskudd": D("-588906.00"),  # half of 1 177 812
        },
        client_costs={RENNEBU: {"fosterhjem": D("250000"), "institusjon": D("1020000")}},
        paid={RENNEBU: D("1000000")},
    )
    rennebu = result.member(RENNEBU)
    assert rennebu.share_percent == "24,9 %"
    assert [(x.kind, x.category, x.amount) for x in rennebu.lines] == [
        (LineKind.COMMON, "lonn", D("871056.58")),
        (LineKind.COMMON, "reise", D("11199.42")),
        (LineKind.COMMON, "statstilskudd", D("-146562.99")),
        (LineKind.CLIENT, "fosterhjem", D("250000.00")),
        (LineKind.CLIENT, "institusjon", D("1020000.00")),
        (LineKind.PAID, "a konto", D("-1000000.00")),
    ]
    assert rennebu.lines[0].text == "Lønn for ansatte: 24,9 % av 3 500 000,00"
    assert rennebu.lines[-1].text == "Innbetalt a konto 2. halvår 2022"
    assert rennebu.balance == sum(x.amount for x in rennebu.lines) == D("1005693.01")
    oppdal = result.member(OPPDAL)
    assert oppdal.balance == D("2220401.49")
    assert oppdal.client_costs == D("0.00")
    assert result.common_total == D("2956094.50")
    assert rennebu.common_share + oppdal.common_share == result.common_total


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"paid": {OPPDAL: D("1")}}, SettlementError, "Vertskommunen betaler ikke"),
        ({"host": "5001"}, SettlementError, "Vertskommunen 5001 er ikke med"),
        ({"client_costs": {"5001": D("1")}}, SettlementError, "Kommune 5001 er ikke med"),
        ({"common_costs": D("10.005")}, SettlementError, "helt antall øre"),
        ({"common_costs": 10.5}, TypeError, "Decimal"),
        ({"period": "2023H1"}, SettlementError, "gjelder ikke hele 1. halvår 2023"),
    ],
)
def test_settlement_errors(kwargs: dict[str, object], error: type[Exception], message: str) -> None:
    args: dict[str, object] = {
        "period": "2022H2",
        "host": OPPDAL,
        "key": key_2021(),
        "common_costs": D("100"),
    }
    args.update(kwargs)
    with pytest.raises(error, match=message):
        settle_half_year(**args)  # type: ignore[arg-type]


def test_unknown_member_lookup() -> None:
    result = settle_half_year("2022H2", host=OPPDAL, key={OPPDAL: 3, RENNEBU: 1}, common_costs=4)
    assert result.member(RENNEBU).common_share == D("1.00")
    with pytest.raises(SettlementError, match="ikke med i oppgjøret"):
        result.member("5001")


amounts = st.decimals(min_value=-(10**6), max_value=10**7, places=2, allow_nan=False)
positive = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)
municipalities = ["5021", "5022", "5025", "5026"]


@given(
    st.dictionaries(st.sampled_from(municipalities), st.integers(1, 5000), min_size=1),
    st.dictionaries(st.sampled_from(["lonn", "reise", "kurs", "kontor"]), amounts, min_size=1),
    st.dictionaries(st.sampled_from(municipalities), positive),
    st.dictionaries(st.sampled_from(municipalities[1:]), positive),
)
def test_settlement_invariants(
    weights: dict[str, int],
    common: dict[str, Decimal],
    clients: dict[str, Decimal],
    paid: dict[str, Decimal],
) -> None:
    host = "5021"
    weights = {host: 1000, **weights}
    clients = {k: v for k, v in clients.items() if k in weights}
    paid = {k: v for k, v in paid.items() if k in weights and k != host}
    result = settle_half_year(
        "2022H2", host=host, key=weights, common_costs=common, client_costs=clients, paid=paid
    )
    assert sum(m.common_share for m in result.members) == sum(common.values())
    assert sum(m.client_costs for m in result.members) == sum(clients.values())
    for m in result.members:
        assert m.balance == m.common_share + m.client_costs - m.paid
        assert m.balance == sum(x.amount for x in m.lines)
    partners = [m for m in result.members if not m.is_host]
    host_balance = result.member(host).balance
    assert result.host_outlay - sum(m.paid + m.balance for m in partners) == host_balance
    assert result.due_to_host == sum(m.balance for m in partners)
