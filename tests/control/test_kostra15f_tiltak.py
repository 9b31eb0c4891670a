"""Tiltak K2a–K24 and Lovhjemmel K3/K4: fires / doesn't fire."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.control.base import Severity
from barnevern.control.kostra15f._base import er_omsorgstiltak
from barnevern.formats.kostra15f import Kode15F, Lovhjemmel15F, Tiltak15F
from tests.control.kostra15f_support import el, fnr, hits, individ, lov, tiltak

OMSORG = lov(Kapittel="4", Paragraf="12")
OPPHEVELSE = el("Opphevelse", Kode="1")


@pytest.mark.parametrize(("end", "count"), [("2020-01-31", 1), ("2020-02-01", 0), (None, 0)])
def test_tiltak_k2a(end: str | None, count: int) -> None:
    found = hits("Tiltak K2a", individ(tiltak(SluttDato=end)))
    assert len(found) == count
    if found:
        assert found[0].element_id == "T1"


@pytest.mark.parametrize(("end", "count"), [("2019-12-31", 1), ("2021-01-01", 1), ("2020-12-31", 0)])
def test_tiltak_k2b(end: str, count: int) -> None:
    xml = individ(tiltak(StartDato="2019-06-01", SluttDato=end), StartDato="2019-01-01")
    assert len(hits("Tiltak K2b", xml)) == count


@pytest.mark.parametrize(
    ("individ_end", "end", "count"),
    [("2020-03-01", "2020-03-02", 1), ("2020-03-01", "2020-03-01", 0), (None, "2020-03-02", 0)],
)
def test_tiltak_k2c(individ_end: str | None, end: str, count: int) -> None:
    assert len(hits("Tiltak K2c", individ(tiltak(SluttDato=end), SluttDato=individ_end))) == count


@pytest.mark.parametrize(
    ("avslutta", "individ_end", "end", "count"),
    [("1", "2020-06-01", None, 1), ("1", "2020-06-01", "2020-03-01", 0), ("2", None, None, 0)],
)
def test_tiltak_k2d(avslutta: str, individ_end: str | None, end: str | None, count: int) -> None:
    xml = individ(tiltak(SluttDato=end), Avslutta3112=avslutta, SluttDato=individ_end)
    assert len(hits("Tiltak K2d", xml)) == count


@pytest.mark.parametrize(("start", "count"), [("2019-12-31", 1), ("2020-01-01", 0)])
def test_tiltak_k2e(start: str, count: int) -> None:
    assert len(hits("Tiltak K2e", individ(tiltak(StartDato=start)))) == count


@pytest.mark.parametrize(
    ("case", "lovhjemmel", "end", "extra", "count"),
    [
        ("omsorg § 4-12 ended, no opphevelse", OMSORG, "2020-05-01", "", 1),
        ("omsorg ended with opphevelse", OMSORG, "2020-05-01", OPPHEVELSE, 0),
        ("omsorg still open", OMSORG, None, "", 0),
        ("hjelpetiltak § 4-4 ended", lov(), "2020-05-01", "", 0),
        (
            "lower-case «bvl» is not BVL (as the code)",
            lov(Lov="bvl", Paragraf="12"),
            "2020-05-01",
            "",
            0,
        ),
    ],
)
def test_tiltak_k4(case: str, lovhjemmel: str, end: str | None, extra: str, count: int) -> None:
    xml = individ(tiltak(lovhjemmel=lovhjemmel, extra=extra, SluttDato=end))
    found = hits("Tiltak K4", xml)
    assert len(found) == count, case
    assert all(f.severity is Severity.WARNING for f in found)


def _tiltak(
    lov_: str, kapittel: str, paragraf: str, jmfr: tuple[str, str] | None = None, **kw: str
) -> Tiltak15F:
    return Tiltak15F(
        id="T1",
        start_dato=date(2020, 1, 1),
        lovhjemmel=Lovhjemmel15F(lov_, kapittel, paragraf, **kw),
        kategori=Kode15F("1.1"),
        jmfr_lovhjemmel=(Lovhjemmel15F("BVL", *jmfr),) if jmfr else (),
    )


@pytest.mark.parametrize(
    ("case", "record", "expected"),
    [
        ("BVL 4-12", _tiltak("BVL", "4", "12"), True),
        ("BVL 4-8 ledd 2", _tiltak("BVL", "4", "8", ledd="2"), True),
        ("BVL 4-8 ledd 3", _tiltak("BVL", "4", "8", ledd="3"), True),
        ("BVL 4-8 ledd 1", _tiltak("BVL", "4", "8", ledd="1"), False),
        (
            "BVL 4-8 jmfr 4-12 (spec; not in the code)",
            _tiltak("BVL", "4", "8", jmfr=("4", "12")),
            True,
        ),
        ("BVL2021 5-1 without bokstav (spec; code needs a-g)", _tiltak("BVL2021", "5", "1"), True),
        ("BVL2021 5-1 bokstav a", _tiltak("BVL2021", "5", "1", bokstav="a"), True),
        ("BVL 4-4", _tiltak("BVL", "4", "4"), False),
        ("«1» 4-12", _tiltak("1", "4", "12"), False),
    ],
)
def test_omsorgstiltak_definition(case: str, record: Tiltak15F, expected: bool) -> None:
    assert er_omsorgstiltak(record) is expected, case


@pytest.mark.parametrize(
    ("rule", "kategori", "born", "count"),
    [
        ("Tiltak K5", "4.1", date(2013, 12, 31), 1),  # 7 in 2020
        ("Tiltak K5", "4.1", date(2014, 1, 1), 0),  # 6
        ("Tiltak K5", "4.2", date(2010, 1, 1), 0),
        ("Tiltak K6", "4.2", date(2009, 12, 31), 1),  # 11
        ("Tiltak K6", "4.2", date(2010, 1, 1), 0),  # 10
    ],
)
def test_tiltak_k5_k6_age_and_kategori(rule: str, kategori: str, born: date, count: int) -> None:
    found = hits(rule, individ(tiltak(kategori), Fodselsnummer=fnr(born)))
    assert len(found) == count
    assert all(f.severity is Severity.WARNING for f in found)


@pytest.mark.parametrize(
    ("kategori", "presisering", "count"),
    [("1.99", None, 1), ("3.7", None, 1), ("8.99", "Annet", 0), ("3.1", None, 0)],
)
def test_tiltak_k7(kategori: str, presisering: str | None, count: int) -> None:
    assert len(hits("Tiltak K7", individ(tiltak(kategori, presisering=presisering)))) == count


@pytest.mark.parametrize(
    ("opphevelse", "count"),
    [
        (el("Opphevelse", Kode="4"), 1),
        (el("Opphevelse", el("Presisering", "Flyttet"), Kode="4"), 0),
        (el("Opphevelse", Kode="2"), 0),
        ("", 0),
    ],
)
def test_tiltak_k8(opphevelse: str, count: int) -> None:
    xml = individ(tiltak(extra=opphevelse, SluttDato="2020-05-01"))
    assert len(hits("Tiltak K8", xml)) == count


def _placement(tid: str, start: str, end: str | None, kategori: str = "1.1") -> str:
    return tiltak(kategori, Id=tid, StartDato=start, SluttDato=end)


@pytest.mark.parametrize(
    ("case", "body", "on"),
    [
        (
            "overlap 91 days",
            _placement("T1", "2020-01-01", "2020-04-01") + _placement("T2", "2020-01-01", "2020-04-15"),
            ["T1"],
        ),
        # KOSTRA-KP counts ChronoUnit.DAYS.between (end day not counted) and fires at >= 90: the
        # code is the reference where it and an older reading ("more than 90") disagree.
        (
            "overlap of 90 days by the code's count fires",
            _placement("T1", "2020-01-01", "2020-03-31") + _placement("T2", "2020-01-01", "2020-06-01"),
            ["T1"],
        ),
        (
            "overlap of 89 days does not",
            _placement("T1", "2020-01-01", "2020-03-30") + _placement("T2", "2020-01-01", "2020-06-01"),
            [],
        ),
        (
            # SSB's Tiltak09Test row "three overlapping plasseringstiltak, more than 90 days":
            # T1 open (to 31.12), T2 +1..+91 days, T3 +2..+92 days. T1-T2 and T1-T3 overlap 90
            # days, T2-T3 89: one finding, on T1.
            "SSB: three overlapping plasseringstiltak, more than 90 days",
            _placement("T1", "2020-01-01", None)
            + _placement("T2", "2020-01-02", "2020-04-01", "1.2")
            + _placement("T3", "2020-01-03", "2020-04-02", "1.2"),
            ["T1"],
        ),
        (
            # SSB's row "two overlapping plasseringstiltak, less than 90 days": second ends +89.
            "SSB: two overlapping plasseringstiltak, less than 90 days",
            _placement("T1", "2020-01-01", None) + _placement("T2", "2020-01-01", "2020-03-30", "1.2"),
            [],
        ),
        (
            "open ends run to 31.12",
            _placement("T1", "2020-01-01", None) + _placement("T2", "2020-06-01", None, "2.2"),
            ["T1"],
        ),
        (
            "file order, not start order: the finding is on the first in the file",
            _placement("T2", "2020-06-01", None, "2.2") + _placement("T1", "2020-01-01", None),
            ["T2"],
        ),
        (
            "8.2 is a placement",
            _placement("T1", "2020-01-01", None) + _placement("T2", "2020-02-01", None, "8.2"),
            ["T1"],
        ),
        (
            "3.1 is not",
            _placement("T1", "2020-01-01", None) + _placement("T2", "2020-02-01", None, "3.1"),
            [],
        ),
        (
            "one after the other",
            _placement("T1", "2020-01-01", "2020-05-01") + _placement("T2", "2020-05-01", None),
            [],
        ),
    ],
)
def test_tiltak_k9(case: str, body: str, on: list[str]) -> None:
    found = hits("Tiltak K9", individ(body))
    assert [f.element_id for f in found] == on, case
    for finding in found:
        assert finding.severity is Severity.WARNING


def test_tiltak_k9_names_every_overlapping_placement_in_one_finding() -> None:
    body = (
        _placement("T1", "2020-01-01", None)
        + _placement("T2", "2020-01-02", "2020-04-01", "1.2")
        + _placement("T3", "2020-01-03", "2020-04-02", "1.2")
    )
    (finding,) = hits("Tiltak K9", individ(body))
    assert "tiltak T2 fra 02.01.2020 til 01.04.2020 (90 dager)" in finding.message
    assert "tiltak T3 fra 03.01.2020 til 02.04.2020 (90 dager)" in finding.message


@pytest.mark.parametrize(
    ("case", "start", "lovhjemmel", "jmfr", "count"),
    [
        ("2020, BVL", "2020-02-01", lov(), "", 0),
        ("2020, «1»", "2020-02-01", lov(Lov="1"), "", 1),
        ("2020, BVL2021 is too new", "2020-02-01", lov(Lov="BVL2021"), "", 1),
        ("2020, jmfr not BVL", "2020-02-01", lov(), lov("JmfrLovhjemmel", Lov="BL1981"), 1),
        (
            "2023, BVL2021 without jmfr (not the code's empty-list bug)",
            "2023-02-01",
            lov(Lov="BVL2021"),
            "",
            0,
        ),
        (
            "2023, BVL with BVL2021 jmfr",
            "2023-02-01",
            lov(),
            lov("JmfrLovhjemmel", Lov="BVL2021"),
            0,
        ),
        ("2023, «bvl»", "2023-02-01", lov(Lov="bvl"), "", 1),
    ],
)
def test_tiltak_k24_as_the_spec(case: str, start: str, lovhjemmel: str, jmfr: str, count: int) -> None:
    xml = individ(tiltak(lovhjemmel=lovhjemmel + jmfr, StartDato=start), StartDato="2020-01-01")
    found = hits("Tiltak K24", xml, year=int(start[:4]), inactive=True)
    assert len(found) == count, case


def test_tiltak_k24_is_not_run_by_default() -> None:
    assert hits("Tiltak K24", individ(tiltak(lovhjemmel=lov(Lov="1")))) == []


@pytest.mark.parametrize(
    ("born", "lovhjemmel", "count"),
    [
        (date(2001, 1, 1), OMSORG, 1),  # 19
        (date(2002, 1, 1), OMSORG, 0),  # 18
        (date(2001, 1, 1), lov(), 0),  # 19, but § 4-4
    ],
)
def test_lovhjemmel_k3(born: date, lovhjemmel: str, count: int) -> None:
    xml = individ(tiltak(lovhjemmel=lovhjemmel), Fodselsnummer=fnr(born))
    found = hits("Lovhjemmel K3", xml)
    assert len(found) == count
    if found:
        assert "19 år" in found[0].message


@pytest.mark.parametrize(
    ("lovhjemmel", "count"),
    [
        (lov(Kapittel="0"), 1),
        (lov(Paragraf="0"), 1),
        (lov(), 0),
        (lov() + lov("JmfrLovhjemmel", Kapittel="0"), 0),  # the code checks Lovhjemmel only
    ],
)
def test_lovhjemmel_k4(lovhjemmel: str, count: int) -> None:
    assert len(hits("Lovhjemmel K4", individ(tiltak(lovhjemmel=lovhjemmel)))) == count
