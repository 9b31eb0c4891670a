"""cases.bulk writes exactly the rows ``services.store_record`` writes for a new case."""

from __future__ import annotations

from datetime import UTC, datetime

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
    assert sum(len(d.sak.tiltak) for d in deliveries) and sum(len(d.sak.relasjoner) for d in deliveries)

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
    assert len(bulk["Sak"]) == len(deliveries) and sum(len(rows) for rows in bulk.values()) > 3 * len(
        deliveries
    )
    assert bulk == one_by_one
    sak = m.Sak.objects.get(pk=deliveries[0].sak.id)
    assert sak.opprettet is not None and sak.endret is not None
