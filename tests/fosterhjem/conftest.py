"""Fixtures for the foster-home tests: a home in Oppdal/Rennebu with a child placed in it.

The child (case 2022-0042) lived in Oppdal (5021) and moved to Rennebu (5022) on 1.10.2022,
so its foster-home costs belong to Oppdal up to September and to Rennebu from October. The
agreement's fee and expense allowance are KS' guideline rates from October 2022 for a child
aged 11–14 (grunnstøtte 9 383, utgiftsdekning 8 360 per month; ks.no «Veiledende satser for
fosterhjem og besøkshjem 2022»); the reinforcement is invented.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

TODAY = date(2026, 11, 23)


@pytest.fixture
def cats(db):
    from barnevern.economy.categories import ensure_default_categories
    from barnevern.economy.models import Kostnadskategori

    ensure_default_categories()
    return {c.kode: c for c in Kostnadskategori.objects.all()}


@pytest.fixture
def orr(org, cats):
    return org["oppdal-rennebu"]


@pytest.fixture
def child(orr):
    from barnevern.cases import models as cm
    from barnevern.rules.identity import synthetic_fnr

    sak = cm.Sak.objects.create(
        tjeneste=orr,
        journalnummer="2022-0042",
        start_dato=date(2022, 3, 1),
        fornavn="Testbarn",
        etternavn="Flyttesen",
    )
    cm.Bosted.objects.create(sak=sak, fra_dato=date(2022, 3, 1), kommunenummer="5021")
    cm.Bosted.objects.create(sak=sak, fra_dato=date(2022, 10, 1), kommunenummer="5022")
    cm.Personalia.objects.create(
        sak=sak,
        start_dato=date(2022, 3, 1),
        fodselsnummer=synthetic_fnr(date(2010, 5, 17), 3, "2"),
        fodseldato=date(2010, 5, 17),
        kjonn="2",
    )
    return sak


@pytest.fixture
def tiltak(child):
    from barnevern.cases import models as cm

    return cm.Tiltak.objects.create(
        sak=child,
        start_dato=date(2022, 7, 1),
        lovhjemmel={"lov": "BVL", "kapittel": "4", "paragraf": "12", "ledd": []},
        kategori_kode="2.2",
        oppfolging={"hyppighet": [{"id": "h1", "start_dato": "2022-07-01", "kode": "4"}], "utfort": []},
    )


@pytest.fixture
def home(orr):
    from barnevern.fosterhjem import services

    home = services.create_home(
        orr,
        None,
        navn="Familien Østvang",
        art="ordinaer",
        kommunenummer="5022",
        utredning_fra=date(2022, 3, 1),
        today=TODAY,
    )
    services.record_training(
        home,
        None,
        kurs="Grunnopplæring (nasjonale anbefalinger)",
        leverandor="Bufetat",
        startet=date(2022, 4, 1),
        fullfort=date(2022, 5, 20),
        today=TODAY,
    )
    services.change_status(home, None, status="godkjent", dato=date(2022, 6, 1), today=TODAY)
    return home


@pytest.fixture
def placement(home, child, tiltak):
    from barnevern.fosterhjem import services

    placement = services.place_child(
        home, None, sak=child, tiltak=tiltak, innflytting=date(2022, 7, 1), today=TODAY
    )
    services.add_agreement(
        placement,
        None,
        start=date(2022, 7, 1),
        signert=date(2022, 6, 20),
        godtgjoring=Decimal("9383"),
        utgiftsdekning=Decimal("8360"),
        forsterkning=Decimal("50000"),
        today=TODAY,
    )
    return placement


@pytest.fixture
def no_tiltak(sak):
    """The root ``sak`` (Nord-Østerdal, Alvdal 3428, case worker ``sb``) with a foster-home measure."""
    from barnevern.cases import models as cm

    return cm.Tiltak.objects.create(
        sak=sak,
        start_dato=date(2026, 11, 12),
        lovhjemmel={"lov": "BVL2021", "kapittel": "5", "paragraf": "1", "ledd": []},
        kategori_kode="2.1",
    )


@pytest.fixture
def no_home(org):
    from barnevern.fosterhjem import services

    return services.create_home(
        org["nord-osterdal"],
        None,
        navn="Familien Brattås",
        art="familie_nettverk",
        kommunenummer="3427",
        utredning_fra=date(2026, 11, 5),
        today=TODAY,
    )


@pytest.fixture
def no_placement(no_home, sak, no_tiltak):
    """An acute kinship placement on 12.11.2026 in a home still under assessment."""
    from barnevern.fosterhjem import services

    return services.place_child(
        no_home,
        None,
        sak=sak,
        tiltak=no_tiltak,
        innflytting=date(2026, 11, 12),
        akutt=True,
        nettverk_vurdert=date(2026, 11, 11),
        nettverk_vurdering="Mormor kan ta imot barnet.",
        today=TODAY,
    )
