"""mypy over ``src/barnevern`` with the settings in pyproject.toml ([tool.mypy]).

The pure core (``records``, ``display``, ``rules``, ``formats``, ``control``) is checked with
the strict options and must have no error. The rest is a ratchet: its error count may not
rise above ``RECORDED``; when you fix some, lower ``RECORDED`` to the new count, never raise
it (new code is typed: fix its errors instead). Marked slow (about a minute with a warm cache): CI runs it, and
``scripts/test tests/test_typing.py`` runs it alone.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = re.compile(r"^src/barnevern/(records\.py|display\.py|rules/|formats/|control/)")
RECORDED = 378  # errors outside the core on 3 December 2026 (290 before casework and fosterhjem, 409 with them, 378 after casework was typed); only lower it


@pytest.mark.slow
def test_mypy_core_is_clean_and_the_rest_does_not_get_worse():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(ROOT / ".mypy_cache")],
        cwd=ROOT,
        env={**os.environ, "BARNEVERN_ENV": "test"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output = result.stdout + result.stderr
    errors = [line for line in output.splitlines() if ": error:" in line]
    summary = re.search(r"(Found (\d+) errors?|Success: no issues found)", output)
    assert summary, output[-3000:]  # mypy ran to the end
    assert [e for e in errors if CORE.match(e)] == []
    assert len(errors) <= RECORDED, "\n".join(errors[-40:])
