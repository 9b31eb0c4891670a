"""Foster-home pages under /fosterhjem/: thin views over ``fosterhjem.queries`` and
``fosterhjem.services``. Access through ``accounts.policy``: the leder sees and registers every
home; a case worker sees the homes of children whose cases they may open and records
placements, agreements, plans and counselling for them; Økonomi sees only the costs page.
Every page showing a child's placement writes an audit row with the child's case.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from barnevern import clock
from barnevern.accounts import policy
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.audit.services import log
from barnevern.cases import models as cm
from barnevern.cases.queries import visible_saker
from barnevern.formfields import add_user_error
from barnevern.fosterhjem import costs, queries, services
from barnevern.fosterhjem import forms as f
from barnevern.fosterhjem import models as fm
from barnevern.fosterhjem.services import FOSTER_HOME_CATEGORIES, FosterhjemError

HOME_KINDS = {
    "fosterforelder": (f.FosterParentForm, "Registrer fosterforelder"),
    "status": (f.StatusForm, "Endre status"),
    "opplaering": (f.TrainingForm, "Registrer opplæring"),
    "kontroll": (f.CheckForm, "Registrer kontroll (f.eks. politiattest)"),
    "veiledning": (f.CounsellingForm, "Registrer veiledning eller kurs"),
    "plassering": (f.PlacementForm, "Plasser et barn i fosterhjemmet"),
}
PLACEMENT_KINDS = {
    "avtale": (f.AgreementForm, "Registrer fosterhjemsavtale"),
    "oppfolgingsplan": (f.PlanForm, "Registrer plan for oppfølging av fosterfamilien"),
}


def _form_page(request: HttpRequest, form: Any, title: str, back: str, intro: str = "") -> HttpResponse:
    return render(
        request, "fosterhjem/form.html", {"form": form, "title": title, "back": back, "intro": intro}
    )


def _home(request: AuthenticatedHttpRequest, pk: int) -> fm.Fosterhjem:
    try:
        return queries.visible_homes(request.user).get(pk=pk)
    except fm.Fosterhjem.DoesNotExist:
        raise Http404 from None


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = clock.today()
    status, art = request.GET.get("status", ""), request.GET.get("art", "")
    rows = queries.home_rows(request.user, today, status=status, art=art)
    log("view", f"Fosterhjem: liste ({len(rows)} hjem)", data={"antall": len(rows)})
    return render(
        request,
        "fosterhjem/list.html",
        {
            "rows": rows,
            "today": today,
            "status": status,
            "art": art,
            "statuses": fm.STATUS_CHOICES,
            "kinds": fm.KIND_CHOICES,
            "can_manage": policy.can_manage_foster_homes(request.user),
            "can_see_costs": policy.can_see_foster_costs(request.user),
        },
    )


@login_required
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    today = clock.today()
    try:
        data = queries.home_detail(request.user, pk, today)
    except ObjectDoesNotExist:
        raise Http404 from None
    log("view", f"Fosterhjem {pk}: side", obj=data.home)
    for sak_id in data.case_ids:
        log("view", f"Fosterhjem {pk}: plassering vist", sak_id=sak_id, obj=data.home)
    return render(
        request,
        "fosterhjem/detail.html",
        {"d": data, "today": today, "can_manage": policy.can_manage_foster_homes(request.user)},
    )


@login_required
def new_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    policy.require(policy.can_manage_foster_homes(request.user), "Bare leder kan registrere fosterhjem.")
    form = f.HomeForm(request.POST or None, initial={"utredning_fra": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            home = services.create_home(
                policy.service_of(request.user),
                request.user,
                navn=data["navn"],
                art=data["art"],
                kommunenummer=data["kommunenummer"],
                adresse=data["adresse"],
                postnummer=data["postnummer"],
                poststed=data["poststed"],
                merknad=data["merknad"],
                utredning_fra=data["utredning_fra"],
                today=clock.today(),
            )
        except FosterhjemError as exc:
            add_user_error(form, exc)
        else:
            messages.success(request, f"{home.navn} er registrert.")
            return redirect("fosterhjem:detail", home.pk)
    return _form_page(request, form, "Registrer fosterhjem", reverse("fosterhjem:index"))


@login_required
def edit_home(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    policy.require(policy.can_manage_foster_homes(request.user), "Bare leder kan endre fosterhjem.")
    home = _home(request, pk)
    form = f.HomeForm(request.POST or None, instance=fm.Fosterhjem.objects.get(pk=pk), new=False)
    back = reverse("fosterhjem:detail", args=[pk])
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        versjon = data.pop("versjon", None) or home.versjon
        try:
            services.update_home(home, request.user, versjon, **data)
        except FosterhjemError as exc:
            add_user_error(form, exc)
        else:
            messages.success(request, "Endringene er lagret.")
            return redirect(back)
    return _form_page(request, form, f"Endre {home.navn}", back)


def _placement_choices(user: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    measures = (
        cm.Tiltak.objects.filter(
            sak__in=visible_saker(user).values("pk"),
            kategori_kode__in=FOSTER_HOME_CATEGORIES,
            er_slettet=False,
        )
        .select_related("sak")
        .order_by("sak__journalnummer", "start_dato")
    )
    saker: dict[str, str] = {}
    tiltak = []
    for t in measures:
        sak = t.sak
        saker[str(sak.pk)] = f"{sak.journalnummer} {sak.fornavn} {sak.etternavn}".strip()
        tiltak.append(
            (str(t.pk), f"{sak.journalnummer}: kategori {t.kategori_kode} fra {t.start_dato:%d.%m.%Y}")
        )
    return sorted(saker.items(), key=lambda kv: kv[1]), tiltak


@login_required
def add(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    """Add a status, training, check, counselling or placement to a home."""
    policy.require(policy.can_see_foster_homes(request.user), "Din rolle gir ikke tilgang til fosterhjem.")
    if kind not in HOME_KINDS:
        raise Http404
    home = _home(request, pk)
    if kind != "veiledning":
        policy.require(policy.can_manage_foster_homes(request.user), "Bare leder kan gjøre dette.")
    form_class, title = HOME_KINDS[kind]
    today = clock.today()
    kwargs: dict[str, Any] = {}
    if kind == "plassering":
        kwargs["saker"], kwargs["tiltak"] = _placement_choices(request.user)
    form = form_class(request.POST or None, **kwargs)
    back = reverse("fosterhjem:detail", args=[pk])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _save(kind, home, request, data, today)
        except FosterhjemError as exc:
            add_user_error(form, exc)
        else:
            messages.success(request, "Lagret.")
            return redirect(back)
    return _form_page(request, form, f"{title} – {home.navn}", back)


def _save(
    kind: str, home: fm.Fosterhjem, request: AuthenticatedHttpRequest, data: dict[str, Any], today: date
) -> None:
    user = request.user
    if kind == "fosterforelder":
        services.add_foster_parent(home, user, today=today, **data)
    elif kind == "status":
        services.change_status(
            home, user, status=data["status"], dato=data["dato"], begrunnelse=data["begrunnelse"], today=today
        )
    elif kind == "opplaering":
        services.record_training(home, user, today=today, **data)
    elif kind == "kontroll":
        services.record_check(
            home, user, art=data["art"], dato=data["dato"], gjelder=data["gjelder"], today=today
        )
    elif kind == "veiledning":
        services.record_counselling(home, user, today=today, **data)
    elif kind == "plassering":
        sak = visible_saker(user).filter(pk=data["sak"]).first()
        if sak is None:
            raise FosterhjemError("Velg en sak du har tilgang til.", "sak")
        tiltak = cm.Tiltak.objects.filter(pk=data["tiltak"], sak=sak).first() if data["tiltak"] else None
        if data["tiltak"] and tiltak is None:
            raise FosterhjemError("Tiltaket hører ikke til saken.", "tiltak")
        services.place_child(
            home,
            user,
            sak=sak,
            tiltak=tiltak,
            innflytting=data["innflytting"],
            akutt=data["akutt"],
            nettverk_vurdert=data["nettverk_vurdert"],
            nettverk_vurdering=data["nettverk_vurdering"],
            today=today,
        )


@login_required
def complete_training(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    policy.require(policy.can_manage_foster_homes(request.user), "Bare leder kan gjøre dette.")
    tjeneste_id = policy.service_id_of(request.user)
    training = fm.Opplaering.objects.filter(pk=pk, fosterhjem__tjeneste_id=tjeneste_id).first()
    if training is None:
        raise Http404
    back = reverse("fosterhjem:detail", args=[training.fosterhjem_id])
    form = f.CompleteTrainingForm(request.POST or None, initial={"fullfort": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_training(
                training, request.user, fullfort=form.cleaned_data["fullfort"], today=clock.today()
            )
        except FosterhjemError as exc:
            add_user_error(form, exc)
        else:
            messages.success(request, "Opplæringen er registrert som fullført.")
            return redirect(back)
    return _form_page(request, form, f"Opplæring fullført: {training.kurs}", back)


def _placement(request: AuthenticatedHttpRequest, pk: int) -> fm.Fosterhjemsplassering:
    try:
        return queries.placement_for(request.user, pk)
    except fm.Fosterhjemsplassering.DoesNotExist:
        raise Http404 from None


@login_required
def placement(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One child's stay in a home: move-out, network consideration, consent, agreements, plans."""
    item = _placement(request, pk)
    form = f.PlacementUpdateForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        versjon = data.pop("versjon", None)
        try:
            services.update_placement(item, request.user, versjon, today=clock.today(), **data)
        except FosterhjemError as exc:
            add_user_error(form, exc)
        else:
            messages.success(request, "Plasseringen er oppdatert.")
            return redirect("fosterhjem:placement", pk)
    log("view", f"Fosterhjemsplassering {pk}", sak_id=item.sak_id, obj=item)
    return render(
        request,
        "fosterhjem/placement.html",
        {
            "p": item,
            "form": form,
            "agreements": item.avtaler.all(),
            "plans": item.oppfolgingsplaner.all(),
            "costs": item.kostnader.order_by("-maned", "art")[:36],
        },
    )


@login_required
def placement_add(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    policy.require(policy.can_see_foster_homes(request.user), "Din rolle gir ikke tilgang til fosterhjem.")
    if kind not in PLACEMENT_KINDS:
        raise Http404
    item = _placement(request, pk)
    form_class, title = PLACEMENT_KINDS[kind]
    form = form_class(request.POST or None)
    back = reverse("fosterhjem:placement", args=[pk])
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if kind == "avtale":
                data["forsterkning"] = data.get("forsterkning") or 0
                services.add_agreement(item, request.user, today=clock.today(), **data)
            else:
                services.add_follow_up_plan(item, request.user, today=clock.today(), **data)
        except FosterhjemError as exc:
            add_user_error(form, exc)
        else:
            messages.success(request, "Lagret.")
            return redirect(back)
    return _form_page(request, form, title, back)


@login_required
def cost_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Costs per home and month (Leder and Økonomi; no child or case), and booking a month."""
    policy.require(
        policy.can_see_foster_costs(request.user), "Din rolle gir ikke tilgang til fosterhjemskostnader."
    )
    today = clock.today()
    try:
        year = int(request.GET.get("ar", today.year))
    except ValueError:
        year = today.year
    form = f.BookForm(request.POST or None, initial={"maned": f"{today:%Y-%m}"})
    if request.method == "POST" and form.is_valid():
        try:
            booking = costs.book_month(
                policy.service_of(request.user), form.cleaned_data["maned"], request.user, today=today
            )
        except costs.CostError as exc:
            form.add_error("maned", str(exc))
        else:
            messages.success(
                request,
                f"Bokført {booking.created} nye kostnadsrader ({booking.existing} var bokført fra før).",
            )
            return redirect(f"{reverse('fosterhjem:costs')}?ar={booking.month.year}")
    rows, totals = queries.cost_rows(request.user, year)
    log("view", f"Fosterhjem: kostnader {year}", data={"ar": year})
    return render(
        request,
        "fosterhjem/costs.html",
        {
            "rows": rows,
            "totals": totals,
            "year": year,
            "years": list(range(today.year, 2019, -1)),
            "form": form,
            "arts": fm.Kostnad.Art.choices,
        },
    )


@login_required
def settings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The service's readings for the deadlines without a fixed time limit (Leder)."""
    policy.require(policy.can_manage_foster_homes(request.user), "Bare leder kan endre innstillingene.")
    tjeneste = policy.service_of(request.user)
    current = fm.Innstillinger.objects.filter(tjeneste=tjeneste).first() or fm.Innstillinger(
        tjeneste=tjeneste
    )
    form = f.SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_deadline_settings(
                tjeneste,
                request.user,
                akutt_frist=form.cleaned_data["akutt_frist"],
                oppfolgingsplan_frist=form.cleaned_data["oppfolgingsplan_frist"],
            )
        except FosterhjemError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, "Innstillingene er lagret.")
            return redirect("fosterhjem:index")
    return _form_page(
        request,
        form,
        "Innstillinger for fosterhjemsfrister",
        reverse("fosterhjem:index"),
        "Ingen lovfestet frist er funnet for godkjenning og opplæring etter en akutt plassering («så snart "
        "som mulig») eller for planen for oppfølging av fosterfamilien; tjenesten velger her.",
    )
