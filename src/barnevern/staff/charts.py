"""Server-side SVG charts (no JavaScript, no inline style): presentation attributes only.

Every chart has a <title> and <desc>; the page shows the same figures in a table as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = "#0062ba"  # Designsystemet accent; 6.6:1 against white
TEXT = "#1e2b3c"
GRID = "#c9d2dc"


def _nb(value: Decimal) -> str:
    return f"{value:.1f}".replace(".", ",")


def bar_chart(
    points: Sequence[tuple[str, Decimal | None]],
    *,
    title: str,
    desc: str,
    chart_id: str,
    unit: str = " %",
    width: int = 640,
    height: int = 240,
) -> SafeString:
    """A vertical bar chart; ``None`` values are shown as a gap labelled «–»."""
    left, right, top, bottom = 40, 10, 20, 40
    inner_w, inner_h = width - left - right, height - top - bottom
    values = [v for _, v in points if v is not None]
    peak = max(values, default=Decimal("1"))
    scale_max = max(Decimal("5"), (peak / 5).to_integral_value(rounding=ROUND_CEILING) * 5)
    step = inner_w / max(len(points), 1)
    bar_w = step * 0.6
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bv-chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" width="100%">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    for i in range(6):
        tick = scale_max * i / 5
        y = top + inner_h - float(tick / scale_max) * inner_h
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="{TEXT}">'
            f"{int(tick)}</text>"
        )
    for i, (label, value) in enumerate(points):
        x = left + i * step + (step - bar_w) / 2
        cx = x + bar_w / 2
        if value is not None:
            h = float(value / scale_max) * inner_h
            y = top + inner_h - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{BAR}">'
                f"<title>{escape(label)}: {escape(_nb(value))}{escape(unit)}</title></rect>"
                f'<text x="{cx:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="10" fill="{TEXT}">'
                f"{escape(_nb(value))}</text>"
            )
        else:
            parts.append(
                f'<text x="{cx:.1f}" y="{top + inner_h - 4}" text-anchor="middle" font-size="11" '
                f'fill="{TEXT}">–</text>'
            )
        parts.append(
            f'<text x="{cx:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11" '
            f'fill="{TEXT}">{escape(label)}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{top + inner_h}" x2="{width - right}" y2="{top + inner_h}" '
        f'stroke="{TEXT}" stroke-width="1"/></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped above
