"""Small builders for synthetic BVR records used by the deadline tests (no real persons)."""

from __future__ import annotations

from datetime import date

from barnevern.records import (
    Hyppighet,
    KodeMedPresisering,
    Konklusjon,
    Lovhjemmel,
    Melding,
    Oppfolging,
    Personalia,
    Plan,
    Relasjon,
    SakRecord,
    Tilsyn,
    Tiltak,
    Undersokelse,
    Utfort,
    UtvidetFrist,
    Vedtak,
    VedtakStatus,
)

SYNTHETIC_FNR = "01011000100"  # birth date + 00100: an incomplete (synthetic) number


def sak(**parts: object) -> SakRecord:
    return SakRecord(id="sak-1", start_dato=date(2020, 1, 1), journalnummer="J-1", **parts)  # type: ignore[arg-type]


def personalia(birth: date) -> Personalia:
    return Personalia(
        id="p-1", start_dato=birth, fodselsnummer=SYNTHETIC_FNR, fodseldato=birth, kjonn="1"
    )


def melding(
    mid: str, received: date, concluded: date | None = None, kode: str = "2", **kw: object
) -> Melding:
    konklusjon = Konklusjon(concluded, kode) if concluded else None
    return Melding(id=mid, start_dato=received, konklusjon=konklusjon, **kw)  # type: ignore[arg-type]


def undersokelse(
    uid: str,
    start: date,
    concluded: date | None = None,
    extension: str | None = None,
    applied: date | None = None,
) -> Undersokelse:
    frist = UtvidetFrist(applied or start, extension) if extension is not None else None
    konklusjon = Konklusjon(concluded, "1") if concluded else None
    return Undersokelse(id=uid, start_dato=start, utvidet_frist=frist, konklusjon=konklusjon)


def plan(
    pid: str,
    start: date,
    plantype: str,
    evaluations: tuple[date, ...] = (),
    ends: date | None = None,
) -> Plan:
    konklusjon = Konklusjon(ends) if ends else None
    return Plan(
        id=pid, start_dato=start, plantype=plantype, evalueringer=evaluations, konklusjon=konklusjon
    )


def hjemmel(text: str) -> Lovhjemmel:
    """``"BVL2021 3-1"`` or ``"BVL 4-6 2"`` (law, kapittel-paragraf, optional ledd)."""
    lov, ref, *ledd = text.split()
    kapittel, paragraf = ref.split("-")
    return Lovhjemmel(lov, kapittel, paragraf, tuple(ledd))


def tiltak(
    tid: str,
    start: date,
    basis: str = "BVL2021 3-1",
    kategori: str = "4.6",
    ends: date | None = None,
    oppfolging: Oppfolging | None = None,
    tilsyn: Tilsyn | None = None,
) -> Tiltak:
    return Tiltak(
        id=tid,
        start_dato=start,
        lovhjemmel=hjemmel(basis),
        kategori=KodeMedPresisering(kategori),
        konklusjon=Konklusjon(ends) if ends else None,
        oppfolging=oppfolging,
        tilsyn=tilsyn,
    )


def vedtak(
    vid: str,
    start: date,
    basis: str,
    status: tuple[tuple[str, date], ...] = (),
    ends: date | None = None,
) -> Vedtak:
    return Vedtak(
        id=vid,
        start_dato=start,
        lovhjemmel=hjemmel(basis),
        status=tuple(
            VedtakStatus(f"{vid}-s{i}", day, kode) for i, (kode, day) in enumerate(status)
        ),
        konklusjon=Konklusjon(ends) if ends else None,
    )


def relasjon(rid: str, fra: tuple[str, str], til: tuple[str, str]) -> Relasjon:
    return Relasjon(id=rid, fra_type=fra[0], fra_id=fra[1], til_type=til[0], til_id=til[1])


def visits(*days: date) -> tuple[Utfort, ...]:
    return tuple(Utfort(f"u-{i}", day) for i, day in enumerate(days))


def frequency(*changes: tuple[date, str]) -> tuple[Hyppighet, ...]:
    return tuple(Hyppighet(f"h-{i}", day, kode) for i, (day, kode) in enumerate(changes))
