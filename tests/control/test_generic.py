"""Generell K1 (code valid on the element's date) and Generell K2 (code needs presisering)."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.control.base import REGISTRY, Severity
from barnevern.control.generic import (
    KOSTRA_15F_COVERED,
    check_code_presisering,
    check_code_validity,
    check_codes,
)
from barnevern.records import Krav
from tests.control.factories import (
    d,
    delivery,
    flytting,
    kode,
    konklusjon,
    lov,
    melding,
    plan,
    sak,
    tiltak,
    uid,
    undersokelse,
    vedtak,
)


def k1(s, **kw):
    return check_code_validity(delivery(s), file="f.xml", **kw)


def k2(s, **kw):
    return check_code_presisering(delivery(s), file="f.xml", **kw)


def test_both_rules_are_registered_as_generic_warnings():
    ids = {r.id: r for r in REGISTRY.rules("generic")}
    assert ids["Generell K1"].severity is Severity.WARNING
    assert ids["Generell K2"].severity is Severity.WARNING


@pytest.mark.parametrize(
    ("record", "fires"),
    [
        # Melder 15 ended 2024-12-31; a melding open across the new year may keep it
        (
            melding(
                start_dato=d("2025-01-02"),
                melder=(kode("15"),),
                saksinnhold=(kode("3"),),
                konklusjon=konklusjon("2025-01-08", "2"),
            ),
            True,
        ),
        (
            melding(
                start_dato=d("2024-12-28"),
                melder=(kode("15"),),
                saksinnhold=(kode("3"),),
                konklusjon=konklusjon("2025-01-03", "2"),
            ),
            False,
        ),
        # Kunnskapsmodellen codes from 2026
        (melding(start_dato=d("2025-06-01"), konklusjon=konklusjon("2025-06-05", "2")), True),
        (melding(start_dato=d("2025-12-28"), konklusjon=konklusjon("2026-01-02", "2")), False),
        # conclusion codes are judged on the conclusion date: 1 (Henlagt) ended 2025-12-31
        (melding(konklusjon=konklusjon("2026-01-09", "1")), True),
        (
            melding(
                start_dato=d("2025-12-20"),
                saksinnhold=(kode("3"),),
                konklusjon=konklusjon("2025-12-27", "1"),
            ),
            False,
        ),
    ],
)
def test_k1_melding_codes(record, fires):
    findings = k1(sak(start_dato=d("2024-01-01"), meldinger=(record,)))
    assert bool(findings) is fires
    if fires:
        assert findings[0].rule == "Generell K1"
        assert findings[0].element_id == record.id
        assert "ikke gyldig" in findings[0].message


@pytest.mark.parametrize(
    ("record", "fires"),
    [
        (plan(start_dato=d("2023-01-01"), plantype="3"), True),  # foreløpig omsorgsplan ended 2022
        (plan(start_dato=d("2022-12-31"), plantype="3"), False),
        (tiltak(start_dato=d("2025-06-01"), kategori=kode("8.4")), False),  # open into 2026
        (
            tiltak(
                start_dato=d("2025-06-01"),
                kategori=kode("8.4"),
                konklusjon=konklusjon("2025-12-31"),
            ),
            True,
        ),
        (tiltak(start_dato=d("2024-06-01"), kategori=kode("8.2")), False),  # started while valid
        (tiltak(start_dato=d("2026-01-01"), kategori=kode("8.2")), True),
        (tiltak(start_dato=d("2024-01-01"), lovhjemmel=lov("BVL", "4", "4")), True),
        # the Flytting lists start in 2022 because SSB's registry did: not a code rule
        (flytting(slutt_dato=d("2021-12-31")), False),
        (plan(start_dato=d("2022-12-31"), plantype="6"), True),  # Samværsplan added in 2023
        (
            vedtak(status=(), krav=(Krav(uid(), d("2026-04-10"), konklusjon("2026-04-20", "1")),)),
            False,
        ),
    ],
)
def test_k1_other_elements(record, fires):
    field = {
        "Plan": "planer",
        "Tiltak": "tiltak",
        "Flytting": "flyttinger",
        "Vedtak": "vedtak",
    }[type(record).__name__]
    findings = k1(sak(start_dato=d("2020-01-01"), **{field: (record,)}), as_of=date(2026, 6, 30))
    assert bool(findings) is fires


def test_k1_unknown_code():
    s = sak(tiltak=(tiltak(kategori=kode("6.5")),))  # removed in 2.2.0, not in the v4 list
    findings = k1(s)
    assert len(findings) == 1
    assert "finnes ikke i kodelisten" in findings[0].message


def test_k1_deleted_elements_and_sak_are_skipped():
    m = melding(melder=(kode("15"),), er_slettet=True)
    assert k1(sak(meldinger=(m,))) == []
    assert k1(sak(meldinger=(melding(melder=(kode("15"),)),), er_slettet=True)) == []


@pytest.mark.parametrize(
    ("field", "record", "fires"),
    [
        (
            "tiltak",
            tiltak(tiltaksgrunnlag=(kode("18"),), start_dato=d("2025-03-01")),
            True,
        ),  # no SSB rule
        (
            "tiltak",
            tiltak(tiltaksgrunnlag=(kode("18", "Annet"),), start_dato=d("2025-03-01")),
            False,
        ),
        ("tiltak", tiltak(kategori=kode("3.7")), False),  # covered by Tiltak K7
        ("meldinger", melding(melder=(kode("22"),)), False),  # covered by Melder K2
        (
            "undersokelser",
            undersokelse(konklusjon=konklusjon("2025-03-01", "5"), start_dato=d("2025-01-10")),
            True,
        ),
        (
            "undersokelser",
            undersokelse(
                konklusjon=konklusjon("2025-03-01", "5", "Flyttet"), start_dato=d("2025-01-10")
            ),
            False,
        ),
        ("flyttinger", flytting(arsak_fra=kode("2.9")), True),
        ("flyttinger", flytting(arsak_fra=kode("1.1.5", "Grunn")), False),
        (
            "vedtak",
            vedtak(krav=(Krav(uid(), d("2026-04-10"), konklusjon("2026-04-20", "9")),)),
            True,
        ),
    ],
)
def test_k2_presisering(field, record, fires):
    findings = k2(sak(start_dato=d("2025-01-01"), **{field: (record,)}))
    assert bool(findings) is fires
    if fires:
        assert findings[0].rule == "Generell K2"
        assert "krever presisering" in findings[0].message


def test_k2_15f_coverage_skips_undersokelse_konklusjon():
    u = undersokelse(konklusjon=konklusjon("2025-03-01", "5"), start_dato=d("2025-01-10"))
    assert k2(sak(start_dato=d("2025-01-01"), undersokelser=(u,)), covered=KOSTRA_15F_COVERED) == []


def test_check_codes_severity_is_chosen_by_the_caller():
    s = sak(
        meldinger=(melding(konklusjon=konklusjon("2026-01-09", "1")),),
        flyttinger=(flytting(arsak_fra=kode("2.9")),),
    )
    bvr = check_codes(delivery(s), file="a.xml")
    kostra = check_codes(delivery(s), file="a.xml", severity=Severity.INFO)
    assert sorted(f.rule for f in bvr) == ["Generell K1", "Generell K2"]
    assert {f.severity for f in bvr} == {Severity.WARNING}
    assert {f.severity for f in kostra} == {Severity.INFO}
    assert all(f.file == "a.xml" and f.sak_id == s.id for f in bvr)
