"""Tests for barnevern.rules.identity (domain-rules.md §9, ssb-barnevern.md §2.3).

All numbers here are synthetic: Skatteetaten's published 2032 examples, Test-Norge numbers
(month + 80), or numbers with birth dates in 2036-2039 that nobody can have yet.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barnevern.rules.identity import (
    IdentityNumber,
    InvalidIdentityNumber,
    birth_date_from_fnr,
    is_valid_fodselsnummer,
    kostra_valid_fnr,
    mask,
    parse_fodselsnummer,
    synthetic_duf,
    synthetic_fnr,
    validate_duf,
)

K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def _sums_ok(number: str) -> tuple[int, int]:
    """Independent restatement of the modulus-11 sums: (k1 remainder, k2 remainder)."""
    digits = [int(c) for c in number]
    k1 = sum(d * w for d, w in zip(digits[:10], K1, strict=True)) % 11
    k2 = sum(d * w for d, w in zip(digits, K2, strict=True)) % 11
    return k1, k2


@pytest.mark.parametrize(
    ("value", "kind", "born", "rule"),
    [
        # Skatteetaten's examples for the 2032 change
        ("02013299997", "fnr", date(2032, 1, 2), "pre2032"),
        ("30108299920", "fnr", date(1982, 10, 30), "pre2032"),
        ("30108299939", "fnr", date(1982, 10, 30), "2032"),
        ("301082 99939", "fnr", date(1982, 10, 30), "2032"),
        # 2032 rule, remainders 2 and 3
        ("15063799189", "fnr", date(2037, 6, 15), "2032"),
        ("15063799006", "fnr", date(2037, 6, 15), "2032"),
        # ordinary, D-, H-number with birth dates nobody has yet
        ("15063799839", "fnr", date(2037, 6, 15), "pre2032"),
        ("55063799903", "dnr", date(2037, 6, 15), "pre2032"),
        ("15463799811", "hnr", date(2037, 6, 15), "pre2032"),
        ("01813850040", "synthetic", date(2038, 1, 1), "pre2032"),
        # FH-number: first digit 8/9, no birth date
        ("81234567802", "fhnr", None, "pre2032"),
        ("91234567026", "fhnr", None, "pre2032"),
        # Test-Norge synthetic (month + 80), one per century rule
        ("01816050088", "synthetic", date(1860, 1, 1), "pre2032"),
        ("01818500005", "synthetic", date(1985, 1, 1), "pre2032"),
        ("01818590160", "synthetic", date(1985, 1, 1), "pre2032"),
        ("01811050047", "synthetic", date(2010, 1, 1), "pre2032"),
        ("41811050030", "synthetic", date(2010, 1, 1), "pre2032"),
        # individual number 800 with year 82: no century in the old table (possible from 2032)
        ("30908280187", "synthetic", date(1982, 10, 30), "pre2032"),
    ],
)
def test_parse_valid_numbers(value: str, kind: str, born: date | None, rule: str) -> None:
    parsed = parse_fodselsnummer(value)
    assert parsed == IdentityNumber(value.replace(" ", ""), kind, born, rule)
    assert is_valid_fodselsnummer(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Fødselsnummeret må ha 11 siffer."),
        ("0201329999", "Fødselsnummeret må ha 11 siffer."),
        ("020132999970", "Fødselsnummeret må ha 11 siffer."),
        ("0201329999x", "Fødselsnummeret må ha 11 siffer."),
        ("02013299998", "Fødselsnummeret har feil kontrollsiffer."),
        ("30108299930", "Fødselsnummeret har feil kontrollsiffer."),
        ("15063799830", "Fødselsnummeret har feil kontrollsiffer."),
        ("29023799977", "Fødselsnummeret inneholder en ugyldig dato."),
        ("15563750062", "Fødselsnummeret inneholder en ugyldig dato."),  # H-number, month 16
    ],
)
def test_parse_invalid_numbers(value: str, message: str) -> None:
    with pytest.raises(InvalidIdentityNumber, match=message):
        parse_fodselsnummer(value)
    assert not is_valid_fodselsnummer(value)


def test_is_valid_handles_none() -> None:
    assert is_valid_fodselsnummer(None) is False


def test_synthetic_can_be_refused() -> None:
    with pytest.raises(InvalidIdentityNumber, match="Syntetiske"):
        parse_fodselsnummer("01811050047", allow_synthetic=False)
    assert parse_fodselsnummer("15063799839", allow_synthetic=False).kind == "fnr"


@pytest.mark.parametrize(
    ("today", "accepted"),
    [
        (None, True),
        (date(2037, 1, 1), True),  # unborn child, due in June
        (date(2036, 6, 15), True),  # exactly one year ahead
        (date(2036, 6, 14), False),
    ],
)
def test_future_birth_dates(today: date | None, accepted: bool) -> None:
    if accepted:
        assert parse_fodselsnummer("15063799839", today=today).birth_date == date(2037, 6, 15)
    else:
        with pytest.raises(InvalidIdentityNumber, match="fram i tid"):
            parse_fodselsnummer("15063799839", today=today)


@pytest.mark.parametrize(
    ("value", "year", "expected"),
    [
        ("02013299997", 2032, True),
        ("30108299920", 2024, True),
        ("30108299939", 2032, False),  # KOSTRA-KP knows only the pre-2032 rule
        ("01811000100", 2024, True),  # incomplete number, suffix exception
        ("01811000200", 2024, True),
        ("01811099999", 2024, True),
        ("01811055555", 2024, False),  # in SSB's spec, not in KOSTRA-KP's code
        ("32811000100", 2024, False),  # suffix, but no valid date
        ("15063799830", 2024, False),
        ("123", 2024, False),
        (None, 2024, False),
    ],
)
def test_kostra_valid_fnr(value: str | None, year: int, expected: bool) -> None:
    assert kostra_valid_fnr(value, year) is expected


@pytest.mark.parametrize(
    ("value", "year", "expected"),
    [
        ("01811050047", None, date(2010, 1, 1)),
        ("81234567802", None, None),  # FH-number
        ("15063799830", None, None),  # wrong check digits
        ("01812500100", 2024, date(2025, 1, 1)),  # within one year after 31.12
        ("01812500100", 2020, date(1925, 1, 1)),  # later than that: 1900s
        ("41812599999", 2024, date(2025, 1, 1)),  # D-number form
        ("01819500200", 2024, date(1995, 1, 1)),
        ("abc", None, None),
        (None, None, None),
    ],
)
def test_birth_date_from_fnr(value: str | None, year: int | None, expected: date | None) -> None:
    assert birth_date_from_fnr(value, year) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("209900000103", "209900000103"),
        (" 2099 0000 0103 ", "209900000103"),
    ],
)
def test_validate_duf_valid(value: str, expected: str) -> None:
    assert validate_duf(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("20990000010", "DUF-nummeret må ha 12 siffer."),
        ("2099000001034", "DUF-nummeret må ha 12 siffer."),
        ("209900000104", "DUF-nummeret har feil kontrollsiffer."),
    ],
)
def test_validate_duf_invalid(value: str, message: str) -> None:
    with pytest.raises(InvalidIdentityNumber, match=message):
        validate_duf(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01811050047", "0181** *****"),
        ("018110 50047", "0181** *****"),
        ("209900000103", "2099 ********"),
        ("", "****** *****"),
        (None, "****** *****"),
        ("garbage", "****** *****"),
    ],
)
def test_mask(value: str | None, expected: str) -> None:
    assert mask(value) == expected


@pytest.mark.parametrize(
    ("born", "serial", "sex", "expected"),
    [
        (date(2015, 3, 14), 0, "1", "14831550180"),
        (date(1995, 12, 31), 3, "2", "31929500841"),
    ],
)
def test_synthetic_fnr_examples(born: date, serial: int, sex: str, expected: str) -> None:
    assert synthetic_fnr(born, serial, sex) == expected


@pytest.mark.parametrize(
    ("born", "serial", "sex"),
    [
        (date(2015, 3, 14), 0, "M"),
        (date(2015, 3, 14), -1, "1"),
        (date(2015, 3, 14), 500, "1"),
        (date(2040, 1, 1), 0, "1"),
        (date(1850, 1, 1), 0, "2"),
    ],
)
def test_synthetic_fnr_rejects(born: date, serial: int, sex: str) -> None:
    with pytest.raises(ValueError):
        synthetic_fnr(born, serial, sex)


def test_synthetic_duf_bounds() -> None:
    assert validate_duf(synthetic_duf(999_999)) == synthetic_duf(999_999)
    with pytest.raises(ValueError):
        synthetic_duf(1_000_000)


@given(
    born=st.dates(min_value=date(1854, 1, 1), max_value=date(2039, 12, 31)),
    serial=st.integers(min_value=0, max_value=60),
    sex=st.sampled_from(["1", "2"]),
)
def test_synthetic_fnr_round_trips(born: date, serial: int, sex: str) -> None:
    number = synthetic_fnr(born, serial, sex)
    parsed = parse_fodselsnummer(number)
    assert (parsed.kind, parsed.birth_date, parsed.rule) == ("synthetic", born, "pre2032")
    assert int(number[8]) % 2 == (1 if sex == "1" else 0)
    assert _sums_ok(number) == (0, 0)
    assert kostra_valid_fnr(number, born.year)
    if serial > 0:
        assert synthetic_fnr(born, serial - 1, sex) != number


@given(st.integers(min_value=0, max_value=999_999))
def test_synthetic_duf_round_trips(serial: int) -> None:
    assert validate_duf(synthetic_duf(serial)) == synthetic_duf(serial)


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_any_eleven_digits_parse_or_raise_consistently(value: str) -> None:
    k1_rem, k2_rem = _sums_ok(value)
    try:
        parsed = parse_fodselsnummer(value)
    except InvalidIdentityNumber:
        assert k2_rem != 0 or k1_rem > 3 or value[0] not in "89"
    else:
        assert k2_rem == 0
        assert k1_rem <= 3
        assert parsed.rule == ("pre2032" if k1_rem == 0 else "2032")
        assert parsed.kind in {"fnr", "dnr", "hnr", "fhnr", "synthetic"}


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_2032_rule_allows_at_most_four_k1_values(first9: str) -> None:
    valid = [f"{first9}{k1}{k2}" for k1 in range(10) for k2 in range(10)]
    valid = [number for number in valid if is_valid_fodselsnummer(number)]
    valid_k1 = {number[9] for number in valid}
    assert len(valid) == len(valid_k1)  # k2 is unchanged: one value per k1
    assert len(valid_k1) <= 4
