"""Write a ``Delivery`` as a BVR v4 document valid against ``Barnevern_v4.xsd`` (4.0.1).

The output is deterministic, so export → import → export gives identical bytes:

* UTF-8 with an XML declaration, 4-space indentation, ``\\n`` line ends, a final newline;
* elements in the XSD's ``xs:sequence`` order, attributes in the XSD's declaration order,
  repeated elements in the order of the record's tuples;
* ``DatoUttrekk`` with seconds and a UTC offset (``2026-06-30T02:00:00+02:00``); a naive
  datetime is taken as Norwegian time; ``ForrigeId`` is kept;
* optional attributes that are ``None`` or empty are left out, ``ErSlettet`` only when true.

What v4 cannot express raises ``BvrWriteError`` (a ``ValueError`` with a Norwegian message),
except one conversion: a 2.2.x ``Oppfolging`` read without ``Hyppighet`` is written with the
standard frequency (kode 4) from the measure's start date, because v4 requires one.
Characters that XML 1.0 cannot carry (C0 controls other than tab/newline/CR) are removed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from barnevern import __version__
from barnevern import records as r

__all__ = [
    "BvrWriteError",
    "DEFAULT_FAGSYSTEM",
    "format_dato_uttrekk",
    "next_delivery",
    "write_bvr",
]

OSLO = ZoneInfo("Europe/Oslo")
DEFAULT_FAGSYSTEM = r.Fagsystem("Barnevern (åpen kildekode)", "Barnevern", __version__)
_INDENT = "    "
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTR_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_OPPFOLGING_NS = uuid.UUID("0f7a4c1e-5b7d-4d55-9c1a-3f1e1b0c2a61")


class BvrWriteError(ValueError):
    """A record that cannot be written as a valid BVR v4 document."""


def _clean(value: str) -> str:
    return _INVALID_XML.sub("", value) if _INVALID_XML.search(value) else value


def format_dato_uttrekk(moment: datetime) -> str:
    """``2026-06-30T02:00:00+02:00``: seconds, no fraction, an explicit offset."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=OSLO)
    return moment.replace(microsecond=0).isoformat(timespec="seconds")


Attr = tuple[str, object]


class _Writer:
    def __init__(self) -> None:
        self.out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n']

    @staticmethod
    def attrs(pairs: Iterable[Attr]) -> str:
        parts = []
        for name, value in pairs:
            if value is None or value is False or value == "":
                continue
            if value is True:
                text = "true"
            elif isinstance(value, date):
                text = value.isoformat()
            else:
                text = _clean(str(value)).translate(_ATTR_ESCAPES)
            parts.append(f' {name}="{text}"')
        return "".join(parts)

    def leaf(self, depth: int, tag: str, *pairs: Attr) -> None:
        self.out.append(f"{_INDENT * depth}<{tag}{self.attrs(pairs)}/>\n")

    def open(self, depth: int, tag: str, *pairs: Attr) -> None:
        self.out.append(f"{_INDENT * depth}<{tag}{self.attrs(pairs)}>\n")

    def close(self, depth: int, tag: str) -> None:
        self.out.append(f"{_INDENT * depth}</{tag}>\n")

    def text(self, depth: int, tag: str, value: object) -> None:
        text = value.isoformat() if isinstance(value, date) else _clean(str(value))
        self.out.append(f"{_INDENT * depth}<{tag}>{text.translate(_TEXT_ESCAPES)}</{tag}>\n")

    def element(self, depth: int, tag: str, pairs: tuple[Attr, ...], body: Callable[[int], object]) -> None:
        """``body(depth)`` writes the children; an element without children is self-closed."""
        mark = len(self.out)
        self.open(depth, tag, *pairs)
        before = len(self.out)
        body(depth + 1)
        if len(self.out) == before:
            self.out[mark] = f"{_INDENT * depth}<{tag}{self.attrs(pairs)}/>\n"
        else:
            self.close(depth, tag)

    # --- shared shapes ----------------------------------------------------------------------

    def kode(self, depth: int, tag: str, value: r.KodeMedPresisering) -> None:
        self.leaf(depth, tag, ("Kode", value.kode), ("Presisering", value.presisering))

    def lovhjemmel(self, depth: int, tag: str, value: r.Lovhjemmel) -> None:
        self.open(depth, tag)
        inner = depth + 1
        self.text(inner, "Lov", value.lov)
        self.text(inner, "Kapittel", value.kapittel)
        self.text(inner, "Paragraf", value.paragraf)
        for ledd in value.ledd:
            self.text(inner, "Ledd", ledd)
        for bokstav in value.bokstav:
            self.text(inner, "Bokstav", bokstav)
        for punktum in value.punktum:
            self.text(inner, "Punktum", punktum)
        self.close(depth, tag)

    def slutt(self, depth: int, konklusjon: r.Konklusjon | None) -> None:
        if konklusjon is not None:
            self.leaf(depth, "Konklusjon", ("SluttDato", konklusjon.slutt_dato))

    def coded_konklusjon(
        self,
        depth: int,
        konklusjon: r.Konklusjon | None,
        owner: str,
        owner_id: str,
        *,
        presisering: bool,
    ) -> None:
        if konklusjon is None:
            return
        if not konklusjon.kode:
            raise BvrWriteError(f"{owner} {owner_id}: konklusjonen mangler kode.")
        self.leaf(
            depth,
            "Konklusjon",
            ("SluttDato", konklusjon.slutt_dato),
            ("Kode", konklusjon.kode),
            ("Presisering", konklusjon.presisering if presisering else None),
        )


def _require(items: tuple[object, ...], what: str, owner: str, owner_id: str) -> None:
    if not items:
        raise BvrWriteError(f"{owner} {owner_id} mangler {what}, som BVR v4 krever.")


def _personalia(w: _Writer, d: int, p: r.Personalia) -> None:
    w.leaf(
        d,
        "Personalia",
        ("Id", p.id),
        ("StartDato", p.start_dato),
        ("Fodselsnummer", p.fodselsnummer),
        ("Fodseldato", p.fodseldato),
        ("Kjonn", p.kjonn),
        ("DUFnummer", p.duf_nummer),
        ("ErSlettet", p.er_slettet),
    )


def _melding(w: _Writer, d: int, m: r.Melding) -> None:
    def body(i: int) -> None:
        for melder in m.melder:
            w.kode(i, "Melder", melder)
        for innhold in m.saksinnhold:
            w.kode(i, "Saksinnhold", innhold)
        w.coded_konklusjon(i, m.konklusjon, "Melding", m.id, presisering=False)

    pairs = (
        ("Id", m.id),
        ("MigrertId", m.migrert_id),
        ("StartDato", m.start_dato),
        ("ErSlettet", m.er_slettet),
    )
    w.element(d, "Melding", pairs, body)


def _undersokelse(w: _Writer, d: int, u: r.Undersokelse) -> None:
    def body(i: int) -> None:
        for grunnlag in u.vedtaksgrunnlag:
            w.kode(i, "Vedtaksgrunnlag", grunnlag)
        if u.medvirkning_dato is not None or u.medvirkning_type is not None:
            if u.medvirkning_dato is None or not u.medvirkning_type:
                raise BvrWriteError(f"Undersøkelse {u.id}: barnets medvirkning må ha både dato og type.")
            w.open(i, "BarnetsMedvirkning")
            w.text(i + 1, "StartDato", u.medvirkning_dato)
            w.text(i + 1, "MedvirkningType", u.medvirkning_type)
            w.close(i, "BarnetsMedvirkning")
        if u.utvidet_frist is not None:
            frist = u.utvidet_frist
            w.leaf(i, "UtvidetFrist", ("StartDato", frist.start_dato), ("Innvilget", frist.innvilget))
        w.coded_konklusjon(i, u.konklusjon, "Undersøkelse", u.id, presisering=True)

    pairs = (
        ("Id", u.id),
        ("MigrertId", u.migrert_id),
        ("StartDato", u.start_dato),
        ("ErSlettet", u.er_slettet),
    )
    w.element(d, "Undersokelse", pairs, body)


def _plan(w: _Writer, d: int, p: r.Plan) -> None:
    def body(i: int) -> None:
        for utfort in p.evalueringer:
            w.leaf(i, "Evaluering", ("UtfortDato", utfort))
        w.slutt(i, p.konklusjon)

    pairs = (
        ("Id", p.id),
        ("MigrertId", p.migrert_id),
        ("StartDato", p.start_dato),
        ("Plantype", p.plantype),
        ("ErSlettet", p.er_slettet),
    )
    w.element(d, "Plan", pairs, body)


def _visits(w: _Writer, d: int, hyppighet: Iterable[r.Hyppighet], utfort: Iterable[r.Utfort]) -> None:
    for h in hyppighet:
        w.leaf(d, "Hyppighet", ("Id", h.id), ("StartDato", h.start_dato), ("Kode", h.kode))
    for u in utfort:
        w.leaf(d, "Utfort", ("Id", u.id), ("UtfortDato", u.utfort_dato))


def _tiltak(w: _Writer, d: int, t: r.Tiltak) -> None:
    i = d + 1
    w.open(
        d,
        "Tiltak",
        ("Id", t.id),
        ("MigrertId", t.migrert_id),
        ("StartDato", t.start_dato),
        ("ErSlettet", t.er_slettet),
    )
    w.lovhjemmel(i, "Lovhjemmel", t.lovhjemmel)
    for jmfr in t.jmfr_lovhjemmel:
        w.lovhjemmel(i, "JmfrLovhjemmel", jmfr)
    w.kode(i, "Kategori", t.kategori)
    for grunnlag in t.tiltaksgrunnlag:
        w.kode(i, "Tiltaksgrunnlag", grunnlag)
    if t.tilsyn is not None:
        _require(t.tilsyn.ansvarlig, "ansvarlig kommune for tilsyn", "Tiltak", t.id)
        _require(t.tilsyn.hyppighet, "hyppighet for tilsyn", "Tiltak", t.id)
        w.open(i, "Tilsyn")
        for a in t.tilsyn.ansvarlig:
            w.leaf(
                i + 1,
                "Ansvarlig",
                ("Id", a.id),
                ("StartDato", a.start_dato),
                ("Kommunenummer", a.kommunenummer),
            )
        _visits(w, i + 1, t.tilsyn.hyppighet, t.tilsyn.utfort)
        w.close(i, "Tilsyn")
    if t.oppfolging is not None:
        hyppighet = t.oppfolging.hyppighet or (
            r.Hyppighet(str(uuid.uuid5(_OPPFOLGING_NS, t.id)), t.start_dato, "4"),
        )
        w.open(i, "Oppfolging")
        _visits(w, i + 1, hyppighet, t.oppfolging.utfort)
        w.close(i, "Oppfolging")
    if t.opphevelse is not None:
        w.kode(i, "Opphevelse", t.opphevelse)
    w.slutt(i, t.konklusjon)
    w.close(d, "Tiltak")


def _krav_konklusjon(w: _Writer, krav: r.Krav, depth: int) -> None:
    w.coded_konklusjon(depth, krav.konklusjon, "Krav", krav.id, presisering=True)


def _vedtak(w: _Writer, d: int, v: r.Vedtak) -> None:
    _require(v.status, "status", "Vedtak", v.id)
    i = d + 1
    w.open(
        d,
        "Vedtak",
        ("Id", v.id),
        ("MigrertId", v.migrert_id),
        ("StartDato", v.start_dato),
        ("ErSlettet", v.er_slettet),
    )
    w.lovhjemmel(i, "Lovhjemmel", v.lovhjemmel)
    for jmfr in v.jmfr_lovhjemmel:
        w.lovhjemmel(i, "JmfrLovhjemmel", jmfr)
    for krav in v.krav:
        w.element(
            i,
            "Krav",
            (("Id", krav.id), ("StartDato", krav.start_dato)),
            partial(_krav_konklusjon, w, krav),
        )
    for status in v.status:
        w.leaf(
            i,
            "Status",
            ("Id", status.id),
            ("EndretDato", status.endret_dato),
            ("Kode", status.kode),
        )
    w.slutt(i, v.konklusjon)
    w.close(d, "Vedtak")


def _ettervern(w: _Writer, d: int, e: r.Ettervern) -> None:
    pairs = (
        ("Id", e.id),
        ("MigrertId", e.migrert_id),
        ("TilbudSendtDato", e.tilbud_sendt_dato),
        ("ErSlettet", e.er_slettet),
    )
    w.element(
        d,
        "Ettervern",
        pairs,
        lambda i: w.coded_konklusjon(i, e.konklusjon, "Ettervern", e.id, presisering=False),
    )


def _oversendelse(w: _Writer, d: int, o: r.OversendelseFylkesnemnd) -> None:
    w.open(
        d,
        "OversendelseFylkesnemnd",
        ("Id", o.id),
        ("MigrertId", o.migrert_id),
        ("StartDato", o.start_dato),
        ("ErSlettet", o.er_slettet),
    )
    w.lovhjemmel(d + 1, "Lovhjemmel", o.lovhjemmel)
    for jmfr in o.jmfr_lovhjemmel:
        w.lovhjemmel(d + 1, "JmfrLovhjemmel", jmfr)
    w.close(d, "OversendelseFylkesnemnd")


def _flytting(w: _Writer, d: int, f: r.Flytting) -> None:
    w.open(
        d,
        "Flytting",
        ("Id", f.id),
        ("MigrertId", f.migrert_id),
        ("SluttDato", f.slutt_dato),
        ("ErSlettet", f.er_slettet),
    )
    w.kode(d + 1, "ArsakFra", f.arsak_fra)
    w.kode(d + 1, "FlyttingTil", f.flytting_til)
    w.close(d, "Flytting")


def _relasjon(w: _Writer, d: int, rel: r.Relasjon) -> None:
    w.leaf(
        d,
        "Relasjon",
        ("Id", rel.id),
        ("FraId", rel.fra_id),
        ("FraType", rel.fra_type),
        ("TilId", rel.til_id),
        ("TilType", rel.til_type),
        ("ErSlettet", rel.er_slettet),
    )


def _slettet(w: _Writer, d: int, s: r.Slettet) -> None:
    w.leaf(d, "Slettet", ("Id", s.id), ("Type", s.type), ("SluttDato", s.slutt_dato))


def _sak(w: _Writer, d: int, sak: r.SakRecord) -> None:
    avsluttet = {True: "true", False: "false", None: None}[sak.avsluttet]
    pairs = (
        ("Id", sak.id),
        ("MigrertId", sak.migrert_id),
        ("StartDato", sak.start_dato),
        ("SluttDato", sak.slutt_dato),
        ("Journalnummer", sak.journalnummer),
        ("Avsluttet", avsluttet),
        ("ErSlettet", sak.er_slettet),
    )

    def body(i: int) -> None:
        children: tuple[tuple[Sequence[object], Callable[[_Writer, int, Any], None]], ...] = (
            (sak.personalia, _personalia),
            (sak.meldinger, _melding),
            (sak.undersokelser, _undersokelse),
            (sak.planer, _plan),
            (sak.tiltak, _tiltak),
            (sak.vedtak, _vedtak),
            (sak.ettervern, _ettervern),
            (sak.oversendelser, _oversendelse),
            (sak.flyttinger, _flytting),
            (sak.relasjoner, _relasjon),
            (sak.slettet, _slettet),
        )
        for items, write in children:  # in the XSD's sequence order
            for item in items:
                write(w, i, item)

    w.element(d, "Sak", pairs, body)


def write_bvr(delivery: r.Delivery) -> bytes:
    """The delivery as a BVR v4 document (UTF-8 bytes).

    ``Delivery.id`` and ``dato_uttrekk`` are required: a delivery's identity and extract time
    are decided by the caller (the export service), never invented here.
    """
    if not delivery.id:
        raise BvrWriteError("Leveransen mangler Id (UUID); eksporten må tildele en.")
    if delivery.dato_uttrekk is None:
        raise BvrWriteError("Leveransen mangler DatoUttrekk (uttrekkstidspunkt).")
    fagsystem = delivery.fagsystem or DEFAULT_FAGSYSTEM
    avgiver = delivery.avgiver
    w = _Writer()
    w.open(
        0,
        "Barnevern",
        ("Id", delivery.id),
        ("DatoUttrekk", format_dato_uttrekk(delivery.dato_uttrekk)),
        ("ForrigeId", delivery.forrige_id),
    )
    w.leaf(
        1,
        "Fagsystem",
        ("Leverandor", fagsystem.leverandor),
        ("Navn", fagsystem.navn),
        ("Versjon", fagsystem.versjon),
    )
    w.leaf(
        1,
        "Avgiver",
        ("Organisasjonsnummer", avgiver.organisasjonsnummer),
        ("Kommunenummer", avgiver.kommunenummer),
        ("Kommunenavn", avgiver.kommunenavn),
        ("Bydelsnummer", avgiver.bydelsnummer),
        ("Bydelsnavn", avgiver.bydelsnavn),
    )
    _sak(w, 1, delivery.sak)
    w.close(0, "Barnevern")
    return "".join(w.out).encode("utf-8")


def next_delivery(delivery: r.Delivery, *, now: datetime | None = None) -> r.Delivery:
    """The same case as a new delivery: a fresh UUID4 ``Id``, ``DatoUttrekk`` = ``now``
    (default: the current time in Norway) and ``ForrigeId`` = the previous delivery's Id."""
    moment = now or datetime.now(OSLO)
    return replace(
        delivery,
        id=str(uuid.uuid4()),
        dato_uttrekk=moment,
        forrige_id=delivery.id or delivery.forrige_id,
    )
