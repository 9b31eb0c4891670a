"""Melding K2a, K2c, K2e, K3, K4, K5, K19; Melder K2; Saksinnhold K2."""

from __future__ import annotations

import pytest

from barnevern.control.base import Severity
from tests.control.factories import d, kode, konklusjon, melding, run, sak


def one(**kw):
    return sak(meldinger=(melding(**kw),))


@pytest.mark.parametrize(
    ("start", "slutt", "fires"),
    [("2026-01-10", "2026-01-09", True), ("2026-01-09", "2026-01-09", False)],
)
def test_melding_k2a(start, slutt, fires):
    findings = run("Melding K2a", one(start_dato=d(start), konklusjon=konklusjon(slutt, "3")))
    assert bool(findings) is fires


def test_melding_k2a_open_melding_is_not_checked():
    assert run("Melding K2a", one(konklusjon=None)) == []


@pytest.mark.parametrize(
    ("slutt", "sak_slutt", "migrert", "expected"),
    [
        ("2026-02-02", "2026-02-01", None, Severity.ERROR),
        ("2026-02-02", "2026-02-01", "K-123", Severity.WARNING),  # migrated from KOSTRA
        ("2026-02-01", "2026-02-01", None, None),
        ("2026-02-02", None, None, None),  # open Sak
    ],
)
def test_melding_k2c(slutt, sak_slutt, migrert, expected):
    m = melding(konklusjon=konklusjon(slutt, "3"), migrert_id=migrert, start_dato=d("2026-01-30"))
    s = sak(meldinger=(m,), slutt_dato=d(sak_slutt) if sak_slutt else None)
    findings = run("Melding K2c", s)
    assert [f.severity for f in findings] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("start", "migrert", "expected"),
    [
        ("2026-01-04", None, Severity.ERROR),  # Sak starts 2026-01-05
        ("2026-01-04", "K-1", Severity.WARNING),
        ("2026-01-05", None, None),
    ],
)
def test_melding_k2e(start, migrert, expected):
    findings = run("Melding K2e", one(start_dato=d(start), migrert_id=migrert))
    assert [f.severity for f in findings] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("start", "slutt", "fires"),
    [
        ("2026-01-05", "2026-01-12", False),  # exactly 7 days
        ("2026-01-05", "2026-01-13", True),  # 8 days (the 15F rule would still accept this)
        ("2026-01-05", "2026-01-05", False),
    ],
)
def test_melding_k3(start, slutt, fires):
    findings = run("Melding K3", one(start_dato=d(start), konklusjon=konklusjon(slutt, "3")))
    assert bool(findings) is fires
    if fires:
        assert findings[0].severity is Severity.WARNING
        assert "05.01.2026 -> 13.01.2026" in findings[0].message


def test_melding_k3_open_melding_is_not_checked():
    assert run("Melding K3", one(start_dato=d("2025-01-01"), konklusjon=None)) == []


@pytest.mark.parametrize(
    ("melder", "konkl", "fires"),
    [
        ((), konklusjon("2026-01-09", "3"), True),
        ((), None, False),
        ((kode("1"),), konklusjon("2026-01-09", "3"), False),
    ],
)
def test_melding_k4(melder, konkl, fires):
    assert bool(run("Melding K4", one(melder=melder, konklusjon=konkl))) is fires


@pytest.mark.parametrize(
    ("innhold", "konkl", "fires"),
    [
        ((), konklusjon("2026-01-09", "3"), True),
        ((), None, False),
        ((kode("1.1.01"),), konklusjon("2026-01-09", "3"), False),
    ],
)
def test_melding_k5(innhold, konkl, fires):
    assert bool(run("Melding K5", one(saksinnhold=innhold, konklusjon=konkl))) is fires


def test_melding_k19_duplicate_content_reported_on_the_later_one():
    a = melding()
    b = melding()  # same content, new id
    c = melding(start_dato=d("2026-01-06"))
    findings = run("Melding K19", sak(meldinger=(a, b, c)))
    assert [(f.element_id, f.severity) for f in findings] == [(b.id, Severity.INFO)]
    assert a.id in findings[0].message


def test_melding_k19_only_concluded_meldinger_count():
    assert (
        run("Melding K19", sak(meldinger=(melding(konklusjon=None), melding(konklusjon=None))))
        == []
    )


@pytest.mark.parametrize(
    ("melder", "fires"),
    [
        (kode("22"), True),
        (kode("22", "  "), True),  # blank counts as missing
        (kode("22", "Tolketjenesten"), False),
        (kode("21"), False),
    ],
)
def test_melder_k2(melder, fires):
    assert bool(run("Melder K2", one(melder=(melder,)))) is fires


@pytest.mark.parametrize(
    ("innhold", "fires"),
    [
        (kode("18"), True),
        (kode("19"), True),
        (kode("19", "Annet forhold"), False),
        (kode("17"), False),
    ],
)
def test_saksinnhold_k2(innhold, fires):
    assert bool(run("Saksinnhold K2", one(saksinnhold=(innhold,)))) is fires


def test_deleted_melding_is_ignored():
    assert run("Melding K4", one(melder=(), er_slettet=True)) == []
