"""Tell BVR from KOSTRA 15F, and choose the BVR schema version of a document.

Both formats have the root element ``<Barnevern>`` without a namespace
(reference ``ssb-barnevern.md`` §0):

* **BVR** ("Sak" format): root attributes ``Id``/``DatoUttrekk``, children ``Fagsystem``,
  ``Avgiver`` and ``Sak``;
* **15F** ("Individ" format): children ``Avgiver`` (with ``@Versjon`` = reporting year) and one
  or more ``Individ``.

A BVR instance does not say which schema version it follows, so the version is chosen from
the year of ``DatoUttrekk`` (see ``select_bvr_schema``).
"""

from __future__ import annotations

from lxml import etree

from barnevern.formats.xsd import BVR_SCHEMAS, XsdError, is_valid, validate_xsd

_BVR_CHILDREN = frozenset({"Fagsystem", "Sak"})


def _root(tree: etree._ElementTree | etree._Element) -> etree._Element:
    return tree.getroot() if isinstance(tree, etree._ElementTree) else tree


def detect_format(tree: etree._ElementTree | etree._Element) -> str | None:
    """``"bvr"``, ``"15f"`` or ``None`` (not a barnevern document)."""
    root = _root(tree)
    if root.tag != "Barnevern":
        return None
    children = {child.tag for child in root if isinstance(child.tag, str)}
    if "Individ" in children:
        return "15f"
    if root.get("Id") is not None or root.get("DatoUttrekk") is not None:
        return "bvr"
    if children & _BVR_CHILDREN:
        return "bvr"
    avgiver = root.find("Avgiver")
    if avgiver is not None and avgiver.get("Versjon") is not None:
        return "15f"
    return None


def extract_year(tree: etree._ElementTree | etree._Element) -> int | None:
    """The year of ``DatoUttrekk`` (``None`` when missing or not starting with a year)."""
    text = (_root(tree).get("DatoUttrekk") or "").strip()
    if len(text) >= 4 and text[:4].isdigit():
        return int(text[:4])
    return None


def schema_for_year(year: int | None) -> str:
    """The BVR schema that applies to a reporting year: ≥2026 v4, 2025 v3, ≤2024 v1.

    An unknown year gives the current schema, v4.
    """
    if year is None or year >= 2026:
        return "bvr-v4"
    if year == 2025:
        return "bvr-v3"
    return "bvr-v1"


def preferred_bvr_schema(tree: etree._ElementTree | etree._Element) -> str:
    """The schema implied by the year of ``DatoUttrekk``, without validating."""
    return schema_for_year(extract_year(tree))


def select_bvr_schema(
    tree: etree._ElementTree | etree._Element, override: str | None = None
) -> tuple[str, list[XsdError]]:
    """Choose the schema and return it with the document's errors against it.

    Strategy, in order:

    1. ``override`` (a key in ``BVR_SCHEMAS``, from configuration or the command line) is used
       as given, with no fallback: the user asked for that version.
    2. Otherwise the year of ``DatoUttrekk`` picks the preferred schema: 2026 or later → v4,
       2025 → v3, 2024 or earlier → v1; a missing or unreadable year → v4.
    3. If the document is valid against the preferred schema, that schema is chosen.
    4. Otherwise the other schemas are tried in the order v4, v3, v1 (skipping the preferred
       one) and the first one the document is valid against is chosen. This accepts e.g. a
       2026 extract from a system that still writes the 2.2.x ``Oppfolging`` structure.
    5. If none accepts the document, the preferred schema is chosen and its errors returned,
       so the user sees the errors against the version the date implies.

    The returned error list is empty exactly when the document is valid against the choice.
    """
    if override is not None:
        if override not in BVR_SCHEMAS:
            known = ", ".join(BVR_SCHEMAS)
            raise ValueError(f"Ukjent BVR-skjemaversjon «{override}». Bruk en av: {known}.")
        return override, validate_xsd(tree, override)
    preferred = preferred_bvr_schema(tree)
    errors = validate_xsd(tree, preferred)
    if not errors:
        return preferred, []
    for key in BVR_SCHEMAS:
        if key != preferred and is_valid(tree, key):
            return key, []
    return preferred, errors
