"""15F rules on Plan: Plan K2a, K2c, K2d, K2e.

Source: KOSTRA-KP ``individrule/Plan02*.kt`` (``ssb-barnevern.md`` §2.1). Plan K2b is no longer
run by KOSTRA-KP and is not implemented.
"""

from __future__ import annotations

from collections.abc import Iterator

from barnevern.control.base import Severity
from barnevern.control.kostra15f._base import Context15F, Hit, rule15f
from barnevern.control.kostra15f._family import (
    avsluttet_men_apen,
    end_after_individ_end,
    start_after_end,
    start_before_individ_start,
)
from barnevern.formats.kostra15f import Individ15F


@rule15f("Plan K2a", Severity.ERROR, "Planens startdato er etter sluttdato")
def plan_k2a(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from start_after_end(ind, ind.planer, "plan")


@rule15f("Plan K2c", Severity.ERROR, "Planens sluttdato er etter individets sluttdato")
def plan_k2c(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from end_after_individ_end(ind, ind.planer, "plan")


@rule15f("Plan K2d", Severity.ERROR, "Avslutta3112 = 1 krever avsluttede planer")
def plan_k2d(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from avsluttet_men_apen(ind, ctx, ind.planer, "plan", "planer")


@rule15f("Plan K2e", Severity.ERROR, "Planens startdato er før individets startdato")
def plan_k2e(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from start_before_individ_start(ind, ind.planer, "plan")
