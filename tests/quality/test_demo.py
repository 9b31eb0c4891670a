"""The demo's deadlines and avvik: due and overdue items for every service, a few avvik each."""

from __future__ import annotations

import pytest

from barnevern.quality.models import Avvik, Fristoppsett
from barnevern.quality.queries import user_worklist
from barnevern.quality.worklist import counts
from tests.quality.builders import TODAY


@pytest.fixture
def demo_loaded(db):
    from barnevern.demo import cases, organisation, users
    from barnevern.demo import quality as demo_quality

    organisation.load(TODAY)
    users.load(TODAY)
    cases.load(TODAY)
    demo_quality.load(TODAY)


def test_demo_worklist_has_overdue_due_and_upcoming_items(demo_loaded):
    from barnevern.accounts.models import User

    for leder in ("leder.no", "leder.or"):
        user = User.objects.get(username=leder)
        summary = counts(user_worklist(user, TODAY))
        assert summary["overdue"] >= 3, leder
        assert summary["due"] >= 1, leder
        assert summary["upcoming"] >= 3, leder
        assert Fristoppsett.objects.filter(tjeneste=user.tjeneste).exists()
        avvik = Avvik.objects.filter(tjeneste=user.tjeneste)
        assert avvik.filter(kilde="manuell").count() == 4
        assert avvik.filter(status="foreslatt").exists()
        assert avvik.filter(status="lukket").exists()
        assert avvik.filter(status="avvist").exclude(avvist_grunn="").exists()


def test_demo_worklist_marks_only_rules_whose_search_failed(demo_loaded):
    """Issue 21: «⚠ ikke verifisert regel» only on D2/D7/D11 (2021 act) and D13 (2023
    regulations), and every such item carries the note naming the search."""
    from barnevern.accounts.models import User
    from barnevern.rules.deadlines.statutory import UNVERIFIED_NOTE

    flagged = []
    for leder in ("leder.no", "leder.or"):
        rows = user_worklist(User.objects.get(username=leder), TODAY)
        flagged += [row.item for row in rows if row.item.unverified]
    assert flagged  # the demo has D2 items under the 2021 act
    assert {item.rule for item in flagged} <= {"D2", "D7", "D11", "D13"}
    without = sorted({(item.rule, item.note_nb) for item in flagged if UNVERIFIED_NOTE not in item.note_nb})
    assert without == []
