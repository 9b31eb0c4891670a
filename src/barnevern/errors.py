"""The one shape of an error a user can fix (pure Python, no Django).

A service raises a subclass of :class:`UserError` with a Norwegian ``message`` that says what is
wrong and how to fix it, and, when the error belongs to one form field, that field's name in
``field``. Views put it on the form (``form.add_error(field or None, message)``), commands print
it and exit with a non-zero code. Nothing was stored when one is raised: services raise before
they write, or inside the transaction that is then rolled back.
"""

from __future__ import annotations


class UserError(ValueError):
    """Input a user can fix: ``message`` is Norwegian, ``field`` names the form field (or is
    ``None``/"" for the form as a whole)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
