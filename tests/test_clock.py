"""The one clock (``barnevern.clock``): today for pages, and a day read from a command line."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management.base import CommandError
from django.utils import timezone

from barnevern import clock


def test_today_is_the_local_date():
    assert clock.today() == timezone.localdate()


def test_day_option_reads_iso_dates():
    assert clock.day_option("2026-11-23") == date(2026, 11, 23)


def test_day_option_names_a_bad_value_in_norwegian():
    with pytest.raises(CommandError, match="«23.11.2026» er ikke en dato på formen ÅÅÅÅ-MM-DD"):
        clock.day_option("23.11.2026")
