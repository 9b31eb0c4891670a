"""Personalia K2f, K11-K18 (synthetic identity numbers only)."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.control.base import Severity
from barnevern.rules.identity import K1_WEIGHTS, K2_WEIGHTS, synthetic_duf, synthetic_fnr
from tests.control.factories import BORN, FNR, d, personalia, run, sak

GIRL = FNR  # 15.03.2015, synthetic (month + 80), even 9th digit
BOY = synthetic_fnr(BORN, 0, "1")


def with_check_digits(first9: str) -> str:
    """Append modulus-11 check digits (for building a synthetic D-number in a test)."""
    digits = [int(c) for c in first9]
    k1 = (11 - sum(a * b for a, b in zip(digits, K1_WEIGHTS, strict=False)) % 11) % 11
    k2 = (11 - sum(a * b for a, b in zip([*digits, k1], K2_WEIGHTS, strict=False)) % 11) % 11
    assert k1 < 10
    assert k2 < 10
    return f"{first9}{k1}{k2}"


def synthetic_d_number() -> str:
    """A synthetic D-number for 15.03.2015 (day + 40, month + 80)."""
    for individual in range(500, 1000, 2):
        try:
            return with_check_digits(f"558315{individual:03d}")
        except AssertionError:
            continue
    raise AssertionError("no D-number found")


D_NUMBER = synthetic_d_number()


def one(**kw):
    return sak(personalia=(personalia(**kw),))


@pytest.mark.parametrize(
    ("start", "sak_slutt", "fires"),
    [
        ("2026-06-02", "2026-06-01", True),
        ("2026-06-01", "2026-06-01", False),
        ("2026-06-02", None, False),
    ],
)
def test_personalia_k2f(start, sak_slutt, fires):
    s = sak(
        personalia=(personalia(start_dato=d(start)),),
        slutt_dato=d(sak_slutt) if sak_slutt else None,
    )
    assert bool(run("Personalia K2f", s)) is fires


@pytest.mark.parametrize(
    ("people", "fires"),
    [((), True), ((personalia(er_slettet=True),), True), ((personalia(),), False)],
)
def test_personalia_k11(people, fires):
    assert bool(run("Personalia K11", sak(personalia=people))) is fires


@pytest.mark.parametrize(
    ("fnr", "fires"),
    [
        (GIRL, False),  # synthetic Test-Norge number
        (D_NUMBER, False),
        ("15031500100", False),  # birth date + 00100
        ("15031500200", False),
        ("15031599999", False),  # due date + 99999
        ("16031555555", True),  # 55555 is not accepted (as KOSTRA-KP)
        (GIRL[:-1] + str((int(GIRL[-1]) + 1) % 10), True),  # wrong check digit
        ("15131500100", True),  # month 13 + suffix
        ("00000000000", True),
    ],
)
def test_personalia_k12(fnr, fires):
    assert bool(run("Personalia K12", one(fodselsnummer=fnr))) is fires


@pytest.mark.parametrize(
    ("fnr", "fodseldato", "fires"),
    [
        (GIRL, BORN, False),
        (GIRL, date(2015, 3, 16), True),
        (D_NUMBER, BORN, False),  # day + 40 removed
        ("15031500100", BORN, False),
        ("15031500100", date(2016, 3, 15), True),
        ("12345678901", BORN, False),  # unreadable number: left to K12
    ],
)
def test_personalia_k13(fnr, fodseldato, fires):
    findings = run("Personalia K13", one(fodselsnummer=fnr, fodseldato=fodseldato))
    assert bool(findings) is fires
    if fires:
        assert findings[0].severity is Severity.WARNING


@pytest.mark.parametrize(
    ("fnr", "kjonn", "fires"),
    [
        (GIRL, "2", False),
        (GIRL, "1", True),
        (BOY, "1", False),
        (BOY, "2", True),
        (GIRL, "0", True),  # a real number but "ufødt"
        ("15031599999", "0", False),  # unborn: no sex in the number
        ("15031599999", "1", False),
        ("15031500100", "1", False),  # 00100: odd 9th digit = boy
        ("15031500200", "1", True),
    ],
)
def test_personalia_k14(fnr, kjonn, fires):
    assert bool(run("Personalia K14", one(fodselsnummer=fnr, kjonn=kjonn))) is fires


@pytest.mark.parametrize(
    ("fnr", "start", "fires"),
    [
        ("15031599999", "2015-03-16", True),  # born, still 99999
        ("15031599999", "2015-03-15", False),
        ("15031599999", "2014-10-01", False),  # registered before birth
        (GIRL, "2026-01-05", False),
    ],
)
def test_personalia_k15(fnr, start, fires):
    assert bool(run("Personalia K15", one(fodselsnummer=fnr, start_dato=d(start)))) is fires


@pytest.mark.parametrize(
    ("start", "fires"),
    [
        ("2014-06-15", False),
        ("2014-06-14", True),
        ("2015-01-01", False),
    ],  # 9 months before 15.03.2015
)
def test_personalia_k16(start, fires):
    assert bool(run("Personalia K16", one(start_dato=d(start)))) is fires


@pytest.mark.parametrize(
    ("duf", "fires"),
    [(None, False), (synthetic_duf(1), False), (synthetic_duf(1)[:-1] + "9", True), ("123", True)],
)
def test_personalia_k17(duf, fires):
    if duf is not None and not fires:
        assert duf.startswith("2099")
    assert bool(run("Personalia K17", one(duf_nummer=duf))) is fires


@pytest.mark.parametrize(
    ("fnr", "expect"),
    [
        (GIRL, None),
        ("15031500100", "Ufullstendig fødselsnummer"),
        ("15031599999", "Ufullstendig fødselsnummer"),
        (D_NUMBER, "fremfor D-nummer"),
    ],
)
def test_personalia_k18(fnr, expect):
    findings = run("Personalia K18", one(fodselsnummer=fnr))
    if expect is None:
        assert findings == []
    else:
        assert findings[0].severity is Severity.INFO
        assert expect in findings[0].message
        assert "2026-000123" in findings[0].message  # names the journalnummer
