"""Demo cases: a few dozen synthetic, current cases per service, relative to ``today``.

Built as ``SakRecord`` objects and stored through ``cases.services.store_record`` (the same
path an import takes). All dates lie within the two years before ``today`` so they never
disturb the historical figures of the seeds (2019–2022), which ``demo.seeds`` recreates.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from barnevern import records as r
from barnevern.accounts.models import User
from barnevern.cases import models as m
from barnevern.cases.services import store_record
from barnevern.organisation.models import Tjeneste
from barnevern.rules.identity import synthetic_fnr

FORNAVN = (
    "Emma",
    "Noah",
    "Nora",
    "Jakob",
    "Sofie",
    "Emil",
    "Olivia",
    "Lucas",
    "Ella",
    "Filip",
    "Maja",
    "Oskar",
    "Ingrid",
    "Aksel",
    "Leah",
    "Henrik",
    "Frida",
    "Magnus",
    "Selma",
    "Tobias",
)
ETTERNAVN = (
    "Nordli",
    "Haugstad",
    "Bekkelund",
    "Solberg",
    "Østvang",
    "Lien",
    "Brattås",
    "Myrvold",
    "Sæther",
    "Kvernmo",
    "Grindal",
    "Aune",
    "Holm",
    "Rustad",
    "Engen",
)

CASES_PER_SERVICE = 30


class _Ids:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def _lov(day: date, kapittel: str, paragraf: str, ledd: tuple[str, ...] = ()) -> r.Lovhjemmel:
    return r.Lovhjemmel("BVL2021" if day >= date(2023, 1, 1) else "BVL", kapittel, paragraf, ledd)


def build_case(rng: random.Random, ids: _Ids, n: int, kommune: str, today: date, kind: str) -> r.SakRecord:
    """One case of a shape in ``KINDS`` (new, late, investigating, support, foster home, closed)."""
    age = rng.randint(1, 16)
    born = date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
    sex = rng.choice("12")
    fnr = synthetic_fnr(born, n % 40, sex)
    start = {
        "ny": today - timedelta(days=rng.randint(0, 5)),
        "forsinket": today - timedelta(days=rng.randint(9, 14)),
        "undersokelse": today - timedelta(days=rng.randint(60, 105)),
    }.get(kind, today - timedelta(days=rng.randint(200, 700)))
    melding_id, und_id, vedtak_id, tiltak_id = ids(), ids(), ids(), ids()
    melding_konkl = (
        None if kind in {"ny", "forsinket"} else r.Konklusjon(start + timedelta(days=rng.randint(2, 7)), "2")
    )
    meldinger = (
        r.Melding(
            melding_id,
            start,
            melder=(r.KodeMedPresisering(rng.choice(["2", "9", "11", "8", "10"])),),
            saksinnhold=(
                r.KodeMedPresisering(
                    rng.choice(["1.1.02", "2.1.02", "2.4.05", "3.1.08"])
                    if start >= date(2026, 1, 1)
                    else rng.choice(["2", "3", "6", "21"])
                ),
            ),
            konklusjon=melding_konkl,
        ),
    )
    undersokelser: tuple[r.Undersokelse, ...] = ()
    vedtak: tuple[r.Vedtak, ...] = ()
    tiltak: tuple[r.Tiltak, ...] = ()
    planer: tuple[r.Plan, ...] = ()
    relasjoner = []
    slutt = None
    if melding_konkl is not None:
        u_start = melding_konkl.slutt_dato
        concluded = kind != "undersokelse"
        u_end = u_start + timedelta(days=rng.randint(40, 85)) if concluded else None
        utvidet = (
            r.UtvidetFrist(u_start + timedelta(days=70), "1")
            if kind == "undersokelse" and n % 3 == 0
            else None
        )
        undersokelser = (
            r.Undersokelse(
                und_id,
                u_start,
                vedtaksgrunnlag=(
                    r.KodeMedPresisering("2.1.02" if u_end and u_end >= date(2026, 1, 1) else "21"),
                )
                if concluded and kind != "avsluttet"
                else (),
                utvidet_frist=utvidet,
                konklusjon=r.Konklusjon(u_end, "1" if kind in {"hjelpetiltak", "fosterhjem"} else "3")
                if u_end
                else None,
            ),
        )
        planer = (r.Plan(ids(), u_start + timedelta(days=3), "7" if u_start >= date(2023, 1, 1) else "1"),)
        relasjoner.append(r.Relasjon(ids(), melding_id, "Melding", und_id, "Undersokelse"))
        if kind in {"hjelpetiltak", "fosterhjem"} and u_end is not None:
            v_day = u_end + timedelta(days=rng.randint(1, 10))
            lov = _lov(v_day, "3", "1") if kind == "hjelpetiltak" else _lov(v_day, "5", "1")
            vedtak = (r.Vedtak(vedtak_id, v_day, lov, status=(r.VedtakStatus(ids(), v_day, "1"),)),)
            t_day = v_day + timedelta(days=rng.randint(0, 14))
            if kind == "hjelpetiltak":
                kategori = rng.choice(["3.2", "3.7", "4.5", "4.6", "3.10"])
                tiltak = (
                    r.Tiltak(
                        tiltak_id,
                        t_day,
                        lov,
                        r.KodeMedPresisering(kategori, "Foreldreveiledning" if kategori == "3.7" else None),
                    ),
                )
                evals = tuple(
                    t_day + timedelta(days=90 * i)
                    for i in range(1, 8)
                    if t_day + timedelta(days=90 * i) < today - timedelta(days=20 if n % 2 else 200)
                )
                planer = (*planer, r.Plan(ids(), t_day, "1", evalueringer=evals))
            else:
                visits = tuple(
                    r.Utfort(ids(), t_day + timedelta(days=95 * i))
                    for i in range(1, 9)
                    if t_day + timedelta(days=95 * i) < today - timedelta(days=30)
                )
                tiltak = (
                    r.Tiltak(
                        tiltak_id,
                        t_day,
                        lov,
                        r.KodeMedPresisering("2.2"),
                        oppfolging=r.Oppfolging((r.Hyppighet(ids(), t_day, "4"),), visits),
                        tilsyn=r.Tilsyn(
                            (r.TilsynAnsvarlig(ids(), t_day, kommune),),
                            (r.Hyppighet(ids(), t_day, "4"),),
                            visits[::2],
                        ),
                    ),
                )
                planer = (*planer, r.Plan(ids(), t_day, "4"))
            relasjoner.append(r.Relasjon(ids(), und_id, "Undersokelse", vedtak_id, "Vedtak"))
            relasjoner.append(r.Relasjon(ids(), vedtak_id, "Vedtak", tiltak_id, "Tiltak"))
        if kind == "avsluttet" and u_end is not None:
            slutt = u_end
            # A closed case closes its investigation plan too (Sak K23).
            planer = tuple(
                r.Plan(p.id, p.start_dato, p.plantype, p.evalueringer, konklusjon=r.Konklusjon(u_end))
                for p in planer
            )
    return r.SakRecord(
        id=ids(),
        start_dato=start,
        journalnummer=f"{start.year}-{n:04d}",
        slutt_dato=slutt,
        avsluttet=slutt is not None,
        personalia=(r.Personalia(ids(), start, fnr, born, sex),),
        meldinger=meldinger,
        undersokelser=undersokelser,
        planer=planer,
        tiltak=tiltak,
        vedtak=vedtak,
        relasjoner=tuple(relasjoner),
        bosted=(r.Bosted(start, kommune),),
    )


KINDS = ("ny", "forsinket", "undersokelse", "hjelpetiltak", "hjelpetiltak", "fosterhjem", "avsluttet")


def load(today: date) -> None:
    for index, tjeneste in enumerate(Tjeneste.objects.order_by("slug")):
        rng = random.Random(f"barnevern-demo-{tjeneste.slug}")  # noqa: S311 - demo data, not security
        ids = _Ids(rng)
        kommuner = tjeneste.kommunenumre()
        workers = list(User.objects.filter(tjeneste=tjeneste, rolle="saksbehandler").order_by("username"))
        for n in range(1, CASES_PER_SERVICE + 1):
            kind = KINDS[n % len(KINDS)]
            rec = build_case(rng, ids, 500 + index * 100 + n, rng.choice(kommuner), today, kind)
            result = store_record(tjeneste, rec, source="demo")
            sak = result.sak
            sak.fornavn, sak.etternavn = rng.choice(FORNAVN), rng.choice(ETTERNAVN)
            sak.saksbehandler = workers[n % len(workers)] if workers and kind != "ny" else None
            sak.save(update_fields=["fornavn", "etternavn", "saksbehandler"])
        assert m.Sak.objects.filter(tjeneste=tjeneste).count() >= CASES_PER_SERVICE
