"""Where each role lands after log-in: every start page is a real URL name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from barnevern.accounts.models import Role
from barnevern.web.views import START_PAGES


def test_every_role_has_a_start_page_that_exists():
    assert set(START_PAGES) == set(Role.values)
    for role, name in START_PAGES.items():
        assert reverse(name).startswith("/"), role


@pytest.mark.parametrize(("who", "page"), [("leder", "web:leader"), ("sb", "quality:worklist"), ("okonomi", "economy:index")])
def test_home_sends_each_role_to_its_start_page(client, personas, who, page):
    client.force_login(personas[who])
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse(page)
