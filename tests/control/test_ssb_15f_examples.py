"""SSB's own 15F test files (reporting year 2020) classify as their names say.

FEIL → at least one ERROR (or FATAL); ADVARSEL → warnings and no error; OK → no error or
warning. The region (KOSTRA-KP ``-r``) is taken from the name («for_3401» → 340100,
«for_030102» → 030102); a file without one uses Avgiver's kommunenummer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from barnevern.control.base import Severity, exit_code
from barnevern.control.kostra15f import check_15f
from tests.control.kostra15f_support import examples_dir

FILES = sorted(examples_dir().glob("Testfil_*.xml"))


def region_of(path: Path) -> str | None:
    match = re.search(r"_for_(\d+)", path.name)
    if not match:
        return None
    digits = match.group(1)
    return digits if len(digits) == 6 else digits + "00"


def label_of(path: Path) -> str:
    return re.search(r"_(FEIL|ADVARSEL|OK)_", path.name).group(1)  # type: ignore[union-attr]


def test_all_ten_files_are_found() -> None:
    assert len(FILES) == 10, examples_dir()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_classification_matches_the_name(path: Path) -> None:
    findings = check_15f(path, path.name, year=2020, region=region_of(path))
    worst = max((f.severity for f in findings), default=Severity.INFO)
    expected = {"FEIL": Severity.ERROR, "ADVARSEL": Severity.WARNING, "OK": Severity.INFO}
    label = label_of(path)
    if label == "FEIL":
        assert worst >= Severity.ERROR
        assert exit_code(findings) == 2
    else:
        assert worst == expected[label], [(f.rule, f.message) for f in findings if f.severity > 1]
    assert all(f.file == path.name for f in findings)


def _rules(name: str) -> set[str]:
    path = examples_dir() / name
    return {f.rule for f in check_15f(path, name, year=2020, region=region_of(path))}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Testfil_01_FEIL_2020_15F_ugyldig_xml.xml", {"Avgiver K1", "Individ K1"}),
        (
            "Testfil_02_FEIL_2020_15F_for_3401_feil_i_avgiver.xml",
            {"Avgiver K2", "Avgiver K4", "Avgiver K6"},
        ),
        ("Testfil_03_FEIL_2020_15F_for_030102.xml", {"Individ K09", "Individ K10"}),
        ("Testfil_05_FEIL_2020_15F_for_3401_feil_i_melding_mangler_kode.xml", {"Individ K1"}),
        ("Testfil_06_FEIL_2020_15F_for_3401.xml", {"Ukjent felt", "Individ K03", "Individ K02a"}),
    ],
)
def test_feil_files_fail_for_the_intended_reason(name: str, expected: set[str]) -> None:
    assert expected <= _rules(name)


TESTFIL_04 = [  # (Journalnummer in SSB's file, the rule it is named after)
    ("Individ K 02a", "Individ K02a"),
    ("Individ K 02b", "Individ K02b"),
    ("Individ K 03", "Individ K03"),
    ("Individ K 04 #2", "Individ K04"),
    ("Individ K 05 #1", "Individ K05"),
    ("Individ K 06", "Individ K06"),
    ("Individ K 08", "Individ K08"),
    ("Individ K 11", "Individ K11"),
    *[(f"Melding K {k}", f"Melding K{k}") for k in ("2a", "2c", "2d", "2e", "3", "4", "5")],
    ("Melder K 2", "Melder K2"),
    ("Saksinnhold K 2", "Saksinnhold K2"),
    *[(f"Undersøkelse K {k}", f"Undersøkelse K{k}") for k in ("2a", "2b", "2c", "2d", "2e")],
    *[(f"Undersøkelse K {k}", f"Undersøkelse K{k}") for k in ("3", "4", "7", "8")],
    ("Vedtaksgrunnlag K 2", "Vedtaksgrunnlag K2"),
    *[(f"Plan K {k}", f"Plan K{k}") for k in ("2a", "2c", "2d", "2e")],
    *[(f"Tiltak K {k}", f"Tiltak K{k}") for k in ("2a", "2b", "2c", "2d", "2e", "5", "6", "7")],
    ("Tiltak K 8", "Tiltak K8"),
    ("Tiltak K 9", "Tiltak K9"),
    ("Lovhjemmel K 4", "Lovhjemmel K4"),
]


def test_testfil_04_journals_trip_the_rule_they_are_named_after() -> None:
    """Journals «Individ K 07», «Individ K 02d», «Tiltak K 4» and «Lovhjemmel K 3» do not:
    the child is 25 (not over 25), the Individ has a SluttDato, and Lov="1" is not «BVL»."""
    path = examples_dir() / "Testfil_04_FEIL_2020_15F_for_3401.xml"
    findings = check_15f(path, path.name, year=2020, region="340100")
    for journal, rule in TESTFIL_04:
        prefix = f"Journalnummer {journal}"
        found = [f for f in findings if f.rule == rule and f.message.startswith(prefix)]
        assert found, (journal, rule)
    named = {"Individ K07", "Individ K02d", "Tiltak K4", "Lovhjemmel K3"}
    assert not named & {f.rule for f in findings}


def test_advarsel_files_warn_for_the_intended_reasons() -> None:
    name = "Testfil_11_ADVARSEL_2020_15F_for_3401.xml"
    assert {
        "Individ K11",
        "Melding K3",
        "Undersøkelse K8",
        "Tiltak K5",
        "Tiltak K6",
        "Tiltak K9",
    } <= _rules(name)


def test_fixed_date_window_of_the_code_would_break_testfil_12() -> None:
    # Individ 30001 starts 1995-04-03: inside the spec's 1995..2045 window for 2020.
    assert "Individ K01a" not in _rules("Testfil_12_ADVARSEL_2020_15F_for_3035_Visma.xml")


def test_tiltak_k24_would_turn_advarsel_into_feil() -> None:
    path = examples_dir() / "Testfil_11_ADVARSEL_2020_15F_for_3401.xml"
    findings = check_15f(path, path.name, year=2020, region="340100", include_inactive=True)
    assert "Tiltak K24" in {f.rule for f in findings if f.severity is Severity.ERROR}
