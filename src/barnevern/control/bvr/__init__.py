"""SSB's control rules for the Barnevernsregisteret (BVR) format, on records.

Every rule of ``spec/bvr-Kravspesifikasjon.md`` (``ssb-barnevern.md`` §2.2) is a small
function registered under SSB's exact id in ``barnevern.control.base.REGISTRY`` with format
``"bvr"``; modules are grouped by element (``sak``, ``personalia``, ``melding`` ...). The rules
never see XML: readers turn files into ``barnevern.records`` first, so the same rules
run on files and on cases from the database.

Use :func:`check_bvr`. "Filbeskrivelse" (XSD) is applied by ``barnevern.control.pipeline``
before records exist; Sak K22 needs history (see ``sak.slettet_history``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from operator import attrgetter

from barnevern.control.base import Finding
from barnevern.control.bvr import (  # noqa: F401  (importing registers the rules)
    avgiver,
    ettervern,
    flytting,
    melding,
    oversendelse,
    personalia,
    plan,
    sak,
    tiltak,
    tiltak_omsorg,
    undersokelse,
    vedtak,
)
from barnevern.control.bvr.context import RULE_SPECS, BvrContext, Hit, RuleSpec, findings_of
from barnevern.records import Delivery

__all__ = ["check_bvr"]

# The rules to run for each combination of empty and non-empty element groups.
_GROUPS = tuple(sorted({spec.needs for spec in RULE_SPECS if spec.needs is not None}))
_group_values = attrgetter(*_GROUPS)
_ACTIVE: dict[tuple[bool, ...], tuple[tuple[Callable[[BvrContext], Iterable[Hit]], RuleSpec], ...]] = {}


def check_bvr(
    delivery: Delivery,
    *,
    file: str,
    as_of: date | None = None,
    year: int | None = None,
    known_elements: Iterable[tuple[str, str]] | None = None,
) -> list[Finding]:
    """Run every BVR rule on one delivery and return the findings, by line.

    ``as_of`` replaces DatoUttrekk as "today" (needed for records without one, e.g. from the
    database); ``year`` sets the reference year of Sak K1 (default: the year of ``as_of``);
    ``known_elements`` are ``(BegrepsType, Id)`` pairs reported earlier, for Sak K22.
    A Sak marked ``ErSlettet`` is not checked.
    """
    if delivery.sak.er_slettet:
        return []
    ctx = BvrContext.build(delivery, file=file, as_of=as_of, year=year, known_elements=known_elements)
    shape = tuple(map(bool, _group_values(ctx)))
    active = _ACTIVE.get(shape)
    if active is None:  # at most 2**len(_GROUPS) shapes; a handful in practice
        active = _ACTIVE[shape] = tuple(
            (spec.fn, spec) for spec in RULE_SPECS if spec.needs is None or getattr(ctx, spec.needs)
        )
    findings: list[Finding] = []
    for fn, spec in active:  # registration order, so findings on the same line keep their order
        hits = iter(fn(ctx))
        for h in hits:  # most rules find nothing: only then are Findings built
            findings.extend(findings_of(spec, ctx, (h, *hits)))
            break
    if len(findings) > 1:
        findings.sort(key=lambda f: (f.line is None, f.line or 0))
    return findings
