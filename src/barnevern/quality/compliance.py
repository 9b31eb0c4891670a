"""Retrospective compliance: each deadline that fell due in a period, met or breached.

``compliance(records, start, end, today, config)`` is plain Python on records (files or
database); ``compliance_summary(tjeneste, start, end)`` is what the statistics (share on
time) and the annual report call. Both reuse ``rules.deadlines.retrospective``.

* A deadline belongs to the period in which its due date falls (both ends included).
* Its outcome is the status as of ``today`` (default: the real today): done on time = met;
  done late = breached; not done and past due = breached too (still overdue); due today or
  later = open, not counted in the share.
* A deadline belongs to the member municipality where the child lived on the due date
  (``SakRecord.kommune_on``), so figures of an intermunicipal service split by member.
* ``share`` = met / (met + breached), a ``Decimal`` rounded to 4 places, ``None`` when no
  deadline of that rule was settled in the period.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from barnevern.quality.worklist import Completed
from barnevern.records import SakRecord
from barnevern.rules.deadlines import RULES, DeadlineConfig, DeadlineItem, Status, deadlines_for_sak
from barnevern.rules.deadlines import retrospective as rules_retrospective
from barnevern.rules.deadlines.model import rule_number

if TYPE_CHECKING:
    from barnevern.organisation.models import Tjeneste

__all__ = ["UNKNOWN_KOMMUNE", "Compliance", "ComplianceRow", "compliance", "compliance_summary", "share"]

UNKNOWN_KOMMUNE = "ukjent"
_PLACES = Decimal("0.0001")


class RuleCompliance(TypedDict):
    """One rule in one municipality over a period: what ``compliance_summary`` gives per rule."""

    met: int
    breached: int  # including those still overdue
    open: int
    days_over: int
    share: Decimal | None  # met / (met + breached); None when nothing is settled


def share(met: int, breached: int) -> Decimal | None:
    settled = met + breached
    if settled == 0:
        return None
    return (Decimal(met) / Decimal(settled)).quantize(_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class ComplianceRow:
    """One deadline that fell due in the period, with its case and municipality."""

    kommune: str
    journalnummer: str
    item: DeadlineItem

    @property
    def breached(self) -> bool:
        return self.item.status in (Status.BREACHED, Status.OVERDUE)


@dataclass(frozen=True, slots=True)
class Compliance:
    start: date
    end: date
    today: date
    rows: tuple[ComplianceRow, ...]

    def summary(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Per municipality number, per rule: met, breached, open, days_over and share."""
        by_kommune: dict[str, list[DeadlineItem]] = {}
        for row in self.rows:
            by_kommune.setdefault(row.kommune, []).append(row.item)
        result: dict[str, dict[str, dict[str, Any]]] = {}
        for kommune in sorted(by_kommune):
            retro = rules_retrospective(by_kommune[kommune], self.start, self.end)
            result[kommune] = {
                rule: {
                    "met": s.met,
                    "breached": s.breached + s.overdue,
                    "open": s.open,
                    "days_over": s.days_over,
                    "share": share(s.met, s.breached + s.overdue),
                }
                for rule, s in retro.by_rule().items()
            }
        return result

    def totals(self) -> dict[str, dict[str, Any]]:
        """Per rule across all municipalities (same keys as ``summary``)."""
        retro = rules_retrospective([r.item for r in self.rows], self.start, self.end)
        return {
            rule: {
                "met": s.met,
                "breached": s.breached + s.overdue,
                "open": s.open,
                "days_over": s.days_over,
                "share": share(s.met, s.breached + s.overdue),
                "title": RULES[rule].title_nb if rule in RULES else rule,
            }
            for rule, s in retro.by_rule().items()
        }

    @property
    def breaches(self) -> list[ComplianceRow]:
        """Breached deadlines, the most days over first."""
        return sorted(
            (r for r in self.rows if r.breached),
            key=lambda r: (-r.item.days, r.item.due, r.journalnummer, rule_number(r.item.rule)),
        )


def compliance(
    records: Iterable[SakRecord],
    start: date,
    end: date,
    today: date,
    config: DeadlineConfig,
    *,
    completed: Completed | None = None,
    kommune: str | None = None,
) -> Compliance:
    """Deadlines of ``records`` due from ``start`` to ``end``, with outcomes as of ``today``."""
    if end < start:
        raise ValueError("Perioden slutter før den begynner.")
    done = completed or {}
    rows: list[ComplianceRow] = []
    for rec in records:
        if rec.er_slettet:
            continue
        items = deadlines_for_sak(rec, today, config, completed=done.get(rec.id))
        for item in rules_retrospective(items, start, end).items:
            where = rec.kommune_on(item.due) or UNKNOWN_KOMMUNE
            if kommune is not None and where != kommune:
                continue
            rows.append(ComplianceRow(where, rec.journalnummer, item))
    rows.sort(key=lambda r: (r.item.due, r.journalnummer, rule_number(r.item.rule), r.item.part))
    return Compliance(start, end, today, tuple(rows))


def service_compliance(
    tjeneste: Tjeneste, start: date, end: date, *, today: date | None = None, kommune: str | None = None
) -> Compliance:
    """``compliance`` over every live case of a service, with its settings (database)."""
    from django.utils import timezone

    from barnevern.quality.casedata import service_cases
    from barnevern.quality.queries import service_config

    as_of = today or timezone.localdate()
    data = service_cases(tjeneste, owners=False)
    config = service_config(tjeneste, as_of).to_rules()
    return compliance(data.records, start, end, as_of, config, completed=data.completed, kommune=kommune)


def compliance_summary(
    tjeneste: Tjeneste, start: date, end: date, *, today: date | None = None
) -> dict[str, dict[str, RuleCompliance]]:
    """``{kommunenr: {rule: RuleCompliance}}`` for a period.

    For the statistics and the annual report: no access check and no audit row here (the
    result holds counts only); the caller checks the user's right to see the figures. The
    figures are those of ``compliance(...).summary()`` over every live case of the service,
    added up from each case's deadlines kept for the day (``quality.contributions``: only
    cases changed since are computed again), and the result itself is kept for the day until
    a case of the service, a completed duty or the settings change (``quality.cache``): a
    report is rendered many times while it is written.
    """
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    from barnevern.quality import cache, contributions
    from barnevern.quality.models import ComplianceSummary
    from barnevern.quality.queries import service_config

    if end < start:
        raise ValueError("Perioden slutter før den begynner.")
    as_of = today or timezone.localdate()
    config = service_config(tjeneste, as_of).to_rules()
    settings, counter = cache.fingerprint(config), cache.changes()  # the counter before the cases
    kept = (
        ComplianceSummary.objects.filter(
            tjeneste=tjeneste, fra=start, til=end, dato=as_of, innstillinger=settings
        )
        .values_list("endringer", "data")
        .first()
    )
    if kept is not None and not cache.changed_since(tjeneste, kept[0]):
        return _with_shares(kept[1])
    counts = contributions.summarize(
        contributions.service_frister(tjeneste, as_of, config).values(), start, end
    )
    fields = {"dato": as_of, "innstillinger": settings, "endringer": counter, "data": counts}
    try:
        with transaction.atomic():
            ComplianceSummary.objects.update_or_create(tjeneste=tjeneste, fra=start, til=end, defaults=fields)
    except IntegrityError:  # written concurrently: keep theirs
        pass
    cache.prune()
    return _with_shares(counts)


def _with_shares(counts: dict[str, dict[str, dict[str, int]]]) -> dict[str, dict[str, RuleCompliance]]:
    return {
        kommune: {
            rule: RuleCompliance(
                met=rules[rule]["met"],
                breached=rules[rule]["breached"],
                open=rules[rule]["open"],
                days_over=rules[rule]["days_over"],
                share=share(rules[rule]["met"], rules[rule]["breached"]),
            )
            for rule in sorted(rules, key=rule_number)
        }
        for kommune, rules in sorted(counts.items())
    }
