"""The shell: log-in, start page and the service overview."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from barnevern.accounts import policy
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.cases import models as m
from barnevern.cases.queries import visible_saker


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True


# Where each role lands after log-in (a misspelt name fails loudly: tests/web/test_start_pages.py).
START_PAGES = {
    "leder": "web:leader",
    "saksbehandler": "quality:worklist",
    "okonomi": "economy:index",
    "kommune": "stats:index",
}


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return redirect(START_PAGES.get(request.user.rolle, "web:overview"))


@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    tjeneste = user.tjeneste
    context: dict[str, object] = {"tjeneste": tjeneste, "today": timezone.localdate()}
    if tjeneste is not None:
        context["medlemmer"] = tjeneste.medlemmer_on(timezone.localdate())
    if policy.can_see_cases(user):
        saker = visible_saker(user)
        context["counts"] = saker.aggregate(
            apne=Count("id", filter=Q(slutt_dato__isnull=True)),
            alle=Count("id"),
        )
        context["ukonkluderte_meldinger"] = m.Melding.objects.filter(
            sak__in=saker, konklusjon_dato__isnull=True, er_slettet=False
        ).count()
        context["apne_undersokelser"] = m.Undersokelse.objects.filter(
            sak__in=saker, konklusjon_dato__isnull=True, er_slettet=False
        ).count()
    return render(request, "web/overview.html", context)
