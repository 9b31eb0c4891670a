"""15F rules on Flytting: Flytting K2c and K2f.

Source: KOSTRA-KP ``individrule/Flytting02c.kt`` and ``Flytting02f.kt`` (``ssb-barnevern.md``
§2.1). A Flytting has only a SluttDato (the day the child moved).
"""

from __future__ import annotations

from collections.abc import Iterator

from barnevern.control.base import Severity
from barnevern.control.kostra15f._base import Context15F, Hit, fmt, rule15f, who
from barnevern.control.kostra15f._family import end_after_individ_end
from barnevern.formats.kostra15f import Individ15F


@rule15f("Flytting K2c", Severity.ERROR, "Flyttingens sluttdato er etter individets sluttdato")
def flytting_k2c(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from end_after_individ_end(ind, ind.flyttinger, "flytting")


@rule15f("Flytting K2f", Severity.ERROR, "Flyttingens sluttdato er før individets startdato")
def flytting_k2f(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    for f in ind.flyttinger:
        if f.slutt_dato < ind.start_dato:
            yield Hit(
                f"{who(ind, f'flytting {f.id}')}: Flyttingens sluttdato ({fmt(f.slutt_dato)}) "
                f"er før individets startdato ({fmt(ind.start_dato)}). Rett en av datoene.",
                f.line,
                f.id,
            )
