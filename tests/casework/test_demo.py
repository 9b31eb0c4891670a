"""The demo's casework, and its Noark 5 extract: valid against the XSDs, every checksum right."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from barnevern.casework import models as m
from tests.casework.test_archive import check_extract

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo_loaded(db):
    from barnevern.demo import cases, organisation, users
    from barnevern.demo import casework as demo_casework

    organisation.load(TODAY)
    users.load(TODAY)
    cases.load(TODAY)
    demo_casework.load(TODAY)


def test_demo_casework_and_its_archive_extract(demo_loaded, tmp_path, capsys):
    for slug in ("nord-osterdal", "oppdal-rennebu"):
        parties = m.Part.objects.filter(sak__tjeneste__slug=slug)
        assert parties.filter(rolle="mor").count() >= 6
        assert (
            m.Journalnotat.objects.filter(sak__tjeneste__slug=slug, type="samtale_barn")
            .exclude(barnets_synspunkter="")
            .exists()
        )
        sent = m.Dokument.objects.filter(sak__tjeneste__slug=slug, status="ferdig", retning="U")
        assert sent.filter(brevtype="kvittering_melder").count() >= 2
        assert m.Dokument.objects.filter(sak__tjeneste__slug=slug, status="til_godkjenning").exists()
    out = tmp_path / "uttrekk"
    call_command("archive", "export", "--service", "nord-osterdal", "--out", str(out))
    assert "gyldige mot Noark 5" in capsys.readouterr().out
    errors, mismatches, objects = check_extract(out)
    assert errors == []
    assert mismatches == []
    assert len(objects) >= 20
    assert (out / "DOKUMENT").is_dir()
