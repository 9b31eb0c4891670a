from datetime import date

import pytest

from barnevern.rules import codes


@pytest.mark.parametrize(
    ("list_key", "code", "day", "valid"),
    [
        ("melder", "15", date(2024, 12, 31), True),  # Lege/Sykehus/Tannlege to 2024-12-31
        ("melder", "15", date(2025, 1, 1), False),
        ("melder", "24", date(2024, 12, 31), False),  # split from 15 on 2025-01-01
        ("melder", "24", date(2025, 1, 1), True),
        ("saksinnhold", "4", date(2020, 12, 31), True),
        ("saksinnhold", "4", date(2021, 1, 1), False),
        ("saksinnhold", "1.1.01", date(2025, 12, 31), False),  # Kunnskapsmodellen from 2026
        ("saksinnhold", "1.1.01", date(2026, 1, 1), True),
        ("vedtaksgrunnlag", "3", date(2024, 5, 1), True),  # alias of the Saksinnhold table
        ("plantype", "3", date(2022, 12, 31), True),  # foreløpig omsorgsplan to 2022
        ("plantype", "3", date(2023, 1, 1), False),
        ("lov", "BVL", date(2022, 12, 31), True),
        ("lov", "BVL2021", date(2022, 12, 31), False),
        ("kategori", "8.2", date(2025, 6, 1), True),
        ("kategori", "8.4", date(2025, 6, 1), False),
    ],
)
def test_code_validity_by_date(list_key, code, day, valid):
    assert (codes.check_code(list_key, code, day) is None) is valid


def test_unknown_code_is_named_in_norwegian():
    assert codes.check_code("melder", "99", date(2024, 1, 1)) == "Koden «99» finnes ikke i kodelisten."


def test_expired_code_message_names_the_date():
    message = codes.check_code("melder", "15", date(2025, 3, 1))
    assert message is not None
    assert "2025-03-01" in message
    assert "Lege" in message


@pytest.mark.parametrize(
    ("list_key", "code", "expected"),
    [
        ("melder", "22", True),
        ("melder", "1", False),
        ("kategori", "1.99", True),
        ("opphevelse", "4", True),
    ],
)
def test_requires_presisering(list_key, code, expected):
    assert codes.requires_presisering(list_key, code) is expected


def test_valid_codes_for_forms_excludes_expired():
    on = date(2026, 2, 1)
    melder = {c.code for c in codes.valid_codes("melder", on)}
    assert "24" in melder
    assert "15" not in melder


def test_unknown_list_raises():
    with pytest.raises(codes.UnknownCodeList):
        codes.codes("nope")
