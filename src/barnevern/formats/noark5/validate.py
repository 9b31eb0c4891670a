"""Validate extract files against Arkivverket's Noark 5 v5.0 schemas (from the package)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

XSD_DIR = Path(__file__).resolve().parent / "xsd"
SCHEMAS = {
    "arkivstruktur.xml": "arkivstruktur.xsd",
    "endringslogg.xml": "endringslogg.xsd",
    "loependeJournal.xml": "loependeJournal.xsd",
    "offentligJournal.xml": "offentligJournal.xsd",
}


@cache
def schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(XSD_DIR / name), parser))


def validate_bytes(filename: str, data: bytes) -> list[str]:
    """Error messages (empty when valid) for one extract file, named by line."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    doc = etree.fromstring(data, parser).getroottree()
    xsd = schema(SCHEMAS[filename])
    if xsd.validate(doc):
        return []
    return [f"{filename} linje {e.line}: {e.message}" for e in xsd.error_log]


def validate_dir(path: Path) -> list[str]:
    errors: list[str] = []
    for filename in SCHEMAS:
        errors += validate_bytes(filename, (path / filename).read_bytes())
    return errors
