"""``benchmarks/run`` end to end at a tiny size: every step runs and lands in ONE table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="runs with --sqlite whatever DATABASE_URL says: once, in the SQLite phase of CI",
)
def test_run_prints_one_table_with_every_benchmark(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["BARNEVERN_BENCH_DIR"] = str(tmp_path)
    command = [sys.executable, str(ROOT / "benchmarks" / "run"), "--sizes", "200", "--sqlite"]
    command += ["--seconds", "2", "--users", "2", "--repeat", "1"]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=600, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]

    rows = json.loads((tmp_path / "last-run.json").read_text())
    by_name = {r["name"]: r for r in rows}
    for name in (
        "Validering (validate)",
        "Import SQLite",
        "Statistikk, alle kommuner, ett år",
        "Fristliste, hele tjenesten",
        "Årsrapport HTML, én kommune",
        "Årsrapport PDF, én kommune",
        "Web: Fristliste (egen), 2 brukere",
        "Web: Saksliste, 2 brukere",
        "Web: Saksside, 2 brukere",
        "Web: Statistikkside, 2 brukere",
    ):
        assert name in by_name, name
        row = by_name[name]
        assert row["size"] == 200
        assert row["value"] is not None, row
        assert row["value"] > 0, row
        assert row["baseline"] is not None, row
        assert row["baseline"] > 0, row
    for name, row in by_name.items():
        # Every page answered 200 to the logged-in users. (Not asserted for the capacity phase,
        # where SQLite may refuse a concurrent write with "database is locked".)
        if name.startswith("Web:") and "kapasitet" not in name:
            assert row["errors"] == 0, row
    assert any(name.startswith("Web: kapasitet") for name in by_name)
    assert by_name["Import PostgreSQL"]["available"] is False  # --sqlite

    table = done.stdout
    header = table.splitlines()[0]
    assert header.split()[:4] == ["Måling", "Saker", "Database", "Målt"]
    assert "Grunnlinje" in header
    assert "Forhold" in header
    assert "Mål" in header
    assert "Fristliste, hele tjenesten" in table
    assert "COUNT(*)" in table
    assert "tom visning" in table
