"""Sak K1, K2a, K7, K8, K21, K22, K23, Avgiver K1 and check_bvr itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from barnevern.control.base import REGISTRY, Severity
from barnevern.control.bvr.sak import slettet_history, summarise_slettet
from barnevern.records import Avgiver, Slettet
from barnevern.rules.identity import synthetic_fnr
from tests.control.factories import (
    all_findings,
    d,
    delivery,
    ettervern,
    konklusjon,
    melding,
    personalia,
    plan,
    run,
    sak,
    tiltak,
    uid,
    vedtak,
)


def born(day: str):
    """A Personalia for a child born on ``day`` (synthetic number)."""
    b = date.fromisoformat(day)
    return (personalia(fodseldato=b, fodselsnummer=synthetic_fnr(b, 0, "2")),)


# --- Avgiver K1 -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("orgnr", "bydelsnummer", "bydelsnavn", "fires"),
    [
        ("958935420", None, None, True),  # Oslo without bydel
        ("964338531", "01", None, True),  # Bergen, name missing
        ("942110464", None, "Midtbyen", True),  # Trondheim, number missing
        ("958935420", "01", "Gamle Oslo", False),
        ("999999999", None, None, False),  # other municipalities need no bydel
    ],
)
def test_avgiver_k1(orgnr, bydelsnummer, bydelsnavn, fires):
    avgiver = Avgiver(orgnr, "0301", "Oslo", bydelsnummer, bydelsnavn)
    findings = run("Avgiver K1", delivery(avgiver=avgiver))
    assert bool(findings) is fires
    if fires:
        assert findings[0].severity is Severity.ERROR
        assert "Bydelsnummer" in findings[0].message


# --- Sak K1 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "fires"),
    [
        ("2000-01-01", False),  # year 2026 - 26 = 2000: first allowed day
        ("1999-12-31", True),
        ("2052-12-31", False),  # 2026 + 26
        ("2053-01-01", True),
    ],
)
def test_sak_k1_date_range(start, fires):
    m = melding(start_dato=d(start), konklusjon=None)
    findings = run("Sak K1", sak(meldinger=(m,)))
    assert bool(findings) is fires
    if fires:
        assert findings[0].element_id == m.id
        assert "Melding/StartDato" in findings[0].message


def test_sak_k1_uses_the_year_given():
    m = melding(start_dato=d("1999-12-31"), konklusjon=None)
    assert run("Sak K1", sak(meldinger=(m,)), year=2025) == []


# --- Sak K2a ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "slutt", "fires"),
    [
        ("2026-02-01", "2026-01-31", True),
        ("2026-02-01", "2026-02-01", False),
        ("2026-02-01", None, False),
    ],
)
def test_sak_k2a(start, slutt, fires):
    s = sak(start_dato=d(start), slutt_dato=d(slutt) if slutt else None, meldinger=())
    assert bool(run("Sak K2a", s)) is fires


# --- Sak K7 (age ≥ 25 at DatoUttrekk 2026-06-30) ------------------------------------------------
@pytest.mark.parametrize(
    ("birth", "slutt", "open_melding", "fires"),
    [
        ("2001-06-30", None, False, True),  # 25 on DatoUttrekk, open Sak
        ("2001-07-01", None, False, False),  # 24
        ("2001-06-30", "2026-06-01", False, False),  # closed Sak, all closed
        ("2001-06-30", "2026-06-01", True, True),  # closed Sak with an open Melding
    ],
)
def test_sak_k7(birth, slutt, open_melding, fires):
    m = melding(konklusjon=None if open_melding else konklusjon("2026-01-09", "3"))
    s = sak(personalia=born(birth), slutt_dato=d(slutt) if slutt else None, meldinger=(m,))
    findings = run("Sak K7", s)
    assert bool(findings) is fires
    if fires:
        assert findings[0].severity is Severity.WARNING
        assert "Alder: 25 år" in findings[0].message


def test_sak_k7_ignores_open_vedtak():
    s = sak(personalia=born("2000-01-01"), slutt_dato=d("2026-06-01"), vedtak=(vedtak(),))
    assert run("Sak K7", s) == []


# --- Sak K8 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("birth", "with_tiltak", "slutt", "fires"),
    [
        ("2008-06-30", False, None, True),  # 18 on DatoUttrekk, no Tiltak
        ("2008-07-01", False, None, False),  # 17
        ("2008-06-30", True, None, False),
        ("2008-06-30", False, "2026-06-01", False),  # closed, nothing open
    ],
)
def test_sak_k8(birth, with_tiltak, slutt, fires):
    s = sak(
        personalia=born(birth),
        tiltak=(tiltak(),) if with_tiltak else (),
        slutt_dato=d(slutt) if slutt else None,
    )
    assert bool(run("Sak K8", s)) is fires


def test_sak_k8_deleted_tiltak_does_not_count():
    s = sak(personalia=born("2005-01-01"), tiltak=(tiltak(er_slettet=True),))
    assert len(run("Sak K8", s)) == 1


# --- Sak K21 ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "fires"),
    [
        ({"meldinger": ()}, True),
        ({"meldinger": (), "slutt_dato": d("2026-05-01")}, False),  # closed Sak
        ({"meldinger": (melding(er_slettet=True),)}, True),  # only deleted content
        ({"meldinger": (), "ettervern": (ettervern(),)}, False),
        ({"meldinger": (), "planer": (plan(),)}, False),
        ({}, False),  # default has a Melding
    ],
)
def test_sak_k21(fields, fires):
    assert bool(run("Sak K21", sak(**fields))) is fires


# --- Sak K22 ----------------------------------------------------------------------------------
def test_sak_k22_is_silent_without_history():
    s = sak(slettet=(Slettet(uid(), "Tiltak", d("2026-03-01"), line=40),))
    assert run("Sak K22", s) == []


@pytest.mark.parametrize(("known", "fires"), [(True, False), (False, True)])
def test_sak_k22_with_known_elements(known, fires):
    target = uid()
    s = sak(slettet=(Slettet(target, "Tiltak", d("2026-03-01"), line=40),))
    history = {("Tiltak", target)} if known else {("Tiltak", uid())}
    findings = run("Sak K22", s, known_elements=history)
    assert bool(findings) is fires
    if fires:
        assert findings[0].line == 40
        assert findings[0].element_id == target


def test_sak_k22_target_in_the_same_delivery_counts_as_known():
    t = tiltak(er_slettet=True)
    s = sak(tiltak=(t,), slettet=(Slettet(t.id, "Tiltak", d("2026-05-01")),))
    assert run("Sak K22", s, known_elements=set()) == []


def test_sak_k22_across_deliveries_of_one_sak():
    t = tiltak()
    first = sak(tiltak=(t,))
    gone = uid()
    second = replace(
        first,
        tiltak=(),
        slettet=(
            Slettet(t.id, "Tiltak", d("2026-05-01")),
            Slettet(gone, "Plan", d("2026-05-01"), line=9),
        ),
    )
    summaries = [
        summarise_slettet(delivery(first), "a.xml"),
        summarise_slettet(delivery(second), "b.xml"),
    ]
    findings = slettet_history(summaries)
    assert [(f.rule, f.file, f.element_id, f.line) for f in findings] == [
        ("Sak K22", "b.xml", gone, 9)
    ]
    # one delivery alone is never judged
    assert slettet_history(summaries[1:]) == []


# --- Sak K23 ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("slutt", "children", "count"),
    [
        ("2026-06-01", {"tiltak": (tiltak(),)}, 1),
        ("2026-06-01", {"vedtak": (vedtak(),)}, 1),  # Vedtak counts here (not in K7/K8)
        ("2026-06-01", {"tiltak": (tiltak(konklusjon=konklusjon("2026-05-01")),)}, 0),
        (None, {"tiltak": (tiltak(),)}, 0),  # open Sak
        ("2026-06-01", {"planer": (plan(), plan())}, 2),
    ],
)
def test_sak_k23(slutt, children, count):
    s = sak(slutt_dato=d(slutt) if slutt else None, **children)
    findings = run("Sak K23", s)
    assert len(findings) == count
    assert all(f.severity is Severity.INFO for f in findings)


# --- check_bvr --------------------------------------------------------------------------------
def test_filbeskrivelse_is_registered_but_applied_by_the_pipeline():
    assert any(
        r.id == "Filbeskrivelse" and r.severity is Severity.FATAL for r in REGISTRY.rules("bvr")
    )
    assert run("Filbeskrivelse", sak()) == []


def test_check_bvr_skips_a_deleted_sak():
    assert all_findings(sak(meldinger=(), personalia=(), er_slettet=True)) == []


def test_check_bvr_fills_file_and_sak_id_and_sorts_by_line():
    s = sak(meldinger=(), personalia=(), line=3)
    findings = all_findings(s)
    assert {f.rule for f in findings} >= {"Sak K21", "Personalia K11"}
    assert all(f.file == "test.xml" and f.sak_id == s.id for f in findings)


def test_default_delivery_is_clean():
    assert all_findings(sak()) == []
