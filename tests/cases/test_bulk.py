"""cases.bulk writes exactly the rows ``services.store_record`` writes for a new case."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import transaction

from barnevern.cases import models as m
from barnevern.cases.bulk import NewCases
from barnevern.cases.services import store_record
from barnevern.formats.generator import generate

TABLES = (m.Sak, *m.ELEMENT_MODELS.values())
CHANGING = {"id", "opprettet", "endret"}  # timestamps and database row numbers differ


def stored() -> dict[str, list[dict]]:
    """Every row of every case table, without row numbers and timestamps, in a stable order."""
    out = {}
    for model in TABLES:
        auto = model in (m.Slettet, m.Bosted)  # numbered by the database
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in CHANGING]
        names += [] if auto else ["id"]
        out[model.__name__] = sorted(model.objects.values(*names), key=repr)
    return out


def test_bulk_rows_equal_store_record_rows(org):
    tjeneste = org["nord-osterdal"]
    deliveries = [d for d in generate(30, 5, municipalities=["3428"]) if not d.sak.er_slettet]
    moment = datetime(2026, 1, 31, 12, tzinfo=UTC)
    assert sum(len(d.sak.tiltak) for d in deliveries)
    assert sum(len(d.sak.relasjoner) for d in deliveries)

    with transaction.atomic():
        pending = NewCases()
        for d in deliveries:
            pending.add(tjeneste, d.sak, delivery_id=d.id, dato_uttrekk=moment, source="bvr-v4")
        pending.insert()
        bulk = stored()
        transaction.set_rollback(True)
    assert not m.Sak.objects.exists()

    for d in deliveries:
        store_record(tjeneste, d.sak, delivery_id=d.id, dato_uttrekk=moment, source="bvr-v4")
    one_by_one = stored()
    assert len(bulk["Sak"]) == len(deliveries)
    assert (sum(len(rows) for rows in bulk.values()) > 3 * len(
        deliveries
    ))
    assert bulk == one_by_one
    sak = m.Sak.objects.get(pk=deliveries[0].sak.id)
    assert sak.opprettet is not None
    assert sak.endret is not None


def test_unsaved_rows_are_the_rows_model_init_makes(org):
    from barnevern.cases.mapping import unsaved

    tjeneste = org["nord-osterdal"]
    sak = m.Sak(id="0b8f4c7e-1d2a-4e5b-9c6d-7e8f9a0b1c2d", tjeneste=tjeneste, journalnummer="1")
    values = {
        m.Melding: {
            "id": "1",
            "sak": sak,
            "start_dato": datetime(2026, 1, 2).date(),
            "melder": [{"kode": "1"}],
        },
        m.Slettet: {"sak": sak, "element_id": "x", "type": "Plan"},
        m.Bosted: {"sak": sak, "kommunenummer": "3428"},
    }
    for model, kwargs in values.items():
        fast, slow = unsaved(model)(**dict(kwargs)), model(**dict(kwargs))
        plain = lambda obj: {k: v for k, v in vars(obj).items() if k != "_state"}  # noqa: E731
        assert plain(fast) == plain(slow)
        assert fast.sak is sak
        assert fast._state.adding
        assert fast._state.db is None
    fresh = unsaved(m.Melding)(id="2", sak=sak)
    assert fresh.melder == []
    assert fresh.melder is not unsaved(m.Melding)(id="3", sak=sak).melder
    with pytest.raises(TypeError, match="unexpected keyword arguments: finnes_ikke"):
        unsaved(m.Melding)(id="4", sak=sak, finnes_ikke=1)
