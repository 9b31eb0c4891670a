"""Keeps who/where of the current request for the audit log (a context variable)."""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: int | None
    username: str
    source: str  # "web 127.0.0.1", "cli", "import"


current_actor: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("current_actor", default=None)


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "ukjent"


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        actor = Actor(
            user_id=user.pk if user is not None and user.is_authenticated else None,
            username=user.get_username() if user is not None and user.is_authenticated else "",
            source=f"web {client_ip(request)}",
        )
        token = current_actor.set(actor)
        try:
            return self.get_response(request)
        finally:
            current_actor.reset(token)
