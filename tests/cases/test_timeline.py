"""The case page's timeline (pure: built from a SakRecord)."""

from __future__ import annotations

from datetime import date

from barnevern.cases import timeline
from barnevern.records import Konklusjon, Relasjon, SakRecord, Undersokelse


def _sak(*undersokelser: Undersokelse, relasjoner: tuple[Relasjon, ...] = ()) -> SakRecord:
    return SakRecord(
        id="s1",
        start_dato=date(2026, 1, 5),
        journalnummer="2026/1",
        undersokelser=undersokelser,
        relasjoner=relasjoner,
    )


def _konklusjon(rec: SakRecord) -> timeline.Event:
    return next(e for e in timeline.build(rec) if e.kind == "undersokelse-konklusjon")


def test_an_investigation_that_ends_in_a_vedtak_offers_to_register_it():
    und = Undersokelse("u1", date(2026, 1, 10), konklusjon=Konklusjon(date(2026, 3, 1), "1"))
    assert _konklusjon(_sak(und)).actions == ("vedtak",)


def test_the_offer_goes_once_the_vedtak_is_linked():
    und = Undersokelse("u1", date(2026, 1, 10), konklusjon=Konklusjon(date(2026, 3, 1), "1"))
    rel = Relasjon("r1", "u1", "Undersokelse", "v1", "Vedtak")
    assert _konklusjon(_sak(und, relasjoner=(rel,))).actions == ()


def test_an_investigation_closed_without_measures_offers_no_vedtak():
    und = Undersokelse("u1", date(2026, 1, 10), konklusjon=Konklusjon(date(2026, 3, 1), "2"))
    assert _konklusjon(_sak(und)).actions == ()
