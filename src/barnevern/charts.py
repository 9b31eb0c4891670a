"""Tiny server-side SVG charts, bars and lines, shared by statistics, staff and the report.

The SVG uses presentation attributes only (no ``style=``, no script), so it passes the
Content-Security-Policy and renders the same in a browser and in WeasyPrint. Every chart has
``role="img"``, an ``aria-label`` and a ``<title>``; the report always prints the same figures
in a table next to it. Series differ by colour *and* by marker or hatching, so colour is never
the only carrier of meaning (WCAG 1.4.1); colours have at least 3:1 contrast against white
(WCAG 1.4.11).

Values may be ``int``, ``Decimal``, a decimal string (``"12.3"``), ``None`` (missing, drawn as
a gap marked «..»), the suppression symbol ``":"`` (hidden, drawn as a gap marked «:») or SSB's
``"."`` (cannot be given, a gap marked «.»).
Output is deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from barnevern import display

__all__ = ["PALETTE", "Series", "bar_chart", "line_chart", "nice_ticks"]

# Designsystemet-like colours, each ≥ 3:1 against white.
PALETTE = ("#0062ba", "#c2410c", "#1a7f37", "#6d28d9", "#9f1239", "#475569")
MARKERS = ("circle", "square", "triangle", "diamond", "circle", "square")
TEXT = "#1e2b3c"
GRID = "#c9d2dc"
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
HIDDEN = ":"
MISSING = ".."
NOT_APPLICABLE = "."

Raw = int | Decimal | str | None


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: Sequence[Raw]


def _number(value: Raw) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _gap_symbol(value: Raw) -> str:
    return value if value in (HIDDEN, NOT_APPLICABLE) else MISSING  # type: ignore[return-value]


def _nb(value: Decimal, *, tick: bool = False) -> str:
    """Norwegian display: digits grouped with no-break spaces, decimal comma. A value keeps its
    decimals (a rate «64,0»); an axis tick drops trailing zeros («25», «2,5»)."""
    if tick:
        return display.number(value, None)
    return display.number(value, max(0, -int(value.as_tuple().exponent)))


def nice_ticks(peak: Decimal, count: int = 5) -> list[Decimal]:
    """Ticks from 0 to a round number ≥ ``peak``, step 1/2/2.5/5 × 10^k (at most ``count`` steps)."""
    if peak <= 0:
        return [Decimal(0), Decimal(1)]
    raw = float(peak) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(Decimal(str(m)) * Decimal(str(magnitude)) for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if peak >= 10 and step < 1:
        step = Decimal(1)
    n = int((peak / step).to_integral_value(rounding="ROUND_CEILING"))
    return [step * i for i in range(n + 1)]


def _open(kind: str, title: str, width: int, height: int, chart_id: str, description: str = "") -> list[str]:
    label = escape(title)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" class="bv-chart bv-chart--{kind}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(description) or label}" font-family="{FONT}">',
        f'<title id="{chart_id}-t">{label}</title>',
    ]


def _axes(
    parts: list[str],
    ticks: list[Decimal],
    box: tuple[float, float, float, float],
    *,
    y_label: str,
    x_label: str,
    width: int,
    height: int,
) -> None:
    left, top, inner_w, inner_h = box
    top_value = ticks[-1]
    for tick in ticks:
        y = top + inner_h - float(tick / top_value) * inner_h
        parts.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + inner_w:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6:.1f}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{TEXT}">{escape(_nb(tick, tick=True))}</text>'
        )
    parts.append(
        f'<line x1="{left:.1f}" y1="{top + inner_h:.1f}" x2="{left + inner_w:.1f}" '
        f'y2="{top + inner_h:.1f}" stroke="{TEXT}" stroke-width="1"/>'
        f'<line x1="{left:.1f}" y1="{top:.1f}" x2="{left:.1f}" y2="{top + inner_h:.1f}" '
        f'stroke="{TEXT}" stroke-width="1"/>'
    )
    if y_label:
        cy = top + inner_h / 2
        parts.append(
            f'<text x="14" y="{cy:.1f}" text-anchor="middle" font-size="11" fill="{TEXT}" '
            f'transform="rotate(-90 14 {cy:.1f})">{escape(y_label)}</text>'
        )
    if x_label:
        parts.append(
            f'<text x="{left + inner_w / 2:.1f}" y="{height - 6}" text-anchor="middle" '
            f'font-size="11" fill="{TEXT}">{escape(x_label)}</text>'
        )


def _legend(parts: list[str], series: Sequence[Series], *, x: float, y: float, kind: str) -> None:
    if len(series) < 2:
        return
    cursor = x
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        if kind == "bar":
            parts.append(_swatch(i, cursor, y - 9, 10, 10))
        else:
            parts.append(
                f'<line x1="{cursor:.1f}" y1="{y - 4:.1f}" x2="{cursor + 16:.1f}" y2="{y - 4:.1f}" '
                f'stroke="{colour}" stroke-width="2"{_dash(i)}/>'
            )
            parts.append(_marker(i, cursor + 8, y - 4))
        text_x = cursor + (14 if kind == "bar" else 20)
        parts.append(
            f'<text x="{text_x:.1f}" y="{y:.1f}" font-size="11" fill="{TEXT}">{escape(s.name)}</text>'
        )
        cursor = text_x + 7 * len(s.name) + 16


def _dash(i: int) -> str:
    return ("", ' stroke-dasharray="6 3"', ' stroke-dasharray="2 3"', ' stroke-dasharray="8 3 2 3"')[i % 4]


def _swatch(i: int, x: float, y: float, w: float, h: float) -> str:
    """A bar or legend swatch: solid for the first series, then hatched with lines."""
    colour = PALETTE[i % len(PALETTE)]
    rect = f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{colour}"/>'
    if i % 3 == 0 or h < 4:
        return rect
    lines = []
    spacing = 5.0
    if i % 3 == 1:  # horizontal stripes in white
        yy = y + spacing
        while yy < y + h:
            lines.append(
                f'<line x1="{x:.1f}" y1="{yy:.1f}" x2="{x + w:.1f}" y2="{yy:.1f}" stroke="#ffffff" '
                f'stroke-width="1.2"/>'
            )
            yy += spacing
    else:  # vertical stripes in white
        xx = x + spacing / 2
        while xx < x + w:
            lines.append(
                f'<line x1="{xx:.1f}" y1="{y:.1f}" x2="{xx:.1f}" y2="{y + h:.1f}" stroke="#ffffff" '
                f'stroke-width="1.2"/>'
            )
            xx += spacing
    return rect + "".join(lines)


def _marker(i: int, cx: float, cy: float) -> str:
    colour = PALETTE[i % len(PALETTE)]
    shape = MARKERS[i % len(MARKERS)]
    if shape == "square":
        return f'<rect x="{cx - 3.5:.1f}" y="{cy - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if shape == "triangle":
        return (
            f'<polygon points="{cx:.1f},{cy - 4.5:.1f} {cx + 4.5:.1f},{cy + 3.5:.1f} '
            f'{cx - 4.5:.1f},{cy + 3.5:.1f}" fill="{colour}"/>'
        )
    if shape == "diamond":
        return (
            f'<polygon points="{cx:.1f},{cy - 5:.1f} {cx + 5:.1f},{cy:.1f} {cx:.1f},{cy + 5:.1f} '
            f'{cx - 5:.1f},{cy:.1f}" fill="{colour}"/>'
        )
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{colour}"/>'


def _peak(series: Sequence[Series]) -> Decimal:
    values = [v for s in series for v in map(_number, s.values) if v is not None]
    return max(values, default=Decimal(0))


def _check(labels: Sequence[str], series: Sequence[Series]) -> None:
    for s in series:
        if len(s.values) != len(labels):
            raise ValueError(
                f"Serien «{s.name}» har {len(s.values)} verdier, men det er {len(labels)} etiketter."
            )


def _frame(
    kind: str,
    labels: Sequence[str],
    series: Sequence[Series],
    right: float,
    title: str,
    chart_id: str,
    y_label: str,
    x_label: str,
    width: int,
    height: int,
    description: str,
) -> tuple[list[str], list[Decimal], tuple[float, float, float, float]]:
    """The opened chart with its axes and legend: (parts, ticks, (left, top, inner width,
    inner height)) for the bars or lines to be drawn in."""
    _check(labels, series)
    left, top = 56.0, 28.0
    bottom = 44.0 if x_label else 30.0
    box = (left, top, width - left - right, height - top - bottom)
    ticks = nice_ticks(_peak(series))
    parts = _open(kind, title, width, height, chart_id, description)
    _axes(parts, ticks, box, y_label=y_label, x_label=x_label, width=width, height=height)
    _legend(parts, series, x=left, y=14, kind=kind)
    return parts, ticks, box


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    chart_id: str,
    y_label: str = "",
    x_label: str = "",
    width: int = 560,
    height: int = 260,
    description: str = "",
) -> SafeString:
    """Vertical bars, grouped per label when there are several series. ``description`` (the
    accessible name, e.g. every value in words) defaults to the title."""
    parts, ticks, (left, top, inner_w, inner_h) = _frame(
        "bar", labels, series, 12.0, title, chart_id, y_label, x_label, width, height, description
    )
    step = inner_w / max(len(labels), 1)
    group_w = step * 0.72
    bar_w = group_w / max(len(series), 1)
    base = top + inner_h
    for j, label in enumerate(labels):
        gx = left + j * step + (step - group_w) / 2
        for i, s in enumerate(series):
            raw = s.values[j]
            value = _number(raw)
            x = gx + i * bar_w
            cx = x + bar_w / 2
            if value is None:
                parts.append(
                    f'<text x="{cx:.1f}" y="{base - 4:.1f}" text-anchor="middle" font-size="11" '
                    f'fill="{TEXT}">{_gap_symbol(raw)}</text>'
                )
                continue
            h = float(value / ticks[-1]) * inner_h
            parts.append(_swatch(i, x + 1, base - h, bar_w - 2, h))
            parts.append(
                f'<text x="{cx:.1f}" y="{base - h - 4:.1f}" text-anchor="middle" font-size="10" '
                f'fill="{TEXT}">{escape(_nb(value))}</text>'
            )
        parts.append(
            f'<text x="{left + j * step + step / 2:.1f}" y="{base + 16:.1f}" text-anchor="middle" '
            f'font-size="11" fill="{TEXT}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped above


def line_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    chart_id: str,
    y_label: str = "",
    x_label: str = "",
    width: int = 560,
    height: int = 260,
    description: str = "",
) -> SafeString:
    """Lines with markers; a missing or hidden value breaks the line. ``description`` as for
    ``bar_chart``."""
    parts, ticks, (left, top, inner_w, inner_h) = _frame(
        "line", labels, series, 24.0, title, chart_id, y_label, x_label, width, height, description
    )
    step = inner_w / max(len(labels) - 1, 1)
    base = top + inner_h

    def x_of(j: int) -> float:
        return left + (j * step if len(labels) > 1 else inner_w / 2)

    for j, label in enumerate(labels):
        parts.append(
            f'<text x="{x_of(j):.1f}" y="{base + 16:.1f}" text-anchor="middle" font-size="11" '
            f'fill="{TEXT}">{escape(label)}</text>'
        )
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        runs: list[list[tuple[float, float]]] = [[]]
        for j, raw in enumerate(s.values):
            value = _number(raw)
            if value is None:
                runs.append([])
                parts.append(
                    f'<text x="{x_of(j):.1f}" y="{base - 4:.1f}" text-anchor="middle" font-size="11" '
                    f'fill="{colour}">{_gap_symbol(raw)}</text>'
                )
                continue
            runs[-1].append((x_of(j), base - float(value / ticks[-1]) * inner_h))
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                parts.append(
                    f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{_dash(i)}/>'
                )
            for x, y in run:
                parts.append(_marker(i, x, y))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped above
