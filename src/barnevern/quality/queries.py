"""Database side of the worklist: a service's settings, records and what BVR does not hold.

Every list of a child's deadlines goes through ``cases.queries.visible_saker`` and writes
one audit row per listing (not per case). The figures come from ``quality.worklist`` and
``barnevern.rules.deadlines``; nothing is computed here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from barnevern.accounts import policy
from barnevern.audit.services import log
from barnevern.cases import models as cm
from barnevern.cases.queries import visible_saker
from barnevern.quality import cache, contributions
from barnevern.quality import models as qm
from barnevern.quality.casedata import UNASSIGNED, CaseData, owner_name
from barnevern.quality.worklist import WorklistRow, is_listed, sort_rows, worklist
from barnevern.rules.deadlines import DeadlineItem

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.organisation.models import Tjeneste


def service_config(tjeneste: Tjeneste, today: date | None = None) -> qm.Fristoppsett:
    """The service's deadline settings, created with the defaults on first use.

    ``avvik_from`` starts as the day the settings are created (``today``), so breaches in
    history imported earlier do not flood the avvik log with proposals.
    """
    from django.utils import timezone

    found = qm.Fristoppsett.objects.filter(tjeneste=tjeneste).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return qm.Fristoppsett.objects.create(
                tjeneste=tjeneste, avvik_from=today or timezone.localdate()
            )
    except IntegrityError:  # created concurrently
        return qm.Fristoppsett.objects.get(tjeneste=tjeneste)


def rows_for(
    data: CaseData,
    today: date,
    config: qm.Fristoppsett,
    *,
    kommune: str | None = None,
    only: Iterable[str] | None = None,
) -> list[WorklistRow]:
    """The worklist of ``data`` (``only``: the case ids to keep)."""
    keep = None if only is None else set(only)
    records = data.records if keep is None else [r for r in data.records if r.id in keep]
    rows = worklist(
        records,
        today,
        config.to_rules(),
        kommune=kommune,
        horizon=config.worklist_days,
        completed=data.completed,
        owners=data.owners,
    )
    open_records = {
        r.id: r for r in records if not r.er_slettet and (r.slutt_dato is None or r.slutt_dato > today)
    }
    for sak_id, items in foster_home_items(list(open_records), today).items():
        rec = open_records[sak_id]
        where = rec.kommune_on(today)
        if kommune is not None and where != kommune:
            continue
        owner = data.owners.get(sak_id, rec.saksbehandler or "")
        rows += [
            WorklistRow(rec.journalnummer, where, owner, item)
            for item in items
            if is_listed(item, config.worklist_days)
        ]
    return sort_rows(rows)


def _kept_rows(
    qs: QuerySet[cm.Sak],
    today: date,
    config: qm.Fristoppsett,
    *,
    kommune: str | None,
    names: bool,
    data: CaseData | None = None,
) -> list[WorklistRow]:
    """``rows_for`` of the cases ``qs``, from each case's open deadlines kept for the day
    (``quality.contributions``: only cases changed since are read and computed again).

    ``names``: rows name the case worker (else the record's own KOSTRA 15F case worker).
    ``data``: the cases already read (a leder's first visit of the day): computed from these
    and kept, nothing kept is read.
    """
    counter = cache.changes()  # before the cases are read (``data`` was read after it, or earlier)
    cases = {
        str(sak_id): (journalnummer, navn, owner_id, first, last, username)
        for sak_id, journalnummer, navn, owner_id, first, last, username in qs.values_list(
            "id",
            "journalnummer",
            "saksbehandler_navn",
            "saksbehandler_id",
            "saksbehandler__first_name",
            "saksbehandler__last_name",
            "saksbehandler__username",
        )
    }
    rules = config.to_rules()
    if data is None:
        per_case = contributions.kept(qs, today, rules, "apne")
    else:
        fresh = {
            rec.id: contributions.contribution(rec, today, rules, data.completed.get(rec.id))
            for rec in data.records
            if rec.id in cases
        }
        if data.counter is not None:  # keep them only if read after a known counter
            contributions.store(fresh, today, cache.fingerprint(rules), min(counter, data.counter))
        per_case = {sak_id: [c.kommune, c.apne] for sak_id, c in fresh.items()}
    horizon = config.worklist_days
    rows: list[WorklistRow] = []
    foster = foster_home_items(qs, today)
    for sak_id, (where, items) in per_case.items():
        if sak_id not in cases or (kommune is not None and where != kommune):
            continue
        journalnummer, navn, owner_id, first, last, username = cases[sak_id]
        if names:
            owner = owner_name(first or "", last or "", username) if owner_id else UNASSIGNED
        else:
            owner = navn or ""
        for item_data in items:
            item = contributions.item_from_json(sak_id, item_data)
            if is_listed(item, horizon):
                rows.append(WorklistRow(journalnummer, where, owner, item))
        for item in foster.get(sak_id, ()):
            if is_listed(item, horizon):
                rows.append(WorklistRow(journalnummer, where, owner, item))
    return sort_rows(rows)


def foster_home_items(saker: QuerySet[cm.Sak] | Iterable[str], today: date) -> dict[str, list[DeadlineItem]]:
    """The foster-home deadlines of these cases (``barnevern.fosterhjem.deadlines``, one layer
    down): approval and training before the move-in, agreement renewal, the follow-up plan for
    the foster family, and reduced visits (D12/D13) checked against the home's data."""
    from barnevern.fosterhjem.deadlines import items_for_saker

    return items_for_saker(saker, today)


def _open_on(today: date) -> Q:
    return Q(slutt_dato__isnull=True) | Q(slutt_dato__gt=today)


def unassigned_count(user: User, today: date) -> int:
    """Open cases of the user's service that no case worker has yet (which the leder distributes).

    Only a number (no deadlines, no child data): a case worker's start page shows it with a
    link to the deadlines of those cases.
    """
    policy.require(policy.can_see_cases(user), "Din rolle gir ikke tilgang til saker.")
    return visible_saker(user).filter(_open_on(today), saksbehandler__isnull=True).count()


def user_worklist(
    user: User,
    today: date,
    *,
    kommune: str | None = None,
    saksbehandler: int | None = None,
    audit: bool = True,
    data: CaseData | None = None,
    config: qm.Fristoppsett | None = None,
) -> list[WorklistRow]:
    """The worklist of the cases ``user`` may see (a leder: the whole service).

    ``saksbehandler`` (a user id, or 0 for unassigned cases) narrows a leder's list to one
    case worker. ``data``: the service's cases already loaded (``service_cases``), to avoid
    reading them twice; only the cases the user may see are used. ``config``: the service's
    settings, if already read. One audit row records the listing. Rows name the case worker
    (``WorklistRow.saksbehandler``) on a leder's list only; a saksbehandler's name the
    record's own (KOSTRA 15F) case worker, if any.
    """
    policy.require(policy.can_see_cases(user), "Din rolle gir ikke tilgang til saker.")
    qs = visible_saker(user)
    if saksbehandler is not None:
        qs = (
            qs.filter(saksbehandler__isnull=True)
            if saksbehandler == 0
            else qs.filter(saksbehandler_id=saksbehandler)
        )
    config = config or service_config(policy.service_of(user), today)
    if data is None:  # a case ended by today has nothing left to act on (quality.worklist)
        rows = _kept_rows(
            qs.filter(_open_on(today)), today, config, kommune=kommune, names=policy.is_leder(user)
        )
    else:
        rows = _kept_rows(
            qs.filter(_open_on(today)), today, config, kommune=kommune, names=policy.is_leder(user), data=data
        )
    if audit:
        log(
            "view",
            f"Viste arbeidsliste for frister ({len(rows)} frister)",
            data={"antall": len(rows), "dato": today, "kommune": kommune, "saksbehandler": saksbehandler},
        )
    return rows
