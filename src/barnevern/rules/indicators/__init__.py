"""Statistics indicators: definitions (registry) and counting from case records.

Pure Python. ``compute(saker, period)`` returns an :class:`IndicatorTable` with figures per
member municipality and in total; ``compute_series`` does several periods in one pass. The
definitions, counting rules and sources are listed in ``docs/statistics.md``.
"""

from __future__ import annotations

from barnevern.rules.indicators.counting import (
    UNKNOWN_KOMMUNE,
    compute,
    compute_half_year,
    compute_series,
)
from barnevern.rules.indicators.definitions import INDICATORS, RATE_SUFFIX, Indicator, get
from barnevern.rules.indicators.prepare import child_key
from barnevern.rules.indicators.publish import OUTSIDE, SUM_ROWS, PublishedTable, Shown, publish
from barnevern.rules.indicators.table import (
    HALF_YEAR_OVERVIEW,
    MISSING,
    YEARLY_OVERVIEW,
    IndicatorTable,
    Value,
    format_value,
    series_rows,
)

__all__ = [
    "HALF_YEAR_OVERVIEW",
    "INDICATORS",
    "MISSING",
    "OUTSIDE",
    "RATE_SUFFIX",
    "SUM_ROWS",
    "UNKNOWN_KOMMUNE",
    "YEARLY_OVERVIEW",
    "Indicator",
    "IndicatorTable",
    "PublishedTable",
    "Shown",
    "Value",
    "child_key",
    "compute",
    "compute_half_year",
    "compute_series",
    "format_value",
    "get",
    "publish",
    "series_rows",
]
