"""Output of the ``validate`` and ``rules`` commands: JSON, Norwegian text, the rule table."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from barnevern.control.base import REGISTRY, Finding, RuleInfo, Severity, exit_code
from barnevern.control.pipeline import ValidationReport  # importing it registers every rule

__all__ = ["report_json", "report_text", "rules_table"]

_ORDER = sorted(Severity, reverse=True)  # FATAL, ERROR, WARNING, INFO


def report_json(report: ValidationReport) -> dict[str, Any]:
    """``{"files", "findings": [{"rule", "severity", "file", "line", "sak_id", "element_id",
    "message"}], "counts": {"FATAL", "ERROR", "WARNING", "INFO"}}``."""
    counts = {s.name: 0 for s in _ORDER}
    for f in report.findings:
        counts[f.severity.name] += 1
    return {
        "files": report.files,
        "findings": [f.as_dict() for f in report.findings],
        "counts": counts,
    }


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _where(f: Finding) -> str:
    parts = []
    if f.sak_id:
        parts.append(f"Sak {f.sak_id}")
    if f.element_id and f.element_id != f.sak_id:
        parts.append(f"element {f.element_id}")
    if f.line is not None:
        parts.append(f"linje {f.line}")
    return ", ".join(parts)


def report_text(report: ValidationReport) -> str:
    """The report for people, in Norwegian: a summary, then findings by file and severity."""
    counts = report_json(report)["counts"]
    lines = [
        f"Kontrollerte {_plural(report.files, 'fil', 'filer')}: "
        f"{_plural(counts['FATAL'], 'kritisk feil', 'kritiske feil')}, "
        f"{counts['ERROR']} feil, "
        f"{_plural(counts['WARNING'], 'advarsel', 'advarsler')}, "
        f"{counts['INFO']} info."
    ]
    by_file: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)
    for file, findings in by_file.items():
        lines += ["", f"Fil: {file}"]
        for severity in _ORDER:
            group = [f for f in findings if f.severity is severity]
            if not group:
                continue
            lines.append(f"  {severity.label_nb} ({len(group)}):")
            for f in sorted(group, key=lambda x: (x.line is None, x.line or 0, x.rule)):
                where = _where(f)
                lines.append(f"    - [{f.rule}] {where + ': ' if where else ''}{f.message}")
    code = exit_code(report.findings)
    verdict = {
        0: "Ingen feil eller advarsler.",
        1: "Advarsler funnet: kontroller og rett om nødvendig.",
        2: "Feil funnet: rett feilene før innsending.",
    }[code]
    lines += ["", f"{verdict} (avslutningskode {code})"]
    return "\n".join(lines) + "\n"


_BVR_GROUPS = [
    "Filbeskrivelse",
    "Avgiver",
    "Sak",
    "Personalia",
    "Melding",
    "Melder",
    "Saksinnhold",
    "Undersøkelse",
    "Vedtak",
    "Tiltak",
    "Plan",
    "Ettervern",
    "Flytting",
    "OversendelseFylkesnemnd",
]
_FORMAT_ORDER = {"bvr": 0, "15f": 1, "generic": 2}
_ID = re.compile(r"^(?P<group>\S+)(?: K(?P<num>\d+)(?P<suffix>[a-z]*))?")


def _bvr_key(rule: RuleInfo) -> tuple[int, int, str]:
    m = _ID.match(rule.id)
    group = m.group("group") if m else rule.id
    index = _BVR_GROUPS.index(group) if group in _BVR_GROUPS else len(_BVR_GROUPS)
    number = int(m.group("num")) if m and m.group("num") else 0
    return index, number, (m.group("suffix") or "") if m else ""


def _all_rules() -> list[RuleInfo]:
    rules = REGISTRY.rules()
    position = {id(r): i for i, r in enumerate(rules)}
    return sorted(
        rules,
        key=lambda r: (
            _FORMAT_ORDER.get(r.format, 3),
            _bvr_key(r) if r.format == "bvr" else (0, 0, ""),
            position[id(r)],
        ),
    )


def rules_table(fmt: str = "md") -> str:
    """Every registered rule: id, severity, format, meaning, source (``md``, ``csv``, ``json``)."""
    rules = _all_rules()
    rows = [
        {
            "id": r.id,
            "severity": r.severity.name,
            "format": r.format,
            "meaning": r.meaning,
            "source": r.source,
        }
        for r in rules
    ]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(
            out, fieldnames=list(rows[0]) if rows else ["id"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()
    if fmt == "md":
        lines = [
            "| Regel | Alvorlighet | Format | Betydning | Kilde |",
            "|---|---|---|---|---|",
        ]
        for row in rows:
            cells = [
                row[k].replace("|", "\\|")
                for k in ("id", "severity", "format", "meaning", "source")
            ]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"
    raise ValueError(f"Ukjent format «{fmt}». Bruk md, csv eller json.")
