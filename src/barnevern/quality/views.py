"""Thin views: the worklist (start page), retrospective compliance and deadline settings.

Figures come from ``quality.worklist`` / ``quality.compliance`` (which call the rules); access
goes through ``accounts.policy``; each listing of children's deadlines writes one audit row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from barnevern import clock, display
from barnevern.accounts import policy
from barnevern.accounts.models import User
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.audit.services import log
from barnevern.cases.queries import assignable_workers
from barnevern.exports import Table, to_csv
from barnevern.quality import casedata, queries
from barnevern.quality import forms as f
from barnevern.quality.avvik import propose_from_breaches
from barnevern.quality.compliance import service_compliance
from barnevern.quality.configuration import SettingsConflict, update_settings
from barnevern.quality.duties import COMPLETABLE, DutyError, mark_done
from barnevern.quality.models import Avvik
from barnevern.quality.worklist import WorklistRow, counts

ACTIONS = {
    ("D1", "Melding"): ("cases:conclude_melding", "Konkluder melding"),
    ("D3", "Undersokelse"): ("cases:conclude_undersokelse", "Konkluder undersøkelse"),
    ("D5", "Plan"): ("cases:evaluate_plan", "Registrer evaluering"),
    ("D12", "Tiltak"): ("cases:visit", "Registrer besøk"),
    ("D13", "Tiltak"): ("cases:visit", "Registrer besøk"),
}
PLAN_RULES = {"D4", "D5", "D6"}
FOSTER_PLACEMENT = "Fosterhjemsplassering"


def _kommuner(user: User) -> list[tuple[str, str]]:
    return [(k.nummer, str(k)) for k in policy.service_of(user).medlemmer_on(clock.today())]


def workers(tjeneste: Any) -> list[tuple[int, str]]:
    return assignable_workers(tjeneste)


def _action(row: WorklistRow) -> tuple[str, str] | None:
    """Where to do what the deadline asks (a link into the case), if the page exists."""
    item = row.item
    if item.element_type == FOSTER_PLACEMENT:  # foster-home deadlines (fosterhjem.deadlines)
        return reverse("fosterhjem:placement", args=[item.element_id]), "Åpne plasseringen"
    if item.rule in PLAN_RULES and item.element_type != "Plan":
        return reverse("cases:new_plan", args=[item.sak_id]), "Registrer plan"
    found = ACTIONS.get((item.rule, item.element_type))
    if found is None:
        return None
    name, label = found
    return reverse(name, args=[item.sak_id, item.element_id]), label


def _present(rows: list[WorklistRow], names: dict[str, str]) -> list[dict[str, Any]]:
    """What the template shows per row, formatted here: a start page lists up to 300 rows."""
    urls: dict[str, str] = {}
    presented = []
    for row in rows:
        item = row.item
        url = urls.get(item.sak_id)
        if url is None:
            url = urls[item.sak_id] = reverse("cases:detail", args=[item.sak_id])
        presented.append(
            {
                "row": row,
                "item": item,
                "url": url,
                "due_iso": item.due.isoformat(),
                "due": display.day_text(item.due),
                "kommune": f"{row.kommune} {names[row.kommune]}" if row.kommune in names else row.kommune,
                "action": _action(row),
                "done_form": item.rule in COMPLETABLE,
                # the leder's list names every row's worker; «Ikke fordelt» rows get the form
                "unassigned": row.saksbehandler == casedata.UNASSIGNED,
            }
        )
    return presented


SHOWN = 100  # rows per section unless «vis alle»


def _only(presented: list[dict[str, Any]], status: str) -> list[dict[str, Any]]:
    return [p for p in presented if p["row"].status == status]


def _section(key: str, anchor: str, title: str, rows: list[dict[str, Any]], show_all: bool) -> dict[str, Any]:
    return {
        "key": key,
        "anchor": anchor,
        "title": title,
        "rows": rows if show_all else rows[:SHOWN],
        "total": len(rows),
        "hidden": 0 if show_all else max(0, len(rows) - SHOWN),
    }


def _with_all(request: HttpRequest) -> str:
    query = request.GET.copy()
    query["alle"] = "1"
    return query.urlencode()


@login_required
def worklist(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The start page of leder and saksbehandler: overdue, due today and due soon.

    A leder sees the whole service (filters: municipality, case worker, «ikke fordelt»). A
    saksbehandler sees the deadlines of the own cases, and the number of unassigned cases with
    a link to their deadlines (``?saksbehandler=0``): the leder distributes those, and reading
    them on every start page would cost every case worker the whole intake (docs/quality.md).
    """
    user = request.user
    policy.require(policy.can_see_cases(user), "Din rolle gir ikke tilgang til saker.")
    today = clock.today()
    leder = policy.is_leder(user)
    kommuner = _kommuner(user)
    form = f.WorklistFilter(
        request.GET or None,
        today=today,
        kommuner=kommuner,
        workers=workers(user.tjeneste) if leder else None,
    )
    kommune = saksbehandler = None
    if form.is_bound and form.is_valid():
        kommune = form.cleaned_data["kommune"] or None
        saksbehandler = form.cleaned_data.get("saksbehandler")
    unassigned = None
    if not leder and saksbehandler is None:
        saksbehandler = user.pk
        unassigned = queries.unassigned_count(user, today)
    config = queries.service_config(policy.service_of(user), today)
    proposals = data = None
    if leder and config.proposed_on != today:
        # First visit of the day (``barnevern remind`` also proposes nightly): read the whole
        # service once, for the proposals and for the list.
        data = casedata.service_cases(policy.service_of(user))
        proposals = propose_from_breaches(policy.service_of(user), today, data=data)
    rows = queries.user_worklist(
        user, today, kommune=kommune, saksbehandler=saksbehandler, data=data, config=config
    )
    show_all = request.GET.get("alle") == "1"
    presented = _present(rows, {nummer: label.split(" ", 1)[-1] for nummer, label in kommuner})
    context = {
        "form": form,
        "today": today,
        "today_iso": today.isoformat(),
        "done_url": reverse("quality:done"),
        "assign_url": reverse("cases:assign_quick"),
        "assign_workers": workers(user.tjeneste) if leder else [],
        "label_unverified": _("ikke verifisert regel"),
        "label_configurable": _("konfigurerbar regel"),
        "leder": leder,
        "scope": "all" if leder and saksbehandler is None else "unassigned" if saksbehandler == 0 else "own",
        "unassigned": unassigned,
        "unassigned_query": "saksbehandler=0" + (f"&kommune={kommune}" if kommune else ""),
        "counts": counts(rows),
        "horizon": config.worklist_days,
        "sections": [
            _section("overdue", "forfalt", _("Forfalt"), _only(presented, "overdue"), show_all),
            _section("due", "i-dag", _("Forfaller i dag"), _only(presented, "due"), show_all),
            _section(
                "upcoming",
                "kommer",
                _("Forfaller innen %(n)d dager") % {"n": config.worklist_days},
                _only(presented, "upcoming"),
                show_all,
            ),
        ],
        "show_all_query": _with_all(request),
        "proposals": proposals,
        "waiting": Avvik.objects.filter(tjeneste=user.tjeneste, status=Avvik.Status.FORESLATT).count()
        if leder
        else 0,
    }
    return render(request, "quality/worklist.html", context)


@login_required
@require_POST
def mark_duty_done(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Register a duty BVR does not record (D2 feedback to the reporter) as done."""
    policy.require(policy.can_see_cases(request.user), "Din rolle gir ikke tilgang til saker.")
    today = clock.today()
    form = f.DoneForm(request.POST, today=today)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[k].label or k}: {' '.join(v)}" for k, v in form.errors.items() if k in form.fields
        )
        messages.error(request, f"Kunne ikke registrere: {errors or 'ugyldig skjema'}.")
        return redirect("quality:worklist")
    data = form.cleaned_data
    try:
        mark_done(
            request.user, str(data["sak_id"]), data["rule"], str(data["element_id"]), data["dato"], today
        )
    except DutyError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Tilbakemelding til melder er registrert.")
    return redirect("quality:worklist")


def _year_start(today: date) -> date:
    return date(today.year, 1, 1)


@login_required
def compliance(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Deadlines that fell due in a period: met or breached, per member municipality."""
    user = request.user
    policy.require(policy.is_leder(user), "Bare leder kan se etterlevelse av frister for hele tjenesten.")
    today = clock.today()
    data = request.GET if "fra" in request.GET or "til" in request.GET else None
    form = f.PeriodForm(data, today=today, initial={"fra": _year_start(today), "til": today})
    start, end = _year_start(today), today
    if form.is_bound:
        if form.is_valid():
            start, end = form.cleaned_data["fra"], form.cleaned_data["til"]
        else:
            return render(request, "quality/compliance.html", {"form": form, "result": None}, status=400)
    tjeneste = policy.service_of(user)
    result = service_compliance(tjeneste, start, end, today=today)
    names = {k.nummer: k.navn for k in tjeneste.medlemmer_on(today)}
    names.update({k.nummer: k.navn for k in tjeneste.medlemmer_on(end)})
    log(
        "view",
        f"Viste etterlevelse av frister {start:%d.%m.%Y}–{end:%d.%m.%Y}",
        data={"fra": start, "til": end, "antall": len(result.rows)},
    )
    if request.GET.get("format") == "csv":
        return _compliance_csv(result, names)
    summary = result.summary()
    context = {
        "form": form,
        "result": result,
        "start": start,
        "end": end,
        "totals": result.totals(),
        "kommuner": [(nummer, names.get(nummer, nummer), rows) for nummer, rows in summary.items()],
        "breaches": result.breaches[:200],
        "more_breaches": max(0, len(result.breaches) - 200),
    }
    return render(request, "quality/compliance.html", context)


def _compliance_csv(result: Any, names: dict[str, str]) -> HttpResponse:
    rows = []
    for nummer, rules in result.summary().items():
        for rule, row in rules.items():
            rows.append(
                [
                    nummer,
                    names.get(nummer, ""),
                    rule,
                    row["met"],
                    row["breached"],
                    row["open"],
                    row["days_over"],
                    display.decimal_text(display.share_percent(row["share"]))
                    if row["share"] is not None
                    else "",
                ]
            )
    table = Table(
        "Etterlevelse av frister",
        [
            "Kommunenummer",
            "Kommune",
            "Regel",
            "Overholdt",
            "Brutt",
            "Åpne",
            "Dager over",
            "Andel overholdt (%)",
        ],
        rows,
        personal_data=False,
    )
    response = HttpResponse(to_csv(table), content_type="text/csv; charset=utf-8")
    name = f"etterlevelse-{result.start:%Y%m%d}-{result.end:%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{table.filename(name, "csv")}"'
    return response


@login_required
def settings_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The service's deadline settings (leder only), with optimistic locking."""
    user = request.user
    policy.require(policy.is_leder(user), "Bare leder kan endre fristoppsettet.")
    config = queries.service_config(policy.service_of(user), clock.today())
    form = f.ConfigForm(request.POST or None, instance=config, initial={"versjon_sendt": config.versjon})
    if request.method == "POST" and form.is_valid():
        values = {name: getattr(form.instance, name) for name in form.Meta.fields}  # validated, not saved
        changed = [name for name in form.changed_data if name in form.Meta.fields]
        try:
            update_settings(config, user, form.cleaned_data["versjon_sendt"], values, changed)
        except SettingsConflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Fristoppsettet er lagret.")
            return redirect("quality:settings")
    return render(request, "quality/settings.html", {"form": form, "config": config})
