"""Thin views for the internal-control log: list and filter, register, edit, decide, close.

Every change goes through ``quality.avvik`` (audited, optimistic locking); access through
``quality.access`` (built on ``accounts.policy``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render

from barnevern import clock
from barnevern.accounts import policy
from barnevern.accounts.models import User
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.audit.services import log
from barnevern.cases.queries import visible_saker
from barnevern.formfields import add_user_error
from barnevern.quality import access
from barnevern.quality import avvik as service
from barnevern.quality import forms as f
from barnevern.quality.models import Avvik
from barnevern.quality.views import workers


def _sak_from(user: User, journalnummer: str, form: Any) -> Any:
    """The case named by journal number, if the user may see it; adds a form error if not."""
    journalnummer = (journalnummer or "").strip()
    if not journalnummer:
        return None
    sak = visible_saker(user).filter(journalnummer=journalnummer).first()
    if sak is None:
        form.add_error(
            "journalnummer", f"Fant ingen sak med journalnummer «{journalnummer}» som du har tilgang til."
        )
    return sak


def _person(user: User, pk: int | None) -> User | None:
    if pk is None:
        return None
    return User.objects.filter(pk=pk, tjeneste=user.tjeneste).first()


@login_required
def avvik_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    policy.require(access.can_use_avvik(user), "Din rolle gir ikke tilgang til avvik.")
    today = clock.today()
    form = f.AvvikFilter(request.GET or None, today=today)
    qs = access.visible_avvik(user).select_related("sak", "ansvarlig")
    start = end = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        start, end = data["fra"], data["til"]
        if start:
            qs = qs.filter(dato__gte=start)
        if end:
            qs = qs.filter(dato__lte=end)
        if data["kategori"]:
            qs = qs.filter(kategori=data["kategori"])
        if data["status"]:
            qs = qs.filter(status=data["status"])
    page = Paginator(qs.order_by("-dato", "-id"), 50).get_page(request.GET.get("side"))
    summary = None
    if policy.is_leder(user):
        tjeneste = policy.service_of(user)
        summary = service.avvik_summary(tjeneste, start or date(today.year, 1, 1), end or today)
    log("view", f"Viste avvikslisten ({page.paginator.count} avvik)", data={"antall": page.paginator.count})
    query = request.GET.copy()
    query.pop("side", None)
    context = {
        "form": form,
        "page": page,
        "summary": summary,
        "summary_start": start or date(today.year, 1, 1),
        "summary_end": end or today,
        "query": query.urlencode(),
        "leder": policy.is_leder(user),
    }
    return render(request, "quality/avvik_list.html", context)


@login_required
def avvik_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    policy.require(access.can_use_avvik(user), "Din rolle gir ikke tilgang til avvik.")
    today = clock.today()
    form = f.AvvikForm(
        request.POST or None, today=today, people=workers(user.tjeneste), initial={"dato": today}
    )
    del form.fields["versjon"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sak = _sak_from(user, data["journalnummer"], form)
        if not form.errors:
            try:
                created = service.create(
                    policy.service_of(user),
                    user,
                    dato=data["dato"],
                    kategori=data["kategori"],
                    beskrivelse=data["beskrivelse"],
                    sak=sak,
                    arsak=data["arsak"],
                    tiltak=data["tiltak"],
                    ansvarlig=_person(user, data["ansvarlig"]),
                )
            except service.AvvikError as exc:
                add_user_error(form, exc)
            else:
                messages.success(request, "Avviket er registrert.")
                return redirect("quality:avvik_detail", pk=created.pk)
    return render(request, "quality/avvik_form.html", {"form": form, "title": "Registrer avvik"})


@login_required
def avvik_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    found = access.get_avvik(user, pk)
    if found.sak_id:
        log("view", f"Åpnet avvik {found.pk}", sak_id=found.sak_id, obj=found)
    today = clock.today()
    people = workers(user.tjeneste)
    context = {
        "avvik": found,
        "can_edit": access.can_edit(user, found),
        "can_decide": access.can_decide(user, found),
        "can_open_sak": found.sak is not None and policy.can_open_sak(user, found.sak),
        "confirm_form": f.ConfirmForm(
            today=today, people=people, initial={"versjon": found.versjon, "ansvarlig": found.ansvarlig_id}
        ),
        "close_form": f.CloseForm(
            today=today, initial={"versjon": found.versjon, "lukket_dato": today, "tiltak": found.tiltak}
        ),
    }
    return render(request, "quality/avvik_detail.html", context)


@login_required
def avvik_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    found = access.get_avvik(user, pk)
    policy.require(access.can_edit(user, found), "Du kan ikke endre dette avviket.")
    today = clock.today()
    initial = {
        "dato": found.dato,
        "kategori": found.kategori,
        "beskrivelse": found.beskrivelse,
        "journalnummer": found.sak.journalnummer if found.sak else "",
        "arsak": found.arsak,
        "tiltak": found.tiltak,
        "ansvarlig": found.ansvarlig_id,
        "versjon": found.versjon,
    }
    form = f.AvvikForm(request.POST or None, today=today, people=workers(user.tjeneste), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sak = (
            found.sak
            if data["journalnummer"].strip() == initial["journalnummer"]
            else _sak_from(user, data["journalnummer"], form)
        )
        if not form.errors:
            try:
                service.update(
                    found,
                    user,
                    data["versjon"] or 0,
                    dato=data["dato"],
                    kategori=data["kategori"],
                    beskrivelse=data["beskrivelse"],
                    sak=sak,
                    arsak=data["arsak"],
                    tiltak=data["tiltak"],
                    ansvarlig=_person(user, data["ansvarlig"]),
                )
            except service.AvvikError as exc:
                add_user_error(form, exc)
            else:
                messages.success(request, "Avviket er lagret.")
                return redirect("quality:avvik_detail", pk=found.pk)
    return render(
        request, "quality/avvik_form.html", {"form": form, "title": f"Endre avvik {found.pk}", "avvik": found}
    )


@login_required
def avvik_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    found = access.get_avvik(user, pk)
    policy.require(access.can_decide(user, found), "Bare leder kan bekrefte et foreslått avvik.")
    form = f.ConfirmForm(
        request.POST or None,
        today=clock.today(),
        people=workers(user.tjeneste),
        initial={"versjon": found.versjon},
    )
    if request.method == "POST" and form.is_valid():
        try:
            service.confirm(
                found,
                user,
                form.cleaned_data["versjon"],
                ansvarlig=_person(user, form.cleaned_data["ansvarlig"]),
            )
        except service.AvvikError as exc:
            add_user_error(form, exc)
        else:
            messages.success(request, "Avviket er bekreftet og er nå åpent.")
            return redirect("quality:avvik_detail", pk=found.pk)
    return render(
        request,
        "quality/avvik_form.html",
        {"form": form, "title": f"Bekreft avvik {found.pk}", "avvik": found},
    )


@login_required
def avvik_dismiss(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    found = access.get_avvik(user, pk)
    policy.require(access.can_decide(user, found), "Bare leder kan avvise et foreslått avvik.")
    form = f.DismissForm(request.POST or None, today=clock.today(), initial={"versjon": found.versjon})
    if request.method == "POST" and form.is_valid():
        try:
            service.dismiss(found, user, form.cleaned_data["versjon"], form.cleaned_data["avvist_grunn"])
        except service.AvvikError as exc:
            add_user_error(form, exc)
        else:
            messages.success(request, "Forslaget er avvist. Begrunnelsen er lagret.")
            return redirect("quality:avvik_detail", pk=found.pk)
    return render(
        request,
        "quality/avvik_form.html",
        {"form": form, "title": f"Avvis foreslått avvik {found.pk}", "avvik": found},
    )


@login_required
def avvik_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    found = access.get_avvik(user, pk)
    policy.require(
        access.can_edit(user, found) and found.status == Avvik.Status.APEN, "Du kan ikke lukke dette avviket."
    )
    today = clock.today()
    form = f.CloseForm(
        request.POST or None,
        today=today,
        initial={"versjon": found.versjon, "lukket_dato": today, "tiltak": found.tiltak},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.close(
                found, user, data["versjon"], lukket_dato=data["lukket_dato"], tiltak=data["tiltak"]
            )
        except service.AvvikError as exc:
            add_user_error(form, exc)
        else:
            messages.success(request, "Avviket er lukket.")
            return redirect("quality:avvik_detail", pk=found.pk)
    return render(
        request, "quality/avvik_form.html", {"form": form, "title": f"Lukk avvik {found.pk}", "avvik": found}
    )
