"""Melding K2a–K5, Melder K2 and Saksinnhold K2: fires / doesn't fire."""

from __future__ import annotations

import pytest

from barnevern.control.base import Severity
from tests.control.kostra15f_support import el, hits, individ, melding

NO_MELDER = el("Saksinnhold", Kode="1")
NO_SAKSINNHOLD = el("Melder", Kode="1")


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [("2020-01-10", "2020-01-09", 1), ("2020-01-10", "2020-01-10", 0), ("2020-01-10", None, 0)],
)
def test_melding_k2a(start: str, end: str | None, count: int) -> None:
    found = hits("Melding K2a", individ(melding(StartDato=start, SluttDato=end)))
    assert len(found) == count
    if found:
        assert found[0].element_id == "M1"
        assert found[0].sak_id == "I1"


@pytest.mark.parametrize(
    ("case", "individ_end", "melding_end", "konklusjon", "count"),
    [
        ("after, konklusjon 2", "2020-01-11", "2020-01-15", "2", 1),
        ("after, no konklusjon", "2020-01-11", "2020-01-15", None, 1),
        (
            "after, konklusjon 1: the code skips henlagte (spec: only these)",
            "2020-01-11",
            "2020-01-15",
            "1",
            0,
        ),
        ("same day", "2020-01-15", "2020-01-15", "2", 0),
        ("individ open", None, "2020-01-15", "2", 0),
    ],
)
def test_melding_k2c(
    case: str, individ_end: str | None, melding_end: str, konklusjon: str | None, count: int
) -> None:
    xml = individ(melding(SluttDato=melding_end, Konklusjon=konklusjon), SluttDato=individ_end)
    assert len(hits("Melding K2c", xml)) == count, case


@pytest.mark.parametrize(
    ("case", "avslutta", "individ_end", "melding_end", "count"),
    [
        ("avsluttet, melding open", "1", "2020-06-01", None, 1),
        ("avsluttet, individ without end", "1", None, "2020-01-15", 1),
        ("avsluttet, melding ends after telledato", "1", "2021-02-01", "2021-01-02", 1),
        ("avsluttet, all closed", "1", "2020-06-01", "2020-01-15", 0),
        ("not avsluttet", "2", None, None, 0),
    ],
)
def test_melding_k2d(
    case: str, avslutta: str, individ_end: str | None, melding_end: str | None, count: int
) -> None:
    xml = individ(melding(SluttDato=melding_end), Avslutta3112=avslutta, SluttDato=individ_end)
    assert len(hits("Melding K2d", xml)) == count, case


@pytest.mark.parametrize(("start", "count"), [("2019-12-31", 1), ("2020-01-01", 0)])
def test_melding_k2e(start: str, count: int) -> None:
    assert len(hits("Melding K2e", individ(melding(StartDato=start)))) == count


@pytest.mark.parametrize(
    ("end", "count"),
    [("2020-01-18", 0), ("2020-01-19", 1), (None, 0)],  # start 10th: 8 days allowed, 9 warns
)
def test_melding_k3_more_than_8_days(end: str | None, count: int) -> None:
    found = hits("Melding K3", individ(melding(SluttDato=end)))
    assert len(found) == count
    assert all(f.severity is Severity.WARNING for f in found)


@pytest.mark.parametrize(("rule", "body"), [("Melding K4", NO_MELDER), ("Melding K5", NO_SAKSINNHOLD)])
@pytest.mark.parametrize(
    ("case", "end", "konklusjon", "count"),
    [
        ("concluded 1 this year", "2020-01-12", "1", 1),
        ("concluded 2 this year", "2020-01-12", "2", 1),
        ("concluded 2 next year", "2021-01-02", "2", 1),
        ("konklusjon 3", "2020-01-12", "3", 0),
        ("concluded last year (code: year >= reporting year)", "2019-12-31", "1", 0),
        ("open", None, None, 0),
    ],
)
def test_melding_k4_k5(
    rule: str, body: str, case: str, end: str | None, konklusjon: str | None, count: int
) -> None:
    xml = individ(melding(body, StartDato="2019-12-20", SluttDato=end, Konklusjon=konklusjon))
    assert len(hits(rule, xml)) == count, case


@pytest.mark.parametrize(
    ("kode", "presisering", "count"),
    [("22", None, 1), ("22", "Skolens rådgiver", 0), ("21", None, 0)],
)
def test_melder_k2(kode: str, presisering: str | None, count: int) -> None:
    body = el("Melder", el("Presisering", presisering) if presisering else "", Kode=kode)
    found = hits("Melder K2", individ(melding(body + el("Saksinnhold", Kode="1"))))
    assert len(found) == count
    if found:
        assert found[0].element_id == "M1"
        assert "(22)" in found[0].message


@pytest.mark.parametrize(("koder", "count"), [(("18", "19"), 2), (("17",), 0)])
def test_saksinnhold_k2(koder: tuple[str, ...], count: int) -> None:
    body = el("Melder", Kode="1") + "".join(el("Saksinnhold", Kode=k) for k in koder)
    assert len(hits("Saksinnhold K2", individ(melding(body)))) == count


def test_saksinnhold_k2_with_presisering() -> None:
    body = el("Melder", Kode="1") + el("Saksinnhold", el("Presisering", "Annet"), Kode="18")
    assert hits("Saksinnhold K2", individ(melding(body))) == []
