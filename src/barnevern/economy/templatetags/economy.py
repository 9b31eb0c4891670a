"""Template filters for money and shares: formatting only, never arithmetic."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from barnevern.rules.money import format_nok

register = template.Library()


@register.filter
def nok(value: Any) -> str:
    """``Decimal("1877812.5")`` or ``"1877812.50"`` -> ``1 877 812,50`` (non-breaking spaces)."""
    if value is None or value == "":
        return "–"
    try:
        return format_nok(Decimal(str(value)), nbsp=True)
    except (InvalidOperation, ValueError):
        return str(value)


@register.filter
def nbsp(value: Any) -> str:
    return str(value).replace(" ", "\u00a0")


@register.filter
def negative(value: Any) -> bool:
    try:
        return Decimal(str(value)) < 0
    except (InvalidOperation, ValueError):
        return False


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
