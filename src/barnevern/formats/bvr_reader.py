"""Read BVR documents (``Barnevern_v1/v3/v4.xsd``) into ``Delivery`` records.

``read_bvr(tree, name)`` maps one parsed document; ``iter_bvr_files(paths)`` streams files,
directories and zip archives one document at a time (memory stays flat whatever the number
of files); ``iter_bvr_documents(paths)`` does the same but reports each file's problem instead
of stopping at the first.

The reader is lenient where the versions differ and strict where it must be:

* both ``Oppfolging`` shapes are read: 3.0.2+ (``Hyppighet``/``Utfort`` children) and 2.2.x
  (repeated ``Oppfolging`` elements with ``@Id``/``@UtfortDato``, collected as ``Utfort``);
* a ``Melding/Konklusjon`` marked ``ErSlettet="true"`` is a deleted conclusion: the melding
  is read as not concluded;
* a missing required attribute or an unreadable date raises ``XmlFileError`` naming the
  file, line, element and Id (the XSD check reports such files as well).

BVR has no residence element, so each Sak gets one ``Bosted`` from the Avgiver municipality at
the case's start date. ``Delivery.source`` is the schema key (given, or chosen from the year
of ``DatoUttrekk`` without validating; see ``detect.select_bvr_schema``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from lxml import etree

from barnevern import records as r
from barnevern.formats.detect import detect_format, preferred_bvr_schema, select_bvr_schema
from barnevern.formats.sources import iter_sources
from barnevern.formats.xmlsafe import XmlFileError, parse_bytes
from barnevern.formats.xsd import XsdError

__all__ = ["BvrDocument", "iter_bvr_documents", "iter_bvr_files", "read_bvr", "read_bvr_root"]

_Element = etree._Element
_Date = date  # ``_Reader.date`` hides the type inside the class
_fromisoformat = date.fromisoformat

# Positional constructors (``records.positional_constructor``): every field, in field order.
_new_kode = r.positional_constructor(r.KodeMedPresisering)
_new_konklusjon = r.positional_constructor(r.Konklusjon)
_new_lovhjemmel = r.positional_constructor(r.Lovhjemmel)
_new_personalia = r.positional_constructor(r.Personalia)
_new_melding = r.positional_constructor(r.Melding)
_new_undersokelse = r.positional_constructor(r.Undersokelse)
_new_plan = r.positional_constructor(r.Plan)
_new_tiltak = r.positional_constructor(r.Tiltak)
_new_vedtak = r.positional_constructor(r.Vedtak)
_new_relasjon = r.positional_constructor(r.Relasjon)
_new_sak = r.positional_constructor(r.SakRecord)
_new_bosted = r.positional_constructor(r.Bosted)
_new_avgiver = r.positional_constructor(r.Avgiver)
_new_delivery = r.positional_constructor(r.Delivery)
_FLAGS = {"true": True, "1": True, "false": False, "0": False}


def _flag(value: str | None) -> bool:
    """``ErSlettet`` read as ``_Reader.deleted`` does; KeyError for a value it would refuse."""
    return False if value is None else _FLAGS[value.strip()]


def _first(el: _Element, tag: str) -> _Element | None:
    """``el.find(tag)`` for a plain tag (the first child with that tag), without ElementPath:
    about ten times cheaper for the few children a BVR element has."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def _present(el: _Element) -> Callable[[str], str]:
    """``el.get`` for the fast paths that read required attributes as present: a missing one
    is None at run time, and its ``.strip()`` raises the AttributeError that sends the element
    to the checked helpers (which raise the right error)."""
    return cast("Callable[[str], str]", el.get)


def _stripped(value: str | None) -> str | None:
    return value.strip() if value is not None else None


class _Reader:
    """Maps elements to records; knows the file name for error messages."""

    def __init__(self, name: str) -> None:
        self.name = name

    # --- attribute helpers ------------------------------------------------------------------

    def fail(self, el: _Element, message: str) -> XmlFileError:
        ident = el.get("Id")
        where = f"«{el.tag!s}»" + (f" (Id {ident})" if ident else "")
        return XmlFileError(self.name, f"Elementet {where} {message}", el.sourceline)

    def req(self, el: _Element, attr: str) -> str:
        value = el.get(attr)
        if value is None:
            raise self.fail(el, f"mangler det påkrevde attributtet «{attr}».")
        return value.strip()

    def opt(self, el: _Element, attr: str) -> str | None:
        value = el.get(attr)
        return value.strip() if value is not None else None

    def parse_date(self, el: _Element, text: str, what: str) -> date:
        text = text.strip()
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            raise self.fail(el, f"har en ugyldig dato «{text}» i {what}. Bruk formatet ÅÅÅÅ-MM-DD.") from None

    def date(self, el: _Element, attr: str) -> date:
        value = el.get(attr)
        if value is not None:
            text = value.strip()
            try:
                return _fromisoformat(text[:10])
            except ValueError:
                pass
        return self.parse_date(el, self.req(el, attr), f"«{attr}»")  # raises the right error

    def opt_date(self, el: _Element, attr: str) -> _Date | None:
        value = el.get(attr)
        return None if value is None else self.parse_date(el, value, f"«{attr}»")

    def boolean(self, el: _Element, attr: str) -> bool | None:
        value = el.get(attr)
        if value is None:
            return None
        value = value.strip()
        if value in ("true", "1"):
            return True
        if value in ("false", "0"):
            return False
        raise self.fail(el, f"har verdien «{value}» i «{attr}»; bruk true eller false.")

    def deleted(self, el: _Element) -> bool:
        return el.get("ErSlettet") is not None and bool(self.boolean(el, "ErSlettet"))

    def kode(self, el: _Element) -> r.KodeMedPresisering:
        get = el.get
        value = get("Kode")
        if value is None:
            raise self.fail(el, "mangler det påkrevde attributtet «Kode».")
        return _new_kode(value.strip(), get("Presisering"))

    def text(self, el: _Element, child: str) -> str:
        found = _first(el, child)
        if found is None or not (found.text or "").strip():
            raise self.fail(el, f"mangler underelementet «{child}».")
        return (found.text or "").strip()

    # --- shared shapes ----------------------------------------------------------------------

    def lovhjemmel(self, el: _Element) -> r.Lovhjemmel:
        # One pass over the children; anything unusual (a part missing or empty) goes to the
        # checked reading below, which raises the usual error.
        lov = kapittel = paragraf = None
        ledd: list[str] = []
        bokstav: list[str] = []
        punktum: list[str] = []
        for child in el:
            tag = child.tag
            if tag == "Ledd":
                ledd.append((child.text or "").strip())
            elif tag == "Bokstav":
                bokstav.append((child.text or "").strip())
            elif tag == "Punktum":
                punktum.append((child.text or "").strip())
            elif tag == "Lov" and lov is None:
                lov = (child.text or "").strip()
            elif tag == "Kapittel" and kapittel is None:
                kapittel = (child.text or "").strip()
            elif tag == "Paragraf" and paragraf is None:
                paragraf = (child.text or "").strip()
        if lov and kapittel and paragraf:
            return _new_lovhjemmel(lov, kapittel, paragraf, tuple(ledd), tuple(bokstav), tuple(punktum))
        return self._lovhjemmel(el)

    def _lovhjemmel(self, el: _Element) -> r.Lovhjemmel:
        lists: dict[str, list[str]] = {"Ledd": [], "Bokstav": [], "Punktum": []}
        for child in el:
            if child.tag in lists:
                lists[child.tag].append((child.text or "").strip())
        return r.Lovhjemmel(
            lov=self.text(el, "Lov"),
            kapittel=self.text(el, "Kapittel"),
            paragraf=self.text(el, "Paragraf"),
            ledd=tuple(lists["Ledd"]),
            bokstav=tuple(lists["Bokstav"]),
            punktum=tuple(lists["Punktum"]),
        )

    def konklusjon(self, el: _Element, *, coded: bool) -> r.Konklusjon:
        get, req = el.get, _present(el)
        try:
            return _new_konklusjon(
                _fromisoformat(req("SluttDato").strip()[:10]),
                req("Kode").strip() if coded else None,
                get("Presisering"),
            )
        except (AttributeError, ValueError):
            pass
        return r.Konklusjon(
            slutt_dato=self.date(el, "SluttDato"),
            kode=self.req(el, "Kode") if coded else None,
            presisering=el.get("Presisering"),
        )

    def hyppighet(self, el: _Element) -> r.Hyppighet:
        return r.Hyppighet(self.req(el, "Id"), self.date(el, "StartDato"), self.req(el, "Kode"))

    def utfort(self, el: _Element) -> r.Utfort:
        return r.Utfort(self.req(el, "Id"), self.date(el, "UtfortDato"))

    # --- Sak children -----------------------------------------------------------------------

    # The hot elements (Personalia, Melding, Relasjon) read their attributes directly; when
    # anything is missing or malformed they fall back to the checked helpers, which raise the
    # same XmlFileError as always.

    def personalia(self, el: _Element) -> r.Personalia:
        get, req = el.get, _present(el)
        try:
            return _new_personalia(
                req("Id").strip(),
                _fromisoformat(req("StartDato").strip()[:10]),
                req("Fodselsnummer").strip(),
                _fromisoformat(req("Fodseldato").strip()[:10]),
                req("Kjonn").strip(),
                _stripped(get("DUFnummer")),
                _flag(get("ErSlettet")),
                el.sourceline,
            )
        except (AttributeError, ValueError, KeyError):
            return self._personalia(el)

    def _personalia(self, el: _Element) -> r.Personalia:
        return r.Personalia(
            id=self.req(el, "Id"),
            start_dato=self.date(el, "StartDato"),
            fodselsnummer=self.req(el, "Fodselsnummer"),
            fodseldato=self.date(el, "Fodseldato"),
            kjonn=self.req(el, "Kjonn"),
            duf_nummer=self.opt(el, "DUFnummer"),
            er_slettet=self.deleted(el),
            line=el.sourceline,
        )

    def melding(self, el: _Element) -> r.Melding:
        melder, saksinnhold, konklusjon = [], [], None
        for child in el:
            tag = child.tag
            if tag == "Melder":
                kode = child.get("Kode")
                melder.append(
                    self.kode(child) if kode is None else _new_kode(kode.strip(), child.get("Presisering"))
                )
            elif tag == "Saksinnhold":
                kode = child.get("Kode")
                saksinnhold.append(
                    self.kode(child) if kode is None else _new_kode(kode.strip(), child.get("Presisering"))
                )
            elif tag == "Konklusjon" and not self.deleted(child):
                konklusjon = self.konklusjon(child, coded=True)
        get, req = el.get, _present(el)
        try:
            ident, start = req("Id").strip(), _fromisoformat(req("StartDato").strip()[:10])
            er_slettet = _flag(get("ErSlettet"))
        except (AttributeError, ValueError, KeyError):
            ident, start, er_slettet = self.req(el, "Id"), self.date(el, "StartDato"), self.deleted(el)
        return _new_melding(
            ident,
            start,
            tuple(melder),
            tuple(saksinnhold),
            konklusjon,
            get("MigrertId"),
            er_slettet,
            el.sourceline,
        )

    def undersokelse(self, el: _Element) -> r.Undersokelse:
        grunnlag: list[r.KodeMedPresisering] = []
        medvirkning_dato = medvirkning_type = utvidet = konklusjon = None
        for child in el:
            tag = child.tag
            if tag == "Vedtaksgrunnlag":
                grunnlag.append(self.kode(child))
            elif tag == "BarnetsMedvirkning":
                medvirkning_dato = self.parse_date(child, self.text(child, "StartDato"), "«StartDato»")
                medvirkning_type = self.text(child, "MedvirkningType")
            elif tag == "UtvidetFrist":
                utvidet = r.UtvidetFrist(self.date(child, "StartDato"), self.opt(child, "Innvilget"))
            elif tag == "Konklusjon":
                konklusjon = self.konklusjon(child, coded=True)
        return _new_undersokelse(
            self.req(el, "Id"),
            self.date(el, "StartDato"),
            tuple(grunnlag),
            medvirkning_dato,
            medvirkning_type,
            utvidet,
            konklusjon,
            el.get("MigrertId"),
            self.deleted(el),
            el.sourceline,
        )

    def plan(self, el: _Element) -> r.Plan:
        evalueringer, konklusjon = [], None
        for child in el:
            if child.tag == "Evaluering":
                evalueringer.append(self.date(child, "UtfortDato"))
            elif child.tag == "Konklusjon":
                konklusjon = self.konklusjon(child, coded=False)
        return _new_plan(
            self.req(el, "Id"),
            self.date(el, "StartDato"),
            self.req(el, "Plantype"),
            tuple(evalueringer),
            konklusjon,
            el.get("MigrertId"),
            self.deleted(el),
            el.sourceline,
        )

    def tilsyn(self, el: _Element) -> r.Tilsyn:
        ansvarlig, hyppighet, utfort = [], [], []
        for child in el:
            tag = child.tag
            if tag == "Ansvarlig":
                ansvarlig.append(
                    r.TilsynAnsvarlig(
                        self.req(child, "Id"),
                        self.date(child, "StartDato"),
                        self.req(child, "Kommunenummer"),
                    )
                )
            elif tag == "Hyppighet":
                hyppighet.append(self.hyppighet(child))
            elif tag == "Utfort":
                utfort.append(self.utfort(child))
        return r.Tilsyn(tuple(ansvarlig), tuple(hyppighet), tuple(utfort))

    def tiltak(self, el: _Element) -> r.Tiltak:
        lovhjemmel = kategori = tilsyn = opphevelse = konklusjon = None
        jmfr, grunnlag, hyppighet, utfort = [], [], [], []
        has_oppfolging = False
        for child in el:
            tag = child.tag
            if tag == "Lovhjemmel":
                lovhjemmel = self.lovhjemmel(child)
            elif tag == "JmfrLovhjemmel":
                jmfr.append(self.lovhjemmel(child))
            elif tag == "Kategori":
                kategori = self.kode(child)
            elif tag == "Tiltaksgrunnlag":
                grunnlag.append(self.kode(child))
            elif tag == "Tilsyn":
                tilsyn = self.tilsyn(child)
            elif tag == "Oppfolging":
                has_oppfolging = True
                if child.get("UtfortDato") is not None:  # 2.2.x: one element per visit
                    utfort.append(self.utfort(child))
                for part in child:
                    if part.tag == "Hyppighet":
                        hyppighet.append(self.hyppighet(part))
                    elif part.tag == "Utfort":
                        utfort.append(self.utfort(part))
            elif tag == "Opphevelse":
                opphevelse = self.kode(child)
            elif tag == "Konklusjon":
                konklusjon = self.konklusjon(child, coded=False)
        if lovhjemmel is None:
            raise self.fail(el, "mangler underelementet «Lovhjemmel».")
        if kategori is None:
            raise self.fail(el, "mangler underelementet «Kategori».")
        return _new_tiltak(
            self.req(el, "Id"),
            self.date(el, "StartDato"),
            lovhjemmel,
            kategori,
            tuple(jmfr),
            tuple(grunnlag),
            tilsyn,
            r.Oppfolging(tuple(hyppighet), tuple(utfort)) if has_oppfolging else None,
            opphevelse,
            konklusjon,
            el.get("MigrertId"),
            self.deleted(el),
            el.sourceline,
        )

    def vedtak(self, el: _Element) -> r.Vedtak:
        lovhjemmel = konklusjon = None
        jmfr, krav, status = [], [], []
        for child in el:
            tag = child.tag
            if tag == "Lovhjemmel":
                lovhjemmel = self.lovhjemmel(child)
            elif tag == "JmfrLovhjemmel":
                jmfr.append(self.lovhjemmel(child))
            elif tag == "Krav":
                found = _first(child, "Konklusjon")
                krav.append(
                    r.Krav(
                        self.req(child, "Id"),
                        self.date(child, "StartDato"),
                        None if found is None else self.konklusjon(found, coded=True),
                    )
                )
            elif tag == "Status":
                status.append(
                    r.VedtakStatus(
                        self.req(child, "Id"),
                        self.date(child, "EndretDato"),
                        self.req(child, "Kode"),
                    )
                )
            elif tag == "Konklusjon":
                konklusjon = self.konklusjon(child, coded=False)
        if lovhjemmel is None:
            raise self.fail(el, "mangler underelementet «Lovhjemmel».")
        return _new_vedtak(
            self.req(el, "Id"),
            self.date(el, "StartDato"),
            lovhjemmel,
            tuple(status),
            tuple(jmfr),
            tuple(krav),
            konklusjon,
            el.get("MigrertId"),
            self.deleted(el),
            el.sourceline,
        )

    def ettervern(self, el: _Element) -> r.Ettervern:
        found = _first(el, "Konklusjon")
        return r.Ettervern(
            id=self.req(el, "Id"),
            tilbud_sendt_dato=self.date(el, "TilbudSendtDato"),
            konklusjon=None if found is None else self.konklusjon(found, coded=True),
            migrert_id=el.get("MigrertId"),
            er_slettet=self.deleted(el),
            line=el.sourceline,
        )

    def oversendelse(self, el: _Element) -> r.OversendelseFylkesnemnd:
        found = _first(el, "Lovhjemmel")
        if found is None:
            raise self.fail(el, "mangler underelementet «Lovhjemmel».")
        return r.OversendelseFylkesnemnd(
            id=self.req(el, "Id"),
            start_dato=self.date(el, "StartDato"),
            lovhjemmel=self.lovhjemmel(found),
            jmfr_lovhjemmel=tuple(self.lovhjemmel(j) for j in (j for j in el if j.tag == "JmfrLovhjemmel")),
            migrert_id=el.get("MigrertId"),
            er_slettet=self.deleted(el),
            line=el.sourceline,
        )

    def flytting(self, el: _Element) -> r.Flytting:
        arsak, til = _first(el, "ArsakFra"), _first(el, "FlyttingTil")
        if arsak is None or til is None:
            missing = "ArsakFra" if arsak is None else "FlyttingTil"
            raise self.fail(el, f"mangler underelementet «{missing}».")
        return r.Flytting(
            id=self.req(el, "Id"),
            slutt_dato=self.date(el, "SluttDato"),
            arsak_fra=self.kode(arsak),
            flytting_til=self.kode(til),
            migrert_id=el.get("MigrertId"),
            er_slettet=self.deleted(el),
            line=el.sourceline,
        )

    def relasjon(self, el: _Element) -> r.Relasjon:
        get, req = el.get, _present(el)
        try:
            return _new_relasjon(
                req("Id").strip(),
                req("FraId").strip(),
                req("FraType").strip(),
                req("TilId").strip(),
                req("TilType").strip(),
                _flag(get("ErSlettet")),
                el.sourceline,
            )
        except (AttributeError, KeyError):
            return self._relasjon(el)

    def _relasjon(self, el: _Element) -> r.Relasjon:
        return r.Relasjon(
            id=self.req(el, "Id"),
            fra_id=self.req(el, "FraId"),
            fra_type=self.req(el, "FraType"),
            til_id=self.req(el, "TilId"),
            til_type=self.req(el, "TilType"),
            er_slettet=self.deleted(el),
            line=el.sourceline,
        )

    def slettet(self, el: _Element) -> r.Slettet:
        return r.Slettet(self.req(el, "Id"), self.req(el, "Type"), self.date(el, "SluttDato"), el.sourceline)

    # --- document ---------------------------------------------------------------------------

    def sak(self, el: _Element, avgiver: r.Avgiver) -> r.SakRecord:
        parts: tuple[list[object], ...] = ([], [], [], [], [], [], [], [], [], [], [])
        handlers = _HANDLERS
        for child in el:
            found = handlers.get(child.tag)  # comments and processing instructions: None
            if found is not None:
                parts[found[0]].append(found[1](self, child))
        start = self.date(el, "StartDato")
        ident = self.req(el, "Id")
        journalnummer = self.req(el, "Journalnummer")
        slutt_dato = self.opt_date(el, "SluttDato")
        avsluttet = self.boolean(el, "Avsluttet")
        migrert_id = el.get("MigrertId")
        er_slettet = self.deleted(el)
        (personalia, meldinger, undersokelser, planer, tiltak, vedtak, ettervern, oversendelser,
         flyttinger, relasjoner, slettet) = parts  # fmt: skip
        return _new_sak(
            ident,
            start,
            journalnummer,
            slutt_dato,
            avsluttet,
            migrert_id,
            er_slettet,
            tuple(personalia),
            tuple(meldinger),
            tuple(undersokelser),
            tuple(planer),
            tuple(tiltak),
            tuple(vedtak),
            tuple(ettervern),
            tuple(oversendelser),
            tuple(flyttinger),
            tuple(relasjoner),
            tuple(slettet),
            (_new_bosted(start, avgiver.kommunenummer),),
            None,  # saksbehandler: 15F only
            el.sourceline,
        )

    def avgiver(self, el: _Element) -> r.Avgiver:
        return _new_avgiver(
            self.req(el, "Organisasjonsnummer"),
            self.req(el, "Kommunenummer"),
            self.req(el, "Kommunenavn"),
            self.opt(el, "Bydelsnummer"),
            self.opt(el, "Bydelsnavn"),
        )

    def fagsystem(self, el: _Element) -> r.Fagsystem:
        return r.Fagsystem(self.req(el, "Leverandor"), self.req(el, "Navn"), self.req(el, "Versjon"))

    def dato_uttrekk(self, el: _Element) -> datetime | None:
        value = el.get("DatoUttrekk")
        if value is None:
            return None
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            raise self.fail(
                el,
                f"har et ugyldig «DatoUttrekk» «{value}». Bruk f.eks. 2026-06-30T02:00:00+02:00.",
            ) from None


# Sak child tag -> SakRecord field, and -> reader method.
_FIELDS = {
    "Personalia": "personalia",
    "Melding": "meldinger",
    "Undersokelse": "undersokelser",
    "Plan": "planer",
    "Tiltak": "tiltak",
    "Vedtak": "vedtak",
    "Ettervern": "ettervern",
    "OversendelseFylkesnemnd": "oversendelser",
    "Flytting": "flyttinger",
    "Relasjon": "relasjoner",
    "Slettet": "slettet",
}
_METHODS = {tag: tag.lower().replace("oversendelsefylkesnemnd", "oversendelse") for tag in _FIELDS}
# Sak child tag -> (position among the SakRecord tuples, unbound reader method).
_HANDLERS: dict[object, tuple[int, Callable[[_Reader, _Element], object]]] = {
    tag: (index, getattr(_Reader, _METHODS[tag])) for index, tag in enumerate(_FIELDS)
}


def read_bvr(
    tree: etree._ElementTree | etree._Element, name: str, *, schema: str | None = None
) -> r.Delivery:
    """Map a parsed BVR document to a ``Delivery`` (no XSD validation here).

    ``schema`` becomes ``Delivery.source``; without it the year of ``DatoUttrekk`` decides
    (``detect.preferred_bvr_schema``). Raises ``XmlFileError`` for a document that is not BVR
    or lacks what the records need.
    """
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    kind = detect_format(root)
    if kind != "bvr":
        what = "en KOSTRA 15F-fil" if kind == "15f" else "ikke en barnevernsfil"
        raise XmlFileError(
            name,
            f"Filen er {what}, ikke en BVR-fil (Barnevern med Fagsystem, Avgiver og Sak).",
            root.sourceline,
        )
    return read_bvr_root(root, name, schema=schema)


def read_bvr_root(root: etree._Element, name: str, *, schema: str | None = None) -> r.Delivery:
    """``read_bvr`` for a root element ``detect.detect_format`` has already found to be
    ``"bvr"`` (the validate pipeline detects once per document)."""
    reader = _Reader(name)
    avgiver_el = sak_el = fagsystem_el = None
    for child in root:  # the first of each, as ``find`` would
        tag = child.tag
        if tag == "Avgiver":
            avgiver_el = avgiver_el if avgiver_el is not None else child
        elif tag == "Sak":
            sak_el = sak_el if sak_el is not None else child
        elif tag == "Fagsystem":
            fagsystem_el = fagsystem_el if fagsystem_el is not None else child
    if avgiver_el is None or sak_el is None:
        missing = "Avgiver" if avgiver_el is None else "Sak"
        raise reader.fail(root, f"mangler underelementet «{missing}».")
    avgiver = reader.avgiver(avgiver_el)
    return _new_delivery(
        avgiver,
        reader.sak(sak_el, avgiver),
        reader.opt(root, "Id"),
        reader.dato_uttrekk(root),
        reader.opt(root, "ForrigeId"),
        None if fagsystem_el is None else reader.fagsystem(fagsystem_el),
        schema or preferred_bvr_schema(root),
        {},  # extra
    )


PathLike = str | os.PathLike[str]


def iter_bvr_files(paths: Iterable[PathLike], *, schema: str | None = None) -> Iterator[r.Delivery]:
    """Deliveries from files, directories and zip archives, one document at a time.

    Strict: the first file that cannot be read, is not well-formed or is not BVR raises
    ``XmlFileError``. Use ``iter_bvr_documents`` to carry on past bad files.
    """
    for source in iter_sources(paths):
        tree = parse_bytes(source.open_bytes(), source.name)
        yield read_bvr(tree, source.name, schema=schema)


@dataclass(frozen=True, slots=True)
class BvrDocument:
    """One file's outcome: a delivery, or the reason there is none, plus XSD errors."""

    name: str
    delivery: r.Delivery | None
    schema: str | None = None
    xsd_errors: tuple[XsdError, ...] = ()
    error: XmlFileError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.xsd_errors


def iter_bvr_documents(
    paths: Iterable[PathLike], *, validate: bool = False, schema: str | None = None
) -> Iterator[BvrDocument]:
    """Like ``iter_bvr_files`` but never stops: each file's problem is in its ``BvrDocument``.

    With ``validate=True`` the schema is chosen by ``detect.select_bvr_schema`` (``schema`` is
    its override) and the XSD errors are returned; the records are read even from a document
    that fails the XSD when they can be.
    """
    for source in iter_sources(paths):
        try:
            tree = parse_bytes(source.open_bytes(), source.name)
        except XmlFileError as exc:
            yield BvrDocument(source.name, None, error=exc)
            continue
        chosen, errors = schema, list[XsdError]()
        try:
            if validate and detect_format(tree) == "bvr":
                chosen, errors = select_bvr_schema(tree, schema)
            delivery = read_bvr(tree, source.name, schema=chosen)
        except XmlFileError as exc:
            yield BvrDocument(source.name, None, chosen, tuple(errors), exc)
            continue
        yield BvrDocument(source.name, delivery, delivery.source, tuple(errors))
