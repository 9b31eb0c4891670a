"""Where each report section gets its figures: exactly one query function of the owning app.

The report computes no legal or economic figure itself. Each source below names the function
that owns the figures; a section whose function does not exist (yet) in this installation is
shown as «Ikke tilgjengelig ennå» instead of failing. ``EXPECTED`` documents the signatures.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["EXPECTED", "NotAvailable", "Source", "call", "resolve"]


class NotAvailable(Exception):
    """The owning app does not provide the function (yet); the message is Norwegian."""


@dataclass(frozen=True, slots=True)
class Source:
    candidates: tuple[str, ...]  # "module:function", the first that exists is used
    signature: str  # for the lead and the docs


EXPECTED: dict[str, Source] = {
    "key_figures": Source(
        ("barnevern.stats.queries:indicator_series",),
        "indicator_series(tjeneste, periods, *, published: bool) -> list[StatsResult] "
        "(per period: value(key, kommunenr|None), note(key), municipalities {nr: navn}; "
        "published = small-number suppression as on the statistics pages)",
    ),
    "staff": Source(
        ("barnevern.staff.queries:overview",),
        "overview(tjeneste, on: date) -> StaffOverview",
    ),
    "compliance": Source(
        ("barnevern.quality.compliance:compliance_summary",),
        "compliance_summary(tjeneste, start, end, *, today) -> {kommunenr: {rule: {met, breached, "
        "open, days_over, share}}}",
    ),
    "avvik": Source(
        ("barnevern.quality.avvik:avvik_summary",),
        "avvik_summary(tjeneste, start, end) -> {kategori: {label, registrert, <status>: n}}",
    ),
    "economy": Source(
        ("barnevern.economy.reporting:annual_summary",),
        "annual_summary(tjeneste, year) -> dict, every key optional, amounts Decimal: "
        "per_kommune: [{nummer, navn, common, client, total, paid}]; "
        "key: {note, rows: [{nummer, navn, weight, percent}]}; "
        "settlements: [{label, status, members: [{nummer, navn, balance}]}]; "
        "budget: [{category, budget, actual, forecast, deviation}]; "
        "copayments: {actual, pre_reform, difference, next_year, placements: int}; "
        "reform (from 2022): {year, share_by_use, share_source, rows: [{nummer, navn, compensation|None, "
        "by_use, by_key, copayment_increase, lost_refund, costs, difference|None, source}], "
        "total: {compensation, costs, difference}, notes: [str]}; notes: [str]",
    ),
}


def resolve(name: str) -> Callable[..., Any]:
    """The function behind source ``name``; ``NotAvailable`` if no candidate exists."""
    for candidate in EXPECTED[name].candidates:
        module_name, _, attr = candidate.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # the module itself is missing, not something it imports
            raise
        fn = getattr(module, attr, None)
        if callable(fn):
            return fn
    raise NotAvailable("Ikke tilgjengelig ennå")


def call(name: str, *args: Any, **kwargs: Any) -> Any:
    return resolve(name)(*args, **kwargs)
