"""The legal bases offered for a decision: only real paragraphs, only of the act in force."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.records import Lovhjemmel
from barnevern.rules import lovhjemler
from barnevern.rules.measures import is_care_order_basis


@pytest.mark.parametrize(
    ("key", "day", "expected"),
    [
        ("BVL2021:3-1", date(2023, 1, 1), None),  # the 2021 act's first day
        ("BVL2021:5-1", date(2026, 11, 2), None),
        ("BVL:4-12", date(2022, 12, 31), None),  # the 1992 act's last day
        ("BVL:4-8:2", date(2020, 5, 1), None),
    ],
)
def test_a_basis_of_the_act_in_force_is_accepted(key, day, expected):
    assert lovhjemler.check(key, day) is expected


@pytest.mark.parametrize(
    ("key", "day", "fragment"),
    [
        ("BVL2021:3-1", date(2022, 12, 31), "Barnevernloven fra 2021 gjelder fra 01.01.2023"),
        ("BVL:4-4", date(2023, 1, 1), "gjaldt 01.01.1992–31.12.2022"),
        ("BVL:4-4", date(2023, 1, 1), "Hjemmelen gjelder ikke på datoen 01.01.2023"),
        ("BVL2021:99-1", date(2026, 1, 1), "Velg en hjemmel fra listen."),  # issue 22's stuck vedtak
        ("", date(2026, 1, 1), "Velg en hjemmel fra listen."),
    ],
)
def test_a_basis_not_in_force_or_not_real_is_refused(key, day, fragment):
    message = lovhjemler.check(key, day)
    assert message is not None
    assert fragment in message


def test_the_choices_follow_the_date():
    before = {key for key, _label in lovhjemler.choices_on(date(2022, 12, 31))}
    after = {key for key, _label in lovhjemler.choices_on(date(2023, 1, 1))}
    assert "BVL:4-12" in before
    assert "BVL2021:5-1" not in before
    assert "BVL2021:5-1" in after
    assert not any(key.startswith("BVL:") for key in after)


def test_labels_are_short_and_say_what_the_decision_is():
    labels = dict(lovhjemler.choices_on(date(2026, 1, 1)))
    assert labels["BVL2021:5-1"] == "bvl. § 5-1 Omsorgsovertakelse"
    assert labels["BVL2021:3-4"].endswith("(ikke verifisert)")
    old = dict(lovhjemler.choices_on(date(2022, 1, 1)))
    assert old["BVL:4-8:3"] == "bvl. 1992 § 4-8 tredje ledd Omsorgsovertakelse ved fødsel"


def test_only_the_boards_measures_may_be_sent_to_the_board():
    keys = {key for key, _label in lovhjemler.choices_on(date(2026, 1, 1), lovhjemler.NEMND)}
    assert "BVL2021:5-1" in keys
    assert "BVL2021:3-1" not in keys
    assert lovhjemler.check("BVL2021:3-1", date(2026, 1, 1), lovhjemler.NEMND) is not None


def test_every_care_order_in_ssbs_definition_can_be_chosen():
    """SSB counts omsorgstiltak by these bases; each must be in the table (measures.py)."""
    care = [
        h
        for h in lovhjemler.HJEMLER
        if is_care_order_basis(Lovhjemmel(h.lov, h.kapittel, h.paragraf, h.ledd))
    ]
    assert {h.key for h in care} == {"BVL2021:5-1", "BVL:4-12", "BVL:4-8:2", "BVL:4-8:3"}


def test_keys_are_unique_and_a_stored_basis_finds_its_key():
    assert len({h.key for h in lovhjemler.HJEMLER}) == len(lovhjemler.HJEMLER)
    assert lovhjemler.key_of("BVL2021", "3", "1", ["2"]) == "BVL2021:3-1"
    assert lovhjemler.key_of("BVL", "4", "8", ["3"]) == "BVL:4-8:3"
    assert lovhjemler.key_of("BVL2021", "99", "1") is None
