"""Asking for break-glass access to a case (``cases.access``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from barnevern.accounts import policy
from barnevern.accounts.forms import BreakGlassForm
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.cases import models as m
from barnevern.cases.access import BREAK_GLASS_HOURS, grant_break_glass


@login_required
def break_glass(request: AuthenticatedHttpRequest, sak_id: str) -> HttpResponse:
    sak = get_object_or_404(m.Sak, pk=sak_id)
    policy.require(policy.can_see_cases(request.user) and sak.tjeneste_id == request.user.tjeneste_id)
    if policy.can_open_sak(request.user, sak):
        return redirect("cases:detail", sak_id=sak.pk)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        grant_break_glass(request.user, sak, form.cleaned_data["reason"], timezone.now())
        messages.warning(request, f"Nødtilgang gitt i {BREAK_GLASS_HOURS} timer. Leder får beskjed.")
        return redirect("cases:detail", sak_id=sak.pk)
    return render(
        request, "accounts/break_glass.html", {"form": form, "sak": sak, "hours": BREAK_GLASS_HOURS}
    )
