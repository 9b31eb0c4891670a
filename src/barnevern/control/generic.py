"""Two code-list rules SSB's specifications lack, driven by ``barnevern.rules.codes``.

* **Generell K1 – Kode gyldig på dato.** The XSDs accept expired codes (each version keeps
  the codes of earlier years), and neither SSB rule set checks validity dates
  (``ssb-barnevern.md`` §2.2, "Gaps"). A code must be valid on some day of the element's
  period: from its start date to its end date, or DatoUttrekk while it is open. Codes that
  record an event are judged on that event's date (a conclusion code on the conclusion date,
  a Status on EndretDato, Plantype on the plan's start, Flytting codes on the move). The
  period reading lets a melding received in December with old codes be concluded in January,
  and an open measure keep the category it started with. A ``validFrom`` shared by the whole
  list only says when SSB's list began (Kjonn and Flytting from 2022) and is not applied;
  codes added later than their list (Melder 24/25, Kunnskapsmodellen, Plantype 5-8) are.
* **Generell K2 – Kode krever presisering.** A code marked "(krever presisering)" in the code
  list without ``Presisering``. Codes already covered by an SSB rule are skipped so nothing is
  reported twice (``BVR_COVERED``: Melder K2, Saksinnhold K2, Undersøkelse K3, Tiltak K7,
  Tiltak K8; ``KOSTRA_15F_COVERED`` adds 15F's Undersøkelse K3). What remains is e.g.
  Tiltaksgrunnlag 18/19, Undersøkelse-konklusjon 5 in BVR, Krav-konklusjon 9 and ÅrsakFra
  1.1.5/1.2.3/2.9.

Severity is WARNING for BVR and INFO for records mapped from KOSTRA 15F (the caller chooses).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from barnevern.control.base import REGISTRY, Finding, Severity
from barnevern.display import day_text
from barnevern.records import Delivery, KodeMedPresisering, SakRecord, positional_constructor
from barnevern.rules import codes

__all__ = [
    "BVR_COVERED",
    "KOSTRA_15F_COVERED",
    "CodedValue",
    "check_code_presisering",
    "check_code_validity",
    "check_codes",
    "coded_values",
]

SOURCE = "Barnevern (tillegg til SSBs regler)"
BVR_COVERED = frozenset({"melder", "saksinnhold", "vedtaksgrunnlag", "kategori", "opphevelse"})
KOSTRA_15F_COVERED = BVR_COVERED | {"undersokelse_konklusjon"}


@dataclass(frozen=True, slots=True)
class CodedValue:
    """One coded value in a Sak, with the period it must be valid in."""

    list_key: str  # key in barnevern.rules.codes (also the "covered" key)
    path: str  # where it sits, for messages: "Melding/Melder"
    kode: str
    first: date
    last: date
    element: Any  # the record carrying id and line
    presisering: str | None = None
    takes_presisering: bool = False


_cv = positional_constructor(CodedValue)  # all eight fields, positionally


# A coded value as a plain tuple, in CodedValue's field order (cheaper to make than the record).
_Coded = tuple[str, str, str, date, date, Any, str | None, bool]


def _kmp(key: str, path: str, value: KodeMedPresisering, first: date, last: date, el: Any) -> _Coded:
    return (key, path, value.kode, first, last, el, value.presisering, True)


def _period(start: date, end: date | None, as_of: date) -> tuple[date, date]:
    last = end if end is not None else max(start, as_of)
    return start, max(start, last)


def _live(items: Any) -> list[Any]:
    return [i for i in items if not getattr(i, "er_slettet", False)]


def coded_values(sak: SakRecord, as_of: date) -> Iterator[CodedValue]:
    """Every coded value of the live elements in ``sak``."""
    for value in _coded(sak, as_of):
        yield _cv(*value)


def _coded(sak: SakRecord, as_of: date) -> Iterator[_Coded]:
    """``coded_values`` as tuples."""
    for p in _live(sak.personalia):
        yield ("kjonn", "Personalia/Kjonn", p.kjonn, p.start_dato, p.start_dato, p, None, False)
    for m in _live(sak.meldinger):
        end = m.konklusjon.slutt_dato if m.konklusjon else None
        first, last = _period(m.start_dato, end, as_of)
        for v in m.melder:
            yield _kmp("melder", "Melding/Melder", v, first, last, m)
        for v in m.saksinnhold:
            yield _kmp("saksinnhold", "Melding/Saksinnhold", v, first, last, m)
        if m.konklusjon and m.konklusjon.kode:
            day = m.konklusjon.slutt_dato
            yield ("melding_konklusjon", "Melding/Konklusjon", m.konklusjon.kode, day, day, m, None, False)
    for u in _live(sak.undersokelser):
        k = u.konklusjon
        first, last = _period(u.start_dato, k.slutt_dato if k else None, as_of)
        for v in u.vedtaksgrunnlag:
            yield _kmp("vedtaksgrunnlag", "Undersokelse/Vedtaksgrunnlag", v, first, last, u)
        if u.medvirkning_type:
            day = u.medvirkning_dato or u.start_dato
            yield (
                "medvirkning",
                "Undersokelse/BarnetsMedvirkning",
                u.medvirkning_type,
                day,
                day,
                u,
                None,
                False,
            )
        if u.utvidet_frist and u.utvidet_frist.innvilget:
            day = u.utvidet_frist.start_dato
            yield (
                "utvidet_frist",
                "Undersokelse/UtvidetFrist",
                u.utvidet_frist.innvilget,
                day,
                day,
                u,
                None,
                False,
            )
        if k and k.kode:
            yield (
                "undersokelse_konklusjon",
                "Undersokelse/Konklusjon",
                k.kode,
                k.slutt_dato,
                k.slutt_dato,
                u,
                k.presisering,
                True,
            )
    for p in _live(sak.planer):
        yield ("plantype", "Plan/Plantype", p.plantype, p.start_dato, p.start_dato, p, None, False)
    yield from _tiltak_values(sak, as_of)
    for v in _live(sak.vedtak):
        for s in v.status:
            yield ("vedtak_status", "Vedtak/Status", s.kode, s.endret_dato, s.endret_dato, v, None, False)
        for krav in v.krav:
            k = krav.konklusjon
            if k and k.kode:
                yield (
                    "krav_konklusjon",
                    "Vedtak/Krav/Konklusjon",
                    k.kode,
                    k.slutt_dato,
                    k.slutt_dato,
                    v,
                    k.presisering,
                    True,
                )
    for e in _live(sak.ettervern):
        if e.konklusjon and e.konklusjon.kode:
            day = e.konklusjon.slutt_dato
            yield (
                "ettervern_konklusjon",
                "Ettervern/Konklusjon",
                e.konklusjon.kode,
                day,
                day,
                e,
                None,
                False,
            )
    for f in _live(sak.flyttinger):
        day = f.slutt_dato
        yield _kmp("arsak_fra", "Flytting/ArsakFra", f.arsak_fra, day, day, f)
        yield _kmp("flytting_til", "Flytting/FlyttingTil", f.flytting_til, day, day, f)


def _tiltak_values(sak: SakRecord, as_of: date) -> Iterator[_Coded]:
    for t in _live(sak.tiltak):
        end = t.konklusjon.slutt_dato if t.konklusjon else None
        first, last = _period(t.start_dato, end, as_of)
        yield ("lov", "Tiltak/Lovhjemmel/Lov", t.lovhjemmel.lov, first, last, t, None, False)
        yield _kmp("kategori", "Tiltak/Kategori", t.kategori, first, last, t)
        for v in t.tiltaksgrunnlag:
            yield _kmp("tiltaksgrunnlag", "Tiltak/Tiltaksgrunnlag", v, first, last, t)
        if t.opphevelse:
            yield _kmp("opphevelse", "Tiltak/Opphevelse", t.opphevelse, last, last, t)
        for part, follow, key in (
            ("Tilsyn", t.tilsyn, "tilsyn_hyppighet"),
            ("Oppfolging", t.oppfolging, "oppfolging_hyppighet"),
        ):
            for h in follow.hyppighet if follow else ():
                day = h.start_dato
                yield (key, f"Tiltak/{part}/Hyppighet", h.kode, day, day, t, None, False)


def _span(first: date, last: date) -> str:
    return f"på {day_text(first)}" if first == last else f"i perioden {day_text(first)}–{day_text(last)}"


def _validity_problem(value: CodedValue) -> str | None:
    found, starts = _code_info(value.list_key, value.kode)
    if found is None:
        return (
            f"{value.path}: koden «{value.kode}» finnes ikke i kodelisten. Bruk en kode fra "
            "SSBs gjeldende kodeliste."
        )
    in_period = (starts is None or starts <= value.last) and (
        found.valid_to is None or found.valid_to >= value.first
    )
    if in_period:
        return None
    span = f"{_nb(found.valid_from) or '…'}–{_nb(found.valid_to) or ''}"
    return (
        f"{value.path}: koden «{found.label}» er ikke gyldig {_span(value.first, value.last)} "
        f"(gyldig {span}). Bruk en kode som gjelder på elementets dato."
    )


@lru_cache(maxsize=4096)
def _code_info(list_key: str, kode: str) -> tuple[codes.Code | None, date | None]:
    """The code (``codes.lookup``, a scan of the list) and its start (``_introduced``),
    looked up once per (list, code) for the life of the process."""
    found = codes.lookup(list_key, kode)
    return found, None if found is None else _introduced(list_key, found.valid_from)


def _presisering_problem(value: CodedValue, covered: frozenset[str]) -> str | None:
    if not value.takes_presisering or value.list_key in covered:
        return None
    found = _code_info(value.list_key, value.kode)[0]
    if found is None or not found.requires_presisering or (value.presisering or "").strip():
        return None
    return f"{value.path}: koden «{found.label}» krever presisering. Fyll ut Presisering."


@cache
def _list_start(list_key: str) -> date | None:
    return min((c.valid_from for c in codes.codes(list_key) if c.valid_from), default=None)


def _introduced(list_key: str, valid_from: date | None) -> date | None:
    """The code's start date, or None when it only marks when the list itself began.

    Many lists carry the start of SSB's registry as every code's ``validFrom`` (Kjonn and the
    Flytting lists from 2022, Melder from 2013). That is not a rule about the child's dates, so
    only codes added later than the rest of their list (Melder 24/25 in 2025, Kunnskapsmodellen
    in 2026, Plantype 5-8 in 2023 ...) are checked against their start.
    """
    return None if valid_from is None or valid_from == _list_start(list_key) else valid_from


def _nb(day: date | None) -> str:
    return day_text(day)


def _finding(rule: str, severity: Severity, message: str, file: str, delivery: Delivery, el: Any) -> Finding:
    """A finding; for 15F records the file's own ids (kept as MigrertId) are named."""
    sak = delivery.sak
    if delivery.source == "15f":
        sak_id, element_id = sak.migrert_id or sak.id, getattr(el, "migrert_id", None)
    else:
        sak_id, element_id = sak.id, getattr(el, "id", None)
    if element_id is None and el is not sak:
        element_id = getattr(el, "id", None)
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        file=file,
        line=getattr(el, "line", None),
        sak_id=sak_id,
        element_id=element_id,
    )


def _as_of(delivery: Delivery, as_of: date | None) -> date:
    if as_of is not None:
        return as_of
    return delivery.dato_uttrekk.date() if delivery.dato_uttrekk else date.today()


@REGISTRY.rule(
    "Generell K1",
    Severity.WARNING,
    "generic",
    "Kode gyldig på dato: koden må gjelde i elementets periode (INFO for 15F)",
    SOURCE,
)
def check_code_validity(
    delivery: Delivery,
    *,
    file: str,
    severity: Severity = Severity.WARNING,
    as_of: date | None = None,
) -> list[Finding]:
    """Generell K1: codes not valid in the element's period (or unknown to the code list)."""
    sak = delivery.sak
    if sak.er_slettet:
        return []
    findings = []
    for value in coded_values(sak, _as_of(delivery, as_of)):
        problem = _validity_problem(value)
        if problem:
            findings.append(_finding("Generell K1", severity, problem, file, delivery, value.element))
    return findings


@REGISTRY.rule(
    "Generell K2",
    Severity.WARNING,
    "generic",
    "Kode krever presisering: kode merket «krever presisering» mangler presisering (INFO for 15F)",
    SOURCE,
)
def check_code_presisering(
    delivery: Delivery,
    *,
    file: str,
    severity: Severity = Severity.WARNING,
    as_of: date | None = None,
    covered: frozenset[str] = BVR_COVERED,
) -> list[Finding]:
    """Generell K2: a code requiring Presisering without one (``covered`` lists are skipped)."""
    sak = delivery.sak
    if sak.er_slettet:
        return []
    findings = []
    for value in coded_values(sak, _as_of(delivery, as_of)):
        message = _presisering_problem(value, covered)
        if message:
            findings.append(_finding("Generell K2", severity, message, file, delivery, value.element))
    return findings


def check_codes(
    delivery: Delivery,
    *,
    file: str,
    severity: Severity = Severity.WARNING,
    as_of: date | None = None,
    covered: frozenset[str] = BVR_COVERED,
) -> list[Finding]:
    """Both generic rules for one delivery (BVR: WARNING; 15F: pass ``Severity.INFO`` and
    ``covered=KOSTRA_15F_COVERED``): Generell K1's findings, then Generell K2's, from one
    pass over the coded values."""
    sak = delivery.sak
    if sak.er_slettet:
        return []
    validity: list[Finding] = []
    presisering: list[Finding] = []
    code_info = _code_info
    for value in _coded(sak, _as_of(delivery, as_of)):
        # The usual case (a known code, valid in the period, nothing missing) decided here on
        # the tuple; a finding's message comes from the same functions as the two rules'.
        key, _path, kode, first, last, element, text, takes = value
        found, starts = code_info(key, kode)
        if (
            found is None
            or (starts is not None and starts > last)
            or (found.valid_to is not None and found.valid_to < first)
        ):
            problem = _validity_problem(_cv(*value))
            if problem:
                validity.append(_finding("Generell K1", severity, problem, file, delivery, element))
        if takes and found is not None and found.requires_presisering and key not in covered:
            message = _presisering_problem(_cv(*value), covered)
            if message:
                presisering.append(_finding("Generell K2", severity, message, file, delivery, element))
    return validity + presisering
