"""Ettervern K2a, K2c, K2e (never downgraded for MigrertId)."""

from __future__ import annotations

import pytest

from barnevern.control.base import Severity
from tests.control.factories import d, ettervern, konklusjon, run, sak


@pytest.mark.parametrize(
    ("sendt", "slutt", "fires"),
    [("2026-03-02", "2026-03-01", True), ("2026-03-01", "2026-03-01", False)],
)
def test_ettervern_k2a(sendt, slutt, fires):
    s = sak(ettervern=(ettervern(tilbud_sendt_dato=d(sendt), konklusjon=konklusjon(slutt, "1")),))
    assert bool(run("Ettervern K2a", s)) is fires


@pytest.mark.parametrize(
    ("slutt", "sak_slutt", "fires"),
    [
        ("2026-06-02", "2026-06-01", True),
        ("2026-06-01", "2026-06-01", False),
        ("2026-06-02", None, False),
    ],
)
def test_ettervern_k2c(slutt, sak_slutt, fires):
    e = ettervern(konklusjon=konklusjon(slutt, "1"), migrert_id="E-1")
    findings = run(
        "Ettervern K2c", sak(ettervern=(e,), slutt_dato=d(sak_slutt) if sak_slutt else None)
    )
    assert bool(findings) is fires
    assert all(f.severity is Severity.ERROR for f in findings)  # no MigrertId downgrade


@pytest.mark.parametrize(("sendt", "fires"), [("2026-01-04", True), ("2026-01-05", False)])
def test_ettervern_k2e(sendt, fires):
    assert (
        bool(run("Ettervern K2e", sak(ettervern=(ettervern(tilbud_sendt_dato=d(sendt)),)))) is fires
    )
