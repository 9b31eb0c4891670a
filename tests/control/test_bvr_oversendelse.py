"""OversendelseFylkesnemnd K2e, K2f, K5."""

from __future__ import annotations

import pytest

from tests.control.factories import d, lov, oversendelse, run, sak


@pytest.mark.parametrize(("start", "fires"), [("2026-01-04", True), ("2026-01-05", False)])
def test_oversendelse_k2e(start, fires):
    s = sak(oversendelser=(oversendelse(start_dato=d(start)),))
    assert bool(run("OversendelseFylkesnemnd K2e", s)) is fires


@pytest.mark.parametrize(
    ("start", "sak_slutt", "fires"),
    [
        ("2026-06-02", "2026-06-01", True),
        ("2026-06-01", "2026-06-01", False),
        ("2026-06-02", None, False),
    ],
)
def test_oversendelse_k2f(start, sak_slutt, fires):
    s = sak(
        oversendelser=(oversendelse(start_dato=d(start)),),
        slutt_dato=d(sak_slutt) if sak_slutt else None,
    )
    assert bool(run("OversendelseFylkesnemnd K2f", s)) is fires


@pytest.mark.parametrize(
    ("start", "lov_", "fires"),
    [
        ("2022-12-31", "BVL2021", True),
        ("2022-12-31", "BVL", False),
        ("2023-01-01", "BVL", True),
        ("2023-01-01", "BVL2021", False),
    ],
)
def test_oversendelse_k5(start, lov_, fires):
    s = sak(
        start_dato=d("2022-01-01"),
        oversendelser=(oversendelse(start_dato=d(start), lovhjemmel=lov(lov_)),),
    )
    findings = run("OversendelseFylkesnemnd K5", s)
    assert bool(findings) is fires
    if fires:
        assert "01. januar 2023" in findings[0].message
