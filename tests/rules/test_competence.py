"""Tests for barnevern.rules.competence (domain-rules.md §5, the seeds, SSB Kartlegging 2020)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barnevern.rules.competence import (
    BUFDIR,
    REQUIREMENT_START,
    SEEDS_30SP,
    SSB,
    CompetenceRule,
    Education,
    Employee,
    ExperiencePeriod,
    FurtherEducation,
    assess,
    experience_days,
    get_variant,
    projected,
    service_summary,
)

DEADLINE = date(2031, 1, 1)
MASTER = Education("master", "barnevern", 2015)
BACHELOR = Education("bachelor", "barnevern", 2015)
BACHELOR_SOCIAL = Education("bachelor", "sosialt_arbeid", 2015)
SP15 = FurtherEducation(15, "barnevernfaglig veiledning", 2020)
SP30 = FurtherEducation(30, "juss i barnevernet", 2020)


def _employee(
    start: date = date(2027, 1, 1),
    educations: tuple[Education, ...] = (BACHELOR,),
    further: tuple[FurtherEducation, ...] = (),
    role: str = "saksbehandler",
    **kwargs: object,
) -> Employee:
    return Employee(
        role=role,
        start_date=start,
        educations=educations,
        further_educations=further,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("employee", "variant", "status", "missing", "path"),
    [
        # master's level (or equivalent, or higher) always meets
        (_employee(educations=(MASTER,)), BUFDIR, "meets", (), "master"),
        (_employee(educations=(MASTER,)), SEEDS_30SP, "meets", (), "master"),
        (_employee(educations=(MASTER,)), SSB, "meets", (), "master"),
        (
            _employee(educations=(Education("master_equivalent", "sosialt_arbeid", 1990),)),
            BUFDIR,
            "meets",
            (),
            "master",
        ),
        (
            _employee(educations=(Education("phd", "psykologi", 2010),)),
            BUFDIR,
            "meets",
            (),
            "master",
        ),
        # bachelor + exactly four years (2027-01-01 .. 2031-01-01)
        (_employee(), BUFDIR, "meets", (), "bachelor"),
        # bachelor + three years
        (
            _employee(start=date(2028, 1, 1)),
            BUFDIR,
            "does_not_meet",
            ("mangler 1 år relevant erfaring",),
            None,
        ),
        (
            _employee(start=date(2027, 1, 2)),
            BUFDIR,
            "does_not_meet",
            ("mangler 1 måned relevant erfaring",),
            None,
        ),
        # seeds' variant: + 30 credits
        (_employee(further=(SP30,)), SEEDS_30SP, "meets", (), "bachelor"),
        (_employee(further=(SP15, SP15)), SEEDS_30SP, "meets", (), "bachelor"),
        (
            _employee(further=(SP15,)),
            SEEDS_30SP,
            "does_not_meet",
            ("mangler 15 studiepoeng videreutdanning",),
            None,
        ),
        (_employee(further=(SP15,)), BUFDIR, "meets", (), "bachelor"),
        (
            _employee(start=date(2027, 10, 1)),
            SEEDS_30SP,
            "does_not_meet",
            (
                "mangler 9 måneder relevant erfaring",
                "mangler 30 studiepoeng videreutdanning",
            ),
            None,
        ),
        # SSB: child-welfare education only
        (_employee(further=(SP30,)), SSB, "meets", (), "bachelor"),
        (
            _employee(educations=(BACHELOR_SOCIAL,), further=(SP30,)),
            SSB,
            "does_not_meet",
            ("mangler barnevernfaglig mastergrad eller bachelorgrad",),
            None,
        ),
        (_employee(educations=(BACHELOR_SOCIAL,)), BUFDIR, "meets", (), "bachelor"),
        # no degree, or a degree the service does not find relevant
        (
            _employee(educations=(Education("other", "fagbrev", 2010),)),
            BUFDIR,
            "does_not_meet",
            ("mangler relevant mastergrad eller bachelorgrad",),
            None,
        ),
        (
            _employee(educations=(replace(MASTER, relevant=False),)),
            BUFDIR,
            "does_not_meet",
            ("mangler relevant mastergrad eller bachelorgrad",),
            None,
        ),
        # exception for hard-to-recruit posts (bvl 1992 § 2-1 b)
        (
            _employee(educations=(), exception_granted=True),
            BUFDIR,
            "meets_by_exception",
            ("mangler relevant mastergrad eller bachelorgrad",),
            "exception",
        ),
        (
            _employee(educations=(), exception_granted=True, exception_until=date(2030, 12, 31)),
            BUFDIR,
            "does_not_meet",
            ("mangler relevant mastergrad eller bachelorgrad",),
            None,
        ),
        # roles the rule does not cover
        (_employee(role="merkantil", educations=()), BUFDIR, "not_covered", (), None),
        (_employee(role="familieveileder", educations=()), BUFDIR, "not_covered", (), None),
        (
            _employee(role="familieveileder", educations=(), authority_tasks=True),
            BUFDIR,
            "does_not_meet",
            ("mangler relevant mastergrad eller bachelorgrad",),
            None,
        ),
        (_employee(educations=(), authority_tasks=False), BUFDIR, "not_covered", (), None),
        (_employee(role="Leder", educations=(MASTER,)), BUFDIR, "meets", (), "master"),
    ],
)
def test_assess_table(
    employee: Employee,
    variant: CompetenceRule,
    status: str,
    missing: tuple[str, ...],
    path: str | None,
) -> None:
    result = assess(employee, DEADLINE, variant)
    assert (result.status, result.missing, result.path) == (status, missing, path)
    assert result.variant == variant.code
    assert result.deadline == (None if status == "not_covered" else REQUIREMENT_START)


def test_exception_deadline_and_overdue() -> None:
    employee = _employee(educations=(), exception_granted=True, exception_until=date(2033, 6, 30))
    result = assess(employee, date(2032, 1, 1))
    assert result.status == "meets_by_exception"
    assert result.deadline == date(2033, 6, 30)
    late = assess(_employee(start=date(2029, 1, 1)), date(2030, 6, 1))
    assert late.status == "does_not_meet"
    assert not late.overdue(date(2030, 6, 1))
    assert late.overdue(DEADLINE)


def test_planned_education_counts_only_in_projection() -> None:
    employee = _employee(
        start=date(2025, 8, 1),
        educations=(BACHELOR, Education("master", "barnevern", 2030, planned=True)),
    )
    now = assess(employee, date(2026, 1, 1))
    assert now.status == "does_not_meet"
    assert assess(employee, DEADLINE, include_planned=True).path == "master"
    later = replace(employee, educations=(Education("master", "barnevern", 2031, planned=True),))
    assert assess(later, DEADLINE, include_planned=True).status == "does_not_meet"


def test_experience_periods_overlap_once_and_prior_years_add() -> None:
    employee = _employee(
        start=date(2029, 1, 1),
        experience_periods=(
            ExperiencePeriod(date(2027, 1, 1), date(2029, 6, 1)),  # overlaps the employment
            ExperiencePeriod(date(2028, 1, 1), date(2028, 12, 31)),  # inside the one above
        ),
    )
    assert experience_days(employee, DEADLINE) == (DEADLINE - date(2027, 1, 1)).days
    assert assess(employee, DEADLINE).status == "meets"
    prior = _employee(start=date(2029, 1, 1), prior_experience_years=2.0)
    assert assess(prior, DEADLINE).status == "meets"
    assert assess(prior, DEADLINE).experience_years == pytest.approx(4.0, abs=0.01)


def test_shortfall_text_with_years_and_months() -> None:
    result = assess(_employee(start=date(2029, 10, 1)), DEADLINE)
    assert result.missing == ("mangler 2 år og 9 måneder relevant erfaring",)


STAFF = (
    _employee(educations=(MASTER,)),
    _employee(),
    _employee(start=date(2029, 1, 1), further=(FurtherEducation(30, "x", 2030, planned=True),)),
    _employee(educations=(), exception_granted=True),
    _employee(role="merkantil", educations=()),
)


def test_service_summary_now() -> None:
    summary = service_summary(STAFF, date(2026, 1, 1), SEEDS_30SP)
    assert (summary.meets, summary.by_exception, summary.does_not_meet, summary.not_covered) == (
        1,
        1,
        2,
        1,
    )
    assert summary.covered == 4
    assert summary.compliant == 2
    assert summary.share_compliant == pytest.approx(0.5)
    assert summary.share_meets == pytest.approx(0.25)
    assert summary.variant == "seeds_30sp"
    assert len(summary.results) == 5


def test_projection_at_2031() -> None:
    summary = projected(STAFF, variant=SEEDS_30SP)
    assert summary.on == DEADLINE
    # the second employee still lacks 30 credits; the third has 2 years only
    assert (summary.meets, summary.by_exception, summary.does_not_meet) == (1, 1, 2)
    bufdir = projected(STAFF)
    assert (bufdir.meets, bufdir.by_exception, bufdir.does_not_meet) == (2, 1, 1)
    later = projected(STAFF, on=date(2033, 1, 1), variant=SEEDS_30SP)
    assert later.meets == 2  # the third employee reaches four years and has taken 30 credits


def test_empty_service_has_no_share() -> None:
    summary = service_summary([], DEADLINE)
    assert summary.share_compliant is None
    assert summary.share_meets is None


@pytest.mark.parametrize("variant", [BUFDIR, SEEDS_30SP, SSB])
def test_get_variant(variant: CompetenceRule) -> None:
    assert get_variant(variant.code) is variant


def test_get_variant_unknown() -> None:
    with pytest.raises(ValueError, match="Ukjent"):
        get_variant("nope")


employees = st.builds(
    Employee,
    role=st.sampled_from(["saksbehandler", "leder", "merkantil"]),
    start_date=st.dates(min_value=date(2015, 1, 1), max_value=date(2031, 1, 1)),
    prior_experience_years=st.sampled_from([0.0, 0.5, 1.0, 3.0]),
    educations=st.lists(
        st.builds(
            Education,
            level=st.sampled_from(["bachelor", "master", "other"]),
            field=st.sampled_from(["barnevern", "sosialt_arbeid"]),
            year=st.integers(min_value=2000, max_value=2032),
            planned=st.booleans(),
        ),
        max_size=2,
    ).map(tuple),
    further_educations=st.lists(
        st.builds(
            FurtherEducation,
            credits=st.sampled_from([10, 15, 30]),
            subject=st.just("videreutdanning"),
            year=st.integers(min_value=2015, max_value=2032),
            planned=st.booleans(),
        ),
        max_size=3,
    ).map(tuple),
)


@given(employee=employees, on=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 1, 1)))
def test_meeting_is_kept_over_time_and_seeds_is_stricter(employee: Employee, on: date) -> None:
    for variant in (BUFDIR, SEEDS_30SP, SSB):
        if assess(employee, on, variant).status == "meets":
            assert assess(employee, date(on.year + 3, 1, 1), variant).status == "meets"
    if assess(employee, on, SEEDS_30SP).status == "meets":
        assert assess(employee, on, BUFDIR).status == "meets"
    if assess(employee, on, SSB).status == "meets":
        assert assess(employee, on, SEEDS_30SP).status == "meets"
    if assess(employee, on).status == "meets":
        assert assess(employee, on, include_planned=True).status == "meets"


@given(staff=st.lists(employees, max_size=6))
def test_summary_counts_add_up(staff: list[Employee]) -> None:
    summary = service_summary(staff, DEADLINE)
    assert summary.covered + summary.not_covered == len(staff)
    assert summary.share_compliant is None or 0 <= summary.share_compliant <= 1
    assert projected(staff).meets >= summary.meets


def test_shortfall_counts_calendar_months_across_leap_years() -> None:
    # started 2024-11-23: four years are reached on 2028-11-23 (1461 days, 2028 is a leap
    # year), exactly two calendar years after 2026-11-23, so «2 år» and not «2 år og 1 måned»
    result = assess(_employee(start=date(2024, 11, 23)), date(2026, 11, 23))
    assert result.missing == ("mangler 2 år relevant erfaring",)
    one_day_more = assess(_employee(start=date(2024, 11, 24)), date(2026, 11, 23))
    assert one_day_more.missing == ("mangler 2 år og 1 måned relevant erfaring",)


# --- 2026 amendment (kvalitetsløftet, lov 20. juni 2025 nr. 39): leader and deputy only ------


@pytest.mark.parametrize(
    ("role", "educations", "status"),
    [
        ("leder", (Education("master", "barnevern", 2015),), "meets"),
        ("stedfortreder", (Education("master_equivalent", "sosialt_arbeid", 2010),), "meets"),
        ("leder", (BACHELOR,), "does_not_meet"),  # no bachelor + experience path for the leader
        ("saksbehandler", (BACHELOR,), "not_covered"),  # case workers no longer covered
        ("fagleder", (), "not_covered"),
    ],
)
def test_2026_variant_covers_only_leader_and_deputy(role, educations, status) -> None:
    from barnevern.rules.competence import KVALITETSLOFT_2026

    employee = Employee(role, date(2005, 1, 1), educations=educations, authority_tasks=True)
    result = assess(employee, date(2031, 1, 1), KVALITETSLOFT_2026)
    assert result.status == status
    assert result.variant == "kvalitetsloft_2026"


def test_2026_variant_names_the_master_requirement() -> None:
    from barnevern.rules.competence import KVALITETSLOFT_2026

    result = assess(
        Employee("leder", date(2005, 1, 1), educations=(BACHELOR,)), date(2031, 1, 1), KVALITETSLOFT_2026
    )
    assert result.missing == ("mangler relevant mastergrad eller tilsvarende",)


@pytest.mark.parametrize(
    ("on", "code"),
    [
        (date(2025, 12, 31), "bufdir"),
        (date(2026, 1, 1), "kvalitetsloft_2026"),
        (date(2031, 1, 1), "kvalitetsloft_2026"),
    ],
)
def test_variant_in_force_follows_the_law(on: date, code: str) -> None:
    from barnevern.rules.competence import variant_in_force

    assert variant_in_force(on).code == code


def test_every_variant_has_a_source_and_the_law_variants_have_dates() -> None:
    from barnevern.rules.competence import KVALITETSLOFT_2026, VARIANTS

    assert all(v.source for v in VARIANTS.values())
    assert BUFDIR.valid_to == date(2025, 12, 31)
    assert KVALITETSLOFT_2026.valid_from == date(2026, 1, 1)
