"""The report's KOSTRA section: the service beside its KOSTRA group, county and Norway.

The figures come from ``kostra.queries.comparison`` (called directly, typed by what it returns): SSB's
published KOSTRA figures, the service as Σ numerators / Σ denominators over the members, and
SSB's counts beside the register's own. Here they only become JSON-ready tables and chart specs
(values as decimal strings, ``":"``, ``"."`` or None for «..»). The public version shows the
register's own counts suppressed, as everywhere else; SSB's figures are public already.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from barnevern.kostra.queries import Comparison, IndicatorResult, comparison
from barnevern.reports.tables import value_json

YEARS = 5
KIND = {"rate": "rate", "percent": "percent", "money": "count"}  # how reports' «fig» prints them
INTRO = (
    "KOSTRA-tall fra SSB for tjenestens kommuner, ved siden av KOSTRA-gruppen, fylket og landet. "
    "«Hele tjenesten» er summen av tellerne delt på summen av nevnerne for medlemskommunene, ikke et "
    "gjennomsnitt av kommunenes tall; er tallet prikket hos SSB for én kommune, er også tjenestens tall "
    "prikket. Rangeringen (nr. 1 er høyest) vises når SSBs tall for alle kommuner er lest inn."
)
SYNTHETIC = "Syntetiske demotall: tabellene som er lest inn er oppdiktede tall for demoen, ikke SSBs tall."


def _value(figure: Any) -> Any:
    number = figure.number
    if number is not None:
        return value_json(Decimal(number))
    return figure.status if figure.status in (":", ".") else None


def _indicator(result: IndicatorResult, years: tuple[int, ...], span: str) -> dict[str, Any]:
    ind = result.indicator
    kind = KIND[ind.kind]
    sources_text = "; ".join(s.caption() for s in result.sources) or "ingen tabell lest inn"
    rows, footnotes = [], []
    for line in result.lines:
        cells: list[dict[str, Any]] = [{"v": _value(f)} for f in line.figures]
        if line.rank:
            cells[-1]["n"] = f"nr. {line.rank[0]} av {line.rank[1]}"
        rows.append({"key": line.key, "label": line.label, "kind": kind, "cells": cells})
        footnotes += [
            f"{line.label} {y}: {f.reason}" for y, f in zip(years, line.figures, strict=True) if f.reason
        ]
    by_key = {line.key: line for line in result.lines}
    chart = {
        "id": f"kostra-{ind.key}",
        "type": "line",
        "title": f"{ind.label}, {span}",
        "labels": [str(y) for y in years],
        "series": [
            {"name": by_key[k].label, "values": [_value(f) for f in by_key[k].figures]}
            for k in result.chart_keys
            if k in by_key
        ],
        "y_label": ind.unit,
        "x_label": "År",
        "kind": kind,
        "height": 210,
    }
    return {
        "key": ind.key,
        "label": ind.label,
        "unit": ind.unit,
        "note": ind.note,
        "sources": sources_text,
        "chart": chart,
        "table": {
            "caption": f"{ind.label} ({ind.unit}), {span}. Kilde: {sources_text}.",
            "head": "Region",
            "columns": [{"key": str(y), "label": str(y)} for y in years],
            "rows": rows,
        },
        "footnotes": footnotes,
        "has_data": result.has_data,
    }


def _own(result: Comparison) -> dict[str, Any] | None:
    if not result.own:
        return None
    rows = []
    for line in result.own:
        own = line.own if line.own is not None else None
        rows.append(
            {
                "key": f"{line.count.key}-{line.key}",
                "label": f"{line.count.label} – {line.label}",
                "kind": "count",
                "cells": [
                    {"v": _value(line.ssb)},
                    {"v": own},
                    {"v": line.difference if line.difference is not None else "–"},
                ],
            }
        )
    version = "publisert (små tall prikket)" if result.own_published else "eksakte tall"
    return {
        "caption": f"SSBs publiserte tall og Barnevernets egne for {result.year} (egne tall: {version})",
        "head": "Tall og kommune",
        "columns": [
            {"key": "ssb", "label": "SSB"},
            {"key": "own", "label": "Barnevern"},
            {"key": "diff", "label": "Differanse"},
        ],
        "rows": rows,
    }


def section_kostra(scope: Any) -> dict[str, Any]:
    result = comparison(
        scope.tjeneste,
        scope.year,
        years=YEARS,
        kommune=scope.kommune.nummer if scope.kommune else None,
        own_published=scope.public,
    )
    span = f"{result.years[0]}–{result.year}"
    notes = {c.label: c.note for c in (line.count for line in result.own)}
    return {
        "intro": INTRO,
        "synthetic": SYNTHETIC if result.synthetic else "",
        "years": [str(y) for y in result.years],
        "indicators": [_indicator(r, result.years, span) for r in result.indicators],
        "own": _own(result),
        "own_notes": [f"{label}: {note}" for label, note in notes.items()],
        "notes": list(result.notes),
        "empty": not result.has_data,
    }
