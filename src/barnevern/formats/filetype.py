"""What an uploaded file is, told by its first bytes (never by its name).

Accepted for incoming documents: PDF, PNG, JPEG and TIFF (scanned letters and reports).
Signatures: PDF ``%PDF-`` (ISO 32000-1 § 7.5.2), PNG's eight-byte signature (RFC 2083 § 3.1),
JPEG's SOI marker ``FF D8 FF``, TIFF ``II*\\0`` / ``MM\\0*`` (TIFF 6.0 § 2).
"""

from __future__ import annotations

__all__ = ["ACCEPTED", "EXTENSIONS", "sniff"]

ACCEPTED = ("application/pdf", "image/png", "image/jpeg", "image/tiff")
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "image/tiff": "tif"}


def sniff(head: bytes) -> str | None:
    """The MIME type of a file starting with ``head`` (at least 8 bytes), or None if unknown."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    return None
