"""The economy figures of the annual status report (tilstandsrapport), in one query.

``annual_summary(tjeneste, year)`` maps what the economy app's own query functions return
into ``AnnualSummary``, the shape the report's economy section reads, and computes nothing
new: costs per municipality, the key, settlements, budget, co-payments and, from 2022, the
reform compensation against the reform-driven costs (``economy.compensation``). Amounts are
``Decimal``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, NotRequired, TypedDict

from barnevern.economy import copayments, finance, keys, settlements
from barnevern.organisation.models import Tjeneste
from barnevern.rules.allocation import AllocationError


class KommuneCosts(TypedDict):
    nummer: str
    navn: str
    common: Decimal
    client: Decimal
    total: Decimal
    paid: Decimal


class KeyRow(TypedDict):
    nummer: str
    navn: str
    weight: str  # shown as it is written («1 500»)
    percent: str  # «75,1 %»


class KeyTable(TypedDict):
    note: str
    rows: list[KeyRow]


class SettlementMember(TypedDict):
    nummer: str
    navn: str
    balance: Decimal


class SettlementLine(TypedDict):
    label: str
    status: str
    members: list[SettlementMember]


class BudgetLine(TypedDict):
    category: str
    budget: Decimal
    actual: Decimal
    forecast: Decimal
    deviation: Decimal


class CopaymentTotals(TypedDict):
    actual: Decimal | None  # None: a rate is missing (named in ``notes``)
    pre_reform: Decimal | None
    difference: Decimal | None
    next_year: Decimal | None
    placements: int


class AnnualSummary(TypedDict):
    per_kommune: list[KommuneCosts]
    budget: list[BudgetLine]
    notes: list[str]
    settlements: list[SettlementLine]
    key: NotRequired[KeyTable]  # missing when no key covers 1 January
    copayments: NotRequired[CopaymentTotals]  # missing when no placement ran on 31 December
    reform: NotRequired[dict[str, Any]]  # from 2022: ``reform_summary``


def annual_summary(tjeneste: Tjeneste, year: int) -> AnnualSummary:
    page = finance.finance_overview(tjeneste, year, 12)
    result: AnnualSummary = {
        "per_kommune": [
            {
                "nummer": r.nummer,
                "navn": r.navn,
                "common": r.common,
                "client": r.client,
                "total": r.total,
                "paid": r.paid,
            }
            for r in page.per_kommune
        ],
        "budget": [
            {
                "category": line.category,
                "budget": line.budget_year,
                "actual": line.actual_ytd,
                "forecast": line.forecast_year,
                "deviation": line.deviation_year,
            }
            for line in (*page.report.lines, page.report.total)
        ],
        "notes": list(page.notes),
        "settlements": [],
    }
    try:
        key = keys.key_on(tjeneste, date(year, 1, 1))
    except AllocationError as exc:
        result["notes"].append(f"Fordelingsnøkkel: {exc}")
    else:
        result["key"] = {
            "note": key.note,
            "rows": [
                {"nummer": r.nummer, "navn": r.navn, "weight": r.weight, "percent": r.percent}
                for r in keys.key_rows(key)
            ],
        }
    for half in (1, 2):
        statement = settlements.current_for(tjeneste, f"{year}H{half}")
        label = f"{half}. halvår {year}"
        if statement is None:
            result["settlements"].append({"label": label, "status": "ikke godkjent", "members": []})
            continue
        result["settlements"].append(
            {
                "label": label,
                "status": f"godkjent som nr. {statement.nummer}",
                "members": [
                    {"nummer": m["kommune"], "navn": m["navn"], "balance": m["balance"]}
                    for m in statement.snapshot["members"]
                ],
            }
        )
    overview = copayments.copayment_overview(tjeneste, date(year, 12, 31))
    if overview.rows:
        totals = overview.totals
        result["copayments"] = {
            "actual": totals["actual"].amount,
            "pre_reform": totals["pre_reform"].amount,
            "difference": overview.difference,
            "next_year": totals["next_year"].amount,
            "placements": len(overview.rows),
        }
        result["notes"].append(
            f"Egenbetalingen gjelder plasseringene som løp per 31.12.{year}, for hele {year}; "
            "«før reformen» er de samme plasseringene med satsene fra før 2022."
        )
        result["notes"] += [f"Mangler sats: {m.label} {m.year}." for m in overview.missing]
    if year >= 2022:
        result["reform"] = reform_summary(tjeneste, year)
    return result


def reform_summary(tjeneste: Tjeneste, year: int) -> dict[str, Any]:
    """The reform compensation of ``year`` against the reform-driven costs, per municipality."""
    from barnevern.economy.compensation import reform_overview

    page = reform_overview(tjeneste, year)
    return {
        "year": year,
        "share_by_use": page.share.share if page.share else None,
        "share_source": page.share.source if page.share else "",
        "rows": [
            {
                "nummer": r.nummer,
                "navn": r.navn,
                "compensation": r.compensation,
                "by_use": r.by_use,
                "by_key": r.by_key,
                "copayment_increase": r.balance.copayment_increase,
                "lost_refund": r.balance.lost_refund,
                "costs": r.balance.costs,
                "difference": r.balance.difference,
                "source": f"{r.status} {r.source}".strip(),
            }
            for r in page.rows
        ],
        "total": {
            "compensation": page.total_compensation,
            "costs": page.total_costs,
            "difference": page.total_difference,
        },
        "notes": [*page.notes, *page.missing],
    }
