"""Classification of measures (Tiltak): omsorgstiltak, plasseringstiltak, activity in time.

Source: ``reference/ssb-barnevern.md`` §1.4 (SSB's BVR code lists and the definitions used by
both SSB rule specifications, BVR ``Kravspesifikasjon`` and KOSTRA-KP for skjema 15F).

* **Omsorgstiltak** (care order) is defined on the legal basis (Lovhjemmel), not the category.
  A Tiltak is one if any of these holds:

  - ``BVL`` (1992) § 4-12;
  - ``BVL`` § 4-8 with ledd 2 or 3;
  - ``BVL`` § 4-8 together with a ``JmfrLovhjemmel`` § 4-12;
  - ``BVL2021`` § 5-1 (any bokstav).

  KOSTRA-KP's code is narrower (ignores the JmfrLovhjemmel variant and counts BVL2021 5-1 only
  with bokstav a–g); we follow the written definition. Everything else is a *hjelpetiltak*
  in SSB's statistics.
* **Plasseringstiltak** (placement) is defined on the category: 1.1, 1.2, 1.99, 2.1–2.6, 2.99
  and 8.2. Open question: no upstream source says whether the 2026 codes 8.4 (kommunale
  botiltak med døgnbemanning) and 8.5 (uten døgnbemanning), which replace 8.2, are
  placements. They are **not** counted by default; pass ``include_2026_housing=True`` to
  count them.

Periods are inclusive: a measure is active from ``start_dato`` up to and including its
``Konklusjon/SluttDato``; without a conclusion it is open-ended. Deleted measures
(``er_slettet``) are never active.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from barnevern.records import Lovhjemmel, Tiltak

__all__ = [
    "HOUSING_2026_CODES",
    "PLASSERING_CODES",
    "end_date",
    "is_active_on",
    "is_care_order_basis",
    "is_hjelpetiltak",
    "is_omsorgstiltak",
    "is_plasseringstiltak",
    "ledd_of",
    "matches",
    "overlap_days",
    "overlaps",
]

PLASSERING_CODES: frozenset[str] = frozenset(
    {"1.1", "1.2", "1.99", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.99", "8.2"}
)
"""Tiltak/Kategori codes that are plasseringstiltak in both SSB rule specifications."""

HOUSING_2026_CODES: frozenset[str] = frozenset({"8.4", "8.5"})
"""2026 housing codes replacing 8.2; whether they are placements is an open question."""


def matches(hjemmel: Lovhjemmel, lov: str, kapittel: str, paragraf: str) -> bool:
    """True if ``hjemmel`` is ``lov`` § ``kapittel``-``paragraf`` (ignoring ledd/bokstav)."""
    return (
        hjemmel.lov.strip().upper() == lov
        and hjemmel.kapittel.strip() == kapittel
        and hjemmel.paragraf.strip().lower() == paragraf
    )


def ledd_of(hjemmel: Lovhjemmel) -> set[str]:
    """The ledd numbers of a legal basis, as stripped strings."""
    return {ledd.strip() for ledd in hjemmel.ledd}


def is_care_order_basis(hjemmel: Lovhjemmel, jmfr: Sequence[Lovhjemmel] = ()) -> bool:
    """True if a legal basis (with its JmfrLovhjemmel) is a care order's (SSB §1.4).

    Used for Tiltak and for Vedtak alike.
    """
    if matches(hjemmel, "BVL", "4", "12") or matches(hjemmel, "BVL2021", "5", "1"):
        return True
    if matches(hjemmel, "BVL", "4", "8"):
        if ledd_of(hjemmel) & {"2", "3"}:
            return True
        return any(matches(other, "BVL", "4", "12") for other in jmfr)
    return False


def is_omsorgstiltak(tiltak: Tiltak) -> bool:
    """True if the measure is a care order (omsorgstiltak) by its Lovhjemmel (SSB §1.4)."""
    return is_care_order_basis(tiltak.lovhjemmel, tiltak.jmfr_lovhjemmel)


def is_hjelpetiltak(tiltak: Tiltak) -> bool:
    """True if the measure is not an omsorgstiltak (SSB's statistical definition)."""
    return not is_omsorgstiltak(tiltak)


def is_plasseringstiltak(tiltak: Tiltak, *, include_2026_housing: bool = False) -> bool:
    """True if the measure's category is a placement (1.1, 1.2, 1.99, 2.1–2.6, 2.99, 8.2).

    ``include_2026_housing`` also counts 8.4 and 8.5 (open question, off by default).
    """
    code = tiltak.kategori.kode.strip()
    if code in PLASSERING_CODES:
        return True
    return include_2026_housing and code in HOUSING_2026_CODES


def end_date(tiltak: Tiltak) -> date | None:
    """The measure's last day (``Konklusjon/SluttDato``), or ``None`` while it is open."""
    return tiltak.konklusjon.slutt_dato if tiltak.konklusjon else None


def is_active_on(tiltak: Tiltak, day: date) -> bool:
    """True if the (not deleted) measure runs on ``day``, both ends included."""
    if tiltak.er_slettet or day < tiltak.start_dato:
        return False
    last = end_date(tiltak)
    return last is None or day <= last


def overlaps(tiltak: Tiltak, start: date, end: date) -> bool:
    """True if the (not deleted) measure runs on at least one day of ``start``..``end``."""
    if tiltak.er_slettet or end < start:
        return False
    last = end_date(tiltak)
    return tiltak.start_dato <= end and (last is None or last >= start)


def overlap_days(tiltak: Tiltak, start: date, end: date) -> int:
    """How many days of ``start``..``end`` (inclusive) the measure runs; 0 if none."""
    if not overlaps(tiltak, start, end):
        return 0
    last = end_date(tiltak)
    first_day = max(tiltak.start_dato, start)
    last_day = end if last is None else min(last, end)
    return (last_day - first_day).days + 1
