"""The pure Noark 5 writer: a hand-built extract validates against Arkivverket's XSDs."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

import pytest

from barnevern.formats.noark5 import records as r
from barnevern.formats.noark5 import writer
from barnevern.formats.noark5.validate import validate_bytes, validate_dir

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
TEXT = b"Journalnotat\nSamtale med barnet.\n"


def _extract(changes=(), records=True) -> r.Extract:
    obj = r.DocObject(
        "11111111-1111-4111-8111-111111111111",
        1,
        "TEXT - UTF-8",
        "DOKUMENT/2026-0001/1-v1.txt",
        hashlib.sha256(TEXT).hexdigest(),
        len(TEXT),
        NOW,
        "Per Moen",
        TEXT,
    )
    rec = r.Record(
        "22222222-2222-4222-8222-222222222222",
        "33333333-3333-4333-8333-333333333333",
        2026,
        1,
        1,
        "Organinternt dokument uten oppfølging",
        "Journalnotat",
        "Samtale med barnet: Samtale med Ola",
        "Samtale med barnet",
        date(2026, 11, 20),
        date(2026, 11, 20),
        NOW,
        "Per Moen",
        "Barneverntjenesten",
        "Intern",
        "Per Moen",
        (obj,),
    )
    folder = r.Folder(
        "44444444-4444-4444-8444-444444444444",
        "2026-0001",
        "Barnevernssak – Ola Nordmann",
        "Barnevernssak",
        2026,
        1,
        date(2026, 11, 2),
        NOW,
        "Barnevern",
        NOW,
        "test",
        "Under behandling",
        "Per Moen",
        (r.Party("Mona Nordmann", "Mor"),),
        (rec,) if records else (),
    )
    child = r.ChildClass("55555555-5555-4555-8555-555555555555", "01018012345", "Ola Nordmann", (folder,))
    return r.Extract(
        "66666666-6666-4666-8666-666666666666",
        "77777777-7777-4777-8777-777777777777",
        "88888888-8888-4888-8888-888888888888",
        "999999999",
        "Barneverntjenesten",
        "Uttrekk",
        "Barneverntjenesten",
        date(2026, 1, 1),
        date(2026, 11, 23),
        NOW,
        "test",
        (child,),
        tuple(changes),
    )


def test_every_file_validates(tmp_path) -> None:
    change = r.Change(
        "22222222-2222-4222-8222-222222222222", "dokumentobjekt", NOW, "Per Moen", "gammel", "ny"
    )
    files = writer.write(_extract([change]), tmp_path)
    assert validate_dir(tmp_path) == []
    assert files["DOKUMENT/2026-0001/1-v1.txt"] == hashlib.sha256(TEXT).hexdigest()
    public = (tmp_path / "offentligJournal.xml").read_text(encoding="utf-8")
    assert "Ola" not in public
    assert "01018012345" not in public


def test_empty_change_log_still_valid() -> None:
    assert validate_bytes("endringslogg.xml", writer.endringslogg(_extract())) == []


def test_journal_without_records_refused() -> None:
    with pytest.raises(ValueError, match="ingen journalposter"):
        writer.loepende_journal(_extract(records=False))


def test_non_empty_folder_refused(tmp_path) -> None:
    (tmp_path / "x").write_text("x")
    with pytest.raises(FileExistsError):
        writer.write(_extract(), tmp_path)
