"""Caseload: children with open cases per assigned worker, flagged above the warning level."""

from __future__ import annotations

from datetime import date

from barnevern.cases.models import Sak
from barnevern.staff import queries
from barnevern.staff.models import Innstilling
from tests.staff.factories import ansatt

ON = date(2026, 11, 23)


def _sak(tjeneste, n, saksbehandler, start=date(2026, 1, 1), slutt=None, slettet=False):
    return Sak.objects.create(
        tjeneste=tjeneste,
        journalnummer=f"J-{n}",
        start_dato=start,
        slutt_dato=slutt,
        saksbehandler=saksbehandler,
        er_slettet=slettet,
    )


def test_caseload_counts_open_assigned_cases_only(org, personas):
    no, sb, sb2, leder = org["nord-osterdal"], personas["sb"], personas["sb2"], personas["leder"]
    for n in range(3):
        _sak(no, n, sb)
    _sak(no, 10, sb, slutt=date(2026, 5, 1))  # closed
    _sak(no, 11, sb, slettet=True)  # deleted
    _sak(no, 12, sb, start=date(2026, 12, 1))  # not started on the date
    _sak(no, 13, sb, slutt=date(2026, 12, 31))  # ends after the date: still open
    _sak(no, 20, leder)
    _sak(no, 30, None)
    _sak(no, 31, None)
    _sak(org["oppdal-rennebu"], 40, sb)  # another service
    ansatt(no, "Per Saksbehandler", bruker=sb, prosent="80")
    data = queries.caseload(no, ON)
    counts = {r.user.username: r.children for r in data.rows}
    assert counts == {"sb": 4, "leder": 1, "sb2": 0}  # sb2 listed as saksbehandler with none
    assert data.unassigned == 2
    assert data.level == 15
    sb_row = data.rows[0]
    assert sb_row.ansatt.navn == "Per Saksbehandler"
    assert sb_row.percent == 80
    assert not sb_row.over
    assert next(r for r in data.rows if r.user == sb2).ansatt is None


def test_flagged_strictly_above_the_warning_level(org, personas):
    no = org["nord-osterdal"]
    for n in range(3):
        _sak(no, n, personas["sb"])
    for n in range(2):
        _sak(no, 10 + n, personas["sb2"])
    Innstilling.objects.create(tjeneste=no, saksmengde_varsel=2)
    data = queries.caseload(no, ON)
    assert {r.user.username: r.over for r in data.rows} == {"sb": True, "sb2": False}
    assert data.flagged == 1
    assert queries.caseload(no, ON, level=3).flagged == 0
