"""``barnevern kostra import|compare|groups``."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.kostra.builder import dumps
from tests.kostra.conftest import t12275


def run(*args) -> str:
    out = StringIO()
    call_command("kostra", *args, stdout=out)
    return out.getvalue()


def test_import_then_compare_json(grouped, tmp_path):
    path = tmp_path / "12275.json"
    path.write_bytes(dumps(t12275()))
    assert "12275.json: tabell 12275 (oppdatert 2023-06-15), 48 celler — 48 nye" in run("import", str(path))
    assert "48 uendret" in run("import", str(path))
    data = json.loads(run("compare", "--service", "oppdal-rennebu", "--year", "2022", "--json"))
    assert data["year"] == 2022
    assert data["indicators"]["barn_med_tiltak_per_1000"]["service"] == 55.3
    assert data["indicators"]["andel_plassert"]["municipalities"] == {"5021": 27.0, "5022": 25.0}
    text = run("compare", "--service", "oppdal-rennebu", "--year", "2022", "--years", "2")
    assert "Barn med barnevernstiltak per 1 000 barn 0–17 år" in text
    assert "Hele tjenesten" in text
    assert "Kilde: SSB tabell 12275, oppdatert 15.06.2023" in text


def test_a_malformed_file_is_an_error_naming_it(db, tmp_path):
    path = tmp_path / "tom.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError, match="tom.json: Ikke et JSON-stat 2.0-datasett.*Ingenting er lagret"):
        run("import", str(path))
    with pytest.raises(CommandError, match="Filen finnes ikke"):
        run("import", str(tmp_path / "mangler.json"))


def test_groups(org):
    out = run("groups", "--service", "oppdal-rennebu", "--set", "5022=EKG05", "--from", "2020-01-01")
    assert "5022  EKG05  EKA50  fra 2020-01-01" in out
    assert "5021  –      EKA50  fra ikke satt" in out
    with pytest.raises(CommandError, match="3427 er ikke medlem"):
        run("groups", "--service", "oppdal-rennebu", "--set", "3427=EKG02", "--from", "2020-01-01")
