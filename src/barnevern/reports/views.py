"""Report pages under /rapport/: thin views over ``reports.services`` and ``reports.render``.

The leder (``policy.can_edit_reports``) makes drafts, writes the text, answers the duties and
issues; a Kommune user sees the issued public editions for the own municipality and for the
whole service (``policy.can_see_report``). Issued editions are served from the stored bytes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from barnevern import clock
from barnevern.accounts import policy
from barnevern.accounts.models import Role
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.audit.services import log
from barnevern.formfields import add_user_error
from barnevern.reports import duties, services
from barnevern.reports.forms import CalculatorForm, DutiesForm, NewReportForm, TextForm
from barnevern.reports.models import Rapport, RapportUtgave
from barnevern.reports.render import render_html, render_pdf
from barnevern.rules import exclusion

LEDER_ONLY = "Bare leder har tilgang til å lage og endre tilstandsrapporten."


def _draft(request: AuthenticatedHttpRequest, pk: int) -> Rapport:
    policy.require(policy.can_edit_reports(request.user), LEDER_ONLY)
    return get_object_or_404(
        Rapport.objects.select_related("tjeneste", "kommune"), pk=pk, tjeneste=request.user.tjeneste
    )


def _edition(request: AuthenticatedHttpRequest, pk: int) -> RapportUtgave:
    utgave = get_object_or_404(RapportUtgave.objects.select_related("tjeneste", "kommune"), pk=pk)
    policy.require(
        policy.can_see_report(request.user, utgave.tjeneste, utgave.kommune, utgave.is_public),
        "Du har ikke tilgang til denne rapporten.",
    )
    return utgave


def _filename(utgave_or_rapport: Any, ext: str, nummer: int | None = None) -> str:
    scope = (
        utgave_or_rapport.kommune.nummer if utgave_or_rapport.kommune_id else utgave_or_rapport.tjeneste.slug
    )
    tail = f"nr{nummer}" if nummer else "utkast"
    return f"tilstandsrapport-{utgave_or_rapport.ar}-{scope}-{utgave_or_rapport.versjon}-{tail}.{ext}"


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    editor = policy.can_edit_reports(user)
    policy.require(
        editor or policy.has_role(user, frozenset({Role.KOMMUNE})),
        "Du har ikke tilgang til rapporter.",
        roles=frozenset({Role.LEDER, Role.KOMMUNE}),
    )
    editions = RapportUtgave.objects.filter(tjeneste=user.tjeneste).select_related("kommune")
    if not editor:
        editions = editions.filter(versjon="offentlig").filter(
            Q(kommune__isnull=True) | Q(kommune__nummer=user.kommune.nummer if user.kommune_id else "")
        )
    context: dict[str, Any] = {
        "editor": editor,
        "editions": list(editions.defer("html", "pdf", "data_json")),
        "drafts": list(Rapport.objects.filter(tjeneste=user.tjeneste).select_related("kommune"))
        if editor
        else [],
    }
    if editor:
        context["form"] = NewReportForm(
            tjeneste=policy.service_of(user), initial={"ar": clock.today().year - 1}
        )
    return render(request, "reports/index.html", context)


@login_required
@require_POST
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    policy.require(policy.can_edit_reports(request.user), LEDER_ONLY)
    form = NewReportForm(request.POST, tjeneste=policy.service_of(request.user))
    if form.is_valid():
        try:
            rapport, created = services.get_or_create_draft(
                policy.service_of(request.user),
                form.cleaned_data["ar"],
                form.cleaned_data["kommune"],
                form.cleaned_data["versjon"],
                request.user,
            )
        except services.ReportError as exc:
            form.add_error(exc.field, exc.message)
        else:
            if not created:
                messages.info(request, "Rapporten fantes fra før.")
            return redirect("reports:draft", pk=rapport.pk)
    editions = RapportUtgave.objects.filter(tjeneste=request.user.tjeneste).defer("html", "pdf", "data_json")
    drafts = Rapport.objects.filter(tjeneste=request.user.tjeneste)
    return render(
        request,
        "reports/index.html",
        {"editor": True, "form": form, "editions": list(editions), "drafts": list(drafts)},
        status=400,
    )


@login_required
def draft(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rapport = _draft(request, pk)
    data = services.build(rapport, clock.today())
    calc = CalculatorForm(request.GET) if "personer" in request.GET else CalculatorForm()
    calculated = (
        exclusion.social_cost(calc.cleaned_data["personer"]) if calc.is_bound and calc.is_valid() else None
    )
    log("read", f"Åpnet {rapport}", obj=rapport)
    html = render_html(
        data,
        standalone=False,
        request=request,
        toolbar=True,
        rapport=rapport,
        calculator=True,
        calc_form=calc,
        calculated=calculated,
    )
    return HttpResponse(html)


@login_required
def draft_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rapport = _draft(request, pk)
    pdf = render_pdf(services.build(rapport, clock.today()))
    log("read", f"Lastet ned utkast til {rapport} som PDF", obj=rapport)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(rapport, "pdf")}"'
    return response


@login_required
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rapport = _draft(request, pk)
    form = TextForm(request.POST or None, instance=rapport, initial={"revisjon": rapport.revisjon})
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in TextForm.Meta.fields}
        try:
            services.update_text(rapport, request.user, form.cleaned_data["revisjon"], changes)
        except services.ReportError as exc:
            add_user_error(form, exc)
        else:
            messages.success(request, "Teksten er lagret.")
            return redirect(reverse("reports:draft", args=[rapport.pk]) + "#s-vurdering")
    return render(
        request, "reports/edit.html", {"rapport": rapport, "form": form}, status=400 if form.errors else 200
    )


@login_required
def duties_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rapport = _draft(request, pk)
    on = min(date(rapport.ar, 12, 31), clock.today())
    form = DutiesForm(request.POST or None, tjeneste=rapport.tjeneste, year=rapport.ar, on=on)
    if request.method == "POST" and form.is_valid():
        changed = duties.save_duties(rapport.tjeneste, rapport.ar, form.answers(), request.user)
        messages.success(request, f"Pliktene er lagret ({changed} endret).")
        return redirect(reverse("reports:draft", args=[rapport.pk]) + "#s-plikter")
    return render(
        request, "reports/duties.html", {"rapport": rapport, "form": form}, status=400 if form.errors else 200
    )


@login_required
def issue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET: what issuing means; POST: issue the next numbered edition."""
    rapport = _draft(request, pk)
    if request.method != "POST":
        last = (
            RapportUtgave.objects.filter(tjeneste=rapport.tjeneste, ar=rapport.ar).order_by("-nummer").first()
        )
        return render(
            request, "reports/issue.html", {"rapport": rapport, "next": (last.nummer if last else 0) + 1}
        )
    utgave = services.issue(rapport, request.user, clock.today())
    messages.success(request, f"Rapporten er utstedt som nr. {utgave.nummer}. Den endres aldri.")
    return redirect("reports:edition", pk=utgave.pk)


@login_required
def edition(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    utgave = _edition(request, pk)
    log("read", f"Åpnet {utgave}", obj=utgave)
    # The page is rendered from the frozen data (the stored HTML carries its stylesheet inline,
    # which the Content-Security-Policy does not allow on the web); downloads are the stored bytes.
    html = render_html(utgave.data, standalone=False, request=request, toolbar=True, utgave=utgave)
    return HttpResponse(html)


@login_required
def edition_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    utgave = _edition(request, pk)
    log("read", f"Lastet ned {utgave} som PDF", obj=utgave, data={"sha256": utgave.pdf_sha256})
    response = HttpResponse(utgave.pdf_bytes(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(utgave, "pdf", utgave.nummer)}"'
    response["ETag"] = f'"{utgave.pdf_sha256}"'
    return response


@login_required
def edition_html(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    utgave = _edition(request, pk)
    log("read", f"Lastet ned {utgave} som HTML", obj=utgave, data={"sha256": utgave.html_sha256})
    response = HttpResponse(utgave.html.encode("utf-8"), content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(utgave, "html", utgave.nummer)}"'
    response["ETag"] = f'"{utgave.html_sha256}"'
    return response
