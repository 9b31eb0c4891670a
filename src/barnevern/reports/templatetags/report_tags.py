"""Display of report figures (Norwegian formats) and the SVG charts, for the report template."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.safestring import SafeString

from barnevern import charts, display
from barnevern.rules.money import format_nok

register = template.Library()

MISSING = ".."
SUPPRESSED = ":"
NBSP = "\u00a0"


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _group(n: int) -> str:
    return f"{n:,}".replace(",", NBSP).replace("-", "−")


@register.filter
def fig(value: Any, kind: str = "count") -> str:
    """``count`` 1 234 · ``rate`` 12,3 · ``share`` 66,7 % · ``money`` 1 877 812,50 · ``estimate``
    24 milliarder · ``fte`` 12,8
    · ``percent`` 4,5 %; «..» for a missing figure and «:» for a suppressed one."""
    if value is None or value == "":
        return MISSING
    if value == SUPPRESSED:
        return SUPPRESSED
    number = _decimal(value)
    if number is None:
        return str(value)
    if kind == "share":
        return display.percent(number)
    if kind == "money":
        return format_nok(number, nbsp=True)
    if kind == "estimate":  # an order of magnitude: «24 milliarder», never to the øre
        return display.estimate(number)
    if kind == "percent":
        return display.percent_of(number)
    if kind in ("rate", "fte"):
        return display.number(number, 1)
    if number == number.to_integral_value():
        return display.number(number)
    return display.number(number, None)


@register.filter
def nbdate(value: Any) -> str:
    """ISO date → 31.12.2022 («..» when missing)."""
    if not value:
        return MISSING
    return display.day_text(value if isinstance(value, date) else date.fromisoformat(str(value)))


@register.simple_tag
def chart(spec: dict[str, Any]) -> SafeString:
    series = [charts.Series(s["name"], s["values"]) for s in spec["series"]]
    draw = charts.line_chart if spec.get("type") == "line" else charts.bar_chart
    return draw(
        spec["labels"],
        series,
        title=spec["title"],
        chart_id=spec["id"],
        y_label=spec.get("y_label", ""),
        x_label=spec.get("x_label", ""),
        width=spec.get("width", 560),
        height=spec.get("height", 260),
    )


@register.filter
def section_template(key: str) -> str:
    return f"reports/sections/{key}.html"


@register.filter
def at(values: Any, index: int) -> Any:
    """``values|at:i`` — the i-th element (None when out of range)."""
    try:
        return values[int(index)]
    except (IndexError, TypeError, ValueError, KeyError):
        return None
