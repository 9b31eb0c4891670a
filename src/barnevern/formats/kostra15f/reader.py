"""Read a parsed 15F document into :mod:`~barnevern.formats.kostra15f.model` records.

Reading follows KOSTRA-KP's deserialiser (Jackson with unknown properties ignored and empty
string = null): an empty attribute counts as missing, unknown attributes and elements are
ignored, and the order of child elements does not matter. The reader does not validate against
the XSD; ``barnevern.control.kostra15f.check_15f`` does that first and reports every problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from lxml import etree

from barnevern.formats.kostra15f.model import (
    Avgiver15F,
    Flytting15F,
    Individ15F,
    Kode15F,
    Kostra15FError,
    Kostra15FFile,
    Lovhjemmel15F,
    Melding15F,
    Plan15F,
    Tiltak15F,
    Undersokelse15F,
)

__all__ = ["local_name", "read_15f", "read_avgiver", "read_individ", "top_elements"]

_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?$")


def local_name(element: etree._Element) -> str:
    """The tag without a namespace (KOSTRA-KP matches on the local name)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def top_elements(root: etree._Element) -> Iterator[etree._Element]:
    """Every ``Avgiver`` and ``Individ`` in document order, not looking inside either."""
    stack = [root]
    while stack:
        node = stack.pop()
        if local_name(node) in ("Avgiver", "Individ"):
            yield node
            continue
        stack.extend(reversed([c for c in node if isinstance(c.tag, str)]))


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, el: etree._Element, text: str) -> Kostra15FError:
        return Kostra15FError(self.file, el.sourceline, f"«{local_name(el)}»: {text}")

    @staticmethod
    def opt(el: etree._Element, name: str) -> str | None:
        value = el.get(name)
        return value if value else None  # empty string = missing, as KOSTRA-KP

    def req(self, el: etree._Element, name: str) -> str:
        value = self.opt(el, name)
        if value is None:
            raise self.fail(el, f"mangler attributtet «{name}».")
        return value

    def day(self, el: etree._Element, name: str, *, required: bool = False) -> date | None:
        text = self.req(el, name) if required else self.opt(el, name)
        if text is None:
            return None
        match = _DATE.match(text.strip())
        try:
            if match:
                return date.fromisoformat(match.group(1))
        except ValueError:
            pass
        raise self.fail(el, f"«{name}» har ugyldig dato «{text}» (ÅÅÅÅ-MM-DD).")

    def req_day(self, el: etree._Element, name: str) -> date:
        value = self.day(el, name, required=True)
        assert value is not None
        return value

    @staticmethod
    def children(el: etree._Element, name: str) -> list[etree._Element]:
        return [c for c in el if isinstance(c.tag, str) and local_name(c) == name]

    @staticmethod
    def groups(el: etree._Element) -> dict[str, list[etree._Element]]:
        """Child elements by local name, in document order (one pass over the children)."""
        found: dict[str, list[etree._Element]] = {}
        for child in el:
            if isinstance(child.tag, str):
                found.setdefault(local_name(child), []).append(child)
        return found

    def presisering(self, el: etree._Element) -> str | None:
        texts = [c.text for c in self.children(el, "Presisering") if c.text]
        return texts[0] if texts else None

    def kode(self, el: etree._Element) -> Kode15F:
        return Kode15F(self.req(el, "Kode"), self.presisering(el), el.sourceline)

    def kode_attr(self, el: etree._Element) -> Kode15F:
        return Kode15F(self.req(el, "Kode"), self.opt(el, "Presisering"), el.sourceline)

    def one(self, el: etree._Element, kids: dict[str, list[etree._Element]], name: str) -> etree._Element:
        found = kids.get(name)
        if not found:
            raise self.fail(el, f"mangler underelementet «{name}».")
        return found[0]

    def lovhjemmel(self, el: etree._Element) -> Lovhjemmel15F:
        return Lovhjemmel15F(
            lov=self.req(el, "Lov"),
            kapittel=self.req(el, "Kapittel"),
            paragraf=self.req(el, "Paragraf"),
            bokstav=self.opt(el, "Bokstav"),
            ledd=self.opt(el, "Ledd"),
            punktum=self.opt(el, "Punktum"),
            line=el.sourceline,
        )

    def undersokelse(self, el: etree._Element) -> Undersokelse15F:
        kids = self.groups(el)
        return Undersokelse15F(
            id=self.req(el, "Id"),
            start_dato=self.req_day(el, "StartDato"),
            slutt_dato=self.day(el, "SluttDato"),
            konklusjon=self.opt(el, "Konklusjon"),
            presisering=self.presisering(el),
            vedtaksgrunnlag=tuple(self.kode(c) for c in kids.get("Vedtaksgrunnlag", ())),
            line=el.sourceline,
        )

    def melding(self, el: etree._Element) -> Melding15F:
        kids = self.groups(el)
        undersokelser = kids.get("Undersokelse")
        return Melding15F(
            id=self.req(el, "Id"),
            start_dato=self.req_day(el, "StartDato"),
            slutt_dato=self.day(el, "SluttDato"),
            konklusjon=self.opt(el, "Konklusjon"),
            melder=tuple(self.kode(c) for c in kids.get("Melder", ())),
            saksinnhold=tuple(self.kode(c) for c in kids.get("Saksinnhold", ())),
            undersokelse=self.undersokelse(undersokelser[-1]) if undersokelser else None,
            line=el.sourceline,
        )

    def plan(self, el: etree._Element) -> Plan15F:
        return Plan15F(
            id=self.req(el, "Id"),
            start_dato=self.req_day(el, "StartDato"),
            plantype=self.req(el, "Plantype"),
            slutt_dato=self.day(el, "SluttDato"),
            evaluert_dato=self.day(el, "EvaluertDato"),
            line=el.sourceline,
        )

    def tiltak(self, el: etree._Element) -> Tiltak15F:
        kids = self.groups(el)
        opphevelse = kids.get("Opphevelse")
        return Tiltak15F(
            id=self.req(el, "Id"),
            start_dato=self.req_day(el, "StartDato"),
            lovhjemmel=self.lovhjemmel(self.one(el, kids, "Lovhjemmel")),
            kategori=self.kode(self.one(el, kids, "Kategori")),
            slutt_dato=self.day(el, "SluttDato"),
            jmfr_lovhjemmel=tuple(self.lovhjemmel(c) for c in kids.get("JmfrLovhjemmel", ())),
            tiltaksgrunnlag=tuple(self.kode(c) for c in kids.get("Tiltaksgrunnlag", ())),
            opphevelse=self.kode(opphevelse[-1]) if opphevelse else None,
            line=el.sourceline,
        )

    def flytting(self, el: etree._Element) -> Flytting15F:
        kids = self.groups(el)
        return Flytting15F(
            id=self.req(el, "Id"),
            slutt_dato=self.req_day(el, "SluttDato"),
            arsak_fra=self.kode_attr(self.one(el, kids, "ArsakFra")),
            flytting_til=self.kode_attr(self.one(el, kids, "FlyttingTil")),
            line=el.sourceline,
        )

    def individ(self, el: etree._Element) -> Individ15F:
        kids = self.groups(el)
        return Individ15F(
            id=self.req(el, "Id"),
            start_dato=self.req_day(el, "StartDato"),
            journalnummer=self.req(el, "Journalnummer"),
            saksbehandler=self.req(el, "Saksbehandler"),
            avslutta3112=self.req(el, "Avslutta3112"),
            slutt_dato=self.day(el, "SluttDato"),
            fodselsnummer=self.opt(el, "Fodselsnummer"),
            duf_nummer=self.opt(el, "DUFnummer"),
            bydelsnummer=self.opt(el, "Bydelsnummer"),
            bydelsnavn=self.opt(el, "Bydelsnavn"),
            distriktsnummer=self.opt(el, "Distriktsnummer"),
            meldinger=tuple(self.melding(c) for c in kids.get("Melding", ())),
            planer=tuple(self.plan(c) for c in kids.get("Plan", ())),
            tiltak=tuple(self.tiltak(c) for c in kids.get("Tiltak", ())),
            flyttinger=tuple(self.flytting(c) for c in kids.get("Flytting", ())),
            line=el.sourceline,
        )

    def avgiver(self, el: etree._Element) -> Avgiver15F:
        return Avgiver15F(
            organisasjonsnummer=self.req(el, "Organisasjonsnummer"),
            versjon=self.req(el, "Versjon"),
            kommunenummer=self.req(el, "Kommunenummer"),
            kommunenavn=self.req(el, "Kommunenavn"),
            line=el.sourceline,
        )


def read_individ(element: etree._Element, name: str = "") -> Individ15F:
    """One ``Individ`` element as a record; raises :class:`Kostra15FError`."""
    return _Reader(name).individ(element)


def read_avgiver(element: etree._Element, name: str = "") -> Avgiver15F:
    """The ``Avgiver`` element as a record; raises :class:`Kostra15FError`."""
    return _Reader(name).avgiver(element)


def read_15f(tree: etree._ElementTree | etree._Element, name: str) -> Kostra15FFile:
    """Read a parsed 15F document (see ``xmlsafe.parse_file``); raises :class:`Kostra15FError`.

    The file must have exactly one ``Avgiver``; every ``Individ`` must carry its required
    values. Run ``barnevern.control.kostra15f.check_15f`` first to get every problem at once.
    """
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    reader = _Reader(name)
    avgivere: list[Avgiver15F] = []
    individer: list[Individ15F] = []
    for el in top_elements(root):
        if local_name(el) == "Avgiver":
            avgivere.append(reader.avgiver(el))
        else:
            individer.append(reader.individ(el))
    if len(avgivere) != 1:
        raise Kostra15FError(
            name, None, f"Filen skal ha nøyaktig ett «Avgiver»-element, men har {len(avgivere)}."
        )
    return Kostra15FFile(name=name, avgiver=avgivere[0], individer=tuple(individer))
