"""Structural 15F checks: the file, the number of Avgiver/Individ, and XSD per element.

KOSTRA-KP reads the file as a stream and handles each ``Avgiver`` and ``Individ`` on its own
(``ssb-barnevern.md`` §2.1, processing model): the element is deserialised (unknown attributes
and elements dropped, empty string = null), serialised again in schema order and validated
against ``Avgiver.xsd`` / ``Individ.xsd``. Only the first XSD error per element is reported, and
an Individ that fails is not checked further. :func:`canonical` rebuilds that serialised form,
so a file passes or fails here exactly as it does at SSB.

What KOSTRA-KP drops silently (a misspelt ``Dufnummer``, say) is reported here as INFO
(«Ukjent felt», a Barnevern rule, not SSB's), so the user learns why the value seems missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from barnevern.control.base import Severity
from barnevern.control.kostra15f._base import Context15F, FileSummary, Hit, rule15f
from barnevern.formats.kostra15f import local_name
from barnevern.formats.xmlsafe import XmlFileError
from barnevern.formats.xsd import validate_xsd

__all__ = ["Canonical", "canonical"]

_MAX_LINE = 65535  # libxml2 keeps a node's line in an unsigned short

_KODE = (("Kode",), ("Presisering",))
_DATED_CODE = ("Id", "StartDato", "SluttDato", "Konklusjon")
_LOV = (("Lov", "Kapittel", "Paragraf", "Bokstav", "Ledd", "Punktum"), ())
# element -> (attributes, child elements in xs:sequence order)
_SPEC: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Avgiver": (("Organisasjonsnummer", "Versjon", "Kommunenummer", "Kommunenavn"), ()),
    "Individ": (
        (
            "Id",
            "StartDato",
            "SluttDato",
            "Journalnummer",
            "Fodselsnummer",
            "DUFnummer",
            "Bydelsnummer",
            "Bydelsnavn",
            "Distriktsnummer",
            "Saksbehandler",
            "Avslutta3112",
        ),
        ("Melding", "Plan", "Tiltak", "Flytting"),
    ),
    "Melding": (_DATED_CODE, ("Melder", "Saksinnhold", "Undersokelse")),
    "Undersokelse": (_DATED_CODE, ("Presisering", "Vedtaksgrunnlag")),
    "Plan": (("Id", "StartDato", "SluttDato", "EvaluertDato", "Plantype"), ()),
    "Tiltak": (
        ("Id", "StartDato", "SluttDato"),
        ("Lovhjemmel", "JmfrLovhjemmel", "Kategori", "Tiltaksgrunnlag", "Opphevelse"),
    ),
    "Flytting": (("Id", "SluttDato"), ("ArsakFra", "FlyttingTil")),
    "ArsakFra": (("Kode", "Presisering"), ()),
    "FlyttingTil": (("Kode", "Presisering"), ()),
    "Lovhjemmel": _LOV,
    "JmfrLovhjemmel": _LOV,
    "Presisering": ((), ()),
    **dict.fromkeys(
        ("Melder", "Saksinnhold", "Vedtaksgrunnlag", "Tiltaksgrunnlag", "Kategori", "Opphevelse"),
        _KODE,
    ),
}


@dataclass(frozen=True, slots=True)
class Canonical:
    """An element as KOSTRA-KP re-serialises it, what was dropped, and where each node came from.

    The copy's nodes are numbered 1, 2, 3 ... as their ``sourceline`` (libxml2 stores at most
    65535 there, too few for a large file); :meth:`source_line` maps an XSD error's line back to
    the line in the original file.
    """

    source: etree._Element
    element: etree._Element
    ignored: tuple[Hit, ...]
    lines: tuple[int | None, ...]

    def source_line(self, copy_line: int | None) -> int | None:
        if copy_line and 0 < copy_line <= len(self.lines):
            return self.lines[copy_line - 1]
        return self.lines[0] if self.lines else None


def canonical(element: etree._Element) -> Canonical:
    """The element as KOSTRA-KP re-serialises it (see :class:`Canonical`).

    Unknown attributes and elements are dropped (and listed), attributes with an empty value are
    dropped (empty string = null), and children are put in schema order.
    """
    ignored: list[Hit] = []
    lines: list[int | None] = []

    def copy(src: etree._Element, name: str) -> etree._Element:
        attributes, children = _SPEC[name]
        dst = etree.Element(name)
        lines.append(src.sourceline)
        if len(lines) <= _MAX_LINE:
            dst.sourceline = len(lines)  # type: ignore[misc]  # settable in lxml, read-only in its stubs
        for key, value in src.attrib.items():
            if key.startswith("{"):  # xsi:noNamespaceSchemaLocation and the like
                continue
            if key not in attributes:
                ignored.append(_unknown(src, f"Attributtet «{key}» på «{name}»"))
            elif value != "":
                dst.set(key, value)
        if name == "Presisering":
            dst.text = src.text
            return dst
        found: dict[str, list[etree._Element]] = {}
        for child in src:
            if not isinstance(child.tag, str):
                continue
            child_name = local_name(child)
            if child_name not in children:
                ignored.append(_unknown(child, f"Elementet «{child_name}» i «{name}»"))
            elif child_name != "Presisering" or child.text:
                found.setdefault(child_name, []).append(child)
        for child_name in children:
            dst.extend(copy(child, child_name) for child in found.get(child_name, ()))
        return dst

    root = copy(element, local_name(element))
    return Canonical(element, root, tuple(ignored), tuple(lines))


def _unknown(element: etree._Element, what: str) -> Hit:
    return Hit(
        f"{what} er ikke en del av 15F-formatet og blir ignorert (også av SSB). "
        "Sjekk stavemåten (store og små bokstaver teller), f.eks. «DUFnummer».",
        line=element.sourceline,
        element_id=element.get("Id"),
    )


@rule15f(
    "Ukjent felt",
    Severity.INFO,
    "Attributt eller element som ikke finnes i 15F-formatet (ignoreres, også av SSB)",
    scope="element",
    source="Barnevern",
)
def ukjent_felt(copy: Canonical, ctx: Context15F) -> Iterator[Hit]:
    """KOSTRA-KP drops unknown attributes and elements silently; say so, once per field."""
    yield from copy.ignored


def _first_xsd_error(copy: Canonical, schema: str) -> tuple[int | None, str] | None:
    errors = validate_xsd(copy.element, schema)
    if not errors:
        return None
    return copy.source_line(errors[0].line), errors[0].message


@rule15f(
    "Filfeil",
    Severity.ERROR,
    "Filen kan ikke leses som XML («Klarer ikke å lese fil»)",
    scope="xml",
)
def filfeil(error: XmlFileError, ctx: Context15F) -> Iterator[Hit]:
    """The file cannot be parsed (KOSTRA-KP reports this without a rule name)."""
    yield Hit(
        f"Klarer ikke å lese filen: {error.message} Lag et nytt uttrekk fra fagsystemet.",
        line=error.line,
    )


@rule15f("Avgiver K0", Severity.ERROR, "Filen skal ha nøyaktig én Avgiver", scope="file")
def avgiver_k0(summary: FileSummary, ctx: Context15F) -> Iterator[Hit]:
    """Avgiver K0 «Feil antall avgivere»: exactly one ``Avgiver``."""
    count = len(summary.avgiver_lines)
    if count != 1:
        yield Hit(
            f"Antall avgivere skal være 1, fant {count}. Filen skal ha nøyaktig ett "
            "«Avgiver»-element først i filen.",
            line=summary.avgiver_lines[1] if count > 1 else None,
        )


@rule15f(
    "Avgiver K1",
    Severity.ERROR,
    "Avgiver følger ikke filspesifikasjonen (Avgiver.xsd)",
    scope="avgiver-xsd",
)
def avgiver_k1(copy: Canonical, ctx: Context15F) -> Iterator[Hit]:
    """Avgiver K1 «Validering av avgiver»: the first error against ``Avgiver.xsd``."""
    error = _first_xsd_error(copy, "15f-avgiver")
    if error:
        yield Hit(
            f"Klarer ikke å validere Avgiver mot filspesifikasjonen (Avgiver.xsd): {error[1]} "
            "Rett Avgiver-elementet.",
            line=error[0],
        )


@rule15f("Individ K0", Severity.ERROR, "Filen mangler individer", scope="file")
def individ_k0(summary: FileSummary, ctx: Context15F) -> Iterator[Hit]:
    """Individ K0 «Individ mangler»: at least one ``Individ``."""
    if summary.individ_count < 1:
        yield Hit("Filen mangler individer. Et uttrekk skal ha minst ett «Individ»-element.")


@rule15f(
    "Individ K1",
    Severity.ERROR,
    "Individ følger ikke filspesifikasjonen (Individ.xsd); individet kontrolleres ikke videre",
    scope="individ-xsd",
)
def individ_k1(copy: Canonical, ctx: Context15F) -> Iterator[Hit]:
    """Individ K1 «Validering av individ»: the first error against ``Individ.xsd``.

    An Individ that fails is not checked by any other rule (as KOSTRA-KP).
    """
    error = _first_xsd_error(copy, "15f-individ")
    if error:
        yield individ_k1_hit(copy.source, error[0], error[1])


def individ_k1_hit(element: etree._Element, line: int | None, problem: str) -> Hit:
    journal = element.get("Journalnummer") or "uoppgitt"
    return Hit(
        f"Journalnummer {journal}: Definisjonen av Individ er feil i forhold til "
        f"filspesifikasjonen (Individ.xsd): {problem} Rett dette; individet kontrolleres ikke "
        "videre før det er gyldig.",
        line=line,
        sak_id=element.get("Id") or None,
    )
