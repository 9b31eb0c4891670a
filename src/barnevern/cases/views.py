"""Thin views for the case register: parse input, call a service, render.

Access goes through ``accounts.policy`` (via ``queries.get_case`` / ``case_list``); every
read of a case writes an audit row there.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from barnevern import clock
from barnevern.accounts import policy
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.audit.models import AuditEntry
from barnevern.audit.services import log
from barnevern.cases import forms as f
from barnevern.cases import models as m
from barnevern.cases import queries, services, timeline
from barnevern.cases.mapping import lov_from_json, sak_to_record
from barnevern.exports import Table, to_csv
from barnevern.formfields import add_user_error
from barnevern.rules.identity import mask
from barnevern.rules.labels import hjemmel_label


def _kommune_choices(user: Any) -> list[tuple[str, str]]:
    tjeneste = user.tjeneste
    return [(k.nummer, str(k)) for k in tjeneste.medlemmer_on(clock.today())]


SEARCHES = "barnevern_saksok"  # session key: the last searches, by random token
KEPT_SEARCHES = 10


def _criteria(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "text": (data.get("q") or "").strip(),
        "fodselsnummer": data.get("fodselsnummer") or "",
        "fodselsdato": data["fodselsdato"].isoformat() if data.get("fodselsdato") else "",
        "status": data.get("status") or "alle",
        "mine": bool(data.get("mine")),
        "kommune": data.get("kommune") or "",
    }


def _search(criteria: dict[str, Any]) -> queries.CaseSearch:
    day = criteria.get("fodselsdato") or ""
    return queries.CaseSearch(
        text=criteria.get("text", ""),
        fodselsnummer=criteria.get("fodselsnummer", ""),
        fodselsdato=date.fromisoformat(day) if day else None,
        status=criteria.get("status", "alle"),
        mine=bool(criteria.get("mine")),
        kommune=criteria.get("kommune", ""),
    )


def _saved_search(request: HttpRequest) -> tuple[str, dict[str, Any] | None]:
    """The search named by ``?sok=<token>`` (kept in the session, never in the URL), or ``?q=``."""
    token = request.GET.get("sok", "")
    saved = request.session.get(SEARCHES, {})
    if token and token in saved:
        return token, saved[token]
    if request.GET.get("q"):
        return "", _criteria({"q": request.GET["q"]})
    return "", None


@login_required
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Find a child: by name or journal number (accents ignored), identity number or birth date,
    open/closed, own cases, municipality. The form is posted and the search kept in the session
    under a random token, so no identity number or birth date ends up in a URL or a log."""
    policy.require(policy.can_see_cases(request.user), "Din rolle gir ikke tilgang til saker.")
    kommuner = _kommune_choices(request.user)
    if request.method == "POST":
        form = f.SokForm(request.POST, today=clock.today(), kommuner=kommuner)
        if form.is_valid():
            criteria = _criteria(form.cleaned_data)
            saved = dict(request.session.get(SEARCHES, {}))
            token = secrets.token_urlsafe(9)
            saved[token] = criteria
            request.session[SEARCHES] = dict(list(saved.items())[-KEPT_SEARCHES:])
            log(
                "view",
                "Søkte i saker",
                data={"felt": sorted(k for k, v in criteria.items() if v and v != "alle")},
            )
            return redirect(f"{reverse('cases:list')}?sok={token}")
        criteria, token = None, ""
    else:
        token, criteria = _saved_search(request)
        initial = dict(criteria or {})
        if criteria:
            initial["q"] = criteria.get("text", "")
        form = f.SokForm(initial=initial, today=clock.today(), kommuner=kommuner)
    search = _search(criteria) if criteria else queries.CaseSearch()
    page = Paginator(queries.case_list(request.user, search), 50).get_page(request.GET.get("side"))
    names = dict(kommuner)
    rows = []
    for sak in page:
        personalia, bosteder = list(sak.personalia.all()), list(sak.bosteder.all())
        person = personalia[-1] if personalia else None
        bosted = bosteder[-1] if bosteder else None
        rows.append(
            {
                "sak": sak,
                "fnr": mask(person.fodselsnummer) if person else "",
                "kommune": names.get(bosted.kommunenummer, bosted.kommunenummer) if bosted else "",
            }
        )
    hidden = queries.hidden_matches(request.user, search) if criteria else []
    query = (
        f"sok={token}" if token else (f"q={quote(request.GET.get('q', ''))}" if request.GET.get("q") else "")
    )
    context = {
        "page": page,
        "rows": rows,
        "form": form,
        "searched": bool(criteria),
        "hidden": hidden,
        "query": query,
        "q": request.GET.get("q", ""),
    }
    return render(request, "cases/list.html", context)


@login_required
def case_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The case list as CSV (marked as personal data; formula cells neutralised)."""
    policy.require(policy.can_see_cases(request.user), "Din rolle gir ikke tilgang til saker.")
    _token, criteria = _saved_search(request)
    search = _search(criteria) if criteria else queries.CaseSearch()
    saker = list(queries.case_list(request.user, search))
    table = Table(
        "Saker",
        ["Journalnummer", "Fornavn", "Etternavn", "Fødselsnummer", "Kommune", "Startet", "Avsluttet"],
        [
            [
                s.journalnummer,
                s.fornavn,
                s.etternavn,
                mask(s.personalia.all()[0].fodselsnummer) if s.personalia.all() else "",
                list(s.bosteder.all())[-1].kommunenummer if s.bosteder.all() else "",
                s.start_dato.isoformat(),
                s.slutt_dato.isoformat() if s.slutt_dato else "",
            ]
            for s in saker
        ],
        personal_data=True,
    )
    log("export", f"Eksporterte saksliste ({len(saker)} saker)", data={"antall": len(saker)})
    response = HttpResponse(to_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.filename("saker", "csv")}"'
    return response


@login_required
def case_detail(request: AuthenticatedHttpRequest, sak_id: str) -> HttpResponse:
    try:
        sak = queries.get_case(request.user, sak_id)
    except PermissionDenied:
        candidate = m.Sak.objects.filter(pk=sak_id).first()
        if candidate is not None and policy.can_request_break_glass(request.user, candidate):
            return render(request, "cases/no_access.html", {"sak_id": candidate.pk}, status=403)
        raise
    record = sak_to_record(sak)
    person = record.current_personalia()
    context = {
        "sak": sak,
        "record": record,
        "person": person,
        "fnr": mask(person.fodselsnummer) if person else "",
        "events": timeline.build(record),
        "kommune": record.kommune_on(clock.today()),
    }
    return render(request, "cases/detail.html", context)


@login_required
def new_melding(request: AuthenticatedHttpRequest) -> HttpResponse:
    policy.require(policy.can_see_cases(request.user), "Din rolle gir ikke tilgang til saker.")
    today = clock.today()
    form = f.NyMeldingForm(request.POST or None, today=today, kommuner=_kommune_choices(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        child = services.ChildData(
            fodselsnummer=data["fodselsnummer"].replace(" ", ""),
            fornavn=data["fornavn"],
            etternavn=data["etternavn"],
            duf_nummer=data["duf_nummer"],
            kommunenummer=data["kommunenummer"],
        )
        existing = services.existing_case(policy.service_of(request.user), child.fodselsnummer, today)
        if existing is not None and not data.get("bekreft"):
            return render(
                request,
                "cases/form.html",
                {
                    "form": form,
                    "title": "Registrer melding",
                    "existing": existing,
                    "name_differs": services.name_differs(existing, child),
                    "extra_hidden": [("bekreft", "1")],
                    "submit_label": f"Lagre meldingen i sak {existing.journalnummer}",
                },
            )
        try:
            melding = services.register_melding(
                policy.service_of(request.user),
                child,
                mottatt=data["mottatt"],
                melder=f.pairs(data["melder"], "melder", data["presisering"]),
                saksinnhold=f.pairs(data["saksinnhold"], "saksinnhold", data["presisering"]),
                today=today,
                saksbehandler=request.user if request.user.rolle == "saksbehandler" else None,
            )
        except services.CaseError as exc:
            add_user_error(form, exc)
        else:
            sak = melding.sak
            if not policy.can_open_sak(request.user, sak):
                messages.success(
                    request,
                    f"Meldingen er lagt i sak {sak.journalnummer}, som er tildelt {sak.saksbehandler}. "
                    "Be om nødtilgang hvis du trenger å åpne saken.",
                )
                return redirect("cases:list")
            messages.success(request, "Meldingen er registrert.")
            return redirect("cases:detail", sak_id=melding.sak_id)
    return render(
        request, "cases/form.html", {"form": form, "title": "Registrer melding", "multipart": False}
    )


def _case_form(
    request: AuthenticatedHttpRequest,
    sak_id: str,
    form_class: type,
    title: str,
    action: Any,
    *,
    form_kwargs: dict[str, Any] | None = None,
    initial: dict[str, Any] | None = None,
    intro: str = "",
    submit_label: str = "",
) -> HttpResponse:
    """Shared flow of the small case forms: check access, validate, call the service."""
    sak = queries.get_case(request.user, sak_id, audit=request.method == "GET")
    today = clock.today()
    kwargs = dict(form_kwargs or {})
    if callable(kwargs.get("_builder")):
        kwargs = kwargs.pop("_builder")(sak)
    initial = {**(initial or {}), **kwargs.pop("initial", {})}
    form = form_class(request.POST or None, today=today, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            action(sak, form.cleaned_data, today)
        except services.CaseError as exc:
            add_user_error(form, exc)
        except services.ConflictError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Lagret.")
            return redirect("cases:detail", sak_id=sak.pk)
    context = {"form": form, "title": title, "sak": sak, "intro": intro, "submit_label": submit_label}
    return render(request, "cases/form.html", context)


@login_required
def add_melding(request: AuthenticatedHttpRequest, sak_id: str) -> HttpResponse:
    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        person = sak.personalia.filter(er_slettet=False).order_by("-start_dato").first()
        child = services.ChildData(
            person.fodselsnummer, sak.fornavn, sak.etternavn, person.kjonn, person.fodseldato
        )
        services.register_melding(
            sak.tjeneste,
            child,
            mottatt=d["mottatt"],
            melder=f.pairs(d["melder"], "melder", d["presisering"]),
            saksinnhold=f.pairs(d["saksinnhold"], "saksinnhold", d["presisering"]),
            today=today,
        )

    return _case_form(request, sak_id, f.MeldingForm, "Ny melding i saken", action)


@login_required
def conclude_melding(request: AuthenticatedHttpRequest, sak_id: str, element_id: str) -> HttpResponse:
    melding = get_object_or_404(m.Melding, pk=element_id, sak_id=sak_id)

    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        services.conclude_melding(melding, dato=d["dato"], kode=d["kode"], versjon=d["versjon"], today=today)

    return _case_form(
        request,
        sak_id,
        f.KonkluderMeldingForm,
        "Konkluder melding",
        action,
        initial={"versjon": melding.versjon},
    )


@login_required
def conclude_undersokelse(request: AuthenticatedHttpRequest, sak_id: str, element_id: str) -> HttpResponse:
    und = get_object_or_404(m.Undersokelse, pk=element_id, sak_id=sak_id)

    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        services.conclude_undersokelse(
            und,
            dato=d["dato"],
            kode=d["kode"],
            vedtaksgrunnlag=f.pairs(d["vedtaksgrunnlag"], "saksinnhold", d["presisering"]),
            presisering=d["presisering"] if d["kode"] in {"5"} else "",
            versjon=d["versjon"],
            today=today,
        )

    return _case_form(
        request,
        sak_id,
        f.KonkluderUndersokelseForm,
        "Konkluder undersøkelse",
        action,
        initial={"versjon": und.versjon},
    )


@login_required
def extend_undersokelse(request: AuthenticatedHttpRequest, sak_id: str, element_id: str) -> HttpResponse:
    und = get_object_or_404(m.Undersokelse, pk=element_id, sak_id=sak_id)

    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        services.extend_undersokelse(
            und, soknad_dato=d["soknad_dato"], innvilget=d["innvilget"], versjon=d["versjon"]
        )

    return _case_form(
        request,
        sak_id,
        f.UtvidetFristForm,
        "Utvidet frist for undersøkelse",
        action,
        initial={"versjon": und.versjon, "soknad_dato": clock.today()},
    )


@login_required
def new_vedtak(request: AuthenticatedHttpRequest, sak_id: str) -> HttpResponse:
    def builder(sak: m.Sak) -> dict[str, Any]:
        live = [u for u in sak.undersokelser.all() if not u.er_slettet]
        decided = set(
            sak.relasjoner.filter(fra_type="Undersokelse", til_type="Vedtak", er_slettet=False).values_list(
                "fra_id", flat=True
            )
        )
        # The investigation that waits for this vedtak is chosen unless the worker changes it.
        waiting = [u for u in live if timeline.awaits_vedtak(u.konklusjon_kode, str(u.pk), decided)]
        return {
            "undersokelser": [(str(u.pk), f"Undersøkelse startet {u.start_dato:%d.%m.%Y}") for u in live],
            "initial": {"undersokelse": str(waiting[-1].pk)} if waiting else {},
        }

    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        und = sak.undersokelser.filter(pk=d["undersokelse"]).first() if d["undersokelse"] else None
        services.record_vedtak(
            sak,
            dato=d["dato"],
            hjemmel=d["hjemmel"],
            status=d["status"],
            undersokelse=und,
            today=today,
        )

    return _case_form(
        request, sak_id, f.VedtakForm, "Registrer vedtak", action, form_kwargs={"_builder": builder}
    )


@login_required
def new_tiltak(request: AuthenticatedHttpRequest, sak_id: str) -> HttpResponse:
    def builder(sak: m.Sak) -> dict[str, Any]:
        return {
            "vedtak": [
                (str(v.pk), f"Vedtak {v.start_dato:%d.%m.%Y} ({hjemmel_label(lov_from_json(v.lovhjemmel))})")
                for v in sak.vedtak.all()
                if not v.er_slettet
            ]
        }

    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        vedtak = get_object_or_404(m.Vedtak, pk=d["vedtak"], sak=sak, er_slettet=False)
        services.record_tiltak(
            sak,
            vedtak,
            dato=d["dato"],
            kategori=d["kategori"],
            presisering=d["presisering"],
            oppfolging_hyppighet=d["oppfolging_hyppighet"],
            tilsyn_hyppighet=d["tilsyn_hyppighet"],
            today=today,
        )

    return _case_form(
        request, sak_id, f.TiltakForm, "Registrer tiltak", action, form_kwargs={"_builder": builder}
    )


@login_required
def end_tiltak(request: AuthenticatedHttpRequest, sak_id: str, element_id: str) -> HttpResponse:
    tiltak = get_object_or_404(m.Tiltak, pk=element_id, sak_id=sak_id)

    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        services.end_tiltak(
            tiltak,
            dato=d["dato"],
            opphevelse=d["opphevelse"],
            presisering=d["presisering"],
            versjon=d["versjon"],
            today=today,
        )

    return _case_form(
        request, sak_id, f.AvsluttTiltakForm, "Avslutt tiltak", action, initial={"versjon": tiltak.versjon}
    )


@login_required
def visit(request: AuthenticatedHttpRequest, sak_id: str, element_id: str) -> HttpResponse:
    tiltak = get_object_or_404(m.Tiltak, pk=element_id, sak_id=sak_id)

    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        services.record_visit(tiltak, kind=d["kind"], dato=d["dato"], today=today)

    return _case_form(
        request, sak_id, f.BesokForm, "Registrer besøk", action, initial={"dato": clock.today()}
    )


@login_required
def new_plan(request: AuthenticatedHttpRequest, sak_id: str) -> HttpResponse:
    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        services.add_plan(sak, dato=d["dato"], plantype=d["plantype"], today=today)

    return _case_form(request, sak_id, f.PlanForm, "Registrer plan", action)


@login_required
def evaluate_plan(request: AuthenticatedHttpRequest, sak_id: str, element_id: str) -> HttpResponse:
    plan = get_object_or_404(m.Plan, pk=element_id, sak_id=sak_id)

    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        services.evaluate_plan(plan, dato=d["dato"], today=today)

    return _case_form(
        request,
        sak_id,
        f.EvalueringForm,
        "Registrer evaluering av plan",
        action,
        initial={"dato": clock.today()},
    )


@login_required
def access_log(request: AuthenticatedHttpRequest, sak_id: str) -> HttpResponse:
    """Innsynslogg: who viewed or changed this case, when (leder only); CSV for an access request."""
    policy.require(policy.is_leder(request.user), "Bare leder kan se innsynsloggen.")
    sak = queries.get_case(request.user, sak_id, audit=False)
    entries = list(AuditEntry.objects.filter(sak_id=sak.pk).order_by("id"))
    if request.GET.get("format") == "csv":
        table = Table(
            "Innsynslogg",
            ["Tidspunkt", "Bruker", "Handling", "Hva", "Fra"],
            [
                [
                    e.timestamp.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                    e.username or "system",
                    e.get_action_display(),
                    e.what,
                    e.source,
                ]
                for e in entries
            ],
            personal_data=True,
        )
        log("export", f"Eksporterte innsynslogg for sak {sak.journalnummer}", sak_id=sak.pk)
        response = HttpResponse(to_csv(table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{table.filename("innsynslogg-" + sak.journalnummer, "csv")}"'
        )
        return response
    log("view", f"Så innsynsloggen for sak {sak.journalnummer}", sak_id=sak.pk)
    return render(request, "cases/access_log.html", {"sak": sak, "entries": entries})
