"""The processing model: file error, Avgiver/Individ counts, XSD per element, unknown fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from barnevern.control.base import REGISTRY, Severity
from barnevern.control.kostra15f import check_15f, rule_ids
from barnevern.control.kostra15f.structure import canonical
from barnevern.formats.xmlsafe import parse_bytes
from tests.control.kostra15f_support import (
    FNR,
    document,
    el,
    individ,
    lov,
    melding,
    plan,
    run,
    tiltak,
)


def rules_of(data: bytes, **kwargs: object) -> list[str]:
    return [f.rule for f in run(data, **kwargs)]  # type: ignore[arg-type]


def test_file_that_is_not_xml_gives_one_error() -> None:
    [finding] = run(b"<Barnevern><Avgiver></Barnevern>")
    assert finding.rule == "Filfeil"
    assert finding.severity is Severity.ERROR
    assert finding.line == 1
    assert "Klarer ikke å lese filen" in finding.message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<Barnevern/>", ["Avgiver K0", "Individ K0"]),
        (document(), ["Individ K0"]),
    ],
)
def test_missing_avgiver_or_individ(data: bytes, expected: list[str]) -> None:
    assert rules_of(data) == expected


def test_two_avgivere() -> None:
    avgiver = el(
        "Avgiver",
        Organisasjonsnummer="944117784",
        Versjon="2020",
        Kommunenummer="3401",
        Kommunenavn="K",
    )
    data = document(individ(plan())).replace(b"<Barnevern>", b"<Barnevern>" + avgiver.encode())
    findings = [f for f in run(data) if f.rule == "Avgiver K0"]
    assert len(findings) == 1
    assert "fant 2" in findings[0].message


def test_avgiver_failing_xsd_skips_avgiver_rules() -> None:
    rules = rules_of(document(individ(plan()), Versjon="2019", Organisasjonsnummer="12"))
    assert "Avgiver K1" in rules
    assert "Avgiver K2" not in rules


def test_individ_failing_xsd_is_reported_once_and_not_checked_further() -> None:
    # Two XSD errors (Avslutta3112 and a Melder without Kode) and a broken date rule.
    bad = individ(melding(el("Melder"), StartDato="2020-02-01", SluttDato="2020-01-01"), Avslutta3112="3")
    findings = run(document(bad))
    assert [f.rule for f in findings] == ["Individ K1"]
    assert findings[0].sak_id == "I1"
    assert "J1" in findings[0].message
    assert "Avslutta3112" in findings[0].message


def test_xsd_error_points_at_the_line_in_the_file() -> None:
    data = document(individ("\n" + melding(el("Melder")) + "\n"))
    [finding] = [f for f in run(data) if f.rule == "Individ K1"]
    assert finding.line == 3
    assert "Melder" in finding.message
    assert "Kode" in finding.message


def test_duplicate_melding_ids_fail_the_xsd() -> None:
    data = document(individ(melding() + melding()))
    assert "Individ K1" in rules_of(data)


def test_other_individs_are_still_checked() -> None:
    good = individ(plan(StartDato="2019-01-01"), Id="I2", Journalnummer="J2")
    rules = rules_of(document(individ(Avslutta3112="x"), good))
    assert "Individ K1" in rules
    assert "Plan K2e" in rules


def test_child_order_and_empty_attributes_are_tolerated_as_in_kostra_kp() -> None:
    # Kategori before Lovhjemmel, an empty optional SluttDato: Jackson accepts both.
    body = el("Tiltak", el("Kategori", Kode="3.1") + lov(), Id="T1", StartDato="2020-02-01", SluttDato="")
    assert not [r for r in rules_of(document(individ(body))) if r.endswith("K1")]


def test_canonical_copy_keeps_lines_and_drops_unknown() -> None:
    tree = parse_bytes(document(individ(plan(), Dufnummer="1", SluttDato="")), "t.xml")
    element = tree.getroot()[1]
    result = canonical(element)
    copy = result.element
    assert copy.get("SluttDato") is None
    assert copy.get("Dufnummer") is None
    assert result.source_line(copy.sourceline) == element.sourceline
    assert result.source_line(copy[0].sourceline) == element[0].sourceline
    assert [h.message.split(" er ")[0] for h in result.ignored] == ["Attributtet «Dufnummer» på «Individ»"]


def test_unknown_attribute_is_info_and_explains_itself() -> None:
    data = document(individ(plan(), Fodselsnummer=None, Dufnummer="201912345678"))
    findings = run(data)
    info = [f for f in findings if f.rule == "Ukjent felt"]
    assert len(info) == 1
    assert info[0].severity is Severity.INFO
    assert "Dufnummer" in info[0].message
    assert "Individ K03" in [f.rule for f in findings]  # the value is ignored, as at SSB


def test_unknown_element_is_info() -> None:
    data = document(individ(plan() + el("Vedtak", Id="V1")))
    info = [f for f in run(data) if f.rule == "Ukjent felt"]
    assert len(info) == 1
    assert "«Vedtak» i «Individ»" in info[0].message


def test_namespace_attributes_are_ignored_silently() -> None:
    data = (
        document(individ(plan()))
        .replace(
            b"<Barnevern>",
            b'<Barnevern xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
        )
        .replace(b"<Individ ", b'<Individ xsi:type="IndividType" ')
    )
    assert "Ukjent felt" not in rules_of(data)


def test_large_files_beyond_65535_lines_are_checked() -> None:
    # libxml2 keeps at most 65535 as an element's line; the check must not trip over that.
    padding = "\n" * 70_000
    data = document(padding + individ(melding(el("Melder"))))
    [finding] = [f for f in run(data) if f.rule == "Individ K1"]
    assert finding.line is not None
    assert finding.line >= 65_535


@pytest.mark.parametrize("kind", ["bytes", "path", "tree", "element"])
def test_accepts_bytes_path_tree_or_element(kind: str, tmp_path: Path) -> None:
    data = document(individ(plan(StartDato="2019-01-01")))
    source: object = data
    if kind == "path":
        source = tmp_path / "f.xml"
        source.write_bytes(data)
    elif kind in ("tree", "element"):
        tree = parse_bytes(data, "f.xml")
        source = tree if kind == "tree" else tree.getroot()
    findings = check_15f(source, "f.xml", year=2020, region="340100")  # type: ignore[arg-type]
    assert [f.rule for f in findings] == ["Plan K2e"]
    assert findings[0].file == "f.xml"


def test_valid_document_has_no_findings() -> None:
    body = melding(SluttDato="2020-01-15", Konklusjon="3") + plan() + tiltak()
    assert run(document(individ(body))) == []
    assert FNR  # synthetic number used


def test_rules_are_registered_with_ssb_ids() -> None:
    ids = {r.id for r in REGISTRY.rules("15f")}
    expected = {
        "Avgiver K0", "Avgiver K1", "Avgiver K2", "Avgiver K3", "Avgiver K4", "Avgiver K6",
        "Individ K0", "Individ K1", "Individ K01a", "Individ K02a", "Individ K02b",
        "Individ K02d", "Individ K03", "Individ K04", "Individ K05", "Individ K06",
        "Individ K07", "Individ K08", "Individ K09", "Individ K10", "Individ K11",
        "Individ K12", "Individ K19", "Melding K2a", "Melding K2c", "Melding K2d",
        "Melding K2e", "Melding K3", "Melding K4", "Melding K5", "Melder K2", "Saksinnhold K2",
        "Undersøkelse K2a", "Undersøkelse K2b", "Undersøkelse K2c", "Undersøkelse K2d",
        "Undersøkelse K2e", "Undersøkelse K3", "Undersøkelse K4", "Undersøkelse K7",
        "Undersøkelse K8", "Vedtaksgrunnlag K2", "Plan K2a", "Plan K2c", "Plan K2d",
        "Plan K2e", "Tiltak K2a", "Tiltak K2b", "Tiltak K2c", "Tiltak K2d", "Tiltak K2e",
        "Tiltak K4", "Tiltak K5", "Tiltak K6", "Tiltak K7", "Tiltak K8", "Tiltak K9",
        "Tiltak K24", "Lovhjemmel K3", "Lovhjemmel K4", "Flytting K2c", "Flytting K2f",
    }  # fmt: skip
    assert expected <= ids
    assert ids - expected == {"Filfeil", "Ukjent felt"}
    assert "Tiltak K24" not in rule_ids()
    assert "Tiltak K24" in rule_ids(include_inactive=True)


@pytest.mark.parametrize(
    ("rule", "severity"),
    [
        ("Individ K08", Severity.ERROR),
        ("Individ K11", Severity.WARNING),
        ("Melding K3", Severity.WARNING),
        ("Undersøkelse K8", Severity.WARNING),
        ("Tiltak K4", Severity.WARNING),
        ("Tiltak K9", Severity.WARNING),
        ("Lovhjemmel K3", Severity.ERROR),
    ],
)
def test_severities_as_in_the_reference(rule: str, severity: Severity) -> None:
    info = next(r for r in REGISTRY.rules("15f") if r.id == rule)
    assert info.severity is severity
    assert info.source == "SSB KOSTRA-KP 15F"


def test_namespaced_document_is_read_by_local_name() -> None:
    data = document(individ(plan(StartDato="2019-01-01"))).replace(
        b"<Barnevern>", b'<Barnevern xmlns="urn:example">'
    )
    root = etree.fromstring(data)
    findings = check_15f(root, "ns.xml", year=2020, region="340100")
    assert [f.rule for f in findings] == ["Plan K2e"]
