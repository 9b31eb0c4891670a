"""D2 as two deadlines: feedback on receipt (every melder) and, for public melders, feedback
within three weeks after the investigation is concluded (Bufdir «Tilbakemelding til den som har
meldt bekymring»; bvl. 1992 § 6-7 a). Dated cases include month ends, leap years and § 149
roll-forward past Easter and 17 May."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.records import KodeMedPresisering
from barnevern.rules.dates import Arithmetic
from barnevern.rules.deadlines import DeadlineConfig, deadlines_for_sak
from barnevern.rules.deadlines.statutory import (
    FEEDBACK_AFTER_TITLE,
    d2_feedback_after_investigation,
    d2_feedback_to_reporter,
)
from tests.rules.deadlines.builders import melding, sak, undersokelse

LAW = DeadlineConfig()
ROLL = DeadlineConfig(arithmetic=Arithmetic.LAW_ROLL_FORWARD)


def melder(*codes: str) -> tuple[KodeMedPresisering, ...]:
    return tuple(KodeMedPresisering(code) for code in codes)


@pytest.mark.parametrize(
    ("concluded", "config", "due"),
    [
        (date(2024, 4, 30), LAW, date(2024, 5, 21)),
        (date(2024, 1, 31), LAW, date(2024, 2, 21)),  # weeks keep the weekday, not the month end
        (date(2024, 2, 8), LAW, date(2024, 2, 29)),  # leap day
        (date(2023, 2, 8), LAW, date(2023, 3, 1)),  # no leap day in 2023
        (date(2024, 12, 20), LAW, date(2025, 1, 10)),  # across the year end
        (date(2024, 3, 11), LAW, date(2024, 4, 1)),  # Easter Monday 2024 …
        (date(2024, 3, 11), ROLL, date(2024, 4, 2)),  # … rolls to Tuesday
        (date(2024, 4, 26), ROLL, date(2024, 5, 21)),  # Fri 17 May → Whit Monday → Tue 21 May
        (date(2025, 4, 21), ROLL, date(2025, 5, 12)),  # Easter Monday start; due a Monday
    ],
)
def test_feedback_after_investigation_three_weeks(concluded: date, config: DeadlineConfig, due: date) -> None:
    deadline = d2_feedback_after_investigation(concluded, config)
    assert (deadline.rule, deadline.start, deadline.due) == ("D2", concluded, due)
    assert deadline.title_nb == FEEDBACK_AFTER_TITLE


def test_receipt_and_after_investigation_cite_the_same_rule() -> None:
    first = d2_feedback_to_reporter(date(2022, 12, 12))
    second = d2_feedback_after_investigation(date(2022, 12, 30))
    assert first.paragraph == second.paragraph == "bvl. 1992 § 6-7 a"
    assert not first.unverified
    assert not second.unverified


def public_case(codes: tuple[str, ...], concluded: date | None = date(2024, 3, 28)) -> object:
    return sak(
        meldinger=(melding("m-1", date(2024, 1, 2), date(2024, 1, 8), melder=melder(*codes)),),
        undersokelser=(undersokelse("u-1", date(2024, 1, 8), concluded),),
    )


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (("11",), {("Melding", "mottak"), ("Undersokelse", "etter undersøkelse")}),  # skole
        (("9", "2"), {("Melding", "mottak"), ("Undersokelse", "etter undersøkelse")}),  # any public
        (("2",), {("Melding", "mottak")}),  # parents: no second feedback
        (("23",), set()),  # anonymous: nobody to answer
        ((), {("Melding", "mottak")}),  # melder not recorded: only the first
    ],
)
def test_which_feedback_deadlines_a_case_gets(codes: tuple[str, ...], expected: set) -> None:
    items = deadlines_for_sak(public_case(codes), date(2024, 6, 1), LAW)
    got = {(i.element_type, i.part) for i in items if i.rule == "D2"}
    assert got == expected


def test_second_feedback_due_three_weeks_after_conclusion_and_closed_by_a_completion() -> None:
    case = public_case(("8",))
    open_items = [
        i for i in deadlines_for_sak(case, date(2024, 4, 18), LAW) if i.part == "etter undersøkelse"
    ]
    assert [(i.start, i.due, i.status, i.days) for i in open_items] == [
        (date(2024, 3, 28), date(2024, 4, 18), "due", 0)
    ]
    done = {("D2", "u-1"): date(2024, 4, 19)}
    late = [
        i
        for i in deadlines_for_sak(case, date(2024, 5, 1), LAW, completed=done)
        if i.part == "etter undersøkelse"
    ]
    assert [(i.status, i.days, i.met_on) for i in late] == [("breached", 1, date(2024, 4, 19))]


def test_no_second_feedback_before_the_investigation_is_concluded() -> None:
    items = deadlines_for_sak(public_case(("8",), concluded=None), date(2024, 6, 1), LAW)
    assert [i for i in items if i.part == "etter undersøkelse"] == []
    # a conclusion dated after «today» is not yet known
    later = deadlines_for_sak(public_case(("8",), concluded=date(2024, 7, 1)), date(2024, 6, 1), LAW)
    assert [i for i in later if i.part == "etter undersøkelse"] == []


def test_feedback_switched_off() -> None:
    config = DeadlineConfig(include_feedback=False)
    items = deadlines_for_sak(public_case(("8",)), date(2024, 6, 1), config)
    assert [i for i in items if i.rule == "D2"] == []
