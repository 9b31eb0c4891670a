"""Thin views of the KOSTRA pages: the comparison (statistics roles), the upload of SSB files
and the members' KOSTRA groups (leder).

Access through ``accounts.policy`` (``kostra_scope``, ``can_manage_kostra``); the comparison
writes one audit row per view (``queries.user_comparison``), an import or a changed group one
row each (the services).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import redirect, render

from barnevern import clock
from barnevern.accounts import policy
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.charts import Series, line_chart
from barnevern.display import number
from barnevern.kostra import queries
from barnevern.kostra.display import show
from barnevern.kostra.forms import CompareForm, GroupingForm, UploadForm
from barnevern.kostra.importing import MAX_BYTES, KostraImportError, import_files

if TYPE_CHECKING:
    from barnevern.accounts.models import User

MAX_FILES = 20
SYMBOLS = ((":", "prikket av SSB"), ("..", "mangler"), (".", "kan ikke forekomme"))


def latest_year(today: date) -> int:
    """The newest year with imported cells (last year when nothing is imported)."""
    from barnevern.kostra.models import Celle

    found = Celle.objects.aggregate(m=Max("ar"))["m"]
    return min(found, today.year) if found else today.year - 1


def indicator_view(result: queries.IndicatorResult, years: tuple[int, ...], chart_id: str) -> dict[str, Any]:
    """An indicator as the page shows it: rows of display strings, footnotes, the chart."""
    ind = result.indicator
    rows, footnotes = [], []
    for line in result.lines:
        cells = [show(f, ind.kind, ind.decimals) for f in line.figures]
        rows.append(
            {
                "label": line.label,
                "kind": line.kind,
                "cells": cells,
                "rank": f"nr. {line.rank[0]} av {line.rank[1]}" if line.rank else "",
            }
        )
        for year, f in zip(years, line.figures, strict=True):
            if f.reason:
                footnotes.append(f"{line.label} {year}: {f.reason}")
    by_key = {line.key: line for line in result.lines}
    series = [
        Series(
            by_key[k].label,
            [f.number if f.number is not None else (f.status or "..") for f in by_key[k].figures],
        )
        for k in result.chart_keys
        if k in by_key
    ]
    labels = [str(y) for y in years]
    description = f"{ind.label}, {ind.unit}. " + "; ".join(
        f"{s.name}: "
        + ", ".join(
            f"{y} {show(f, ind.kind, ind.decimals)}" for y, f in zip(years, by_key[k].figures, strict=True)
        )
        for s, k in zip(series, [k for k in result.chart_keys if k in by_key], strict=True)
    )
    return {
        "key": ind.key,
        "label": ind.label,
        "unit": ind.unit,
        "note": ind.note,
        "rows": rows,
        "ranked": any(r["rank"] for r in rows),
        "footnotes": footnotes,
        "sources": "Kilde: " + ("; ".join(s.caption() for s in result.sources) or "ingen tabell lest inn"),
        "has_data": result.has_data,
        "svg": line_chart(
            labels,
            series,
            title=ind.label,
            chart_id=chart_id,
            y_label=ind.unit,
            width=620,
            height=260,
            description=description,
        ),
    }


def own_view(result: queries.Comparison) -> list[dict[str, Any]]:
    rows = []
    for line in result.own:
        ssb = show(line.ssb, "count", 0)
        own = line.own if line.own is not None else ".."
        rows.append(
            {
                "label": line.count.label,
                "kommune": line.label,
                "ssb": ssb,
                "own": number(Decimal(own), 0) if isinstance(own, int) else own,
                "difference": "" if line.difference is None else f"{line.difference:+d}".replace("-", "−"),
                "same": line.count.same_definition,
                "note": line.count.note,
            }
        )
    return rows


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The service and each member beside KOSTRA group, county and Norway, over years."""
    user = cast("User", request.user)  # login_required: a signed-in user
    tjeneste, forced = policy.kostra_scope(user)  # PermissionDenied (403) for Økonomi
    today = clock.today()
    latest = latest_year(today)
    kommuner = (
        None
        if forced is not None
        else [(k.nummer, f"{k.nummer} {k.navn}") for k in tjeneste.medlemmer_on(today)]
    )
    form = CompareForm(request.GET or None, today=today, latest=latest, kommuner=kommuner)
    year, count, kommune, published = latest, queries.DEFAULT_YEARS, None, False
    if form.is_bound:
        if not form.is_valid():
            return render(request, "kostra/index.html", {"form": form, "tjeneste": tjeneste}, status=400)
        year = form.cleaned_data["aar"]
        count = form.cleaned_data.get("antall") or queries.DEFAULT_YEARS
        kommune = form.cleaned_data.get("kommune") or None
        published = bool(form.cleaned_data.get("publisert"))
    try:
        result = queries.user_comparison(user, year, years=count, kommune=kommune, published=published)
    except queries.ComparisonError as exc:
        messages.error(request, str(exc))
        return render(request, "kostra/index.html", {"form": form, "tjeneste": tjeneste}, status=400)
    context = {
        "form": form,
        "tjeneste": tjeneste,
        "result": result,
        "indicators": [
            indicator_view(r, result.years, f"kostra-{r.indicator.key}") for r in result.indicators
        ],
        "own": own_view(result),
        "symbols": SYMBOLS,
        "can_manage": policy.can_manage_kostra(user),
    }
    return render(request, "kostra/index.html", context)


@login_required
def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload SSB files (JSON-stat 2.0 or CSV); all are checked before anything is stored."""
    from barnevern.kostra.models import Innlesing, Tabell

    user = cast("User", request.user)  # login_required: a signed-in user
    policy.require(policy.can_manage_kostra(user), "Bare leder kan lese inn KOSTRA-tabeller.")
    form = UploadForm(request.POST if request.method == "POST" else None)
    problems: list[str] = []
    reports = None
    if request.method == "POST" and form.is_valid():
        files = request.FILES.getlist("filer")
        if not files:
            problems.append("Velg minst én fil.")
        elif len(files) > MAX_FILES:
            problems.append(f"Høyst {MAX_FILES} filer om gangen.")
        elif any((f.size or 0) > MAX_BYTES for f in files):
            problems.append(f"En fil er større enn {MAX_BYTES // (1024 * 1024)} MB.")
        else:
            try:
                reports = import_files(
                    [(f.name or "fil", f.read()) for f in files],
                    user=user,
                    allow_older=form.cleaned_data["eldre"],
                    table_id=form.cleaned_data["tabell"].strip() or None,
                )
            except KostraImportError as exc:
                problems.append(f"{exc} Ingenting er lagret.")
    status = 400 if problems else 200
    context = {
        "form": form,
        "problems": problems,
        "reports": reports,
        "tables": Tabell.objects.all(),
        "receipts": Innlesing.objects.select_related("tabell", "lest_av")[:30],
        "max_files": MAX_FILES,
        "max_mb": MAX_BYTES // (1024 * 1024),
    }
    return render(request, "kostra/upload.html", context, status=status)


@login_required
def groups(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The members' KOSTRA groups and counties with dates; the leder records a new one."""
    from barnevern.kostra.models import Gruppering
    from barnevern.kostra.regions import grouping, set_grouping
    from barnevern.organisation.models import Kommune

    user = cast("User", request.user)  # login_required: a signed-in user
    policy.require(policy.can_manage_kostra(user), "Bare leder kan endre KOSTRA-grupper.")
    tjeneste = user.tjeneste
    if tjeneste is None:
        raise PermissionDenied("Du er ikke knyttet til en barnevernstjeneste.")
    numbers = tjeneste.kommunenumre()
    names = dict(Kommune.objects.filter(nummer__in=numbers).values_list("nummer", "navn"))
    choices = [(n, f"{n} {names.get(n, '')}".strip()) for n in numbers]
    form = GroupingForm(request.POST if request.method == "POST" else None, kommuner=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kommune = Kommune.objects.filter(nummer=data["kommune"]).order_by("-gyldig_fra").first()
        if kommune is None:  # a member number without a Kommune row: not expected
            raise PermissionDenied("Ukjent kommune.")
        try:
            set_grouping(
                kommune, data["fra"], data["kostragruppe"], data["fylke"], user=user, kilde=data["kilde"]
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"KOSTRA-gruppen for {kommune.navn} er lagret.")
            return redirect("kostra:groups")
    today = clock.today()
    context = {
        "form": form,
        "tjeneste": tjeneste,
        "current": [(n, names.get(n, n), g) for n, g in grouping(numbers, today).items()],
        "history": Gruppering.objects.filter(kommune__nummer__in=numbers).select_related(
            "kommune", "endret_av"
        ),
    }
    return render(request, "kostra/groups.html", context, status=400 if form.errors else 200)
