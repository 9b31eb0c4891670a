"""The one clock: what "today" is for pages and the services they call.

Rules never read a clock: "today" is passed in. Views ask ``clock.today()`` once per request
and pass it down, so a test fixes the day in one place (``tests/conftest.py::today``, which
replaces ``barnevern.clock.today``).
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone


def today() -> date:
    """Today's date in the installation's time zone (Europe/Oslo)."""
    return timezone.localdate()
