"""Competence requirement (kompetansekrav) for the child welfare service from 2031-01-01.

Each variant carries its source and the period the law behind it was in force (issue 21):

- ``BUFDIR`` (law in force 2022-01-01 to 2025-12-31): Bufdir, «Endringer i barnevernloven fra
  1. januar 2022» (bvl. 1992 §§ 2-1 a and 2-1 b, in force 2022-01-01; carried into the 2021
  act): employees who carry out specified tasks need competence at master's level or
  equivalent, or a bachelor's degree with at least four years' work experience, from
  2031-01-01. Exceptions where qualified staff are hard to recruit. Statsforvalteren Vestland
  («Oversikt over lovendringar …», 2022) describes the same: «tilsette … som skal utføre
  kjerneoppgåver, innan 1. januar 2031 må ha barnevernfagleg mastergrad eller anna relevant
  utdanning på tilsvarande nivå (§ 2-1 a)».
- ``KVALITETSLOFT_2026`` (from 2026-01-01) — **changed after 2023**: Regjeringen, «Endringer i
  lover og regler fra 1.1.2026», kvalitetsløftet i barnevernet (lov 20. juni 2025 nr. 39,
  Innst. 524 L (2024–2025)): «Det tidligere innførte kravet om barnevernsfaglig mastergrad
  eller annen relevant utdanning på tilsvarende nivå fra 2031 begrenses til kun å gjelde for
  barnevernstjenestens leder og for lederens stedfortreder. I tillegg blir kravene til
  kompetanse i overgangsperioden frem til 2031 noe endret.» Only leader and deputy are covered,
  and only at master's level (no bachelor + experience path). The changed transitional
  requirements were not found in detail; the 2021-act paragraph number was not found either.
  :func:`variant_in_force` picks this variant for dates from 2026-01-01.
- ``SEEDS_30SP``: the seeds (a status presentation): master's level, or bachelor + 4 years'
  experience + further education of 30 credits (studiepoeng). Not found in any official source.
- ``SSB``: SSB, «Kompetanse i barnevernet. Kartlegging 2020»: a child-welfare master's degree,
  or a child-welfare bachelor's degree + sufficient relevant further education + relevant
  experience. SSB gives no numbers; this variant uses 30 credits (the seeds' figure) and 4
  years (Bufdir's figure). ⚠ assumption.

The sources conflict on the bachelor path before 2026; each service chooses a variant, and
every result names the variant used. Searched without result (December 2026, stored pages):
the 2021-act paragraph («kompetansekrav barnevernsloven §», juridika.no has only chapter 1),
«forskrift om kompetansekrav», the detailed transitional rules of 2026.

Who is covered before 2026 (not listed in the sources found): the usual understanding is tasks
that exercise public authority (closing reports and investigations, decisions on measures,
requests to the nemnd) plus the leader of the service. By default the roles in
:data:`COVERED_ROLES` are covered; family counsellors, milieu workers and clerical staff are
not. ``Employee.authority_tasks`` overrides the role either way (e.g. a familieveileder who also
decides cases). From 2026 (``KVALITETSLOFT_2026``) only the roles in
:data:`LEADER_ROLES` are covered, whatever the tasks.

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
    "KVALITETSLOFT_2026",
    "KVALITETSLOFT_IN_FORCE",
    "LEADER_ROLES",
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
    "variant_in_force",
]

REQUIREMENT_START = date(2031, 1, 1)
DAYS_PER_YEAR = 365.25
MASTER_LEVELS = frozenset({"master", "master_equivalent", "phd"})
BACHELOR_LEVELS = frozenset({"bachelor"}) | MASTER_LEVELS
CHILD_WELFARE_FIELDS = frozenset({"barnevern"})
COVERED_ROLES = frozenset({"leder", "stedfortreder", "fagleder", "saksbehandler"})
LEADER_ROLES = frozenset({"leder", "stedfortreder"})
KVALITETSLOFT_IN_FORCE = date(2026, 1, 1)
"""Lov 20. juni 2025 nr. 39 (kvalitetsløftet) in force for the competence requirement."""


@dataclass(frozen=True, slots=True)
class CompetenceRule:
    """A variant of the requirement. ``fields`` None means any education marked relevant."""

    code: str
    name: str
    source: str
    min_experience_years: int
    min_further_credits: int
    fields: frozenset[str] | None = None
    covered_roles: frozenset[str] | None = None
    """Roles covered whatever the tasks (``None``: :data:`COVERED_ROLES`, overridable per
    employee by ``authority_tasks``)."""
    bachelor_path: bool = True
    """Whether a bachelor's degree with experience (and credits) can meet the requirement."""
    valid_from: date | None = None
    valid_to: date | None = None
    """The period the law behind the variant was in force (``None``: open)."""


BUFDIR = CompetenceRule(
    code="bufdir",
    name="Master, eller bachelor og minst fire års erfaring (Bufdir)",
    source="Bufdir: Endringer i barnevernloven fra 1. januar 2022 (bvl 1992 §§ 2-1 a, 2-1 b)",
    min_experience_years=4,
    min_further_credits=0,
    valid_from=date(2022, 1, 1),
    valid_to=date(2025, 12, 31),
)
KVALITETSLOFT_2026 = CompetenceRule(
    code="kvalitetsloft_2026",
    name="Fra 2026: master eller tilsvarende for leder og stedfortreder (kvalitetsløftet)",
    source=(
        "Regjeringen: Endringer i lover og regler fra 1.1.2026 (lov 20. juni 2025 nr. 39, "
        "Innst. 524 L (2024–2025))"
    ),
    min_experience_years=0,
    min_further_credits=0,
    covered_roles=LEADER_ROLES,
    bachelor_path=False,
    valid_from=KVALITETSLOFT_IN_FORCE,
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
VARIANTS: dict[str, CompetenceRule] = {
    rule.code: rule for rule in (BUFDIR, KVALITETSLOFT_2026, SEEDS_30SP, SSB)
}


def variant_in_force(on: date) -> CompetenceRule:
    """The variant that follows the law in force on ``on``: Bufdir's reading of the 2022 rule
    until 2025-12-31, the 2026 amendment (leader and deputy only) from 2026-01-01."""
    return KVALITETSLOFT_2026 if on >= KVALITETSLOFT_IN_FORCE else BUFDIR


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


def is_covered(employee: Employee, variant: CompetenceRule | None = None) -> bool:
    """Whether the requirement applies: for a variant with fixed roles (2026: leader and
    deputy) the role alone; otherwise ``authority_tasks`` if set, else the role."""
    if variant is not None and variant.covered_roles is not None:
        return employee.role.lower() in variant.covered_roles
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
    if not is_covered(employee, variant):
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
        f.credits for f in employee.further_educations if _counts(f.year, f.planned, on, include_planned)
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
    if variant.bachelor_path and any(e.level in BACHELOR_LEVELS for e in degrees):
        needed = round(variant.min_experience_years * DAYS_PER_YEAR)
        if days < needed:
            missing.append(f"mangler {_shortfall(on, needed - days)} relevant erfaring")
        if credits < variant.min_further_credits:
            missing.append(f"mangler {variant.min_further_credits - credits} studiepoeng videreutdanning")
        if not missing:
            return result("meets", path="bachelor")
    else:
        kind = "barnevernfaglig" if variant.fields is not None else "relevant"
        degree = "mastergrad eller bachelorgrad" if variant.bachelor_path else "mastergrad eller tilsvarende"
        missing.append(f"mangler {kind} {degree}")
    if employee.exception_granted and (employee.exception_until is None or on <= employee.exception_until):
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
