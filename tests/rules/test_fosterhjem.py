"""Foster-home rules as tables of dated cases (``barnevern.rules.fosterhjem``).

Each table names the source it follows: [BUF-3.1] training before move-in and approval only
after training (from 1.1.2022); [L2003] §§ 5–7 and 9 of the 2003 regulations; [BFD-2005] and
domain-rules §1.2 for reduced visits.
"""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.rules.dates import Span
from barnevern.rules.deadlines import Status
from barnevern.rules.fosterhjem import (
    AGREEMENT,
    APPROVAL,
    FOLLOW_UP_PLAN,
    TRAINING,
    Agreement,
    FosterDeadlineConfig,
    FosterHomeError,
    HomeStatus,
    PlacementFacts,
    Reduction,
    StatusChange,
    approval_check,
    approval_date,
    check_status_change,
    placement_deadlines,
    reduction_check,
    status_on,
)

A, T, G, U, P, E = (
    HomeStatus.ASSESSMENT,
    HomeStatus.TRAINING,
    HomeStatus.APPROVED,
    HomeStatus.IN_USE,
    HomeStatus.PAUSED,
    HomeStatus.ENDED,
)


# [BUF-3.1] «Kommunen kan først godkjenne fosterhjemmet når opplæringen er gjennomført» (from
# 1.1.2022); before 2022 approval did not depend on training.
@pytest.mark.parametrize(
    ("approval", "training", "allowed", "paragraph"),
    [
        (date(2021, 12, 31), None, True, "fosterhjemsforskriften (2003) § 5"),
        (date(2022, 1, 1), None, False, "fosterhjemsforskriften (2003, endret 1.1.2022) § 5"),
        (date(2022, 3, 1), date(2022, 3, 2), False, "fosterhjemsforskriften (2003, endret 1.1.2022) § 5"),
        (date(2022, 3, 1), date(2022, 3, 1), True, "fosterhjemsforskriften (2003, endret 1.1.2022) § 5"),
        (date(2023, 5, 10), date(2022, 11, 30), True, "fosterhjemsforskriften (2003, endret 1.1.2022) § 5"),
        (
            date(2024, 2, 1),
            None,
            False,
            "forskrift om fosterhjem (2023, jf. bvl. § 9-11) (paragraf ikke verifisert)",
        ),
        (
            date(2024, 2, 1),
            date(2024, 1, 15),
            True,
            "forskrift om fosterhjem (2023, jf. bvl. § 9-11) (paragraf ikke verifisert)",
        ),
    ],
)
def test_approval_only_after_training(approval, training, allowed, paragraph):
    check = approval_check(approval, training)
    assert check.allowed is allowed
    assert check.paragraph == paragraph
    assert check.unverified is (approval >= date(2023, 10, 13))
    if not allowed:
        assert "opplæring" in check.reason_nb


@pytest.mark.parametrize(
    ("history", "new", "training", "error_field"),
    [
        ((), StatusChange(A, date(2024, 1, 1)), None, None),
        ((), StatusChange(U, date(2024, 1, 1)), None, "status"),  # never in use before approval
        ((StatusChange(A, date(2024, 1, 1)),), StatusChange(T, date(2024, 2, 1)), None, None),
        ((StatusChange(A, date(2024, 1, 1)),), StatusChange(G, date(2024, 2, 1)), None, "status"),
        (
            (StatusChange(A, date(2024, 1, 1)), StatusChange(T, date(2024, 2, 1))),
            StatusChange(G, date(2024, 4, 1)),
            date(2024, 3, 20),
            None,
        ),
        (
            (StatusChange(A, date(2024, 1, 1)), StatusChange(T, date(2024, 2, 1))),
            StatusChange(G, date(2024, 1, 15)),
            date(2024, 1, 10),
            "dato",  # before the latest change
        ),
        ((StatusChange(G, date(2021, 5, 1)),), StatusChange(U, date(2021, 6, 1)), None, None),
        ((StatusChange(G, date(2021, 5, 1)),), StatusChange(P, date(2022, 6, 1)), None, "begrunnelse"),
        ((StatusChange(G, date(2021, 5, 1)),), StatusChange(E, date(2022, 6, 1), "Flyttet"), None, None),
        ((StatusChange(E, date(2022, 6, 1), "Flyttet"),), StatusChange(U, date(2023, 1, 1)), None, "status"),
        ((StatusChange(E, date(2022, 6, 1), "Flyttet"),), StatusChange(A, date(2023, 1, 1)), None, None),
    ],
)
def test_status_changes(history, new, training, error_field):
    if error_field is None:
        check_status_change(history, new, training_completed=training)
        assert status_on((*history, new), new.day) is new.status
    else:
        with pytest.raises(FosterHomeError) as caught:
            check_status_change(history, new, training_completed=training)
        assert caught.value.field == error_field


def test_status_on_and_approval_date_follow_the_history():
    history = (
        StatusChange(A, date(2022, 1, 10)),
        StatusChange(G, date(2022, 3, 1)),
        StatusChange(E, date(2023, 6, 30), "Flyttet fra kommunen"),
        StatusChange(A, date(2024, 1, 5)),
        StatusChange(G, date(2024, 4, 2)),
    )
    assert status_on(history, date(2022, 1, 9)) is None
    assert status_on(history, date(2023, 7, 1)) is E
    assert approval_date(history, date(2022, 5, 1)) == date(2022, 3, 1)
    assert approval_date(history, date(2024, 2, 1)) == date(2024, 4, 2)  # a new stretch


def _facts(**kwargs) -> PlacementFacts:
    base = {"placement_id": "7", "sak_id": "sak-1", "move_in": date(2024, 3, 1)}
    return PlacementFacts(**{**base, **kwargs})


def _by_rule(items):
    return {(i.rule, i.part): i for i in items}


# F1 approval and F2 training are due on the move-in [L2003 § 5; BUF-GOD; BUF-3.1]; an acute
# placement gets the service's ``acute_within`` (⚠ «så snart som mulig», no time limit found).
@pytest.mark.parametrize(
    ("move_in", "acute", "approved", "trained", "today", "f1", "f2"),
    [
        # approved and trained before the move-in: both met
        (date(2024, 3, 1), False, date(2024, 2, 20), date(2024, 2, 10), date(2024, 6, 1), "met", "met"),
        # not approved, not trained: both overdue the day after the move-in
        (date(2024, 3, 1), False, None, None, date(2024, 3, 2), "overdue", "overdue"),
        # approved late (after the move-in): breached
        (date(2024, 3, 1), False, date(2024, 3, 20), date(2024, 2, 10), date(2024, 6, 1), "breached", "met"),
        # acute: three months by default, still open on day 30
        (date(2024, 3, 1), True, None, None, date(2024, 3, 31), "upcoming", "upcoming"),
        # acute: trained and approved within three months
        (date(2024, 3, 1), True, date(2024, 5, 20), date(2024, 5, 2), date(2024, 8, 1), "met", "met"),
        # acute: 1 June is the last day (1 March + 3 months, domstolloven § 148)
        (date(2024, 3, 1), True, None, None, date(2024, 6, 2), "overdue", "overdue"),
        # before the reform: no training deadline
        (date(2021, 6, 1), False, date(2021, 5, 1), None, date(2021, 7, 1), "met", None),
    ],
)
def test_approval_and_training_deadlines(move_in, acute, approved, trained, today, f1, f2):
    history = (StatusChange(A, move_in.replace(day=1, month=1)),)
    if approved:
        history += (StatusChange(G, approved),)
    facts = _facts(move_in=move_in, acute=acute, history=history, training_completed=trained)
    items = _by_rule(placement_deadlines(facts, today))
    assert items[(APPROVAL, "")].status.value == f1
    if f2 is None:
        assert (TRAINING, "") not in items
    else:
        assert items[(TRAINING, "")].status.value == f2
        assert items[(TRAINING, "")].due == items[(APPROVAL, "")].due


def test_an_acute_stay_that_ended_before_the_deadline_needs_neither():
    facts = _facts(acute=True, move_out=date(2024, 3, 20))
    rules = {i.rule for i in placement_deadlines(facts, date(2024, 7, 1))}
    assert APPROVAL not in rules
    assert TRAINING not in rules
    ordinary = _facts(move_out=date(2024, 3, 20))
    assert _by_rule(placement_deadlines(ordinary, date(2024, 7, 1)))[(APPROVAL, "")].status is Status.OVERDUE


def test_acute_span_is_a_setting():
    facts = _facts(acute=True)
    items = _by_rule(
        placement_deadlines(facts, date(2024, 3, 1), FosterDeadlineConfig(acute_within=Span(weeks=6)))
    )
    assert items[(APPROVAL, "")].due == date(2024, 4, 12)
    assert items[(APPROVAL, "")].configurable
    assert "så snart som mulig" in items[(APPROVAL, "")].note_nb


# F3: a time-limited agreement must be followed by a new one by its last day while the child
# stays [L2003 § 6]; the renewal date is the agreement's own.
@pytest.mark.parametrize(
    ("agreements", "move_out", "today", "expected"),
    [
        ((Agreement(date(2024, 3, 1), None),), None, date(2026, 1, 1), []),
        ((Agreement(date(2024, 3, 1), date(2025, 2, 28)),), None, date(2025, 2, 1), ["upcoming"]),
        ((Agreement(date(2024, 3, 1), date(2025, 2, 28)),), None, date(2025, 3, 1), ["overdue"]),
        (
            (
                Agreement(date(2024, 3, 1), date(2025, 2, 28)),
                Agreement(date(2025, 3, 1), None, date(2025, 2, 14)),
            ),
            None,
            date(2025, 3, 1),
            ["met"],
        ),
        (
            (Agreement(date(2024, 3, 1), date(2025, 2, 28)), Agreement(date(2025, 3, 10), None)),
            None,
            date(2025, 4, 1),
            ["breached"],
        ),
        # the child moved out before the agreement ran out: nothing to renew
        ((Agreement(date(2024, 3, 1), date(2025, 2, 28)),), date(2024, 12, 1), date(2025, 6, 1), []),
    ],
)
def test_agreement_renewal(agreements, move_out, today, expected):
    facts = _facts(agreements=agreements, move_out=move_out)
    found = [i.status.value for i in placement_deadlines(facts, today) if i.rule == AGREEMENT]
    assert found == expected


def test_follow_up_plan_for_the_foster_family():
    items = _by_rule(placement_deadlines(_facts(follow_up_plan=date(2024, 3, 15)), date(2024, 4, 1)))
    plan = items[(FOLLOW_UP_PLAN, "")]
    assert plan.status is Status.BREACHED
    assert plan.days == 14
    assert plan.unverified
    assert plan.configurable


# Reduced visits [BFD-2005; domain-rules §1.2]: follow-up (D12) only after more than two years
# in *this* home; supervision (D13) only from 15 with the child's consent.
@pytest.mark.parametrize(
    ("rule", "move_in", "birth", "consent", "reduced", "allowed_from"),
    [
        ("D12", date(2020, 5, 1), None, None, date(2022, 5, 2), date(2022, 5, 2)),
        ("D12", date(2020, 5, 1), None, None, date(2022, 5, 1), date(2022, 5, 2)),  # exactly two years
        ("D12", date(2023, 1, 10), None, None, date(2024, 1, 1), date(2025, 1, 11)),
        ("D13", date(2020, 5, 1), date(2008, 2, 29), date(2023, 3, 1), date(2023, 3, 1), date(2023, 3, 1)),
        ("D13", date(2020, 5, 1), date(2009, 6, 1), date(2023, 3, 1), date(2023, 3, 1), date(2024, 6, 1)),
        ("D13", date(2020, 5, 1), date(2008, 1, 1), None, date(2023, 3, 1), None),
    ],
)
def test_reduction_conditions(rule, move_in, birth, consent, reduced, allowed_from):
    facts = _facts(move_in=move_in, birth=birth, supervision_consent=consent)
    check = reduction_check(facts, Reduction(rule, reduced))
    assert check.allowed_from == allowed_from
    assert "redusert hyppighet" in check.paragraph
    assert check.paragraph.startswith("fosterhjemsforskriften")


def test_unlawful_reduction_is_a_deadline_item():
    facts = _facts(move_in=date(2023, 1, 10), reductions=(Reduction("D12", date(2024, 1, 1)),))
    item = _by_rule(placement_deadlines(facts, date(2024, 6, 1)))[("D12", "redusert fra 01.01.2024")]
    assert item.status is Status.OVERDUE
    assert "to år" in item.note_nb
    later = _by_rule(placement_deadlines(facts, date(2025, 2, 1)))[("D12", "redusert fra 01.01.2024")]
    assert later.status is Status.BREACHED
    assert later.met_on == date(2025, 1, 11)
    lawful = _facts(move_in=date(2020, 1, 10), reductions=(Reduction("D12", date(2024, 1, 1)),))
    assert not [i for i in placement_deadlines(lawful, date(2024, 6, 1)) if i.rule == "D12"]


def test_nothing_before_the_move_in():
    assert placement_deadlines(_facts(move_in=date(2024, 3, 1)), date(2024, 2, 29)) == []
