"""deadlines_for_sak: every deadline of one synthetic case, with status as of a date."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.records import (
    Ettervern,
    Konklusjon,
    OversendelseFylkesnemnd,
    SakRecord,
    Slettet,
)
from barnevern.rules.dates import Arithmetic, Span
from barnevern.rules.deadlines.case import deadlines_for_sak, needs_measure_plan
from barnevern.rules.deadlines.model import DeadlineConfig, DeadlineItem, InvestigationStart

from .builders import (
    hjemmel,
    melding,
    personalia,
    plan,
    relasjon,
    sak,
    tiltak,
    undersokelse,
    vedtak,
)

NO_FEEDBACK = DeadlineConfig(include_feedback=False)


def only(items: list[DeadlineItem], rule: str, part: str | None = None) -> list[DeadlineItem]:
    return [i for i in items if i.rule == rule and (part is None or i.part == part)]


def one(items: list[DeadlineItem], rule: str, part: str | None = None) -> DeadlineItem:
    found = only(items, rule, part)
    assert len(found) == 1, found
    return found[0]


def worked_example(**undersokelse_kw: object) -> SakRecord:
    """§1.3: report received Wednesday 2024-01-24, concluded «ikke henlagt» 2024-01-29."""
    return sak(
        meldinger=(melding("m-1", date(2024, 1, 24), date(2024, 1, 29)),),
        undersokelser=(undersokelse("u-1", date(2024, 1, 29), **undersokelse_kw),),  # type: ignore[arg-type]
        relasjoner=(relasjon("r-1", ("Melding", "m-1"), ("Undersokelse", "u-1")),),
        planer=(plan("pl-7", date(2024, 2, 5), "7"),),
    )


def test_worked_example_from_the_reference() -> None:
    items = deadlines_for_sak(
        worked_example(concluded=date(2024, 4, 30)), date(2024, 6, 1), NO_FEEDBACK
    )
    d1, d3, d4 = one(items, "D1"), one(items, "D3"), one(items, "D4")
    assert (d1.due, d1.met_on, d1.status, d1.days) == (
        date(2024, 1, 31),
        date(2024, 1, 29),
        "met",
        0,
    )
    assert (d3.start, d3.due, d3.status) == (date(2024, 1, 31), date(2024, 4, 30), "met")
    assert (d3.sak_id, d3.element_type, d3.element_id) == ("sak-1", "Undersokelse", "u-1")
    assert d3.paragraph == "bvl. § 2-2"
    assert (d4.due, d4.met_on, d4.status) == (date(2024, 4, 30), date(2024, 2, 5), "met")
    assert [i.rule for i in items] == ["D1", "D3", "D4"]  # sorted by due, then rule


@pytest.mark.parametrize(
    ("today", "status", "days"),
    [
        (date(2024, 4, 1), "upcoming", 29),
        (date(2024, 4, 30), "due", 0),
        (date(2024, 5, 3), "overdue", 3),
    ],
)
def test_open_investigation_status(today: date, status: str, days: int) -> None:
    d3 = one(deadlines_for_sak(worked_example(), today, NO_FEEDBACK), "D3")
    assert (d3.status, d3.days, d3.met_on) == (status, days, None)


@pytest.mark.parametrize(
    ("innvilget", "concluded", "due", "status", "days"),
    [
        ("1", date(2024, 6, 15), date(2024, 7, 31), "met", 0),  # granted: 6 months
        ("2", date(2024, 6, 15), date(2024, 4, 30), "breached", 46),  # refused: 3 months
        (None, date(2024, 6, 15), date(2024, 4, 30), "breached", 46),  # not yet decided
        ("1", None, date(2024, 7, 31), "upcoming", 31),
    ],
)
def test_extension_granted_or_refused(
    innvilget: str | None, concluded: date | None, due: date, status: str, days: int
) -> None:
    case = worked_example(concluded=concluded, extension=innvilget or "", applied=date(2024, 4, 10))
    if innvilget is None:
        case = worked_example(concluded=concluded)
    d3 = one(deadlines_for_sak(case, date(2024, 6, 30), NO_FEEDBACK), "D3")
    assert (d3.due, d3.status, d3.days) == (due, status, days)


def test_ssb_day_mode_and_conclusion_start() -> None:
    ssb = DeadlineConfig(arithmetic=Arithmetic.SSB_DAYS, include_feedback=False)
    case = sak(
        meldinger=(melding("m-1", date(2024, 3, 24), date(2024, 3, 27)),),
        undersokelser=(undersokelse("u-1", date(2024, 3, 27)),),
    )
    assert one(deadlines_for_sak(case, date(2024, 4, 1), ssb), "D3").due == date(2024, 6, 29)
    law = one(deadlines_for_sak(case, date(2024, 4, 1), NO_FEEDBACK), "D3")
    assert law.due == date(2024, 6, 30)
    by_conclusion = DeadlineConfig(
        investigation_start=InvestigationStart.MELDING_CONCLUDED, include_feedback=False
    )
    d3 = one(deadlines_for_sak(case, date(2024, 4, 1), by_conclusion), "D3")
    assert (d3.start, d3.due) == (date(2024, 3, 27), date(2024, 6, 27))


def test_melding_review_breached_and_matched_without_relation() -> None:
    case = sak(
        meldinger=(melding("m-1", date(2024, 1, 24), date(2024, 2, 2)),),
        undersokelser=(undersokelse("u-1", date(2024, 2, 2)),),  # matched by date, no Relasjon
    )
    items = deadlines_for_sak(case, date(2024, 3, 1), NO_FEEDBACK)
    d1 = one(items, "D1")
    assert (d1.status, d1.days) == ("breached", 2)
    d3 = one(items, "D3")
    assert (d3.start, d3.due, d3.note_nb) == (date(2024, 1, 31), date(2024, 4, 30), "")


def test_investigation_without_melding_counts_from_its_own_start() -> None:
    case = sak(undersokelser=(undersokelse("u-1", date(2024, 2, 2)),))
    d3 = one(deadlines_for_sak(case, date(2024, 3, 1), NO_FEEDBACK), "D3")
    assert (d3.start, d3.due) == (date(2024, 2, 2), date(2024, 5, 2))
    assert "Melding ikke funnet" in d3.note_nb


def test_melding_not_dropped_without_investigation_is_overdue() -> None:
    case = sak(meldinger=(melding("m-1", date(2024, 1, 24), date(2024, 1, 26)),))
    d3 = one(deadlines_for_sak(case, date(2024, 5, 2), NO_FEEDBACK), "D3")
    assert (d3.element_type, d3.status, d3.days) == ("Melding", "overdue", 2)
    dropped = sak(meldinger=(melding("m-1", date(2024, 1, 24), date(2024, 1, 26), kode="1"),))
    assert only(deadlines_for_sak(dropped, date(2024, 5, 2), NO_FEEDBACK), "D3") == []


@pytest.mark.parametrize(
    ("received", "d1_paragraph", "has_d4"),
    [
        (date(2022, 12, 31), "bvl. 1992 § 4-2 første ledd", False),
        (date(2023, 1, 1), "bvl. § 2-1 første ledd", True),
    ],
)
def test_law_change_on_2023_01_01(received: date, d1_paragraph: str, has_d4: bool) -> None:
    case = sak(
        meldinger=(melding("m-1", received, received),),
        undersokelser=(undersokelse("u-1", received),),
    )
    items = deadlines_for_sak(case, date(2023, 6, 1), NO_FEEDBACK)
    assert one(items, "D1").paragraph == d1_paragraph
    assert bool(only(items, "D4")) is has_d4


def test_feedback_to_reporter() -> None:
    case = sak(meldinger=(melding("m-1", date(2024, 1, 24)),))
    items = deadlines_for_sak(case, date(2024, 2, 20))
    assert one(items, "D2").status == "overdue"
    done = deadlines_for_sak(case, date(2024, 2, 20), completed={("D2", "m-1"): date(2024, 2, 1)})
    d2 = one(done, "D2")
    assert (d2.due, d2.met_on, d2.status, d2.unverified) == (
        date(2024, 2, 14),
        date(2024, 2, 1),
        "met",
        True,
    )
    assert only(deadlines_for_sak(case, date(2024, 2, 20), NO_FEEDBACK), "D2") == []


@pytest.mark.parametrize(
    ("plan_start", "status", "days"),
    [
        (date(2024, 1, 15), "met", 0),  # a tiltaksplan already running covers the measure
        (date(2024, 2, 1), "met", 0),
        (date(2024, 2, 20), "breached", 19),
        (None, "overdue", 29),
    ],
)
def test_measure_plan_for_support_measure(plan_start: date | None, status: str, days: int) -> None:
    planer = (plan("pl-1", plan_start, "1"),) if plan_start else ()
    case = sak(tiltak=(tiltak("t-1", date(2024, 2, 1)),), planer=planer)
    d5 = one(deadlines_for_sak(case, date(2024, 3, 1), NO_FEEDBACK), "D5", "plan")
    assert (d5.due, d5.status, d5.days) == (date(2024, 2, 1), status, days)


@pytest.mark.parametrize(
    ("basis", "needs"),
    [
        ("BVL 4-4 2", True),
        ("BVL2021 3-1", True),
        ("BVL2021 3-4", True),
        ("BVL2021 3-6", False),  # aftercare: plan type 5
        ("BVL2021 5-1", False),  # care order: omsorgsplan (D6)
        ("BVL2021 4-2", False),  # emergency: plan type 8
        ("BVL 4-12", False),
    ],
)
def test_which_measures_need_a_tiltaksplan(basis: str, needs: bool) -> None:
    assert needs_measure_plan(tiltak("t-1", date(2024, 2, 1), basis)) is needs


def test_plan_evaluations_chain_from_the_last_one() -> None:
    evaluated = plan("pl-1", date(2024, 1, 31), "1", (date(2024, 4, 30), date(2024, 8, 15)))
    items = deadlines_for_sak(sak(planer=(evaluated,)), date(2024, 9, 1), NO_FEEDBACK)
    rows = [(i.part, i.start, i.due, i.met_on, i.status, i.days) for i in only(items, "D5")]
    assert rows == [
        ("evaluering 1", date(2024, 1, 31), date(2024, 4, 30), date(2024, 4, 30), "met", 0),
        ("evaluering 2", date(2024, 4, 30), date(2024, 7, 30), date(2024, 8, 15), "breached", 16),
        ("evaluering 3", date(2024, 8, 15), date(2024, 11, 15), None, "upcoming", 75),
    ]
    assert {i.title_nb for i in only(items, "D5")} == {"Evaluering av tiltaksplan"}


def test_plan_evaluations_stop_when_the_plan_ends() -> None:
    ended = plan("pl-1", date(2024, 1, 31), "1", (date(2024, 4, 15),), ends=date(2024, 6, 1))
    items = deadlines_for_sak(sak(planer=(ended,)), date(2025, 1, 1), NO_FEEDBACK)
    assert [i.part for i in only(items, "D5")] == ["evaluering 1"]
    missed = plan("pl-2", date(2024, 1, 31), "1", ends=date(2024, 6, 1))
    items = deadlines_for_sak(sak(planer=(missed,)), date(2025, 1, 1), NO_FEEDBACK)
    d5 = one(items, "D5")
    assert (d5.due, d5.status) == (date(2024, 4, 30), "overdue")


def test_plan_evaluation_interval_is_configurable() -> None:
    config = DeadlineConfig(plan_evaluation_interval=Span(months=6), include_feedback=False)
    items = deadlines_for_sak(
        sak(planer=(plan("pl-1", date(2024, 1, 31), "1"),)), date(2024, 3, 1), config
    )
    assert one(items, "D5").due == date(2024, 7, 31)


@pytest.mark.parametrize(
    ("planer", "status", "met_on"),
    [
        ((plan("pl-4", date(2024, 2, 20), "4"),), "met", date(2024, 3, 1)),
        ((plan("pl-3", date(2022, 6, 1), "3"),), "met", date(2024, 3, 1)),  # foreløpig
        ((plan("pl-4", date(2024, 3, 11), "4"),), "breached", date(2024, 3, 11)),
        ((plan("pl-1", date(2024, 2, 20), "1"),), "overdue", None),  # wrong plan type
        ((), "overdue", None),
    ],
)
def test_care_plan_for_care_order_measure(planer: tuple, status: str, met_on: date | None) -> None:
    case = sak(tiltak=(tiltak("t-1", date(2024, 3, 1), "BVL2021 5-1", "2.2"),), planer=planer)
    items = deadlines_for_sak(case, date(2024, 4, 1), NO_FEEDBACK)
    d6 = one(items, "D6")
    assert (d6.due, d6.status, d6.met_on, d6.unverified) == (date(2024, 3, 1), status, met_on, False)
    assert only(items, "D5", "plan") == []  # no tiltaksplan duty for a care order


def test_care_order_must_be_carried_out_within_six_weeks() -> None:
    order = vedtak(
        "v-1", date(2024, 1, 10), "BVL2021 5-1", (("2", date(2024, 1, 10)), ("1", date(2024, 2, 1)))
    )
    placed = tiltak("t-1", date(2024, 3, 20), "BVL2021 5-1", "2.2")
    items = deadlines_for_sak(sak(vedtak=(order,), tiltak=(placed,)), date(2024, 4, 1), NO_FEEDBACK)
    d7 = one(items, "D7")
    assert (d7.start, d7.due, d7.met_on, d7.status, d7.days) == (
        date(2024, 2, 1),
        date(2024, 3, 14),
        date(2024, 3, 20),
        "breached",
        6,
    )
    refused = vedtak("v-2", date(2024, 1, 10), "BVL2021 5-1", (("4", date(2024, 2, 1)),))
    assert only(deadlines_for_sak(sak(vedtak=(refused,)), date(2024, 4, 1)), "D7") == []


def emergency_case(
    *extra_status: tuple[str, date],
    ends: date | None = None,
    sent: date | None = None,
    linked: bool = True,
) -> SakRecord:
    decision = vedtak(
        "v-1", date(2024, 1, 31), "BVL2021 4-2", (("1", date(2024, 2, 1)), *extra_status), ends=ends
    )
    oversendelser = (OversendelseFylkesnemnd("o-1", sent, hjemmel("BVL2021 5-1")),) if sent else ()
    relasjoner = (
        (relasjon("r-1", ("Vedtak", "v-1"), ("OversendelseFylkesnemnd", "o-1")),)
        if sent and linked
        else ()
    )
    return sak(vedtak=(decision,), oversendelser=oversendelser, relasjoner=relasjoner)


@pytest.mark.parametrize(
    ("case", "met_on", "status", "days", "note"),
    [
        (emergency_case(sent=date(2024, 3, 1)), date(2024, 3, 1), "met", 0, ""),
        (emergency_case(sent=date(2024, 3, 1), linked=False), date(2024, 3, 1), "met", 0, ""),
        (emergency_case(("2", date(2024, 3, 20))), date(2024, 3, 20), "breached", 7, ""),
        (emergency_case(ends=date(2024, 2, 10)), date(2024, 2, 10), "met", 0, "opphørte"),
        (emergency_case(("3", date(2024, 3, 14)), ends=date(2024, 3, 14)), None, "overdue", 18, ""),
        (emergency_case(), None, "overdue", 18, ""),
    ],
)
def test_emergency_placement_must_be_sent_within_six_weeks(
    case: SakRecord, met_on: date | None, status: str, days: int, note: str
) -> None:
    d8 = one(deadlines_for_sak(case, date(2024, 3, 31), NO_FEEDBACK), "D8")
    assert (d8.due, d8.met_on, d8.status, d8.days) == (date(2024, 3, 13), met_on, status, days)
    assert note in d8.note_nb
    assert d8.paragraph == "bvl. § 4-2"


@pytest.mark.parametrize(
    ("basis", "decided", "rule", "due", "paragraph"),
    [
        ("BVL 4-6 2", date(2022, 5, 2), "D8", date(2022, 6, 13), "bvl. 1992 § 4-6 fjerde og femte ledd, jf. annet ledd"),
        (
            "BVL 4-6 4",
            date(2022, 5, 2),
            "D9",
            date(2022, 5, 16),
            "bvl. 1992 § 4-6 fjerde ledd, jf. § 4-25 annet ledd",
        ),
        (
            "BVL 4-25 2",
            date(2022, 5, 2),
            "D9",
            date(2022, 5, 16),
            "bvl. 1992 § 4-6 fjerde ledd, jf. § 4-25 annet ledd",
        ),
        ("BVL2021 4-4", date(2024, 5, 2), "D9", date(2024, 5, 16), "bvl. § 4-4, jf. § 6-2"),
    ],
)
def test_emergency_rules_by_legal_basis(
    basis: str, decided: date, rule: str, due: date, paragraph: str
) -> None:
    case = sak(vedtak=(vedtak("v-1", decided, basis),))
    item = one(deadlines_for_sak(case, date(2024, 12, 31), NO_FEEDBACK), rule)
    assert (item.due, item.paragraph, item.status) == (due, paragraph, "overdue")


def test_emergency_support_and_first_paragraph_have_no_deadline() -> None:
    case = sak(
        vedtak=(
            vedtak("v-1", date(2024, 5, 2), "BVL2021 4-1"),
            vedtak("v-2", date(2022, 5, 2), "BVL 4-6 1"),
        )
    )
    assert deadlines_for_sak(case, date(2024, 12, 31), NO_FEEDBACK) == []


def test_aftercare_age_limit() -> None:
    birth = date(2005, 3, 10)
    offer = Ettervern("e-1", date(2023, 2, 1))
    closed = Ettervern("e-2", date(2023, 2, 1), Konklusjon(date(2024, 6, 1), "1"))
    measure = tiltak("t-1", date(2023, 3, 10), "BVL2021 3-6", "8.1")
    child_measure = tiltak("t-2", date(2015, 1, 1), "BVL 4-4 2", "4.6", ends=date(2020, 1, 1))
    case = sak(
        personalia=(personalia(birth),),
        ettervern=(offer, closed),
        tiltak=(measure, child_measure),
    )
    items = only(deadlines_for_sak(case, date(2030, 3, 11), NO_FEEDBACK), "D14")
    rows = {(i.element_id, i.due, i.status, i.days) for i in items}
    assert rows == {
        ("e-1", date(2030, 3, 10), "overdue", 1),
        ("e-2", date(2030, 3, 10), "met", 0),
        ("t-1", date(2030, 3, 10), "overdue", 1),
    }
    assert {i.paragraph for i in items} == {"bvl. § 3-6, jf. § 1-2 første ledd"}


def test_deleted_and_future_elements_are_ignored() -> None:
    case = sak(
        meldinger=(
            melding("m-1", date(2024, 1, 24), er_slettet=True),
            melding("m-2", date(2024, 1, 25)),
            melding("m-3", date(2024, 3, 1)),  # after "today"
        ),
        slettet=(Slettet("m-2", "Melding", date(2024, 2, 1)),),
    )
    assert deadlines_for_sak(case, date(2024, 2, 15), NO_FEEDBACK) == []
    assert (
        deadlines_for_sak(
            sak(er_slettet=True, meldinger=(melding("m-4", date(2024, 1, 2)),)), date(2024, 2, 15)
        )
        == []
    )


def test_completion_after_today_is_not_yet_known() -> None:
    case = sak(meldinger=(melding("m-1", date(2024, 1, 24), date(2024, 1, 29), kode="1"),))
    as_of = one(deadlines_for_sak(case, date(2024, 1, 27), NO_FEEDBACK), "D1")
    assert (as_of.met_on, as_of.status, as_of.days) == (None, "upcoming", 4)
