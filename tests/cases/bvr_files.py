"""Helpers for the import/export tests: generated BVR files, hostile files, a 15F service."""

from __future__ import annotations

import dataclasses
from datetime import date
from functools import cache
from pathlib import Path

from barnevern import records as r
from barnevern.control.base import Severity
from barnevern.control.pipeline import validate_document
from barnevern.formats.bvr_writer import write_bvr
from barnevern.formats.generator import generate
from tests.paths import ssb

OK_15F = ssb("examples", "kostra-15f", "Testfil_21_OK_2020_15F_for_3401.xml")
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Barnevern [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Barnevern Id="x">&xxe;</Barnevern>
"""


@cache
def _good(n: int, seed: int, kommune: str) -> tuple[r.Delivery, ...]:
    return tuple(generate(n, seed, municipalities=[kommune]))


def good_deliveries(n: int = 3, seed: int = 7, kommune: str = "3428") -> list[r.Delivery]:
    """``n`` generated deliveries from ``kommune`` that pass every control rule (no ERROR)."""
    found = []
    for delivery in _good(n * 3, seed, kommune):
        check = validate_document("x.xml", lambda d=delivery: write_bvr(d))
        if not any(f.severity >= Severity.ERROR for f in check.findings):
            found.append(delivery)
        if len(found) == n:
            return found
    raise AssertionError("the generator gave too few valid cases")


@cache
def error_delivery(kommune: str = "3428") -> r.Delivery:
    """A generated delivery that is XSD-valid but has at least one ERROR finding."""
    for delivery in generate(40, 11, municipalities=[kommune], error_rate=1.0):
        check = validate_document("x.xml", lambda d=delivery: write_bvr(d))
        severities = {f.severity for f in check.findings}
        if Severity.ERROR in severities and Severity.FATAL not in severities:
            return delivery
    raise AssertionError("no generated case with an ERROR finding")


def write(folder: Path, delivery: r.Delivery, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{delivery.sak.id}.xml")
    path.write_bytes(write_bvr(delivery))
    return path


def xsd_failing(delivery: r.Delivery) -> bytes:
    """The document without the required ``Journalnummer`` attribute on Sak."""
    data = write_bvr(delivery).decode()
    journal = f' Journalnummer="{delivery.sak.journalnummer}"'
    assert journal in data
    return data.replace(journal, "", 1).encode()


def with_sak(delivery: r.Delivery, **changes: object) -> r.Delivery:
    return dataclasses.replace(delivery, sak=dataclasses.replace(delivery.sak, **changes))


def service_3401():
    """A service with Kongsvinger (3401) as its member, for SSB's 15F test files."""
    from barnevern.organisation.models import Kommune, Medlemskap, Tjeneste

    kommune = Kommune.objects.create(nummer="3401", navn="Kongsvinger")
    tjeneste = Tjeneste.objects.create(
        slug="kongsvinger", navn="Kongsvinger barneverntjeneste", organisasjonsnummer="964949204",
        vertskommune=kommune,
    )  # fmt: skip
    Medlemskap.objects.create(tjeneste=tjeneste, kommune=kommune, fra=date(2020, 1, 1))
    return tjeneste
