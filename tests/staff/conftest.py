"""Fixtures for the staff tests: the demo staff on top of the demo organisation and users."""

from __future__ import annotations

import pytest

from tests.conftest import TODAY


@pytest.fixture
def demo_staff(org):
    """Demo organisation, demo users and the staff loader (no cases)."""
    from barnevern.demo import staff, users

    users.load(TODAY)
    staff.load(TODAY)
    return org
