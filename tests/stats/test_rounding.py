"""One rounding rule for every output (issue 22, point 5): a share of 0.9625 is 96,3 % on the
page, 96,3 in the CSV and 96.3 in the XLSX (it was 96,2 in the CSV: banker's rounding)."""

from __future__ import annotations

from decimal import Decimal

from barnevern import display
from barnevern.stats.queries import _export_value

KEY = "meldinger_gjennomgatt_innen_frist_andel"


def test_csv_xlsx_and_page_round_a_share_the_same_way():
    assert _export_value(KEY, Decimal("0.9625"), for_csv=True) == "96,3"
    assert _export_value(KEY, Decimal("0.9625"), for_csv=False) == Decimal("96.3")
    assert display.percent(Decimal("0.9625")) == "96,3\u00a0%"
