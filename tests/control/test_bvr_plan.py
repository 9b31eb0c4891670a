"""Plan K2a, K2c, K2e, K2f, K2g, K19."""

from __future__ import annotations

import pytest

from barnevern.control.base import Severity
from tests.control.factories import d, konklusjon, plan, run, sak


@pytest.mark.parametrize(
    ("start", "slutt", "fires"),
    [("2026-05-02", "2026-05-01", True), ("2026-05-01", "2026-05-01", False)],
)
def test_plan_k2a(start, slutt, fires):
    s = sak(planer=(plan(start_dato=d(start), konklusjon=konklusjon(slutt)),))
    assert bool(run("Plan K2a", s)) is fires


@pytest.mark.parametrize(
    ("migrert", "expected"), [(None, Severity.ERROR), ("P-1", Severity.WARNING)]
)
def test_plan_k2c_k2e(migrert, expected):
    p = plan(start_dato=d("2026-01-01"), konklusjon=konklusjon("2026-07-01"), migrert_id=migrert)
    s = sak(planer=(p,), slutt_dato=d("2026-06-01"))
    assert [f.severity for f in run("Plan K2c", s)] == [expected]
    assert [f.severity for f in run("Plan K2e", s)] == [expected]
    ok = sak(planer=(plan(),))
    assert run("Plan K2c", ok) == []
    assert run("Plan K2e", ok) == []


@pytest.mark.parametrize(
    ("evaluering", "sak_slutt", "fires"),
    [
        ("2026-06-02", "2026-06-01", True),
        ("2026-06-01", "2026-06-01", False),
        ("2026-06-02", None, False),
    ],
)
def test_plan_k2f(evaluering, sak_slutt, fires):
    s = sak(
        planer=(plan(evalueringer=(d(evaluering),)),),
        slutt_dato=d(sak_slutt) if sak_slutt else None,
    )
    assert bool(run("Plan K2f", s)) is fires


@pytest.mark.parametrize(("evaluering", "fires"), [("2026-01-04", True), ("2026-01-05", False)])
def test_plan_k2g(evaluering, fires):
    s = sak(planer=(plan(evalueringer=(d(evaluering),)),))
    assert bool(run("Plan K2g", s)) is fires


def test_plan_k19():
    a, b = plan(), plan()
    findings = run("Plan K19", sak(planer=(a, b)))
    assert [(f.element_id, f.severity) for f in findings] == [(b.id, Severity.INFO)]
    assert run("Plan K19", sak(planer=(a, plan(plantype="4")))) == []
