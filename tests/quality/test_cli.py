"""``barnevern deadlines``: from files without a database, and from the database."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from barnevern import records as r
from barnevern.formats.bvr_writer import write_bvr
from tests.paths import ssb
from tests.quality.builders import DUE_TODAY, OVERDUE, UPCOMING, melding_case, uid

EXAMPLE = str(ssb("examples", "constructed", "bvr_v4_sak_example.xml"))
KEYS = {"sak_id", "rule", "paragraph", "due", "status", "days"}


def _write(path, rec, extracted=datetime(2026, 11, 22, 12, 0, tzinfo=UTC)):
    delivery = r.Delivery(
        avgiver=r.Avgiver("958935420", "3428", "Alvdal"),
        sak=rec,
        id=uid(f"delivery-{rec.journalnummer}-{extracted.isoformat()}"),
        dato_uttrekk=extracted,
    )
    path.write_bytes(write_bvr(delivery))
    return path


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command("deadlines", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.fixture
def bvr_dir(tmp_path):
    folder = tmp_path / "bvr"
    folder.mkdir()
    _write(folder / "a.xml", melding_case("A", OVERDUE))
    _write(folder / "b.xml", melding_case("B", DUE_TODAY))
    _write(folder / "c.xml", melding_case("C", UPCOMING))
    return folder


def test_json_from_files_without_a_database(bvr_dir):
    """No ``db`` fixture: any database access would fail this test."""
    rows = json.loads(_run(bvr_dir, "--date", "2026-11-23", "--json", "--no-feedback"))
    assert all(set(row) >= KEYS for row in rows)
    assert [(row["rule"], row["status"], row["days"], row["due"]) for row in rows] == [
        ("D1", "overdue", 6, "2026-11-17"),
        ("D1", "due", 0, "2026-11-23"),
        ("D1", "upcoming", 4, "2026-11-27"),
    ]
    assert rows[0]["sak_id"] == uid("A")
    assert rows[0]["paragraph"] == "bvl. § 2-1 første ledd"
    assert rows[0]["journalnummer"] == "2026-A"
    assert all("fodselsnummer" not in row for row in rows)


def test_all_includes_met_and_breached(tmp_path):
    _write(tmp_path / "met.xml", melding_case("D", date(2026, 11, 2), concluded=date(2026, 11, 5)))
    _write(tmp_path / "late.xml", melding_case("L", date(2026, 10, 1), concluded=date(2026, 10, 12)))
    rows = json.loads(_run(tmp_path, "--date", "2026-11-23", "--json", "--all", "--no-feedback"))
    assert {(row["journalnummer"], row["status"], row["days"]) for row in rows} == {
        ("2026-D", "met", 0),
        ("2026-L", "breached", 4),  # due 08.10, done 12.10
    }
    assert {row["status"] for row in rows} <= {"overdue", "due", "upcoming", "met", "breached"}


def test_zip_archives_and_the_latest_delivery_wins(tmp_path):
    older = _write(tmp_path / "old.xml", melding_case("A", OVERDUE), datetime(2026, 11, 1, tzinfo=UTC))
    newer = _write(
        tmp_path / "new.xml",
        melding_case("A", OVERDUE, concluded=date(2026, 11, 14)),
        datetime(2026, 11, 20, tzinfo=UTC),
    )
    archive = tmp_path / "levering.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(newer, "new.xml")
        zf.write(older, "old.xml")  # later in the archive but extracted earlier
    rows = json.loads(_run(archive, "--date", "2026-11-23", "--json", "--all", "--no-feedback"))
    assert [(row["rule"], row["status"]) for row in rows] == [("D1", "met")]


def test_ssb_example_file_and_arithmetic_option():
    law = json.loads(_run(EXAMPLE, "--date", "2026-03-01", "--json", "--all"))
    ssb = json.loads(_run(EXAMPLE, "--date", "2026-03-01", "--json", "--all", "--arithmetic", "ssb_days"))
    assert law
    assert {row["rule"] for row in law} >= {"D1", "D2"}
    assert len(law) == len(ssb)


def test_text_output_and_user_filter_on_15f_case_worker(bvr_dir):
    text = _run(bvr_dir, "--date", "2026-11-23", "--no-feedback")
    assert "2026-A" in text
    assert "forfalt" in text
    assert "1 forfalt, 1 forfaller i dag, 1 kommer." in text
    assert json.loads(_run(bvr_dir, "--date", "2026-11-23", "--json", "--user", "KB")) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("/finnes/ikke.xml",), "finnes ikke"),
        (("--date", "23.11.2026", EXAMPLE), "ÅÅÅÅ-MM-DD"),
        ((EXAMPLE, "--days", "-1"), "negativ"),
    ],
)
def test_bad_input_gives_a_norwegian_error(args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)


def test_not_a_barnevern_file(tmp_path):
    bad = tmp_path / "x.xml"
    bad.write_text("<Noe/>", encoding="utf-8")
    with pytest.raises(CommandError, match="x.xml"):
        _run(bad)


def test_from_the_database_with_user_scope(cases, personas):
    rows = json.loads(_run("--service", "nord-osterdal", "--date", "2026-11-23", "--json"))
    assert {row["journalnummer"] for row in rows} == {"2026-A", "2026-B", "2026-C"}
    rows = json.loads(_run("--user", "sb2", "--date", "2026-11-23", "--json"))
    assert {row["journalnummer"] for row in rows} == {"2026-B", "2026-C"}
    assert all(set(row) >= KEYS for row in rows)


def test_database_errors(cases, personas):
    with pytest.raises(CommandError, match="Fant ingen tjeneste"):
        _run("--service", "ukjent")
    with pytest.raises(CommandError, match="ikke tilgang til saker"):
        _run("--user", "okonomi")
    with pytest.raises(CommandError, match="hører ikke til"):
        _run("--user", "sb", "--service", "oppdal-rennebu")
