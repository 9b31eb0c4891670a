from __future__ import annotations

import pytest

from barnevern.formats.filetype import sniff


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\0\0", "image/png"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", "image/jpeg"),
        (b"II*\x00\x08\0\0\0", "image/tiff"),
        (b"MM\x00*\0\0\0\x08", "image/tiff"),
        (b"PK\x03\x04 zip named .pdf", None),
        (b"<html><body>", None),
        (b"", None),
    ],
)
def test_sniff_by_content(head, expected) -> None:
    assert sniff(head) == expected
