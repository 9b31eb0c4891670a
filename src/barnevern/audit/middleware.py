"""Sets the acting user and address of each web request for the audit log (``audit.actor``)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from barnevern.audit.actor import acting


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "ukjent"


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting(getattr(request, "user", None), f"web {client_ip(request)}"):
            return self.get_response(request)
