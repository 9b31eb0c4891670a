"""What every BVR rule needs: the delivery, the date it is judged on, and a way to report.

Rules are plain functions ``rule(ctx) -> Iterable[Hit]`` registered with :func:`bvr_rule`.
A :class:`Hit` names the element and the message; the wrapper turns it into a
:class:`~barnevern.control.base.Finding` with SSB's rule id, the file, the Sak id and the
severity.

Choices shared by all BVR rules (``ssb-barnevern.md`` §2.2):

* **DatoUttrekk is the telledato.** "Today" for a rule is the date part of
  ``Barnevern/@DatoUttrekk``; without one (records from the database) the caller passes
  ``as_of``.
* **Age** is whole years at a given day, from ``Personalia/@Fodseldato`` of the current
  Personalia, or from the fødselsnummer when no Personalia gives a date.
* **Deleted elements** (``@ErSlettet="true"``) are ignored by every rule; a deleted Sak is not
  checked at all.
* **MigrertId downgrade.** Rules the specification marks "Alvorlighetsgrad med migrert-id:
  WARNING" (the 2c/2e/2f date rules) report WARNING instead of ERROR when the element carries a
  ``MigrertId``. The general sentence in the spec's "Migrering" section ("alle
  valideringsregler") is read together with those per-rule marks: only the marked rules are
  downgraded, and only for the element that carries the MigrertId.
* **"Gyldig fra"** dates in the specification are when SSB started running a rule; every
  delivery we validate is later, so they are not applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from barnevern.control.base import REGISTRY, Finding, Severity
from barnevern.formats.records import Delivery, SakRecord
from barnevern.rules.identity import birth_date_from_fnr

SOURCE = "SSB BVR Kravspesifikasjon"

__all__ = ["SOURCE", "BvrContext", "Hit", "age_between", "bvr_rule", "fmt", "hit", "live"]


@dataclass(frozen=True, slots=True)
class Hit:
    """One problem found by a rule, before it becomes a Finding."""

    message: str
    element_id: str | None = None
    line: int | None = None
    migrert_id: str | None = None
    severity: Severity | None = None  # overrides the rule's severity (e.g. Undersøkelse K21)


def hit(element: Any, message: str, severity: Severity | None = None) -> Hit:
    """A Hit for a record that has ``id``/``line`` (and maybe ``migrert_id``)."""
    return Hit(
        message,
        element_id=getattr(element, "id", None),
        line=getattr(element, "line", None),
        migrert_id=getattr(element, "migrert_id", None),
        severity=severity,
    )


def live(elements: Iterable[Any]) -> list[Any]:
    """The elements not marked ``ErSlettet``."""
    return [e for e in elements if not getattr(e, "er_slettet", False)]


def fmt(day: date | None) -> str:
    """A date as Norwegians write it: 05.01.2026."""
    return day.strftime("%d.%m.%Y") if day else "(mangler)"


def age_between(born: date, day: date) -> int:
    """Whole years from ``born`` to ``day`` (a birthday on 29 February counts on 1 March)."""
    years = day.year - born.year
    if (day.month, day.day) < (born.month, born.day):
        years -= 1
    return years


@dataclass(slots=True)
class BvrContext:
    """One delivery as the rules see it."""

    delivery: Delivery
    file: str
    as_of: date
    year: int
    known_elements: frozenset[tuple[str, str]] | None = None
    birth_date: date | None = None
    relations: frozenset[tuple[str, str, str, str]] = field(default_factory=frozenset)

    @classmethod
    def build(
        cls,
        delivery: Delivery,
        *,
        file: str,
        as_of: date | None = None,
        year: int | None = None,
        known_elements: Iterable[tuple[str, str]] | None = None,
    ) -> BvrContext:
        if as_of is None:
            as_of = delivery.dato_uttrekk.date() if delivery.dato_uttrekk else date.today()
        year = year if year is not None else as_of.year
        sak = delivery.sak
        relations = frozenset(
            (r.fra_type, r.fra_id, r.til_type, r.til_id) for r in live(sak.relasjoner)
        )
        return cls(
            delivery=delivery,
            file=file,
            as_of=as_of,
            year=year,
            known_elements=frozenset(known_elements) if known_elements is not None else None,
            birth_date=_birth_date(sak, year),
            relations=relations,
        )

    @property
    def sak(self) -> SakRecord:
        return self.delivery.sak

    def age_on(self, day: date) -> int | None:
        """The child's age in whole years on ``day``, or None without a birth date."""
        return age_between(self.birth_date, day) if self.birth_date else None

    def has_relation(self, fra_type: str, fra_id: str, til_type: str, til_id: str) -> bool:
        return (fra_type, fra_id, til_type, til_id) in self.relations

    def related_from(self, fra_type: str, til_type: str, til_id: str) -> list[str]:
        """Ids of ``fra_type`` elements with a Relasjon to the given element."""
        return sorted(
            f
            for (ft, f, tt, t) in self.relations
            if ft == fra_type and tt == til_type and t == til_id
        )

    def related_to(self, fra_type: str, fra_id: str, til_type: str) -> list[str]:
        """Ids of ``til_type`` elements the given element has a Relasjon to."""
        return sorted(
            t
            for (ft, f, tt, t) in self.relations
            if ft == fra_type and f == fra_id and tt == til_type
        )


def _birth_date(sak: SakRecord, year: int) -> date | None:
    person = sak.current_personalia()
    if person is None:
        return None
    if person.fodseldato:
        return person.fodseldato
    return birth_date_from_fnr(person.fodselsnummer, year)


RuleFn = Callable[[BvrContext], Iterable[Hit]]


def bvr_rule(
    rule_id: str, severity: Severity, meaning: str, *, migrert_downgrade: bool = False
) -> Callable[[RuleFn], Callable[[BvrContext], Iterator[Finding]]]:
    """Register a BVR rule under SSB's id; the decorated function yields :class:`Hit`.

    With ``migrert_downgrade`` an ERROR on an element carrying a MigrertId becomes a WARNING
    ("Alvorlighetsgrad med migrert-id: WARNING" in the specification).
    """

    def register(fn: RuleFn) -> Callable[[BvrContext], Iterator[Finding]]:
        def check(ctx: BvrContext) -> Iterator[Finding]:
            for h in fn(ctx):
                level = h.severity or severity
                if migrert_downgrade and h.migrert_id and level > Severity.WARNING:
                    level = Severity.WARNING
                yield Finding(
                    rule=rule_id,
                    severity=level,
                    message=h.message,
                    file=ctx.file,
                    line=h.line,
                    sak_id=ctx.sak.id,
                    element_id=h.element_id,
                )

        check.__name__ = fn.__name__
        check.__qualname__ = fn.__qualname__
        check.__doc__ = fn.__doc__
        check.__module__ = fn.__module__
        REGISTRY.rule(rule_id, severity, "bvr", meaning, SOURCE)(check)
        return check

    return register
