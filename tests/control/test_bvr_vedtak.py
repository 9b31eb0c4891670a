"""Vedtak K2a, K2c, K2e, K2f-K2j, K3, K4, K5, K19, K20."""

from __future__ import annotations

import pytest

from barnevern.control.base import Severity
from barnevern.records import Krav
from tests.control.factories import (
    d,
    konklusjon,
    lov,
    oversendelse,
    relasjon,
    run,
    sak,
    status,
    uid,
    vedtak,
)


def one(**kw):
    v = vedtak(**kw)
    return sak(vedtak=(v,)), v


def krav(start: str, slutt: str | None = None) -> Krav:
    return Krav(uid(), d(start), konklusjon(slutt, "1") if slutt else None)


@pytest.mark.parametrize(
    ("start", "slutt", "fires"),
    [("2026-05-02", "2026-05-01", True), ("2026-05-01", "2026-05-01", False)],
)
def test_vedtak_k2a(start, slutt, fires):
    s, _ = one(start_dato=d(start), konklusjon=konklusjon(slutt), status=(status("1", start),))
    assert bool(run("Vedtak K2a", s)) is fires


@pytest.mark.parametrize(
    ("migrert", "expected"), [(None, Severity.ERROR), ("M1", Severity.WARNING)]
)
def test_vedtak_k2c_k2e(migrert, expected):
    v = vedtak(start_dato=d("2026-01-01"), konklusjon=konklusjon("2026-07-01"), migrert_id=migrert)
    s = sak(vedtak=(v,), slutt_dato=d("2026-06-01"))
    assert [f.severity for f in run("Vedtak K2c", s)] == [expected]
    assert [f.severity for f in run("Vedtak K2e", s)] == [expected]
    inside, _ = one()
    assert run("Vedtak K2c", inside) == []
    assert run("Vedtak K2e", inside) == []


@pytest.mark.parametrize(
    ("krav_", "fires"),
    [
        (krav("2026-05-10", "2026-05-09"), True),
        (krav("2026-05-10", "2026-05-10"), False),
        (krav("2026-05-10"), False),
    ],
)
def test_vedtak_k2f(krav_, fires):
    s, _ = one(krav=(krav_,))
    assert bool(run("Vedtak K2f", s)) is fires


@pytest.mark.parametrize(
    ("krav_", "vedtak_slutt", "fires"),
    [
        (krav("2026-05-10", "2026-06-02"), "2026-06-01", True),
        (krav("2026-05-10", "2026-06-01"), "2026-06-01", False),
        (krav("2026-05-10", "2026-06-02"), None, False),
    ],
)
def test_vedtak_k2g(krav_, vedtak_slutt, fires):
    s, _ = one(krav=(krav_,), konklusjon=konklusjon(vedtak_slutt) if vedtak_slutt else None)
    assert bool(run("Vedtak K2g", s)) is fires


@pytest.mark.parametrize(("start", "fires"), [("2026-04-04", True), ("2026-04-05", False)])
def test_vedtak_k2h(start, fires):
    s, _ = one(krav=(krav(start),))  # Vedtak starts 2026-04-05
    assert bool(run("Vedtak K2h", s)) is fires


@pytest.mark.parametrize(
    ("endret", "slutt", "fires"),
    [
        ("2026-06-02", "2026-06-01", True),
        ("2026-06-01", "2026-06-01", False),
        ("2026-06-02", None, False),
    ],
)
def test_vedtak_k2i(endret, slutt, fires):
    s, _ = one(
        status=(status("1", "2026-04-05"), status("3", endret)),
        konklusjon=konklusjon(slutt) if slutt else None,
    )
    findings = run("Vedtak K2i", s)
    assert bool(findings) is fires
    assert all(f.severity is Severity.INFO for f in findings)


@pytest.mark.parametrize(("endret", "fires"), [("2026-04-04", True), ("2026-04-05", False)])
def test_vedtak_k2j(endret, fires):
    s, _ = one(status=(status("1", endret),))
    findings = run("Vedtak K2j", s)
    assert bool(findings) is fires
    assert all(f.severity is Severity.INFO for f in findings)


@pytest.mark.parametrize(
    ("statuses", "slutt", "fires"),
    [
        ((status("1"), status("3", "2026-05-01")), None, True),
        ((status("4", "2026-05-01"),), None, True),
        ((status("4", "2026-05-01"),), "2026-05-01", False),
        ((status("1"),), None, False),
        ((status("3", "2026-04-06"), status("1", "2026-05-01")), None, False),  # current status 1
    ],
)
def test_vedtak_k3(statuses, slutt, fires):
    s, _ = one(status=statuses, konklusjon=konklusjon(slutt) if slutt else None)
    assert bool(run("Vedtak K3", s)) is fires


@pytest.mark.parametrize(
    ("hjemmel", "jmfr", "fires"),
    [
        (lov("BVL2021"), (), False),
        (lov("BL1981"), (), False),
        (lov("SOSTJL"), (), True),
        (lov("BVL2021"), (lov("XYZ"),), True),
    ],
)
def test_vedtak_k4(hjemmel, jmfr, fires):
    s, _ = one(lovhjemmel=hjemmel, jmfr_lovhjemmel=jmfr)
    assert bool(run("Vedtak K4", s)) is fires


@pytest.mark.parametrize(
    ("start", "lov_", "fires"),
    [
        ("2022-12-31", "BVL2021", True),
        ("2022-12-31", "BVL", False),
        ("2023-01-01", "BVL", True),
        ("2023-01-01", "BVL2021", False),
        ("2023-01-01", "BL1981", False),
    ],
)
def test_vedtak_k5(start, lov_, fires):
    s, _ = one(start_dato=d(start), lovhjemmel=lov(lov_), status=(status("1", start),))
    assert bool(run("Vedtak K5", s)) is fires


def test_vedtak_k19_ignores_nested_ids():
    a = vedtak()
    b = vedtak()  # own Status id, otherwise identical
    findings = run("Vedtak K19", sak(vedtak=(a, b)))
    assert [(f.element_id, f.severity) for f in findings] == [(b.id, Severity.INFO)]


def test_vedtak_k20():
    o = oversendelse()
    v = vedtak(status=(status("2", "2026-04-05"),))
    assert len(run("Vedtak K20", sak(vedtak=(v,)))) == 1
    ok = sak(vedtak=(v,), oversendelser=(o,), relasjoner=(relasjon(v, o),))
    assert run("Vedtak K20", ok) == []
    reverse = sak(vedtak=(v,), oversendelser=(o,), relasjoner=(relasjon(o, v),))
    assert run("Vedtak K20", reverse) == []
    dangling = sak(vedtak=(v,), relasjoner=(relasjon(v, o),))
    findings = run("Vedtak K20", dangling)
    assert len(findings) == 1
    assert "ikke finnes i saken" in findings[0].message
    assert run("Vedtak K20", sak(vedtak=(vedtak(),))) == []  # status 1 only
