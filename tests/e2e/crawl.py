"""Walk the site in a logged-in browser: every page reachable by links from the menu and the
pages, plus every URL of the URLconf that needs no parameters, at most ``per_name`` pages per
URL name (so a list of 30 cases costs one case page, not 30).

Pages other areas add (their URL patterns, their links) are covered without a change here.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

# Not pages: files, and actions that would end the walk.
SKIP = re.compile(
    r"(\.(csv|xlsx|pdf|zip|xml)(\?|$)|/pdf/|/xlsx/|/html/|/csv/|format=(csv|xlsx|pdf)|/logg-ut|/static/|/media/)"
)


def static_paths() -> list[str]:
    """Every named URL pattern without parameters (GET-able pages that need no object)."""
    found: list[str] = []

    def walk(resolver: URLResolver, prefix: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.converters:
                route = prefix + str(entry.pattern)
                if "<" not in route and "(" not in route and "^" not in route:
                    found.append("/" + route.lstrip("/"))

    walk(get_resolver(), "")
    return sorted({p for p in found if not SKIP.search(p)})


def url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


@dataclass
class Visit:
    path: str
    name: str | None
    status: int
    linked: bool = True  # reached by a link (not only listed in the URLconf)
    problems: list[str] = field(default_factory=list)
    forms: list[tuple[str, str]] = field(default_factory=list)  # (method, action as written)


def crawl(page, base: str, check, *, per_name: int = 1, limit: int = 150, start: tuple[str, ...] = ("/",)):
    """Visit pages breadth first from ``start`` and the URLconf; ``check(page, visit)`` runs on
    each HTML page and appends to ``visit.problems``. Returns the visits."""
    queue = deque([(p, False) for p in start] + [(p, True) for p in static_paths()])
    seen: set[str] = set()
    per: Counter[str] = Counter()
    visits: list[Visit] = []
    while queue and len(visits) < limit:
        path, unlinked = queue.popleft()
        if path in seen or SKIP.search(path):
            continue
        seen.add(path)
        name = url_name(path)
        key = name or "?"
        if per[key] >= per_name:
            continue
        per[key] += 1
        if unlinked:
            # From the URLconf, not from a link: look first (same cookies), since files, empty
            # 405s of POST-only actions and downloads are not pages to open.
            probe = page.request.get(base + path, max_redirects=5)
            # A page refused to this role (403) is not one of its pages.
            if probe.status >= 400 or "text/html" not in (probe.headers.get("content-type") or ""):
                continue
        try:
            response = page.goto(base + path)
        except Exception as exc:  # a download started by a link we did not recognise as a file
            if "Download is starting" in str(exc):
                continue
            raise
        page.wait_for_load_state()
        status = response.status if response else 0
        visit = Visit(path, name, status, linked=not unlinked)
        visits.append(visit)
        content_type = (response.headers.get("content-type", "") if response else "") or ""
        if "text/html" not in content_type:
            continue
        here = page.url[len(base) :] if page.url.startswith(base) else page.url
        if here != path:  # followed a redirect: the page is the one we ended on
            seen.add(here)
            visit.name = url_name(here)
            per[visit.name or "?"] += 1
        check(page, visit)
        visit.forms = [
            tuple(f)
            for f in page.eval_on_selector_all(
                "main form",
                "els => els.map(f => [(f.getAttribute('method') || 'get').toLowerCase(), f.getAttribute('action') || ''])",
            )
        ]
        for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))"):
            target = urljoin(base + here, href)
            if not target.startswith(base) or "#" in href and href.startswith("#"):
                continue
            rel = target[len(base) :].split("#")[0]
            if rel and rel not in seen and not SKIP.search(rel):
                queue.append((rel, False))
    return visits
