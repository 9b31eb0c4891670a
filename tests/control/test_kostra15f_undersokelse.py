"""Undersøkelse K2a–K8 and Vedtaksgrunnlag K2: fires / doesn't fire."""

from __future__ import annotations

import pytest

from barnevern.control.base import Severity
from tests.control.kostra15f_support import el, hits, individ, undersokelse

VEDTAK = el("Vedtaksgrunnlag", Kode="1")


@pytest.mark.parametrize(("end", "count"), [("2020-01-11", 1), ("2020-01-12", 0), (None, 0)])
def test_undersokelse_k2a(end: str | None, count: int) -> None:
    found = hits("Undersøkelse K2a", individ(undersokelse(SluttDato=end)))
    assert len(found) == count
    if found:
        assert found[0].element_id == "U1"


@pytest.mark.parametrize(
    ("end", "count"), [("2020-06-01", 0), ("2021-01-05", 1), ("2019-12-31", 1), (None, 0)]
)
def test_undersokelse_k2b(end: str | None, count: int) -> None:
    xml = individ(undersokelse(StartDato="2019-12-01", SluttDato=end), StartDato="2019-01-01")
    assert len(hits("Undersøkelse K2b", xml)) == count


@pytest.mark.parametrize(
    ("individ_end", "end", "count"),
    [("2020-02-15", "2020-02-16", 1), ("2020-02-15", "2020-02-15", 0), (None, "2020-02-16", 0)],
)
def test_undersokelse_k2c(individ_end: str | None, end: str, count: int) -> None:
    xml = individ(undersokelse(SluttDato=end, Konklusjon="3"), SluttDato=individ_end)
    assert len(hits("Undersøkelse K2c", xml)) == count


@pytest.mark.parametrize(
    ("avslutta", "individ_end", "end", "count"),
    [
        ("1", "2020-06-01", None, 1),
        ("1", None, "2020-02-01", 1),
        ("1", "2020-06-01", "2020-02-01", 0),
        ("2", None, None, 0),
    ],
)
def test_undersokelse_k2d(avslutta: str, individ_end: str | None, end: str | None, count: int) -> None:
    xml = individ(undersokelse(SluttDato=end), Avslutta3112=avslutta, SluttDato=individ_end)
    assert len(hits("Undersøkelse K2d", xml)) == count


@pytest.mark.parametrize(("start", "count"), [("2019-12-31", 1), ("2020-01-01", 0)])
def test_undersokelse_k2e(start: str, count: int) -> None:
    assert len(hits("Undersøkelse K2e", individ(undersokelse(StartDato=start)))) == count


@pytest.mark.parametrize(
    ("konklusjon", "presisering", "count"),
    [("5", None, 1), ("5", "Flyttet til Hamar, meldt videre", 0), ("3", None, 0)],
)
def test_undersokelse_k3(konklusjon: str, presisering: str | None, count: int) -> None:
    body = el("Presisering", presisering) if presisering else ""
    xml = individ(undersokelse(body, SluttDato="2020-02-01", Konklusjon=konklusjon))
    assert len(hits("Undersøkelse K3", xml)) == count


@pytest.mark.parametrize(
    ("end", "konklusjon", "count"),
    [("2020-02-01", None, 1), ("2020-02-01", "3", 0), (None, None, 0)],
)
def test_undersokelse_k4(end: str | None, konklusjon: str | None, count: int) -> None:
    xml = individ(undersokelse(SluttDato=end, Konklusjon=konklusjon))
    assert len(hits("Undersøkelse K4", xml)) == count


@pytest.mark.parametrize(
    ("konklusjon", "body", "count"),
    [("1", "", 1), ("2", "", 1), ("1", VEDTAK, 0), ("3", "", 0)],
)
def test_undersokelse_k7(konklusjon: str, body: str, count: int) -> None:
    xml = individ(undersokelse(body, SluttDato="2020-02-01", Konklusjon=konklusjon))
    assert len(hits("Undersøkelse K7", xml)) == count


@pytest.mark.parametrize(
    ("case", "start", "end", "count"),
    [
        ("started in January, open", "2020-01-12", None, 1),
        ("started 29 June, open", "2020-06-29", None, 1),
        ("started 30 June, open (code: before 30 June)", "2020-06-30", None, 0),
        ("started in January, concluded", "2020-01-12", "2020-03-01", 0),
    ],
)
def test_undersokelse_k8(case: str, start: str, end: str | None, count: int) -> None:
    xml = individ(undersokelse(StartDato=start, SluttDato=end, Konklusjon="3" if end else None))
    found = hits("Undersøkelse K8", xml)
    assert len(found) == count, case
    assert all(f.severity is Severity.WARNING for f in found)


@pytest.mark.parametrize(
    ("kode", "presisering", "count"),
    [("18", None, 1), ("19", None, 1), ("19", "x", 0), ("1", None, 0)],
)
def test_vedtaksgrunnlag_k2(kode: str, presisering: str | None, count: int) -> None:
    body = el("Vedtaksgrunnlag", el("Presisering", presisering) if presisering else "", Kode=kode)
    xml = individ(undersokelse(body, SluttDato="2020-02-01", Konklusjon="1"))
    found = hits("Vedtaksgrunnlag K2", xml)
    assert len(found) == count
    if found:
        assert found[0].element_id == "U1"
