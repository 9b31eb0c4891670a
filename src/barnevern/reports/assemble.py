"""Assembling the status report: one function per section, each calling one owning query.

``assemble(tjeneste, year, kommune=..., public=..., today=...)`` returns plain JSON-ready data
(dicts, lists, ints, strings; decimals as strings) that the HTML page, the PDF, the CLI and an
issued snapshot all render from. Each section calls its owning app's query directly (staff
``overview``, stats ``indicator_series``, quality ``compliance_summary`` and ``avvik_summary``,
economy ``annual_summary``), typed by what it returns. No legal or economic figure is computed
here: counts, rates and shares come from the owning apps, suppression from
``rules.suppression`` and the cost of exclusion from ``rules.exclusion``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from barnevern import display
from barnevern.economy.reporting import annual_summary
from barnevern.organisation.models import Kommune, Tjeneste, population
from barnevern.quality.avvik import avvik_summary
from barnevern.quality.compliance import compliance_summary, share
from barnevern.quality.duties import COMPLETABLE
from barnevern.reports.duties import duty_rows
from barnevern.reports.kostra_section import section_kostra
from barnevern.reports.models import Rapport, Versjon
from barnevern.reports.tables import Grid, value_json
from barnevern.rules import exclusion
from barnevern.rules.deadlines import RULES
from barnevern.rules.indicators import HALF_YEAR_OVERVIEW, INDICATORS, RATE_SUFFIX, YEARLY_OVERVIEW
from barnevern.rules.money import to_ore
from barnevern.rules.periods import Period
from barnevern.staff.queries import overview as staff_overview
from barnevern.stats.queries import indicator_series

FORMAT = 1
YEARS_BACK = 4
LEGAL_BASIS = "Barnevernsloven § 15-3 femte ledd"
FOOTER = {
    Versjon.OFFENTLIG: "Offentlig versjon",
    Versjon.INTERN: "Intern versjon — unntatt offentlighet",
}
SUPPRESSION_TEXT = (
    "Tall fra 1 til 2 er prikket (:) for å hindre at enkeltbarn kan kjennes igjen, og flere tall er "
    "prikket der et prikket tall ellers kunne regnes ut fra summene. Summene for hele tjenesten er "
    "eksakte; «prikket N kommuner» viser hvor mange kommuner som er skjult i tallet. Rater og andeler "
    "vises bare der tallene de bygger på er vist."
)
INTERNAL_TEXT = (
    "Intern versjon med eksakte tall til barnevernsleder og kommunedirektør. Unntatt offentlighet "
    "(offl. § 13 jf. bvl. § 13-1). Ikke del den videre; bruk den offentlige versjonen i "
    "kommunestyrets saksdokumenter."
)
SHARE_KEYS = tuple(k for k, i in INDICATORS.items() if i.kind == "share")
RATE_KEYS = tuple(
    k + RATE_SUFFIX for k in (*YEARLY_OVERVIEW, "barn_med_tiltak") if k + RATE_SUFFIX in INDICATORS
)


@dataclass(frozen=True, slots=True)
class ReportScope:
    tjeneste: Tjeneste
    year: int
    kommune: Kommune | None
    public: bool
    today: date
    rapport: Rapport | None
    names: dict[str, str]  # kommunenummer → navn

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 12, 31)

    @property
    def on(self) -> date:
        """Status date: 31.12 of the year, or today while the year is still running."""
        return min(self.end, self.today)

    def label(self, nummer: str) -> str:
        return self.names.get(nummer, nummer)


def _section(
    key: str, title: str, scope: ReportScope, build: Callable[[ReportScope], dict[str, Any]]
) -> dict[str, Any]:
    return {"key": key, "title": title, "data": build(scope)}


def _nb_date(day: date) -> str:
    return display.day_text(day)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- 1. The service and its agreement (organisation) ---------------------------------------------


def section_service(scope: ReportScope) -> dict[str, Any]:
    t = scope.tjeneste
    members = t.medlemmer_on(scope.on)
    memberships = {m.kommune.nummer: m for m in t.medlemskap.select_related("kommune")}
    pop = population([k.nummer for k in members], scope.year)
    return {
        "navn": t.navn,
        "orgnr": t.organisasjonsnummer,
        "vertskommune": {"nummer": t.vertskommune.nummer, "navn": t.vertskommune.navn},
        "rettsgrunnlag": t.rettsgrunnlag,
        "avtale_signert": _iso(t.avtale_signert),
        "avtale_i_kraft": _iso(t.avtale_i_kraft),
        "medlemmer": [
            {
                "nummer": k.nummer,
                "navn": k.navn,
                "vert": k.pk == t.vertskommune_id,
                "fra": _iso(memberships[k.nummer].fra) if k.nummer in memberships else None,
                "barn_0_17": pop.get(k.nummer),
            }
            for k in members
        ],
        "team": [team.navn for team in t.team.all()],
        "befolkningsar": scope.year,
    }


# --- 2. Staff, competence, 2031 projection (staff) ------------------------------------------------


def _competence(summary: Any) -> dict[str, Any]:
    share = summary.share_compliant
    return {
        "on": summary.on.isoformat(),
        "meets": summary.meets,
        "by_exception": summary.by_exception,
        "does_not_meet": summary.does_not_meet,
        "not_covered": summary.not_covered,
        "covered": summary.covered,
        # A float from rules.competence; carried as a 4-decimal string, never recomputed.
        "share": f"{share:.4f}" if share is not None else None,
    }


def section_staff(scope: ReportScope) -> dict[str, Any]:
    """Organisational figures, exact in both versions (no child data); the monthly sick leave of a
    small staff is health information and is left out of the public version."""
    data = staff_overview(scope.tjeneste, scope.on)
    comp = data.competence
    now, later = _competence(comp.now), _competence(comp.projected)
    result: dict[str, Any] = {
        "on": data.on.isoformat(),
        "employees": data.employees,
        "fte": value_json(data.fte),
        "vacant_fte": value_json(data.vacant_fte),
        "vacancies": len(data.vacancies),
        "teams": [
            {
                "name": t.name,
                "employees": t.employees,
                "fte": value_json(t.fte),
                "vacancies": t.vacancies,
                "vacant_fte": value_json(t.vacant_fte),
            }
            for t in data.teams
        ],
        "professions": [{"label": label, "count": n} for label, n in data.professions],
        "competence": {
            "variant": comp.variant.name,
            "source": comp.variant.source,
            "now": now,
            "projected": later,
        },
        "sick_leave": [],
        "charts": [
            {
                "id": "staff-competence",
                "type": "bar",
                "title": "Ansatte som omfattes av kompetansekravet, nå og forventet 2031",
                "labels": ["Oppfyller", "Oppfyller etter unntak", "Oppfyller ikke"],
                "series": [
                    {
                        "name": f"Per {_nb_date(comp.now.on)}",
                        "values": [now["meets"], now["by_exception"], now["does_not_meet"]],
                    },
                    {
                        "name": f"Forventet {_nb_date(comp.projected.on)}",
                        "values": [later["meets"], later["by_exception"], later["does_not_meet"]],
                    },
                ],
                "y_label": "Ansatte",
                "x_label": "Status",
                "kind": "count",
            }
        ],
    }
    if not scope.public:
        result["sick_leave"] = [
            {"month": m.month.isoformat(), "percent": value_json(m.percent)} for m in data.sick_leave
        ]
    return result


# --- 3. Key figures (stats) -----------------------------------------------------------------------


class Figures:
    """One period's ``stats.queries.StatsResult`` as the report reads it (JSON-ready values).

    The stats app has already applied the small-number suppression when ``published``, the same
    way as on the statistics pages, so a figure is hidden alike everywhere.
    """

    def __init__(self, result: Any) -> None:
        self.result = result
        self.period: Period = result.period
        self.members = list(result.municipalities)

    def value(self, key: str, kommune: str | None = None) -> Any:
        return value_json(self.result.value(key, kommune))

    def note(self, key: str) -> str:
        return self.result.note(key) if INDICATORS[key].is_count else ""


def _kind(kind: str) -> str:
    return {"event": "count", "children": "count"}.get(kind, kind)


def _table(scope: ReportScope, fig: Figures, keys: tuple[str, ...], caption: str) -> dict[str, Any]:
    """Indicators × member municipalities (or the one municipality), with the service total."""
    cols = [scope.kommune.nummer] if scope.kommune else fig.members
    columns = [{"key": c, "label": scope.label(c)} for c in cols] + [{"key": "", "label": "Hele tjenesten"}]
    rows = []
    for key in keys:
        ind = INDICATORS[key]
        cells = [{"v": fig.value(key, c)} for c in cols]
        cells.append({"v": fig.value(key), "n": fig.note(key)})
        rows.append({"key": key, "label": ind.name_nb, "kind": _kind(ind.kind), "cells": cells})
    return {"caption": caption, "head": "Indikator", "columns": columns, "rows": rows}


def _series_table(
    scope: ReportScope, figs: list[Figures], keys: tuple[str, ...], caption: str
) -> dict[str, Any]:
    """Indicators × years, for the whole service (seeds: «Alle 5 kommuner») or one municipality."""
    where = scope.kommune.nummer if scope.kommune else None
    rows = []
    for key in keys:
        ind = INDICATORS[key]
        cells = []
        for fig in figs:
            cell: dict[str, Any] = {"v": fig.value(key, where)}
            if where is None and fig.note(key):
                cell["n"] = fig.note(key)
            cells.append(cell)
        rows.append({"key": key, "label": ind.name_nb, "kind": _kind(ind.kind), "cells": cells})
    return {
        "caption": caption,
        "head": scope.kommune.navn if scope.kommune else f"Alle {len(figs[-1].members)} kommuner",
        "columns": [{"key": f.period.code, "label": f.period.label} for f in figs],
        "rows": rows,
    }


def _chart(
    chart_id: str, title: str, table: dict, keys: tuple[str, ...], y_label: str, names: dict | None = None
) -> dict:
    rows = {r["key"]: r for r in table["rows"]}
    names = names or {}
    return {
        "id": chart_id,
        "type": "bar",
        "title": title,
        "labels": [c["label"] for c in table["columns"]],
        "series": [
            {"name": names.get(k, rows[k]["label"]), "values": [c["v"] for c in rows[k]["cells"]]}
            for k in keys
            if k in rows
        ],
        "y_label": y_label,
        "x_label": "År",
        "kind": "count",
    }


def section_key_figures(scope: ReportScope) -> dict[str, Any]:
    years = [Period.year(y) for y in range(scope.year - YEARS_BACK + 1, scope.year + 1)]
    halves = [Period.half(scope.year, 1), Period.half(scope.year, 2)]
    results = indicator_series(scope.tjeneste, [*years, *halves], published=scope.public)
    figs = [Figures(r) for r in results]
    yearly, half_figs = figs[: len(years)], figs[len(years) :]
    current = yearly[-1]
    span = f"{years[0].label}–{years[-1].label}"
    series = _series_table(scope, yearly, YEARLY_OVERVIEW, f"Nøkkeltall {span}")
    rates = _series_table(scope, yearly, RATE_KEYS, f"Per 1 000 innbyggere 0–17 år, {span}")
    rate_chart = _chart(
        "kf-rater",
        f"Per 1 000 innbyggere 0–17 år, {span}",
        rates,
        tuple(k + RATE_SUFFIX for k in ("meldinger", "undersokelser_startet", "barn_med_tiltak")),
        "Per 1 000",
        names={
            "meldinger" + RATE_SUFFIX: "Meldinger",
            "undersokelser_startet" + RATE_SUFFIX: "Undersøkelser startet",
            "barn_med_tiltak" + RATE_SUFFIX: "Barn med tiltak",
        },
    )
    rate_chart.update(type="line", kind="rate")
    data: dict[str, Any] = {
        "series": series,
        "rates": rates,
        "rate_charts": [rate_chart],
        "charts": [
            _chart("kf-meldinger", "Meldinger mottatt per år", series, ("meldinger",), "Antall"),
            _chart(
                "kf-undersokelser",
                "Undersøkelser startet og avsluttet per år",
                series,
                ("undersokelser_startet", "undersokelser_avsluttet"),
                "Antall",
            ),
            _chart(
                "kf-tiltak",
                "Barn med hjelpetiltak og omsorgstiltak per år",
                series,
                ("barn_med_hjelpetiltak", "barn_med_omsorgstiltak"),
                "Antall barn",
            ),
        ],
        "by_municipality": _table(
            scope, current, YEARLY_OVERVIEW + RATE_KEYS, f"Nøkkeltall per kommune {current.period.label}"
        ),
        "quality": _table(scope, current, SHARE_KEYS, f"Kvalitetsindikatorer {current.period.label}"),
        "half_years": [
            _table(
                scope,
                f,
                HALF_YEAR_OVERVIEW,
                f"{f.period.label} (tall «ved periodens slutt» gjelder {f.period.end_label})",
            )
            for f in half_figs
        ],
    }
    if scope.kommune is None and len(current.members) > 1:
        key = "meldinger" + RATE_SUFFIX
        data["charts"].append(
            {
                "id": "kf-rate",
                "type": "bar",
                "title": f"Meldinger per 1 000 innbyggere 0–17 år per kommune, {current.period.label}",
                "labels": [scope.label(k) for k in current.members] + ["Hele tjenesten"],
                "series": [
                    {
                        "name": INDICATORS[key].name_nb,
                        "values": [current.value(key, k) for k in current.members] + [current.value(key)],
                    }
                ],
                "y_label": "Per 1 000",
                "x_label": "Kommune",
                "kind": "rate",
            }
        )
    return data


# --- 4. Deadlines (quality) -----------------------------------------------------------------------

NOT_RECORDED = "ikke registrert"


def section_deadlines(scope: ReportScope) -> dict[str, Any]:
    summary = compliance_summary(scope.tjeneste, scope.start, scope.end, today=scope.today)
    members = [k.nummer for k in scope.tjeneste.medlemmer_on(scope.on)]
    columns = [*members, *sorted(k for k in summary if k not in members)]
    rules = sorted({r for per in summary.values() for r in per}, key=lambda r: int(r[1:]))

    def count(kommune: str, rule: str, what: Literal["met", "breached", "days_over"]) -> int:
        found = summary.get(kommune, {}).get(rule)
        return found[what] if found is not None else 0

    counts = {
        (rule, what): {k: count(k, rule, what) for k in columns}
        for rule in rules
        for what in ("met", "breached")
    }
    grid = Grid(counts, public=scope.public, members=members)
    where = scope.kommune.nummer if scope.kommune else None

    def figure(rule: str, what: str, k: str | None) -> Any:
        return grid.total((rule, what)) if k is None else grid.cell((rule, what), k)

    def share_of(rule: str, k: str | None) -> Any:
        met, breached = figure(rule, "met", k), figure(rule, "breached", k)
        if ":" in (met, breached):
            return ":"
        return value_json(share(met, breached))

    # A duty BVR does not carry (D2, feedback to the melder) is known only where the service has
    # recorded it in Barnevern (a letter, or «utført frist»). With nothing recorded in the
    # period, «0,0 % overholdt, 163 brudd» would be a figure made of missing data: the report
    # says «ikke registrert» instead, with a note.
    not_recorded = {
        rule for rule in rules if rule in COMPLETABLE and sum(count(k, rule, "met") for k in columns) == 0
    }
    def _shown(rule: str, k: str) -> Any:
        return NOT_RECORDED if rule in not_recorded else share_of(rule, k)

    rows = []
    for rule in rules:
        spec = RULES.get(rule)
        missing = rule in not_recorded
        row: dict[str, Any] = {
            "rule": rule,
            "title": spec.title_nb if spec else rule,
            "paragraph": spec.paragraph_2021 if spec else "",
            "met": NOT_RECORDED if missing else figure(rule, "met", where),
            "breached": NOT_RECORDED if missing else figure(rule, "breached", where),
            "share": NOT_RECORDED if missing else share_of(rule, where),
            "not_recorded": missing,
        }
        if not scope.public:
            row["days_over"] = sum(count(k, rule, "days_over") for k in ([where] if where else columns))
        rows.append(row)
    per_kommune = None
    if where is None and len(members) > 1:
        per_kommune = {
            "caption": f"Andel frister overholdt per kommune {scope.year}",
            "head": "Frist",
            "columns": [{"key": k, "label": scope.label(k)} for k in members],
            "rows": [
                {
                    "key": rule,
                    "label": f"{rule} {RULES[rule].title_nb if rule in RULES else ''}".strip(),
                    "kind": "share",
                    "cells": [{"v": _shown(rule, k)} for k in members],
                }
                for rule in rules
            ],
        }
    return {
        "period": str(scope.year),
        "rows": rows,
        "per_kommune": per_kommune,
        "internal": not scope.public,
        "not_recorded": sorted(not_recorded, key=lambda r: int(r[1:])),
    }


# --- 5. Internal control (quality) ----------------------------------------------------------------


def section_internal_control(scope: ReportScope) -> dict[str, Any]:
    summary = avvik_summary(scope.tjeneste, scope.start, scope.end)
    counts = {
        code: {"registrert": row["registrert"], "apen": row["apen"], "lukket": row["lukket"]}
        for code, row in summary.items()
    }
    # Categories are rows; «registrert» = åpen + lukket, so only åpen and lukket are cells.
    grid = Grid(
        {code: {"apen": c["apen"], "lukket": c["lukket"]} for code, c in counts.items()},
        public=scope.public,
        members=[],
    )
    rows = [
        {
            "key": code,
            "label": row["label"],
            "registrert": grid.total(code),
            "apen": grid.cell(code, "apen"),
            "lukket": grid.cell(code, "lukket"),
        }
        for code, row in summary.items()
    ]
    return {"period": str(scope.year), "rows": rows, "scope_note": scope.kommune is not None}


# --- 6. Economy (economy) -------------------------------------------------------------------------


def section_economy(scope: ReportScope) -> dict[str, Any]:
    """Amounts exactly as the economy app gives them (money is not suppressed); the number of
    placements behind the co-payments is a count of children and is suppressed when public."""
    data = json.loads(json.dumps(annual_summary(scope.tjeneste, scope.year), default=_json_default))
    where = scope.kommune.nummer if scope.kommune else None
    if where is not None:
        for part in ("per_kommune",):
            data[part] = [row for row in data.get(part, []) if row.get("nummer") == where]
        for settlement in data.get("settlements", []):
            settlement["members"] = [m for m in settlement.get("members", []) if m.get("nummer") == where]
        if isinstance(data.get("reform"), dict):
            data["reform"]["rows"] = [r for r in data["reform"].get("rows", []) if r.get("nummer") == where]
    copay = data.get("copayments")
    if scope.public and isinstance(copay, dict) and isinstance(copay.get("placements"), int):
        copay["placements"] = Grid({"n": {"alle": copay["placements"]}}, public=True, members=[]).cell(
            "n", "alle"
        )
    return data


# --- 7. Statutory duties (this app) ---------------------------------------------------------------


def section_duties(scope: ReportScope) -> dict[str, Any]:
    return {"rows": duty_rows(scope.tjeneste, scope.year, scope.kommune, scope.on)}


# --- 8. The leader's assessment (this app) --------------------------------------------------------

NARRATIVE = (
    ("utfordringer", "Utfordringer"),
    ("tiltak", "Tiltak"),
    ("samarbeid", "Samarbeid med andre tjenester"),
    ("veien_videre", "Veien videre"),
)


def blocks(text: str) -> list[dict[str, Any]]:
    """Plain text → paragraphs and lists: a blank line separates blocks; a block whose every
    line starts with «-», «–» or «•» is a list. No HTML is interpreted."""
    result = []
    for block in (b.strip() for b in text.replace("\r\n", "\n").split("\n\n")):
        if not block:
            continue
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if all(line[:1] in "-–•" for line in lines):
            result.append({"type": "list", "items": [line[1:].strip() for line in lines]})
        else:
            result.append({"type": "p", "lines": lines})
    return result


def section_narrative(scope: ReportScope) -> dict[str, Any]:
    texts = scope.rapport.narrative() if scope.rapport else {}
    return {
        "parts": [
            {"key": key, "title": title, "blocks": blocks(texts.get(key, ""))} for key, title in NARRATIVE
        ]
    }


# --- 9. The social cost of exclusion (rules.exclusion) --------------------------------------------


def section_exclusion(scope: ReportScope) -> dict[str, Any]:
    persons = scope.rapport.utenfor_antall if scope.rapport else None
    model = exclusion.DEFAULT_MODEL
    cost = exclusion.social_cost(persons or 1)
    return {
        "persons": persons,
        "basis": scope.rapport.utenfor_grunnlag if scope.rapport else "",
        "age_from": model.age_from,
        "age_to": model.age_to,
        "per_person": value_json(model.per_person),
        "benefits_per_person": value_json(to_ore(model.benefits)),
        "other_per_person": value_json(to_ore(model.other_costs)),
        "per_person_per_year": value_json(cost.per_person_per_year),
        "total": value_json(cost.total) if persons else None,
        "source": cost.source,
    }


# --- the whole report -----------------------------------------------------------------------------

SECTIONS: tuple[tuple[str, str, Callable[[ReportScope], dict[str, Any]]], ...] = (
    ("tjenesten", "Tjenesten og samarbeidsavtalen", section_service),
    ("ansatte", "Kapasitet og kompetanse", section_staff),
    ("nokkeltall", "Nøkkeltall", section_key_figures),
    ("kostra", "Sammenligning med andre kommuner (KOSTRA)", section_kostra),
    ("frister", "Frister", section_deadlines),
    ("internkontroll", "Internkontroll og avvik", section_internal_control),
    ("okonomi", "Ressursbruk og økonomi", section_economy),
    ("plikter", "Kommunens lovpålagte plikter", section_duties),
    ("vurdering", "Barnevernsleders vurdering", section_narrative),
    ("utenfor", "Utenforregnskapet", section_exclusion),
)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"Kan ikke lagre {type(value).__name__} i rapporten.")


def freeze(data: dict[str, Any]) -> str:
    """The canonical JSON text of a report (what an issued edition stores)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def meta(scope: ReportScope) -> dict[str, Any]:
    versjon = Versjon.OFFENTLIG if scope.public else Versjon.INTERN
    t = scope.tjeneste
    members = t.medlemmer_on(scope.on)
    return {
        "title": f"Tilstandsrapport {scope.year}",
        "service": {"slug": t.slug, "navn": t.navn, "orgnr": t.organisasjonsnummer},
        "year": scope.year,
        "kommune": {"nummer": scope.kommune.nummer, "navn": scope.kommune.navn} if scope.kommune else None,
        "scope_label": (
            f"{scope.kommune.navn} kommune"
            if scope.kommune
            else f"Hele tjenesten – {len(members)} kommuner: " + ", ".join(k.navn for k in members)
        ),
        "version": str(versjon),
        "version_label": str(Versjon(versjon).label),
        "footer": FOOTER[versjon],
        "version_text": SUPPRESSION_TEXT if scope.public else INTERNAL_TEXT,
        "legal_basis": LEGAL_BASIS,
        "generated": scope.today.isoformat(),
        "status_date": scope.on.isoformat(),
        "status": scope.rapport.status if scope.rapport else "utkast",
        "edition": None,
    }


def assemble(
    tjeneste: Tjeneste,
    year: int,
    *,
    kommune: Kommune | None = None,
    public: bool,
    today: date,
    rapport: Rapport | None = None,
) -> dict[str, Any]:
    """The whole report as JSON-ready data (see the module docstring)."""
    names = {k.nummer: k.navn for k in Kommune.objects.filter(nummer__in=tjeneste.kommunenumre())}
    scope = ReportScope(tjeneste, year, kommune, public, today, rapport, names)
    data = {
        "format": FORMAT,
        "meta": meta(scope),
        "sections": [_section(key, title, scope, build) for key, title, build in SECTIONS],
    }
    return json.loads(freeze(data))  # exactly what a frozen edition reads back
