"""``cases.queries.iter_records``: the same records whether a few cases are read in one plain
query per table or many are streamed, in a number of queries that does not grow with the cases."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from barnevern.cases import models as m
from barnevern.cases.mapping import sak_to_record
from barnevern.cases.queries import ELEMENT_MODELS, iter_records, with_elements
from barnevern.cases.services import store_record
from barnevern.formats.generator import generate

TODAY = date(2026, 11, 23)


@pytest.fixture
def stored(org):
    tjeneste = org["nord-osterdal"]
    for d in generate(24, 5, year=TODAY.year, municipalities=["3427"], as_of=TODAY):
        store_record(tjeneste, d.sak, delivery_id=d.id, dato_uttrekk=d.dato_uttrekk, source="test")
    return tjeneste


def _by_element_id(records):
    """Element ids per case and relation: the prefetching path leaves ties on the date to the plan."""
    return [
        (
            rec.id,
            {name: sorted(x.id for x in getattr(rec, name)) for name in ("meldinger", "tiltak", "planer")},
        )
        for rec in records
    ]


def test_small_and_streamed_reads_give_the_same_records(stored):
    qs = m.Sak.objects.filter(tjeneste=stored)
    small = list(iter_records(qs))
    streamed = list(iter_records(qs, chunk_size=5, small=0))  # several fetches per table
    assert len(small) == 24
    assert small == streamed
    assert [r.id for r in small] == sorted(r.id for r in small)
    assert sum(len(r.tiltak) for r in small) > 0
    assert all(r.bosted for r in small)
    prefetched = [sak_to_record(s) for s in with_elements(qs).order_by("id")]
    assert _by_element_id(small) == _by_element_id(prefetched)


def test_a_subset_reads_only_its_cases(stored):
    some = list(
        m.Sak.objects.filter(tjeneste=stored).order_by("journalnummer").values_list("id", flat=True)[:3]
    )
    qs = m.Sak.objects.filter(id__in=some)
    for kwargs in ({}, {"small": 1, "chunk_size": 2}):
        records = list(iter_records(qs, **kwargs))
        assert sorted(r.id for r in records) == sorted(str(i) for i in some)


@pytest.mark.parametrize("small", [1000, 0])
def test_query_count_is_constant(stored, small):
    qs = m.Sak.objects.filter(tjeneste=stored)
    few = m.Sak.objects.filter(id__in=list(qs.values_list("id", flat=True)[:2]))
    counts = []
    for subset in (few, qs):
        with CaptureQueriesContext(connection) as ctx:
            assert list(iter_records(subset, small=small))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    if small:  # one query for the cases, one per element table
        assert counts[0] == len(ELEMENT_MODELS) + 1


def test_no_cases_reads_no_elements(org):
    with CaptureQueriesContext(connection) as ctx:
        assert list(iter_records(m.Sak.objects.none())) == []
    assert len(ctx.captured_queries) <= 1
