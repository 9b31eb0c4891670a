"""Contributions in stored form: compact JSON texts per (Sak, period), and what makes them stale.

The statistics app keeps the :class:`~barnevern.rules.indicators.counting.Contribution` of each
case for the standard periods (calendar years and half-years) so that a statistics page merges
stored contributions instead of reading every case. A stored contribution is valid as long as
the case, the counting rules and the deadline settings are the same: the case's changes are
signalled by the case register, the other two are in :func:`fingerprint`.

Format: ``[child, rows, state]`` with ``rows`` = ``{kommune: [n, ...]}`` (counts in the order of
``EVENT_KEYS``) and
``state`` = ``null`` or the child state as a list (dates as ISO text); the empty text means
the case adds nothing to the period.

Besides the contribution itself, a case's counts *as if its child had no other case*
(:meth:`Contribution.alone`: the events and the child counted once, per municipality) are kept
as :func:`dumps_counts` text, ``{kommune: [n, ...]}`` in the order of ``COUNT_KEYS`` (trailing
zeros left out), with the child's key (:func:`child_of`, empty without a child state). Equal
texts add up the same, so a reader may group them (in SQL) and add each distinct text once with
its number: that is exact for every child with a state from one case only; the contributions of
a child with states from several cases are merged with ``Tally.add`` in case order.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any

from barnevern.rules.deadlines.model import DeadlineConfig
from barnevern.rules.deadlines.statutory import DEFAULT_CONFIG
from barnevern.rules.indicators.counting import CHILD_KEYS, Contribution, _Child, _Visits
from barnevern.rules.periods import Period

__all__ = [
    "COUNT_KEYS",
    "EMPTY",
    "EVENT_KEYS",
    "RULES_VERSION",
    "child_of",
    "dumps",
    "dumps_counts",
    "fingerprint",
    "is_standard",
    "loads",
    "loads_counts",
    "loads_many",
]

# Raise when the counting rules (counting.py) or this format change: every stored row is stale.
RULES_VERSION = 2
EMPTY = ""
# The event counts a Sak can add (``counting._Contributor``), stored as a list in this order.
EVENT_KEYS = (
    "meldinger",
    "meldinger_gjennomgatt",
    "meldinger_henlagt",
    "meldinger_til_undersokelse",
    "meldinger_gjennomgatt_innen_frist",
    "undersokelser_startet",
    "undersokelser_avsluttet",
    "undersokelser_til_tiltak",
    "undersokelser_avsluttet_innen_frist",
)
_EVENTS = frozenset(EVENT_KEYS)
# Every count a Sak can add on its own (events, then its child's counts), for ``dumps_counts``.
COUNT_KEYS = EVENT_KEYS + CHILD_KEYS
_COUNTS = frozenset(COUNT_KEYS)


def is_standard(period: Period) -> bool:
    """Calendar years and half-years: the periods whose contributions are stored."""
    return period.is_year or period.half_number is not None


def _canonical(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, frozenset | set):
        return sorted(_canonical(v) for v in value)
    if isinstance(value, tuple | list):
        return [_canonical(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _canonical(getattr(value, f.name)) for f in fields(value)}
    return value


@lru_cache(maxsize=64)
def fingerprint(config: DeadlineConfig | None) -> str:
    """16 hex digits naming the rules version and every deadline setting (None = defaults)."""
    text = json.dumps([RULES_VERSION, _canonical(config or DEFAULT_CONFIG)], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _visits_out(v: _Visits | None) -> list[Any] | None:
    return None if v is None else [v.last_day.isoformat(), v.kommune, v.met]


def _visits_in(v: list[Any] | None) -> _Visits | None:
    return None if v is None else _Visits(date.fromisoformat(v[0]), v[1], v[2])


def dumps(contribution: Contribution) -> str:
    """The stored text (``EMPTY`` when the case adds nothing)."""
    if contribution.empty:
        return EMPTY
    c = contribution.state
    state = None
    if c is not None:
        state = [
            _day(c.last_day),
            c.last_kommune,
            c.omsorg,
            None if c.end_rank is None else [c.end_rank[0].isoformat(), c.end_rank[1]],
            c.end_kommune,
            c.end_omsorg,
            c.plassert,
            c.frivillig,
            c.plan,
            c.plan_due,
            c.plan_evaluated,
            _visits_out(c.oppfolging),
            _visits_out(c.tilsyn),
        ]
    for counts in contribution.rows.values():
        if not _EVENTS.issuperset(counts):
            raise ValueError(f"unknown event keys {sorted(set(counts) - _EVENTS)}: add them to EVENT_KEYS")
    rows = {k: [v.get(key, 0) for key in EVENT_KEYS] for k, v in sorted(contribution.rows.items())}
    return json.dumps([contribution.child, rows, state], separators=(",", ":"), ensure_ascii=False)


def _load(child: str, rows: dict[str, list[int]], s: list[Any] | None) -> Contribution:
    counts = {k: {key: n for key, n in zip(EVENT_KEYS, v, strict=True) if n} for k, v in rows.items()}
    state = None
    if s is not None:
        end_rank = None if s[3] is None else (date.fromisoformat(s[3][0]), s[3][1])
        state = _Child(
            None if s[0] is None else date.fromisoformat(s[0]),
            s[1],
            s[2],
            end_rank,
            s[4],
            s[5],
            s[6],
            s[7],
            s[8],
            s[9],
            s[10],
            _visits_in(s[11]),
            _visits_in(s[12]),
        )
    return Contribution(counts, child, state)


def loads(text: str) -> Contribution | None:
    """The contribution from its stored text; None for ``EMPTY``."""
    if not text:
        return None
    return _load(*json.loads(text))


def loads_many(texts: Sequence[str]) -> list[Contribution]:
    """Many non-empty stored texts at once (one JSON parse for all: the per-call overhead of
    ``json.loads`` costs more than the parsing of a small text)."""
    if not texts:
        return []
    collecting = gc.isenabled()
    gc.disable()  # many small containers: collections triggered meanwhile find nothing to free
    try:
        return [_load(*parts) for parts in json.loads("[" + ",".join(texts) + "]")]
    finally:
        if collecting:
            gc.enable()


def child_of(contribution: Contribution) -> str:
    """The child's key when the contribution has a child state (it may merge), else ``EMPTY``."""
    return contribution.child if contribution.state is not None else EMPTY


def dumps_counts(contribution: Contribution) -> str:
    """The counts of :meth:`Contribution.alone` as stored text (``EMPTY`` when it adds nothing);
    equal counts give equal texts."""
    if contribution.empty:
        return EMPTY
    out = {}
    for kommune, counts in sorted(contribution.alone().items()):
        if not _COUNTS.issuperset(counts):
            raise ValueError(f"unknown count keys {sorted(set(counts) - _COUNTS)}: add them to COUNT_KEYS")
        vector = [counts.get(key, 0) for key in COUNT_KEYS]
        while vector and not vector[-1]:
            vector.pop()
        out[kommune] = vector
    return json.dumps(out, separators=(",", ":"), ensure_ascii=False)


@lru_cache(maxsize=16384)
def loads_counts(text: str) -> Mapping[str, Mapping[str, int]]:
    """The counts from :func:`dumps_counts` text, ``{kommune: {key: n}}`` without zeros.

    Memoised (the same few texts are read on every request): do not modify the result."""
    if not text:
        return {}
    return {
        kommune: {key: n for key, n in zip(COUNT_KEYS, vector, strict=False) if n}
        for kommune, vector in json.loads(text).items()
    }
