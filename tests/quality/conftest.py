"""Stored cases with known deadlines, spread over case workers, municipalities and services."""

from __future__ import annotations

import pytest

from tests.quality.builders import DUE_TODAY, OVERDUE, TODAY, UPCOMING, melding_case


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("barnevern.clock.today", lambda: TODAY)
    return TODAY


@pytest.fixture
def cases(org, personas):
    """A (sb, Alvdal, overdue), B (sb2, Folldal, due today), C (unassigned, Alvdal, upcoming),
    E (Oppdal/Rennebu, overdue). Returns the stored Sak rows by letter."""
    from barnevern.cases.services import store_record

    specs = {
        "A": (org["nord-osterdal"], melding_case("A", OVERDUE, kommune="3428"), personas["sb"]),
        "B": (org["nord-osterdal"], melding_case("B", DUE_TODAY, kommune="3429"), personas["sb2"]),
        "C": (org["nord-osterdal"], melding_case("C", UPCOMING, kommune="3428"), None),
        "E": (org["oppdal-rennebu"], melding_case("E", OVERDUE, kommune="5021"), None),
    }
    stored = {}
    for letter, (tjeneste, rec, worker) in specs.items():
        sak = store_record(tjeneste, rec, source="test").sak
        sak.saksbehandler = worker
        sak.fornavn, sak.etternavn = "Hemmelig", f"Barnesen{letter}"
        sak.save(update_fields=["saksbehandler", "fornavn", "etternavn"])
        stored[letter] = type(sak).objects.get(pk=sak.pk)  # pk as UUID, as read elsewhere
    return stored
