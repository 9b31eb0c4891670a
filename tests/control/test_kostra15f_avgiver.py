"""Avgiver K2, K3, K4, K6: fires / doesn't fire."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from barnevern.control.base import REGISTRY, Finding
from barnevern.control.kostra15f._base import Context15F
from barnevern.formats.kostra15f import Avgiver15F
from tests.control.kostra15f_support import document, individ, plan, run


def _avgiver_hits(rule: str, region: str = "340100", **avgiver: str) -> list:
    return [f for f in run(document(individ(plan()), **avgiver), region=region) if f.rule == rule]


@pytest.mark.parametrize(("versjon", "count"), [("2020", 0), ("2019", 1), ("0001", 1)])
def test_avgiver_k2_versjon_is_the_reporting_year(versjon: str, count: int) -> None:
    found = _avgiver_hits("Avgiver K2", Versjon=versjon)
    assert len(found) == count
    if found:
        assert f"feil rapporteringsår {versjon}, forventet 2020" in found[0].message
        assert found[0].line == 2


def _rule(rule_id: str) -> Callable[..., list[Finding]]:
    return next(r.check for r in REGISTRY.rules("15f") if r.id == rule_id)


@pytest.mark.parametrize(("orgnr", "count"), [("   ", 1), ("944117784", 0)])
def test_avgiver_k3_blank_orgnr(orgnr: str, count: int) -> None:
    # Avgiver.xsd already demands nine digits, so K3 is tested on the record directly.
    record = Avgiver15F(orgnr, "2020", "3401", "Kongsvinger", line=2)
    assert len(_rule("Avgiver K3")(record, Context15F("f.xml", 2020, "340100"))) == count


@pytest.mark.parametrize(
    ("kommunenummer", "region", "count"),
    [("3401", "340100", 0), ("0000", "340100", 1), ("0301", "030102", 0), ("0301", "340100", 1)],
)
def test_avgiver_k4_kommunenummer_matches_region(kommunenummer: str, region: str, count: int) -> None:
    found = _avgiver_hits("Avgiver K4", region=region, Kommunenummer=kommunenummer)
    assert len(found) == count


@pytest.mark.parametrize(("navn", "count"), [(" ", 1), ("Kongsvinger", 0)])
def test_avgiver_k6_kommunenavn_blank(navn: str, count: int) -> None:
    assert len(_avgiver_hits("Avgiver K6", Kommunenavn=navn)) == count
