"""BVR rules on the case as a whole: Filbeskrivelse, Sak K1, K2a, K7, K8, K21, K22, K23.

Source: ``spec/bvr-Kravspesifikasjon.md`` § Filbeskrivelse and § Sak; ``ssb-barnevern.md`` §2.2.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

from barnevern.control.base import Finding, Severity
from barnevern.control.bvr.common import open_subelements
from barnevern.control.bvr.context import BvrContext, Hit, bvr_rule, fmt, hit
from barnevern.control.bvr.history import SlettetHistory, k22_message
from barnevern.records import Delivery, SakRecord

__all__ = ["SlettetSummary", "element_keys", "slettet_history", "summarise_slettet"]


@bvr_rule("Filbeskrivelse", Severity.FATAL, "Innholdet er feil i forhold til filbeskrivelsen / XSD")
def filbeskrivelse(ctx: BvrContext) -> Iterator[Hit]:
    """The document fails the XSD. Checked by the pipeline before records exist; no-op here."""
    return iter(())


def _dates(ctx: BvrContext) -> Iterator[tuple[str, date, Any]]:
    """Every date in the case as (field name, date, element that carries it)."""
    sak = ctx.sak
    yield "Sak/StartDato", sak.start_dato, sak
    if sak.slutt_dato:
        yield "Sak/SluttDato", sak.slutt_dato, sak
    for p in ctx.personalia:
        yield "Personalia/StartDato", p.start_dato, p
        yield "Personalia/Fodseldato", p.fodseldato, p
    for m in ctx.meldinger:
        yield "Melding/StartDato", m.start_dato, m
        if m.konklusjon:
            yield "Melding/Konklusjon/SluttDato", m.konklusjon.slutt_dato, m
    for u in ctx.undersokelser:
        yield "Undersokelse/StartDato", u.start_dato, u
        if u.medvirkning_dato:
            yield "Undersokelse/BarnetsMedvirkning/StartDato", u.medvirkning_dato, u
        if u.utvidet_frist:
            yield "Undersokelse/UtvidetFrist/StartDato", u.utvidet_frist.start_dato, u
        if u.konklusjon:
            yield "Undersokelse/Konklusjon/SluttDato", u.konklusjon.slutt_dato, u
    for p in ctx.planer:
        yield "Plan/StartDato", p.start_dato, p
        for day in p.evalueringer:
            yield "Plan/Evaluering/UtfortDato", day, p
        if p.konklusjon:
            yield "Plan/Konklusjon/SluttDato", p.konklusjon.slutt_dato, p
    for t in ctx.tiltak:
        yield "Tiltak/StartDato", t.start_dato, t
        for part, follow in (("Tilsyn", t.tilsyn), ("Oppfolging", t.oppfolging)):
            if follow is None:
                continue
            for a in getattr(follow, "ansvarlig", ()):
                yield f"Tiltak/{part}/Ansvarlig/StartDato", a.start_dato, t
            for h in follow.hyppighet:
                yield f"Tiltak/{part}/Hyppighet/StartDato", h.start_dato, t
            for u in follow.utfort:
                yield f"Tiltak/{part}/Utfort/UtfortDato", u.utfort_dato, t
        if t.konklusjon:
            yield "Tiltak/Konklusjon/SluttDato", t.konklusjon.slutt_dato, t
    for v in ctx.vedtak:
        yield "Vedtak/StartDato", v.start_dato, v
        for s in v.status:
            yield "Vedtak/Status/EndretDato", s.endret_dato, v
        for k in v.krav:
            yield "Vedtak/Krav/StartDato", k.start_dato, v
            if k.konklusjon:
                yield "Vedtak/Krav/Konklusjon/SluttDato", k.konklusjon.slutt_dato, v
        if v.konklusjon:
            yield "Vedtak/Konklusjon/SluttDato", v.konklusjon.slutt_dato, v
    for e in ctx.ettervern:
        yield "Ettervern/TilbudSendtDato", e.tilbud_sendt_dato, e
        if e.konklusjon:
            yield "Ettervern/Konklusjon/SluttDato", e.konklusjon.slutt_dato, e
    for o in ctx.oversendelser:
        yield "OversendelseFylkesnemnd/StartDato", o.start_dato, o
    for f in ctx.flyttinger:
        yield "Flytting/SluttDato", f.slutt_dato, f
    for s in sak.slettet:
        yield "Slettet/SluttDato", s.slutt_dato, s


@bvr_rule(
    "Sak K1",
    Severity.ERROR,
    "Alle datoer i saken må ligge mellom 01.01.(år − 26) og 31.12.(år + 26)",
)
def sak_k1(ctx: BvrContext) -> Iterator[Hit]:
    """Any date before 01.01.(year − 26) or after 31.12.(year + 26); year = DatoUttrekk's."""
    low, high = date(ctx.year - 26, 1, 1), date(ctx.year + 26, 12, 31)
    for name, day, element in _dates(ctx):
        if not low <= day <= high:
            yield hit(
                element,
                f"{name}: Dato ({fmt(day)}) må være mellom {fmt(low)} og {fmt(high)}. "
                "Rett datoen (trolig en skrivefeil i årstallet).",
            )


@bvr_rule("Sak K2a", Severity.ERROR, "Sakens startdato er etter sluttdato")
def sak_k2a(ctx: BvrContext) -> Iterator[Hit]:
    """Sak StartDato after SluttDato."""
    sak = ctx.sak
    if sak.slutt_dato and sak.start_dato > sak.slutt_dato:
        yield hit(
            sak,
            f"Sakens startdato {fmt(sak.start_dato)} er etter sluttdato {fmt(sak.slutt_dato)}. "
            "Rett en av datoene.",
        )


def _still_active(ctx: BvrContext) -> bool:
    """Open Sak, or sub-elements without an end date (Vedtak excepted), as K7/K8 read it."""
    return ctx.sak.slutt_dato is None or bool(open_subelements(ctx, include_vedtak=False))


@bvr_rule(
    "Sak K7",
    Severity.WARNING,
    "Klient som er 25 år eller eldre skal avsluttes i barnevernet",
)
def sak_k7(ctx: BvrContext) -> Iterator[Hit]:
    """Age ≥ 25 at DatoUttrekk while the Sak or a sub-element (not Vedtak) is still open."""
    age = ctx.age_on(ctx.as_of)
    if age is not None and age >= 25 and _still_active(ctx):
        yield hit(
            ctx.sak,
            f"Klienten er over 25 år og skal avsluttes som klient. Alder: {age} år. "
            "Avslutt åpne elementer og sett sluttdato på saken.",
        )


@bvr_rule("Sak K8", Severity.ERROR, "Klient som er 18 år eller eldre skal ha tiltak")
def sak_k8(ctx: BvrContext) -> Iterator[Hit]:
    """Age ≥ 18 at DatoUttrekk, no Tiltak, and the Sak or a sub-element (not Vedtak) is open."""
    age = ctx.age_on(ctx.as_of)
    if age is not None and age >= 18 and not ctx.tiltak and _still_active(ctx):
        yield hit(
            ctx.sak,
            f"Klienten er over 18 år og skal dermed ha tiltak. Alder: {age} år. "
            "Registrer tiltaket (f.eks. ettervern), eller avslutt saken.",
        )


@bvr_rule(
    "Sak K21",
    Severity.ERROR,
    "Åpen sak skal ha melding, undersøkelse, vedtak, tiltak, plan, ettervern eller oversendelse",
)
def sak_k21(ctx: BvrContext) -> Iterator[Hit]:
    """An open Sak with none of the seven kinds of sub-element."""
    sak = ctx.sak
    groups = (
        ctx.meldinger,
        ctx.undersokelser,
        ctx.vedtak,
        ctx.tiltak,
        ctx.planer,
        ctx.ettervern,
        ctx.oversendelser,
    )
    if sak.slutt_dato is None and not any(groups):
        yield hit(
            sak,
            "Klienten har ingen meldinger, undersøkelser, vedtak, tiltak, planer, ettervern "
            "eller oversendelse fylkesnemnd. Saken bør avsluttes (sett sluttdato).",
        )


_GROUPS = (
    ("Personalia", "personalia"),
    ("Melding", "meldinger"),
    ("Undersokelse", "undersokelser"),
    ("Plan", "planer"),
    ("Tiltak", "tiltak"),
    ("Vedtak", "vedtak"),
    ("Ettervern", "ettervern"),
    ("OversendelseFylkesnemnd", "oversendelser"),
    ("Flytting", "flyttinger"),
    ("Relasjon", "relasjoner"),
)


_GROUP_NAMES = tuple(type_name for type_name, _ in _GROUPS)
_group_items = attrgetter(*(attr for _, attr in _GROUPS))


def element_keys(sak: SakRecord) -> frozenset[tuple[str, str]]:
    """``(BegrepsType, Id)`` of every element in the Sak, deleted ones included."""
    return frozenset(
        (type_name, element.id)
        for type_name, items in zip(_GROUP_NAMES, _group_items(sak), strict=True)
        for element in items
    )


@bvr_rule(
    "Sak K22",
    Severity.WARNING,
    "Slettet peker til et element som aldri er rapportert",
)
def sak_k22(ctx: BvrContext) -> Iterator[Hit]:
    """A ``Slettet`` whose (Type, Id) was never reported.

    A deleted element is normally gone from the next full delivery, so one file alone cannot
    tell whether the target ever existed. The rule therefore needs history: ``known_elements``
    (elements of earlier deliveries, e.g. from the database). Without it the rule is silent
    here, and the pipeline checks across all deliveries of the same Sak in one run
    (:func:`slettet_history`).
    """
    if ctx.known_elements is None:
        return
    known = ctx.known_elements | element_keys(ctx.sak)
    for s in ctx.sak.slettet:
        if (s.type, s.id) not in known:
            yield hit(s, k22_message(s.type, s.id))


@bvr_rule(
    "Sak K23",
    Severity.INFO,
    "Når saken er avsluttet, bør alle underelementer være avsluttet",
)
def sak_k23(ctx: BvrContext) -> Iterator[Hit]:
    """A closed Sak with sub-elements (Vedtak included) without SluttDato."""
    sak = ctx.sak
    if sak.slutt_dato is None:
        return
    for type_name, element in open_subelements(ctx, include_vedtak=True):
        yield hit(
            element,
            f"Underelement i lukket sak mangler sluttdato ({type_name}). Sett "
            f"Konklusjon/SluttDato senest {fmt(sak.slutt_dato)}.",
        )


@dataclass(frozen=True, slots=True)
class SlettetSummary:
    """What the run-level Sak K22 check keeps of one delivery."""

    file: str
    sak_id: str
    elements: frozenset[tuple[str, str]]
    slettet: tuple[tuple[str, str, int | None], ...]  # (Type, Id, line)


def summarise_slettet(delivery: Delivery, file: str) -> SlettetSummary:
    sak = delivery.sak
    return SlettetSummary(
        file=file,
        sak_id=sak.id,
        elements=element_keys(sak),
        slettet=tuple((s.type, s.id, s.line) for s in sak.slettet),
    )


def slettet_history(summaries: Iterable[SlettetSummary]) -> list[Finding]:
    """Sak K22 across deliveries: for every Sak delivered at least twice in one run, a Slettet
    whose target appears in none of those deliveries. The pipeline feeds a
    ``history.SlettetHistory`` directly, which keeps memory bounded in long runs."""
    history = SlettetHistory()
    for s in summaries:
        history.add(s.file, s.sak_id, s.elements, s.slettet)
    return history.findings()
