"""Forms for the BVR elements beyond melding/vedtak/tiltak/plan (flytting, ettervern,
oversendelse til nemnda, relasjon), corrections (a new version or an annulment), assignment
and the case's history. Thin: parse the form, call ``cases.services`` / ``cases.corrections``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from barnevern import clock
from barnevern.accounts import policy
from barnevern.accounts.models import User
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.audit.services import log
from barnevern.cases import corrections, queries, services
from barnevern.cases import forms as f
from barnevern.cases import models as m
from barnevern.cases.views import _case_form
from barnevern.formfields import add_user_error
from barnevern.rules import lovhjemler
from barnevern.rules.labels import kommune_label

# URL slug → (BVR type, model, what it is called on the page)
KINDS: dict[str, tuple[str, type, str]] = {
    "melding": ("Melding", m.Melding, "melding"),
    "undersokelse": ("Undersokelse", m.Undersokelse, "undersøkelse"),
    "vedtak": ("Vedtak", m.Vedtak, "vedtak"),
    "tiltak": ("Tiltak", m.Tiltak, "tiltak"),
    "plan": ("Plan", m.Plan, "plan"),
    "flytting": ("Flytting", m.Flytting, "flytting"),
    "ettervern": ("Ettervern", m.Ettervern, "ettervern"),
    "oversendelse": ("OversendelseFylkesnemnd", m.OversendelseFylkesnemnd, "oversendelse til nemnda"),
}
CORRECTABLE = ("melding", "vedtak", "tiltak", "plan")


def _kommuner(sak: m.Sak) -> list[tuple[str, str]]:
    return [(k.nummer, kommune_label(k.nummer, k.navn)) for k in sak.tjeneste.medlemmer_on(clock.today())]


def _undersokelser(sak: m.Sak) -> list[tuple[str, str]]:
    return [
        (str(u.pk), f"Undersøkelse startet {u.start_dato:%d.%m.%Y}")
        for u in sak.undersokelser.all()
        if not u.er_slettet
    ]


@login_required
def new_flytting(request: AuthenticatedHttpRequest, sak_id: str) -> HttpResponse:
    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        services.record_flytting(
            sak,
            dato=d["dato"],
            arsak_fra=d["arsak_fra"],
            arsak_presisering=d["arsak_presisering"],
            flytting_til=d["flytting_til"],
            til_presisering=d["til_presisering"],
            kommunenummer=d["kommunenummer"],
            today=today,
        )

    return _case_form(
        request,
        sak_id,
        f.FlyttingForm,
        "Registrer flytting",
        action,
        form_kwargs={"_builder": lambda sak: {"kommuner": _kommuner(sak)}},
    )


@login_required
def new_ettervern(request: AuthenticatedHttpRequest, sak_id: str) -> HttpResponse:
    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        services.record_ettervern(sak, tilbud_sendt=d["tilbud_sendt"], today=today)

    return _case_form(
        request,
        sak_id,
        f.EttervernForm,
        "Tilbud om ettervern",
        action,
        initial={"tilbud_sendt": clock.today()},
    )


@login_required
def answer_ettervern(request: AuthenticatedHttpRequest, sak_id: str, element_id: str) -> HttpResponse:
    ettervern = get_object_or_404(m.Ettervern, pk=element_id, sak_id=sak_id, er_slettet=False)

    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        services.conclude_ettervern(
            ettervern, dato=d["dato"], kode=d["kode"], versjon=d["versjon"], today=today
        )

    return _case_form(
        request,
        sak_id,
        f.EttervernSvarForm,
        "Svar på tilbud om ettervern",
        action,
        initial={"versjon": ettervern.versjon},
    )


@login_required
def new_oversendelse(request: AuthenticatedHttpRequest, sak_id: str) -> HttpResponse:
    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        und = sak.undersokelser.filter(pk=d["undersokelse"]).first() if d["undersokelse"] else None
        services.record_oversendelse(sak, dato=d["dato"], hjemmel=d["hjemmel"], undersokelse=und, today=today)

    return _case_form(
        request,
        sak_id,
        f.OversendelseForm,
        "Oversend saken til barneverns- og helsenemnda",
        action,
        form_kwargs={"_builder": lambda sak: {"undersokelser": _undersokelser(sak)}},
    )


def _elements(sak: m.Sak) -> list[tuple[str, str]]:
    """Every live element of the case as (``Type:id``, «Vedtak 02.11.2026 …»)."""
    found = []
    for slug, (kind, _model, name) in KINDS.items():
        rel = {
            "melding": sak.meldinger,
            "undersokelse": sak.undersokelser,
            "vedtak": sak.vedtak,
            "tiltak": sak.tiltak,
            "plan": sak.planer,
            "flytting": sak.flyttinger,
            "ettervern": sak.ettervern,
            "oversendelse": sak.oversendelser,
        }[slug]
        for obj in rel.filter(er_slettet=False):
            day = getattr(obj, "start_dato", None) or getattr(obj, "slutt_dato", None)
            day = day or getattr(obj, "tilbud_sendt_dato", None)
            found.append((f"{kind}:{obj.pk}", f"{name.capitalize()} {day:%d.%m.%Y}"))
    return found


@login_required
def new_relasjon(request: AuthenticatedHttpRequest, sak_id: str) -> HttpResponse:
    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        fra, til = d["fra"].split(":", 1), d["til"].split(":", 1)
        services.record_relasjon(sak, fra=(fra[0], fra[1]), til=(til[0], til[1]))

    return _case_form(
        request,
        sak_id,
        f.RelasjonForm,
        "Knytt to hendelser sammen",
        action,
        form_kwargs={"_builder": lambda sak: {"elementer": _elements(sak)}},
    )


# ---- corrections --------------------------------------------------------------------------------


def _element(sak_id: str, kind: str, element_id: str) -> Any:
    if kind not in KINDS:
        raise Http404("Ukjent elementtype.")
    return get_object_or_404(KINDS[kind][1], pk=element_id, sak_id=sak_id)


def _pairs_initial(items: list[dict[str, Any]]) -> tuple[list[str], str]:
    return [i["kode"] for i in items], next((i["presisering"] for i in items if i.get("presisering")), "")


@login_required
def correct(request: AuthenticatedHttpRequest, sak_id: str, kind: str, element_id: str) -> HttpResponse:
    """A new version of a melding, vedtak, tiltak or plan (same Id, reason kept)."""
    if kind not in CORRECTABLE:
        raise Http404("Denne typen rettes ved å annullere og registrere på nytt.")
    obj = _element(sak_id, kind, element_id)
    if obj.er_slettet:
        raise Http404("Elementet er annullert.")
    now, who = timezone.now(), request.user
    if kind == "vedtak":
        initial = {"dato": obj.start_dato, "hjemmel": _current_key(obj.lovhjemmel)}
        form_class: type = f.RettVedtakForm

        def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
            corrections.correct_vedtak(
                obj,
                dato=d["dato"],
                hjemmel=d["hjemmel"],
                begrunnelse=d["begrunnelse"],
                versjon=d["versjon"],
                by=who,
                now=now,
                today=today,
            )
    elif kind == "melding":
        melder, p1 = _pairs_initial(obj.melder)
        innhold, p2 = _pairs_initial(obj.saksinnhold)
        initial = {
            "mottatt": obj.start_dato,
            "melder": melder,
            "saksinnhold": innhold,
            "presisering": p1 or p2,
        }
        form_class = f.RettMeldingForm

        def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
            corrections.correct_melding(
                obj,
                mottatt=d["mottatt"],
                melder=f.pairs(d["melder"], "melder", d["presisering"]),
                saksinnhold=f.pairs(d["saksinnhold"], "saksinnhold", d["presisering"]),
                begrunnelse=d["begrunnelse"],
                versjon=d["versjon"],
                by=who,
                now=now,
                today=today,
            )
    elif kind == "tiltak":
        initial = {
            "dato": obj.start_dato,
            "kategori": obj.kategori_kode,
            "presisering": obj.kategori_presisering,
        }
        form_class = f.RettTiltakForm

        def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
            corrections.correct_tiltak(
                obj,
                dato=d["dato"],
                kategori=d["kategori"],
                presisering=d["presisering"],
                begrunnelse=d["begrunnelse"],
                versjon=d["versjon"],
                by=who,
                now=now,
                today=today,
            )
    else:
        initial = {"dato": obj.start_dato, "plantype": obj.plantype}
        form_class = f.RettPlanForm

        def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
            corrections.correct_plan(
                obj,
                dato=d["dato"],
                plantype=d["plantype"],
                begrunnelse=d["begrunnelse"],
                versjon=d["versjon"],
                by=who,
                now=now,
                today=today,
            )

    initial["versjon"] = obj.versjon
    return _case_form(request, sak_id, form_class, f"Rett {KINDS[kind][2]}", action, initial=initial)


def _current_key(lovhjemmel: dict[str, Any]) -> str:
    return (
        lovhjemler.key_of(
            lovhjemmel.get("lov", ""),
            lovhjemmel.get("kapittel", ""),
            lovhjemmel.get("paragraf", ""),
            lovhjemmel.get("ledd") or (),
        )
        or ""
    )


@login_required
def annul(request: AuthenticatedHttpRequest, sak_id: str, kind: str, element_id: str) -> HttpResponse:
    """Annul a wrongly registered element (ErSlettet + Slettet), with a reason."""
    obj = _element(sak_id, kind, element_id)
    if obj.er_slettet:
        raise Http404("Elementet er allerede annullert.")
    now, who = timezone.now(), request.user

    def action(sak: m.Sak, d: dict[str, Any], today: Any) -> None:
        corrections.annul(
            obj, begrunnelse=d["begrunnelse"], versjon=d["versjon"], by=who, now=now, today=today
        )

    return _case_form(
        request,
        sak_id,
        f.AnnullerForm,
        f"Annuller {KINDS[kind][2]} (feilregistrering)",
        action,
        initial={"versjon": obj.versjon},
        intro=(
            "Elementet markeres som slettet og meldes slik til Barnevernsregisteret. Det vises ikke "
            "lenger i saken, men leder ser det, med begrunnelsen, i sakens historikk."
        ),
        submit_label="Annuller",
    )


# ---- assignment and history ---------------------------------------------------------------------


@login_required
def assign(request: AuthenticatedHttpRequest, sak_id: str) -> HttpResponse:
    """The leder assigns or reassigns the case (history row and audit row)."""
    policy.require(policy.can_assign_cases(request.user), "Bare leder kan fordele saker.")
    sak = queries.get_case(request.user, sak_id, audit=request.method == "GET")
    form = f.TildelForm(
        request.POST or None,
        today=clock.today(),
        workers=queries.assignable_workers(sak.tjeneste),
        initial={"saksbehandler": str(sak.saksbehandler_id or "")},
    )
    back = request.POST.get("neste") or request.GET.get("neste") or ""
    if request.method == "POST" and form.is_valid():
        pk = int(form.cleaned_data["saksbehandler"])
        who = User.objects.filter(pk=pk).first() if pk else None
        try:
            services.assign(
                sak, who, by=request.user, now=timezone.now(), merknad=form.cleaned_data["merknad"]
            )
        except services.CaseError as exc:
            add_user_error(form, exc)
        else:
            messages.success(
                request,
                f"Sak {sak.journalnummer} er tildelt {who}."
                if who
                else f"Sak {sak.journalnummer} er ikke fordelt.",
            )
            if back.startswith("/") and not back.startswith("//"):
                return redirect(back)
            return redirect("cases:detail", sak_id=sak.pk)
    history = list(sak.tildelinger.select_related("saksbehandler", "tildelt_av"))
    return render(
        request,
        "cases/assign.html",
        {
            "form": form,
            "sak": sak,
            "history": history,
            "neste": back,
            "title": f"Fordel sak {sak.journalnummer}",
        },
    )


@login_required
@require_POST
def assign_quick(request: AuthenticatedHttpRequest) -> HttpResponse:
    """One-line assignment from a list (worklist, caseload page): ``sak`` and ``saksbehandler``."""
    policy.require(policy.can_assign_cases(request.user), "Bare leder kan fordele saker.")
    sak = queries.get_case(request.user, request.POST.get("sak", ""), audit=False)
    back = request.POST.get("neste", "")
    back = back if back.startswith("/") and not back.startswith("//") else "/"
    raw = request.POST.get("saksbehandler", "")
    if not raw.isdigit():
        messages.error(request, f"Velg en saksbehandler for sak {sak.journalnummer}.")
        return redirect(back)
    who = User.objects.filter(pk=int(raw)).first() if int(raw) else None
    try:
        services.assign(sak, who, by=request.user, now=timezone.now())
    except services.CaseError as exc:
        messages.error(request, f"Sak {sak.journalnummer}: {exc.message}")
    else:
        messages.success(
            request, f"Sak {sak.journalnummer} er tildelt {who}." if who else "Tildelingen er fjernet."
        )
    return redirect(back)


@login_required
def history(request: AuthenticatedHttpRequest, sak_id: str) -> HttpResponse:
    """Corrections (new versions, annulments) and assignments of a case: the leder's view."""
    policy.require(policy.is_leder(request.user), "Bare leder ser sakens historikk.")
    sak = queries.get_case(request.user, sak_id, audit=False)
    rows = []
    for k in sak.korreksjoner.select_related("av"):
        rows.append(
            {
                "when": k.tidspunkt,
                "what": f"{k.get_handling_display()} {corrections.NAMES.get(k.element_type, k.element_type)}",
                "who": str(k.av) if k.av else "system",
                "reason": k.begrunnelse,
                "details": corrections.describe(k),
                "kind": k.handling,
            }
        )
    for t in sak.tildelinger.select_related("saksbehandler", "tildelt_av"):
        rows.append(
            {
                "when": t.tidspunkt,
                "what": f"Tildelt {t.saksbehandler}" if t.saksbehandler else "Tildeling fjernet",
                "who": str(t.tildelt_av) if t.tildelt_av else "system",
                "reason": t.merknad,
                "details": [],
                "kind": "tildeling",
            }
        )
    rows.sort(key=lambda r: r["when"], reverse=True)
    log("view", f"Så historikken for sak {sak.journalnummer}", sak_id=sak.pk)
    return render(request, "cases/history.html", {"sak": sak, "rows": rows})
