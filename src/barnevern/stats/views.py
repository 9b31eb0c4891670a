"""Thin views of the statistics pages: parse the period, ask ``stats.queries``, render.

Access: ``accounts.policy.statistics_scope`` via ``queries.user_series`` (leder and
saksbehandler exact figures for their service; the Kommune role its own municipality,
published; Økonomi refused). Every page and download writes one audit row.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from barnevern import clock
from barnevern.accounts import policy
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.charts import Series, line_chart
from barnevern.exports import to_csv, to_xlsx
from barnevern.rules.indicators import HALF_YEAR_OVERVIEW, YEARLY_OVERVIEW, get
from barnevern.rules.periods import Period
from barnevern.stats import queries, services
from barnevern.stats.forms import PeriodForm, SettingsForm
from barnevern.stats.models import StatsSettings

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

SECTIONS = (
    ("meldinger", "Meldinger og undersøkelser"),
    ("tiltak", "Barn med tiltak"),
    ("oppfolging", "Tiltaksplaner og besøk i fosterhjem"),
    ("rater", "Per 1 000 innbyggere 0–17 år"),
)
FOLLOW_UP_WORDS = ("plan", "evaluer", "oppfolging", "tilsyn")


def _section(key: str) -> str:
    if key.endswith("_per_1000"):
        return "rater"
    if key.startswith(("meldinger", "undersokelser")):
        return "meldinger"
    if any(word in key for word in FOLLOW_UP_WORDS):
        return "oppfolging"
    return "tiltak"


def _trend_periods(period: Period, years: int) -> list[Period]:
    """The same kind of period in the ``years`` years up to ``period``'s (a range: itself)."""
    first = period.start.year - years + 1
    if period.is_year:
        return Period.years(first, period.start.year)
    if (half := period.half_number) is not None:
        return [Period.half(y, half) for y in range(first, period.start.year + 1)]
    return [period]


def _download(result: queries.StatsResult, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(to_xlsx(queries.export_table(result)), content_type=XLSX)
    else:
        response = HttpResponse(
            to_csv(queries.export_table(result, for_csv=True)), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{queries.export_filename(result, fmt)}"'
    return response


def _charts(results: list[queries.StatsResult], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """One trend chart per indicator, of the total shown (the service, or the one municipality)."""
    labels = [r.period.label for r in results]
    return [
        {
            "key": key,
            "title": get(key).name_nb,
            "svg": line_chart(
                labels,
                [Series(get(key).name_nb, [r.value(key) for r in results])],
                title=get(key).name_nb,
                chart_id=f"trend-{key}",
                width=360,
                height=220,
                description=f"{get(key).name_nb}. "
                + ", ".join(f"{label}: {r.display(key)}" for label, r in zip(labels, results, strict=True)),
            ),
        }
        for key in keys
    ]


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Indicators per member municipality for a period, the trend over years, downloads."""
    user = request.user
    scope = queries.scope_for(user)  # PermissionDenied (403) for roles without statistics
    today = clock.today()
    kommuner = None
    if scope.exact:
        kommuner = [(k.nummer, f"{k.nummer} {k.navn}") for k in scope.tjeneste.medlemmer_on(today)]
    data = None
    if request.GET:
        data = request.GET.copy()
        data.setdefault("aar", str(today.year - 1))
        data.setdefault("trend", "4")
    form = PeriodForm(data, today=today, kommuner=kommuner)
    period, trend_years, kommune, published = Period.year(today.year - 1), 4, None, False
    if form.is_bound and form.is_valid():
        period = form.period()
        trend_years = form.cleaned_data.get("trend") or 4
        kommune = form.cleaned_data.get("kommune") or None
        published = bool(form.cleaned_data.get("publisert"))
    elif form.is_bound:
        return render(request, "stats/index.html", {"form": form, "scope": scope}, status=400)
    fmt = request.GET.get("format")
    periods = [period] if fmt in ("csv", "xlsx") else _trend_periods(period, trend_years)
    try:
        scope, results = queries.user_series(
            user, periods, kommune=kommune, published=published, action="export" if fmt else "view"
        )
    except queries.StatsError as exc:
        messages.error(request, str(exc))
        return render(request, "stats/index.html", {"form": form, "scope": scope}, status=400)
    result = results[-1]
    if fmt in ("csv", "xlsx"):
        return _download(result, fmt)
    overview = YEARLY_OVERVIEW if period.half_number is None else HALF_YEAR_OVERVIEW
    query = request.GET.copy()
    links = {}
    for name in ("csv", "xlsx"):
        query["format"] = name
        links[name] = query.urlencode()
    sections = [
        (title, result.rows([k for k in result.keys if _section(k) == name])) for name, title in SECTIONS
    ]
    context = {
        "form": form,
        "scope": scope,
        "result": result,
        "sections": sections,
        "with_total": result.kommune is None,
        "trend": results if len(results) > 1 else None,
        "trend_rows": [(get(k).name_nb, [r.display(k) for r in results], k) for k in overview],
        "charts": _charts(results, overview) if len(results) > 1 else [],
        "links": links,
        "is_leder": policy.is_leder(user),
    }
    return render(request, "stats/index.html", context)


@login_required
def settings_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The service's suppression thresholds (leder only)."""
    user = request.user
    policy.require(policy.is_leder(user), "Bare leder kan endre oppsettet for prikking.")
    instance = StatsSettings.objects.filter(tjeneste=user.tjeneste).first() or StatsSettings(
        tjeneste=user.tjeneste
    )
    form = SettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_settings(
                policy.service_of(user),
                user,
                threshold_low=form.cleaned_data["threshold_low"],
                threshold_high=form.cleaned_data["threshold_high"],
                secondary=form.cleaned_data["secondary"],
            )
        except queries.StatsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Oppsettet for prikking er lagret.")
            return redirect("stats:settings")
    return render(request, "stats/settings.html", {"form": form, "settings": instance})
