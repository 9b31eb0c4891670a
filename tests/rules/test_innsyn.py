"""Party access rules (rules/innsyn.py): a table of parties and items."""

from __future__ import annotations

import pytest

from barnevern.rules.innsyn import Item, PartyView, decide, default_partsrettigheter

MOR = PartyView("mor", partsrettigheter=True)
MELDER = PartyView("melder", partsrettigheter=False)
ITEMS = [
    Item("vedtak", "dokument", addressed_to="mor"),
    Item("kvittering", "dokument", addressed_to="melder"),
    Item("utkast", "dokument", final=False, addressed_to="mor"),
    Item("notat", "journal", internal=True),
    Item("samtale", "journal"),
    Item("rapport", "dokument"),
]


def test_party_sees_final_items_internal_withheld_by_default() -> None:
    d = decide(MOR, ITEMS, {})
    assert [i.id for i in d.visible] == ["vedtak", "kvittering", "samtale", "rapport"]
    assert [(i.id, g) for i, g in d.withheld] == [("notat", "fvl-18c")]


def test_case_worker_withholds_and_releases() -> None:
    d = decide(MOR, ITEMS, {"samtale": "bvl-barnets-opplysninger", "notat": ""})
    assert [i.id for i in d.visible] == ["vedtak", "kvittering", "notat", "rapport"]
    assert [(i.id, g) for i, g in d.withheld] == [("samtale", "bvl-barnets-opplysninger")]


def test_non_party_sees_only_letters_to_them() -> None:
    d = decide(MELDER, ITEMS, {})
    assert not d.is_party
    assert [i.id for i in d.visible] == ["kvittering"]
    assert d.withheld == []


@pytest.mark.parametrize(
    ("rolle", "foreldreansvar", "age", "expected"),
    [
        ("mor", True, 40, True),
        ("far", False, 40, False),
        ("medmor", True, None, True),
        ("verge", False, None, True),
        ("barn", False, 15, True),
        ("barn", False, 14, False),
        ("barn", False, None, False),
        ("melder_offentlig", False, None, False),
        ("fosterforelder", False, None, False),
    ],
)
def test_default_partsrettigheter(rolle, foreldreansvar, age, expected) -> None:
    assert default_partsrettigheter(rolle, foreldreansvar=foreldreansvar, age=age) is expected


def test_letter_to_private_melder_proposed_withheld_from_others() -> None:
    items = [Item("kvittering", "dokument", addressed_to="melder", to_private_melder=True)]
    to_mor = decide(MOR, items, {})
    assert [(i.id, g) for i, g in to_mor.withheld] == [("kvittering", "fvl-19-2b")]
    to_melder = decide(MELDER, items, {})
    assert [i.id for i in to_melder.visible] == ["kvittering"]
