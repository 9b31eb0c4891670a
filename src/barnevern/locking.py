"""Optimistic locking: write a row only if nobody saved it since the user opened it.

A form carries the version it was opened at; the write is one
``UPDATE … SET <changes>, versjon = versjon + 1 WHERE pk = … AND versjon = <opened>``.
No row updated means someone else saved first: nothing is written and the caller's conflict
error (with a Norwegian message) is raised. Used by case elements (``cases.services``), avvik
(``quality.avvik``), the deadline settings (``quality.configuration``) and the status report's
text (``reports.services``, counter ``revisjon``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Model


def update_if_unchanged(
    obj: Model, expected: int, conflict: type[Exception], *, field: str = "versjon", **changes: Any
) -> None:
    """Write ``changes`` to ``obj``'s row and step its ``field`` if that still is ``expected``;
    else raise ``conflict()``. On success ``obj.<field>`` is the new version (other attributes
    are not reloaded: call ``refresh_from_db`` where the caller needs them)."""
    updated = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, **{field: expected})
        .update(**changes, **{field: F(field) + 1})
    )
    if updated != 1:
        raise conflict()
    setattr(obj, field, expected + 1)
