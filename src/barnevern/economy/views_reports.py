"""Thin views for settlements, the monthly finance report, co-payments and the reform compensation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from barnevern import clock
from barnevern.accounts import policy
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.audit.services import log
from barnevern.cases.queries import visible_saker
from barnevern.display import MONTHS
from barnevern.economy import copayments, documents, services, settlements
from barnevern.economy import forms as f
from barnevern.economy import models as em
from barnevern.economy.finance import default_period, finance_overview
from barnevern.economy.views import _year, attachment, economy_service, kommune_choices
from barnevern.rules.compensation import thresholds as refund_thresholds
from barnevern.rules.copayment import MeasureType, Tier
from barnevern.rules.forecast import ForecastMethod

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def settlement_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if policy.sees_own_settlements_only(request.user):
        return _municipality_settlements(request)
    tjeneste = economy_service(request)
    form = f.SettlementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = settlements.create_draft(tjeneste, form.cleaned_data["periode"], request.user)
        except settlements.StatementError as exc:
            form.add_error("periode", str(exc))
        else:
            return redirect("economy:settlement", pk=draft.pk)
    statements = em.Oppgjor.objects.filter(tjeneste=tjeneste).select_related("korrigerer", "godkjent_av")
    return render(request, "economy/settlements.html", {"form": form, "statements": statements})


def _statement(request: HttpRequest, pk: int) -> em.Oppgjor:
    tjeneste = economy_service(request)
    return get_object_or_404(
        em.Oppgjor.objects.select_related("korrigerer", "godkjent_av"), pk=pk, tjeneste=tjeneste
    )


def _own_line(request: AuthenticatedHttpRequest) -> str:
    policy.require(
        policy.can_see_settlements(request.user),
        "Din rolle gir ikke tilgang til oppgjørene.",
    )
    return request.user.kommune.nummer


def _municipality_settlements(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A member municipality's own approved settlements: its share, costs, payments, balance."""
    nummer = _own_line(request)
    statements = em.Oppgjor.objects.filter(
        tjeneste=request.user.tjeneste, status=em.Oppgjor.Status.GODKJENT
    ).select_related("korrigerer")
    rows = []
    for o in statements.order_by("-periode", "-nummer"):
        own = next((m for m in o.snapshot["members"] if m["kommune"] == nummer), None)
        if own is not None:
            rows.append({"o": o, "own": own})
    log("view", "Kommunens oppgjør", data={"kommune": nummer, "antall": len(rows)})
    return render(
        request, "economy/settlements_kommune.html", {"rows": rows, "kommune": request.user.kommune}
    )


@login_required
def settlement_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if policy.sees_own_settlements_only(request.user):
        nummer = _own_line(request)
        statement = get_object_or_404(
            em.Oppgjor, pk=pk, tjeneste=request.user.tjeneste, status=em.Oppgjor.Status.GODKJENT
        )
        context = documents.statement_context(statement)
        context["members"] = [m for m in context["members"] if m["kommune"] == nummer]
        context["key_lines"] = [k for k in context["key_lines"] if k.nummer == nummer]
        if not context["members"]:
            raise Http404("Oppgjøret gjelder ikke kommunen.")
        log("view", f"Så {statement} (kommunens del)", obj=statement, data={"kommune": nummer})
        return render(request, "economy/settlement_kommune.html", context)
    statement = _statement(request, pk)
    return render(request, "economy/settlement.html", documents.statement_context(statement))


@login_required
@require_POST
def settlement_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    statement = _statement(request, pk)
    try:
        if action == "godkjenn":
            settlements.approve(statement, request.user)
            messages.success(request, f"Oppgjøret er godkjent som nr. {statement.nummer}.")
        elif action == "oppdater":
            settlements.refresh_draft(statement)
            messages.success(request, "Utkastet er beregnet på nytt fra regnskapet.")
        elif action == "korriger":
            draft = settlements.correct(statement, request.user)
            messages.success(request, f"Utkast til korrigering av oppgjør nr. {statement.nummer} er laget.")
            return redirect("economy:settlement", pk=draft.pk)
        elif action == "slett":
            if statement.er_godkjent:
                raise settlements.StatementError("Godkjente oppgjør kan ikke slettes.")
            settlements.delete_draft(statement)
            messages.success(request, "Utkastet er slettet.")
            return redirect("economy:settlements")
        else:
            messages.error(request, "Ukjent handling.")
    except settlements.StatementError as exc:
        messages.error(request, str(exc))
    return redirect("economy:settlement", pk=statement.pk)


def _stem(statement: em.Oppgjor) -> str:
    number = f"nr{statement.nummer}" if statement.nummer else "utkast"
    return f"oppgjor-{statement.tjeneste.slug}-{statement.periode}-{number}"


@login_required
def settlement_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    statement = _statement(request, pk)
    log("export", f"Lastet ned {statement} som PDF", obj=statement)
    return attachment(documents.statement_pdf(statement), "application/pdf", f"{_stem(statement)}.pdf")


@login_required
def settlement_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    statement = _statement(request, pk)
    log("export", f"Lastet ned {statement} som XLSX", obj=statement)
    return attachment(documents.statement_xlsx(statement), XLSX, f"{_stem(statement)}.xlsx")


def _finance_page(request: HttpRequest):  # type: ignore[no-untyped-def]
    tjeneste = economy_service(request)
    year, month = default_period(tjeneste, clock.today())
    year = _year(request, year)
    try:
        month = max(0, min(12, int(request.GET.get("maned", month if year == clock.today().year else 12))))
    except ValueError:
        month = 12
    return finance_overview(tjeneste, year, month)


@login_required
def finance(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = _finance_page(request)
    return render(
        request,
        "economy/finance.html",
        {
            "page": page,
            "months": list(enumerate(MONTHS, start=1)),
            "default_method": ForecastMethod.RUN_RATE.value,
            "years": range(page.year - 4, clock.today().year + 1),
        },
    )


@login_required
def finance_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = _finance_page(request)
    log("export", f"Lastet ned økonomirapport {page.year} t.o.m. måned {page.through_month}")
    return attachment(
        documents.finance_xlsx(page),
        XLSX,
        f"okonomirapport-{page.tjeneste.slug}-{page.year}-{page.through_month:02d}.xlsx",
    )


@login_required
def copayment_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    tjeneste = economy_service(request)
    page = copayments.copayment_overview(tjeneste, clock.today())
    with_cases = policy.can_see_cases(request.user)
    linked = [r.plassering.sak_id for r in page.rows if r.plassering.sak_id]
    if with_cases and linked:
        log("view", f"Så plasseringer med journalnummer ({len(linked)} saker)", data={"saker": len(linked)})
    return render(
        request,
        "economy/copayments.html",
        {
            "page": page,
            "with_cases": with_cases,
            "can_add_rate": policy.can_propose_rates(request.user),
            "can_approve_rates": policy.can_approve_rates(request.user),
            "proposals": em.SatsOverstyring.objects.filter(tjeneste=tjeneste, godkjent=False).select_related(
                "registrert_av"
            ),
            "kommuner": dict(kommune_choices(tjeneste)),
            "rates": copayments.rate_table_rows(tjeneste),
            "own_rates": em.SatsOverstyring.objects.filter(tjeneste=tjeneste),
            "refund_thresholds": refund_thresholds(),
        },
    )


@login_required
def placement_form(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    tjeneste = economy_service(request)
    instance = (
        get_object_or_404(em.Plassering, pk=pk, tjeneste=tjeneste) if pk else em.Plassering(tjeneste=tjeneste)
    )
    saker = visible_saker(request.user) if policy.can_see_cases(request.user) else None
    form = f.PlacementForm(
        request.POST or None, instance=instance, kommuner=kommune_choices(tjeneste), saker=saker
    )
    if request.method == "POST" and form.is_valid():
        services.save_placement(form.instance, request.user)
        messages.success(request, "Plasseringen er lagret.")
        return redirect("economy:copayments")
    return render(
        request,
        "economy/form.html",
        {
            "form": form,
            "title": "Endre plassering" if pk else "Ny plassering",
            "back": "economy:copayments",
        },
    )


@login_required
def rate_form(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A missing co-payment rate: Økonomi proposes it, the leder approves (or enters it directly)."""
    tjeneste = economy_service(request)
    policy.require(
        policy.can_propose_rates(request.user), "Bare leder og økonomi kan legge inn satser for egenbetaling."
    )
    leder = bool(policy.can_approve_rates(request.user))
    initial = {
        "ar": request.GET.get("ar"),
        "tiltakstype": request.GET.get("tiltakstype", MeasureType.INSTITUTION.value),
        "niva": request.GET.get("niva", Tier.STANDARD.value),
    }
    form = f.RateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rate = copayments.save_rate(
                tjeneste,
                request.user,
                ar=data["ar"],
                tiltakstype=data["tiltakstype"],
                niva=data["niva"],
                belop=data["belop"],
                kilde=data["kilde"],
                status=data["status"],
                approved=leder,
            )
        except copayments.RateError as exc:
            form.add_error(None, str(exc))
        else:
            if leder:
                messages.success(request, f"Satsen for {rate.ar} er lagret.")
            else:
                messages.success(
                    request, f"Forslaget til sats for {rate.ar} er sendt til leder, som godkjenner det."
                )
            return redirect("economy:copayments")
    return render(
        request,
        "economy/form.html",
        {
            "form": form,
            "title": "Legg inn sats for egenbetaling" if leder else "Foreslå sats for egenbetaling",
            "back": "economy:copayments",
            "intro": "Satsen hentes fra statsbudsjettet eller Bufdirs rundskriv. Oppgi kilden; "
            "Barnevern gjetter aldri en sats som mangler."
            + ("" if leder else " Satsen brukes i prognosen når leder har godkjent den."),
        },
    )


@login_required
@require_POST
def rate_decision(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    """The leder approves or rejects a proposed co-payment rate."""
    tjeneste = economy_service(request)
    policy.require(
        policy.can_approve_rates(request.user), "Bare leder kan godkjenne satser for egenbetaling."
    )
    rate = get_object_or_404(em.SatsOverstyring, pk=pk, tjeneste=tjeneste)
    try:
        if action == "godkjenn":
            copayments.approve_rate(rate, request.user)
            messages.success(request, f"Satsen for {rate.ar} er godkjent og brukes i prognosen.")
        elif action == "avvis":
            copayments.reject_rate(rate, request.user)
            messages.success(request, f"Forslaget til sats for {rate.ar} er avvist.")
        else:
            raise Http404("Ukjent handling.")
    except copayments.RateError as exc:
        messages.error(request, str(exc))
    return redirect("economy:copayments")


@login_required
def reform_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The reform compensation against the reform-driven costs (Leder and Økonomi)."""
    from barnevern.economy.compensation import reform_overview

    tjeneste = economy_service(request)
    today = clock.today()
    year = _year(request, max(2022, today.year - 1 if today.month < 7 else today.year))
    page = reform_overview(tjeneste, year)
    years = list(range(2022, today.year + 1))[::-1]
    return render(
        request,
        "economy/reform.html",
        {
            "page": page,
            "years": years,
            "year": year,
            "can_add": policy.is_leder(request.user),
            "entries": em.Reformkompensasjon.objects.filter(tjeneste=tjeneste).order_by(
                "-ar", "kommunenummer"
            ),
            "bases": em.Kompensasjonsgrunnlag.objects.filter(tjeneste=tjeneste).order_by(
                "-ar", "kommunenummer"
            ),
        },
    )


@login_required
def reform_form(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    """Add a compensation amount (``kind`` «kompensasjon») or a member's weights («grunnlag»)."""
    tjeneste = economy_service(request)
    policy.require(policy.is_leder(request.user), "Bare leder kan legge inn reformkompensasjon.")
    kommuner = kommune_choices(tjeneste)
    form_class = {"kompensasjon": f.CompensationForm, "grunnlag": f.CompensationBasisForm}.get(kind)
    if form_class is None:
        raise Http404
    form = form_class(request.POST or None, kommuner=kommuner, initial={"ar": request.GET.get("ar")})
    if request.method == "POST" and form.is_valid():
        entry, _created = services.save_compensation(tjeneste, request.user, kind, **form.cleaned_data)
        messages.success(request, f"Lagret for {entry.ar}.")
        return redirect(f"{reverse('economy:reform')}?ar={entry.ar}")
    title = "Legg inn reformkompensasjon" if kind == "kompensasjon" else "Legg inn fordelingsgrunnlag"
    return render(
        request,
        "economy/form.html",
        {
            "form": form,
            "title": title,
            "back": "economy:reform",
            "intro": "Beløpet hentes fra statsbudsjettet (rammetilskuddet) eller Bufdir. Oppgi kilden; "
            "Barnevern gjetter aldri et beløp som mangler.",
        },
    )
