"""Log-in state: sessions ended by "logg ut overalt" and the two-factor requirement for case roles.

Who is acting (for the audit log) is set by ``audit.middleware``."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from barnevern.accounts import policy

EPOCH_KEY = "barnevern_session_epoch"


class SessionEpochMiddleware:
    """Ends every session of a user who chose "logg ut overalt" (log out everywhere)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            epoch = request.session.get(EPOCH_KEY)
            if epoch is None:
                request.session[EPOCH_KEY] = user.session_epoch
            elif epoch != user.session_epoch:
                logout(request)
                return redirect("web:login")
        return self.get_response(request)


OPEN_PREFIXES = ("/logg-inn/", "/logg-ut/", "/konto/to-faktor/", "/konto/logg-ut-overalt/", "/static/")


class TwoFactorRequiredMiddleware:
    """Roles with case access must have passed TOTP two-factor verification (django-otp)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            settings.REQUIRE_2FA
            and user is not None
            and user.is_authenticated
            and policy.can_see_cases(user)
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            return redirect("accounts:otp_verify")
        return self.get_response(request)
