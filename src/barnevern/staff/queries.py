"""The one query layer for staff figures: web pages, the ``barnevern staff`` command and tests.

Everything takes a service and a date and returns plain, frozen results. Competence is decided
by ``barnevern.rules.competence`` only; this module maps the models onto its inputs
(:func:`to_rule_employee`) and counts. Queries are constant in number per call (prefetching),
whatever the number of employees.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Prefetch, Q

from barnevern.accounts.models import User
from barnevern.organisation.models import Tjeneste
from barnevern.rules import competence
from barnevern.staff.models import (
    NIVA_TO_RULE,
    Ansatt,
    Innstilling,
    Profesjon,
    Stilling,
    Sykefravaer,
    Vakanse,
)

NO_TEAM = "Uten team"
SICK_LEAVE_MONTHS = 12
ZERO = Decimal("0")


def get_settings(tjeneste: Tjeneste) -> Innstilling:
    """The service's staff settings; an unsaved row with the defaults if none is stored."""
    found = Innstilling.objects.filter(tjeneste=tjeneste).first()
    return found or Innstilling(tjeneste=tjeneste)


def format_fte(value: Decimal) -> str:
    """FTE as text with at least one decimal: Decimal("12.80") → "12.8", 13 → "13.0"."""
    text = f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"
    return text[:-1] if text.endswith("0") else text


# --- employees and FTE -----------------------------------------------------------------------


def employees_queryset(tjeneste: Tjeneste):  # noqa: ANN201 - a QuerySet[Ansatt]
    """Every employee of the service with what the figures need, prefetched."""
    return (
        Ansatt.objects.filter(tjeneste=tjeneste)
        .select_related("team", "bruker")
        .prefetch_related(
            Prefetch("stillinger", queryset=Stilling.objects.order_by("fra_dato")),
            "utdanninger",
            "erfaringer",
            "videreutdanninger",
        )
    )


def active_employees(tjeneste: Tjeneste, on: date) -> list[Ansatt]:
    """Employees in post on ``on`` (started, not yet left), by name."""
    qs = (
        employees_queryset(tjeneste)
        .filter(start_dato__lte=on)
        .filter(Q(slutt_dato__isnull=True) | Q(slutt_dato__gte=on))
    )
    return list(qs.order_by("navn", "pk"))


def percent_on(ansatt: Ansatt, on: date) -> Decimal:
    """Position percentage on ``on``: the latest row from that date or earlier (else 0)."""
    current = ZERO
    for row in ansatt.stillinger.all():  # prefetched in date order
        if row.fra_dato <= on:
            current = row.prosent
    return current if ansatt.active_on(on) else ZERO


def fte_on(ansatt: Ansatt, on: date) -> Decimal:
    """Full-time equivalents (årsverk): percentage / 100."""
    return percent_on(ansatt, on) / 100


# --- competence ------------------------------------------------------------------------------


def to_rule_employee(ansatt: Ansatt) -> competence.Employee:
    """The employee as ``rules.competence`` sees it (from prefetched relations)."""
    return competence.Employee(
        role=ansatt.stillingstype,
        start_date=ansatt.start_dato,
        experience_periods=tuple(
            competence.ExperiencePeriod(e.fra_dato, e.til_dato)
            for e in sorted(ansatt.erfaringer.all(), key=lambda e: e.fra_dato)
        ),
        educations=tuple(
            competence.Education(
                level=NIVA_TO_RULE.get(u.niva, "other"),
                field=u.fagfelt,
                year=u.ar,
                planned=u.planlagt,
                relevant=u.relevant,
            )
            for u in ansatt.utdanninger.all()
        ),
        further_educations=tuple(
            competence.FurtherEducation(v.studiepoeng, v.emne, v.ar, v.planlagt)
            for v in ansatt.videreutdanninger.all()
        ),
        exception_granted=ansatt.unntak,
        exception_until=ansatt.unntak_til,
        authority_tasks=ansatt.myndighetsoppgaver,
        name=ansatt.navn,
    )


@dataclass(frozen=True, slots=True)
class EmployeeRow:
    ansatt: Ansatt
    percent: Decimal
    result: competence.CompetenceResult  # on the date asked
    projected: competence.CompetenceResult | None  # at 2031-01-01; None if leaving before

    @property
    def fte(self) -> Decimal:
        return self.percent / 100


def projection_date(on: date) -> date:
    return max(on, competence.REQUIREMENT_START)


def stays_until(ansatt: Ansatt, day: date) -> bool:
    return ansatt.slutt_dato is None or ansatt.slutt_dato >= day


def employee_rows(
    tjeneste: Tjeneste,
    on: date,
    variant: competence.CompetenceRule | None = None,
    employees: list[Ansatt] | None = None,
) -> list[EmployeeRow]:
    """One row per employee in post on ``on``, with competence now and projected."""
    variant = variant or get_settings(tjeneste).variant
    employees = active_employees(tjeneste, on) if employees is None else employees
    target = projection_date(on)
    rows = []
    for ansatt in employees:
        person = to_rule_employee(ansatt)
        later = (
            competence.assess(person, target, variant, include_planned=True)
            if stays_until(ansatt, target)
            else None
        )
        rows.append(
            EmployeeRow(ansatt, percent_on(ansatt, on), competence.assess(person, on, variant), later)
        )
    return rows


@dataclass(frozen=True, slots=True)
class CompetenceFigures:
    """Service-level competence on ``now.on`` and projected at ``projected.on``."""

    variant: competence.CompetenceRule
    now: competence.ServiceSummary
    projected: competence.ServiceSummary


def competence_figures(
    tjeneste: Tjeneste, on: date, variant: competence.CompetenceRule, employees: list[Ansatt]
) -> CompetenceFigures:
    people = [to_rule_employee(a) for a in employees]
    target = projection_date(on)
    staying = [p for a, p in zip(employees, people, strict=True) if stays_until(a, target)]
    return CompetenceFigures(
        variant=variant,
        now=competence.service_summary(people, on, variant),
        projected=competence.projected(staying, target, variant),
    )


# --- vacancies and sick leave ----------------------------------------------------------------


def open_vacancies(tjeneste: Tjeneste, on: date) -> list[Vakanse]:
    return list(
        Vakanse.objects.filter(tjeneste=tjeneste, fra_dato__lte=on)
        .filter(Q(til_dato__isnull=True) | Q(til_dato__gte=on))
        .select_related("team")
        .order_by("fra_dato", "pk")
    )


@dataclass(frozen=True, slots=True)
class SickLeaveMonth:
    month: date  # first day of the month
    percent: Decimal | None  # None: nothing registered
    source: str  # "tjeneste" (registered for the service), "ansatte" (FTE-weighted), ""


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def sick_leave_trend(tjeneste: Tjeneste, on: date, months: int = SICK_LEAVE_MONTHS) -> list[SickLeaveMonth]:
    """Sick leave per month for the ``months`` months ending with the latest registered month
    up to ``on`` (or ``on``'s month when nothing is registered).

    A figure registered for the service wins. Otherwise the month is the FTE-weighted mean of
    the employee rows, employees in post without a row counting 0 %.
    """
    last = _month_start(on)
    rows = list(Sykefravaer.objects.filter(tjeneste=tjeneste, maned__lte=last).order_by("maned"))
    if rows:
        last = max(r.maned for r in rows)
    first = _add_months(last, -(months - 1))
    service = {r.maned: r.prosent for r in rows if r.ansatt_id is None and r.maned >= first}
    per_employee: dict[date, dict[int, Decimal]] = {}
    for r in rows:
        if r.ansatt_id is not None and r.maned >= first:
            per_employee.setdefault(r.maned, {})[r.ansatt_id] = r.prosent
    employees = list(employees_queryset(tjeneste)) if per_employee else []
    trend = []
    for i in range(months):
        month = _add_months(first, i)
        if month in service:
            trend.append(SickLeaveMonth(month, service[month], "tjeneste"))
        elif month in per_employee:
            weights = {a.pk: fte_on(a, month) for a in employees if a.active_on(month)}
            total = sum(weights.values(), ZERO)
            value = (
                sum((weights.get(pk, ZERO) * p for pk, p in per_employee[month].items()), ZERO) / total
                if total
                else None
            )
            percent = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if value is not None else None
            trend.append(SickLeaveMonth(month, percent, "ansatte"))
        else:
            trend.append(SickLeaveMonth(month, None, ""))
    return trend


# --- the overview ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TeamFigures:
    name: str
    employees: int
    fte: Decimal
    vacancies: int
    vacant_fte: Decimal


@dataclass(frozen=True, slots=True)
class StaffOverview:
    tjeneste: Tjeneste
    on: date
    employees: int
    fte: Decimal
    teams: tuple[TeamFigures, ...]
    professions: tuple[tuple[str, int], ...]  # (label, count), most common first
    vacancies: tuple[Vakanse, ...]
    vacant_fte: Decimal
    sick_leave: tuple[SickLeaveMonth, ...]
    competence: CompetenceFigures
    rows: tuple[EmployeeRow, ...]


def overview(tjeneste: Tjeneste, on: date, variant: competence.CompetenceRule | None = None) -> StaffOverview:
    """Headcount, FTE, teams, professions, vacancies, sick leave and competence on ``on``."""
    variant = variant or get_settings(tjeneste).variant
    employees = active_employees(tjeneste, on)
    rows = employee_rows(tjeneste, on, variant, employees)
    vacancies = open_vacancies(tjeneste, on)
    team_names = [t.navn for t in tjeneste.team.order_by("navn")]
    heads: Counter[str] = Counter()
    ftes: dict[str, Decimal] = {}
    for row in rows:
        name = row.ansatt.team.navn if row.ansatt.team else NO_TEAM
        heads[name] += 1
        ftes[name] = ftes.get(name, ZERO) + row.fte
    vac_count: Counter[str] = Counter()
    vac_fte: dict[str, Decimal] = {}
    for v in vacancies:
        name = v.team.navn if v.team else NO_TEAM
        vac_count[name] += 1
        vac_fte[name] = vac_fte.get(name, ZERO) + v.prosent / 100
    if (heads[NO_TEAM] or vac_count[NO_TEAM]) and NO_TEAM not in team_names:
        team_names.append(NO_TEAM)
    teams = tuple(
        TeamFigures(name, heads[name], ftes.get(name, ZERO), vac_count[name], vac_fte.get(name, ZERO))
        for name in team_names
    )
    labels = dict(Profesjon.choices)
    professions = Counter(str(labels.get(a.profesjon, a.profesjon)) for a in employees)
    return StaffOverview(
        tjeneste=tjeneste,
        on=on,
        employees=len(rows),
        fte=sum((r.fte for r in rows), ZERO),
        teams=teams,
        professions=tuple(sorted(professions.items(), key=lambda kv: (-kv[1], kv[0]))),
        vacancies=tuple(vacancies),
        vacant_fte=sum((v.prosent / 100 for v in vacancies), ZERO),
        sick_leave=tuple(sick_leave_trend(tjeneste, on)),
        competence=competence_figures(tjeneste, on, variant, employees),
        rows=tuple(rows),
    )


def _competence_counts(summary: competence.ServiceSummary) -> dict[str, object]:
    return {
        "meets": summary.meets,
        "transition": summary.by_exception,
        "missing": summary.does_not_meet,
        "not_covered": summary.not_covered,
        "date": summary.on.isoformat(),
    }


def staff_json(data: StaffOverview) -> dict[str, object]:
    """The ``barnevern staff --json`` document.

    ``competence.transition`` counts employees who meet the requirement by exception
    (``meets_by_exception``: bvl 1992 § 2-1 b); ``missing`` counts ``does_not_meet``.
    """
    figures = data.competence
    return {
        "employees": data.employees,
        "fte": format_fte(data.fte),
        "teams": {
            t.name: {
                "employees": t.employees,
                "fte": format_fte(t.fte),
                "vacancies": t.vacancies,
                "vacant_fte": format_fte(t.vacant_fte),
            }
            for t in data.teams
        },
        "competence": {
            **_competence_counts(figures.now),
            "variant": figures.variant.code,
            "projected": _competence_counts(figures.projected),
        },
    }


# --- caseload --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    user: User
    ansatt: Ansatt | None
    children: int
    percent: Decimal | None  # position percentage when linked to an employee
    over: bool


@dataclass(frozen=True, slots=True)
class Caseload:
    on: date
    level: int
    rows: tuple[CaseloadRow, ...]
    unassigned: int

    @property
    def flagged(self) -> int:
        return sum(1 for r in self.rows if r.over)


def caseload(tjeneste: Tjeneste, on: date, level: int | None = None) -> Caseload:
    """Children with open cases per assigned worker on ``on``, flagged above ``level``.

    A case counts when it is not deleted, started on or before ``on`` and has no end date (or
    ends after ``on``); the assignment is the current one (the register keeps no history).
    Rows: every user with such cases, and every saksbehandler of the service (0 when none).
    """
    level = level if level is not None else get_settings(tjeneste).saksmengde_varsel
    from barnevern.cases.models import Sak

    open_cases = Sak.objects.filter(tjeneste=tjeneste, er_slettet=False, start_dato__lte=on).filter(
        Q(slutt_dato__isnull=True) | Q(slutt_dato__gt=on)
    )
    counts = dict(
        open_cases.filter(saksbehandler__isnull=False)
        .values_list("saksbehandler")
        .annotate(n=Count("id"))
        .values_list("saksbehandler", "n")
    )
    unassigned = open_cases.filter(saksbehandler__isnull=True).count()
    users = User.objects.filter(
        Q(pk__in=counts) | Q(tjeneste=tjeneste, rolle="saksbehandler", is_active=True)
    )
    employees = {a.bruker_id: a for a in employees_queryset(tjeneste).filter(bruker__in=users)}
    rows = []
    for user in users:
        ansatt = employees.get(user.pk)
        n = counts.get(user.pk, 0)
        rows.append(
            CaseloadRow(
                user=user,
                ansatt=ansatt,
                children=n,
                percent=percent_on(ansatt, on) if ansatt else None,
                over=n > level,
            )
        )
    rows.sort(key=lambda r: (-r.children, str(r.ansatt or r.user)))
    return Caseload(on=on, level=level, rows=tuple(rows), unassigned=unassigned)
