"""A stand-in for the economy query the report reads (``economy.reporting.annual_summary``), used
only to test that the economy section renders every part of ``AnnualSummary``."""

from __future__ import annotations

from decimal import Decimal

from barnevern.economy.reporting import AnnualSummary


def annual_summary(tjeneste, year) -> AnnualSummary:
    """A fixed economy summary in the documented shape (for the rendering test only)."""
    return {
        "per_kommune": [
            {
                "nummer": "5021",
                "navn": "Oppdal",
                "common": Decimal("4500000.00"),
                "client": Decimal("2100000.50"),
                "total": Decimal("6600000.50"),
                "paid": Decimal("0.00"),
            },
            {
                "nummer": "5022",
                "navn": "Rennebu",
                "common": Decimal("1490000.00"),
                "client": Decimal("910000.00"),
                "total": Decimal("2400000.00"),
                "paid": Decimal("2300000.00"),
            },
        ],
        "key": {
            "note": "Innbyggere 0–17 år per 01.01.2021",
            "rows": [
                {"nummer": "5021", "navn": "Oppdal", "weight": "1 500", "percent": "75,1 %"},
                {"nummer": "5022", "navn": "Rennebu", "weight": "497", "percent": "24,9 %"},
            ],
        },
        "settlements": [
            {
                "label": "2. halvår 2022",
                "status": "Godkjent nr. 2",
                "members": [{"nummer": "5022", "navn": "Rennebu", "balance": Decimal("100000.00")}],
            }
        ],
        "copayments": {
            "actual": Decimal("2100000.00"),
            "pre_reform": Decimal("922800.00"),
            "difference": Decimal("1177200.00"),
            "placements": 2,
        },
        "notes": ["Tall fra regnskapet per 31.12.2022."],
    }
