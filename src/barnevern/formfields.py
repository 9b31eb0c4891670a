"""Typed access to a form's bound fields.

``form.fields[name]`` is typed as a plain ``Field``, so setting the choices or the queryset
of a field in ``__init__`` needs its real class. These helpers check it at run time (a
renamed or retyped field fails loudly instead of silently getting an attribute it ignores)::

    choice_field(self, "kommune").choices = [("", _("Alle kommuner")), *kommuner]
    model_choice_field(self, "sak").queryset = saker
"""

from __future__ import annotations

from typing import Any

from django import forms

from barnevern.errors import UserError


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The bound ``ChoiceField`` (or a subclass: multiple, typed, model choice) ``name``."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a ChoiceField")
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The bound ``ModelChoiceField`` (or ``ModelMultipleChoiceField``) ``name``."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a ModelChoiceField")
    return field


def add_user_error(form: forms.BaseForm, exc: UserError) -> None:
    """Put a service's :class:`~barnevern.errors.UserError` on the form: on its field when the
    form has that field, else as an error of the whole form."""
    form.add_error(exc.field if exc.field and exc.field in form.fields else None, exc.message)
