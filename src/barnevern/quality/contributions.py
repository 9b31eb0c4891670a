"""Per-case deadline contributions, kept for the day: what ``compliance_summary`` adds up.

Computing the compliance of a large service reads every case and computes every deadline
(about 4 s for 20,000 cases). Each case's deadlines are therefore kept, as of one day, in
``FristBidrag`` (``[kommune, rule, due, outcome, days]`` per deadline); a summary for any
period adds up the kept rows and computes again only the cases that have none for the day,
for other settings, or a change since (``Endring``: ``quality.cache``). On a working day
that is the handful of cases someone touched since the last look, not the whole service.

The figures are exactly those of ``compliance.compliance(records, ...).summary()``: the same
deadlines (``rules.deadlines.deadlines_for_sak``), the same municipality on the due date and
the same outcome as of "today" (``tests/quality/test_contributions.py`` compares them).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from barnevern.cases import models as cm
from barnevern.formats.records import SakRecord
from barnevern.quality import cache
from barnevern.quality import models as qm
from barnevern.rules.deadlines import DeadlineConfig, Status, deadlines_for_sak

if TYPE_CHECKING:
    from barnevern.organisation.models import Tjeneste

UNKNOWN_KOMMUNE = "ukjent"  # as quality.compliance
OUTCOME = {Status.MET: "m", Status.BREACHED: "b", Status.OVERDUE: "o"}  # anything else is open
Frister = list[list[Any]]


def case_frister(
    rec: SakRecord, today: date, config: DeadlineConfig, completed: Mapping[tuple[str, str], date] | None
) -> Frister:
    """``[kommune, rule, due (ISO), outcome, days]`` for every deadline of one case."""
    if rec.er_slettet:
        return []
    return [
        [
            rec.kommune_on(item.due) or UNKNOWN_KOMMUNE,
            item.rule,
            item.due.isoformat(),
            OUTCOME.get(item.status, ""),
            item.days,
        ]
        for item in deadlines_for_sak(rec, today, config, completed=completed)
    ]


def service_frister(tjeneste: Tjeneste, today: date, config: DeadlineConfig) -> dict[str, Frister]:
    """Every live case's deadlines as of ``today``: kept rows where valid, the rest computed now."""
    from barnevern.quality.queries import case_data

    counter = cache.changes()  # before anything of the cases is read
    settings = cache.fingerprint(config)
    live = cm.Sak.objects.filter(tjeneste=tjeneste, er_slettet=False)
    rows = list(
        qm.FristBidrag.objects.filter(
            sak__tjeneste=tjeneste, sak__er_slettet=False, dato=today, innstillinger=settings
        ).values_list("sak_id", "endringer", "frister")
    )
    decoded = json.loads(
        "[" + ",".join(frister for _, _, frister in rows) + "]"
    )  # one parse, not one per case
    kept = {
        str(sak_id): (endringer, frister)
        for (sak_id, endringer, _), frister in zip(rows, decoded, strict=True)
    }
    valid: dict[str, Frister] = {}
    if kept:
        latest: dict[str, int] = {}
        oldest = min(endringer for endringer, _ in kept.values())
        for sak_id, change in qm.Endring.objects.filter(id__gt=oldest).values_list("sak_id", "id"):
            latest[str(sak_id)] = max(change, latest.get(str(sak_id), 0))
        valid = {k: frister for k, (endringer, frister) in kept.items() if latest.get(k, 0) <= endringer}
    ids = {str(pk) for pk in live.values_list("id", flat=True)}
    missing = ids - valid.keys()
    if missing:
        # Most of the service (the first look of the day): read it whole rather than by a long id list.
        qs = live if len(missing) > len(ids) // 2 else live.filter(id__in=sorted(missing))
        data = case_data(qs, owners=False)
        fresh = {
            rec.id: case_frister(rec, today, config, data.completed.get(rec.id))
            for rec in data.records
            if rec.id in missing
        }
        store(fresh, today, settings, counter)
        valid.update(fresh)
    return valid


def store(frister: Mapping[str, Frister], today: date, settings: str, counter: int) -> None:
    """Keep the deadlines of these cases for ``today`` (computed at change counter ``counter``).

    One ``INSERT ... ON CONFLICT DO UPDATE`` run over all rows (PostgreSQL and SQLite):
    building 20,000 model instances and Django's array parameters cost several seconds.
    """
    from django.db import connection

    meta = qm.FristBidrag._meta
    uuid_field = meta.get_field("sak").target_field
    day = connection.ops.adapt_datefield_value(today)
    sql = (  # quality_fristbidrag is FristBidrag's table (Meta.db_table); every value is a parameter
        "INSERT INTO quality_fristbidrag (sak_id, dato, innstillinger, endringer, frister) "
        "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (sak_id) DO UPDATE SET dato = excluded.dato, "
        "innstillinger = excluded.innstillinger, endringer = excluded.endringer, frister = excluded.frister"
    )
    params = [
        (
            uuid_field.get_db_prep_value(uuid.UUID(sak_id), connection),
            day,
            settings,
            counter,
            json.dumps(items, separators=(",", ":")),
        )
        for sak_id, items in frister.items()
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def summarize(per_case: Iterable[Frister], start: date, end: date) -> dict[str, dict[str, dict[str, int]]]:
    """``{kommune: {rule: {met, breached, open, days_over}}}`` of the deadlines due from
    ``start`` to ``end`` (both included), as ``rules.deadlines.retrospective`` counts them:
    breached includes the still overdue, and days over is summed over both."""
    first, last = start.isoformat(), end.isoformat()
    counts: dict[str, dict[str, dict[str, int]]] = {}
    for frister in per_case:
        for kommune, rule, due, outcome, days in frister:
            if not first <= due <= last:
                continue
            row = counts.setdefault(kommune, {}).setdefault(
                rule, {"met": 0, "breached": 0, "open": 0, "days_over": 0}
            )
            if outcome == "m":
                row["met"] += 1
            elif outcome:
                row["breached"] += 1
                row["days_over"] += days
            else:
                row["open"] += 1
    return counts
