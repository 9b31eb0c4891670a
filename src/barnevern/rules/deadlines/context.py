"""Shared helpers for deriving deadlines from one case: live elements, links, items.

An element counts when it is not deleted (``er_slettet`` or a ``Slettet`` entry naming it)
and already existed on "today" (its start date is on or before today). Links between
elements come from BVR ``Relasjon`` (either direction), as ``reference/ssb-barnevern.md``
§1.3 describes; callers fall back to date matching when a link is missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from barnevern.records import Plan, SakRecord
from barnevern.rules.deadlines.model import Deadline, DeadlineConfig, DeadlineItem, classify

__all__ = ["CaseContext", "plan_end"]


def plan_end(plan: Plan) -> date | None:
    """The plan's end date, or ``None`` while it is open."""
    return plan.konklusjon.slutt_dato if plan.konklusjon else None


@dataclass(slots=True)
class CaseContext:
    """One case as of ``today`` with the settings and externally known completion dates."""

    sak: SakRecord
    today: date
    config: DeadlineConfig
    completed: Mapping[tuple[str, str], date] = field(default_factory=dict)
    _deleted: set[tuple[str, str]] = field(default_factory=set)
    _links: dict[tuple[str, str], set[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(set)
    )

    def __post_init__(self) -> None:
        self._deleted = {(s.type, s.id) for s in self.sak.slettet}
        for rel in self.sak.relasjoner:
            if rel.er_slettet:
                continue
            self._links[(rel.fra_type, rel.fra_id)].add((rel.til_type, rel.til_id))
            self._links[(rel.til_type, rel.til_id)].add((rel.fra_type, rel.fra_id))

    def live(self, element_type: str, element_id: str, er_slettet: bool, start: date) -> bool:
        """True if the element is not deleted and exists on ``today``."""
        return (
            not er_slettet
            and (element_type, element_id) not in self._deleted
            and start <= self.today
        )

    def linked(self, element_type: str, element_id: str, other_type: str) -> set[str]:
        """Ids of ``other_type`` elements linked to the element by a Relasjon."""
        return {
            other_id
            for kind, other_id in self._links.get((element_type, element_id), ())
            if kind == other_type
        }

    def known(self, day: date | None) -> date | None:
        """``day`` if it is known on ``today`` (not in the future), else ``None``."""
        return day if day is not None and day <= self.today else None

    def item(
        self,
        deadline: Deadline,
        element_type: str,
        element_id: str,
        met_on: date | None,
        *,
        part: str = "",
        note_nb: str = "",
    ) -> DeadlineItem | None:
        """A DeadlineItem for ``deadline`` (``None`` when the rule has no due date)."""
        if deadline.due is None:
            return None
        status, days = classify(deadline.due, met_on, self.today)
        note = " ".join(text for text in (deadline.note_nb, note_nb) if text)
        return DeadlineItem(
            sak_id=self.sak.id,
            element_type=element_type,
            element_id=element_id,
            rule=deadline.rule,
            part=part,
            paragraph=deadline.paragraph,
            title_nb=deadline.title_nb,
            start=deadline.start,
            due=deadline.due,
            met_on=met_on,
            status=status,
            days=days,
            unverified=deadline.unverified,
            configurable=deadline.configurable,
            note_nb=note,
        )
