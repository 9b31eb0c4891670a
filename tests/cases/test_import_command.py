"""``barnevern import``: summary, exit codes, JSON, service choice, hostile files."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from barnevern.audit.models import AuditEntry
from barnevern.cases import models as m

from .bvr_files import XXE, error_delivery, good_deliveries, write


def run(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("import", *args, stdout=out)
    except SystemExit as exc:
        return int(exc.code), out.getvalue()
    return 0, out.getvalue()


def test_import_prints_a_summary_and_exits_0(org, tmp_path):
    for d in good_deliveries(2):
        write(tmp_path, d)
    code, out = run(str(tmp_path))
    assert code == 0
    assert "Importerte 2 av 2 filer." in out
    assert "Saker: 2 nye, 0 erstattet, 0 uendret." in out
    assert "\r" not in out  # no progress bar when stdout is not a terminal
    code, out = run(str(tmp_path), "--service", "nord-osterdal")
    assert code == 0
    assert "0 nye, 0 erstattet, 2 uendret" in out
    assert AuditEntry.objects.filter(action="import", source="cli import").count() == 4


def test_rejected_files_are_named_with_their_findings_and_exit_2(org, tmp_path):
    write(tmp_path, good_deliveries(1)[0], "god.xml")
    write(tmp_path, error_delivery(), "feil.xml")
    (tmp_path / "xxe.xml").write_bytes(XXE)
    code, out = run(str(tmp_path))
    assert code == 2
    assert "Importerte 1 av 3 filer (2 avvist)." in out
    assert "feil.xml: Filen har feil mot SSBs kontrollregler" in out
    assert "xxe.xml: Filen er ikke trygg" in out
    assert "DOCTYPE" in out
    assert "XXE" in out
    assert m.Sak.objects.count() == 1


def test_allow_errors_and_json(org, tmp_path):
    write(tmp_path, error_delivery(), "feil.xml")
    code, out = run(str(tmp_path), "--allow-errors", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["saker"]["created"] == 1
    assert data["errors_allowed"] >= 1
    assert data["rejected"] == []


def test_a_missing_path_is_reported_and_the_other_files_still_import(org, tmp_path):
    write(tmp_path, good_deliveries(1)[0])
    code, out = run(str(tmp_path / "finnes-ikke.xml"), str(tmp_path))
    assert code == 2
    assert "finnes-ikke.xml" in out
    assert "Finner ikke filen" in out
    assert m.Sak.objects.count() == 1


def test_unknown_service_and_non_leader_user_are_clear_errors(org, personas, tmp_path):
    write(tmp_path, good_deliveries(1)[0])
    with pytest.raises(CommandError, match="Fant ingen tjeneste «tull»"):
        call_command("import", str(tmp_path), "--service", "tull", stdout=StringIO())
    with pytest.raises(CommandError, match="bare ledere kan importere"):
        call_command("import", str(tmp_path), "--user", "sb", stdout=StringIO())
    code, _ = run(str(tmp_path), "--user", "leder")
    assert code == 0
    assert AuditEntry.objects.filter(action="import", username="leder").count() == 1


def test_progress_bar_on_a_terminal(org, tmp_path):
    write(tmp_path, good_deliveries(1)[0])

    class Tty(StringIO):
        def isatty(self) -> bool:
            return True

    out = Tty()
    call_command("import", str(tmp_path), stdout=out)
    text = out.getvalue()
    assert "\r[" in text
    assert "100%" in text
    assert "1/1 filer" in text
    assert "Importerte 1 av 1 filer." in text


def test_jobs_option(org, tmp_path):
    for d in good_deliveries(2):
        write(tmp_path, d)
    code, out = run(str(tmp_path), "--jobs", "2")
    assert code == 0
    assert "Saker: 2 nye" in out
    with pytest.raises(CommandError, match="--jobs må være minst 1"):
        run(str(tmp_path), "--jobs", "0")
