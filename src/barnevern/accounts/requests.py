"""The request a view behind ``login_required`` receives.

Django types ``request.user`` as ``User | AnonymousUser``; after ``login_required`` it is
always a logged-in ``accounts.User``. Annotate such a view's ``request`` with
``AuthenticatedHttpRequest`` (the pattern django-stubs documents) instead of casting
``request.user`` in every view. At run time Django passes its own ``HttpRequest``; this
class only tells the type checker what ``login_required`` guarantees, so use it only on
views that are ``login_required`` and on helpers they call.
"""

from __future__ import annotations

from django.http import HttpRequest

from barnevern.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
