"""Typed values for statutory deadlines: rules, configuration, results and their status.

Which act applies follows the event date: barnevernloven 1992 (LOV-1992-07-17-100, «BVL»)
up to 2022-12-31 and barnevernsloven 2021 (LOV-2021-06-18-97, «BVL2021») from 2023-01-01
(``reference/domain-rules.md`` introduction; BVR ``Lov`` code list in
``reference/ssb-barnevern.md`` §1.4). The paragraph a deadline cites changes with it.

Status of a deadline relative to "today" (an as-of date passed in, never read from a clock):

* ``met``: done on or before the due date; ``breached``: done after it;
* ``due``: not done and due today; ``upcoming``: not done, due later;
* ``overdue``: not done and past due.

Completion dates after "today" are ignored, so a past "today" gives the picture as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from barnevern.rules.dates import Arithmetic, Span
from barnevern.rules.deadlines.sources import Wording

__all__ = [
    "BVL1992",
    "BVL2021",
    "LAW_CHANGE",
    "Deadline",
    "DeadlineConfig",
    "DeadlineItem",
    "InvestigationStart",
    "RuleSpec",
    "Status",
    "classify",
    "law_on",
    "rule_number",
]

BVL1992 = "BVL"
BVL2021 = "BVL2021"
LAW_CHANGE = date(2023, 1, 1)
"""barnevernsloven 2021 entered into force; the 1992 act was repealed the day before."""


def rule_number(rule: str) -> int:
    """The number of a rule id (``"D12"`` → 12) for sorting; unknown ids sort last."""
    digits = rule[1:]
    return int(digits) if rule[:1] == "D" and digits.isdigit() else 99


def law_on(day: date) -> str:
    """The child welfare act in force on ``day``: ``"BVL"`` (1992) or ``"BVL2021"``."""
    return BVL2021 if day >= LAW_CHANGE else BVL1992


class Status(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"
    MET = "met"
    BREACHED = "breached"


def classify(due: date, met_on: date | None, today: date) -> tuple[Status, int]:
    """Status and day count of a deadline as of ``today``.

    ``days`` is the days left while open, the days over when overdue or breached, else 0.
    A ``met_on`` after ``today`` is not yet known and counts as not done.
    """
    if met_on is not None and met_on <= today:
        if met_on <= due:
            return Status.MET, 0
        return Status.BREACHED, (met_on - due).days
    if today > due:
        return Status.OVERDUE, (today - due).days
    if today == due:
        return Status.DUE, 0
    return Status.UPCOMING, (due - today).days


class InvestigationStart(StrEnum):
    """Where the three-month investigation deadline (D3) starts."""

    REVIEW_EXPIRY = "review_expiry"
    """At the expiry of the one-week review deadline: receipt + 7 days (bvl § 2-2 read with
    § 2-1, and SSB's Undersøkelse K11). The reference's recommended default."""

    MELDING_CONCLUDED = "melding_concluded"
    """At the melding's conclusion date (= the investigation's BVR StartDato), as 1992-act
    practice described it (⚠ secondary source)."""


@dataclass(frozen=True, slots=True)
class DeadlineConfig:
    """Settings for the readings the reference marks ⚠ (defaults = its recommendation).

    * ``arithmetic``: § 148 calendar months (default), with § 149 roll-forward, or SSB days.
    * ``extra_closed_days``: days a service treats as closed, for roll-forward.
    * ``ssb_melding_grace_days``: added to D1 in SSB day mode only (KOSTRA 15F Melding K3
      allowed one day agreed with Bufdir; BVR's K3 allows none).
    * ``investigation_start``: D3 from receipt + 7 days (default) or the melding's conclusion.
    * ``investigation_plan_within``: D4 (no time limit found): ``None`` = the plan must exist
      by the investigation's own deadline; a span = within that span of the investigation start.
    * ``measure_plan_within``: D5 tiltaksplan after a hjelpetiltak starts (guidance: at the
      same time, i.e. ``P0D``).
    * ``plan_evaluation_interval`` / ``evaluated_plan_types``: D5 evaluations (guidance:
      quarterly) for plan types ``1`` (tiltaksplan) by default.
    * ``care_plan_within`` / ``care_plan_types``: D6 omsorgsplan (no fixed limit found; Bufdir:
      before the child moves in, so ``P0D`` from the omsorgstiltak's start).
    * ``visits_in_emergency_homes``: whether D12/D13 visits are required in beredskapshjem
      (category 2.5) as in other foster homes.
    * ``include_feedback``: produce D2 items (BVR does not record feedback to the reporter,
      so without completion dates supplied they show as not done).
    """

    arithmetic: Arithmetic = Arithmetic.LAW
    extra_closed_days: frozenset[date] = field(default_factory=frozenset)
    ssb_melding_grace_days: int = 0
    investigation_start: InvestigationStart = InvestigationStart.REVIEW_EXPIRY
    investigation_plan_within: Span | None = None
    measure_plan_within: Span = Span()
    plan_evaluation_interval: Span = Span(months=3)
    evaluated_plan_types: tuple[str, ...] = ("1",)
    care_plan_within: Span = Span()
    care_plan_types: tuple[str, ...] = ("3", "4")
    visits_in_emergency_homes: bool = True
    include_feedback: bool = True

    def __post_init__(self) -> None:
        if self.ssb_melding_grace_days < 0:
            raise ValueError("ssb_melding_grace_days cannot be negative")
        if self.plan_evaluation_interval.ssb_days == 0:
            raise ValueError("plan_evaluation_interval must be longer than zero")


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A deadline rule: its id, Norwegian title and its wordings over time.

    ``wordings`` (newest last) say which paragraph and ledd applied in which period and which
    sources were read (:mod:`barnevern.rules.deadlines.sources`). A deadline cites the wording
    in force on its event date. ``unverified`` is true only for a wording whose source could not
    be found after a real search (its ``searched_nb`` says what was searched).
    """

    rule: str
    title_nb: str
    wordings: tuple[Wording, ...]
    configurable: bool = False
    time_limit_nb: str = ""

    def wording_on(self, day: date) -> Wording:
        """The wording in force on ``day`` (the earliest one for days before all of them)."""
        for wording in reversed(self.wordings):
            if wording.in_force_on(day):
                return wording
        return self.wordings[0] if day < (self.wordings[0].valid_from or day) else self.wordings[-1]

    def paragraph_on(self, day: date) -> str:
        return self.wording_on(day).paragraph

    def unverified_on(self, day: date) -> bool:
        return not self.wording_on(day).verified

    @property
    def paragraph_2021(self) -> str:
        """The paragraph in force today's way: the newest wording under the 2021 act."""
        return self.wordings[-1].paragraph

    @property
    def paragraph_1992(self) -> str:
        return self.wording_on(date(2022, 12, 31)).paragraph

    def paragraph(self, law: str) -> str:
        """Backwards-compatible: the paragraph under ``law`` (``BVL2021`` → the newest wording)."""
        return self.paragraph_2021 if law == BVL2021 else self.paragraph_1992

    def unverified(self, law: str) -> bool:
        day = date(2022, 12, 31) if law == BVL1992 else LAW_CHANGE
        return self.unverified_on(day) if law == BVL1992 else not self.wordings[-1].verified


@dataclass(frozen=True, slots=True)
class Deadline:
    """One computed deadline: ``due`` is the last day to act (``None``: no time limit)."""

    rule: str
    title_nb: str
    paragraph: str
    law: str
    start: date
    due: date | None
    arithmetic: Arithmetic
    unverified: bool = False
    configurable: bool = False
    note_nb: str = ""
    sources: tuple[str, ...] = ()
    """Keys into ``barnevern.rules.deadlines.sources.SOURCES`` for the wording applied."""


@dataclass(frozen=True, slots=True)
class DeadlineItem:
    """A deadline of one element of one case, with its status as of ``today``.

    ``part`` tells apart several deadlines of one rule for one element, e.g. ``"plan"`` and
    ``"evaluering 2"`` (D5) or ``"2024 besøk 3/4"`` (D12/D13).
    """

    sak_id: str
    element_type: str
    element_id: str
    rule: str
    part: str
    paragraph: str
    title_nb: str
    start: date
    due: date
    met_on: date | None
    status: Status
    days: int
    unverified: bool = False
    configurable: bool = False
    note_nb: str = ""
