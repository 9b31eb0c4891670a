"""Precomputed per-case contributions to the statistics (``models.Bidrag``), kept correct lazily.

The counting rules (``rules.indicators``) split into what ONE case adds to one period (a
``Contribution``) and an exact merge of contributions in case order (a ``Tally``). This module
stores the contributions of every live case for the standard periods (calendar years and
half-years) and answers statistics by merging stored contributions:

* :func:`tallies` reads, in ONE query per period (per distinct deadline setting), every live
  case of the services with its stored row (a LEFT JOIN, so a case without a row is seen in the
  same statement), equal (service, counts text, child) rows counted together in SQL; computes
  the missing ones (:func:`refresh`'s work) and merges: each distinct counts text once with its
  number, the children with states from several cases of a service by their full
  contributions in case-id order, the order ``cases.queries.iter_records`` reads cases in
  (:func:`_merge`). The result is exactly ``compute_series`` over the services' records (tests
  check it).
* :func:`refresh` computes and stores the missing contributions (empty rows for cases that add
  nothing, so that a missing row means «not computed yet»), reading the cases with
  ``iter_records`` in chunks.
* a receiver of ``cases.signals.saker_endret`` deletes the rows of changed cases.

Stale rows are impossible by construction: the fingerprint (``rules.indicators.stored``) names
the rules version and the service's deadline settings, so rows of older settings are never
read; and on PostgreSQL a chunk of the refresh (read, count, store) holds an advisory lock that
every case change takes shared in its own transaction before deleting rows, so a refresh never
stores a contribution computed from a case version that a committed change has replaced. (On
SQLite the chunk starts with a write, which holds the database's write lock for the chunk.)
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import Case, Count, F, FilteredRelation, Q, QuerySet, UUIDField, When
from django.dispatch import receiver

from barnevern.cases.signals import saker_endret
from barnevern.rules.deadlines import DeadlineConfig
from barnevern.rules.indicators.counting import Contribution, Tally, contributions
from barnevern.rules.indicators.stored import (
    EMPTY,
    child_of,
    dumps,
    dumps_counts,
    fingerprint,
    is_standard,
    loads_counts,
    loads_many,
)
from barnevern.rules.periods import Period

if TYPE_CHECKING:
    from barnevern.organisation.models import Tjeneste

__all__ = ["LOCK_KEY", "deadline_configs", "drop", "refresh", "tallies"]

LOCK_KEY = 0x5354_4154_4200  # PostgreSQL advisory lock shared by case changes and refresh
CHUNK = 1000  # cases computed per transaction in a refresh (``cases.queries.SMALL``: plain queries)
DELETE_CHUNK = 500
ANALYZE_AFTER = 5000  # rows stored by one refresh after which PostgreSQL's statistics are renewed


def deadline_configs(tjenester: Iterable[Tjeneste]) -> dict[int, DeadlineConfig | None]:
    """Each service's deadline settings (``quality`` app; None = the rules' defaults), one query."""
    ids = [t.pk for t in tjenester]
    found: dict[int, DeadlineConfig | None] = dict.fromkeys(ids)
    try:
        from barnevern.quality.models import Fristoppsett
    except ImportError:  # pragma: no cover - the quality app is optional for statistics
        return found
    for row in Fristoppsett.objects.filter(tjeneste_id__in=ids):
        found[row.tjeneste_id] = row.to_rules()
    return found


def _groups(
    tjenester: Iterable[Tjeneste], configs: dict[int, DeadlineConfig | None] | None
) -> dict[str, tuple[DeadlineConfig | None, list[int]]]:
    """Services by the fingerprint of their deadline settings: ``{fp: (config, [ids])}``."""
    services = list(tjenester)
    configs = configs if configs is not None else deadline_configs(services)
    groups: dict[str, tuple[DeadlineConfig | None, list[int]]] = {}
    for t in services:
        config = configs.get(t.pk)
        groups.setdefault(fingerprint(config), (config, []))[1].append(t.pk)
    return groups


def _live(ids: list[int], period: Period, fp: str) -> QuerySet[Any]:
    """Live cases of the services, with their row for ``period`` (if any) joined as ``b``."""
    from barnevern.cases.models import Sak

    return Sak.objects.filter(tjeneste_id__in=ids, er_slettet=False).annotate(
        b=FilteredRelation(
            "statistikkbidrag",
            condition=Q(
                statistikkbidrag__periode=period.code,
                statistikkbidrag__grunnlag=fp,
                statistikkbidrag__tjeneste_id__in=ids,
            ),
        )
    )


def _fetch(qs: QuerySet[Any]) -> list[tuple[Any, ...]]:
    # Executed directly: Django's per-row conversion costs more than the query.
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _rows(ids: list[int], period: Period, fp: str) -> list[tuple[Any, int, str | None, str | None, int]]:
    """``(sak id or None, tjeneste id, counts text or None, child key or None, number)`` for the
    live cases of the services, in no particular order: equal (service, counts, child) rows
    counted together (the child key is empty for cases without a child state, so those group);
    the case id (and the texts None) for each case whose contribution is missing. Cases that
    add nothing (empty counts) are left out. The case id is only selected (and converted) for
    the few cases without a row."""
    qs = (
        _live(ids, period, fp)
        .filter(Q(b__id__isnull=True) | Q(b__tall__gt=""))
        .annotate(missing=Case(When(b__id__isnull=True, then=F("id")), output_field=UUIDField()))
        .order_by()
        .values_list("missing", "tjeneste_id", "b__tall", "b__barn")
        .annotate(n=Count("*"))
    )
    return _fetch(qs)


def _merging(
    ids: list[int], period: Period, fp: str, children: Sequence[str]
) -> list[tuple[Any, int, str, str]]:
    """``(sak id, tjeneste id, child key, contribution text)`` of the stored rows of the live
    cases of the services whose child key is among ``children`` (in chunks)."""
    found: list[tuple[Any, int, str, str]] = []
    for start in range(0, len(children), DELETE_CHUNK):
        qs = (
            _live(ids, period, fp)
            .filter(b__barn__in=children[start : start + DELETE_CHUNK])
            .order_by()
            .values_list("id", "tjeneste_id", "b__barn", "b__data")
        )
        found += _fetch(qs)
    return found


def _sak_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _compute(
    ids: list[int],
    sak_ids: Sequence[uuid.UUID],
    periods: Sequence[Period],
    config: DeadlineConfig | None,
    fp: str,
    chunk_size: int = CHUNK,
) -> dict[uuid.UUID, list[Contribution | None]]:
    """Compute and store the contributions to ``periods`` (standard ones) of the services' live
    cases among ``sak_ids`` (found missing before), in chunks of ``chunk_size`` cases.

    A chunk is read with ``iter_records`` (up to ``cases.queries.SMALL`` cases: one plain query
    per table with the ids as a list) and its rows for ``periods`` are replaced in one
    transaction (a case another request computed meanwhile is computed again: same rows). No
    query looks for missing rows here: while a refresh fills the table, PostgreSQL's statistics
    of it are stale, and an anti-join planned on them grows with every chunk stored.
    """
    from barnevern.cases.models import Sak
    from barnevern.cases.queries import iter_records
    from barnevern.stats.models import Bidrag

    codes = [p.code for p in periods]
    found: dict[uuid.UUID, list[Contribution | None]] = {}
    stored = 0
    ordered = sorted(set(sak_ids))
    for start in range(0, len(ordered), chunk_size):
        chunk = ordered[start : start + chunk_size]
        with transaction.atomic():
            _lock()
            # A write first (on SQLite it takes the write lock before the cases are read).
            Bidrag.objects.filter(sak_id__in=chunk, periode__in=codes, grunnlag=fp).delete()
            live = Sak.objects.filter(id__in=chunk, tjeneste_id__in=ids, er_slettet=False)
            service_of = {_sak_uuid(k): t for k, t in live.values_list("id", "tjeneste_id")}
            rows = []
            for sak, parts in contributions(iter_records(live), periods, config=config):
                key = _sak_uuid(sak.id)
                found[key] = parts
                rows += [
                    Bidrag(
                        sak_id=key,
                        tjeneste_id=service_of[key],
                        periode=code,
                        grunnlag=fp,
                        data=dumps(part) if part.state is not None else EMPTY,
                        tall=dumps_counts(part),
                        barn=child_of(part),
                    )
                    for code, part in zip(codes, parts, strict=True)
                    if part is not None
                ]
            Bidrag.objects.bulk_create(rows, batch_size=1000)
            stored += len(rows)
    if stored >= ANALYZE_AFTER and connection.vendor == "postgresql":
        # Fresh planner statistics for the reading query, and (outside a transaction) the space
        # of the rows this refresh replaced made free: the reading query scans the table.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} {Bidrag._meta.db_table}")
    return found


def _missing(ids: list[int], period: Period, fp: str) -> list[uuid.UUID]:
    return [_sak_uuid(row[0]) for row in _rows(ids, period, fp) if row[2] is None]


def refresh(
    tjenester: Iterable[Tjeneste],
    periods: Sequence[Period],
    *,
    configs: dict[int, DeadlineConfig | None] | None = None,
    chunk_size: int = CHUNK,
) -> int:
    """Compute and store every missing contribution of the services' live cases to the standard
    periods among ``periods`` (others are ignored); returns the number of cases computed.

    Rows of other deadline settings (stale) are deleted on the way.
    """
    from barnevern.stats.models import Bidrag

    wanted = [p for p in dict.fromkeys(periods) if is_standard(p)]
    computed = 0
    for fp, (config, ids) in _groups(tjenester, configs).items():
        missing: set[uuid.UUID] = set()
        for period in wanted:
            missing.update(_missing(ids, period, fp))
        if missing:
            Bidrag.objects.filter(sak__tjeneste_id__in=ids).exclude(grunnlag=fp).delete()
            computed += len(_compute(ids, sorted(missing), wanted, config, fp, chunk_size))
    return computed


def tallies(
    tjenester: Iterable[Tjeneste],
    periods: Sequence[Period],
    *,
    configs: dict[int, DeadlineConfig | None] | None = None,
) -> dict[int, list[Tally]]:
    """For each service (by id), one ``Tally`` per period of ``periods`` (standard periods only),
    merged from the stored contributions of its live cases; missing ones are computed first.

    Per period, ONE query reads the stored counts texts with their child keys (no order); each
    distinct (service, counts text) is parsed and added once with its number
    (``Tally.add_counts``). Children with states from several cases of a service are left out
    of that; their full contributions are read (one more query, only when there are any) and
    merged with ``Tally.add`` in case-id order, the order ``cases.queries.iter_records`` reads
    cases in. The result is exactly ``compute_series`` over the services' records (tests check
    it). The number of queries does not depend on the number of services or cases.
    """
    from barnevern.stats.models import Bidrag

    periods = list(periods)
    for p in periods:
        if not is_standard(p):
            raise ValueError(f"{p.label} er ikke et år eller halvår.")
    services = list(tjenester)
    result = {t.pk: [Tally(p) for p in periods] for t in services}
    for fp, (config, ids) in _groups(services, configs).items():
        fetched = [_rows(ids, period, fp) for period in periods]
        missing = {_sak_uuid(row[0]) for rows in fetched for row in rows if row[2] is None}
        computed: dict[uuid.UUID, list[Contribution | None]] = {}
        if missing:
            Bidrag.objects.filter(sak__tjeneste_id__in=ids).exclude(grunnlag=fp).delete()
            computed = _compute(ids, sorted(missing), periods, config, fp)
        for index, (period, rows) in enumerate(zip(periods, fetched, strict=True)):
            fresh = []  # the cases this period's rows lack, computed (None: the case went away)
            for sak, t, tall, _b, _n in rows:
                parts = computed.get(_sak_uuid(sak)) if tall is None else None
                if parts is not None and (part := parts[index]) is not None and not part.empty:
                    fresh.append((_sak_uuid(sak), t, part))
            _merge({t: result[t][index] for t in ids}, rows, fresh, ids, period, fp)
    return result


def _merge(
    by_service: dict[int, Tally],
    rows: list[tuple[Any, int, str | None, str | None, int]],
    fresh: list[tuple[uuid.UUID, int, Contribution]],
    ids: list[int],
    period: Period,
    fp: str,
) -> None:
    """Merge one period's stored rows (``_rows``) and freshly computed contributions
    (``(sak id, tjeneste id, contribution)``) into the services' tallies."""
    states: Counter[tuple[int, str]] = Counter()
    for _s, t, _tall, barn, n in rows:
        if barn:
            states[t, barn] += n
    for _s, t, part in fresh:
        if part.state is not None:
            states[t, part.child] += 1
    merging = {key for key, n in states.items() if n > 1}
    grouped: Counter[tuple[int, str]] = Counter()
    for _s, t, tall, barn, n in rows:
        if tall is not None and not (barn and (t, barn) in merging):
            grouped[t, tall] += n
    for (t, tall), n in grouped.items():
        by_service[t].add_counts(loads_counts(tall), n)
    ordered: list[tuple[uuid.UUID, int, Contribution]] = []
    for sak, t, part in fresh:
        if part.state is not None and (t, part.child) in merging:
            ordered.append((sak, t, part))
        else:
            by_service[t].add(part)
    stored = {(t, barn) for _s, t, _tall, barn, _n in rows if barn and (t, barn) in merging}
    if stored:
        children = sorted({barn for _t, barn in stored})
        computed = {sak for sak, _t, _part in fresh}  # stored meanwhile: already in ``ordered``
        found = [
            (sak, t, data)
            for sak, t, barn, data in _merging(ids, period, fp, children)
            if (t, barn) in stored and _sak_uuid(sak) not in computed
        ]
        parts = loads_many([data for _s, _t, data in found])
        ordered += [(_sak_uuid(sak), t, part) for (sak, t, _d), part in zip(found, parts, strict=True)]
    for _sak, t, part in sorted(ordered, key=lambda item: item[0]):
        by_service[t].add(part)


@receiver(saker_endret, dispatch_uid="stats.facts.drop")
def drop(sender: Any, sak_ids: Sequence[str], **kwargs: Any) -> None:
    """Delete the stored contributions of changed cases (inside the writer's transaction)."""
    from barnevern.stats.models import Bidrag

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [LOCK_KEY])
    ids = list(dict.fromkeys(sak_ids))
    for start in range(0, len(ids), DELETE_CHUNK):
        Bidrag.objects.filter(sak_id__in=ids[start : start + DELETE_CHUNK]).delete()
