"""Small builders for BVR-shaped records in rule tests (synthetic identities only).

Every builder takes the few fields a test cares about and fills the rest with valid defaults.
Ids are unique per call. Identity numbers are Test-Norge synthetic numbers (month + 80).
"""

from __future__ import annotations

import itertools
from datetime import date

from barnevern.records import (
    Bosted,
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
    Slettet,
    Tilsyn,
    Tiltak,
    Undersokelse,
    Utfort,
    UtvidetFrist,
)
from barnevern.rules.identity import synthetic_fnr

OPPDAL = "5021"
RENNEBU = "5022"

_ids = itertools.count(1)


def new_id(prefix: str = "id") -> str:
    return f"{prefix}-{next(_ids)}"


def fnr(serial: int, born: date = date(2015, 3, 14)) -> str:
    """The ``serial``-th synthetic fødselsnummer for a birth date."""
    return synthetic_fnr(born, serial, "2" if serial % 2 else "1")


def personalia(
    fodselsnummer: str | None = None, *, born: date = date(2015, 3, 14), duf: str | None = None
) -> Personalia:
    return Personalia(
        id=new_id("personalia"),
        start_dato=born,
        fodselsnummer=fodselsnummer if fodselsnummer is not None else fnr(0, born),
        fodseldato=born,
        kjonn="1",
        duf_nummer=duf,
    )


def melding(
    received: date,
    concluded: date | None = None,
    kode: str = "2",
    *,
    id: str | None = None,
    er_slettet: bool = False,
) -> Melding:
    return Melding(
        id=id or new_id("melding"),
        start_dato=received,
        melder=(KodeMedPresisering("9"),),
        saksinnhold=(KodeMedPresisering("8"),),
        konklusjon=Konklusjon(concluded, kode) if concluded else None,
        er_slettet=er_slettet,
    )


def undersokelse(
    start: date,
    concluded: date | None = None,
    kode: str = "3",
    *,
    extension: str | None = None,
    extension_applied: date | None = None,
    id: str | None = None,
    er_slettet: bool = False,
) -> Undersokelse:
    """``extension``: None (no application), "1" granted, "2" refused, "" pending."""
    utvidet = None
    if extension is not None:
        utvidet = UtvidetFrist(extension_applied or start, extension or None)
    return Undersokelse(
        id=id or new_id("undersokelse"),
        start_dato=start,
        utvidet_frist=utvidet,
        konklusjon=Konklusjon(concluded, kode) if concluded else None,
        er_slettet=er_slettet,
    )


HJELP = Lovhjemmel("BVL2021", "3", "1")
OMSORG = Lovhjemmel("BVL2021", "5", "1", bokstav=("a",))
OMSORG_1992 = Lovhjemmel("BVL", "4", "12")


def oppfolging(*done: date, frequency: str | None = "4", since: date = date(2000, 1, 1)) -> Oppfolging:
    hyppighet = (Hyppighet(new_id("h"), since, frequency),) if frequency else ()
    return Oppfolging(hyppighet, tuple(Utfort(new_id("u"), d) for d in done))


def tilsyn(*done: date, frequency: str | None = "4", since: date = date(2000, 1, 1)) -> Tilsyn:
    hyppighet = (Hyppighet(new_id("h"), since, frequency),) if frequency else ()
    return Tilsyn((), hyppighet, tuple(Utfort(new_id("u"), d) for d in done))


def tiltak(
    start: date,
    end: date | None = None,
    *,
    kategori: str = "4.6",
    lovhjemmel: Lovhjemmel = HJELP,
    oppfolging: Oppfolging | None = None,
    tilsyn: Tilsyn | None = None,
    id: str | None = None,
    er_slettet: bool = False,
) -> Tiltak:
    return Tiltak(
        id=id or new_id("tiltak"),
        start_dato=start,
        lovhjemmel=lovhjemmel,
        kategori=KodeMedPresisering(kategori),
        oppfolging=oppfolging,
        tilsyn=tilsyn,
        konklusjon=Konklusjon(end) if end else None,
        er_slettet=er_slettet,
    )


def omsorgstiltak(start: date, end: date | None = None, **kw) -> Tiltak:  # type: ignore[no-untyped-def]
    kw.setdefault("kategori", "2.2")
    return tiltak(start, end, lovhjemmel=OMSORG, **kw)


def plan(
    start: date,
    *,
    plantype: str = "1",
    end: date | None = None,
    evalueringer: tuple[date, ...] = (),
    er_slettet: bool = False,
) -> Plan:
    return Plan(
        id=new_id("plan"),
        start_dato=start,
        plantype=plantype,
        evalueringer=evalueringer,
        konklusjon=Konklusjon(end) if end else None,
        er_slettet=er_slettet,
    )


def link(melding_: Melding, undersokelse_: Undersokelse) -> Relasjon:
    return Relasjon(new_id("rel"), melding_.id, "Melding", undersokelse_.id, "Undersokelse")


def sak(
    *,
    child: int | str | None = 0,
    kommune: str = OPPDAL,
    bosted: tuple[tuple[date, str], ...] | None = None,
    personalia_: tuple[Personalia, ...] | None = None,
    meldinger: tuple[Melding, ...] = (),
    undersokelser: tuple[Undersokelse, ...] = (),
    tiltak_: tuple[Tiltak, ...] = (),
    planer: tuple[Plan, ...] = (),
    relasjoner: tuple[Relasjon, ...] = (),
    slettet: tuple[Slettet, ...] = (),
    er_slettet: bool = False,
    born: date = date(2015, 3, 14),
    start: date = date(2015, 3, 14),
    id: str | None = None,
) -> SakRecord:
    """A Sak for child ``child``: an int = the n-th synthetic fnr, a str = that fnr, None = no
    Personalia. ``bosted`` as ((from, kommunenr), ...); default one Bosted in ``kommune``."""
    if personalia_ is None:
        if child is None:
            personalia_ = ()
        else:
            number = fnr(child, born) if isinstance(child, int) else child
            personalia_ = (personalia(number, born=born),)
    places = bosted if bosted is not None else ((start, kommune),)
    return SakRecord(
        id=id or new_id("sak"),
        start_dato=start,
        journalnummer="2022/1",
        er_slettet=er_slettet,
        personalia=personalia_,
        meldinger=meldinger,
        undersokelser=undersokelser,
        tiltak=tiltak_,
        planer=planer,
        relasjoner=relasjoner,
        slettet=slettet,
        bosted=tuple(Bosted(d, k) for d, k in places),
    )
