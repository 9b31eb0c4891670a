"""Trend charts as inline SVG, drawn on the server (no JavaScript, no style attributes).

``trend_svg`` draws one line over the periods (e.g. 2019–2022) with a labelled point per
period. Hidden figures («:») and missing ones (``None``) leave a gap and are labelled as such.
The SVG has ``role="img"``, an ``aria-label`` with every value, and a ``<title>``; the page
shows the same figures in a table as well. Colours come from the page's CSS classes
(``stats/stats.css``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from barnevern.rules.suppression import SUPPRESSED

__all__ = ["trend_svg"]

WIDTH, HEIGHT = 360, 200
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 24, 32


def _nice_max(value: float) -> int:
    """The smallest of 1, 2, 5 × 10ⁿ at or above ``value`` (at least 1)."""
    if value <= 1:
        return 1
    magnitude = 1
    while magnitude * 10 < value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None or value == SUPPRESSED:
        return None
    if isinstance(value, int | float | Decimal):
        return float(value)
    return None


def _text(css: str, x: float, y: float, text: str) -> str:
    return f'<text class="{css}" x="{x:.1f}" y="{y:.1f}" text-anchor="middle">{escape(text)}</text>'


def trend_svg(
    chart_id: str, title: str, labels: Sequence[str], values: Sequence[object], shown: Sequence[str]
) -> SafeString:
    """One line chart. ``values`` are numbers, ``":"`` or ``None``; ``shown`` the same values
    as the page displays them (Norwegian formatting), used for labels and the text alternative."""
    n = len(labels)
    numbers = [_number(v) for v in values]
    top = _nice_max(max([v for v in numbers if v is not None] or [0]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))

    def y(v: float) -> float:
        return TOP + plot_h * (1 - v / top)

    summary = ", ".join(f"{label}: {text}" for label, text in zip(labels, shown, strict=True))
    parts = [
        f'<svg class="bv-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-label="{escape(title)}. {escape(summary)}" id="{escape(chart_id)}">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in (0, top / 2, top):
        ty = y(tick)
        label = f"{tick:g}".replace(".", ",")
        parts.append(
            f'<line class="bv-chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}"/>'
        )
        parts.append(
            f'<text class="bv-chart__axis" x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end">{label}</text>'
        )
    segment: list[str] = []
    for i, v in enumerate([*numbers, None]):
        if v is not None:
            segment.append(f"{x(i):.1f},{y(v):.1f}")
            continue
        if len(segment) > 1:
            parts.append(f'<polyline class="bv-chart__line" points="{" ".join(segment)}"/>')
        segment = []
    for i, (label, v, text) in enumerate(zip(labels, numbers, shown, strict=True)):
        cx = x(i)
        parts.append(_text("bv-chart__axis", cx, HEIGHT - 10, label))
        if v is None:
            parts.append(_text("bv-chart__gap", cx, y(0) - 6, text))
            continue
        parts.append(f'<circle class="bv-chart__point" cx="{cx:.1f}" cy="{y(v):.1f}" r="4"/>')
        parts.append(_text("bv-chart__value", cx, y(v) - 9, text))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
