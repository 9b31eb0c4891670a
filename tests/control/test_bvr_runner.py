"""``check_bvr``'s shortcuts give exactly what running every rule plainly gives.

``check_bvr`` skips a rule whose ``needs`` group is empty, runs the rest from the raw rule
functions and builds Findings only for hits. These tests run the rule functions themselves
(no skipping) on generated cases, with and without deliberate errors, and on cases with
deleted elements, and compare.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from barnevern.control.base import REGISTRY
from barnevern.control.bvr import check_bvr
from barnevern.control.bvr.context import RULE_SPECS, BvrContext, findings_of
from barnevern.formats.generator import generate
from barnevern.records import Delivery


def _deliveries() -> list[Delivery]:
    found = list(generate(150, seed=11, error_rate=0.6))
    found += list(generate(60, seed=12, year=2025, error_rate=0.6))
    # Cases whose elements are deleted (ErSlettet), so live groups differ from the Sak's.
    for dlv in list(found[:40]):
        sak = dlv.sak
        deleted = replace(
            sak,
            meldinger=tuple(replace(m, er_slettet=True) for m in sak.meldinger),
            tiltak=tuple(replace(t, er_slettet=True) for t in sak.tiltak),
            personalia=tuple(replace(p, er_slettet=True) for p in sak.personalia[:1]),
        )
        found.append(replace(dlv, sak=deleted))
    return found


DELIVERIES = _deliveries()


def _plain(dlv: Delivery) -> list:
    """Every registered BVR rule, through ``RuleInfo.check``, sorted as check_bvr sorts."""
    ctx = BvrContext.build(dlv, file="x.xml")
    findings = [f for info in REGISTRY.rules("bvr") for f in info.check(ctx)]
    return sorted(findings, key=lambda f: (f.line is None, f.line or 0))


def test_check_bvr_equals_the_plain_run_of_every_rule():
    assert sum(len(_plain(d)) for d in DELIVERIES) > 50  # the cases do break rules
    for dlv in DELIVERIES:
        assert check_bvr(dlv, file="x.xml") == _plain(dlv)


@pytest.mark.parametrize("spec", [s for s in RULE_SPECS if s.needs], ids=lambda s: s.id)
def test_a_rule_finds_nothing_while_the_group_it_needs_is_empty(spec):
    """The claim behind ``needs``: with the group empty, the raw rule yields no hit."""
    checked = 0
    for dlv in DELIVERIES:
        ctx = BvrContext.build(dlv, file="x.xml")
        if getattr(ctx, spec.needs):
            ctx = BvrContext.build(replace(dlv, sak=replace(dlv.sak, **{spec.needs: ()})), file="x.xml")
        assert list(findings_of(spec, ctx, spec.fn(ctx))) == []
        checked += 1
    assert checked == len(DELIVERIES)


def test_rule_specs_follow_the_registry():
    assert [s.id for s in RULE_SPECS] == [r.id for r in REGISTRY.rules("bvr")]


def test_live_groups_and_relation_index():
    dlv = DELIVERIES[0]
    sak = dlv.sak
    ctx = BvrContext.build(dlv, file="x.xml")
    assert list(ctx.meldinger) == [m for m in sak.meldinger if not m.er_slettet]
    for r in sak.relasjoner:
        if not r.er_slettet:
            assert r.fra_id in ctx.related_from(r.fra_type, r.til_type, r.til_id)
            assert r.til_id in ctx.related_to(r.fra_type, r.fra_id, r.til_type)
    assert ctx.related_from("Melding", "Undersokelse", "finnes-ikke") == ()
