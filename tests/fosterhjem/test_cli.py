"""``barnevern fosterhjem --service S [--date D] [--json]``."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def _run(*args: str) -> str:
    out = StringIO()
    call_command("fosterhjem", *args, stdout=out)
    return out.getvalue()


def test_json_shape(no_placement, home, placement):
    data = json.loads(_run("--service", "nord-osterdal", "--date", "2027-03-01", "--json"))
    assert data == {
        "homes": 1,
        "by_status": {"utredes": 1, "opplaering": 0, "godkjent": 0, "i_bruk": 0, "pause": 0, "avsluttet": 0},
        "by_kind": {"familie_nettverk": 1},
        "placements": 1,
        "overdue": {"F1": 1, "F2": 1, "F4": 1},
    }
    other = json.loads(_run("--service", "oppdal-rennebu", "--date", "2022-08-01", "--json"))
    assert other["by_status"]["i_bruk"] == 1
    assert other["placements"] == 1
    assert other["overdue"] == {"F4": 1}  # no follow-up plan for the foster family


def test_text_and_booking(home, placement):
    text = _run("--service", "oppdal-rennebu", "--date", "2022-08-15", "--book-month", "2022-07")
    assert "Bokført 3 nye kostnadsrader for 07.2022" in text
    assert "1 fosterhjem, 1 barn plassert" in text
    assert "F4 plan for oppfølging av fosterfamilien: 1" in text


def test_bad_input_is_a_norwegian_error(org):
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        _run("--service", "nord-osterdal", "--date", "1.1.2026")
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM"):
        _run("--service", "nord-osterdal", "--book-month", "juli")
