"""Who is acting: the user and source every audit row names.

A web request sets it in ``audit.middleware.RequestContextMiddleware``; a command sets it with
``acting(user, "cli import")`` around its work. ``audit.services.log`` reads it, so services
never pass the user down just for the log.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: int | None
    username: str
    source: str  # "web 127.0.0.1", "cli", "import"


current_actor: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("current_actor", default=None)


def actor_for(user: AbstractBaseUser | None, source: str) -> Actor:
    """The actor for ``user`` (None or anonymous: the system, named by ``source`` alone)."""
    if user is None or not user.is_authenticated:
        return Actor(None, "", source)
    return Actor(user.pk, user.get_username(), source)


@contextmanager
def acting(user: AbstractBaseUser | None, source: str) -> Iterator[Actor]:
    """Audit everything inside the block as done by ``user`` through ``source`` ("cli import")."""
    actor = actor_for(user, source)
    token = current_actor.set(actor)
    try:
        yield actor
    finally:
        current_actor.reset(token)
