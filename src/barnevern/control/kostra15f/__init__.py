"""SSB's control rules for KOSTRA skjema 15F (KOSTRA-KP), as small pure-Python units.

:func:`check_15f` runs them the way KOSTRA-KP does (``ssb-barnevern.md`` §2.1):

1. the file must parse as XML («Filfeil» otherwise, and nothing else is checked);
2. every ``Avgiver`` and ``Individ`` is checked on its own: first against its XSD (only the
   first error is reported; an element that fails is not checked further), then every rule of
   its scope;
3. the whole-file rules: exactly one Avgiver (Avgiver K0), at least one Individ (Individ K0),
   duplicate fødselsnummer (Individ K04) and journalnummer (Individ K05) among valid Individs.

The rules live in one module per element group (:mod:`.avgiver`, :mod:`.individ`,
:mod:`.melding`, :mod:`.undersokelse`, :mod:`.plan`, :mod:`.tiltak`, :mod:`.flytting`,
:mod:`.structure`) and are registered in ``barnevern.control.base.REGISTRY`` under
``format="15f"`` with SSB's ids. Generic code-list findings (code not valid on the element's
date, code requires Presisering) are INFO on 15F and are not emitted yet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from barnevern.control.base import Finding
from barnevern.control.kostra15f import (  # noqa: F401  (importing registers the rules)
    avgiver,
    flytting,
    individ,
    melding,
    plan,
    structure,
    tiltak,
    undersokelse,
)
from barnevern.control.kostra15f._base import RULES, Context15F, FileSummary
from barnevern.control.kostra15f.structure import canonical, individ_k1_hit
from barnevern.formats.kostra15f import (
    Individ15F,
    Kostra15FError,
    local_name,
    read_avgiver,
    read_individ,
    top_elements,
)
from barnevern.formats.xmlsafe import XmlFileError, parse_bytes, parse_file

__all__ = ["check_15f", "rule_ids"]

Source = etree._ElementTree | etree._Element | bytes | str | Path


def rule_ids(*, include_inactive: bool = False) -> list[str]:
    """SSB's 15F rule ids in the order they run."""
    return [r.id for r in RULES if r.active or include_inactive]


def _root(source: Source, name: str) -> etree._Element:
    if isinstance(source, etree._ElementTree):
        return source.getroot()
    if isinstance(source, etree._Element):
        return source
    if isinstance(source, bytes):
        return parse_bytes(source, name).getroot()
    return parse_file(source, name).getroot()


class _Runner:
    def __init__(self, ctx: Context15F, include_inactive: bool) -> None:
        self.ctx, self.include_inactive = ctx, include_inactive

    def __call__(self, scope: str, subject: Any) -> list[Finding]:
        found: list[Finding] = []
        for rule in RULES:
            if rule.scope == scope and (rule.active or self.include_inactive):
                found.extend(rule.check(subject, self.ctx))
        return found


def check_15f(
    tree_or_file: Source,
    name: str,
    *,
    year: int,
    region: str | None = None,
    include_inactive: bool = False,
) -> list[Finding]:
    """Every 15F finding for a file (a parsed tree, an element, bytes or a path).

    ``year`` is the reporting year (KOSTRA-KP ``-y``). ``region`` is kommunenummer + bydel, six
    digits (``-r``, e.g. ``"030102"``); without it, Avgiver's ``@Kommunenummer`` + ``"00"``.
    ``include_inactive`` also runs rules SSB defines but does not run (Tiltak K24).
    """
    try:
        root = _root(tree_or_file, name)
    except XmlFileError as exc:
        ctx = Context15F(name, year, region or "")
        return _Runner(ctx, include_inactive)("xml", exc)
    elements = list(top_elements(root))
    if region is None:
        first = next((e for e in elements if local_name(e) == "Avgiver"), None)
        region = ((first.get("Kommunenummer") or "") if first is not None else "") + "00"
    run = _Runner(Context15F(name, year, region), include_inactive)
    findings: list[Finding] = []
    avgiver_lines: list[int | None] = []
    valid: list[Individ15F] = []
    individ_count = 0
    for element in elements:
        copy = canonical(element)
        findings.extend(run("element", copy))
        if local_name(element) == "Avgiver":
            avgiver_lines.append(element.sourceline)
            failed = run("avgiver-xsd", copy)
            findings.extend(failed)
            if not failed:
                findings.extend(run("avgiver", read_avgiver(element, name)))
            continue
        individ_count += 1
        failed = run("individ-xsd", copy)
        if not failed:
            try:
                record = read_individ(element, name)
            except Kostra15FError as exc:  # XSD-valid but unreadable (e.g. year 10000)
                failed = _k1(run.ctx, element, exc)
            else:
                findings.extend(run("individ", record))
                valid.append(record)
        findings.extend(failed)
    summary = FileSummary(tuple(avgiver_lines), individ_count, tuple(valid))
    findings.extend(run("file", summary))
    return findings


def _k1(ctx: Context15F, element: etree._Element, exc: Kostra15FError) -> list[Finding]:
    rule = next(r for r in RULES if r.id == "Individ K1")
    hit = individ_k1_hit(element, exc.line, exc.message)
    return [Finding(rule.id, rule.severity, hit.message, ctx.file, hit.line, hit.sak_id, None)]
