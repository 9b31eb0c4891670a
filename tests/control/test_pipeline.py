"""validate_paths, report_json, report_text and rules_table, on real and generated files."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from barnevern.control.base import REGISTRY, Severity
from barnevern.control.pipeline import MAX_XSD_ERRORS, validate_paths
from barnevern.control.report import report_json, report_text, rules_table
from tests.paths import ssb

EXAMPLE = ssb("examples", "constructed", "bvr_v4_sak_example.xml")
KOSTRA_OK = ssb("examples", "kostra-15f", "Testfil_21_OK_2020_15F_for_3401.xml")
KOSTRA_BAD = ssb("examples", "kostra-15f", "Testfil_04_FEIL_2020_15F_for_3401.xml")
TILTAK_RELASJON = "60f6deb3-fce3-47b5-8642-062d4a186c8e"  # Vedtak -> Tiltak in the example


def edited(tmp_path: Path, name: str, edit) -> Path:
    """A copy of the constructed example changed by ``edit(root)``."""
    tree = etree.parse(str(EXAMPLE))
    edit(tree.getroot())
    out = tmp_path / name
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    return out


def drop(xpath: str):
    def edit(root):
        for el in root.xpath(xpath):
            el.getparent().remove(el)

    return edit


def rules_of(report):
    return {f.rule for f in report.findings}


def test_constructed_example_is_clean():
    report = validate_paths([EXAMPLE])
    assert report.files == 1
    assert report.findings == []
    assert report.exit_code == 0


def test_rule_finding_names_file_sak_element_and_line(tmp_path):
    path = edited(tmp_path, "uten_relasjon.xml", drop(f"//Relasjon[@Id='{TILTAK_RELASJON}']"))
    report = validate_paths([path])
    [finding] = [f for f in report.findings if f.rule == "Tiltak K20"]
    assert finding.severity is Severity.ERROR
    assert finding.file == str(path)
    assert finding.sak_id == "9d3ac19f-d97f-45ae-b277-e976c70aff19"
    assert finding.element_id == "77e9d8b5-bd8d-4d2f-bc28-266460a851ae"
    assert finding.line
    assert finding.line > 30
    assert report.exit_code == 2


def test_not_well_formed_file_is_fatal_with_line(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_bytes(EXAMPLE.read_bytes().replace(b"</Sak>", b"</Sakk>"))
    report = validate_paths([broken])
    [finding] = report.findings
    assert (finding.rule, finding.severity) == ("Filbeskrivelse", Severity.FATAL)
    assert finding.line is not None
    assert f"linje {finding.line}" in finding.message
    assert report.exit_code == 2


def test_doctype_is_refused(tmp_path):
    evil = tmp_path / "xxe.xml"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]><Barnevern/>')
    [finding] = validate_paths([evil]).findings
    assert finding.severity is Severity.FATAL
    assert "DOCTYPE" in finding.message


def test_xsd_failure_is_fatal_and_rules_are_not_run(tmp_path):
    def break_it(root):
        drop("Fagsystem")(root)
        drop(f"//Relasjon[@Id='{TILTAK_RELASJON}']")(root)  # would be Tiltak K20

    report = validate_paths([edited(tmp_path, "xsd.xml", break_it)])
    assert rules_of(report) == {"Filbeskrivelse"}
    assert all(f.severity is Severity.FATAL for f in report.findings)
    assert "bvr-v4" in report.findings[0].message


def test_xsd_errors_are_capped(tmp_path):
    def many(root):
        personalia = root.find("Sak/Personalia")
        for _ in range(MAX_XSD_ERRORS + 10):
            personalia.addnext(etree.Element("Ukjent"))

    report = validate_paths([edited(tmp_path, "many.xml", many)])
    assert 0 < len(report.findings) <= MAX_XSD_ERRORS + 1


def test_forced_older_schema(tmp_path):
    report = validate_paths([EXAMPLE], fmt="bvr-v1")  # BarnetsMedvirkning is new in v4
    assert rules_of(report) == {"Filbeskrivelse"}
    assert "bvr-v1" in report.findings[0].message


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="Ukjent format"):
        validate_paths([EXAMPLE], fmt="bvr-v9")


def test_not_a_barnevern_document(tmp_path):
    other = tmp_path / "other.xml"
    other.write_text("<Faktura><Linje/></Faktura>")
    [finding] = validate_paths([other]).findings
    assert finding.severity is Severity.FATAL
    assert "verken en BVR-fil" in finding.message


def test_missing_path_is_fatal_and_others_still_run(tmp_path):
    report = validate_paths([tmp_path / "finnes-ikke.xml", EXAMPLE])
    assert report.files == 2
    [finding] = report.findings
    assert finding.severity is Severity.FATAL
    assert "Finner ikke" in finding.message


def test_directory_and_zip(tmp_path):
    bad = edited(tmp_path, "b.xml", drop(f"//Relasjon[@Id='{TILTAK_RELASJON}']"))
    archive = tmp_path / "leveranse.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(EXAMPLE, "a.xml")
        zf.write(bad, "b.xml")
    report = validate_paths([archive])
    assert report.files == 2
    assert {f.file for f in report.findings} == {f"{archive}!b.xml"}
    folder = tmp_path / "mappe"
    folder.mkdir()
    (folder / "a.xml").write_bytes(EXAMPLE.read_bytes())
    assert validate_paths([folder]).files == 1


def test_sak_k22_across_deliveries(tmp_path):
    first = edited(tmp_path, "1.xml", lambda root: None)

    def delete_plan(root):
        sak = root.find("Sak")
        plan = sak.find("Plan")
        sak.remove(plan)
        for type_, id_ in (
            ("Plan", plan.get("Id")),
            ("Tiltak", "11111111-2222-4333-8444-555555555555"),
        ):
            sak.append(etree.Element("Slettet", Id=id_, Type=type_, SluttDato="2026-06-20"))

    second = edited(tmp_path, "2.xml", delete_plan)
    report = validate_paths([first, second])
    k22 = [f for f in report.findings if f.rule == "Sak K22"]
    assert [(f.file, f.element_id) for f in k22] == [(str(second), "11111111-2222-4333-8444-555555555555")]
    # alone, the second delivery cannot be judged
    assert "Sak K22" not in rules_of(validate_paths([second]))


@pytest.mark.skipif(not KOSTRA_OK.exists(), reason="SSB 15F test files missing")
def test_15f_files_run_the_kostra_rules():
    ok = validate_paths([KOSTRA_OK])
    assert ok.files == 1
    assert ok.exit_code < 2
    bad = validate_paths([KOSTRA_BAD])
    ids_15f = {r.id for r in REGISTRY.rules("15f")}
    assert rules_of(bad) & ids_15f
    assert bad.exit_code == 2
    generic = [f for f in bad.findings if f.rule.startswith("Generell")]
    assert generic
    assert all(f.severity is Severity.INFO for f in generic)
    assert all(not f.sak_id or len(f.sak_id) < 36 for f in generic)  # the file's own ids


def test_15f_format_can_be_forced_and_year_given():
    report = validate_paths([KOSTRA_OK], fmt="15f", year=2021)
    assert "Avgiver K2" in rules_of(report)  # Versjon 2020 is not the year asked for


def test_report_json_shape(tmp_path):
    path = edited(tmp_path, "x.xml", drop(f"//Relasjon[@Id='{TILTAK_RELASJON}']"))
    data = report_json(validate_paths([path, EXAMPLE]))
    assert list(data) == ["files", "findings", "counts"]
    assert data["files"] == 2
    assert list(data["counts"]) == ["FATAL", "ERROR", "WARNING", "INFO"]
    assert data["counts"]["ERROR"] == sum(f["severity"] == "ERROR" for f in data["findings"])
    assert set(data["findings"][0]) == {
        "rule",
        "severity",
        "file",
        "line",
        "sak_id",
        "element_id",
        "message",
    }
    json.dumps(data)  # serialisable


def test_report_text_groups_by_file_and_severity(tmp_path):
    path = edited(tmp_path, "x.xml", drop(f"//Relasjon[@Id='{TILTAK_RELASJON}']"))
    text = report_text(validate_paths([path]))
    assert text.startswith("Kontrollerte 1 fil:")
    assert f"Fil: {path}" in text
    assert "  Feil (1):" in text
    assert "[Tiltak K20] Sak 9d3ac19f-d97f-45ae-b277-e976c70aff19, element 77e9d8b5" in text
    assert "avslutningskode 2" in text
    assert "Ingen feil eller advarsler" in report_text(validate_paths([EXAMPLE]))


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_rules_table_lists_every_rule(fmt):
    table = rules_table(fmt)
    for rule in REGISTRY.rules():
        assert rule.id in table
    if fmt == "json":
        rows = json.loads(table)
        assert set(rows[0]) == {"id", "severity", "format", "meaning", "source"}
        assert rows[0]["id"] == "Filbeskrivelse"
        assert any(r["id"] == "Generell K1" and r["format"] == "generic" for r in rows)
    if fmt == "csv":
        assert table.splitlines()[0] == "id,severity,format,meaning,source"


def test_rules_table_orders_bvr_by_group_and_number():
    ids = [row["id"] for row in json.loads(rules_table("json")) if row["format"] == "bvr"]
    assert ids.index("Melding K2a") < ids.index("Melding K3") < ids.index("Melding K19")
    assert ids.index("Sak K23") < ids.index("Personalia K2f") < ids.index("Undersøkelse K2a")


def test_rules_table_unknown_format():
    with pytest.raises(ValueError):
        rules_table("xlsx")


TILTAK_GONE = "11111111-2222-4333-8444-555555555555"


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory):
    """More documents than one worker task holds (``CHUNK``), with errors of every kind
    between them: generated cases with injected rule errors, a file that is not XML, a file
    that fails the XSD, and two deliveries of one Sak for Sak K22."""
    from barnevern.control.pipeline import CHUNK
    from barnevern.formats.generator import write_corpus

    root = tmp_path_factory.mktemp("mixed")
    write_corpus(root / "a", 2 * CHUNK + 40, seed=7, error_rate=0.3)
    (root / "b").mkdir()
    (root / "b" / "broken.xml").write_bytes(b"<Barnevern><Sak></Barnevern>")
    edited(root / "b", "xsd.xml", lambda root: root.find("Sak").attrib.pop("Journalnummer"))
    edited(root / "b", "k22-1.xml", lambda root: None)

    def delete_plan(root):
        sak = root.find("Sak")
        plan = sak.find("Plan")
        sak.remove(plan)
        sak.append(etree.Element("Slettet", Id=TILTAK_GONE, Type="Tiltak", SluttDato="2026-06-20"))

    edited(root / "b", "k22-2.xml", delete_plan)
    write_corpus(root / "c", 30, seed=8, error_rate=0.5)
    return root


def test_worker_processes_give_the_same_report_as_one_process(mixed_corpus, forking):
    alone = validate_paths([mixed_corpus], jobs=1)
    together = validate_paths([mixed_corpus], jobs=2)
    assert forking == [2]  # the second run really used two worker processes
    assert together.files == alone.files > 2 * 256
    assert report_json(together) == report_json(alone)
    rules = rules_of(alone)
    assert {"Filbeskrivelse", "Sak K22"} <= rules
    assert len(rules) > 5  # injected rule errors too
    assert alone.exit_code == together.exit_code == 2


def test_a_fault_in_a_rule_names_the_file_and_spares_the_others(tmp_path, monkeypatch):
    from barnevern.control import pipeline

    good = edited(tmp_path, "1.xml", lambda root: None)
    bad = edited(tmp_path, "2.xml", lambda root: root.find("Sak").set("Journalnummer", "KRASJ"))
    original = pipeline.check_bvr

    def fragile(delivery, **kwargs):
        if delivery.sak.journalnummer == "KRASJ":
            raise ZeroDivisionError("boom")
        return original(delivery, **kwargs)

    monkeypatch.setattr(pipeline, "check_bvr", fragile)
    checked = list(pipeline.check_documents(pipeline.iter_sources([tmp_path])))
    assert [c.error for c in checked] == [None, "ZeroDivisionError: boom"]
    assert checked[0].name == str(good)
    assert checked[1].name == str(bad)
    with pytest.raises(RuntimeError, match="2.xml"):
        validate_paths([tmp_path])


@pytest.mark.slow
def test_the_command_forks_its_workers_and_reports_the_same(mixed_corpus):
    """The product's own path: ``barnevern validate`` in a fresh process (no other thread)."""
    import subprocess
    import sys

    def run(jobs: str) -> tuple[int, dict]:
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "barnevern", "validate", str(mixed_corpus), "--json", "--jobs", jobs],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        return done.returncode, json.loads(done.stdout)

    assert run("2") == run("1") == (2, report_json(validate_paths([mixed_corpus])))
