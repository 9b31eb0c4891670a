"""Statutory deadlines D1–D14 for child welfare cases (plain Python, no Django).

The rules, their paragraphs over time (barnevernloven 1992, barnevernsloven 2021, the
foster-home regulations of 2003 and 2023) and the sources read for each are in ``statutory``
and ``sources`` (issue 21); SSB's day arithmetic is from ``reference/ssb-barnevern.md`` §2.
Modules:

* ``model``: ``Deadline``, ``DeadlineItem``, ``DeadlineConfig``, ``Status``, ``law_on``;
* ``statutory``: one function per rule, ``d1_melding_review`` … ``d14_aftercare_age_limit``,
  and ``RULES`` (each rule's wordings, with paragraph, period and sources);
* ``sources``: ``SOURCES`` (every document read) and ``Wording``;
* ``case``: ``deadlines_for_sak`` (every deadline of one case, with status as of a date);
* ``plans``, ``orders``, ``visits``: the per-element derivations used by ``case``;
* ``retrospective``: deadlines that fell due in a period, met or breached.

User documentation: ``docs/deadlines.md``.
"""

from __future__ import annotations

from barnevern.rules.dates import Arithmetic, DeadlineMode, Span
from barnevern.rules.deadlines.case import MEASURE_PLAN_BASES, deadlines_for_sak, needs_measure_plan
from barnevern.rules.deadlines.model import (
    LAW_CHANGE,
    Deadline,
    DeadlineConfig,
    DeadlineItem,
    InvestigationStart,
    RuleSpec,
    Status,
    classify,
    law_on,
)
from barnevern.rules.deadlines.orders import emergency_rule
from barnevern.rules.deadlines.retrospective import Retrospective, RuleSummary, retrospective
from barnevern.rules.deadlines.statutory import (
    DEFAULT_CONFIG,
    RULES,
    d1_melding_review,
    d2_feedback_after_investigation,
    d2_feedback_to_reporter,
    d3_investigation,
    d4_investigation_plan,
    d5_measure_plan,
    d5_plan_evaluation,
    d6_care_plan,
    d7_care_order_execution,
    d8_emergency_placement,
    d9_emergency_behaviour,
    d10_emergency_support,
    d11_emergency_appeal,
    d12_follow_up_visit,
    d13_supervision_visit,
    d14_aftercare_age_limit,
)
from barnevern.rules.deadlines.visits import required_visits

__all__ = [
    "DEFAULT_CONFIG",
    "LAW_CHANGE",
    "MEASURE_PLAN_BASES",
    "RULES",
    "Arithmetic",
    "Deadline",
    "DeadlineConfig",
    "DeadlineItem",
    "DeadlineMode",
    "InvestigationStart",
    "Retrospective",
    "RuleSpec",
    "RuleSummary",
    "Span",
    "Status",
    "classify",
    "d1_melding_review",
    "d2_feedback_after_investigation",
    "d2_feedback_to_reporter",
    "d3_investigation",
    "d4_investigation_plan",
    "d5_measure_plan",
    "d5_plan_evaluation",
    "d6_care_plan",
    "d7_care_order_execution",
    "d8_emergency_placement",
    "d9_emergency_behaviour",
    "d10_emergency_support",
    "d11_emergency_appeal",
    "d12_follow_up_visit",
    "d13_supervision_visit",
    "d14_aftercare_age_limit",
    "deadlines_for_sak",
    "emergency_rule",
    "law_on",
    "needs_measure_plan",
    "required_visits",
    "retrospective",
]
