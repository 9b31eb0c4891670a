"""The case page's timeline, built from the case record (no database, no Django).

melding → undersøkelse → vedtak → tiltak → plans, evaluations, visits → flytting, ettervern,
in date order, each with a Norwegian title and details: codes shown with their short display
label (``rules.labels.display``), legal bases as «bvl. § 4-2» (``rules.labels.hjemmel_label``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from barnevern.records import SakRecord
from barnevern.rules import labels


@dataclass(frozen=True, slots=True)
class Event:
    day: date
    kind: str  # melding, undersokelse, vedtak, tiltak, plan, evaluering, besok, flytting, ettervern ...
    title: str
    details: tuple[str, ...] = ()
    element_id: str | None = None
    open: bool = False  # an element still waiting for a conclusion
    actions: tuple[str, ...] = field(default=())


def awaits_vedtak(konklusjon_kode: str | None, undersokelse_id: str, decided: set[str]) -> bool:
    """An investigation concluded with code 1 (the service decides measures) waits for its
    vedtak until a Relasjon Undersokelse → Vedtak links one (SSB's Undersøkelse K21);
    ``decided`` holds the ids of the investigations that have one."""
    return konklusjon_kode == "1" and undersokelse_id not in decided


def _koder(list_key: str, items: tuple) -> str:
    return ", ".join(
        labels.display(list_key, k.kode) + (f" ({k.presisering})" if k.presisering else "") for k in items
    )


def build(rec: SakRecord) -> list[Event]:
    events: list[Event] = []
    for mel in rec.meldinger:
        if mel.er_slettet:
            continue
        details = (
            f"Melder: {_koder('melder', mel.melder)}",
            f"Saksinnhold: {_koder('saksinnhold', mel.saksinnhold)}",
        )
        events.append(
            Event(
                mel.start_dato,
                "melding",
                "Melding mottatt",
                details,
                mel.id,
                mel.konklusjon is None,
                ("konkluder",) if mel.konklusjon is None else (),
            )
        )
        if mel.konklusjon:
            events.append(
                Event(
                    mel.konklusjon.slutt_dato,
                    "melding-konklusjon",
                    f"Melding konkludert: {labels.display('melding_konklusjon', mel.konklusjon.kode)}",
                    (),
                    mel.id,
                )
            )
    decided = {
        r.fra_id
        for r in rec.relasjoner
        if not r.er_slettet and r.fra_type == "Undersokelse" and r.til_type == "Vedtak"
    }
    for und in rec.undersokelser:
        if und.er_slettet:
            continue
        details: list[str] = []
        if und.utvidet_frist:
            svar = {"1": "innvilget", "2": "avslått"}.get(und.utvidet_frist.innvilget or "", "ikke avgjort")
            details.append(f"Utvidet frist søkt {und.utvidet_frist.start_dato:%d.%m.%Y}: {svar}")
        events.append(
            Event(
                und.start_dato,
                "undersokelse",
                "Undersøkelse startet",
                tuple(details),
                und.id,
                und.konklusjon is None,
                ("konkluder", "utvidet-frist") if und.konklusjon is None else (),
            )
        )
        if und.konklusjon:
            grunnlag = _koder("saksinnhold", und.vedtaksgrunnlag)
            events.append(
                Event(
                    und.konklusjon.slutt_dato,
                    "undersokelse-konklusjon",
                    "Undersøkelse konkludert: "
                    + labels.display("undersokelse_konklusjon", und.konklusjon.kode),
                    (f"Vedtaksgrunnlag: {grunnlag}",) if grunnlag else (),
                    und.id,
                    actions=("vedtak",) if awaits_vedtak(und.konklusjon.kode, und.id, decided) else (),
                )
            )
    for ved in rec.vedtak:
        if ved.er_slettet:
            continue
        status = ved.status[-1].kode if ved.status else None
        events.append(
            Event(
                ved.start_dato,
                "vedtak",
                f"Vedtak etter {labels.hjemmel_label(ved.lovhjemmel)}",
                (f"Status: {labels.display('vedtak_status', status)}",) if status else (),
                ved.id,
            )
        )
    for til in rec.tiltak:
        if til.er_slettet:
            continue
        details = [f"Hjemmel: {labels.hjemmel_label(til.lovhjemmel)}"]
        if til.oppfolging and til.oppfolging.hyppighet:
            frequency = labels.display("oppfolging_hyppighet", til.oppfolging.hyppighet[-1].kode)
            details.append(f"Oppfølgingsbesøk: {frequency}")
        if til.tilsyn and til.tilsyn.hyppighet:
            details.append(
                f"Tilsynsbesøk: {labels.display('tilsyn_hyppighet', til.tilsyn.hyppighet[-1].kode)}"
            )
        events.append(
            Event(
                til.start_dato,
                "tiltak",
                f"Tiltak: {labels.display('kategori', til.kategori.kode)}",
                tuple(details),
                til.id,
                til.konklusjon is None,
                ("besok", "avslutt") if til.konklusjon is None else (),
            )
        )
        for kind, visits in (
            ("Oppfølgingsbesøk", til.oppfolging.utfort if til.oppfolging else ()),
            ("Tilsynsbesøk", til.tilsyn.utfort if til.tilsyn else ()),
        ):
            for visit in visits:
                events.append(Event(visit.utfort_dato, "besok", kind, (), til.id))
        if til.konklusjon:
            events.append(
                Event(
                    til.konklusjon.slutt_dato,
                    "tiltak-slutt",
                    f"Tiltak avsluttet: {labels.display('kategori', til.kategori.kode)}",
                    (),
                    til.id,
                )
            )
    for plan in rec.planer:
        if plan.er_slettet:
            continue
        events.append(
            Event(
                plan.start_dato,
                "plan",
                f"Plan: {labels.display('plantype', plan.plantype)}",
                (),
                plan.id,
                plan.konklusjon is None,
                ("evaluer",) if plan.konklusjon is None else (),
            )
        )
        for day in plan.evalueringer:
            events.append(
                Event(
                    day,
                    "evaluering",
                    f"Plan evaluert: {labels.display('plantype', plan.plantype)}",
                    (),
                    plan.id,
                )
            )
    for ov in rec.oversendelser:
        if not ov.er_slettet:
            events.append(
                Event(
                    ov.start_dato,
                    "oversendelse",
                    f"Sak oversendt nemnda ({labels.hjemmel_label(ov.lovhjemmel)})",
                    (),
                    ov.id,
                )
            )
    for fl in rec.flyttinger:
        if not fl.er_slettet:
            events.append(
                Event(
                    fl.slutt_dato,
                    "flytting",
                    f"Flytting: {labels.display('flytting_til', fl.flytting_til.kode)}",
                    (f"Årsak: {labels.display('arsak_fra', fl.arsak_fra.kode)}", *_moved(rec, fl.slutt_dato)),
                    fl.id,
                )
            )
    for ett in rec.ettervern:
        if not ett.er_slettet:
            events.append(
                Event(
                    ett.tilbud_sendt_dato,
                    "ettervern",
                    "Tilbud om ettervern sendt",
                    (f"Svar: {labels.display('ettervern_konklusjon', ett.konklusjon.kode)}",)
                    if ett.konklusjon
                    else (),
                    ett.id,
                    ett.konklusjon is None,
                    ("svar",) if ett.konklusjon is None else (),
                )
            )
    order = {
        "melding": 0,
        "melding-konklusjon": 1,
        "undersokelse": 2,
        "undersokelse-konklusjon": 3,
        "vedtak": 4,
        "tiltak": 5,
        "plan": 6,
    }
    events.sort(key=lambda e: (e.day, order.get(e.kind, 9)))
    return [_with_corrections(e) for e in events]


CORRECTABLE = frozenset({"melding", "vedtak", "tiltak", "plan"})
ANNULLABLE = frozenset(
    {"melding", "undersokelse", "vedtak", "tiltak", "plan", "oversendelse", "flytting", "ettervern"}
)


def _with_corrections(event: Event) -> Event:
    """Every registered element can be annulled (a wrong registration); melding, vedtak, tiltak
    and plan can also be corrected as a new version (``cases.corrections``)."""
    if event.kind not in ANNULLABLE or event.element_id is None:
        return event
    extra = (("rett",) if event.kind in CORRECTABLE else ()) + ("annuller",)
    return replace(event, actions=(*event.actions, *extra))


def _moved(rec: SakRecord, day: date) -> tuple[str, ...]:
    """«Ny bostedskommune: 3428» when the child's municipality changed on ``day``."""
    before, after = rec.kommune_on(day - timedelta(days=1)), rec.kommune_on(day)
    if after and after != before:
        return (f"Ny bostedskommune: {after}",)
    return ()
