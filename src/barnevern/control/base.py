"""Findings, severities and the rule registry shared by every control rule.

Severities and exit codes follow SSB's kontrollprogram (KOSTRA-KP): INFO → 0,
WARNING ("Advarsel") → 1, ERROR ("Feil") and FATAL ("Kritisk feil") → 2.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3
    FATAL = 4

    @property
    def label_nb(self) -> str:
        return {1: "Info", 2: "Advarsel", 3: "Feil", 4: "Kritisk feil"}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One control finding, shaped like the JSON the ``validate`` command prints."""

    rule: str
    severity: Severity
    message: str
    file: str = ""
    line: int | None = None
    sak_id: str | None = None
    element_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.name,
            "file": self.file,
            "line": self.line,
            "sak_id": self.sak_id,
            "element_id": self.element_id,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Metadata of one rule, listed by ``barnevern rules``."""

    id: str  # exactly SSB's id, e.g. "Tiltak K9" or "Melding K3"
    severity: Severity
    format: str  # "15f", "bvr" or "generic"
    meaning: str  # one line, Norwegian
    source: str  # e.g. "SSB KOSTRA-KP 15F", "SSB BVR Kravspesifikasjon", "Barnevern"
    check: Callable[..., Iterable[Finding]] = field(compare=False, repr=False)


class Registry:
    """Rules per format, in registration order."""

    def __init__(self) -> None:
        self._rules: dict[str, list[RuleInfo]] = {}

    def rule(
        self, id: str, severity: Severity, format: str, meaning: str, source: str
    ) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
        def register(fn: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
            info = RuleInfo(id, severity, format, meaning, source, fn)
            bucket = self._rules.setdefault(format, [])
            if any(r.id == id for r in bucket):
                raise ValueError(f"duplicate rule id {id!r} for format {format!r}")
            bucket.append(info)
            return fn

        return register

    def rules(self, format: str | None = None) -> list[RuleInfo]:
        if format is not None:
            return list(self._rules.get(format, []))
        return [r for bucket in self._rules.values() for r in bucket]

    def __iter__(self) -> Iterator[RuleInfo]:
        return iter(self.rules())


REGISTRY = Registry()


def exit_code(findings: Iterable[Finding]) -> int:
    """0 with only INFO or nothing, 1 with warnings, 2 with errors or fatal (as KOSTRA-KP)."""
    worst = max((f.severity for f in findings), default=Severity.INFO)
    if worst >= Severity.ERROR:
        return 2
    if worst == Severity.WARNING:
        return 1
    return 0
