"""Template filters of the foster-home pages."""

from __future__ import annotations

from django import template

from barnevern.rules.identity import mask

register = template.Library()


@register.filter
def masked(value: str | None) -> str:
    """An identity number with the personal digits hidden (``rules.identity.mask``)."""
    return mask(value)
