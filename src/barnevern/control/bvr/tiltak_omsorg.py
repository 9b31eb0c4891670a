"""BVR rules on placements and care orders: Tiltak K9, K12, K13.

Definitions (``spec/bvr-Kravspesifikasjon.md`` § Definisjoner, ``ssb-barnevern.md`` §1.4) come
from ``barnevern.rules.measures``: an *omsorgstiltak* by its Lovhjemmel (BVL § 4-12, § 4-8
ledd 2/3 or with JmfrLovhjemmel § 4-12, BVL2021 § 5-1), a *plasseringstiltak* by its category
(1.1, 1.2, 1.99, 2.1-2.6, 2.99, 8.2; the 2026 codes 8.4/8.5 are not counted, an open question).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import combinations

from barnevern.control.base import Severity
from barnevern.control.bvr.common import end_of
from barnevern.control.bvr.context import BvrContext, Hit, bvr_rule, fmt, hit
from barnevern.rules.measures import is_omsorgstiltak, is_plasseringstiltak

MAX_OVERLAP_DAYS = 90


@bvr_rule(
    "Tiltak K9",
    Severity.WARNING,
    "To plasseringstiltak overlapper med mer enn 90 dager",
    needs="tiltak",
)
def tiltak_k9(ctx: BvrContext) -> Iterator[Hit]:
    """Two plasseringstiltak overlap by more than 90 days; an open end is DatoUttrekk.

    Days are counted with both ends included (a measure ending the day the other starts
    overlaps by one day). Reported once per pair, on the measure that starts later.
    """
    placements = sorted(
        (t for t in ctx.tiltak if is_plasseringstiltak(t)),
        key=lambda t: t.start_dato,
    )
    for first, second in combinations(placements, 2):
        start = max(first.start_dato, second.start_dato)
        end = min(end_of(first) or ctx.as_of, end_of(second) or ctx.as_of)
        days = (end - start).days + 1
        if days > MAX_OVERLAP_DAYS:
            yield hit(
                second,
                f"Flere plasseringstiltak i samme periode ({fmt(start)} - {fmt(end)}). "
                "Plasseringstiltak kan ikke overlappe med mer enn 90 dager. Antall dager "
                f"overlapp: {days} dager. Overlapper med tiltak-id {first.id}. Avslutt det "
                "tidligere tiltaket på riktig dato.",
            )


@bvr_rule(
    "Tiltak K12",
    Severity.ERROR,
    "Omsorgstiltak (plassering) med sluttdato krever årsak til opphevelse",
    needs="tiltak",
)
def tiltak_k12(ctx: BvrContext) -> Iterator[Hit]:
    """An omsorgstiltak that is also a plasseringstiltak, ended, without Opphevelse."""
    for t in ctx.tiltak:
        if end_of(t) is not None and t.opphevelse is None and is_omsorgstiltak(t) and is_plasseringstiltak(t):
            yield hit(
                t,
                "Omsorgstiltak med sluttdato krever årsak til opphevelse. Registrer Opphevelse med kode.",
            )


@bvr_rule(
    "Tiltak K13",
    Severity.ERROR,
    "Klient som er 18 år eller eldre har åpent omsorgstiltak",
    needs="tiltak",
)
def tiltak_k13(ctx: BvrContext) -> Iterator[Hit]:
    """Age ≥ 18 at DatoUttrekk with an omsorgstiltak without SluttDato."""
    age = ctx.age_on(ctx.as_of)
    if age is None or age < 18:
        return
    for t in ctx.tiltak:
        if end_of(t) is None and is_omsorgstiltak(t):
            yield hit(
                t,
                f"Individet er over 18 år og skal dermed ikke ha omsorgstiltak. Alder: {age} "
                f"år. Avslutt omsorgstiltaket (senest {fmt(_eighteenth(ctx))}) og registrer "
                "eventuelt ettervern.",
            )


def _eighteenth(ctx: BvrContext) -> date | None:
    born = ctx.birth_date
    if born is None:
        return None
    try:
        return born.replace(year=born.year + 18)
    except ValueError:  # born 29 February
        return date(born.year + 18, 3, 1)
