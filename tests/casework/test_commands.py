"""The journal and innsyn commands (archive export is tested with the demo)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from barnevern.audit.models import AuditEntry
from barnevern.casework import services as s

TODAY = date(2026, 11, 23)


@pytest.fixture
def worked(sak, personas):
    s.add_party(sak, rolle="mor", navn="Mona Testesen", foreldreansvar=True, today=TODAY)
    e = s.add_journal_entry(
        sak,
        type="samtale_barn",
        dato=date(2026, 11, 5),
        tittel="Samtale",
        tekst="Samtale på skolen.",
        barnets_synspunkter="Vil bo hjemme.",
        today=TODAY,
    )
    s.correct_journal_entry(e, grunn="Skrivefeil", tekst="Samtale på skolen, alene.", today=TODAY)
    s.add_journal_entry(
        sak, type="internt_notat", dato=date(2026, 11, 6), tittel="Drøfting", tekst="Intern.", today=TODAY
    )
    return sak


def test_journal_json(worked, capsys):
    call_command("journal", "--case", worked.journalnummer, "--service", "nord-osterdal", "--json")
    rows = json.loads(capsys.readouterr().out)
    samtale = next(r for r in rows if r["type"] == "samtale_barn")
    assert samtale["versjon"] == 2
    assert samtale["barnets_synspunkter"] == "Vil bo hjemme."
    call_command(
        "journal", "--case", worked.journalnummer, "--service", "nord-osterdal", "--history", "--json"
    )
    assert len(json.loads(capsys.readouterr().out)) == len(rows) + 1
    assert AuditEntry.objects.filter(sak_id=worked.pk, source="cli journal", action="view").count() == 2


def test_journal_refuses_user_without_access(worked):
    with pytest.raises(CommandError, match="ikke tilgang"):
        call_command("journal", "--case", worked.journalnummer, "--service", "nord-osterdal", "--user", "sb2")
    with pytest.raises(CommandError, match="ikke tilgang til saker"):
        call_command(
            "journal", "--case", worked.journalnummer, "--service", "nord-osterdal", "--user", "okonomi"
        )
    with pytest.raises(CommandError, match="Fant ingen sak"):
        call_command("journal", "--case", "1999-9999", "--service", "nord-osterdal")


def test_innsyn_command_writes_pdf_and_logs(worked, tmp_path, capsys):
    out = tmp_path / "innsyn.pdf"
    call_command(
        "innsyn",
        "--case",
        worked.journalnummer,
        "--service",
        "nord-osterdal",
        "--party",
        "mor",
        "--out",
        str(out),
        "--user",
        "sb",
    )
    assert out.read_bytes().startswith(b"%PDF-")
    text = capsys.readouterr().out
    assert "1 unntatt" in text
    assert "§ 18 c" in text
    assert AuditEntry.objects.filter(sak_id=worked.pk, action="export", source="cli innsyn").exists()
    with pytest.raises(CommandError, match="ingen part"):
        call_command(
            "innsyn",
            "--case",
            worked.journalnummer,
            "--service",
            "nord-osterdal",
            "--party",
            "far",
            "--out",
            str(out),
        )
