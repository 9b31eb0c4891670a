"""Display helpers for the staff pages: competence labels, FTE and percent in Norwegian form."""

from __future__ import annotations

from decimal import Decimal

from django import template

from barnevern import display

register = template.Library()

STATUS_LABELS = {
    "meets": ("Oppfyller", "success"),
    "meets_by_exception": ("Oppfyller ved unntak", "warning"),
    "does_not_meet": ("Oppfyller ikke", "danger"),
    "not_covered": ("Omfattes ikke", "neutral"),
}
PATH_LABELS = {
    "master": "mastergrad",
    "bachelor": "bachelor, erfaring og eventuell videreutdanning",
    "exception": "unntak (vanskelig å rekruttere)",
}


@register.filter
def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, (status, "neutral"))[0]


@register.filter
def status_color(status: str) -> str:
    return STATUS_LABELS.get(status, (status, "neutral"))[1]


@register.filter
def path_label(path: str | None) -> str:
    return PATH_LABELS.get(path or "", "")


@register.filter
def fte(value: Decimal | None) -> str:
    """12.8 → «12,8»."""
    return "–" if value is None else display.number(value, 1)


@register.filter
def pct(value: float | Decimal | None) -> str:
    """A share (0–1) as «75 %» (``barnevern.display.percent``, no decimals)."""
    return display.percent(value, 0)


@register.filter
def percent_of(value: Decimal | None) -> str:
    """A figure already in per cent (a position of 80.00, sick leave of 7.46) as «80 %» or «7,5 %»."""
    if value is None:
        return "–"
    return display.percent_of(value, 0 if value == value.to_integral_value() else 1)
