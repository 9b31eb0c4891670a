"""``benchmarks/validate_import.py``: the baseline is a plain lxml parse of the same files, with
no project code, and the table gives wall and CPU time against it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "validate_import.py"


def test_the_baseline_parses_the_file_list_without_project_code(tmp_path):
    from barnevern.formats.generator import write_corpus

    corpus = tmp_path / "korpus"
    written = write_corpus(corpus, 12, 3)
    probe = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import validate_import as v; "
        "from pathlib import Path; v.write_file_list(Path(sys.argv[2])); "
        "r = v.step_parse(v.file_list_path(Path(sys.argv[2]))); "
        "r['project_modules'] = sorted(m for m in sys.modules if m.startswith('barnevern')); print(json.dumps(r))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(ROOT / "benchmarks"), str(corpus)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["files"] == written
    assert result["project_modules"] == []
    assert result["cpu_seconds"] > 0


@pytest.mark.slow
def test_the_table_gives_wall_and_cpu_time_against_the_baseline(tmp_path):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--saker", "40", "--workdir", str(tmp_path), "--no-small",
         "--repeat", "1", "--jobs", "1", "--no-reimport", "--no-postgres"],
        capture_output=True, text=True, check=False, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "grunnlinje: lxml.etree.parse(sti) i én prosess over de samme filene" in out
    header = next(line for line in out.splitlines() if "vegg s" in line)
    assert header.split()[:2] == ["steg", "vegg"]
    assert "CPU s" in header
    rows: dict[str, str] = {}
    for line in out.splitlines()[out.splitlines().index(header) + 1 :]:
        if not line.startswith("  ") or not line.split():
            break
        rows.setdefault(line.split()[0], line)
    assert "lxml.etree.parse" in rows
    for step in ("validate", "import"):
        assert step in rows, out
        assert "≤" in rows[step]
        assert rows[step].count("ja") + rows[step].count("NEI") == 2, rows[step]
