"""The ``validate`` and ``rules`` management commands (no database: pytest-django blocks it)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.paths import ssb

EXAMPLE = ssb("examples", "constructed", "bvr_v4_sak_example.xml")
KOSTRA_WARN = ssb("examples", "kostra-15f", "Testfil_11_ADVARSEL_2020_15F_for_3401.xml")


def run(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command(*args, stdout=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_clean_file_exits_0_with_json_shape():
    code, out = run("validate", str(EXAMPLE), "--json")
    data = json.loads(out)
    assert code == 0
    assert data == {
        "files": 1,
        "findings": [],
        "counts": {"FATAL": 0, "ERROR": 0, "WARNING": 0, "INFO": 0},
    }


def test_broken_file_exits_2(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_bytes(EXAMPLE.read_bytes()[:-20])
    code, out = run("validate", str(broken), "--json")
    data = json.loads(out)
    assert code == 2
    assert data["counts"]["FATAL"] == 1
    finding = data["findings"][0]
    assert set(finding) == {"rule", "severity", "file", "line", "sak_id", "element_id", "message"}
    assert (finding["rule"], finding["severity"], finding["file"]) == (
        "Filbeskrivelse",
        "FATAL",
        str(broken),
    )


def test_rule_error_exits_2_in_text(tmp_path):
    changed = tmp_path / "k20.xml"
    text = EXAMPLE.read_text(encoding="utf-8")
    changed.write_text(text.replace('TilType="Tiltak"', 'TilType="Plan"'), encoding="utf-8")
    code, out = run("validate", str(changed))
    assert code == 2
    assert "[Tiltak K20]" in out
    assert "Feil (1):" in out
    assert out.startswith("Kontrollerte 1 fil")


@pytest.mark.skipif(not KOSTRA_WARN.exists(), reason="SSB 15F test files missing")
def test_15f_with_warnings_exits_1():
    code, out = run("validate", str(KOSTRA_WARN), "--format", "15f", "--year", "2020", "--json")
    data = json.loads(out)
    assert code == 1
    assert data["counts"]["WARNING"] > 0
    assert data["counts"]["ERROR"] == data["counts"]["FATAL"] == 0


def test_unknown_format_is_a_usage_error():
    with pytest.raises(CommandError):
        call_command("validate", str(EXAMPLE), "--format", "xml", stdout=StringIO())


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_rules_command(fmt):
    code, out = run("rules", "--format", fmt)
    assert code == 0
    assert "Tiltak K9" in out
    assert "Generell K2" in out
    if fmt == "json":
        assert {"id", "severity", "format", "meaning", "source"} == set(json.loads(out)[0])


def test_commands_have_one_line_help():
    from barnevern.cases.management.commands import rules, validate

    for module in (rules, validate):
        assert module.Command.help
        assert "\n" not in module.Command.help


def test_jobs_option_gives_the_same_report_and_refuses_zero(monkeypatch):
    assert run("validate", str(EXAMPLE), "--json", "--jobs", "2") == run("validate", str(EXAMPLE), "--json")
    with pytest.raises(CommandError, match="--jobs må være minst 1"):
        run("validate", str(EXAMPLE), "--jobs", "0")
    monkeypatch.setenv("BARNEVERN_JOBS", "ingen")
    with pytest.raises(CommandError, match="BARNEVERN_JOBS må være et heltall"):
        run("validate", str(EXAMPLE))
