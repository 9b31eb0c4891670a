from datetime import date

import pytest

from barnevern.rules.periods import Period, PeriodError


@pytest.mark.parametrize(
    ("text", "start", "end", "label", "code"),
    [
        ("2022", date(2022, 1, 1), date(2022, 12, 31), "2022", "2022"),
        ("2022H1", date(2022, 1, 1), date(2022, 6, 30), "1. halvår 2022", "2022H1"),
        ("2022H2", date(2022, 7, 1), date(2022, 12, 31), "2. halvår 2022", "2022H2"),
        ("2022-h2", date(2022, 7, 1), date(2022, 12, 31), "2. halvår 2022", "2022H2"),
        (" 2019 ", date(2019, 1, 1), date(2019, 12, 31), "2019", "2019"),
        (
            "2022-01-01..2022-06-30",
            date(2022, 1, 1),
            date(2022, 6, 30),
            "1. halvår 2022",  # a range that is exactly a half-year gets the half-year label
            "2022H1",
        ),
        (
            "2022-01-15..2022-03-15",
            date(2022, 1, 15),
            date(2022, 3, 15),
            "15.01.2022–15.03.2022",
            "2022-01-15..2022-03-15",
        ),
        (
            "2024-02-29..2024-02-29",
            date(2024, 2, 29),
            date(2024, 2, 29),
            "29.02.2024–29.02.2024",
            "2024-02-29..2024-02-29",
        ),
    ],
)
def test_parse_label_and_code(text, start, end, label, code):
    period = Period.parse(text)
    assert (period.start, period.end) == (start, end)
    assert period.label == label == str(period)
    assert period.code == code
    assert Period.parse(period.code) == period


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2022H3", "Ukjent periode"),
        ("22", "Ukjent periode"),
        ("2022-06-30..2022-01-01", "før den begynner"),
        ("2022-02-30..2022-03-01", "Ugyldig dato"),
        ("", "Ukjent periode"),
    ],
)
def test_parse_rejects_with_norwegian_message(text, fragment):
    with pytest.raises(PeriodError, match=fragment):
        Period.parse(text)


def test_half_must_be_1_or_2():
    with pytest.raises(PeriodError, match="Halvår må være 1 eller 2"):
        Period.half(2022, 3)


@pytest.mark.parametrize(
    ("period", "days"),
    [
        (Period.year(2022), 365),
        (Period.year(2024), 366),
        (Period.half(2022, 1), 181),
        (Period.half(2022, 2), 184),
    ],
)
def test_days(period, days):
    assert period.days == days


def test_contains_both_ends():
    h2 = Period.half(2022, 2)
    assert date(2022, 7, 1) in h2
    assert date(2022, 12, 31) in h2
    assert date(2022, 6, 30) not in h2
    assert date(2023, 1, 1) not in h2
    assert h2.contains(date(2022, 9, 1))
    assert not h2.contains(None)
    assert "2022-09-01" not in h2  # only dates


@pytest.mark.parametrize(
    ("start", "end", "overlaps", "days"),
    [
        (date(2022, 1, 1), None, True, 184),  # open measure started before the half-year
        (date(2022, 1, 1), date(2022, 6, 30), False, 0),  # ended the day before
        (date(2022, 1, 1), date(2022, 7, 1), True, 1),  # ends on the first day
        (date(2022, 12, 31), None, True, 1),  # starts on the last day
        (date(2023, 1, 1), None, False, 0),
    ],
)
def test_overlap(start, end, overlaps, days):
    h2 = Period.half(2022, 2)
    assert h2.overlaps(start, end) is overlaps
    assert h2.overlap_days(start, end) == days


def test_end_label_and_years_and_previous():
    assert Period.half(2022, 2).end_label == "pr. 31.12.2022"
    assert [p.code for p in Period.years(2019, 2022)] == ["2019", "2020", "2021", "2022"]
    assert Period.half(2022, 1).previous() == Period.half(2021, 2)
    assert Period.half(2022, 2).previous() == Period.half(2022, 1)
    assert Period.year(2022).previous() == Period.year(2021)
    custom = Period(date(2022, 1, 11), date(2022, 1, 20))
    assert custom.previous() == Period(date(2022, 1, 1), date(2022, 1, 10))


def test_periods_sort_chronologically():
    assert sorted([Period.year(2022), Period.half(2021, 2), Period.year(2019)])[0] == Period.year(2019)
