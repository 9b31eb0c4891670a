"""Sak K22 across files (control.bvr.history): the same findings in memory and spilled to disk."""

from __future__ import annotations

import os

import pytest

from barnevern.control.bvr.history import SlettetHistory


def feed(history: SlettetHistory) -> None:
    # Sak A: delivered three times; B: twice; C: once (never judged, even with a dangling Slettet)
    history.add("a1.xml", "A", [("Tiltak", "t1"), ("Plan", "p1")])
    history.add("c1.xml", "C", [("Tiltak", "x")], [("Plan", "nowhere", 3)])
    history.add("b1.xml", "B", [("Melding", "m1")])
    history.add("a2.xml", "A", [("Plan", "p1")], [("Tiltak", "t1", 5), ("Vedtak", "v9", 6)])
    history.add("b2.xml", "B", [], [("Melding", "m1", 7), ("Melding", "m2", 8)])
    history.add("a3.xml", "A", [("Plan", "p1")], [("Plan", "p1", 9), ("Tiltak", "t2", 10)])


@pytest.mark.parametrize("spill_rows", [10_000, 1, 2, 4])
def test_findings_are_the_same_in_memory_and_on_disk(spill_rows):
    history = SlettetHistory(spill_rows=spill_rows)
    feed(history)
    spilled = history._db is not None
    folder = history._dir.name if history._dir else None
    findings = history.findings()
    assert spilled == (spill_rows < 6)
    assert [(f.rule, f.file, f.sak_id, f.element_id, f.line) for f in findings] == [
        ("Sak K22", "a2.xml", "A", "v9", 6),
        ("Sak K22", "a3.xml", "A", "t2", 10),
        ("Sak K22", "b2.xml", "B", "m2", 8),
    ]
    assert all(f.severity.name == "WARNING" and "Kontroller Id og Type" in f.message for f in findings)
    if folder:
        assert not os.path.exists(folder)  # the temporary file is gone


def test_memory_per_delivery_is_small():
    """What is kept of a delivery without Slettet: the Sak id and 8 bytes per element."""
    history = SlettetHistory()
    history.add("f.xml", "S", [("Tiltak", f"id-{n}") for n in range(10)])
    [(sak_id, packed, _file, slettet)] = history._buffer
    assert (sak_id, len(packed), slettet) == ("S", 80, None)
