"""Staff pages under /ansatte/: thin views over ``staff.queries`` and ``staff.services``.

Leder only (``policy.can_manage_staff``), always the user's own service. Staff data is personal
data: each page logs a read with ``audit.services.log`` (no case id); changes log in services.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from barnevern import charts, clock, display
from barnevern.accounts import policy
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.audit.services import log
from barnevern.cases.queries import assignable_workers, visible_saker
from barnevern.exports import Table, to_csv
from barnevern.organisation.models import Tjeneste
from barnevern.rules import competence
from barnevern.staff import forms as f
from barnevern.staff import queries, services
from barnevern.staff.models import (
    Ansatt,
    Erfaring,
    Stilling,
    Sykefravaer,
    Utdanning,
    Vakanse,
    Videreutdanning,
)
from barnevern.staff.templatetags.staff_tags import fte, status_label

# kind in the URL → (model, form, title of the add form)
CHILDREN: dict[str, tuple[type, type, str]] = {
    "stilling": (Stilling, f.StillingForm, "Stillingsprosent"),
    "utdanning": (Utdanning, f.UtdanningForm, "Utdanning"),
    "videreutdanning": (Videreutdanning, f.VidereutdanningForm, "Videreutdanning"),
    "erfaring": (Erfaring, f.ErfaringForm, "Relevant erfaring før ansettelsen"),
    "sykefravaer": (Sykefravaer, f.SykefravaerForm, "Sykefravær"),
}


def _service(request: AuthenticatedHttpRequest) -> Tjeneste:
    policy.require(policy.can_manage_staff(request.user), "Bare leder har tilgang til ansatte og kompetanse.")
    return policy.service_of(request.user)


def _on(request: HttpRequest) -> tuple[date, str]:
    """The ``dato`` parameter (ÅÅÅÅ-MM-DD), default today; a bad value gives a message."""
    raw = request.GET.get("dato", "").strip()
    if not raw:
        return clock.today(), ""
    try:
        return date.fromisoformat(raw), ""
    except ValueError:
        return clock.today(), f"Datoen «{raw}» er ugyldig (bruk ÅÅÅÅ-MM-DD). Viser i dag."


def _variant(request: HttpRequest, tjeneste: Tjeneste) -> tuple[competence.CompetenceRule, bool]:
    """The ``variant`` parameter (to compare), else the service's setting; True if overridden."""
    code = request.GET.get("variant", "")
    if code in competence.VARIANTS:
        return competence.VARIANTS[code], True
    return queries.get_settings(tjeneste).variant, False


def _base(request: HttpRequest, tjeneste: Tjeneste, on: date, error: str, **extra: Any) -> dict[str, Any]:
    return {
        "tjeneste": tjeneste,
        "on": on,
        "is_today": on == clock.today(),
        "date_error": error,
        "requirement_start": competence.REQUIREMENT_START,
        **extra,
    }


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    tjeneste = _service(request)
    on, error = _on(request)
    data = queries.overview(tjeneste, on)
    chart = charts.bar_chart(
        [display.month_text(m.month, short=True) for m in data.sick_leave],
        [charts.Series("Sykefravær (%)", [m.percent for m in data.sick_leave])],
        title="Sykefravær per måned",
        description="Sykefravær i prosent for de siste tolv månedene. Tallene står også i tabellen under.",
        chart_id="sykefravaer",
        width=640,
        y_label="%",
    )
    log("view", "Ansatte: oversikt", data={"tjeneste": tjeneste.slug, "dato": on})
    return render(request, "staff/overview.html", _base(request, tjeneste, on, error, data=data, chart=chart))


@login_required
def employee_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    tjeneste = _service(request)
    on, error = _on(request)
    variant = queries.get_settings(tjeneste).variant
    rows = queries.employee_rows(tjeneste, on, variant)
    former = (
        Ansatt.objects.filter(tjeneste=tjeneste).exclude(pk__in=[r.ansatt.pk for r in rows]).order_by("navn")
    )
    log("view", "Ansatte: liste", data={"tjeneste": tjeneste.slug, "dato": on})
    return render(
        request,
        "staff/list.html",
        _base(request, tjeneste, on, error, rows=rows, variant=variant, former=former),
    )


@login_required
def employee_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The employee list with competence status as CSV (marked as personal data)."""
    tjeneste = _service(request)
    on, _error = _on(request)
    variant = queries.get_settings(tjeneste).variant
    rows = queries.employee_rows(tjeneste, on, variant)
    table = Table(
        f"Ansatte {on:%d.%m.%Y}",
        [
            "Navn",
            "Stillingstype",
            "Profesjon",
            "Team",
            "Stillingsprosent",
            "Kompetanse",
            "Mangler",
            "Frist",
            f"Kompetanse {queries.projection_date(on):%d.%m.%Y}",
            "Variant",
        ],
        [
            [
                r.ansatt.navn,
                r.ansatt.get_stillingstype_display(),
                r.ansatt.get_profesjon_display(),
                r.ansatt.team.navn if r.ansatt.team else "",
                fte(r.percent),
                status_label(r.result.status),
                "; ".join(r.result.missing),
                r.result.deadline.isoformat() if r.result.deadline else "",
                status_label(r.projected.status) if r.projected else "Slutter før",
                variant.code,
            ]
            for r in rows
        ],
        personal_data=True,
    )
    log("export", f"Eksporterte ansattliste ({len(rows)} ansatte)", data={"tjeneste": tjeneste.slug})
    response = HttpResponse(to_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.filename("ansatte", "csv")}"'
    return response


def _employee(request: HttpRequest, pk: int) -> tuple[Tjeneste, Ansatt]:
    tjeneste = _service(request)
    qs = queries.employees_queryset(tjeneste)
    return tjeneste, get_object_or_404(qs, pk=pk)


@login_required
def employee_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    tjeneste, ansatt = _employee(request, pk)
    on, error = _on(request)
    chosen = queries.get_settings(tjeneste).variant
    person = queries.to_rule_employee(ansatt)
    target = queries.projection_date(on)
    variants = [
        {
            "rule": rule,
            "chosen": rule.code == chosen.code,
            "now": competence.assess(person, on, rule),
            "projected": competence.assess(person, target, rule, include_planned=True),
        }
        for rule in competence.VARIANTS.values()
    ]
    log("view", f"Ansatt: {ansatt.navn}", obj=ansatt, data={"tjeneste": tjeneste.slug})
    context = _base(
        request,
        tjeneste,
        on,
        error,
        ansatt=ansatt,
        percent=queries.percent_on(ansatt, on),
        active=ansatt.active_on(on),
        current=next(v for v in variants if v["chosen"]),
        variants=variants,
        sick_leave=ansatt.sykefravaer.order_by("-maned")[:12],
        leaves_before=not queries.stays_until(ansatt, target),
        projection=target,
    )
    return render(request, "staff/detail.html", context)


def _form_page(request: HttpRequest, form: Any, title: str, back: str, **extra: Any) -> HttpResponse:
    return render(request, "staff/form.html", {"form": form, "title": title, "back": back, **extra})


@login_required
def employee_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    tjeneste = _service(request)
    form = f.AnsattForm(request.POST or None, tjeneste=tjeneste, instance=Ansatt(tjeneste=tjeneste))
    if request.method == "POST" and form.is_valid():
        ansatt = services.register_employee(
            form.instance, prosent=form.cleaned_data["prosent"], changed=list(form.changed_data)
        )
        messages.success(request, f"{ansatt.navn} er registrert.")
        return redirect("staff:detail", pk=ansatt.pk)
    return _form_page(request, form, "Ny ansatt", reverse("staff:list"))


@login_required
def employee_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    tjeneste, ansatt = _employee(request, pk)
    form = f.AnsattForm(request.POST or None, tjeneste=tjeneste, instance=ansatt)
    if request.method == "POST" and form.is_valid():
        services.save(form.instance, changed=list(form.changed_data))
        messages.success(request, "Lagret.")
        return redirect("staff:detail", pk=ansatt.pk)
    if request.method == "GET":
        log("view", f"Ansatt (endre): {ansatt.navn}", obj=ansatt)
    return _form_page(request, form, f"Endre {ansatt.navn}", reverse("staff:detail", args=[pk]))


@login_required
def child_form(
    request: AuthenticatedHttpRequest, pk: int, kind: str, child_id: int | None = None
) -> HttpResponse:
    """Add or change one row under an employee: position, education, experience, sick leave."""
    tjeneste, ansatt = _employee(request, pk)
    if kind not in CHILDREN:
        return HttpResponse(status=404)
    model, form_class, title = CHILDREN[kind]
    back = reverse("staff:detail", args=[pk])
    if kind == "sykefravaer":
        form = f.SykefravaerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.record_sick_leave(
                tjeneste, ansatt, form.cleaned_data["maned"], form.cleaned_data["prosent"]
            )
            messages.success(request, "Sykefraværet er lagret.")
            return redirect(back)
        return _form_page(request, form, f"{title}: {ansatt.navn}", back)
    instance = get_object_or_404(model, pk=child_id, ansatt=ansatt) if child_id else model(ansatt=ansatt)
    form = form_class(request.POST or None, instance=instance, ansatt=ansatt)
    if request.method == "POST" and form.is_valid():
        services.save(form.instance, changed=list(form.changed_data))
        messages.success(request, "Lagret.")
        return redirect(back)
    verb = "Endre" if child_id else "Registrer"
    return _form_page(request, form, f"{verb} {title.lower()}: {ansatt.navn}", back)


@login_required
@require_POST
def child_delete(request: AuthenticatedHttpRequest, pk: int, kind: str, child_id: int) -> HttpResponse:
    _tjeneste, ansatt = _employee(request, pk)
    if kind not in CHILDREN:
        return HttpResponse(status=404)
    model = CHILDREN[kind][0]
    services.delete(get_object_or_404(model, pk=child_id, ansatt=ansatt))
    messages.success(request, "Slettet.")
    return redirect("staff:detail", pk=pk)


@login_required
def sick_leave_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Sick leave for the whole service (as reported by HR), one month at a time."""
    tjeneste = _service(request)
    form = f.SykefravaerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_sick_leave(tjeneste, None, form.cleaned_data["maned"], form.cleaned_data["prosent"])
        messages.success(request, "Sykefraværet er lagret.")
        return redirect("staff:index")
    return _form_page(
        request,
        form,
        "Sykefravær for tjenesten",
        reverse("staff:index"),
        intro="Et tall for hele tjenesten går foran tall registrert per ansatt for samme måned. "
        "Registrerer du samme måned på nytt, erstattes tallet.",
    )


@login_required
def vacancy_form(request: AuthenticatedHttpRequest, vacancy_id: int | None = None) -> HttpResponse:
    tjeneste = _service(request)
    instance = (
        get_object_or_404(Vakanse, pk=vacancy_id, tjeneste=tjeneste)
        if vacancy_id
        else Vakanse(tjeneste=tjeneste)
    )
    form = f.VakanseForm(request.POST or None, instance=instance, tjeneste=tjeneste)
    if request.method == "POST" and form.is_valid():
        services.save(form.instance, changed=list(form.changed_data))
        messages.success(request, "Vakansen er lagret.")
        return redirect("staff:index")
    title = "Endre vakanse" if vacancy_id else "Ny vakanse"
    return _form_page(request, form, title, reverse("staff:index"))


@login_required
@require_POST
def vacancy_delete(request: AuthenticatedHttpRequest, vacancy_id: int) -> HttpResponse:
    tjeneste = _service(request)
    services.delete(get_object_or_404(Vakanse, pk=vacancy_id, tjeneste=tjeneste))
    messages.success(request, "Vakansen er slettet.")
    return redirect("staff:index")


@login_required
def competence_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    tjeneste = _service(request)
    on, error = _on(request)
    variant, overridden = _variant(request, tjeneste)
    employees = queries.active_employees(tjeneste, on)
    rows = queries.employee_rows(tjeneste, on, variant, employees)
    comparison = [
        {
            "rule": rule,
            "figures": queries.competence_figures(tjeneste, on, rule, employees),
            "chosen": rule.code == variant.code,
        }
        for rule in competence.VARIANTS.values()
    ]
    figures = next(c["figures"] for c in comparison if c["chosen"])
    log("view", "Ansatte: kompetanse", data={"tjeneste": tjeneste.slug, "dato": on, "variant": variant.code})
    context = _base(
        request,
        tjeneste,
        on,
        error,
        variant=variant,
        overridden=overridden,
        rows=rows,
        figures=figures,
        comparison=comparison,
        variants=competence.VARIANTS.values(),
        covered_roles=sorted(competence.COVERED_ROLES),
    )
    return render(request, "staff/competence.html", context)


@login_required
def caseload_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    tjeneste = _service(request)
    on, error = _on(request)
    data = queries.caseload(tjeneste, on)
    unassigned = (
        visible_saker(request.user)
        .filter(saksbehandler__isnull=True, start_dato__lte=on)
        .filter(Q(slutt_dato__isnull=True) | Q(slutt_dato__gt=on))
        .order_by("start_dato", "journalnummer")[:UNASSIGNED_SHOWN]
    )
    log("view", "Ansatte: saksmengde", data={"tjeneste": tjeneste.slug, "dato": on})
    extra = {"data": data, "unassigned": list(unassigned), "workers": assignable_workers(tjeneste)}
    return render(request, "staff/caseload.html", _base(request, tjeneste, on, error, **extra))


UNASSIGNED_SHOWN = 100


@login_required
def settings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    tjeneste = _service(request)
    current = queries.get_settings(tjeneste)
    form = f.InnstillingForm(
        request.POST or None,
        initial={
            "kompetansevariant": current.kompetansevariant,
            "saksmengde_varsel": current.saksmengde_varsel,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.save_settings(
            tjeneste, form.cleaned_data["kompetansevariant"], form.cleaned_data["saksmengde_varsel"]
        )
        messages.success(request, "Innstillingene er lagret.")
        return redirect("staff:competence")
    return _form_page(
        request,
        form,
        "Innstillinger for ansatte og kompetanse",
        reverse("staff:index"),
        variants=competence.VARIANTS.values(),
    )
