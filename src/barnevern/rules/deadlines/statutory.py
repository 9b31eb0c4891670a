"""Statutory deadlines D1–D14, one function per rule.

Source: ``reference/domain-rules.md`` §1.2 (deadline table, with its ✔/◐/⚠ tags and source
ids) and §1.3 (worked examples); SSB's day arithmetic from ``reference/ssb-barnevern.md`` §2
(BVR Melding K3, Undersøkelse K11). Each function takes the triggering date(s) and a
:class:`DeadlineConfig` and returns a :class:`Deadline`. The act in force on the event date
decides the paragraph cited (BVL 1992 before 2023-01-01, BVL2021 from then).

Rules or readings the reference marks ⚠ carry ``unverified=True``; rules whose reading is a
setting in :class:`DeadlineConfig` carry ``configurable=True``.
"""

from __future__ import annotations

from datetime import date

from barnevern.rules.dates import Arithmetic, Span, add_days, add_span, add_years
from barnevern.rules.deadlines.model import (
    Deadline,
    DeadlineConfig,
    InvestigationStart,
    RuleSpec,
    law_on,
)

__all__ = [
    "AFTERCARE_AGE_CHANGE",
    "DEFAULT_CONFIG",
    "RULES",
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
]

DEFAULT_CONFIG = DeadlineConfig()
_NOT_FOUND = "2021-paragraf ikke verifisert"

RULES: dict[str, RuleSpec] = {
    spec.rule: spec
    for spec in (
        RuleSpec("D1", "Gjennomgang av melding", "bvl. § 2-1 første ledd", "bvl. 1992 § 4-2"),
        RuleSpec(
            "D2",
            "Tilbakemelding til melder",
            f"bvl. ({_NOT_FOUND}; jf. bvl. 1992 § 6-7 a)",
            "bvl. 1992 § 6-7 a",
            unverified_2021=True,
            configurable=True,
        ),
        RuleSpec(
            "D3",
            "Undersøkelse",
            "bvl. § 2-2",
            "bvl. 1992 § 6-9, jf. § 4-3",
            unverified_1992=True,
            configurable=True,
        ),
        RuleSpec(
            "D4",
            "Undersøkelsesplan",
            "bvl. § 2-2 tredje ledd",
            "bvl. 1992: ingen tilsvarende plikt",
            unverified_2021=True,
            unverified_1992=True,
            configurable=True,
        ),
        RuleSpec(
            "D5", "Tiltaksplan for hjelpetiltak", "bvl. § 8-1", "bvl. 1992 § 4-5", configurable=True
        ),
        RuleSpec(
            "D6",
            "Omsorgsplan",
            "bvl. § 8-3 fjerde ledd",
            "bvl. 1992 § 4-15 tredje ledd",
            unverified_2021=True,
            unverified_1992=True,
            configurable=True,
        ),
        RuleSpec(
            "D7",
            "Iverksetting av vedtak om omsorgsovertakelse",
            f"bvl. ({_NOT_FOUND}; jf. bvl. 1992 § 4-13)",
            "bvl. 1992 § 4-13",
            unverified_2021=True,
        ),
        RuleSpec(
            "D8",
            "Akuttvedtak om plassering: begjæring til nemnda",
            "bvl. § 4-2",
            "bvl. 1992 § 4-6 annet ledd",
        ),
        RuleSpec(
            "D9",
            "Akuttvedtak om institusjon (atferd): begjæring til nemnda",
            "bvl. § 4-4",
            "bvl. 1992 § 4-6 fjerde ledd, jf. § 4-25 annet ledd",
            unverified_2021=True,
        ),
        RuleSpec(
            "D10",
            "Akutt hjelpetiltak",
            "bvl. § 4-1",
            "bvl. 1992 § 4-6 første ledd",
            unverified_2021=True,
            unverified_1992=True,
        ),
        RuleSpec(
            "D11",
            "Klage over godkjent akuttvedtak: behandling i nemnda",
            f"bvl. ({_NOT_FOUND}; jf. bvl. 1992 § 7-23)",
            "bvl. 1992 § 7-23",
            unverified_2021=True,
        ),
        RuleSpec(
            "D12",
            "Oppfølgingsbesøk i fosterhjem",
            "fosterhjemsforskriften (2023) § 10, jf. bvl. § 9-11",
            "fosterhjemsforskriften (2003) § 7",
            configurable=True,
        ),
        RuleSpec(
            "D13",
            "Tilsyn med barn i fosterhjem",
            "fosterhjemsforskriften (2023) (paragraf ikke verifisert)",
            "fosterhjemsforskriften (2003) §§ 8–9",
            unverified_2021=True,
            configurable=True,
        ),
        RuleSpec("D14", "Ettervern: aldersgrense", "bvl. § 3-6", "bvl. 1992 § 1-3"),
    )
}


def _deadline(
    rule: str,
    start: date,
    due: date | None,
    config: DeadlineConfig,
    *,
    event: date | None = None,
    note_nb: str = "",
    title_nb: str | None = None,
) -> Deadline:
    spec = RULES[rule]
    law = law_on(event or start)
    return Deadline(
        rule=rule,
        title_nb=title_nb or spec.title_nb,
        paragraph=spec.paragraph(law),
        law=law,
        start=start,
        due=due,
        arithmetic=config.arithmetic,
        unverified=spec.unverified(law),
        configurable=spec.configurable,
        note_nb=note_nb,
    )


def _after(start: date, span: Span, config: DeadlineConfig) -> date:
    return add_span(start, span, config.arithmetic, config.extra_closed_days)


def d1_melding_review(received: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D1: review a melding «snarest og senest innen en uke» after receipt.

    bvl. 2021 § 2-1 first paragraph; bvl. 1992 § 4-2. Received + 7 days, no extension. In
    SSB day mode ``ssb_melding_grace_days`` is added (KOSTRA 15F Melding K3 allowed 1).
    """
    span = Span(weeks=1)
    if config.arithmetic is Arithmetic.SSB_DAYS:
        span = Span(days=7 + config.ssb_melding_grace_days)
    return _deadline("D1", received, _after(received, span, config), config)


def d2_feedback_to_reporter(received: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D2: confirm receipt to the reporter (melder) within 3 weeks of receipt.

    bvl. 1992 § 6-7 a; ⚠ the 2021 paragraph was not found (reference §1.2).
    """
    return _deadline("D2", received, _after(received, Span(weeks=3), config), config)


def d2_feedback_after_investigation(
    concluded: date, config: DeadlineConfig = DEFAULT_CONFIG
) -> Deadline:
    """D2 (second feedback): reporters with a duty to report are told whether an investigation
    was opened, within 3 weeks after the investigation ends (bvl. 1992 § 6-7 a; ⚠ 2021)."""
    return _deadline("D2", concluded, _after(concluded, Span(weeks=3), config), config)


def d3_investigation(
    received: date | None,
    *,
    melding_concluded: date | None = None,
    extension_granted: bool = False,
    config: DeadlineConfig = DEFAULT_CONFIG,
) -> Deadline:
    """D3: conclude the investigation «snarest og senest innen tre måneder».

    bvl. 2021 § 2-2 (1992: § 6-9 with § 4-3). «I særlige tilfeller» up to 6 months when an
    extension is granted (BVR ``UtvidetFrist/@Innvilget`` = 1). The period starts at the
    expiry of the one-week review deadline, receipt + 7 days (default), or ⚠ at the
    melding's conclusion date (``InvestigationStart.MELDING_CONCLUDED``, 1992-act practice).
    With no receipt date known the conclusion date is used. Example (§1.3): received
    2024-01-24 → start 2024-01-31 → due 2024-04-30, extended 2024-07-31; SSB: 2024-04-30.
    """
    by_conclusion = config.investigation_start is InvestigationStart.MELDING_CONCLUDED
    if received is not None and not (by_conclusion and melding_concluded is not None):
        start = add_days(received, 7)
    elif melding_concluded is not None:
        start = melding_concluded
    else:
        raise ValueError("d3_investigation needs a receipt or a conclusion date")
    months = 6 if extension_granted else 3
    note = "Utvidet frist innvilget (6 måneder)." if extension_granted else ""
    return _deadline("D3", start, _after(start, Span(months=months), config), config, note_nb=note)


def d4_investigation_plan(
    investigation_start: date,
    investigation_due: date,
    config: DeadlineConfig = DEFAULT_CONFIG,
) -> Deadline:
    """D4: an investigation plan (undersøkelsesplan, BVR Plantype 7) must exist.

    bvl. 2021 § 2-2 third paragraph; no 1992 equivalent. ⚠ No time limit was found: by default
    the plan is due by the investigation's own deadline (``investigation_due``); set
    ``investigation_plan_within`` to require it within a span of the investigation start.
    """
    within = config.investigation_plan_within
    if within is None:  # never before the investigation itself starts (a very late start)
        due = max(investigation_due, investigation_start)
    else:
        due = _after(investigation_start, within, config)
    return _deadline("D4", investigation_start, due, config)


def d5_measure_plan(measure_start: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D5: a time-limited measure plan (tiltaksplan) when support measures are decided.

    bvl. 2021 § 8-1 (1992: § 4-5). No statutory interval; guidance (Q-0982/2016): the plan is
    made at the same time as the decision (``measure_plan_within`` = P0D).
    """
    return _deadline(
        "D5", measure_start, _after(measure_start, config.measure_plan_within, config), config
    )


def d5_plan_evaluation(previous: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D5: evaluate the measure plan regularly, counted from the plan or the last evaluation.

    bvl. 2021 § 8-1 (1992: § 4-5). Guidance Q-0982/2016: «bør som hovedregel evalueres hvert
    kvartal» (``plan_evaluation_interval`` = P3M).
    """
    due = _after(previous, config.plan_evaluation_interval, config)
    return _deadline("D5", previous, due, config, title_nb="Evaluering av tiltaksplan")


def d6_care_plan(placement: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D6: a care plan (omsorgsplan, Plantype 4; 3 = foreløpig until 2022) after a care order.

    bvl. 2021 § 8-3 fourth paragraph (1992: § 4-15 third paragraph). ⚠ No fixed limit found;
    default after Bufdir «bør lages før barnet flytter inn»: by the measure's start date.
    """
    return _deadline("D6", placement, _after(placement, config.care_plan_within, config), config)


def d7_care_order_execution(
    board_decision: date, config: DeadlineConfig = DEFAULT_CONFIG
) -> Deadline:
    """D7: a care order lapses unless carried out within 6 weeks of the board's decision.

    bvl. 1992 § 4-13 (◐); ⚠ 2021 paragraph not found. The nemnd leader may extend it.
    """
    return _deadline("D7", board_decision, _after(board_decision, Span(weeks=6), config), config)


def d8_emergency_placement(
    decided: date,
    *,
    residence_abroad: bool = False,
    config: DeadlineConfig = DEFAULT_CONFIG,
) -> Deadline:
    """D8: after an emergency placement the case must be sent to the nemnd within 6 weeks,
    otherwise the decision lapses.

    bvl. 2021 § 4-2 (1992: § 4-6 second paragraph). A child whose habitual residence is
    abroad: 6 months (``residence_abroad``). The 48-hour approval is not modelled here.
    """
    span = Span(months=6) if residence_abroad else Span(weeks=6)
    note = "Barnet har vanlig bosted i utlandet (6 måneder)." if residence_abroad else ""
    return _deadline("D8", decided, _after(decided, span, config), config, note_nb=note)


def d9_emergency_behaviour(decided: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D9: after an emergency institution placement for behaviour the case must be sent
    within 2 weeks, otherwise the decision lapses.

    bvl. 2021 § 4-4 (1992: § 4-6 fourth paragraph with § 4-25 second paragraph). ⚠ Amended by
    Innst. 524 L (2024–2025); check the current § 4-4.
    """
    return _deadline("D9", decided, _after(decided, Span(weeks=2), config), config)


def d10_emergency_support(decided: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D10: emergency support measure (akutt hjelpetiltak): no time limit found (``due`` None).

    bvl. 2021 § 4-1 (1992: § 4-6 first paragraph).
    """
    return _deadline("D10", decided, None, config, note_nb="Ingen lovfestet frist funnet.")


def d11_emergency_appeal(
    appeal_received: date, config: DeadlineConfig = DEFAULT_CONFIG
) -> Deadline:
    """D11: an appeal against an approved emergency decision is heard within 1 week.

    bvl. 1992 § 7-23 (◐); ⚠ 2021 paragraph not found.
    """
    return _deadline("D11", appeal_received, _after(appeal_received, Span(weeks=1), config), config)


def d12_follow_up_visit(
    period_start: date, period_end: date, config: DeadlineConfig = DEFAULT_CONFIG
) -> Deadline:
    """D12: a required follow-up visit (oppfølgingsbesøk) within a counting period.

    fosterhjemsforskriften 2023 § 10 (◐) under bvl. § 9-11; 1992-era regulations § 7. At least
    4 visits a year, 2 when reduced (BVR ``Oppfolging/Hyppighet`` 4/2). The period is a
    calendar year cut to the placement (see ``barnevern.rules.deadlines.visits``).
    """
    return _deadline("D12", period_start, period_end, config)


def d13_supervision_visit(
    period_start: date, period_end: date, config: DeadlineConfig = DEFAULT_CONFIG
) -> Deadline:
    """D13: a required supervision visit (tilsynsbesøk) within a counting period, until 18.

    1992-era fosterhjemsforskriften §§ 8–9; ⚠ check against the 2023 regulations. At least 4 a
    year, 2 when reduced (BVR ``Tilsyn/Hyppighet`` 4/2).
    """
    return _deadline("D13", period_start, period_end, config)


AFTERCARE_AGE_CHANGE = date(2021, 1, 1)
"""From this date aftercare may run to 25 (before: 23)."""


def d14_aftercare_age_limit(
    birth: date, *, event: date | None = None, config: DeadlineConfig = DEFAULT_CONFIG
) -> Deadline:
    """D14: aftercare measures may run from the 18th birthday until the young person turns 25
    (23 if the 23rd birthday came before 2021-01-01).

    bvl. 2021 § 3-6 (◐) (1992: § 1-3). ``due`` is the birthday on which measures must have
    ended; birthdays are § 148 years (29 February + 25 years = 28 February). ``event`` (e.g.
    the offer date) picks the act cited; default the 18th birthday. No roll-forward.
    """
    start = add_years(birth, 18)
    limit = 23 if add_years(birth, 23) < AFTERCARE_AGE_CHANGE else 25
    due = add_years(birth, limit)
    return _deadline("D14", start, due, config, event=event, note_nb=f"Aldersgrense {limit} år.")
