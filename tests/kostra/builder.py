"""JSON-stat 2.0 documents in SSB's shape for the tests, written by hand (no SSB file is
copied): ``document(table, dims, values, status)`` with the dimensions in order, the last one
varying fastest."""

from __future__ import annotations

import json
import math
from typing import Any

REGION = "KOKkommuneregion0000"


def document(
    table: str,
    dims: list[tuple[str, dict[str, str]]],
    values: list[Any],
    status: dict[str, str] | None = None,
    *,
    updated: str = "2023-06-15T06:00:00Z",
    units: dict[str, tuple[str, int]] | None = None,
    synthetic: bool = False,
    title: str = "Testtabell",
) -> dict[str, Any]:
    ids = [d for d, _c in dims]
    size = [len(c) for _d, c in dims]
    assert math.prod(size) == len(values)
    dimension = {}
    for d, cats in dims:
        category: dict[str, Any] = {"index": {k: i for i, k in enumerate(cats)}, "label": cats}
        if d == "ContentsCode" and units:
            category["unit"] = {k: {"base": base, "decimals": dec} for k, (base, dec) in units.items()}
        dimension[d] = {"label": d.lower(), "category": category}
    doc: dict[str, Any] = {
        "class": "dataset",
        "version": "2.0",
        "label": f"{table}: {title}",
        "source": "Statistisk sentralbyrå",
        "updated": updated,
        "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": [REGION]},
        "id": ids,
        "size": size,
        "dimension": dimension,
        "value": values,
        "status": status or {},
        "extension": {"px": {"tableid": table, "decimals": 0}},
    }
    if synthetic:
        doc["extension"]["barnevern"] = {"synthetic": True}
    return doc


def dumps(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode()


def years(*ys: int) -> dict[str, str]:
    return {str(y): str(y) for y in ys}
