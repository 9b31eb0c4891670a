from __future__ import annotations

from datetime import date

import pytest

TODAY = date(2026, 11, 23)


@pytest.fixture
def fake_economy(monkeypatch):
    from tests.reports.helpers import annual_summary

    monkeypatch.setattr("barnevern.reports.assemble.annual_summary", annual_summary)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("barnevern.clock.today", lambda: TODAY)
    return TODAY


@pytest.fixture
def fast_pdf(monkeypatch):
    """Issue with a short PDF (cover page only, still WeasyPrint) where the test is not about
    the PDF's content: the full rendering takes seconds per report."""
    from barnevern.reports import render, services

    monkeypatch.setattr(services, "render_pdf", lambda data: render.render_pdf({**data, "sections": []}))
