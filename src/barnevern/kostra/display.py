"""KOSTRA figures as printed, with the one Norwegian number display (``barnevern.display``):
«12 345», «27,4», «33,0 %»; SSB's symbols (``:`` ``..`` ``.``) as they are."""

from __future__ import annotations

from barnevern import display
from barnevern.rules.kostra import Figure


def show(figure: Figure, kind: str, decimals: int) -> str:
    """``kind`` percent adds « %» (the value is already in per cent)."""
    value = figure.number
    if value is None:
        return figure.status or display.MISSING
    if kind == "percent":
        return display.percent_of(value, decimals)
    return display.number(value, decimals)
