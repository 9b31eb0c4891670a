"""Appeal deadline (forvaltningsloven § 29; domstolloven §§ 148–149): dated cases."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.rules.klagefrist import klagefrist


@pytest.mark.parametrize(
    ("sent", "delivery", "expected"),
    [
        (date(2026, 11, 23), 0, date(2026, 12, 14)),  # Monday + 3 weeks = Monday
        (date(2026, 11, 21), 0, date(2026, 12, 14)),  # Saturday + 3 weeks → next Monday
        (date(2026, 12, 4), 0, date(2026, 12, 28)),  # 25 Dec (Fri) + weekend + 26th → Mon 28th
        (date(2026, 4, 10), 3, date(2026, 5, 4)),  # 13 Apr + 3 w = 4 May (Monday)
        (date(2026, 4, 26), 0, date(2026, 5, 18)),  # 17 May is a Sunday → Monday 18th
    ],
)
def test_klagefrist(sent, delivery, expected) -> None:
    assert klagefrist(sent, delivery_days=delivery) == expected


def test_negative_delivery_refused() -> None:
    with pytest.raises(ValueError):
        klagefrist(date(2026, 1, 1), delivery_days=-1)
