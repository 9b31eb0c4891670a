"""Display helpers for the quality pages (formatting only, no figures computed)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def percent(value: Decimal | None) -> str:
    """0.9512 → «95,1 %»; ``None`` → «–»."""
    if value is None:
        return "–"
    shown = (Decimal(value) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{shown} %".replace(".", ",")


@register.filter
def days_nb(value: int) -> str:
    """1 → «1 dag», 3 → «3 dager»."""
    return f"{value} dag" if value == 1 else f"{value} dager"
