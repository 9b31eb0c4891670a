"""Barnevern's URLs plus ``/_benchmark/tom/``: the empty view that is the web baseline.

The empty view sits behind ``login_required`` like every page, so it costs exactly the fixed
part of a logged-in request (middleware, session, user, audit context) and nothing else.
Only the benchmark server (``bench_settings``) mounts it.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from barnevern.urls import urlpatterns as barnevern_urlpatterns


@login_required
def empty(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"", content_type="text/plain")


urlpatterns = [path("_benchmark/tom/", empty, name="benchmark_empty"), *barnevern_urlpatterns]
