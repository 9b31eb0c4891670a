"""Undersøkelse K2a, K2c, K2e, K3, K7, K11, K19, K20, K21."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.control.base import Severity
from barnevern.control.bvr.undersokelse import investigation_deadline
from barnevern.records import UtvidetFrist
from tests.control.factories import (
    d,
    kode,
    konklusjon,
    melding,
    relasjon,
    run,
    sak,
    undersokelse,
    vedtak,
)


def linked(**kw):
    """A Sak with a Melding (received 2026-01-05) related to one Undersokelse."""
    m = melding(start_dato=d("2026-01-05"), konklusjon=konklusjon("2026-01-09", "2"))
    u = undersokelse(**kw)
    return sak(meldinger=(m,), undersokelser=(u,), relasjoner=(relasjon(m, u),)), u


@pytest.mark.parametrize(
    ("start", "slutt", "fires"),
    [("2026-03-02", "2026-03-01", True), ("2026-03-01", "2026-03-01", False)],
)
def test_undersokelse_k2a(start, slutt, fires):
    s, _ = linked(start_dato=d(start), konklusjon=konklusjon(slutt, "3"))
    assert bool(run("Undersøkelse K2a", s)) is fires


@pytest.mark.parametrize(
    ("migrert", "expected"), [(None, Severity.ERROR), ("K-9", Severity.WARNING)]
)
def test_undersokelse_k2c_and_k2e_downgrade_with_migrert_id(migrert, expected):
    u = undersokelse(
        start_dato=d("2026-01-01"), konklusjon=konklusjon("2026-07-01", "3"), migrert_id=migrert
    )
    s = sak(undersokelser=(u,), slutt_dato=d("2026-06-01"))
    assert [f.severity for f in run("Undersøkelse K2c", s)] == [expected]
    assert [f.severity for f in run("Undersøkelse K2e", s)] == [expected]


def test_undersokelse_k2c_k2e_quiet_inside_the_sak():
    s, _ = linked()
    assert run("Undersøkelse K2c", s) == []
    assert run("Undersøkelse K2e", s) == []


@pytest.mark.parametrize(
    ("grunnlag", "fires"),
    [(kode("18"), True), (kode("19"), True), (kode("18", "Annet"), False), (kode("2.2.01"), False)],
)
def test_undersokelse_k3(grunnlag, fires):
    s, _ = linked(vedtaksgrunnlag=(grunnlag,))
    assert bool(run("Undersøkelse K3", s)) is fires


@pytest.mark.parametrize(
    ("code", "grunnlag", "fires"),
    [("1", (), True), ("2", (), True), ("3", (), False), ("1", (kode("2.2.01"),), False)],
)
def test_undersokelse_k7(code, grunnlag, fires):
    s, _ = linked(vedtaksgrunnlag=grunnlag, konklusjon=konklusjon("2026-03-01", code))
    assert bool(run("Undersøkelse K7", s)) is fires


def test_investigation_deadline_uses_calendar_months():
    # Our choice: (received + 7 days) + 3 / 6 calendar months, not SSB's 7 + 90 / 7 + 180 days.
    assert investigation_deadline(date(2026, 1, 5), extended=False) == date(2026, 4, 12)
    assert investigation_deadline(date(2026, 1, 5), extended=True) == date(2026, 7, 12)
    assert investigation_deadline(date(2025, 11, 23), extended=False) == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("as_of", "frist", "expect"),
    [
        # 7 + 90 days would be 2026-04-05; three months after 2026-01-12 is 2026-04-12.
        ("2026-04-10", None, None),
        ("2026-04-12", None, None),
        ("2026-04-13", None, "3 måneder"),
        ("2026-04-13", UtvidetFrist(d("2026-03-20"), "2"), "3 måneder"),  # extension refused
        ("2026-04-13", UtvidetFrist(d("2026-03-20"), None), "3 måneder"),  # not decided
        ("2026-04-13", UtvidetFrist(d("2026-03-20"), "1"), None),  # extension granted
        ("2026-07-12", UtvidetFrist(d("2026-03-20"), "1"), None),
        ("2026-07-13", UtvidetFrist(d("2026-03-20"), "1"), "6 måneder"),
        ("2026-07-13", None, "6 måneder"),
    ],
)
def test_undersokelse_k11(as_of, frist, expect):
    s, u = linked(konklusjon=None, utvidet_frist=frist)
    findings = run("Undersøkelse K11", s, as_of=date.fromisoformat(as_of))
    if expect is None:
        assert findings == []
    else:
        assert [f.element_id for f in findings] == [u.id]
        assert expect in findings[0].message
        assert findings[0].severity is Severity.WARNING


def test_undersokelse_k11_needs_a_related_melding_and_no_conclusion():
    u = undersokelse(konklusjon=None)
    assert run("Undersøkelse K11", sak(undersokelser=(u,)), as_of=date(2027, 1, 1)) == []
    s, _ = linked(konklusjon=konklusjon("2026-03-01", "3"))
    assert run("Undersøkelse K11", s, as_of=date(2027, 1, 1)) == []


def test_undersokelse_k19():
    a, b = undersokelse(), undersokelse()
    findings = run("Undersøkelse K19", sak(undersokelser=(a, b)))
    assert [(f.element_id, f.severity) for f in findings] == [(b.id, Severity.ERROR)]
    assert (
        run("Undersøkelse K19", sak(undersokelser=(a, undersokelse(start_dato=d("2026-01-10")))))
        == []
    )


def test_undersokelse_k20():
    s, _ = linked()
    assert run("Undersøkelse K20", s) == []
    lonely = undersokelse()
    assert len(run("Undersøkelse K20", sak(undersokelser=(lonely,)))) == 1
    # a Relasjon from a Melding that is not in the Sak does not count
    ghost = melding()
    s2 = sak(undersokelser=(lonely,), relasjoner=(relasjon(ghost, lonely),))
    assert len(run("Undersøkelse K20", s2)) == 1


@pytest.mark.parametrize(
    ("code", "with_vedtak", "expected"),
    [
        ("1", False, Severity.ERROR),
        ("2", False, Severity.WARNING),
        ("1", True, None),
        ("3", False, None),
    ],
)
def test_undersokelse_k21(code, with_vedtak, expected):
    u = undersokelse(konklusjon=konklusjon("2026-03-01", code))
    v = vedtak()
    s = sak(
        undersokelser=(u,),
        vedtak=(v,) if with_vedtak else (),
        relasjoner=(relasjon(u, v),) if with_vedtak else (),
    )
    assert [f.severity for f in run("Undersøkelse K21", s)] == ([expected] if expected else [])
