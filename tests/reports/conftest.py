from __future__ import annotations

from datetime import date

import pytest

from barnevern.reports import sources

TODAY = date(2026, 11, 23)


@pytest.fixture
def fake_economy(monkeypatch):
    monkeypatch.setitem(
        sources.EXPECTED, "economy", sources.Source(("tests.reports.helpers:annual_summary",), "stand-in")
    )


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("barnevern.reports.views._today", lambda: TODAY)
    return TODAY


@pytest.fixture
def fast_pdf(monkeypatch):
    """Issue with a short PDF (cover page only, still WeasyPrint) where the test is not about
    the PDF's content: the full rendering takes seconds per report."""
    from barnevern.reports import render, services

    monkeypatch.setattr(services, "render_pdf", lambda data: render.render_pdf({**data, "sections": []}))
