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
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from barnevern.cases import models as cm
from barnevern.quality import cache
from barnevern.quality import models as qm
from barnevern.quality.casedata import case_data
from barnevern.records import SakRecord
from barnevern.rules.deadlines import DeadlineConfig, DeadlineItem, Status, deadlines_for_sak

if TYPE_CHECKING:
    from barnevern.organisation.models import Tjeneste

UNKNOWN_KOMMUNE = "ukjent"  # as quality.compliance
OUTCOME = {Status.MET: "m", Status.BREACHED: "b", Status.OVERDUE: "o"}  # anything else is open
OPEN = frozenset({Status.OVERDUE, Status.DUE, Status.UPCOMING})  # as quality.worklist.OPEN_STATUSES
Frister = list[list[Any]]


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one case adds, as of one day: ``frister`` to compliance (``[kommune on the due
    date, rule, due, outcome, days]`` per deadline) and ``apne`` to the worklist (the
    municipality where the child lives that day, and every open deadline in full)."""

    frister: Frister
    kommune: str | None
    apne: list[list[Any]]


def contribution(
    rec: SakRecord, today: date, config: DeadlineConfig, completed: Mapping[tuple[str, str], date] | None
) -> Contribution:
    """One case's contribution: its deadlines computed once (``deadlines_for_sak``)."""
    if rec.er_slettet:
        return Contribution([], None, [])
    items = deadlines_for_sak(rec, today, config, completed=completed)
    frister = [
        [
            rec.kommune_on(i.due) or UNKNOWN_KOMMUNE,
            i.rule,
            i.due.isoformat(),
            OUTCOME.get(i.status, ""),
            i.days,
        ]
        for i in items
    ]
    return Contribution(frister, rec.kommune_on(today), [_item_json(i) for i in items if i.status in OPEN])


def _item_json(item: DeadlineItem) -> list[Any]:
    return [
        item.element_type,
        item.element_id,
        item.rule,
        item.part,
        item.paragraph,
        item.title_nb,
        item.start.isoformat(),
        item.due.isoformat(),
        item.met_on.isoformat() if item.met_on else None,
        item.status.value,
        item.days,
        item.unverified,
        item.configurable,
        item.note_nb,
    ]


def item_from_json(sak_id: str, data: list[Any]) -> DeadlineItem:
    """The ``DeadlineItem`` kept as ``_item_json`` (``quality.queries.user_worklist``)."""
    (
        element_type,
        element_id,
        rule,
        part,
        paragraph,
        title,
        start,
        due,
        met_on,
        status,
        days,
        unv,
        conf,
        note,
    ) = data
    return DeadlineItem(
        sak_id=sak_id,
        element_type=element_type,
        element_id=element_id,
        rule=rule,
        part=part,
        paragraph=paragraph,
        title_nb=title,
        start=date.fromisoformat(start),
        due=date.fromisoformat(due),
        met_on=date.fromisoformat(met_on) if met_on else None,
        status=Status(status),
        days=days,
        unverified=unv,
        configurable=conf,
        note_nb=note,
    )


def service_frister(tjeneste: Tjeneste, today: date, config: DeadlineConfig) -> dict[str, Frister]:
    """Every live case's deadlines as of ``today``: kept rows where valid, the rest computed now."""
    live = cm.Sak.objects.filter(tjeneste=tjeneste, er_slettet=False)
    return kept(live, today, config, "frister")


def kept(qs: QuerySet[cm.Sak], today: date, config: DeadlineConfig, part: str) -> dict[str, Any]:
    """``part`` of the contribution of every case in ``qs`` as of ``today``, by case id: kept rows
    where valid, the rest computed now (and kept). ``part``: ``"frister"`` (a list per case) or
    ``"apne"`` (``[kommune, [open item, ...]]`` per case)."""
    counter = cache.changes()  # before anything of the cases is read
    settings = cache.fingerprint(config)
    column = "frister" if part == "frister" else "apne"
    rows = list(
        qm.FristBidrag.objects.filter(
            sak__in=qs.values("id"), dato=today, innstillinger=settings
        ).values_list("sak_id", "endringer", "kommune", column)
    )
    decoded = json.loads("[" + ",".join(text for *_, text in rows) + "]")  # one parse, not one per case
    found: dict[str, tuple[int, Any]] = {}
    for (sak_id, endringer, kommune, _), value in zip(rows, decoded, strict=True):
        found[str(sak_id)] = (endringer, value if part == "frister" else [kommune or None, value])
    valid: dict[str, Any] = {}
    if found:
        latest: dict[str, int] = {}
        oldest = min(endringer for endringer, _ in found.values())
        for sak_id, change in qm.Endring.objects.filter(id__gt=oldest).values_list("sak_id", "id"):
            latest[str(sak_id)] = max(change, latest.get(str(sak_id), 0))
        valid = {k: value for k, (endringer, value) in found.items() if latest.get(k, 0) <= endringer}
    ids = {str(pk) for pk in qs.values_list("id", flat=True)}
    missing = ids - valid.keys()
    if missing:
        # Most of them (the first look of the day): read the query whole rather than by a long id list.
        chosen = qs if len(missing) > len(ids) // 2 else qs.filter(id__in=sorted(missing))
        data = case_data(chosen, owners=False)
        fresh = {
            rec.id: contribution(rec, today, config, data.completed.get(rec.id))
            for rec in data.records
            if rec.id in missing
        }
        store(fresh, today, settings, counter)
        for sak_id, c in fresh.items():
            valid[sak_id] = c.frister if part == "frister" else [c.kommune, c.apne]
    return {k: v for k, v in valid.items() if k in ids}


def store(contributions: Mapping[str, Contribution], today: date, settings: str, counter: int) -> None:
    """Keep the contributions of these cases for ``today`` (computed at change counter ``counter``).

    One ``INSERT ... ON CONFLICT DO UPDATE`` run over all rows (PostgreSQL and SQLite):
    building 20,000 model instances and Django's array parameters cost several seconds.
    """
    from django.db import connection

    uuid_field = qm.FristBidrag._meta.get_field("sak").target_field
    day = connection.ops.adapt_datefield_value(today)
    sql = (  # quality_fristbidrag is FristBidrag's table (Meta.db_table); every value is a parameter
        "INSERT INTO quality_fristbidrag (sak_id, dato, innstillinger, endringer, frister, kommune, apne) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (sak_id) DO UPDATE SET dato = excluded.dato, "
        "innstillinger = excluded.innstillinger, endringer = excluded.endringer, frister = excluded.frister, "
        "kommune = excluded.kommune, apne = excluded.apne"
    )
    params = [
        (
            uuid_field.get_db_prep_value(uuid.UUID(sak_id), connection),
            day,
            settings,
            counter,
            json.dumps(c.frister, separators=(",", ":")),
            c.kommune or "",
            json.dumps(c.apne, separators=(",", ":")),
        )
        for sak_id, c in contributions.items()
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
