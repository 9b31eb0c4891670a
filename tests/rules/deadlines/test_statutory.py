"""D1–D14 rule functions: dated cases from reference/domain-rules.md §1.2–1.3 and SSB §2."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barnevern.rules.dates import Arithmetic, Span
from barnevern.rules.deadlines.model import Deadline, DeadlineConfig, InvestigationStart
from barnevern.rules.deadlines.statutory import (
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

LAW = DeadlineConfig()
ROLL = DeadlineConfig(arithmetic=Arithmetic.LAW_ROLL_FORWARD)
SSB = DeadlineConfig(arithmetic=Arithmetic.SSB_DAYS)
SSB_15F = DeadlineConfig(arithmetic=Arithmetic.SSB_DAYS, ssb_melding_grace_days=1)
BY_CONCLUSION = DeadlineConfig(investigation_start=InvestigationStart.MELDING_CONCLUDED)


@pytest.mark.parametrize(
    ("received", "config", "due"),
    [
        (date(2024, 1, 24), LAW, date(2024, 1, 31)),  # §1.3 worked example
        (date(2024, 1, 24), SSB, date(2024, 1, 31)),  # BVR Melding K3: > 7 days
        (date(2024, 1, 24), SSB_15F, date(2024, 2, 1)),  # 15F K3: + 8 days
        (date(2024, 5, 10), LAW, date(2024, 5, 17)),  # due on 17 May
        (date(2024, 5, 10), ROLL, date(2024, 5, 21)),  # → Tue after Whit Monday
        (date(2024, 3, 25), ROLL, date(2024, 4, 2)),  # Easter Monday 2024-04-01 → Tue
        (date(2024, 3, 25), SSB, date(2024, 4, 1)),  # SSB never rolls
        (date(2023, 12, 27), LAW, date(2024, 1, 3)),  # across the year end
        (date(2024, 2, 26), LAW, date(2024, 3, 4)),  # across leap day
    ],
)
def test_d1_melding_review(received: date, config: DeadlineConfig, due: date) -> None:
    deadline = d1_melding_review(received, config)
    assert (deadline.rule, deadline.start, deadline.due) == ("D1", received, due)


@pytest.mark.parametrize(
    ("received", "paragraph", "law"),
    [
        (date(2022, 12, 31), "bvl. 1992 § 4-2 første ledd", "BVL"),
        (date(2023, 1, 1), "bvl. § 2-1 første ledd", "BVL2021"),
    ],
)
def test_d1_cites_the_act_in_force_on_the_event_date(
    received: date, paragraph: str, law: str
) -> None:
    deadline = d1_melding_review(received)
    assert (deadline.paragraph, deadline.law) == (paragraph, law)
    assert deadline.due == (date(2023, 1, 7) if law == "BVL" else date(2023, 1, 8))


@pytest.mark.parametrize(
    ("received", "config", "due"),
    [
        (date(2024, 1, 24), LAW, date(2024, 2, 14)),
        (date(2024, 4, 26), LAW, date(2024, 5, 17)),
        (date(2024, 4, 26), ROLL, date(2024, 5, 21)),
        (date(2024, 4, 26), SSB, date(2024, 5, 17)),
    ],
)
def test_d2_feedback_three_weeks(received: date, config: DeadlineConfig, due: date) -> None:
    assert d2_feedback_to_reporter(received, config).due == due


def test_d2_paragraphs_and_unverified_2021() -> None:
    old = d2_feedback_to_reporter(date(2022, 6, 1))
    new = d2_feedback_to_reporter(date(2023, 6, 1))
    assert old.paragraph == "bvl. 1992 § 6-7 a"
    assert not old.unverified
    assert "ikke funnet" in new.paragraph
    assert new.unverified  # searched, not found
    assert "BUFDIR-MELDER" in new.sources
    second = d2_feedback_after_investigation(date(2024, 4, 30))
    assert (second.start, second.due) == (date(2024, 4, 30), date(2024, 5, 21))
    assert second.title_nb == "Tilbakemelding til offentlig melder etter undersøkelse"


@pytest.mark.parametrize(
    ("received", "concluded", "granted", "config", "start", "due"),
    [
        # §1.3 worked examples; granted=False is also a refused extension (3 months): the refusal
        # itself (Innvilget "2") is a row of test_case.py::test_extension_granted_or_refused
        (date(2024, 1, 24), None, False, LAW, date(2024, 1, 31), date(2024, 4, 30)),
        (date(2024, 1, 24), None, True, LAW, date(2024, 1, 31), date(2024, 7, 31)),
        (date(2024, 1, 24), None, False, SSB, date(2024, 1, 31), date(2024, 4, 30)),
        (date(2024, 1, 24), None, True, SSB, date(2024, 1, 31), date(2024, 7, 29)),  # +7+180
        # SSB usually differs by 1–3 days
        (date(2024, 3, 24), None, False, LAW, date(2024, 3, 31), date(2024, 6, 30)),
        (date(2024, 3, 24), None, False, SSB, date(2024, 3, 31), date(2024, 6, 29)),
        (date(2023, 11, 23), None, False, LAW, date(2023, 11, 30), date(2024, 2, 29)),
        (date(2023, 11, 23), None, False, SSB, date(2023, 11, 30), date(2024, 2, 28)),
        # roll-forward: start 02-17 + 3 months = Fri 17 May → Tue 21 May; 2024-01-01 → 01-02
        (date(2024, 2, 10), None, False, ROLL, date(2024, 2, 17), date(2024, 5, 21)),
        (date(2023, 9, 24), None, False, ROLL, date(2023, 10, 1), date(2024, 1, 2)),
        # start at the melding's conclusion (⚠ 1992-act practice), configurable
        (
            date(2024, 1, 24),
            date(2024, 1, 26),
            False,
            BY_CONCLUSION,
            date(2024, 1, 26),
            date(2024, 4, 26),
        ),
        (date(2024, 1, 24), date(2024, 1, 26), False, LAW, date(2024, 1, 31), date(2024, 4, 30)),
        (None, date(2024, 1, 26), False, LAW, date(2024, 1, 26), date(2024, 4, 26)),
    ],
)
def test_d3_investigation(
    received: date | None,
    concluded: date | None,
    granted: bool,
    config: DeadlineConfig,
    start: date,
    due: date,
) -> None:
    deadline = d3_investigation(
        received, melding_concluded=concluded, extension_granted=granted, config=config
    )
    assert (deadline.start, deadline.due) == (start, due)
    assert deadline.configurable


def test_d3_without_any_date_is_an_error() -> None:
    with pytest.raises(ValueError):
        d3_investigation(None)


def test_d3_law_change() -> None:
    old = d3_investigation(date(2022, 12, 20))  # start 2022-12-27
    new = d3_investigation(date(2022, 12, 25))  # start 2023-01-01
    assert old.paragraph == "bvl. 1992 § 6-9 første ledd, jf. § 4-3"
    assert not old.unverified
    assert new.paragraph == "bvl. § 2-2"
    assert not new.unverified


@pytest.mark.parametrize(
    ("config", "due"),
    [
        (LAW, date(2024, 4, 30)),  # default: by the investigation's own deadline
        (DeadlineConfig(investigation_plan_within=Span(weeks=2)), date(2024, 2, 14)),
    ],
)
def test_d4_investigation_plan(config: DeadlineConfig, due: date) -> None:
    deadline = d4_investigation_plan(date(2024, 1, 31), date(2024, 4, 30), config)
    assert deadline.due == due
    assert not deadline.unverified
    assert deadline.configurable  # the law sets no time limit
    assert deadline.paragraph == "bvl. § 2-2 tredje ledd"


def test_d4_never_due_before_a_late_investigation_starts() -> None:
    # melding concluded 98 days after receipt: the investigation starts after its deadline
    deadline = d4_investigation_plan(date(2023, 4, 9), date(2023, 4, 8))
    assert deadline.due == date(2023, 4, 9)


@pytest.mark.parametrize(
    ("start", "config", "due"),
    [
        (date(2024, 1, 31), LAW, date(2024, 1, 31)),  # at the same time as the decision
        (date(2024, 1, 31), DeadlineConfig(measure_plan_within=Span(weeks=2)), date(2024, 2, 14)),
    ],
)
def test_d5_measure_plan(start: date, config: DeadlineConfig, due: date) -> None:
    deadline = d5_measure_plan(start, config)
    assert deadline.due == due
    assert deadline.configurable
    assert not deadline.unverified


@pytest.mark.parametrize(
    ("previous", "config", "due"),
    [
        (date(2023, 11, 30), LAW, date(2024, 2, 29)),
        (date(2024, 1, 31), LAW, date(2024, 4, 30)),
        (date(2024, 1, 31), SSB, date(2024, 4, 30)),
        (date(2024, 2, 17), ROLL, date(2024, 5, 21)),
        (
            date(2024, 1, 31),
            DeadlineConfig(plan_evaluation_interval=Span(months=6)),
            date(2024, 7, 31),
        ),
    ],
)
def test_d5_plan_evaluation(previous: date, config: DeadlineConfig, due: date) -> None:
    deadline = d5_plan_evaluation(previous, config)
    assert deadline.due == due
    assert deadline.title_nb == "Evaluering av tiltaksplan"


def test_d5_paragraph_by_act() -> None:
    assert d5_measure_plan(date(2022, 12, 31)).paragraph == "bvl. 1992 § 4-5"
    assert d5_measure_plan(date(2023, 1, 1)).paragraph == "bvl. § 8-1"


def test_d6_care_plan_defaults_to_the_placement_day() -> None:
    deadline = d6_care_plan(date(2024, 3, 1))
    assert deadline.due == date(2024, 3, 1)
    assert not deadline.unverified
    assert deadline.configurable  # no fixed limit: a setting
    later = d6_care_plan(date(2024, 3, 1), DeadlineConfig(care_plan_within=Span(months=2)))
    assert later.due == date(2024, 5, 1)
    assert d6_care_plan(date(2022, 5, 1)).paragraph == "bvl. 1992 § 4-15 tredje ledd"


@pytest.mark.parametrize(
    ("rule", "make", "start", "due"),
    [
        ("D7", d7_care_order_execution, date(2024, 1, 31), date(2024, 3, 13)),  # 6 weeks
        ("D8", d8_emergency_placement, date(2024, 1, 31), date(2024, 3, 13)),  # 6 weeks
        ("D9", d9_emergency_behaviour, date(2024, 1, 31), date(2024, 2, 14)),  # 2 weeks
        ("D11", d11_emergency_appeal, date(2024, 1, 31), date(2024, 2, 7)),  # 1 week
        ("D8", d8_emergency_placement, date(2024, 4, 5), date(2024, 5, 17)),
    ],
)
def test_week_deadlines(rule: str, make: Callable[..., Deadline], start: date, due: date) -> None:
    deadline = make(start)
    assert (deadline.rule, deadline.due) == (rule, due)
    assert make(start, config=ROLL).due == (date(2024, 5, 21) if due.day == 17 else due)


def test_d8_child_resident_abroad_six_months() -> None:
    deadline = d8_emergency_placement(date(2024, 1, 31), residence_abroad=True)
    assert deadline.due == date(2024, 7, 31)
    assert "utlandet" in deadline.note_nb


@pytest.mark.parametrize(
    ("make", "old_paragraph", "new_paragraph", "new_unverified"),
    [
        (d7_care_order_execution, "bvl. 1992 § 4-13", "jf. bvl. 1992 § 4-13", True),
        (d8_emergency_placement, "bvl. 1992 § 4-6 fjerde og femte ledd, jf. annet ledd", "bvl. § 4-2", False),
        (
            d9_emergency_behaviour,
            "bvl. 1992 § 4-6 fjerde ledd, jf. § 4-25 annet ledd",
            "bvl. § 4-4, jf. § 6-2",
            False,
        ),
        (d10_emergency_support, "bvl. 1992 § 4-6 første ledd", "bvl. § 4-1", False),
        (d11_emergency_appeal, "bvl. 1992 § 7-23", "jf. bvl. 1992 § 7-23", True),
    ],
)
def test_decision_paragraphs_change_on_2023_01_01(
    make: Callable[..., Deadline], old_paragraph: str, new_paragraph: str, new_unverified: bool
) -> None:
    old = make(date(2022, 12, 31))
    new = make(date(2023, 1, 1))
    assert old.paragraph == old_paragraph
    assert old.law == "BVL"
    assert new_paragraph in new.paragraph
    assert new.law == "BVL2021"
    assert new.unverified is new_unverified


def test_d10_has_no_time_limit() -> None:
    deadline = d10_emergency_support(date(2024, 1, 31))
    assert deadline.due is None
    assert not deadline.unverified  # the law sets no time limit


@pytest.mark.parametrize("make", [d12_follow_up_visit, d13_supervision_visit])
def test_visit_periods(make: Callable[..., Deadline]) -> None:
    deadline = make(date(2024, 3, 1), date(2024, 12, 31))
    assert (deadline.start, deadline.due) == (date(2024, 3, 1), date(2024, 12, 31))
    assert "fosterhjemsforskriften (2023)" in deadline.paragraph
    assert "(2003)" in make(date(2022, 1, 1), date(2022, 12, 31)).paragraph


def test_d13_2023_regulations_unverified() -> None:
    assert d13_supervision_visit(date(2024, 1, 1), date(2024, 12, 31)).unverified
    assert not d12_follow_up_visit(date(2024, 1, 1), date(2024, 12, 31)).unverified


@pytest.mark.parametrize(
    ("birth", "start", "due", "limit"),
    [
        (date(2005, 3, 10), date(2023, 3, 10), date(2030, 3, 10), 25),
        (date(1997, 6, 1), date(2015, 6, 1), date(2020, 6, 1), 23),  # turned 23 before 2021
        (date(1997, 12, 31), date(2015, 12, 31), date(2020, 12, 31), 23),
        (date(1998, 1, 1), date(2016, 1, 1), date(2023, 1, 1), 25),  # 23 on 2021-01-01
        (date(2004, 2, 29), date(2022, 2, 28), date(2029, 2, 28), 25),  # leap-day birth
    ],
)
def test_d14_aftercare_age_limit(birth: date, start: date, due: date, limit: int) -> None:
    deadline = d14_aftercare_age_limit(birth)
    assert (deadline.start, deadline.due) == (start, due)
    assert f"{limit} år" in deadline.note_nb


def test_d14_paragraph_follows_the_event() -> None:
    birth = date(2004, 5, 1)
    assert d14_aftercare_age_limit(birth).paragraph == "bvl. 1992 § 1-3"  # 18 in 2022
    assert d14_aftercare_age_limit(birth, event=date(2023, 2, 1)).paragraph == "bvl. § 3-6, jf. § 1-2 første ledd"


def test_every_rule_has_a_title_and_two_paragraphs() -> None:
    assert sorted(RULES, key=lambda r: int(r[1:])) == [f"D{n}" for n in range(1, 15)]
    for spec in RULES.values():
        assert spec.title_nb
        assert spec.paragraph_2021
        assert spec.paragraph_1992
    flagged = {r for r, s in RULES.items() if any(not w.verified for w in s.wordings)}
    assert flagged == {"D2", "D7", "D11", "D13"}  # each with the search that failed


DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
MODES = st.sampled_from([LAW, ROLL, SSB, SSB_15F, BY_CONCLUSION])


@given(DATES, MODES, st.booleans())
def test_no_deadline_is_before_its_start(day: date, config: DeadlineConfig, flag: bool) -> None:
    made = [
        d1_melding_review(day, config),
        d2_feedback_to_reporter(day, config),
        d3_investigation(day, extension_granted=flag, config=config),
        d5_measure_plan(day, config),
        d5_plan_evaluation(day, config),
        d6_care_plan(day, config),
        d7_care_order_execution(day, config),
        d8_emergency_placement(day, residence_abroad=flag, config=config),
        d9_emergency_behaviour(day, config),
        d11_emergency_appeal(day, config),
        d14_aftercare_age_limit(day, config=config),
    ]
    for deadline in made:
        assert deadline.due is not None
        assert deadline.due >= deadline.start
        assert deadline.start >= day


@given(DATES, MODES)
def test_extension_never_shortens_the_investigation(day: date, config: DeadlineConfig) -> None:
    short = d3_investigation(day, config=config).due
    long = d3_investigation(day, extension_granted=True, config=config).due
    assert short is not None
    assert long is not None
    assert long > short
