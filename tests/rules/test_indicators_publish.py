"""Tests for barnevern.rules.indicators.publish: indicator tables fit for publication."""

from __future__ import annotations

from collections import Counter
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from barnevern.rules.indicators import OUTSIDE, SUM_ROWS, IndicatorTable, publish
from barnevern.rules.indicators.table import derive
from barnevern.rules.periods import Period
from barnevern.rules.suppression import SUPPRESSED, SuppressionConfig

S = SUPPRESSED
YEAR = Period.year(2021)


def table(rows: dict[str, dict[str, int]], outside: dict[str, int] | None = None, pop=None) -> IndicatorTable:
    """An IndicatorTable from counts per municipality (missing counts are 0)."""
    pop = pop or {}
    total: Counter[str] = Counter()
    for row in rows.values():
        total.update(row)
    total.update(outside or {})
    known = all(pop.get(k) for k in rows)
    return IndicatorTable(
        period=YEAR,
        by_municipality={k: derive(row, pop.get(k)) for k, row in rows.items()},
        total=derive(total, sum(pop.values()) if known and pop else None),
        outside=derive(Counter(outside or {}), None),
        population=pop,
    )


def test_the_seeds_2021_row_hides_two_municipalities_and_keeps_the_total():
    t = table({k: {"barn_med_hjelpetiltak": v} for k, v in {"A": 30, "B": 25, "C": 2, "D": 1}.items()})
    p = publish(t)
    assert [p.value("barn_med_hjelpetiltak", k) for k in "ABCD"] == [30, 25, S, S]
    assert p.total["barn_med_hjelpetiltak"] == 58
    assert p.note("barn_med_hjelpetiltak") == "prikket 2 kommuner"
    assert p.note("meldinger") == ""
    assert p.suppressed_municipalities() == 2


def test_a_sum_row_is_hidden_where_a_part_is():
    rows = {
        "A": {"barn_med_hjelpetiltak": 2, "barn_med_omsorgstiltak": 5, "barn_med_tiltak": 7},
        "B": {"barn_med_hjelpetiltak": 1, "barn_med_omsorgstiltak": 9, "barn_med_tiltak": 10},
        "C": {"barn_med_hjelpetiltak": 12, "barn_med_omsorgstiltak": 4, "barn_med_tiltak": 16},
    }
    p = publish(table(rows))
    assert [p.value("barn_med_hjelpetiltak", k) for k in "ABC"] == [S, S, 12]
    # 7 − 5 would give A's 2 back, 10 − 9 B's 1: so the sums are hidden in A and B as well
    assert [p.value("barn_med_tiltak", k) for k in "ABC"] == [S, S, 16]
    assert p.value("barn_med_omsorgstiltak", "A") == 5
    assert p.total["barn_med_tiltak"] == 33


def test_the_forced_sum_cell_gets_its_own_complement():
    rows = {
        "A": {"barn_med_hjelpetiltak": 2, "barn_med_omsorgstiltak": 5, "barn_med_tiltak": 7},
        "B": {"barn_med_hjelpetiltak": 1, "barn_med_omsorgstiltak": 9, "barn_med_tiltak": 10},
        "C": {"barn_med_hjelpetiltak": 0, "barn_med_omsorgstiltak": 4, "barn_med_tiltak": 4},
        "D": {"barn_med_hjelpetiltak": 6, "barn_med_omsorgstiltak": 0, "barn_med_tiltak": 6},
    }
    p = publish(table(rows))
    hidden = {k for k in "ABCD" if p.value("barn_med_tiltak", k) == S}
    assert {"A", "B"} <= hidden


def test_shares_and_rates_follow_their_counts():
    rows = {
        "A": {"meldinger": 2, "meldinger_gjennomgatt": 2, "meldinger_gjennomgatt_innen_frist": 2},
        "B": {"meldinger": 40, "meldinger_gjennomgatt": 40, "meldinger_gjennomgatt_innen_frist": 30},
        "C": {"meldinger": 10, "meldinger_gjennomgatt": 10, "meldinger_gjennomgatt_innen_frist": 9},
    }
    p = publish(table(rows, pop={"A": 200, "B": 1000, "C": 400}))
    assert p.value("meldinger", "A") == S
    assert p.value("meldinger_per_1000", "A") == S
    assert p.value("meldinger_gjennomgatt_innen_frist_andel", "A") == S
    # C is hidden as A's complement, so C's rate and share go too; B stays
    assert p.value("meldinger", "C") == S
    assert p.value("meldinger_per_1000", "C") == S
    assert p.value("meldinger_per_1000", "B") == t_rate(40, 1000)
    assert p.total["meldinger_per_1000"] == t_rate(52, 1600)


def t_rate(count: int, population: int):
    from decimal import ROUND_HALF_UP, Decimal

    return (Decimal(count) * 1000 / population).quantize(Decimal("0.1"), ROUND_HALF_UP)


def test_children_outside_the_members_take_part_but_are_never_shown():
    t = table({"A": {"meldinger": 10}, "B": {"meldinger": 1}}, outside={"meldinger": 4})
    p = publish(t)
    assert p.value("meldinger", "B") == S
    assert p.value("meldinger", "A") == 10  # the outside column (4) is the complement
    assert p.total["meldinger"] == 15
    assert OUTSIDE not in p.by_municipality


def test_threshold_is_configurable():
    t = table({k: {"meldinger": v} for k, v in {"A": 4, "B": 40, "C": 30}.items()})
    assert publish(t).value("meldinger", "A") == 4
    p = publish(t, SuppressionConfig(threshold_low=1, threshold_high=4))
    assert p.value("meldinger", "A") == S
    assert p.value("meldinger", "C") == S


def test_keys_limit_the_output_only():
    t = table({"A": {"meldinger": 1, "barn_med_tiltak": 9}, "B": {"meldinger": 5, "barn_med_tiltak": 9}})
    p = publish(t, keys=["barn_med_tiltak"])
    assert set(p.total) == {"barn_med_tiltak"}
    assert p.suppressed_municipalities() == 0


parts = st.integers(min_value=0, max_value=8)


@settings(max_examples=120, deadline=None)
@given(grid=st.lists(st.tuples(parts, parts, parts, parts), min_size=1, max_size=6))
def test_no_part_of_a_sum_row_is_left_recomputable(grid):
    rows = {
        f"K{i}": {
            "barn_med_hjelpetiltak": h,
            "barn_med_omsorgstiltak": o,
            "barn_med_tiltak": h + o,
            "barn_med_hjelpetiltak_ved_slutt": hs,
            "barn_under_omsorg_ved_slutt": os_,
            "barn_med_tiltak_ved_slutt": hs + os_,
        }
        for i, (h, o, hs, os_) in enumerate(grid)
    }
    p = publish(table(rows))
    assert SUM_ROWS
    for total, members in SUM_ROWS.items():
        for k in rows:
            shown = [p.value(part, k) for part in members]
            if S in shown:
                assert p.value(total, k) == S, (total, k)
            for key in (total, *members):
                if 1 <= rows[k][key] <= 2:
                    assert p.value(key, k) == S
    for key in SUM_ROWS:
        assert p.total[key] in (S, sum(r[key] for r in rows.values()))


def test_period_is_kept():
    assert publish(table({"A": {}})).period == Period(date(2021, 1, 1), date(2021, 12, 31))
