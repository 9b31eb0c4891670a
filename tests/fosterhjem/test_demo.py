"""The demo's foster homes: a home for each placed child of the current demo cases in both
services, one home awaiting training, one follow-up plan overdue, costs in the ledger."""

from __future__ import annotations

import pytest

from barnevern.economy import models as em
from barnevern.fosterhjem import models as fm
from barnevern.fosterhjem import queries

from .conftest import TODAY


@pytest.fixture
def demo_loaded(db):
    from barnevern.demo import cases, organisation, users
    from barnevern.demo import fosterhjem as demo_fosterhjem
    from barnevern.economy.categories import ensure_default_categories

    organisation.load(TODAY)
    users.load(TODAY)
    cases.load(TODAY)
    ensure_default_categories()
    demo_fosterhjem.load(TODAY)


@pytest.mark.parametrize("slug", ["nord-osterdal", "oppdal-rennebu"])
def test_demo_foster_homes(demo_loaded, slug):
    from barnevern.organisation.models import Tjeneste

    tjeneste = Tjeneste.objects.get(slug=slug)
    data = queries.summary(tjeneste, TODAY)
    assert data["placements"] >= 3
    assert data["homes"] == data["placements"] + 1
    assert fm.Fosterforelder.objects.filter(fosterhjem__tjeneste=tjeneste).count() == 2 * data["placements"]
    assert data["by_status"]["opplaering"] == 1  # the home awaiting training
    assert data["by_status"]["i_bruk"] == data["placements"]
    assert data["overdue"].get("F4", 0) == 1  # the follow-up plan of the first placement
    placed = fm.Fosterhjemsplassering.objects.filter(fosterhjem__tjeneste=tjeneste)
    assert all(p.tiltak_id for p in placed)
    booked = em.Klientkostnad.objects.filter(
        tjeneste=tjeneste, kategori__kode__in=["fosterhjem", "forsterkning"]
    )
    assert booked.filter(sak__isnull=False).count() >= 3 * 2 * 6
    assert (
        fm.Fosterhjem.objects.filter(tjeneste=tjeneste)
        .exclude(kommunenummer__in=tjeneste.kommunenumre())
        .exists()
    )


def test_oppdal_reform_compensation_is_the_seeds_figure(demo_loaded):
    entry = em.Reformkompensasjon.objects.get(ar=2022)
    assert entry.kommunenummer == "5021"
    assert entry.belop == 298000
    assert "Seed 002" in entry.kilde
