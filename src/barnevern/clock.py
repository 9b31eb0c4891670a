"""The one clock: what "today" is for pages and the services they call.

Rules never read a clock: "today" is passed in. Views ask ``clock.today()`` once per request
and pass it down, so a test fixes the day in one place (it replaces ``barnevern.clock.today``).
Commands read a day from their options with ``day_option`` (``type=day_option``).
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone


def today() -> date:
    """Today's date in the installation's time zone (Europe/Oslo)."""
    return timezone.localdate()


def day_option(text: str) -> date:
    """A command-line date (``--date 2026-11-23``), or a Norwegian error naming the value."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"«{text}» er ikke en dato på formen ÅÅÅÅ-MM-DD.") from None
