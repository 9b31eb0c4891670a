"""Competence requirement (kompetansekrav) for the child welfare service from 2031-01-01.

Sources (``shared/reference/domain-rules.md`` §5):

- Bufdir, «Endringer i barnevernloven fra 1. januar 2022» (bvl 1992 §§ 2-1 a and 2-1 b):
  employees who carry out specified tasks need competence at master's level or equivalent, or
  a bachelor's degree with at least four years' work experience, from 2031-01-01. Exceptions are
  possible where qualified staff are hard to recruit. This is the default variant, ``BUFDIR``.
- The seeds (a status presentation): master's level, or bachelor + 4 years' experience
  + further education of 30 credits (studiepoeng): ``SEEDS_30SP``.
- SSB, «Kartlegging 2020»: a child-welfare master's degree, or a child-welfare bachelor's degree
  + sufficient relevant further education + relevant experience: ``SSB``. SSB gives no numbers;
  this variant uses 30 credits (the seeds' figure) and 4 years (Bufdir's figure). ⚠ assumption.

The sources conflict (⚠ in the reference); each service chooses a variant, and every result
names the variant used. The paragraph of the 2021 Act and the regulation were not found.

Who is covered (⚠ not listed in the sources found): the usual understanding is tasks that
exercise public authority (closing reports and investigations, decisions on measures, requests
to the nemnd) plus the leader of the service. By default the roles in :data:`COVERED_ROLES` are
covered; family counsellors, milieu workers and clerical staff are not. ``Employee.authority_tasks``
overrides the role either way (e.g. a familieveileder who also decides cases).

Experience is counted in calendar time, whatever the position percentage: the union of the
employment in this service (from ``start_date``), earlier relevant periods, and
``prior_experience_years`` (rounded up to whole days). A year is 365.25 days, so four
calendar years always suffice.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = [
    "BUFDIR",
    "COVERED_ROLES",
    "REQUIREMENT_START",
    "SEEDS_30SP",
    "SSB",
    "VARIANTS",
    "CompetenceResult",
    "CompetenceRule",
    "Education",
    "Employee",
    "ExperiencePeriod",
    "FurtherEducation",
    "ServiceSummary",
    "assess",
    "experience_days",
    "get_variant",
    "is_covered",
    "projected",
    "service_summary",
]

REQUIREMENT_START = date(2031, 1, 1)
DAYS_PER_YEAR = 365.25
MASTER_LEVELS = frozenset({"master", "master_equivalent", "phd"})
BACHELOR_LEVELS = frozenset({"bachelor"}) | MASTER_LEVELS
CHILD_WELFARE_FIELDS = frozenset({"barnevern"})
COVERED_ROLES = frozenset({"leder", "stedfortreder", "fagleder", "saksbehandler"})


@dataclass(frozen=True, slots=True)
class CompetenceRule:
    """A variant of the requirement. ``fields`` None means any education marked relevant."""

    code: str
    name: str
    source: str
    min_experience_years: int
    min_further_credits: int
    fields: frozenset[str] | None = None


BUFDIR = CompetenceRule(
    code="bufdir",
    name="Master, eller bachelor og minst fire års erfaring (Bufdir)",
    source="Bufdir: Endringer i barnevernloven fra 1. januar 2022 (bvl 1992 §§ 2-1 a, 2-1 b)",
    min_experience_years=4,
    min_further_credits=0,
)
SEEDS_30SP = CompetenceRule(
    code="seeds_30sp",
    name="Master, eller bachelor, fire års erfaring og 30 studiepoeng videreutdanning",
    source="Tilstandspresentasjon (seeds); ikke funnet i offisielle kilder",
    min_experience_years=4,
    min_further_credits=30,
)
SSB = CompetenceRule(
    code="ssb",
    name="Barnevernfaglig master, eller barnevernfaglig bachelor med videreutdanning og erfaring",
    source="SSB: Kartlegging 2020 (30 studiepoeng og fire år er antakelser)",
    min_experience_years=4,
    min_further_credits=30,
    fields=CHILD_WELFARE_FIELDS,
)
VARIANTS: dict[str, CompetenceRule] = {rule.code: rule for rule in (BUFDIR, SEEDS_30SP, SSB)}


def get_variant(code: str) -> CompetenceRule:
    """The variant stored for a service, by code ("bufdir", "seeds_30sp", "ssb")."""
    try:
        return VARIANTS[code]
    except KeyError:
        raise ValueError(f"Ukjent variant av kompetansekravet: {code!r}.") from None


@dataclass(frozen=True, slots=True)
class Education:
    """A completed (or, with ``planned``, expected) degree; ``year`` is the completion year.

    ``level``: "master", "master_equivalent" (approved as equivalent), "phd", "bachelor" or
    anything else (e.g. "other", "fagbrev"), which does not count. ``field``: e.g. "barnevern",
    "sosialt_arbeid", "vernepleie". ``relevant`` is the service's judgement of relevance.
    """

    level: str
    field: str
    year: int
    planned: bool = False
    relevant: bool = True


@dataclass(frozen=True, slots=True)
class FurtherEducation:
    """Further education (videreutdanning) in credits (studiepoeng), completed or planned."""

    credits: int
    subject: str
    year: int
    planned: bool = False


@dataclass(frozen=True, slots=True)
class ExperiencePeriod:
    """Relevant work experience before this service; ``end`` None means still ongoing."""

    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Employee:
    """An employee as the rule sees it. ``role``: e.g. "leder", "saksbehandler", "merkantil"."""

    role: str
    start_date: date
    prior_experience_years: float = 0.0
    experience_periods: tuple[ExperiencePeriod, ...] = ()
    educations: tuple[Education, ...] = ()
    further_educations: tuple[FurtherEducation, ...] = ()
    exception_granted: bool = False
    exception_until: date | None = None
    authority_tasks: bool | None = None
    name: str = ""


@dataclass(frozen=True, slots=True)
class CompetenceResult:
    """``status``: "meets", "meets_by_exception", "does_not_meet" or "not_covered"."""

    status: str
    missing: tuple[str, ...]
    deadline: date | None
    variant: str
    path: str | None = None  # "master", "bachelor" or "exception"
    experience_years: float = 0.0
    further_credits: int = 0

    def overdue(self, on: date) -> bool:
        """True when the requirement applies on ``on`` and is not met."""
        return self.status == "does_not_meet" and self.deadline is not None and on >= self.deadline


def is_covered(employee: Employee) -> bool:
    """Whether the requirement applies: ``authority_tasks`` if set, else the role."""
    if employee.authority_tasks is not None:
        return employee.authority_tasks
    return employee.role.lower() in COVERED_ROLES


def _counts(year: int, planned: bool, on: date, include_planned: bool) -> bool:
    if planned:
        return include_planned and year < on.year  # finished in the year before at the latest
    return year <= on.year


def experience_days(employee: Employee, on: date) -> int:
    """Relevant experience up to ``on`` in days (overlapping periods counted once)."""
    spans = [(employee.start_date, on)]
    spans += [(p.start, min(p.end, on) if p.end else on) for p in employee.experience_periods]
    total, reach = 0, date.min
    for start, end in sorted(spans):
        start = max(start, reach)
        if end > start:
            total += (end - start).days
            reach = end
    return total + math.ceil(employee.prior_experience_years * DAYS_PER_YEAR)


def _shortfall(on: date, days: int) -> str:
    """Missing experience as calendar time from ``on``, partial months rounded up:
    «1 år og 3 måneder». Counting calendar months (not days / 30.44) keeps «exactly two
    years from now» at «2 år» across leap years."""
    reached = on + timedelta(days=days)
    months = (reached.year - on.year) * 12 + reached.month - on.month
    if reached.day > on.day:
        months += 1
    years, months = divmod(max(months, 1), 12)
    parts = [f"{years} år"] if years else []
    if months:
        parts.append(f"{months} måned" if months == 1 else f"{months} måneder")
    return " og ".join(parts)


def assess(
    employee: Employee, on: date, variant: CompetenceRule = BUFDIR, *, include_planned: bool = False
) -> CompetenceResult:
    """Assess one employee against a variant on a date.

    With ``include_planned`` (used by :func:`projected`) planned degrees and further education
    finished before ``on``'s year count too. Experience accrues up to ``on`` in both cases.
    """
    if not is_covered(employee):
        return CompetenceResult("not_covered", (), None, variant.code)
    days = experience_days(employee, on)
    degrees = [
        e
        for e in employee.educations
        if _counts(e.year, e.planned, on, include_planned)
        and e.relevant
        and (variant.fields is None or e.field in variant.fields)
    ]
    credits = sum(
        f.credits
        for f in employee.further_educations
        if _counts(f.year, f.planned, on, include_planned)
    )

    def result(
        status: str,
        missing: Iterable[str] = (),
        path: str | None = None,
        deadline: date | None = None,
    ) -> CompetenceResult:
        return CompetenceResult(
            status=status,
            missing=tuple(missing),
            deadline=deadline or REQUIREMENT_START,
            variant=variant.code,
            path=path,
            experience_years=round(days / DAYS_PER_YEAR, 2),
            further_credits=credits,
        )

    if any(e.level in MASTER_LEVELS for e in degrees):
        return result("meets", path="master")
    missing: list[str] = []
    if any(e.level in BACHELOR_LEVELS for e in degrees):
        needed = round(variant.min_experience_years * DAYS_PER_YEAR)
        if days < needed:
            missing.append(f"mangler {_shortfall(on, needed - days)} relevant erfaring")
        if credits < variant.min_further_credits:
            missing.append(
                f"mangler {variant.min_further_credits - credits} studiepoeng videreutdanning"
            )
        if not missing:
            return result("meets", path="bachelor")
    else:
        kind = "barnevernfaglig" if variant.fields is not None else "relevant"
        missing.append(f"mangler {kind} mastergrad eller bachelorgrad")
    if employee.exception_granted and (
        employee.exception_until is None or on <= employee.exception_until
    ):
        return result("meets_by_exception", missing, "exception", employee.exception_until)
    return result("does_not_meet", missing)


@dataclass(frozen=True, slots=True)
class ServiceSummary:
    on: date
    variant: str
    meets: int
    by_exception: int
    does_not_meet: int
    not_covered: int
    results: tuple[CompetenceResult, ...] = field(default=(), repr=False)

    @property
    def covered(self) -> int:
        return self.meets + self.by_exception + self.does_not_meet

    @property
    def compliant(self) -> int:
        """Covered employees who meet the requirement, by exception included."""
        return self.meets + self.by_exception

    @property
    def share_compliant(self) -> float | None:
        """Share of covered employees who meet the requirement, by exception included."""
        return self.compliant / self.covered if self.covered else None

    @property
    def share_meets(self) -> float | None:
        """Share of covered employees who meet the requirement without an exception."""
        return self.meets / self.covered if self.covered else None


def _summarise(
    employees: Iterable[Employee], on: date, variant: CompetenceRule, include_planned: bool
) -> ServiceSummary:
    results = tuple(assess(e, on, variant, include_planned=include_planned) for e in employees)

    def count(status: str) -> int:
        return sum(1 for r in results if r.status == status)

    return ServiceSummary(
        on=on,
        variant=variant.code,
        meets=count("meets"),
        by_exception=count("meets_by_exception"),
        does_not_meet=count("does_not_meet"),
        not_covered=count("not_covered"),
        results=results,
    )


def service_summary(
    employees: Iterable[Employee], on: date, variant: CompetenceRule = BUFDIR
) -> ServiceSummary:
    """Status for the whole service on ``on`` (planned education not counted)."""
    return _summarise(employees, on, variant, include_planned=False)


def projected(
    employees: Iterable[Employee],
    on: date = REQUIREMENT_START,
    variant: CompetenceRule = BUFDIR,
) -> ServiceSummary:
    """Expected status on ``on`` (default 2031-01-01) if everyone stays and plans hold.

    Experience accrues up to ``on``; planned degrees and further education count when they are
    expected to be finished in the year before ``on`` at the latest.
    """
    return _summarise(employees, on, variant, include_planned=True)
