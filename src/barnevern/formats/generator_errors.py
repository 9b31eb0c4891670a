"""Deliberate errors for the corpus generator (``generate(..., error_rate=...)``).

Each injector breaks one BVR control rule (ssb-barnevern.md §2.2) and keeps the document
valid against the XSD, so a test can assert that the rule (and the file) is flagged. The rule
id goes to ``Delivery.extra["generator_error"]``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from barnevern import records as r

__all__ = ["INJECTORS", "inject_error"]

Injector = Callable[[r.SakRecord], r.SakRecord | None]


def _no_personalia(sak: r.SakRecord) -> r.SakRecord | None:
    return replace(sak, personalia=())


def _wrong_kjonn(sak: r.SakRecord) -> r.SakRecord | None:
    person = sak.personalia[0]
    return replace(sak, personalia=(replace(person, kjonn="2" if person.kjonn == "1" else "1"),))


def _melder_22(sak: r.SakRecord) -> r.SakRecord | None:
    first = sak.meldinger[0]
    changed = replace(first, melder=(*first.melder, r.KodeMedPresisering("22")))
    return replace(sak, meldinger=(changed, *sak.meldinger[1:]))


def _saksinnhold_18(sak: r.SakRecord) -> r.SakRecord | None:
    first = sak.meldinger[0]
    if first.start_dato >= date(2026, 1, 1):
        return None  # code 18 expired; another rule would fire too
    changed = replace(first, saksinnhold=(*first.saksinnhold, r.KodeMedPresisering("18")))
    return replace(sak, meldinger=(changed, *sak.meldinger[1:]))


def _melding_ends_before_start(sak: r.SakRecord) -> r.SakRecord | None:
    first = sak.meldinger[0]
    if first.konklusjon is None:
        return None
    konklusjon = replace(first.konklusjon, slutt_dato=first.start_dato - timedelta(days=3))
    return replace(sak, meldinger=(replace(first, konklusjon=konklusjon), *sak.meldinger[1:]))


def _drop_relation(fra_type: str, til_type: str) -> Injector:
    def inject(sak: r.SakRecord) -> r.SakRecord | None:
        kept = [x for x in sak.relasjoner if (x.fra_type, x.til_type) != (fra_type, til_type)]
        if len(kept) == len(sak.relasjoner):
            return None
        return replace(sak, relasjoner=tuple(kept))

    return inject


def _kategori_without_presisering(sak: r.SakRecord) -> r.SakRecord | None:
    if not sak.tiltak:
        return None
    first = sak.tiltak[0]
    changed = replace(first, kategori=r.KodeMedPresisering("3.99"))
    return replace(sak, tiltak=(changed, *sak.tiltak[1:]))


INJECTORS: dict[str, Injector] = {
    "Personalia K11": _no_personalia,
    "Personalia K14": _wrong_kjonn,
    "Melder K2": _melder_22,
    "Saksinnhold K2": _saksinnhold_18,
    "Melding K2a": _melding_ends_before_start,
    "Undersøkelse K20": _drop_relation("Melding", "Undersokelse"),
    "Tiltak K20": _drop_relation("Vedtak", "Tiltak"),
    "Tiltak K7": _kategori_without_presisering,
}


def inject_error(delivery: r.Delivery, rng: random.Random) -> r.Delivery:
    """``delivery`` with one rule deliberately broken (one that applies to this case)."""
    names = list(INJECTORS)
    rng.shuffle(names)
    for name in names:
        changed = INJECTORS[name](delivery.sak)
        if changed is not None:
            extra = {**delivery.extra, "generator_error": name}
            return replace(delivery, sak=changed, extra=extra)
    raise AssertionError("Personalia K11 always applies")
