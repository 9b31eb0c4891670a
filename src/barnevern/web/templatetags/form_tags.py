"""Template helpers for ``web/form_body.html``."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

SEARCHABLE = 12  # checkbox lists longer than this get a search box (app.js)


@register.filter
def option_groups(bound_field: Any) -> list[tuple[str, list[Any]]]:
    """A checkbox list's options by group: [(group label or "", [subwidgets])] in choice order.

    Long code lists come grouped (``cases.forms.code_choices``); the template shows each group
    as a fieldset with its heading, so 57 «saksinnhold» codes read as 11 short lists."""
    widgets = list(bound_field.subwidgets)
    groups: list[tuple[str, list[Any]]] = []
    position = 0
    for value, label in bound_field.field.choices:
        if isinstance(label, list | tuple):
            groups.append((str(value), widgets[position : position + len(label)]))
            position += len(label)
        else:
            if not groups or groups[-1][0]:
                groups.append(("", []))
            groups[-1][1].append(widgets[position])
            position += 1
    return groups


@register.filter
def searchable(bound_field: Any) -> bool:
    return len(bound_field.subwidgets) > SEARCHABLE
