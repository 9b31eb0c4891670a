"""The one query layer for statistics: the web page, CSV/XLSX, the CLI and the annual report
all read their figures here.

* ``indicator_table(tjeneste, period, ...)`` / ``indicator_series(tjeneste, periods, ...)`` /
  ``indicator_series_for_services(tjenester, periods, ...)``: figures per member municipality
  (``Tjeneste.medlemmer_on(period.end)``), with inhabitants 0–17 on 1 January of the period's
  first year (``organisation.models.population``) and the service's deadline settings from
  the ``quality`` app when it has them. Years and half-years merge the stored per-case
  contributions (``stats.facts``: computed once per case and period, dropped when the case
  changes); other periods read the service's cases (``cases.queries.service_records``) and
  count them with ``barnevern.rules.indicators.compute_series``. Both are the same counting
  (``rules.indicators.counting``: contributions + merge).
* ``published=True`` passes the figures through the small-number suppression
  (``rules.indicators.publish``) with the service's ``StatsSettings``.
* ``stats_from_paths(paths, period, ...)``: the same counting straight from BVR/15F files.
* ``user_series(user, periods, ...)``: what a user may see (``accounts.policy.statistics_scope``):
  leder and saksbehandler exact figures for their service; the Kommune role only its own
  municipality and only published figures; one audit row per call (aggregates, no sak_id).

Nothing here computes a figure: the rules do.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from barnevern import display
from barnevern.exports import Table
from barnevern.records import SakRecord
from barnevern.rules.deadlines import DeadlineConfig
from barnevern.rules.indicators import (
    INDICATORS,
    IndicatorTable,
    Shown,
    compute_series,
    format_value,
    get,
    publish,
)
from barnevern.rules.indicators.counting import tables
from barnevern.rules.indicators.stored import is_standard
from barnevern.rules.periods import Period
from barnevern.rules.suppression import SUPPRESSED, SuppressionConfig

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.organisation.models import Tjeneste

__all__ = [
    "Row",
    "StatsAccess",
    "StatsError",
    "StatsResult",
    "deadline_config",
    "export_filename",
    "export_table",
    "indicator_series",
    "indicator_series_for_services",
    "indicator_table",
    "scope_for",
    "series_from_paths",
    "stats_from_paths",
    "suppression_config",
    "user_series",
]

UNITS = {
    "event": "antall",
    "children": "antall barn",
    "share": "andel",
    "rate": "per 1 000 innbyggere 0–17 år",
}


class StatsError(ValueError):
    """A request that cannot be answered (message in Norwegian)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One indicator as displayed: Norwegian texts, ``":"`` for hidden figures."""

    key: str
    name: str
    kind: str
    cells: tuple[str, ...]
    total: str
    note: str


@dataclass(frozen=True, slots=True)
class StatsResult:
    """Figures of one period for the municipalities shown (``municipalities``: nummer → navn).

    ``total`` is the total of what is shown: the whole service (children outside the member
    municipalities included), or the one municipality when ``kommune`` restricts the result.
    Values are ``int`` counts, ``Decimal`` shares (0–1) and rates, ``None`` when a share or rate
    has no denominator, and ``":"`` for figures hidden by suppression (``published`` only).
    """

    period: Period
    source: str
    municipalities: dict[str, str]
    by_municipality: dict[str, dict[str, Shown]]
    total: dict[str, Shown]
    keys: tuple[str, ...]
    published: bool
    suppressed_municipalities: int
    notes: dict[str, str]
    population: dict[str, int]
    kommune: str | None = None

    def value(self, key: str, kommunenr: str | None = None) -> Shown:
        get(key)
        row = self.total if kommunenr is None else self.by_municipality[kommunenr]
        return row[key]

    def display(self, key: str, kommunenr: str | None = None) -> str:
        """The figure as shown on pages: ``1 234``, ``66,7 %``, ``..`` or ``:``."""
        return _display(key, self.value(key, kommunenr))

    def note(self, key: str | None = None) -> str:
        """«prikket 2 kommuner» for one indicator, or for the whole result; «» when none."""
        if key is None:
            n = self.suppressed_municipalities
            return "" if n == 0 else ("prikket 1 kommune" if n == 1 else f"prikket {n} kommuner")
        return self.notes.get(key, "")

    def rows(self, keys: Iterable[str] | None = None) -> list[Row]:
        return [
            Row(
                key=key,
                name=get(key).name_nb,
                kind=get(key).kind,
                cells=tuple(_display(key, self.by_municipality[k][key]) for k in self.municipalities),
                total=_display(key, self.total[key]),
                note=self.note(key),
            )
            for key in (keys if keys is not None else self.keys)
        ]

    def to_json(self) -> dict[str, Any]:
        """``{"period": {"from", "to"}, "municipalities": {nr: {key: v}}, "total": {key: v},
        "suppressed_municipalities": n}``; shares and rates as JSON numbers, «:» as a string."""
        return {
            "period": {"from": self.period.start.isoformat(), "to": self.period.end.isoformat()},
            "municipalities": {
                k: {key: _json(row[key]) for key in self.keys} for k, row in self.by_municipality.items()
            },
            "total": {key: _json(self.total[key]) for key in self.keys},
            "suppressed_municipalities": self.suppressed_municipalities,
        }


def _display(key: str, value: Shown) -> str:
    return SUPPRESSED if value == SUPPRESSED else format_value(key, value)  # type: ignore[arg-type]


def _json(value: Shown) -> int | float | str | None:
    if isinstance(value, Decimal):
        return float(value)
    return value


# --- settings of a service ------------------------------------------------------------------


def deadline_config(tjeneste: Tjeneste) -> DeadlineConfig | None:
    """The service's deadline settings (``quality`` app), or None for the rules' defaults."""
    try:
        from barnevern.quality.models import Fristoppsett
    except ImportError:  # pragma: no cover - the quality app is optional for statistics
        return None
    found = Fristoppsett.objects.filter(tjeneste=tjeneste).first()
    return found.to_rules() if found is not None else None


def suppression_config(tjeneste: Tjeneste) -> SuppressionConfig:
    from barnevern.stats.models import StatsSettings

    found = StatsSettings.objects.filter(tjeneste=tjeneste).first()
    return found.to_rules() if found is not None else SuppressionConfig()


# --- building results -----------------------------------------------------------------------


def _result(
    table: IndicatorTable,
    names: dict[str, str],
    *,
    source: str,
    published: bool,
    suppression: SuppressionConfig | None,
    kommune: str | None,
    keys: Sequence[str] | None,
) -> StatsResult:
    wanted = tuple(keys) if keys is not None else tuple(INDICATORS)
    for key in wanted:
        get(key)
    if published:
        shown = publish(table, suppression)
        rows, total = shown.by_municipality, shown.total
    else:
        rows, total = table.by_municipality, table.total
    if kommune is not None:
        if kommune not in rows:
            raise StatsError(
                f"Kommune {kommune} er ikke medlem av tjenesten i perioden {table.period.label}."
            )
        columns = [kommune]
        total = rows[kommune]
    else:
        columns = list(rows)
    if keys is None:  # every indicator, in registry order: the rows as they are
        by = {k: rows[k] for k in columns}
    else:
        by = {k: {key: rows[k][key] for key in wanted} for k in columns}
    notes: dict[str, str] = {}
    hidden_columns = 0
    if published:  # only published figures can be hidden
        hidden_per_key = {key: sum(1 for k in columns if by[k][key] == SUPPRESSED) for key in wanted}
        notes = {
            key: "prikket"
            if kommune is not None
            else ("prikket 1 kommune" if n == 1 else f"prikket {n} kommuner")
            for key, n in hidden_per_key.items()
            if n
        }
        hidden_columns = sum(1 for k in columns if any(v == SUPPRESSED for v in by[k].values()))
    return StatsResult(
        period=table.period,
        source=source,
        municipalities={k: names.get(k, k) for k in columns},
        by_municipality=by,
        total=dict(total) if keys is None else {key: total[key] for key in wanted},
        keys=wanted,
        published=published,
        suppressed_municipalities=hidden_columns,
        notes=notes,
        population={k: v for k, v in table.population.items() if k in columns},
        kommune=kommune,
    )


def _members(tjeneste: Tjeneste, period: Period) -> dict[str, str]:
    members = tjeneste.medlemmer_on(period.end) or tjeneste.medlemmer_on(period.start)
    if members:
        return {k.nummer: k.navn for k in members}
    from barnevern.organisation.models import Kommune

    numbers = tjeneste.kommunenumre()
    names = dict(Kommune.objects.filter(nummer__in=numbers).values_list("nummer", "navn"))
    return {n: names.get(n, n) for n in numbers}


def _plain_series(
    tjeneste: Tjeneste,
    periods: Sequence[Period],
    records: Sequence[SakRecord] | None,
    config: DeadlineConfig | None,
) -> list[tuple[IndicatorTable, dict[str, str]]]:
    """Tables counted straight from the records (any period), with the members' names."""
    from barnevern.cases.queries import service_records
    from barnevern.organisation.models import population

    if records is None:
        records = list(service_records(tjeneste))
    groups: dict[tuple[tuple[str, str], ...], list[int]] = {}
    for index, period in enumerate(periods):
        groups.setdefault(tuple(_members(tjeneste, period).items()), []).append(index)
    found: list[tuple[IndicatorTable, dict[str, str]] | None] = [None] * len(periods)
    for members, indexes in groups.items():
        numbers = [n for n, _navn in members]
        tables = compute_series(
            records,
            [periods[i] for i in indexes],
            population=lambda p, numbers=numbers: population(numbers, p.start.year),
            municipalities=numbers,
            config=config,
        )
        for i, table in zip(indexes, tables, strict=True):
            found[i] = (table, dict(members))
    return [f for f in found if f is not None]


def _memberships(tjenester: Sequence[Tjeneste]) -> dict[int, list[Any]]:
    from barnevern.organisation.models import Medlemskap

    found: dict[int, list[Any]] = {t.pk: [] for t in tjenester}
    for row in Medlemskap.objects.filter(tjeneste_id__in=list(found)).select_related("kommune"):
        found[row.tjeneste_id].append(row)
    return found


def _members_of(tjeneste: Tjeneste, memberships: list[Any], period: Period) -> dict[str, str]:
    """``_members`` from memberships read in bulk (``Tjeneste.medlemmer_on``'s rule)."""

    def on(day: Any) -> list[Any]:
        members = [m.kommune for m in memberships if m.fra <= day and (m.til is None or m.til >= day)]
        return sorted(members, key=lambda k: (k.pk != tjeneste.vertskommune_id, k.nummer))

    members = on(period.end) or on(period.start)
    if members:
        return {k.nummer: k.navn for k in members}
    return _members(tjeneste, period)  # no member on either day: the service's all-time numbers


def _suppressions(tjenester: Sequence[Tjeneste]) -> dict[int, SuppressionConfig]:
    from barnevern.stats.models import StatsSettings

    found = {t.pk: SuppressionConfig() for t in tjenester}
    for row in StatsSettings.objects.filter(tjeneste_id__in=list(found)):
        found[row.tjeneste_id] = row.to_rules()
    return found


def indicator_series_for_services(
    tjenester: Iterable[Tjeneste],
    periods: Sequence[Period],
    *,
    published: bool,
    keys: Sequence[str] | None = None,
    kommune: str | None = None,
) -> list[list[StatsResult]]:
    """``indicator_series`` for many services at once: one list of results per service, in order.

    Years and half-years are merged from the stored per-case contributions (``stats.facts``;
    missing ones are computed first) in a number of queries that does not grow with the number
    of services; other periods are counted from each service's records. Member municipalities,
    inhabitants and suppression are read at query time, in bulk.
    """
    from barnevern.organisation.models import population
    from barnevern.stats import facts

    services = list(tjenester)
    configs = facts.deadline_configs(services)
    suppressions = _suppressions(services) if published else {}
    memberships = _memberships(services)
    standard = [i for i, p in enumerate(periods) if is_standard(p)]
    tallies = facts.tallies(services, [periods[i] for i in standard], configs=configs) if standard else {}
    members = {(t.pk, i): _members_of(t, memberships[t.pk], periods[i]) for t in services for i in standard}
    numbers = sorted({n for names in members.values() for n in names})
    inhabitants = {year: population(numbers, year) for year in {periods[i].start.year for i in standard}}
    results = []
    for t in services:
        found: dict[int, tuple[IndicatorTable, dict[str, str]]] = {}
        for j, i in enumerate(standard):
            names = members[(t.pk, i)]
            pop = inhabitants[periods[i].start.year]
            found[i] = (
                tables(
                    [tallies[t.pk][j]],
                    population={n: pop[n] for n in names if n in pop},
                    municipalities=list(names),
                )[0],
                names,
            )
        others = [i for i in range(len(periods)) if i not in found]
        if others:
            plain = _plain_series(t, [periods[i] for i in others], None, configs[t.pk])
            found.update(zip(others, plain, strict=True))
        results.append(
            [
                _result(
                    found[i][0],
                    found[i][1],
                    source=t.navn,
                    published=published,
                    suppression=suppressions.get(t.pk),
                    kommune=kommune,
                    keys=keys,
                )
                for i in range(len(periods))
            ]
        )
    starts = data_starts(services)
    return [
        [r if starts.get(t.pk) is not None and r.period.end >= starts[t.pk] else without_data(r) for r in rs]
        for t, rs in zip(services, results, strict=True)
    ]


def indicator_series(
    tjeneste: Tjeneste,
    periods: Sequence[Period],
    *,
    kommune: str | None = None,
    published: bool,
    keys: Sequence[str] | None = None,
    records: Sequence[SakRecord] | None = None,
) -> list[StatsResult]:
    """One result per period (e.g. 2019–2022) for one service.

    ``kommune`` restricts the result to one member municipality; ``keys`` to some indicators
    (suppression always considers every count, so a figure is hidden the same way on every
    page). Years and half-years come from the stored per-case contributions
    (:func:`indicator_series_for_services`); ``records`` lets a caller that already holds the
    service's records pass them, and then everything is counted from them.
    """
    if records is None:
        return indicator_series_for_services(
            [tjeneste], periods, published=published, keys=keys, kommune=kommune
        )[0]
    config = deadline_config(tjeneste)
    suppression = suppression_config(tjeneste) if published else None
    starts = [r.start_dato for r in records if not r.er_slettet]
    first = min(starts) if starts else None
    results = [
        _result(
            table,
            names,
            source=tjeneste.navn,
            published=published,
            suppression=suppression,
            kommune=kommune,
            keys=keys,
        )
        for table, names in _plain_series(tjeneste, periods, records, config)
    ]
    return [r if first is not None and r.period.end >= first else without_data(r) for r in results]


def data_starts(tjenester: Sequence[Tjeneste]) -> dict[int, date]:
    """Per service, the first day the register holds data for (its earliest case start); a
    service without cases is left out. One query however many services."""
    from django.db.models import Min

    from barnevern.cases.models import Sak

    rows = (
        Sak.objects.filter(tjeneste__in=[t.pk for t in tjenester], er_slettet=False)
        .values("tjeneste_id")
        .annotate(first=Min("start_dato"))
        .values_list("tjeneste_id", "first")
    )
    return dict(rows)


NO_DATA_NOTE = "ingen data i registeret for perioden"


def without_data(result: StatsResult) -> StatsResult:
    """A period that ends before the register's first case: not a year of zeros but a year
    without data. Every figure is missing («..»), so tables show «..» and charts leave a gap."""
    return replace(
        result,
        by_municipality={k: dict.fromkeys(row) for k, row in result.by_municipality.items()},
        total=dict.fromkeys(result.total),
        notes=dict.fromkeys(result.total, NO_DATA_NOTE),
    )


def indicator_table(
    tjeneste: Tjeneste,
    period: Period,
    *,
    kommune: str | None = None,
    published: bool,
    keys: Sequence[str] | None = None,
    records: Sequence[SakRecord] | None = None,
) -> StatsResult:
    """Every indicator (or ``keys``) for ``period``, per member municipality and in total."""
    return indicator_series(
        tjeneste, [period], kommune=kommune, published=published, keys=keys, records=records
    )[0]


def series_from_paths(
    paths: Iterable[str | os.PathLike[str]],
    periods: Sequence[Period],
    *,
    kommune: str | None = None,
    published: bool = False,
    keys: Sequence[str] | None = None,
    suppression: SuppressionConfig | None = None,
    config: DeadlineConfig | None = None,
) -> list[StatsResult]:
    """The same figures from BVR/15F files (``formats.files``), without a database.

    The columns are the files' Avgiver municipalities; rates are unknown (no population).
    Raises ``formats.files.FileReadError`` naming the file when one cannot be read.
    """
    from barnevern.formats.files import read_paths

    data = read_paths(paths)
    numbers = list(data.municipalities)
    tables = compute_series(data.records, periods, municipalities=numbers, config=config)
    return [
        _result(
            table,
            data.municipalities,
            source="filer",
            published=published,
            suppression=suppression,
            kommune=kommune,
            keys=keys,
        )
        for table in tables
    ]


def stats_from_paths(
    paths: Iterable[str | os.PathLike[str]],
    period: Period,
    **options: Any,
) -> StatsResult:
    """One period from files; options as :func:`series_from_paths`."""
    return series_from_paths(paths, [period], **options)[0]


# --- what a user may see --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatsAccess:
    """The statistics a user may see: the service, a forced municipality, exact or published."""

    tjeneste: Tjeneste
    kommune: str | None
    exact: bool


def scope_for(user: User) -> StatsAccess:
    """Raises ``PermissionDenied`` for roles without statistics (Økonomi)."""
    from barnevern.accounts import policy

    tjeneste, kommune = policy.statistics_scope(user)
    if tjeneste is None:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Du er ikke knyttet til en barnevernstjeneste.")
    if kommune is None and not policy.sees_exact_figures(user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Rollen din er ikke knyttet til en kommune.")
    exact = policy.sees_exact_figures(user) and kommune is None
    return StatsAccess(tjeneste, kommune.nummer if kommune is not None else None, exact)


def user_series(
    user: User,
    periods: Sequence[Period],
    *,
    kommune: str | None = None,
    published: bool = False,
    keys: Sequence[str] | None = None,
    action: str = "view",
) -> tuple[StatsAccess, list[StatsResult]]:
    """The figures ``user`` may see for ``periods``, with one audit row (no child data).

    A Kommune user always gets its own municipality, published; a leder or saksbehandler may
    ask for one municipality and for the published form (to see what would leave the service).
    """
    from barnevern.audit.services import log

    scope = scope_for(user)
    if not scope.exact:
        kommune, published = scope.kommune, True
    results = indicator_series(scope.tjeneste, periods, kommune=kommune, published=published, keys=keys)
    log(
        action,
        f"Statistikk {periods[-1].label}" + (f" for kommune {kommune}" if kommune else ""),
        data={
            "tjeneste": scope.tjeneste.slug,
            "perioder": [p.code for p in periods],
            "kommune": kommune,
            "publisert": published,
        },
    )
    return scope, results


# --- exports --------------------------------------------------------------------------------


def _export_value(key: str, value: Shown, *, for_csv: bool) -> Any:
    if value == SUPPRESSED or value is None:
        return SUPPRESSED if value == SUPPRESSED else ".."
    if isinstance(value, Decimal):
        if get(key).kind == "share":
            value = display.share_percent(value)  # the page's rounding: half up (96,25 → 96,3)
        return display.decimal_text(value, None) if for_csv else value
    return value


def export_table(result: StatsResult, *, for_csv: bool = False) -> Table:
    """The result as one sheet: indicator, unit, one column per municipality, total, note.

    Shares are given in per cent. CSV gets decimal commas (Norwegian spreadsheets read
    ``;``-separated files with ``,`` decimals); XLSX keeps numbers numeric.
    """
    header = ["Indikator", "Nøkkel", "Enhet", *(f"{n} {navn}" for n, navn in result.municipalities.items())]
    with_total = result.kommune is None
    if with_total:
        header.append("Totalt")
    header.append("Merknad")
    rows = []
    for key in result.keys:
        ind = get(key)
        unit = "prosent" if ind.kind == "share" else UNITS[ind.kind]
        row = [ind.name_nb, key, unit]
        row += [
            _export_value(key, result.by_municipality[k][key], for_csv=for_csv) for k in result.municipalities
        ]
        if with_total:
            row.append(_export_value(key, result.total[key], for_csv=for_csv))
        row.append(result.note(key))
        rows.append(row)
    return Table(title=f"Statistikk {result.period.code}"[:31], header=header, rows=rows)


def export_filename(result: StatsResult, ext: str) -> str:
    kind = "publisert" if result.published else "intern"
    where = f"-{result.kommune}" if result.kommune else ""
    return f"statistikk-{result.period.code.replace('..', '_')}{where}-{kind}.{ext}"
