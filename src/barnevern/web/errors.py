"""Error pages (400, 403, 404, 500 and a failed CSRF check) in Norwegian and in the design system.

Each page says what happened in plain words and offers a way back: the page the user came from
(when it is one of ours) and the start page. The 403 page names the roles that would have been
let in (``accounts.policy.Denied.roles``). No page shows a stack trace, a query or an identity
number: ``DEBUG`` is off unless asked for (settings), and these views never echo the URL.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme

from barnevern.accounts import policy


def _back(request: HttpRequest) -> str | None:
    """The referring page when it is on this site (never another origin), else None."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


def _render(request: HttpRequest, template: str, status: int, **context: Any) -> HttpResponse:
    context["back_url"] = _back(request)
    response = TemplateResponse(request, template, context, status=status)
    return response.render()


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "errors/400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    roles = getattr(exception, "roles", frozenset())
    message = getattr(exception, "message", None) or (str(exception) if exception else "")
    user = getattr(request, "user", None)
    own = user.get_rolle_display() if user is not None and user.is_authenticated and user.rolle else ""
    return _render(
        request,
        "errors/403.html",
        403,
        message=message if message and message != "403 Forbidden" else "",
        roles=policy.role_names(frozenset(roles)),
        own_role=own,
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "errors/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request's context: the database may be what failed."""
    html = loader.get_template("errors/500.html").render({})
    return HttpResponse(html, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token: usually an expired session or an old tab."""
    return _render(request, "errors/csrf.html", 403)
