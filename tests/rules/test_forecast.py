from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barnevern.rules.copayment import MeasureType, MissingRate, Placement, Rate, RateStatus
from barnevern.rules.forecast import (
    ForecastMethod,
    ForecastRules,
    finance_report,
    forecast_copayments,
    monthly_budget,
)
from barnevern.rules.money import MoneyError

D = Decimal
M = MeasureType

SALARIES = {1: D("480000"), 2: D("500000"), 3: D("510000"), 4: D("495000"), 5: D("520000")}


def test_monthly_budget_spreads_evenly_and_exactly() -> None:
    months = monthly_budget(D("1000000"))
    assert list(months) == list(range(1, 13))
    assert sum(months.values()) == D("1000000.00")
    assert months[1] == D("83333.34")
    assert months[5] == D("83333.33")
    assert monthly_budget({1: D("10"), 12: D("5")})[6] == D("0.00")
    with pytest.raises(MoneyError, match="1–12"):
        monthly_budget({13: D("1")})


@pytest.mark.parametrize(
    ("method", "run_rate_months", "forecast", "text"),
    [
        # 2 505 000 + 7 × (510 000 + 495 000 + 520 000) / 3
        (ForecastMethod.RUN_RATE, 3, "6063333.33", "snitt av siste måneder"),
        # 2 505 000 + 7 × 520 000
        (ForecastMethod.RUN_RATE, 1, "6145000.00", "snitt av siste måneder"),
        # 2 505 000 + 7 × 2 505 000 / 5 (window longer than the year so far)
        (ForecastMethod.RUN_RATE, 12, "6012000.00", "snitt av siste måneder"),
        # 2 505 000 + 7 × 500 000
        (ForecastMethod.BUDGET_REMAINDER, 3, "6005000.00", "resterende budsjett"),
    ],
)
def test_forecast_methods(
    method: ForecastMethod, run_rate_months: int, forecast: str, text: str
) -> None:
    report = finance_report(
        2023,
        5,
        budget={"lonn": D("6000000")},
        actuals={"lonn": SALARIES},
        rules=ForecastRules(method=method, run_rate_months=run_rate_months),
    )
    (line,) = report.lines
    assert (line.budget_year, line.budget_ytd, line.actual_ytd) == (
        D("6000000.00"),
        D("2500000.00"),
        D("2505000.00"),
    )
    assert line.deviation_ytd == D("5000.00")
    assert line.forecast_year == D(forecast)
    assert line.deviation_year == D(forecast) - D("6000000")
    assert line.method == text


def test_report_with_known_commitments_and_per_category_rule() -> None:
    report = finance_report(
        2023,
        5,
        budget={"lonn": D("6000000"), "egenbetaling": D("1000000"), "kontor": D("120000")},
        actuals={"lonn": SALARIES, "egenbetaling": {3: D("175000")}, "reise": {5: D("3000")}},
        rules=ForecastRules(per_category={"kontor": ForecastMethod.BUDGET_REMAINDER}),
        known_remaining={"egenbetaling": D("700000")},
    )
    by_name = {line.category: line for line in report.lines}
    assert list(by_name) == ["lonn", "egenbetaling", "kontor", "reise"]
    assert by_name["egenbetaling"].forecast_year == D("875000.00")
    assert by_name["egenbetaling"].method == "kjente forpliktelser"
    assert by_name["kontor"].forecast_year == D("70000.00")  # nothing booked, 7 × 10 000 left
    assert by_name["reise"].budget_year == D("0.00")
    assert by_name["reise"].forecast_year == D("3000.00") + D("7000.00")  # 3 000 / 3 × 7
    total = report.total
    assert total.category == "Sum"
    assert total.forecast_year == sum(line.forecast_year for line in report.lines)
    assert total.budget_year == D("7120000.00")
    assert total.deviation_ytd == sum(line.deviation_ytd for line in report.lines)


@pytest.mark.parametrize(
    ("through", "forecast", "method"),
    [
        (0, "1200.00", "resterende budsjett"),  # no closed month: run rate falls back
        (12, "1300.00", "snitt av siste måneder"),  # year closed: forecast = actual
    ],
)
def test_report_edges(through: int, forecast: str, method: str) -> None:
    actual = {m: D("100") for m in range(1, 13)}
    actual[12] = D("200")
    report = finance_report(
        2023,
        through,
        budget={"x": D("1200")},
        actuals={"x": {m: v for m, v in actual.items() if m <= through}},
    )
    assert report.lines[0].forecast_year == D(forecast)
    assert report.lines[0].method == method


def test_report_errors() -> None:
    with pytest.raises(MoneyError, match="etter rapportmåneden 4"):
        finance_report(2023, 4, budget={}, actuals={"lonn": SALARIES})
    with pytest.raises(MoneyError, match="0–12"):
        finance_report(2023, 13, budget={}, actuals={})
    with pytest.raises(MoneyError, match="minst én måned"):
        ForecastRules(run_rate_months=0)


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False), st.integers(1, 12))
def test_steady_spending_forecasts_twelve_months(monthly: Decimal, through: int) -> None:
    report = finance_report(
        2023,
        through,
        budget={"x": monthly * 12},
        actuals={"x": dict.fromkeys(range(1, through + 1), monthly)},
    )
    line = report.lines[0]
    assert line.forecast_year == monthly * 12
    assert line.deviation_year == 0


def test_forecast_copayments_rest_of_year_and_next_year() -> None:
    placements = [
        Placement(M.INSTITUTION, date(2023, 3, 1)),
        Placement(M.EMERGENCY_HOME, date(2023, 6, 10)),
        Placement(M.INSTITUTION, date(2022, 1, 1), date(2023, 5, 31)),  # over: left out
    ]
    got = forecast_copayments(placements, date(2023, 5, 31), carry_forward_rates=True)
    assert [p.placement for p in got.placements] == placements[:2]
    # June–December 2023: 7 × 175 000 + (21/30 × 87 500 + 6 × 87 500)
    assert got.rest_of_year == D("1225000.00") + D("61250.00") + D("525000.00")
    # 2024 at the carried-forward 2023 rates; the emergency home ends its 12 months 9 June
    assert got.next_year == D("2100000.00") + D("437500.00") + D("26250.00")
    assert {(r.year, r.measure) for r in got.assumed_rates} == {
        (2024, M.INSTITUTION),
        (2024, M.EMERGENCY_HOME),
    }
    assert all(r.status is RateStatus.UNVERIFIED for r in got.assumed_rates)
    assert got.assumed_rates[0].note.startswith("Sats for 2024 mangler")


def test_forecast_copayments_never_guesses_by_default() -> None:
    with pytest.raises(MissingRate, match="2024"):
        forecast_copayments([Placement(M.INSTITUTION, date(2023, 3, 1))], date(2023, 5, 31))
    admin = Rate(2024, M.INSTITUTION, D("180000"), "admin", RateStatus.VERIFIED)
    got = forecast_copayments(
        [Placement(M.INSTITUTION, date(2023, 3, 1))], date(2023, 5, 31), extra_rates=[admin]
    )
    assert got.next_year == D("2160000.00")
    assert got.assumed_rates == ()
    with pytest.raises(MissingRate, match="MST/FFT"):  # no earlier rate to carry forward
        forecast_copayments(
            [Placement(M.MST_FFT, date(2015, 1, 1))], date(2015, 6, 30), carry_forward_rates=True
        )


def test_forecast_copayments_on_new_years_eve() -> None:
    got = forecast_copayments([Placement(M.INSTITUTION, date(2022, 3, 1))], date(2022, 12, 31))
    assert got.rest_of_year == D("0.00")
    assert got.next_year == D("2100000.00")
