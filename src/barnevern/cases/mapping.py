"""Rows ↔ records: the only place that knows both the tables and ``barnevern.records``.

``sak_to_record`` builds a ``SakRecord`` from a Sak whose related rows are prefetched
(see ``queries.PREFETCH``), so a list of cases becomes records in a constant number of
queries. ``record_rows`` does the reverse for storing a whole delivery.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.db.models.base import ModelState

from barnevern import records as r
from barnevern.cases import models as m

# ---- JSON helpers (nested lists are stored in the records' own shape) ----------------


def _d(value: str | date | None) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(value)


def kode_to_json(k: r.KodeMedPresisering) -> dict[str, Any]:
    return {"kode": k.kode, "presisering": k.presisering}


def kode_from_json(data: dict[str, Any]) -> r.KodeMedPresisering:
    return r.KodeMedPresisering(data["kode"], data.get("presisering") or None)


def lov_to_json(lov: r.Lovhjemmel) -> dict[str, Any]:
    return {
        "lov": lov.lov,
        "kapittel": lov.kapittel,
        "paragraf": lov.paragraf,
        "ledd": list(lov.ledd),
        "bokstav": list(lov.bokstav),
        "punktum": list(lov.punktum),
    }


def lov_from_json(data: dict[str, Any]) -> r.Lovhjemmel:
    return r.Lovhjemmel(
        lov=data["lov"],
        kapittel=str(data["kapittel"]),
        paragraf=str(data["paragraf"]),
        ledd=tuple(str(x) for x in data.get("ledd", ())),
        bokstav=tuple(data.get("bokstav", ())),
        punktum=tuple(str(x) for x in data.get("punktum", ())),
    )


def _hyppighet_json(items: tuple[r.Hyppighet, ...]) -> list[dict[str, str]]:
    return [{"id": h.id, "start_dato": h.start_dato.isoformat(), "kode": h.kode} for h in items]


def _utfort_json(items: tuple[r.Utfort, ...]) -> list[dict[str, str]]:
    return [{"id": u.id, "utfort_dato": u.utfort_dato.isoformat()} for u in items]


def _hyppighet(items: list[dict[str, str]]) -> tuple[r.Hyppighet, ...]:
    return tuple(r.Hyppighet(h["id"], date.fromisoformat(h["start_dato"]), h["kode"]) for h in items)


def _utfort(items: list[dict[str, str]]) -> tuple[r.Utfort, ...]:
    return tuple(r.Utfort(u["id"], date.fromisoformat(u["utfort_dato"])) for u in items)


def tilsyn_to_json(t: r.Tilsyn | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "ansvarlig": [
            {"id": a.id, "start_dato": a.start_dato.isoformat(), "kommunenummer": a.kommunenummer}
            for a in t.ansvarlig
        ],
        "hyppighet": _hyppighet_json(t.hyppighet),
        "utfort": _utfort_json(t.utfort),
    }


def tilsyn_from_json(data: dict[str, Any] | None) -> r.Tilsyn | None:
    if data is None:
        return None
    return r.Tilsyn(
        ansvarlig=tuple(
            r.TilsynAnsvarlig(a["id"], date.fromisoformat(a["start_dato"]), a["kommunenummer"])
            for a in data.get("ansvarlig", [])
        ),
        hyppighet=_hyppighet(data.get("hyppighet", [])),
        utfort=_utfort(data.get("utfort", [])),
    )


def oppfolging_to_json(o: r.Oppfolging | None) -> dict[str, Any] | None:
    if o is None:
        return None
    return {"hyppighet": _hyppighet_json(o.hyppighet), "utfort": _utfort_json(o.utfort)}


def oppfolging_from_json(data: dict[str, Any] | None) -> r.Oppfolging | None:
    if data is None:
        return None
    return r.Oppfolging(_hyppighet(data.get("hyppighet", [])), _utfort(data.get("utfort", [])))


def _konklusjon(dato: date | None, kode: str = "", presisering: str = "") -> r.Konklusjon | None:
    if dato is None:
        return None
    return r.Konklusjon(dato, kode or None, presisering or None)


# ---- rows → records ------------------------------------------------------------------


def _live(rows: Any) -> list[Any]:
    return list(rows.all())


def sak_to_record(sak: m.Sak, elements: Mapping[str, list[Any]] | None = None) -> r.SakRecord:
    """The case (a Sak, or any object with its columns) as a record. Prefetch the related rows
    first (``queries.PREFETCH``), or pass them as ``elements`` (related name → rows in the
    model's default order), which is how ``queries.iter_records`` reads thousands of cases
    without a queryset per relation."""

    def rows(name: str) -> list[Any]:
        if elements is not None:
            return elements.get(name, [])
        return _live(getattr(sak, name))

    return r.SakRecord(
        id=str(sak.id),
        start_dato=sak.start_dato,
        journalnummer=sak.journalnummer,
        slutt_dato=sak.slutt_dato,
        avsluttet=sak.avsluttet,
        migrert_id=sak.migrert_id or None,
        er_slettet=sak.er_slettet,
        saksbehandler=sak.saksbehandler_navn or None,
        personalia=tuple(
            r.Personalia(
                id=str(p.id),
                start_dato=p.start_dato,
                fodselsnummer=p.fodselsnummer,
                fodseldato=p.fodseldato,
                kjonn=p.kjonn,
                duf_nummer=p.duf_nummer or None,
                er_slettet=p.er_slettet,
            )
            for p in rows("personalia")
        ),
        meldinger=tuple(
            r.Melding(
                id=str(x.id),
                start_dato=x.start_dato,
                melder=tuple(kode_from_json(k) for k in x.melder),
                saksinnhold=tuple(kode_from_json(k) for k in x.saksinnhold),
                konklusjon=_konklusjon(x.konklusjon_dato, x.konklusjon_kode),
                migrert_id=x.migrert_id or None,
                er_slettet=x.er_slettet,
            )
            for x in rows("meldinger")
        ),
        undersokelser=tuple(
            r.Undersokelse(
                id=str(x.id),
                start_dato=x.start_dato,
                vedtaksgrunnlag=tuple(kode_from_json(k) for k in x.vedtaksgrunnlag),
                medvirkning_dato=x.medvirkning_dato,
                medvirkning_type=x.medvirkning_type or None,
                utvidet_frist=(
                    r.UtvidetFrist(x.utvidet_frist_dato, x.utvidet_frist_innvilget or None)
                    if x.utvidet_frist_dato
                    else None
                ),
                konklusjon=_konklusjon(x.konklusjon_dato, x.konklusjon_kode, x.konklusjon_presisering),
                migrert_id=x.migrert_id or None,
                er_slettet=x.er_slettet,
            )
            for x in rows("undersokelser")
        ),
        planer=tuple(
            r.Plan(
                id=str(x.id),
                start_dato=x.start_dato,
                plantype=x.plantype,
                evalueringer=tuple(sorted(date.fromisoformat(d) for d in x.evalueringer)),
                konklusjon=_konklusjon(x.slutt_dato),
                migrert_id=x.migrert_id or None,
                er_slettet=x.er_slettet,
            )
            for x in rows("planer")
        ),
        tiltak=tuple(
            r.Tiltak(
                id=str(x.id),
                start_dato=x.start_dato,
                lovhjemmel=lov_from_json(x.lovhjemmel),
                kategori=r.KodeMedPresisering(x.kategori_kode, x.kategori_presisering or None),
                jmfr_lovhjemmel=tuple(lov_from_json(j) for j in x.jmfr_lovhjemmel),
                tiltaksgrunnlag=tuple(kode_from_json(k) for k in x.tiltaksgrunnlag),
                tilsyn=tilsyn_from_json(x.tilsyn),
                oppfolging=oppfolging_from_json(x.oppfolging),
                opphevelse=(
                    r.KodeMedPresisering(x.opphevelse_kode, x.opphevelse_presisering or None)
                    if x.opphevelse_kode
                    else None
                ),
                konklusjon=_konklusjon(x.slutt_dato),
                migrert_id=x.migrert_id or None,
                er_slettet=x.er_slettet,
            )
            for x in rows("tiltak")
        ),
        vedtak=tuple(
            r.Vedtak(
                id=str(x.id),
                start_dato=x.start_dato,
                lovhjemmel=lov_from_json(x.lovhjemmel),
                status=tuple(
                    r.VedtakStatus(s["id"], date.fromisoformat(s["endret_dato"]), s["kode"]) for s in x.status
                ),
                jmfr_lovhjemmel=tuple(lov_from_json(j) for j in x.jmfr_lovhjemmel),
                krav=tuple(
                    r.Krav(
                        k["id"],
                        date.fromisoformat(k["start_dato"]),
                        _konklusjon(
                            _d((k.get("konklusjon") or {}).get("slutt_dato")),
                            (k.get("konklusjon") or {}).get("kode") or "",
                            (k.get("konklusjon") or {}).get("presisering") or "",
                        ),
                    )
                    for k in x.krav
                ),
                konklusjon=_konklusjon(x.slutt_dato),
                migrert_id=x.migrert_id or None,
                er_slettet=x.er_slettet,
            )
            for x in rows("vedtak")
        ),
        ettervern=tuple(
            r.Ettervern(
                id=str(x.id),
                tilbud_sendt_dato=x.tilbud_sendt_dato,
                konklusjon=_konklusjon(x.konklusjon_dato, x.konklusjon_kode),
                migrert_id=x.migrert_id or None,
                er_slettet=x.er_slettet,
            )
            for x in rows("ettervern")
        ),
        oversendelser=tuple(
            r.OversendelseFylkesnemnd(
                id=str(x.id),
                start_dato=x.start_dato,
                lovhjemmel=lov_from_json(x.lovhjemmel),
                jmfr_lovhjemmel=tuple(lov_from_json(j) for j in x.jmfr_lovhjemmel),
                migrert_id=x.migrert_id or None,
                er_slettet=x.er_slettet,
            )
            for x in rows("oversendelser")
        ),
        flyttinger=tuple(
            r.Flytting(
                id=str(x.id),
                slutt_dato=x.slutt_dato,
                arsak_fra=r.KodeMedPresisering(x.arsak_fra_kode, x.arsak_fra_presisering or None),
                flytting_til=r.KodeMedPresisering(x.flytting_til_kode, x.flytting_til_presisering or None),
                migrert_id=x.migrert_id or None,
                er_slettet=x.er_slettet,
            )
            for x in rows("flyttinger")
        ),
        relasjoner=tuple(
            r.Relasjon(
                id=str(x.id),
                fra_id=x.fra_id,
                fra_type=x.fra_type,
                til_id=x.til_id,
                til_type=x.til_type,
                er_slettet=x.er_slettet,
            )
            for x in rows("relasjoner")
        ),
        slettet=tuple(r.Slettet(x.element_id, x.type, x.slutt_dato) for x in rows("slettet")),
        bosted=tuple(r.Bosted(b.fra_dato, b.kommunenummer) for b in rows("bosteder")),
    )


# ---- records → rows ------------------------------------------------------------------


def unsaved(model: type[Any]) -> Callable[..., Any]:
    """A constructor of unsaved ``model`` rows that gives the same instance as
    ``model(**values)`` without running ``Model.__init__`` (signals, per-field descriptor
    calls): about five times cheaper, which counts for a national import of 100 000 cases with
    eight rows each. ``values`` are field names; a foreign key is given as the related object
    (``sak=sak``), as to the model itself. Fields not given get their default."""
    fields = model._meta.concrete_fields
    fixed: dict[str, Any] = {}
    callables: list[tuple[str, str, Callable[[], Any]]] = []
    for f in fields:
        if f.has_default() and callable(f.default):
            callables.append((f.name, f.attname, f.default))
        else:
            fixed[f.attname] = f.get_default()
    relations = {f.name: f.attname for f in fields if f.is_relation}
    known = {f.name for f in fields} | {f.attname for f in fields}
    new = object.__new__

    def make(**values: Any) -> Any:
        obj = new(model)
        state = ModelState()
        obj._state = state
        d = dict(fixed)
        for name, attname, default in callables:
            if name not in values and attname not in values:  # as Model.__init__: no default
                d[attname] = default()
        for name, attname in relations.items():
            if name in values:
                related = values.pop(name)
                d[attname] = None if related is None else related.pk
                state.fields_cache[name] = related
        unknown = values.keys() - known
        if unknown:
            raise TypeError(
                f"{model.__name__} got unexpected keyword arguments: {', '.join(sorted(unknown))}"
            )
        d.update(values)
        obj.__dict__.update(d)
        return obj

    return make


def record_rows(rec: r.SakRecord, sak: m.Sak) -> dict[type, list[Any]]:
    """Unsaved rows for every element of ``rec``, attached to ``sak`` (for bulk_create)."""
    common = lambda x: {"migrert_id": x.migrert_id or "", "er_slettet": x.er_slettet}  # noqa: E731
    rows: dict[type, list[Any]] = {
        m.Personalia: [
            _NEW[m.Personalia](
                id=p.id,
                sak=sak,
                start_dato=p.start_dato,
                fodselsnummer=p.fodselsnummer,
                fodseldato=p.fodseldato,
                kjonn=p.kjonn,
                duf_nummer=p.duf_nummer or "",
                er_slettet=p.er_slettet,
            )
            for p in rec.personalia
        ],
        m.Melding: [
            _NEW[m.Melding](
                id=x.id,
                sak=sak,
                start_dato=x.start_dato,
                melder=[kode_to_json(k) for k in x.melder],
                saksinnhold=[kode_to_json(k) for k in x.saksinnhold],
                konklusjon_dato=x.konklusjon.slutt_dato if x.konklusjon else None,
                konklusjon_kode=(x.konklusjon.kode or "") if x.konklusjon else "",
                **common(x),
            )
            for x in rec.meldinger
        ],
        m.Undersokelse: [
            _NEW[m.Undersokelse](
                id=x.id,
                sak=sak,
                start_dato=x.start_dato,
                vedtaksgrunnlag=[kode_to_json(k) for k in x.vedtaksgrunnlag],
                medvirkning_dato=x.medvirkning_dato,
                medvirkning_type=x.medvirkning_type or "",
                utvidet_frist_dato=x.utvidet_frist.start_dato if x.utvidet_frist else None,
                utvidet_frist_innvilget=(x.utvidet_frist.innvilget or "") if x.utvidet_frist else "",
                konklusjon_dato=x.konklusjon.slutt_dato if x.konklusjon else None,
                konklusjon_kode=(x.konklusjon.kode or "") if x.konklusjon else "",
                konklusjon_presisering=(x.konklusjon.presisering or "") if x.konklusjon else "",
                **common(x),
            )
            for x in rec.undersokelser
        ],
        m.Plan: [
            _NEW[m.Plan](
                id=x.id,
                sak=sak,
                start_dato=x.start_dato,
                plantype=x.plantype,
                evalueringer=[d.isoformat() for d in x.evalueringer],
                slutt_dato=x.konklusjon.slutt_dato if x.konklusjon else None,
                **common(x),
            )
            for x in rec.planer
        ],
        m.Tiltak: [
            _NEW[m.Tiltak](
                id=x.id,
                sak=sak,
                start_dato=x.start_dato,
                lovhjemmel=lov_to_json(x.lovhjemmel),
                jmfr_lovhjemmel=[lov_to_json(j) for j in x.jmfr_lovhjemmel],
                kategori_kode=x.kategori.kode,
                kategori_presisering=x.kategori.presisering or "",
                tiltaksgrunnlag=[kode_to_json(k) for k in x.tiltaksgrunnlag],
                tilsyn=tilsyn_to_json(x.tilsyn),
                oppfolging=oppfolging_to_json(x.oppfolging),
                opphevelse_kode=x.opphevelse.kode if x.opphevelse else "",
                opphevelse_presisering=(x.opphevelse.presisering or "") if x.opphevelse else "",
                slutt_dato=x.konklusjon.slutt_dato if x.konklusjon else None,
                **common(x),
            )
            for x in rec.tiltak
        ],
        m.Vedtak: [
            _NEW[m.Vedtak](
                id=x.id,
                sak=sak,
                start_dato=x.start_dato,
                lovhjemmel=lov_to_json(x.lovhjemmel),
                jmfr_lovhjemmel=[lov_to_json(j) for j in x.jmfr_lovhjemmel],
                status=[
                    {"id": s.id, "endret_dato": s.endret_dato.isoformat(), "kode": s.kode} for s in x.status
                ],
                krav=[
                    {
                        "id": k.id,
                        "start_dato": k.start_dato.isoformat(),
                        "konklusjon": (
                            {
                                "slutt_dato": k.konklusjon.slutt_dato.isoformat(),
                                "kode": k.konklusjon.kode,
                                "presisering": k.konklusjon.presisering,
                            }
                            if k.konklusjon
                            else None
                        ),
                    }
                    for k in x.krav
                ],
                slutt_dato=x.konklusjon.slutt_dato if x.konklusjon else None,
                **common(x),
            )
            for x in rec.vedtak
        ],
        m.Ettervern: [
            _NEW[m.Ettervern](
                id=x.id,
                sak=sak,
                tilbud_sendt_dato=x.tilbud_sendt_dato,
                konklusjon_dato=x.konklusjon.slutt_dato if x.konklusjon else None,
                konklusjon_kode=(x.konklusjon.kode or "") if x.konklusjon else "",
                **common(x),
            )
            for x in rec.ettervern
        ],
        m.OversendelseFylkesnemnd: [
            _NEW[m.OversendelseFylkesnemnd](
                id=x.id,
                sak=sak,
                start_dato=x.start_dato,
                lovhjemmel=lov_to_json(x.lovhjemmel),
                jmfr_lovhjemmel=[lov_to_json(j) for j in x.jmfr_lovhjemmel],
                **common(x),
            )
            for x in rec.oversendelser
        ],
        m.Flytting: [
            _NEW[m.Flytting](
                id=x.id,
                sak=sak,
                slutt_dato=x.slutt_dato,
                arsak_fra_kode=x.arsak_fra.kode,
                arsak_fra_presisering=x.arsak_fra.presisering or "",
                flytting_til_kode=x.flytting_til.kode,
                flytting_til_presisering=x.flytting_til.presisering or "",
                **common(x),
            )
            for x in rec.flyttinger
        ],
        m.Relasjon: [
            _NEW[m.Relasjon](
                id=x.id,
                sak=sak,
                fra_id=x.fra_id,
                fra_type=x.fra_type,
                til_id=x.til_id,
                til_type=x.til_type,
                er_slettet=x.er_slettet,
            )
            for x in rec.relasjoner
        ],
        m.Slettet: [
            _NEW[m.Slettet](sak=sak, element_id=x.id, type=x.type, slutt_dato=x.slutt_dato)
            for x in rec.slettet
        ],
        m.Bosted: [
            _NEW[m.Bosted](sak=sak, fra_dato=b.fra_dato, kommunenummer=b.kommunenummer) for b in rec.bosted
        ],
    }
    return rows


_NEW = {model: unsaved(model) for model in m.ELEMENT_MODELS.values()}
