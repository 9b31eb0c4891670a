"""Signals the case register sends so that derived data elsewhere can stay correct.

``saker_endret`` is sent (after the change, inside the writer's transaction) with
``sak_ids`` (a list of case ids as strings) whenever anything of those cases may have changed:
a registration in the UI, an import that replaced a case, a deletion. Receivers drop what
they derived from those cases (the statistics app's precomputed contributions, say); they
must not read the cases here. The case register never imports its receivers.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.dispatch import Signal

__all__ = ["changed", "saker_endret"]

saker_endret = Signal()


def changed(sak_ids: Iterable[object]) -> None:
    """Tell receivers that these cases changed (ids of any type; sent as strings)."""
    ids = [str(i) for i in sak_ids]
    if ids:
        saker_endret.send(sender="cases", sak_ids=ids)
