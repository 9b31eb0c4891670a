from datetime import date

import pytest
from django.db import IntegrityError, transaction

from barnevern.cases import models as m


def test_journalnummer_is_unique_per_service(sak):
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Sak.objects.create(
            tjeneste=sak.tjeneste, journalnummer=sak.journalnummer, start_dato=date(2026, 1, 1)
        )


def test_same_journalnummer_in_another_service_is_fine(sak, org):
    other = m.Sak.objects.create(
        tjeneste=org["oppdal-rennebu"], journalnummer=sak.journalnummer, start_dato=date(2026, 1, 1)
    )
    assert other.pk != sak.pk


def test_case_cannot_end_before_it_starts(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Sak.objects.create(
            tjeneste=org["nord-osterdal"],
            journalnummer="X-1",
            start_dato=date(2026, 5, 1),
            slutt_dato=date(2026, 4, 1),
        )


def test_ids_are_uuid4_as_bvr_requires(sak):
    assert sak.pk.version == 4
    assert all(mel.pk.version == 4 for mel in sak.meldinger.all())
