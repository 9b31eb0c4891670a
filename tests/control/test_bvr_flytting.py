"""Flytting K2c, K2f."""

from __future__ import annotations

import pytest

from barnevern.control.base import Severity
from tests.control.factories import d, flytting, run, sak


@pytest.mark.parametrize(
    ("slutt", "sak_slutt", "migrert", "expected"),
    [
        ("2026-06-02", "2026-06-01", None, Severity.ERROR),
        ("2026-06-02", "2026-06-01", "F-1", Severity.WARNING),
        ("2026-06-01", "2026-06-01", None, None),
        ("2026-06-02", None, None, None),
    ],
)
def test_flytting_k2c(slutt, sak_slutt, migrert, expected):
    f = flytting(slutt_dato=d(slutt), migrert_id=migrert)
    s = sak(flyttinger=(f,), slutt_dato=d(sak_slutt) if sak_slutt else None)
    assert [x.severity for x in run("Flytting K2c", s)] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("slutt", "migrert", "expected"),
    [
        ("2026-01-04", None, Severity.ERROR),
        ("2026-01-04", "F-2", Severity.WARNING),
        ("2026-01-05", None, None),
    ],
)
def test_flytting_k2f(slutt, migrert, expected):
    s = sak(flyttinger=(flytting(slutt_dato=d(slutt), migrert_id=migrert),))
    assert [x.severity for x in run("Flytting K2f", s)] == ([expected] if expected else [])
