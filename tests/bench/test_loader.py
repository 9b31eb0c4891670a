"""The benchmark database loader stores exactly what ``store_record`` stores, and the fast
``iter_records`` reads exactly what the prefetching path reads."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import common  # noqa: E402

TODAY = date(2026, 11, 23)


@pytest.fixture
def deliveries():
    from barnevern.formats.generator import generate

    return list(generate(60, 7, year=TODAY.year, as_of=TODAY))


def _ties_ignored(records):
    """Records with each element list sorted by id: the prefetching path orders elements of
    the same date arbitrarily (PostgreSQL's plan decides), ``iter_records`` by id."""
    normal = []
    for rec in records:
        changes = {
            f.name: tuple(sorted(value, key=lambda x: str(getattr(x, "id", x))))
            for f in dataclasses.fields(rec)
            if isinstance(value := getattr(rec, f.name), tuple)
        }
        normal.append(dataclasses.replace(rec, **changes))
    return normal


def _records_both_ways():
    from barnevern.cases import models as m
    from barnevern.cases.mapping import sak_to_record
    from barnevern.cases.queries import iter_records, with_elements

    qs = m.Sak.objects.all()
    fast = list(iter_records(qs, chunk_size=25, small=0))  # streamed, several fetches per table
    assert list(iter_records(qs)) == fast  # up to SMALL cases: one plain query per table
    prefetched = [sak_to_record(s) for s in with_elements(qs).order_by("id")]
    for rec in fast:  # within a case: by date (the models' ordering), then by id
        for items in (rec.meldinger, rec.undersokelser, rec.planer, rec.tiltak, rec.vedtak):
            assert [(x.start_dato, x.id) for x in items] == sorted((x.start_dato, x.id) for x in items)
    return fast, _ties_ignored(prefetched)


@pytest.mark.django_db
def test_bulk_loader_and_store_record_give_identical_records(deliveries):
    from barnevern.cases import models as m
    from barnevern.cases.services import store_record

    services = common.ensure_services(TODAY)
    assert common.store_batch(services, deliveries) == 60
    bulk, prefetched = _records_both_ways()
    assert len(bulk) == 60
    assert _ties_ignored(bulk) == prefetched
    assert sum(len(r.tiltak) for r in bulk) > 0
    assert all(r.bosted for r in bulk)

    m.Sak.objects.all().delete()
    for d in deliveries:
        store_record(
            services[d.avgiver.kommunenummer],
            d.sak,
            delivery_id=d.id,
            dato_uttrekk=d.dato_uttrekk,
            source="bvr-v4",
        )
    stored, _ = _records_both_ways()
    assert stored == bulk
    by_id = {d.sak.id: d.sak for d in deliveries}
    assert {r.id for r in stored} == set(by_id)
    for rec in stored:  # what was generated is what is read back (tie order aside)
        assert _ties_ignored([rec]) == _ties_ignored([by_id[rec.id]])


@pytest.mark.django_db
def test_caseworkers_get_a_realistic_caseload(deliveries):
    from barnevern.accounts.models import User
    from barnevern.cases import models as m

    services = common.ensure_services(TODAY)
    common.store_batch(services, deliveries)
    totals = common.assign_caseworkers(TODAY, per_worker=3)
    assert totals["brukere"] == User.objects.count()
    assert User.objects.filter(rolle="leder").count() == len(services)
    young = m.Sak.objects.filter(start_dato__gte=date(2026, 11, 16))
    assert not young.exclude(saksbehandler=None).exists()
    assert not m.Sak.objects.filter(start_dato__lt=date(2026, 11, 16), saksbehandler=None).exists()
    for user in User.objects.filter(rolle="saksbehandler"):
        open_cases = m.Sak.objects.filter(saksbehandler=user, slutt_dato=None).count()
        assert open_cases <= 3


@pytest.mark.django_db
def test_counting_query_counts_every_case_table(deliveries):
    from barnevern.cases import models as m

    services = common.ensure_services(TODAY)
    common.store_batch(services, deliveries)
    expected = sum(getattr(m, name).objects.count() for name in common.CASE_TABLES)
    assert common.count_rows() == expected
    oslo = services["0301"]
    in_oslo = m.Sak.objects.filter(tjeneste=oslo)
    expected_oslo = in_oslo.count() + sum(
        getattr(m, name).objects.filter(sak__in=in_oslo).count() for name in common.CASE_TABLES[1:]
    )
    assert common.count_rows(oslo.pk) == expected_oslo < expected


def test_rows_and_table():
    ok = common.Row(
        "Statistikk", 10_000, "PostgreSQL", 2.0, "s", 0.5, "COUNT(*)", max_ratio=10, target="≤ 10×"
    )
    slow = common.Row(
        "Web", 10_000, "PostgreSQL", 450.0, "ms", 20.0, "tom visning", max_value=300, target="p95"
    )
    failing = common.Row("Web", 10_000, "PostgreSQL", 100.0, "ms", 20.0, max_value=300, errors=2)
    gone = common.missing("Årsrapport", 10_000, "PostgreSQL", "≤ 5 s", "ikke bygget")
    assert ok.ratio == 4.0
    assert ok.status == "OK"
    assert slow.status == "BOM"
    assert failing.status == "BOM"
    assert gone.status == common.NOT_AVAILABLE
    assert gone.ratio is None
    text = common.format_table([ok, slow, failing, gone])
    lines = text.splitlines()
    assert lines[0].startswith("Måling")
    assert len(lines) == 6
    assert "4.0×" in lines[2]
    assert "2.00 s" in lines[2]
    assert "10 000" in lines[2]
    assert "2 feil" in lines[4]
    assert common.NOT_AVAILABLE in lines[5]
    assert common.parse_rows("x\n" + common.ROW_PREFIX + ok.to_json()) == [ok]
    assert common.percentile([5, 1, 4, 2, 3], 50) == 3
    assert common.percentile([1.0] * 3 + [9.0], 99) == 9.0
