"""Individ K01a–K12, K19 and the whole-file K04/K05: fires / doesn't fire."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.control.base import Severity
from tests.control.kostra15f_support import (
    DUF,
    FNR,
    fnr,
    hits,
    individ,
    melding,
    plan,
    tiltak,
    undersokelse,
)

PLAN = plan()


@pytest.mark.parametrize(
    ("case", "xml", "count"),
    [
        ("all dates inside 1995..2045", individ(PLAN, StartDato="1995-01-01"), 0),
        ("individ start before 1995 (year − 25)", individ(PLAN, StartDato="1994-12-31"), 1),
        ("individ end after 2045", individ(PLAN, SluttDato="2046-01-01"), 1),
        (
            "1995-04-03 is fine for 2020 (code's fixed 1998 is not used)",
            individ(PLAN, StartDato="1995-04-03"),
            0,
        ),
        ("melding start too early", individ(melding(StartDato="1990-01-01")), 1),
        ("undersøkelse end too late", individ(undersokelse(SluttDato="2050-01-01")), 1),
        ("plan evaluert too early", individ(plan(EvaluertDato="1990-01-01")), 1),
        (
            "tiltak start and end both out",
            individ(tiltak(StartDato="1990-01-01", SluttDato="2050-01-01")),
            2,
        ),
    ],
)
def test_individ_k01a(case: str, xml: str, count: int) -> None:
    found = hits("Individ K01a", xml)
    assert len(found) == count, case
    assert all(f.severity is Severity.ERROR for f in found)


def test_individ_k01a_names_the_element() -> None:
    [finding] = hits("Individ K01a", individ(melding(Id="M7", StartDato="1990-01-01")))
    assert finding.element_id == "M7"
    assert "melding M7" in finding.message
    assert "01.01.1995" in finding.message


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [("2020-03-01", "2020-02-01", 1), ("2020-02-01", "2020-02-01", 0), ("2020-02-01", None, 0)],
)
def test_individ_k02a(start: str, end: str | None, count: int) -> None:
    assert len(hits("Individ K02a", individ(PLAN, StartDato=start, SluttDato=end))) == count


@pytest.mark.parametrize(("end", "count"), [("2019-12-30", 1), ("2019-12-31", 0), (None, 0)])
def test_individ_k02b(end: str | None, count: int) -> None:
    assert len(hits("Individ K02b", individ(PLAN, StartDato="2019-01-01", SluttDato=end))) == count


@pytest.mark.parametrize(
    ("avslutta", "end", "count"), [("1", None, 1), ("1", "2020-06-01", 0), ("2", None, 0)]
)
def test_individ_k02d(avslutta: str, end: str | None, count: int) -> None:
    assert len(hits("Individ K02d", individ(PLAN, Avslutta3112=avslutta, SluttDato=end))) == count


@pytest.mark.parametrize(
    ("case", "fodselsnummer", "duf", "count"),
    [
        ("valid synthetic fnr", FNR, None, 0),
        ("modulus 11 fails", FNR[:10] + str((int(FNR[10]) + 1) % 10), None, 1),
        ("birth date + 00100", "01011000100", None, 0),
        ("birth date + 00200", "01011000200", None, 0),
        ("termin date + 99999", "01012199999", None, 0),
        ("birth date + 55555 (spec; KOSTRA-KP's code rejects it)", "01011655555", None, 0),
        ("impossible date + 00100", "32011000100", None, 1),
        ("no fnr, valid DUF", None, DUF, 0),
        ("no fnr, invalid DUF", None, DUF[:-1] + str((int(DUF[-1]) + 1) % 10), 1),
        ("neither", None, None, 1),
    ],
)
def test_individ_k03(case: str, fodselsnummer: str | None, duf: str | None, count: int) -> None:
    found = hits("Individ K03", individ(PLAN, Fodselsnummer=fodselsnummer, DUFnummer=duf))
    assert len(found) == count, case


def test_individ_k03_invalid_fnr_is_not_rescued_by_a_duf() -> None:
    xml = individ(PLAN, Fodselsnummer="01011012345", DUFnummer=DUF)
    [finding] = hits("Individ K03", xml)
    assert "Feil i fødselsnummer" in finding.message


@pytest.mark.parametrize(
    ("body", "count"),
    [("", 1), (PLAN, 0), (melding(), 0), (tiltak(), 0)],
)
def test_individ_k06(body: str, count: int) -> None:
    assert len(hits("Individ K06", individ(body))) == count


@pytest.mark.parametrize(
    ("born", "count"), [(date(1994, 12, 31), 1), (date(1995, 1, 1), 0), (date(2010, 1, 1), 0)]
)
def test_individ_k07_age_over_25(born: date, count: int) -> None:
    found = hits("Individ K07", individ(tiltak(), Fodselsnummer=fnr(born)))
    assert len(found) == count
    if count:
        assert "26 år" in found[0].message


@pytest.mark.parametrize(
    ("born", "body", "count"),
    [
        (date(2001, 6, 1), PLAN, 1),  # 19 in 2020, no tiltak
        (date(2001, 6, 1), tiltak(), 0),
        (date(2002, 6, 1), PLAN, 0),  # 18: not over 18
    ],
)
def test_individ_k08_is_an_error_as_in_the_code(born: date, body: str, count: int) -> None:
    found = hits("Individ K08", individ(body, Fodselsnummer=fnr(born)))
    assert len(found) == count
    assert all(f.severity is Severity.ERROR for f in found)  # the spec says ADVARSEL


@pytest.mark.parametrize(
    ("rule", "region", "attrs", "count"),
    [
        ("Individ K09", "030102", {}, 1),
        ("Individ K09", "030102", {"Bydelsnummer": "02"}, 0),
        ("Individ K09", "340100", {}, 0),
        ("Individ K10", "030102", {}, 1),
        ("Individ K10", "030102", {"Bydelsnavn": "Gamle Oslo"}, 0),
        ("Individ K10", "460100", {}, 0),
    ],
)
def test_individ_k09_k10_oslo_bydel(rule: str, region: str, attrs: dict, count: int) -> None:
    assert len(hits(rule, individ(PLAN, **attrs), region=region)) == count


def test_individ_k09_default_region_comes_from_avgiver() -> None:
    from tests.control.kostra15f_support import document, run

    data = document(individ(PLAN), Kommunenummer="0301", Kommunenavn="Oslo")
    rules = {f.rule for f in run(data, region=None)}
    assert {"Individ K09", "Individ K10"} <= rules
    assert "Avgiver K4" not in rules


@pytest.mark.parametrize(
    ("case", "value", "k11", "k12"),
    [
        ("valid", FNR, 0, 0),
        ("missing", None, 1, 1),
        ("suffix 00200", "01011000200", 1, 0),
        ("suffix 99999", "01012199999", 1, 0),
        ("suffix 55555", "01011655555", 1, 0),
        ("invalid", "01011012345", 1, 1),
    ],
)
def test_individ_k11_k12_warnings(case: str, value: str | None, k11: int, k12: int) -> None:
    xml = individ(PLAN, Fodselsnummer=value, DUFnummer=DUF)
    found11, found12 = hits("Individ K11", xml), hits("Individ K12", xml)
    assert (len(found11), len(found12)) == (k11, k12), case
    assert all(f.severity is Severity.WARNING for f in found11 + found12)


@pytest.mark.parametrize(
    ("duf", "count"), [(None, 0), (DUF, 0), (DUF[:-1] + str((int(DUF[-1]) + 1) % 10), 1)]
)
def test_individ_k19(duf: str | None, count: int) -> None:
    found = hits("Individ K19", individ(PLAN, DUFnummer=duf))
    assert len(found) == count
    assert all(f.severity is Severity.WARNING for f in found)


def test_individ_k04_duplicate_fnr_across_journals() -> None:
    first = individ(PLAN, Id="I1", Journalnummer="J1")
    second = individ(PLAN, Id="I2", Journalnummer="J2")
    [finding] = hits("Individ K04", first, second)
    assert finding.sak_id == "I2"
    assert "J1" in finding.message


@pytest.mark.parametrize(
    ("a", "b", "count"),
    [
        (FNR, fnr(date(2011, 1, 1)), 0),
        ("01011000200", "01011000200", 0),  # suffix numbers are not modulus-11 valid
    ],
)
def test_individ_k04_does_not_fire(a: str, b: str, count: int) -> None:
    one = individ(PLAN, Id="I1", Journalnummer="J1", Fodselsnummer=a)
    two = individ(PLAN, Id="I2", Journalnummer="J2", Fodselsnummer=b)
    assert len(hits("Individ K04", one, two)) == count


def test_individ_k04_skips_individs_that_fail_the_xsd() -> None:
    broken = individ(PLAN, Id="I2", Journalnummer="J2", Avslutta3112="3")
    assert hits("Individ K04", individ(PLAN), broken) == []


@pytest.mark.parametrize(
    ("second_fnr", "count"),
    [(fnr(date(2011, 1, 1)), 1), (None, 0)],  # only Individs with a fnr count (KOSTRA-KP)
)
def test_individ_k05_duplicate_journalnummer(second_fnr: str | None, count: int) -> None:
    one = individ(PLAN, Id="I1", Journalnummer="J1")
    two = individ(PLAN, Id="I2", Journalnummer="J1", Fodselsnummer=second_fnr, DUFnummer=DUF)
    found = hits("Individ K05", one, two)
    assert len(found) == count
    if found:
        assert "2 ganger" in found[0].message
        assert found[0].sak_id == "I2"
