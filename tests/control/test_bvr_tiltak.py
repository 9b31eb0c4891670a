"""Tiltak K2a, K2c, K2e, K5-K9, K12-K14, K19-K23."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.control.base import Severity
from barnevern.rules.identity import synthetic_fnr
from tests.control.factories import (
    d,
    kode,
    konklusjon,
    lov,
    personalia,
    relasjon,
    run,
    sak,
    tiltak,
    vedtak,
)

OMSORG = lov("BVL2021", "5", "1")
OMSORG_BVL = lov("BVL", "4", "12")


def child(born: str):
    b = date.fromisoformat(born)
    return (personalia(fodseldato=b, fodselsnummer=synthetic_fnr(b, 0, "1"), kjonn="1"),)


def one(born: str = "2015-03-15", **kw):
    t = tiltak(**kw)
    return sak(tiltak=(t,), personalia=child(born)), t


@pytest.mark.parametrize(
    ("start", "slutt", "fires"),
    [("2026-05-02", "2026-05-01", True), ("2026-05-01", "2026-05-01", False)],
)
def test_tiltak_k2a(start, slutt, fires):
    s, _ = one(start_dato=d(start), konklusjon=konklusjon(slutt))
    assert bool(run("Tiltak K2a", s)) is fires


@pytest.mark.parametrize(
    ("migrert", "expected"), [(None, Severity.ERROR), ("T-1", Severity.WARNING)]
)
def test_tiltak_k2c_k2e(migrert, expected):
    t = tiltak(start_dato=d("2026-01-01"), konklusjon=konklusjon("2026-07-01"), migrert_id=migrert)
    s = sak(tiltak=(t,), slutt_dato=d("2026-06-01"))
    assert [f.severity for f in run("Tiltak K2c", s)] == [expected]
    assert [f.severity for f in run("Tiltak K2e", s)] == [expected]
    inside, _ = one()
    assert run("Tiltak K2c", inside) == []
    assert run("Tiltak K2e", inside) == []


@pytest.mark.parametrize(
    ("born", "kategori", "slutt", "fires"),
    [
        ("2018-06-30", "4.1", None, True),  # 8 at DatoUttrekk 2026-06-30
        ("2018-07-01", "4.1", None, False),  # 7: "over 7" means 8 or more
        ("2018-06-30", "4.6", None, False),
        ("2018-06-30", "4.1", "2024-08-01", False),  # ended at age 6: judged at its end
    ],
)
def test_tiltak_k5(born, kategori, slutt, fires):
    s, _ = one(
        born,
        kategori=kode(kategori),
        start_dato=d("2020-08-01"),
        konklusjon=konklusjon(slutt) if slutt else None,
    )
    findings = run("Tiltak K5", s)
    assert bool(findings) is fires
    if fires:
        assert "Alder: 8 år" in findings[0].message
        assert findings[0].severity is Severity.WARNING


@pytest.mark.parametrize(("born", "fires"), [("2014-06-30", True), ("2014-07-01", False)])
def test_tiltak_k6(born, fires):
    s, _ = one(born, kategori=kode("4.2"), start_dato=d("2022-08-01"))
    assert bool(run("Tiltak K6", s)) is fires


@pytest.mark.parametrize(
    ("kategori", "fires"),
    [
        (kode("3.7"), True),
        (kode("8.99"), True),
        (kode("1.99", "TFCO"), False),
        (kode("4.6"), False),
    ],
)
def test_tiltak_k7(kategori, fires):
    s, _ = one(kategori=kategori)
    assert bool(run("Tiltak K7", s)) is fires


@pytest.mark.parametrize(
    ("opphevelse", "fires"),
    [(kode("4"), True), (kode("4", "Annen årsak"), False), (kode("2"), False), (None, False)],
)
def test_tiltak_k8(opphevelse, fires):
    s, _ = one(opphevelse=opphevelse, konklusjon=konklusjon("2026-05-01"))
    assert bool(run("Tiltak K8", s)) is fires


def placement(start: str, slutt: str | None = None, code: str = "2.2"):
    return tiltak(
        kategori=kode(code), start_dato=d(start), konklusjon=konklusjon(slutt) if slutt else None
    )


@pytest.mark.parametrize(
    ("a", "b", "days"),
    [
        (placement("2026-01-01", "2026-04-01"), placement("2026-01-01", "2026-04-01"), 91),
        (
            placement("2026-01-01", "2026-03-31"),
            placement("2026-01-01", "2026-04-30"),
            None,
        ),  # 90 days
        (placement("2026-01-01"), placement("2026-03-01"), 122),  # both open: to DatoUttrekk 30.06
        (placement("2026-01-01"), placement("2026-04-02"), None),  # 90 days to DatoUttrekk
        (placement("2026-01-01"), placement("2026-01-01", code="4.6"), None),  # not a placement
        (placement("2026-01-01", code="8.2"), placement("2026-01-01", code="1.1"), 181),
        (placement("2026-01-01", code="8.4"), placement("2026-01-01"), None),  # 8.4: open question
    ],
)
def test_tiltak_k9(a, b, days):
    findings = run("Tiltak K9", sak(tiltak=(a, b)))
    if days is None:
        assert findings == []
    else:
        assert len(findings) == 1
        assert f"Antall dager overlapp: {days} dager" in findings[0].message
        assert findings[0].element_id == b.id
        assert a.id in findings[0].message


def test_tiltak_k9_fires_for_ssbs_three_overlapping_placements():
    """SSB's KOSTRA-KP test row "three overlapping plasseringstiltak, more than 90 days": one open
    placement, one from day 2 to day 92, one from day 3 to day 93. Both ends counted, the first
    two pairs overlap 91 days (KOSTRA-KP: 90 by DAYS.between, >= 90 fires), the last pair 90."""
    a = placement("2026-01-01")
    b = placement("2026-01-02", "2026-04-02", code="1.2")
    c = placement("2026-01-03", "2026-04-03", code="1.2")
    findings = run("Tiltak K9", sak(tiltak=(a, b, c)))
    assert sorted(f.element_id for f in findings) == sorted([b.id, c.id])
    for finding in findings:
        assert "Antall dager overlapp: 91 dager" in finding.message
        assert a.id in finding.message


@pytest.mark.parametrize(
    ("hjemmel", "kategori", "opphevelse", "slutt", "fires"),
    [
        (OMSORG, "2.2", None, "2026-05-01", True),
        (OMSORG_BVL, "1.1", None, "2026-05-01", True),
        (lov("BVL", "4", "8", ledd=("2",)), "2.1", None, "2026-05-01", True),
        (OMSORG, "2.2", kode("1"), "2026-05-01", False),
        (OMSORG, "2.2", None, None, False),  # still running
        (OMSORG, "4.6", None, "2026-05-01", False),  # not a placement
        (lov("BVL2021", "3", "1"), "2.2", None, "2026-05-01", False),  # voluntary placement
    ],
)
def test_tiltak_k12(hjemmel, kategori, opphevelse, slutt, fires):
    s, _ = one(
        lovhjemmel=hjemmel,
        kategori=kode(kategori),
        opphevelse=opphevelse,
        konklusjon=konklusjon(slutt) if slutt else None,
    )
    assert bool(run("Tiltak K12", s)) is fires


@pytest.mark.parametrize(
    ("born", "hjemmel", "slutt", "fires"),
    [
        ("2008-06-30", OMSORG, None, True),  # 18 on DatoUttrekk
        ("2008-07-01", OMSORG, None, False),
        ("2008-06-30", OMSORG, "2026-06-29", False),
        ("2008-06-30", lov("BVL2021", "3", "1"), None, False),
    ],
)
def test_tiltak_k13(born, hjemmel, slutt, fires):
    s, _ = one(
        born,
        lovhjemmel=hjemmel,
        kategori=kode("2.2"),
        konklusjon=konklusjon(slutt) if slutt else None,
    )
    findings = run("Tiltak K13", s)
    assert bool(findings) is fires
    if fires:
        assert "30.06.2026" in findings[0].message  # the 18th birthday


@pytest.mark.parametrize(
    ("hjemmel", "fires"),
    [
        (lov("BVL2021", "0", "1"), True),
        (lov("BVL2021", "3", "00"), True),
        (lov("BVL2021", "3", "1", ledd=("0",)), True),
        (lov("BVL2021", "3", "1", punktum=("0",)), True),
        (lov("BVL2021", "3", "1", ledd=("10",)), False),
        (lov("BVL2021", "3", "10"), False),
    ],
)
def test_tiltak_k14(hjemmel, fires):
    s, _ = one(lovhjemmel=hjemmel)
    assert bool(run("Tiltak K14", s)) is fires


def test_tiltak_k19():
    a, b = tiltak(), tiltak()
    findings = run("Tiltak K19", sak(tiltak=(a, b)))
    assert [(f.element_id, f.severity) for f in findings] == [(b.id, Severity.WARNING)]
    assert run("Tiltak K19", sak(tiltak=(a, tiltak(kategori=kode("4.5"))))) == []


def test_tiltak_k20_and_k21():
    t = tiltak()
    v_same = vedtak()
    v_other = vedtak(lovhjemmel=lov("BVL2021", "5", "1"))
    assert len(run("Tiltak K20", sak(tiltak=(t,)))) == 1
    linked = sak(tiltak=(t,), vedtak=(v_same,), relasjoner=(relasjon(v_same, t),))
    assert run("Tiltak K20", linked) == []
    assert run("Tiltak K21", linked) == []
    differs = sak(tiltak=(t,), vedtak=(v_other,), relasjoner=(relasjon(v_other, t),))
    findings = run("Tiltak K21", differs)
    assert len(findings) == 1
    assert "BVL2021 § 5-1" in findings[0].message
    # a Relasjon from a missing Vedtak: K20 fires, K21 has nothing to compare
    dangling = sak(tiltak=(t,), relasjoner=(relasjon(v_other, t),))
    assert len(run("Tiltak K20", dangling)) == 1
    assert run("Tiltak K21", dangling) == []


def test_tiltak_k21_ignores_ledd():
    t = tiltak(lovhjemmel=lov("BVL2021", "3", "1", ledd=("2",)))
    v = vedtak()
    assert run("Tiltak K21", sak(tiltak=(t,), vedtak=(v,), relasjoner=(relasjon(v, t),))) == []


@pytest.mark.parametrize(
    ("rule", "code", "fires"),
    [
        ("Tiltak K22", "1.99", True),
        ("Tiltak K22", "2.99", False),
        ("Tiltak K23", "2.99", True),
        ("Tiltak K23", "1.99", False),
    ],
)
def test_tiltak_k22_k23(rule, code, fires):
    s, _ = one(kategori=kode(code, "Presisert"))
    findings = run(rule, s)
    assert bool(findings) is fires
    assert all(f.severity is Severity.WARNING for f in findings)
