"""Thin views for the economy pages: ledger, import, key and grants.

Access: ``policy.can_see_economy`` (Leder and Økonomi) for every page, scoped to the user's
own service. Økonomi sees no case data: client costs show municipality and category, and
only a user who may see cases (the Leder) sees the journal number.
Settlements, the finance report and co-payments are in ``views_reports``.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from barnevern import clock
from barnevern.accounts import policy
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.audit.services import log
from barnevern.economy import forms as f
from barnevern.economy import imports, keys, ledger, services
from barnevern.economy import models as em
from barnevern.economy.grants import grant_rows
from barnevern.organisation.models import Tjeneste
from barnevern.rules.allocation import AllocationError


def economy_service(request: AuthenticatedHttpRequest) -> Tjeneste:
    """The service whose economy the user may see; refuses every other role."""
    policy.require(policy.can_see_economy(request.user), "Din rolle gir ikke tilgang til økonomisidene.")
    return policy.service_of(request.user)


def _year(request: HttpRequest, default: int) -> int:
    try:
        year = int(request.GET.get("ar", default))
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    tjeneste = economy_service(request)
    today = clock.today()
    try:
        key, key_error = keys.key_on(tjeneste, today), ""
    except AllocationError as exc:
        stored = keys.stored_keys(tjeneste)
        key, key_error = (stored[-1] if stored else None), str(exc)
    key_rows = keys.key_rows(key) if key else []
    return render(
        request,
        "economy/index.html",
        {
            "tjeneste": tjeneste,
            "key": key,
            "key_rows": key_rows,
            "key_error": key_error,
            "statements": em.Oppgjor.objects.filter(tjeneste=tjeneste)[:5],
            "imports": em.Importbunt.objects.filter(tjeneste=tjeneste)[:5],
        },
    )


@login_required
def ledger_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    tjeneste = economy_service(request)
    year = _year(request, ledger.default_year(tjeneste, clock.today()))
    categories, matrix, total = ledger.common_matrix(tjeneste, year)
    client_header, client_rows = ledger.client_matrix(tjeneste, year)
    return render(
        request,
        "economy/ledger.html",
        {
            "year": year,
            "years": ledger.years_with_data(tjeneste),
            "categories": categories,
            "matrix": matrix,
            "total": total,
            "client_header": client_header,
            "client_rows": client_rows,
            "budget": ledger.budget(tjeneste, year),
            "payments": ledger.payments(tjeneste, year),
            "kommuner": keys.kommune_names(),
        },
    )


@login_required
def client_costs(request: AuthenticatedHttpRequest) -> HttpResponse:
    tjeneste = economy_service(request)
    year = _year(request, ledger.default_year(tjeneste, clock.today()))
    with_cases = policy.can_see_cases(request.user)
    rows = ledger.client_costs(tjeneste, year, with_cases=with_cases)
    linked = {r["sak_id"] for r in rows if r["sak_id"]}
    if linked:
        log(
            "view",
            f"Så klientkostnader {year} med journalnummer ({len(linked)} saker)",
            data={"ar": year, "saker": len(linked)},
        )
    return render(
        request,
        "economy/client_costs.html",
        {
            "year": year,
            "years": ledger.years_with_data(tjeneste),
            "rows": rows,
            "with_cases": with_cases,
            "total": sum((r["belop"] for r in rows), ledger.ZERO),
        },
    )


@login_required
def ledger_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    tjeneste = economy_service(request)
    result = None
    form = f.ImportForm(
        request.POST or None,
        request.FILES or None,
        tjeneste=tjeneste,
        initial={"art": request.GET.get("art", "common")},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["fil"]
        result = imports.import_ledger(
            tjeneste,
            form.cleaned_data["art"],
            upload.read(),
            upload.name,
            mapping=form.cleaned_data["oppsett"],
            user=request.user,
            dry_run=form.cleaned_data["kontroller"],
        )
        if result.ok and not result.dry_run:
            messages.success(request, f"Importerte {result.rows} rader fra {upload.name}.")
            return redirect("economy:ledger_import")
    return render(
        request,
        "economy/import.html",
        {
            "form": form,
            "result": result,
            "formats": [(f"{em.Importbunt.Art(k).label} ({k})", v) for k, v in imports.FIELDS.items()],
            "imports": em.Importbunt.objects.filter(tjeneste=tjeneste).select_related("importert_av")[:20],
        },
    )


@login_required
def mappings(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    tjeneste = economy_service(request)
    instance = (
        get_object_or_404(em.Kolonneoppsett, pk=pk, tjeneste=tjeneste)
        if pk
        else em.Kolonneoppsett(tjeneste=tjeneste)
    )
    form = f.MappingForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_mapping(form.instance, request.user, kolonner=form.kolonner())
        except services.EconomyError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, f"Kolonneoppsettet «{saved.navn}» er lagret.")
            return redirect("economy:mappings")
    return render(
        request,
        "economy/mappings.html",
        {
            "form": form,
            "editing": instance if pk else None,
            "mappings": em.Kolonneoppsett.objects.filter(tjeneste=tjeneste),
            "labels": imports.FIELD_LABELS,
        },
    )


@login_required
def key_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    tjeneste = economy_service(request)
    nokkel = keys.settings_for(tjeneste)
    form = f.KeyForm(request.POST or None, instance=nokkel)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        problems = services.save_key(
            nokkel,
            request.user,
            faste_andeler=form.faste_andeler(),
            until=date(clock.today().year + 1, 12, 31),
        )
        messages.success(request, "Fordelingsnøkkelen er lagret og periodene beregnet på nytt.")
        if not problems:
            return redirect("economy:key")
    elif request.method != "POST":
        problems = keys.refresh_periods(tjeneste, clock.today())
    periods = [(p, keys.key_rows(keys.to_key(p))) for p in em.Nokkelperiode.objects.filter(tjeneste=tjeneste)]
    return render(
        request,
        "economy/key.html",
        {
            "form": form,
            "nokkel": nokkel,
            "periods": periods,
            "problems": problems,
        },
    )


@login_required
def grants(request: AuthenticatedHttpRequest) -> HttpResponse:
    tjeneste = economy_service(request)
    form = f.GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.create_grant(tjeneste, request.user, form.instance)
        messages.success(request, "Tilskuddet er registrert.")
        return redirect("economy:grants")
    return render(request, "economy/grants.html", {"rows": grant_rows(tjeneste), "form": form})


@login_required
@require_POST
def delete_grant(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    tjeneste = economy_service(request)
    grant = get_object_or_404(em.Statstilskudd, pk=pk, tjeneste=tjeneste)
    services.delete_grant(grant, request.user)
    messages.success(request, "Tilskuddet er slettet.")
    return redirect("economy:grants")


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def kommune_choices(tjeneste: Tjeneste) -> list[tuple[str, str]]:
    names = keys.kommune_names(tjeneste.kommunenumre())
    return [(n, f"{n} {names.get(n, '')}".strip()) for n in tjeneste.kommunenumre()]
