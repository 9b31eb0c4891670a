"""The one query layer for KOSTRA comparisons: the web page, the report section and the CLI
all read here.

``comparison(tjeneste, year, years=5, kommune=None, own_published=False)`` → ``Comparison``:
for each indicator of ``catalogue.INDICATORS`` and each of the ``years`` years up to ``year``,
the service (Σ numerators / Σ denominators over the members of that year,
``rules.kostra.aggregate``), each member municipality, the members' KOSTRA groups and counties
(``regions.grouping`` on 31 December), Norway without Oslo and Norway; the rank of each member
among all municipalities when a national file is imported; and SSB's published counts beside
Barnevern's own (``stats.queries``) for ``year``. ``kommune`` restricts everything to one member
municipality (the Kommune role, a municipality's report). Nothing here changes data.

``user_comparison(user, year, ...)`` applies ``accounts.policy`` and writes one audit row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from barnevern.kostra.catalogue import (
    INDICATORS,
    OWN_COUNTS,
    POPULATION_0_17,
    KostraIndicator,
    OwnCount,
    Series,
)
from barnevern.kostra.regions import Grouping, grouping, region_names
from barnevern.rules.kostra import SUPPRESSED, Figure, Part, aggregate, rank, region_kind, rounded

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.organisation.models import Tjeneste

__all__ = [
    "DEFAULT_YEARS",
    "Comparison",
    "ComparisonError",
    "IndicatorResult",
    "Line",
    "OwnLine",
    "Source",
    "comparison",
    "figure_json",
    "user_comparison",
]

DEFAULT_YEARS = 5
SERVICE = "tjeneste"
Key = tuple[str, str, str, str, int]  # table, content, dims, region, year


class ComparisonError(ValueError):
    """A comparison that cannot be made (message in Norwegian)."""


@dataclass(frozen=True, slots=True)
class Line:
    """One row of an indicator's table: the service, a municipality or a region, per year."""

    key: str  # "tjeneste", a municipality number or an SSB region code
    label: str
    kind: str  # tjeneste | kommune | kostragruppe | fylke | landet_uten_oslo | landet
    figures: tuple[Figure, ...]
    rank: tuple[int, int] | None = None  # the last year; municipalities with a national file


@dataclass(frozen=True, slots=True)
class Source:
    table: str
    title: str
    updated: datetime | None
    synthetic: bool

    def caption(self) -> str:
        when = self.updated.date().strftime("%d.%m.%Y") if self.updated else "ukjent"
        text = f"SSB tabell {self.table}, oppdatert {when}"
        return text + (" (syntetiske demotall)" if self.synthetic else "")


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    indicator: KostraIndicator
    lines: tuple[Line, ...]
    sources: tuple[Source, ...]
    chart_keys: tuple[str, ...]  # the lines drawn: the service (or municipality), group, county, Norway

    def line(self, key: str) -> Line:
        return next(line for line in self.lines if line.key == key)

    @property
    def has_data(self) -> bool:
        return any(
            f.number is not None or f.status == SUPPRESSED for line in self.lines for f in line.figures
        )


@dataclass(frozen=True, slots=True)
class OwnLine:
    count: OwnCount
    key: str  # municipality number, or "tjeneste"
    label: str
    ssb: Figure
    own: int | str | None  # ":" when our figure is suppressed for publication
    difference: int | None


@dataclass(frozen=True, slots=True)
class Comparison:
    tjeneste: Tjeneste
    kommune: str | None
    years: tuple[int, ...]
    members: dict[str, str]  # nummer → navn (the municipalities shown)
    groupings: dict[str, Grouping]  # of the members, on 31.12 of the last year
    indicators: tuple[IndicatorResult, ...]
    own: tuple[OwnLine, ...]
    own_published: bool
    notes: tuple[str, ...]
    sources: tuple[Source, ...]

    @property
    def year(self) -> int:
        return self.years[-1]

    @property
    def synthetic(self) -> bool:
        return any(s.synthetic for s in self.sources)

    @property
    def has_data(self) -> bool:
        return any(i.has_data for i in self.indicators)

    @property
    def focus(self) -> str:
        """The municipality whose group and county the service is compared with: the host (or
        the one municipality shown)."""
        return self.kommune or self.tjeneste.vertskommune.nummer

    def to_json(self) -> dict[str, Any]:
        """``{"year": Y, "indicators": {KEY: {"table", "content_code", "label", "unit", "service",
        "municipalities": {NNNN: v}, "kostragruppe", "fylke", "landet", "rank": {NNNN: [n, m]}}}}``
        for the last year; a value is a number, ``":"`` (suppressed) or ``null`` (missing)."""
        last = len(self.years) - 1
        group = self.groupings.get(self.focus)
        found: dict[str, Any] = {}
        for result in self.indicators:
            ind = result.indicator
            lines = {line.key: line for line in result.lines}

            def value(key: str | None, lines: dict[str, Line] = lines, ind: KostraIndicator = ind) -> Any:
                line = lines.get(key or "")
                return figure_json(line.figures[last], ind.decimals) if line else None

            found[ind.key] = {
                "table": ind.primary.table,
                "content_code": ind.primary.content,
                "label": ind.label,
                "unit": ind.unit,
                "service": value(SERVICE if self.kommune is None else self.kommune),
                "municipalities": {n: value(n) for n in self.members},
                "kostragruppe": value(group.kostragruppe if group else None),
                "fylke": value(group.fylke if group else None),
                "landet": value("EAK"),
                "rank": {n: [r[0], r[1]] for n in self.members if n in lines and (r := lines[n].rank)},
            }
        return {"year": self.year, "indicators": found}


def figure_json(figure: Figure, decimals: int) -> int | float | str | None:
    number = figure.number
    if number is not None:
        return int(number) if decimals == 0 else float(number)
    return SUPPRESSED if figure.status == SUPPRESSED else None


# --- reading cells ----------------------------------------------------------------------------


def _series(indicators: Sequence[KostraIndicator], own: Sequence[OwnCount]) -> list[Series]:
    found = [s for i in indicators for s in i.series()] + [c.ssb for c in own]
    return list(dict.fromkeys(found))


def _cells(
    series: Sequence[Series], years: Sequence[int], regions: Sequence[str] | None
) -> dict[Key, Figure]:
    """Stored cells of ``series`` for ``years`` (all regions when ``regions`` is None)."""
    from django.db.models import Q

    from barnevern.kostra.models import Celle

    if not series:
        return {}
    wanted = Q()
    for s in series:
        wanted |= Q(tabell__tabell_id=s.table, variabel__kode=s.content, dimensjoner=s.dims_key)
    rows = Celle.objects.filter(wanted, ar__in=list(years))
    if regions is not None:
        rows = rows.filter(region__in=list(regions))
    return {
        (table, code, dims, region, ar): Figure(_plain(verdi), status or None)
        for table, code, dims, region, ar, verdi, status in rows.values_list(
            "tabell__tabell_id", "variabel__kode", "dimensjoner", "region", "ar", "verdi", "status"
        )
    }


def _plain(value: Any) -> Decimal | None:
    """A stored value without its trailing zeros (``34.000000`` → ``34``, ``4.900000`` → ``4.9``)."""
    if value is None:
        return None
    number = Decimal(value)
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()


def _sources(tables: Sequence[str]) -> dict[str, Source]:
    from barnevern.kostra.models import Tabell

    return {
        t.tabell_id: Source(t.tabell_id, t.tittel, t.oppdatert, t.syntetisk)
        for t in Tabell.objects.filter(tabell_id__in=list(tables))
    }


class _Values:
    """Figures of one indicator for a region and year, from the cells read."""

    def __init__(
        self, cells: dict[Key, Figure], population: dict[int, dict[str, int]], names: dict[str, str]
    ):
        self.cells, self.population, self.names = cells, population, names

    def cell(self, series: Series, region: str, year: int) -> Figure | None:
        return self.cells.get((series.table, series.content, series.dims_key, region, year))

    def denominator(self, ind: KostraIndicator, region: str, year: int) -> Figure | None:
        if isinstance(ind.denominator, Series):
            return self.cell(ind.denominator, region, year)
        count = self.population.get(year, {}).get(region)
        if count is None:
            return Figure(None, "..", f"innbyggertall 0–17 år {year} mangler")
        return Figure(Decimal(count))

    def part(self, ind: KostraIndicator, region: str, year: int) -> Part:
        return Part(
            self.names.get(region, region),
            self.cell(ind.numerator, region, year),
            self.denominator(ind, region, year),
        )

    def _divide(self, ind: KostraIndicator, parts: list[Part]) -> Figure:
        den_factor = ind.denominator.factor if isinstance(ind.denominator, Series) else Decimal(1)
        return aggregate(
            parts,
            scale=ind.scale,
            decimals=ind.decimals,
            numerator_factor=ind.numerator.factor,
            denominator_factor=den_factor,
        )

    def region(self, ind: KostraIndicator, region: str, year: int, *, ssb_only: bool = False) -> Figure:
        """SSB's published figure for the region when imported, else numerator / denominator."""
        if ind.published is not None:
            found = self.cell(ind.published, region, year)
            if found is not None:
                number = found.number
                if number is None:
                    return found
                return Figure(rounded(number * ind.published.factor, ind.decimals), found.status)
        if ssb_only and ind.denominator == POPULATION_0_17:
            return Figure(None, "..")
        return self._divide(ind, [self.part(ind, region, year)])

    def service(self, ind: KostraIndicator, members: Sequence[str], year: int) -> Figure:
        return self._divide(ind, [self.part(ind, m, year) for m in members])


def _members(tjeneste: Tjeneste, year: int) -> dict[str, str]:
    members = tjeneste.medlemmer_on(date(year, 12, 31)) or tjeneste.medlemmer_on(date(year, 1, 1))
    return {k.nummer: k.navn for k in members}


def _ranks(
    indicators: Sequence[KostraIndicator], year: int, members: Sequence[str], names: dict[str, str]
) -> dict[tuple[str, str], tuple[int, int]]:
    """(indicator, municipality) → rank among all municipalities, from SSB's cells only."""
    series = _series(indicators, [])
    cells = _cells(series, [year], None)
    values = _Values(cells, {}, names)
    found = {}
    for ind in indicators:
        candidates = {
            region
            for (table, code, dims, region, _y) in cells
            if region_kind(region) == "kommune"
            and (table, code, dims) == (ind.primary.table, ind.primary.content, ind.primary.dims_key)
        }
        figures = {region: values.region(ind, region, year, ssb_only=True) for region in candidates}
        for m in members:
            found_rank = rank(figures, m)
            if found_rank is not None:
                found[(ind.key, m)] = found_rank
    return found


def comparison(
    tjeneste: Tjeneste,
    year: int,
    *,
    years: int = DEFAULT_YEARS,
    kommune: str | None = None,
    own_published: bool = False,
    keys: Sequence[str] | None = None,
    with_own: bool = True,
) -> Comparison:
    """See the module docstring. ``ComparisonError`` when ``kommune`` is not a member."""
    from barnevern.organisation.models import population

    if not 1 <= years <= 10:
        raise ComparisonError("Velg mellom 1 og 10 år.")
    year_list = tuple(range(year - years + 1, year + 1))
    per_year = {y: _members(tjeneste, y) for y in year_list}
    all_members: dict[str, str] = {}
    for y in year_list:
        all_members.update(per_year[y])
    if not all_members:
        raise ComparisonError(f"{tjeneste.navn} har ingen medlemskommuner i {year_list[0]}–{year}.")
    host = tjeneste.vertskommune.nummer
    ordered = sorted(all_members, key=lambda n: (n != host, n))
    if kommune is not None:
        if kommune not in all_members:
            raise ComparisonError(
                f"Kommune {kommune} er ikke medlem av {tjeneste.navn} i {year_list[0]}–{year}."
            )
        shown = [kommune]
    else:
        shown = ordered
    indicators = [INDICATORS[k] for k in keys] if keys is not None else list(INDICATORS.values())
    groupings_by_year = {y: grouping(shown, date(y, 12, 31)) for y in year_list}
    last = groupings_by_year[year]
    groups = list(
        dict.fromkeys(
            g.kostragruppe for y in year_list for g in groupings_by_year[y].values() if g.kostragruppe
        )
    )
    counties = list(dict.fromkeys(g.fylke for y in year_list for g in groupings_by_year[y].values()))
    regions = [*ordered, *groups, *counties, "EAKUO", "EAK"]
    own_counts = OWN_COUNTS if with_own else ()
    cells = _cells(_series(indicators, own_counts), year_list, regions)
    inhabitants = {y: population(ordered, y) for y in year_list}
    names = {**region_names(regions), **all_members}
    values = _Values(cells, inhabitants, names)
    ranks = _ranks(indicators, year, shown, names)
    sources = _sources(
        sorted({t for i in indicators for t in i.tables()} | {c.ssb.table for c in own_counts})
    )
    focus = kommune or host
    focus_group = last.get(focus) or next(iter(last.values()))
    results = []
    for ind in indicators:
        lines = []
        if kommune is None:
            lines.append(
                Line(
                    SERVICE,
                    "Hele tjenesten",
                    "tjeneste",
                    tuple(values.service(ind, list(per_year[y]), y) for y in year_list),
                )
            )
        for n in shown:
            lines.append(
                Line(
                    n,
                    all_members[n],
                    "kommune",
                    tuple(values.region(ind, n, y) for y in year_list),
                    ranks.get((ind.key, n)),
                )
            )
        for code in [*groups, *counties, "EAKUO", "EAK"]:
            lines.append(
                Line(
                    code,
                    names[code],
                    region_kind(code),
                    tuple(values.region(ind, code, y) for y in year_list),
                )
            )
        chart = [SERVICE if kommune is None else kommune]
        chart += [c for c in (focus_group.kostragruppe, focus_group.fylke, "EAK") if c]
        results.append(
            IndicatorResult(
                ind,
                tuple(lines),
                tuple(sources[t] for t in ind.tables() if t in sources),
                tuple(chart),
            )
        )
    notes = []
    for n in shown:
        g = last.get(n)
        if g is None or g.kostragruppe is None:
            notes.append(
                f"KOSTRA-gruppen til {all_members[n]} er ikke satt for {year}; leder kan sette den under "
                "KOSTRA → Grupper."
            )
    stored_regions = {region for (_t, _c, _d, region, _y) in cells}
    for code in groups:
        if not any(r == code for r in stored_regions):
            notes.append(f"{names[code]} finnes ikke i tabellene som er lest inn.")
    if not cells:
        notes.append("Ingen KOSTRA-tabeller er lest inn for disse årene.")
    # SSB's counts beside our own: the counts SSB has a cell for in the year
    own_counts = tuple(c for c in own_counts if any(values.cell(c.ssb, n, year) for n in shown))
    own = (
        _own_lines(tjeneste, year, shown, all_members, values, own_counts, own_published, kommune)
        if own_counts
        else ()
    )
    return Comparison(
        tjeneste=tjeneste,
        kommune=kommune,
        years=year_list,
        members={n: all_members[n] for n in shown},
        groupings=last,
        indicators=tuple(results),
        own=own,
        own_published=own_published,
        notes=tuple(notes),
        sources=tuple(sources.values()),
    )


def _own_lines(
    tjeneste: Tjeneste,
    year: int,
    shown: Sequence[str],
    names: dict[str, str],
    values: _Values,
    counts: Sequence[OwnCount],
    published: bool,
    kommune: str | None,
) -> tuple[OwnLine, ...]:
    """SSB's count and Barnevern's own count of the same year, per municipality and in total."""
    from barnevern.rules.periods import Period
    from barnevern.stats.queries import StatsError, indicator_series

    try:
        result = indicator_series(
            tjeneste, [Period.year(year)], published=published, keys=[c.own for c in counts], kommune=kommune
        )[0]
    except StatsError:
        return ()
    lines = []
    for count in counts:
        ssb_total: list[Figure] = []
        for n in shown:
            ssb = values.cell(count.ssb, n, year) or Figure(None, "..")
            own = _own_value(result.value(count.own, n)) if n in result.by_municipality else None
            lines.append(OwnLine(count, n, names[n], ssb, own, _difference(count, ssb, own)))
            ssb_total.append(ssb)
        if kommune is None and len(shown) > 1:
            if any(f.status == SUPPRESSED and f.number is None for f in ssb_total):
                total = Figure(None, SUPPRESSED, "prikket hos SSB")
            elif any(f.number is None for f in ssb_total):
                total = Figure(None, "..")
            else:
                total = Figure(sum((f.number for f in ssb_total if f.number is not None), Decimal(0)))
            own_total = _own_value(result.value(count.own))  # the service's total, as on the statistics page
            lines.append(
                OwnLine(
                    count, SERVICE, "Hele tjenesten", total, own_total, _difference(count, total, own_total)
                )
            )
    return tuple(lines)


def _own_value(value: Any) -> int | str | None:
    """A count from ``stats`` (an int, or «:» when published and hidden)."""
    if value is None or isinstance(value, int | str):
        return value
    return int(value)


def _difference(count: OwnCount, ssb: Figure, own: Any) -> int | None:
    if not count.same_definition or ssb.number is None or not isinstance(own, int):
        return None
    return own - int(ssb.number)


def user_comparison(
    user: User,
    year: int,
    *,
    years: int = DEFAULT_YEARS,
    kommune: str | None = None,
    published: bool = False,
    action: str = "view",
) -> Comparison:
    """The comparison ``user`` may see (``accounts.policy``), with one audit row: the Kommune
    role gets its own municipality and published own counts; leder and saksbehandler the whole
    service (or one member) with exact own counts unless ``published``."""
    from barnevern.accounts import policy
    from barnevern.audit.services import log

    tjeneste, forced = policy.kostra_scope(user)
    if forced is not None:
        kommune, published = forced.nummer, True
    result = comparison(tjeneste, year, years=years, kommune=kommune, own_published=published)
    log(
        action,
        f"KOSTRA-sammenligning {year}" + (f" for kommune {kommune}" if kommune else ""),
        data={
            "tjeneste": tjeneste.slug,
            "ar": year,
            "antall_ar": years,
            "kommune": kommune,
            "publisert": published,
        },
    )
    return result
