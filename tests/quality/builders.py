"""Synthetic cases with known deadlines for the quality tests (no real persons).

``TODAY`` is Monday 2026-11-23 (as in ``tests/conftest.py``). With the default settings
(§ 148 arithmetic): D1 = received + 1 week, D2 = received + 3 weeks.
"""

from __future__ import annotations

import uuid
from datetime import date

from barnevern import records as r
from barnevern.rules.identity import synthetic_fnr

TODAY = date(2026, 11, 23)


def uid(label: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"barnevern-test-quality/{label}"))


def melding_case(
    label: str,
    received: date,
    *,
    kommune: str = "3428",
    concluded: date | None = None,
    moved: tuple[date, str] | None = None,
    slutt: date | None = None,
    journalnummer: str | None = None,
    saksbehandler: str | None = None,
) -> r.SakRecord:
    """A case with one melding received on ``received`` (concluded «henlagt» if ``concluded``)."""
    born = date(2015, 6, 1)
    bosted = [r.Bosted(received, kommune)]
    if moved:
        bosted.append(r.Bosted(moved[0], moved[1]))
    return r.SakRecord(
        id=uid(label),
        start_dato=received,
        journalnummer=journalnummer or f"2026-{label}",
        slutt_dato=slutt,
        avsluttet=slutt is not None,
        personalia=(
            r.Personalia(
                uid(f"{label}-p"), received, synthetic_fnr(born, sum(map(ord, label)) % 40, "1"), born, "1"
            ),
        ),
        meldinger=(
            r.Melding(
                uid(f"{label}-m"),
                received,
                melder=(r.KodeMedPresisering("9"),),
                saksinnhold=(r.KodeMedPresisering("1.1.02"),),
                konklusjon=r.Konklusjon(concluded, "1") if concluded else None,
            ),
        ),
        bosted=tuple(bosted),
        saksbehandler=saksbehandler,
    )


# Received → D1 due → status on TODAY
OVERDUE = date(2026, 11, 10)  # D1 due 17.11: overdue 6 days; D2 due 01.12: upcoming 8 days
DUE_TODAY = date(2026, 11, 16)  # D1 due 23.11: due today; D2 due 07.12: upcoming 14 days
UPCOMING = date(2026, 11, 20)  # D1 due 27.11: upcoming 4 days; D2 due 11.12: 18 days (not listed)
