"""Map 15F records to BVR-shaped records: one ``Delivery`` per ``Individ``.

See :func:`to_deliveries` and ``docs/kostra-15f.md`` for the mapping table.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from barnevern import records as r
from barnevern.formats.kostra15f.model import (
    Avgiver15F,
    Individ15F,
    Kode15F,
    Kostra15FFile,
    Lovhjemmel15F,
)
from barnevern.rules.identity import birth_date_from_fnr

__all__ = ["NAMESPACE_15F", "to_deliveries"]

# Namespace for the deterministic BVR ids derived from 15F ids (uuid5; never change it).
NAMESPACE_15F = uuid.UUID("9b59c8b7-6c65-528b-a2ca-c114cf57b502")


def _kjonn(fnr: str) -> str:
    """BVR Kjonn from the 9th digit (odd: gutt "1", even: jente "2"); "0" (ufødt) for 99999."""
    if fnr.endswith("99999"):
        return "0"
    return "1" if int(fnr[8]) % 2 else "2"


def _kmp(kode: Kode15F) -> r.KodeMedPresisering:
    return r.KodeMedPresisering(kode.kode, kode.presisering)


def _lov(hjemmel: Lovhjemmel15F) -> r.Lovhjemmel:
    def parts(value: str | None) -> tuple[str, ...]:
        return (value,) if value else ()

    return r.Lovhjemmel(
        lov=hjemmel.lov,
        kapittel=hjemmel.kapittel,
        paragraf=hjemmel.paragraf,
        ledd=parts(hjemmel.ledd),
        bokstav=parts(hjemmel.bokstav),
        punktum=parts(hjemmel.punktum),
    )


def _ended(
    slutt: date | None, kode: str | None = None, presisering: str | None = None
) -> r.Konklusjon | None:
    return r.Konklusjon(slutt, kode, presisering) if slutt else None


class _Ids:
    """Deterministic BVR ids: uuid5 of (orgnr, Individ/@Id, element path).

    The same file imported twice gives the same ids, so re-import is idempotent.
    """

    def __init__(self, orgnr: str, individ_id: str) -> None:
        self.prefix = (orgnr, individ_id)

    def __call__(self, *path: str) -> str:
        return str(uuid.uuid5(NAMESPACE_15F, "\x1f".join((*self.prefix, *path))))


def _sak(individ: Individ15F, avgiver: Avgiver15F, year: int | None) -> tuple[r.SakRecord, dict[str, Any]]:
    uid = _Ids(avgiver.organisasjonsnummer, individ.id)
    extra: dict[str, str] = {"individ_id": individ.id, "versjon": avgiver.versjon}
    if individ.distriktsnummer:
        extra["distriktsnummer"] = individ.distriktsnummer
    personalia: tuple[r.Personalia, ...] = ()
    fnr = individ.fodselsnummer
    born = birth_date_from_fnr(fnr, year) if fnr else None
    if born is None and fnr and fnr.isdigit() and len(fnr) == 11 and fnr.endswith("55555"):
        born = birth_date_from_fnr(fnr[:6] + "00100", year)  # «fødselsdato + 55555» (15F spec)
    if fnr and born:
        personalia = (
            r.Personalia(
                id=uid("Personalia"),
                start_dato=individ.start_dato,
                fodselsnummer=fnr,
                fodseldato=born,
                kjonn=_kjonn(fnr),
                duf_nummer=individ.duf_nummer,
                line=individ.line,
            ),
        )
    else:  # no birth date to build Personalia from: keep the numbers for a person to check
        extra.update({"fodselsnummer": fnr or "", "duf_nummer": individ.duf_nummer or ""})
    meldinger, undersokelser, relasjoner = [], [], []
    for m in individ.meldinger:
        melding_id = uid("Melding", m.id)
        meldinger.append(
            r.Melding(
                id=melding_id,
                start_dato=m.start_dato,
                melder=tuple(_kmp(k) for k in m.melder),
                saksinnhold=tuple(_kmp(k) for k in m.saksinnhold),
                konklusjon=_ended(m.slutt_dato, m.konklusjon),
                migrert_id=m.id,
                line=m.line,
            )
        )
        u = m.undersokelse
        if u is None:
            continue
        undersokelse_id = uid("Melding", m.id, "Undersokelse", u.id)
        undersokelser.append(
            r.Undersokelse(
                id=undersokelse_id,
                start_dato=u.start_dato,
                vedtaksgrunnlag=tuple(_kmp(k) for k in u.vedtaksgrunnlag),
                konklusjon=_ended(u.slutt_dato, u.konklusjon, u.presisering),
                migrert_id=u.id,
                line=u.line,
            )
        )
        relasjoner.append(
            r.Relasjon(
                id=uid("Relasjon", m.id, u.id),
                fra_id=melding_id,
                fra_type="Melding",
                til_id=undersokelse_id,
                til_type="Undersokelse",
                line=u.line,
            )
        )
    sak = r.SakRecord(
        id=uid(),
        start_dato=individ.start_dato,
        journalnummer=individ.journalnummer,
        slutt_dato=individ.slutt_dato,
        avsluttet=individ.avsluttet,
        migrert_id=individ.id,
        personalia=personalia,
        meldinger=tuple(meldinger),
        undersokelser=tuple(undersokelser),
        planer=tuple(
            r.Plan(
                id=uid("Plan", p.id),
                start_dato=p.start_dato,
                plantype=p.plantype,
                evalueringer=(p.evaluert_dato,) if p.evaluert_dato else (),
                konklusjon=_ended(p.slutt_dato),
                migrert_id=p.id,
                line=p.line,
            )
            for p in individ.planer
        ),
        tiltak=tuple(
            r.Tiltak(
                id=uid("Tiltak", t.id),
                start_dato=t.start_dato,
                lovhjemmel=_lov(t.lovhjemmel),
                kategori=_kmp(t.kategori),
                jmfr_lovhjemmel=tuple(_lov(j) for j in t.jmfr_lovhjemmel),
                tiltaksgrunnlag=tuple(_kmp(k) for k in t.tiltaksgrunnlag),
                opphevelse=_kmp(t.opphevelse) if t.opphevelse else None,
                konklusjon=_ended(t.slutt_dato),
                migrert_id=t.id,
                line=t.line,
            )
            for t in individ.tiltak
        ),
        flyttinger=tuple(
            r.Flytting(
                id=uid("Flytting", f.id),
                slutt_dato=f.slutt_dato,
                arsak_fra=_kmp(f.arsak_fra),
                flytting_til=_kmp(f.flytting_til),
                migrert_id=f.id,
                line=f.line,
            )
            for f in individ.flyttinger
        ),
        relasjoner=tuple(relasjoner),
        bosted=(r.Bosted(fra_dato=individ.start_dato, kommunenummer=avgiver.kommunenummer),),
        saksbehandler=individ.saksbehandler,
        line=individ.line,
    )
    return sak, extra


def to_deliveries(file15f: Kostra15FFile) -> list[r.Delivery]:
    """One BVR-shaped :class:`~barnevern.records.Delivery` per ``Individ``.

    * Ids become deterministic UUIDs (uuid5 of organisation number, ``Individ/@Id`` and the
      element's path); the 15F ids are kept as ``migrert_id``.
    * ``Melding/Undersokelse`` becomes a BVR ``Undersokelse`` plus ``Relasjon`` Melding →
      Undersokelse; ``@SluttDato``/``@Konklusjon`` become ``Konklusjon`` elements.
    * ``Fodselsnummer``/``DUFnummer`` become ``Personalia`` (birth date from the number, sex from
      the 9th digit). Without a readable birth date there is no Personalia; the numbers are
      kept in ``Delivery.extra`` instead.
    * ``Avslutta3112="1"`` gives ``SakRecord.avsluttet``; ``Saksbehandler`` is kept; one
      ``Bosted`` from the Avgiver municipality at the Individ's start date.
    """
    avgiver = file15f.avgiver
    year = int(avgiver.versjon[:4]) if avgiver.versjon[:4].isdigit() else None
    deliveries = []
    for individ in file15f.individer:
        sak, extra = _sak(individ, avgiver, year)
        deliveries.append(
            r.Delivery(
                avgiver=r.Avgiver(
                    organisasjonsnummer=avgiver.organisasjonsnummer,
                    kommunenummer=avgiver.kommunenummer,
                    kommunenavn=avgiver.kommunenavn,
                    bydelsnummer=individ.bydelsnummer,
                    bydelsnavn=individ.bydelsnavn,
                ),
                sak=sak,
                source="15f",
                extra=extra,
            )
        )
    return deliveries
