"""Browser tests: Playwright (Python) driving Debian's chromium (/usr/bin/chromium).

Never downloads a browser. ``scripts/bootstrap --dev`` installs chromium with apt.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Fant ikke chromium på {CHROMIUM}: kjør scripts/bootstrap --dev (apt-get install chromium)."
        )
    # Playwright's sync API runs an event loop; Django's ORM refuses to run beside one
    # unless told that this (test-only) use is safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture
def login(page, live_server):
    def do(username: str, password: str = "korrekt-hest-batteri-42") -> None:  # noqa: S107
        page.goto(f"{live_server.url}/logg-inn/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")

    return do


# ---- shared helpers: one logged-in context per role, overflow check, site crawl -------------

NARROW, WIDE = 390, 1366  # a phone, and the most common office laptop


@pytest.fixture
def open_as(browser, live_server):
    """``open_as(username, password)`` -> a logged-in page in its own context (cookies), with
    ``page.console_errors``; contexts are closed at the end of the test. Two-factor is off in
    the test settings."""
    contexts = []

    def do(username: str, password: str = "korrekt-hest-batteri-42", width: int = WIDE):  # noqa: S107
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.console_errors = errors
        page.goto(f"{live_server.url}/logg-inn/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        assert "/logg-inn/" not in page.url, f"{username} kom ikke inn"
        return page

    yield do
    for context in contexts:
        context.close()


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 = no sideways scrolling)."""
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def overflow_at(page, width: int) -> int:
    """The overflow after resizing the window to ``width`` (the page is laid out again, not reloaded)."""
    page.set_viewport_size({"width": width, "height": 900})
    return horizontal_overflow(page)
