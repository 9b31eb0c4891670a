"""Load SSB's XSDs (from the package, never the network) and validate documents against them.

Schema keys:

* ``bvr-v4`` — ``Barnevern_v4.xsd`` (schema 4.0.1, reporting year 2026 onwards),
* ``bvr-v3`` — ``Barnevern_v3.xsd`` (3.0.5, reporting year 2025),
* ``bvr-v1`` — ``Barnevern_v1.xsd`` (2.2.3, reporting years 2022–2024),
* ``15f`` — ``KostraBarnevern.xsd`` (KOSTRA skjema 15F, includes ``Avgiver.xsd`` and
  ``Individ.xsd``), plus ``15f-avgiver`` and ``15f-individ`` for validating one ``Avgiver`` or
  one ``Individ`` element on its own (KOSTRA-KP validates per Individ).

libxml2 reports every XSD error (KOSTRA-KP stops at the first). Messages are translated to
short Norwegian for the common cases; the original English text is kept in ``original``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from barnevern.formats.xmlsafe import make_parser

XSD_DIR = Path(__file__).resolve().parent / "xsd"

SCHEMA_FILES: dict[str, str] = {
    "bvr-v1": "bvr/Barnevern_v1.xsd",
    "bvr-v3": "bvr/Barnevern_v3.xsd",
    "bvr-v4": "bvr/Barnevern_v4.xsd",
    "15f": "kostra-15f/KostraBarnevern.xsd",
    "15f-avgiver": "kostra-15f/Avgiver.xsd",
    "15f-individ": "kostra-15f/Individ.xsd",
}
BVR_SCHEMAS = ("bvr-v4", "bvr-v3", "bvr-v1")


class UnknownSchema(KeyError):
    """An unknown schema key."""


@dataclass(frozen=True, slots=True)
class XsdError:
    """One XSD validation error: Norwegian ``message``, libxml2's text in ``original``."""

    line: int | None
    column: int | None
    message: str
    original: str = ""

    def __str__(self) -> str:
        return f"linje {self.line}: {self.message}" if self.line else self.message


class _PackageResolver(etree.Resolver):
    """Resolve ``xs:include``/``xs:import`` only to files inside the package's XSD folder."""

    def resolve(self, system_url, public_id, context):  # type: ignore[no-untyped-def]
        name = str(system_url or "")
        if name.startswith("file:"):
            name = name[5:].lstrip("/")
            name = "/" + name
        candidate = Path(name)
        if not candidate.is_absolute():
            candidate = XSD_DIR / "kostra-15f" / candidate
        try:
            resolved = candidate.resolve()
            resolved.relative_to(XSD_DIR)
        except (OSError, ValueError):
            raise OSError(f"XSD-referansen {system_url!r} peker utenfor pakken.") from None
        return self.resolve_filename(str(resolved), context)


@cache
def load_schema(schema_key: str) -> etree.XMLSchema:
    """The compiled schema for ``schema_key`` (cached for the life of the process)."""
    try:
        relative = SCHEMA_FILES[schema_key]
    except KeyError:
        known = ", ".join(SCHEMA_FILES)
        raise UnknownSchema(f"Ukjent skjema «{schema_key}». Kjente skjemaer: {known}.") from None
    parser = make_parser(remove_comments=False)
    parser.resolvers.add(_PackageResolver())
    path = XSD_DIR / relative
    document = etree.parse(str(path), parser=parser)
    return etree.XMLSchema(document)


# --- the quick check for valid documents ------------------------------------------------------
#
# libxml2 spends about a third of a BVR document's validation on the schemas' eleven
# ``xs:unique`` constraints (unique Id per element kind in a Sak): it tracks every constraint
# for every element. Valid documents are the common case, so they are checked against the same
# schema without its identity constraints, and the uniqueness in Python, conservatively (any
# possible duplicate, or a missing key attribute, counts as "maybe not unique"). Only a
# document that passes both is valid without further ado; every other document is validated
# against the full schema as before, so the errors (and the verdict) are exactly the full
# schema's. Used for the BVR schemas, whose constraints all have the simple form handled here.


@dataclass(frozen=True, slots=True)
class _Unique:
    """``xs:unique`` declared on elements named ``scope``: the children ``tag`` (selector
    ``tag``) must differ in the attributes ``fields`` (fields ``@name``)."""

    scope: str
    tag: str
    fields: tuple[str, ...]


_NAME = re.compile(r"[A-Za-z_][\w.-]*")
_XML_SPACE = re.compile(r"[ \t\r\n]")
_XS = "{http://www.w3.org/2001/XMLSchema}"


@cache
def _quick_schema(schema_key: str) -> tuple[etree.XMLSchema, dict[str, dict[str, tuple[str, ...]]]] | None:
    """The schema without its ``xs:unique`` constraints, and the constraints as
    ``{scope: {tag: fields}}``; None when the schema has none or any other form
    (``xs:key``/``xs:keyref``, a namespace, includes, selectors or fields that are not a plain
    child name or attribute)."""
    if schema_key not in BVR_SCHEMAS:
        return None
    parser = make_parser(remove_comments=False)
    document = etree.parse(str(XSD_DIR / SCHEMA_FILES[schema_key]), parser=parser)
    root = document.getroot()
    if root.get("targetNamespace") or next(
        root.iter(f"{_XS}include", f"{_XS}import", f"{_XS}redefine"), None
    ):
        return None
    if next(root.iter(f"{_XS}key", f"{_XS}keyref"), None) is not None:
        return None
    constraints: dict[str, dict[str, tuple[str, ...]]] = {}
    for unique in list(root.iter(f"{_XS}unique")):
        declaration = unique.getparent()
        selector = unique.find(f"{_XS}selector")
        fields = [field.get("xpath") or "" for field in unique.findall(f"{_XS}field")]
        scope = declaration.get("name") if declaration is not None else None
        tag = selector.get("xpath") if selector is not None else None
        if (
            declaration is None
            or declaration.tag != f"{_XS}element"
            or not scope
            or not tag
            or not _NAME.fullmatch(tag)
            or not fields
            or not all(f.startswith("@") and _NAME.fullmatch(f[1:]) for f in fields)
            or tag in constraints.get(scope, {})
        ):
            return None
        constraints.setdefault(scope, {})[tag] = tuple(f[1:] for f in fields)
        declaration.remove(unique)
    if not constraints:
        return None
    return etree.XMLSchema(document), constraints


def _maybe_not_unique(
    tree: etree._ElementTree | etree._Element, constraints: dict[str, dict[str, tuple[str, ...]]]
) -> bool:
    """False only when no constraint can be broken: within each scope element, no two
    selected children share their key and none lacks a key attribute. Keys are compared as
    written; when any key holds XML whitespace (which the schema's string types may replace or
    collapse) the answer is True, so that nothing the schema would equate is missed."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    for scope, selected in constraints.items():
        for element in root.iter(scope):
            keys = []
            parts: list[str] = []
            for child in element:
                fields = selected.get(child.tag)  # type: ignore[arg-type]
                if fields is None:
                    continue
                key = (child.tag, *map(child.get, fields))
                if None in key:
                    return True
                keys.append(key)
                parts += key  # type: ignore[arg-type]
            if len(set(keys)) != len(keys) or _XML_SPACE.search("".join(parts)):
                return True
    return False


def _quickly_valid(tree: etree._ElementTree | etree._Element, schema_key: str) -> bool:
    """True: ``tree`` is valid against ``schema_key`` (False: not known; ask the full schema)."""
    quick = _quick_schema(schema_key)
    if quick is None:
        return False
    schema, constraints = quick
    return bool(schema.validate(tree)) and not _maybe_not_unique(tree, constraints)


def validate_xsd(tree: etree._ElementTree | etree._Element, schema_key: str) -> list[XsdError]:
    """All XSD errors of ``tree`` against ``schema_key``; an empty list when valid."""
    if _quickly_valid(tree, schema_key):
        return []
    schema = load_schema(schema_key)
    if schema.validate(tree):
        return []
    return [
        XsdError(
            line=entry.line or None,
            column=entry.column or None,
            message=translate(entry.message),
            original=entry.message,
        )
        for entry in schema.error_log
    ]


def is_valid(tree: etree._ElementTree | etree._Element, schema_key: str) -> bool:
    return _quickly_valid(tree, schema_key) or bool(load_schema(schema_key).validate(tree))


# --- translation of libxml2's messages -------------------------------------------------------

_WHERE = r"Element '(?P<el>[^']+)'(?:, attribute '(?P<attr>[^']+)')?: "
_TYPES = {
    "xs:date": "en dato (ÅÅÅÅ-MM-DD)",
    "xs:dateTime": "et tidspunkt (ÅÅÅÅ-MM-DDTtt:mm:ss+hh:mm)",
    "xs:boolean": "true eller false",
    "xs:gYear": "et årstall (ÅÅÅÅ)",
    "xs:integer": "et heltall",
    "DatoUttrekk": "tidspunkt med sekunder og tidssone, f.eks. 2026-06-30T02:00:00+02:00",
}


def _subject(match: re.Match[str]) -> str:
    element, attribute = match.group("el"), match.group("attr")
    if attribute:
        return f"Attributtet «{attribute}» på elementet «{element}»"
    return f"Elementet «{element}»"


def _expected(text: str) -> str:
    return ", ".join(f"«{part.strip()}»" for part in text.strip(" ()").split(","))


def _not_expected(m: re.Match[str]) -> str:
    return f"Elementet «{m['el']}» er ikke tillatt her (feil rekkefølge eller ukjent element)."


def _not_expected_but(m: re.Match[str]) -> str:
    return f"{_not_expected(m)[:-1]}; forventet {_expected(m['exp'])}."


def _missing_child(m: re.Match[str]) -> str:
    return f"Elementet «{m['el']}» mangler underelement: {_expected(m['exp'])}."


def _required_attr(m: re.Match[str]) -> str:
    return f"Elementet «{m['el']}» mangler det påkrevde attributtet «{m['name']}»."


def _attr_not_allowed(m: re.Match[str]) -> str:
    return f"Attributtet «{m['name']}» er ikke tillatt på elementet «{m['el']}»."


def _enumeration(m: re.Match[str]) -> str:
    return f"{_subject(m)}: verdien «{m['value']}» er ikke en gyldig kode."


_UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5]"


def _pattern(m: re.Match[str]) -> str:
    if m["pattern"].startswith(_UUID_PATTERN):
        return f"{_subject(m)}: verdien «{m['value']}» er ikke en gyldig UUID (versjon 1–5)."
    return f"{_subject(m)}: verdien «{m['value']}» har feil format (mønster {m['pattern']})."


def _length(m: re.Match[str]) -> str:
    limit = m["limit"]
    rule = {"maxLength": "høyst ", "minLength": "minst "}.get(m["facet"], "nøyaktig ") + limit
    return f"{_subject(m)}: verdien «{m['value']}» har {m['len']} tegn; tillatt er {rule}."


def _atomic(m: re.Match[str]) -> str:
    kind = m["type"] or ("xs:dateTime" if m["attr"] == "DatoUttrekk" else None)
    if kind is None:
        return f"{_subject(m)}: verdien «{m['value']}» er ikke gyldig."
    if kind == "xs:dateTime" and m["attr"] == "DatoUttrekk":
        kind = "DatoUttrekk"
    wanted = _TYPES.get(kind, f"en verdi av typen {kind}")
    return f"{_subject(m)}: verdien «{m['value']}» er ikke gyldig; forventet {wanted}."


def _duplicate(m: re.Match[str]) -> str:
    key = m["key"].strip().strip("'")
    return (
        f"Id «{key}» er brukt på flere «{m['el']}»-elementer i samme sak (entydighetskrav {m['constraint']})."
    )


def _no_text(m: re.Match[str]) -> str:
    return f"Elementet «{m['el']}» kan ikke inneholde tekst, bare underelementer."


def _unknown_root(m: re.Match[str]) -> str:
    return f"Rotelementet «{m['el']}» er ikke kjent i skjemaet; filen har feil format."


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern), fn)
    for pattern, fn in (
        (
            _WHERE + r"This element is not expected\. Expected is (?:one of )?(?P<exp>\(.*\))\.",
            _not_expected_but,
        ),
        (_WHERE + r"This element is not expected\.", _not_expected),
        (
            _WHERE + r"Missing child element\(s\)\. Expected is (?:one of )?(?P<exp>\(.*\))\.",
            _missing_child,
        ),
        (_WHERE + r"The attribute '(?P<name>[^']+)' is required but missing\.", _required_attr),
        (_WHERE + r"The attribute '(?P<name>[^']+)' is not allowed\.", _attr_not_allowed),
        (
            _WHERE + r"\[facet 'enumeration'\] The value '(?P<value>[^']*)' is not an element",
            _enumeration,
        ),
        (
            _WHERE + r"\[facet 'pattern'\] The value '(?P<value>[^']*)' is not accepted by the "
            r"pattern '(?P<pattern>[^']*)'",
            _pattern,
        ),
        (
            _WHERE + r"\[facet '(?P<facet>maxLength|minLength|length)'\] The value '(?P<value>[^']*)' "
            r"has a length of '(?P<len>\d+)'; this [^']*'(?P<limit>\d+)'",
            _length,
        ),
        (
            _WHERE + r"'(?P<value>[^']*)' is not a valid value of the (?:local )?atomic type"
            r"(?: '(?P<type>[^']*)')?",
            _atomic,
        ),
        (
            _WHERE + r"Duplicate key-sequence \[(?P<key>[^\]]*)\] in unique identity-constraint "
            r"'(?P<constraint>[^']*)'",
            _duplicate,
        ),
        (_WHERE + r"Character content other than whitespace is not allowed", _no_text),
        (
            _WHERE + r"No matching global declaration available for the validation root",
            _unknown_root,
        ),
    )
)


def translate(message: str) -> str:
    """Short Norwegian text for a libxml2 schema message (the original when unknown)."""
    for pattern, fn in _RULES:
        match = pattern.search(message)
        if match:
            return fn(match)
    return message
