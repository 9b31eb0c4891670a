"""Display helpers for the quality pages (formatting only, no figures computed)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from barnevern import display

register = template.Library()


@register.filter
def percent(value: Decimal | None) -> str:
    """A share: 0.9512 → «95,1 %»; ``None`` → «–» (``barnevern.display.percent``)."""
    return display.percent(value)


@register.filter
def days_nb(value: int) -> str:
    """1 → «1 dag», 3 → «3 dager»."""
    return f"{value} dag" if value == 1 else f"{value} dager"
