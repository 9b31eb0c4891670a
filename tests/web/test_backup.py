"""backup → wipe → restore, verified by counts and checksums (SQLite and PostgreSQL)."""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from barnevern.audit.models import AuditEntry
from barnevern.audit.services import verify_chain
from barnevern.cases import models as m


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_round_trip(org, personas, sak, tmp_path):
    path = tmp_path / "b.zip"
    out = io.StringIO()
    call_command("backup", out=path, stdout=out)
    saker, audits = m.Sak.objects.count(), AuditEntry.objects.count()
    call_command("flush", interactive=False, verbosity=0)  # wipe
    assert m.Sak.objects.count() == 0
    out = io.StringIO()
    call_command("restore", str(path), yes=True, stdout=out)
    assert m.Sak.objects.count() == saker
    assert AuditEntry.objects.count() == audits
    assert m.Sak.objects.get(pk=sak.pk).journalnummer == sak.journalnummer
    assert verify_chain().ok
    assert "kontrollert" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_tampered_backup_and_keeps_data(org, sak, tmp_path):
    path = tmp_path / "b.zip"
    call_command("backup", out=path, stdout=io.StringIO())
    with zipfile.ZipFile(path) as zf:
        data, manifest = zf.read("data.json"), zf.read("manifest.json")
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("data.json", data.replace(b"Testesen", b"Endresen"))
        zf.writestr("manifest.json", manifest)
    with pytest.raises(CommandError, match="sjekksummen"):
        call_command("restore", str(bad), yes=True)
    assert m.Sak.objects.filter(etternavn="Testesen").exists()


def test_restore_requires_confirmation(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "x.zip"))
