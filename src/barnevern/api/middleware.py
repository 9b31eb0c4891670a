"""Audits every call to ``/api/`` (who, what, the answer's status), whatever the outcome."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from barnevern.audit.actor import Actor, current_actor
from barnevern.audit.middleware import client_ip
from barnevern.audit.services import log


class ApiAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        token = current_actor.set(Actor(None, "api:ukjent", f"api {client_ip(request)}"))
        try:
            response = self.get_response(request)
            integ = getattr(request, "integrasjon", None)
            actor = Actor(None, f"api:{integ.navn}" if integ else "api:ukjent", f"api {client_ip(request)}")
            log(
                "api",
                f"{request.method} {request.path[:120]} → {response.status_code}",
                data={"integrasjon": integ.navn if integ else None, "status": response.status_code},
                actor=actor,
            )
            return response
        finally:
            current_actor.reset(token)
