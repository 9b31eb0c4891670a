"""Follow-up visits (D12) and supervision visits (D13) in foster homes, counted per year.

Sources: ``reference/domain-rules.md`` §1.2 D12/D13: fosterhjemsforskriften (2023 version
§ 10 ◐; 1992-era §§ 7–9 ✔): «så ofte som nødvendig», at least 4 visits a year, reducible
to 2; BVR records the agreed frequency in ``Tiltak/Oppfolging/Hyppighet`` and
``Tiltak/Tilsyn/Hyppighet`` (``@Kode`` 4 or 2 from ``@StartDato``) and each visit in
``Utfort/@UtfortDato`` (``reference/ssb-barnevern.md`` §1.2).

Counting choice (documented in ``docs/deadlines.md``): the law says «N ganger i året», so
visits are counted **per calendar year**, as the former half-year reporting and SSB's
annual statistics do, not per rolling period:

* the counting window of year Y is the part of Y in which the measure ran (for D13 also
  only before the 18th birthday), never past "today"'s year;
* the number required is the agreed yearly frequency pro-rated by the days of the window in
  each Hyppighet segment, rounded half up (a full year at code 4 → 4, 1 July–31 December →
  2, a placement from 1 December → 0);
* before the first Hyppighet the standard frequency 4 applies;
* each required visit is one deadline item: start = window start, due = window end; the
  k-th visit carried out in the window meets the k-th item. Extra visits count for nothing,
  and a visit in a later year never makes up for a missed one (it stays overdue).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from fractions import Fraction

from barnevern.records import Hyppighet, Tiltak, Utfort
from barnevern.rules.dates import add_days, add_years
from barnevern.rules.deadlines.model import DeadlineConfig, DeadlineItem, classify
from barnevern.rules.deadlines.statutory import d12_follow_up_visit, d13_supervision_visit
from barnevern.rules.measures import end_date

__all__ = ["EMERGENCY_HOME_CODE", "STANDARD_FREQUENCY", "required_visits", "visit_items"]

STANDARD_FREQUENCY = 4
EMERGENCY_HOME_CODE = "2.5"


def _frequency(code: str) -> int:
    try:
        value = int(code.strip())
    except ValueError:
        return STANDARD_FREQUENCY
    return value if value > 0 else STANDARD_FREQUENCY


def required_visits(hyppighet: Sequence[Hyppighet], first: date, last: date) -> int:
    """Visits required in ``first``..``last`` (inclusive, within one calendar year).

    The yearly frequency in force on each day (latest Hyppighet starting on or before it;
    4 before any) is pro-rated by day and the total rounded half up.
    """
    if last < first:
        return 0
    if first.year != last.year:
        raise ValueError("required_visits counts within one calendar year")
    year_days = (date(first.year, 12, 31) - date(first.year, 1, 1)).days + 1
    changes = sorted(hyppighet, key=lambda h: h.start_dato)
    expected = Fraction(0)
    segment_start = first
    frequency = STANDARD_FREQUENCY
    for change in changes:
        if change.start_dato <= first:
            frequency = _frequency(change.kode)
            continue
        if change.start_dato > last:
            break
        expected += Fraction(frequency * (change.start_dato - segment_start).days, year_days)
        segment_start, frequency = change.start_dato, _frequency(change.kode)
    expected += Fraction(frequency * ((last - segment_start).days + 1), year_days)
    return int(expected + Fraction(1, 2))


def visit_items(
    sak_id: str,
    tiltak: Tiltak,
    rule: str,
    hyppighet: Sequence[Hyppighet],
    utfort: Sequence[Utfort],
    today: date,
    config: DeadlineConfig,
    *,
    birth: date | None = None,
) -> list[DeadlineItem]:
    """Deadline items for the visits (``rule`` "D12" or "D13") of one foster-home measure."""
    if rule not in ("D12", "D13"):
        raise ValueError(f"visit rule must be D12 or D13, not {rule!r}")
    last_day = end_date(tiltak)
    if rule == "D13" and birth is not None:
        eve_of_18 = add_days(add_years(birth, 18), -1)
        last_day = eve_of_18 if last_day is None else min(last_day, eve_of_18)
    make = d12_follow_up_visit if rule == "D12" else d13_supervision_visit
    visits = sorted(u.utfort_dato for u in utfort if u.utfort_dato <= today)
    items: list[DeadlineItem] = []
    for year in range(tiltak.start_dato.year, today.year + 1):
        first = max(tiltak.start_dato, date(year, 1, 1))
        last = date(year, 12, 31) if last_day is None else min(last_day, date(year, 12, 31))
        if last < first:
            continue
        required = required_visits(hyppighet, first, last)
        done = [v for v in visits if first <= v <= last]
        deadline = make(first, last, config)
        for k in range(1, required + 1):
            met_on = done[k - 1] if k <= len(done) else None
            status, days = classify(last, met_on, today)
            items.append(
                DeadlineItem(
                    sak_id=sak_id,
                    element_type="Tiltak",
                    element_id=tiltak.id,
                    rule=rule,
                    part=f"{year} besøk {k}/{required}",
                    paragraph=deadline.paragraph,
                    title_nb=deadline.title_nb,
                    start=first,
                    due=last,
                    met_on=met_on,
                    status=status,
                    days=days,
                    unverified=deadline.unverified,
                    configurable=deadline.configurable,
                    note_nb=deadline.note_nb,
                )
            )
    return items
