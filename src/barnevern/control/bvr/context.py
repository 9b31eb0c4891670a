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
from barnevern.display import day_text
from barnevern.records import Delivery, Personalia, SakRecord
from barnevern.rules.identity import birth_date_from_fnr

SOURCE = "SSB BVR Kravspesifikasjon"

__all__ = [
    "RULE_SPECS",
    "SOURCE",
    "BvrContext",
    "Hit",
    "RuleSpec",
    "age_between",
    "bvr_rule",
    "findings_of",
    "fmt",
    "hit",
    "live",
]


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
    return day_text(day, missing="(mangler)")


def age_between(born: date, day: date) -> int:
    """Whole years from ``born`` to ``day`` (a birthday on 29 February counts on 1 March)."""
    years = day.year - born.year
    if (day.month, day.day) < (born.month, born.day):
        years -= 1
    return years


_EMPTY: tuple[str, ...] = ()


def _live_group(elements: tuple[Any, ...]) -> tuple[Any, ...]:
    """``live(elements)`` as a tuple; the tuple itself when nothing is deleted (the usual case)."""
    for e in elements:
        if e.er_slettet:
            return tuple(x for x in elements if not x.er_slettet)
    return elements


@dataclass(slots=True)
class BvrContext:
    """One delivery as the rules see it.

    ``build`` works out once per Sak what many rules need: the live elements of each kind
    (``personalia`` ... ``flyttinger``: ``live(sak.<field>)`` as tuples), the child's birth
    date, and the live Relasjoner indexed both ways, so no rule rescans the Sak for them.
    """

    delivery: Delivery
    file: str
    as_of: date
    year: int
    known_elements: frozenset[tuple[str, str]] | None = None
    birth_date: date | None = None
    relations: frozenset[tuple[str, str, str, str]] = field(default_factory=frozenset)
    personalia: tuple[Any, ...] = ()
    meldinger: tuple[Any, ...] = ()
    undersokelser: tuple[Any, ...] = ()
    planer: tuple[Any, ...] = ()
    tiltak: tuple[Any, ...] = ()
    vedtak: tuple[Any, ...] = ()
    ettervern: tuple[Any, ...] = ()
    oversendelser: tuple[Any, ...] = ()
    flyttinger: tuple[Any, ...] = ()
    # (FraType, TilType, TilId) -> sorted FraIds; (FraType, FraId, TilType) -> sorted TilIds
    _from: dict[tuple[str, str, str], tuple[str, ...]] = field(default_factory=dict)
    _to: dict[tuple[str, str, str], tuple[str, ...]] = field(default_factory=dict)

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
            (r.fra_type, r.fra_id, r.til_type, r.til_id) for r in sak.relasjoner if not r.er_slettet
        )
        from_index: dict[tuple[str, str, str], list[str]] = {}
        to_index: dict[tuple[str, str, str], list[str]] = {}
        for fra_type, fra_id, til_type, til_id in relations:
            from_index.setdefault((fra_type, til_type, til_id), []).append(fra_id)
            to_index.setdefault((fra_type, fra_id, til_type), []).append(til_id)
        personalia = _live_group(sak.personalia)
        return cls(
            delivery=delivery,
            file=file,
            as_of=as_of,
            year=year,
            known_elements=frozenset(known_elements) if known_elements is not None else None,
            birth_date=_birth_date(personalia, year),
            relations=relations,
            personalia=personalia,
            meldinger=_live_group(sak.meldinger),
            undersokelser=_live_group(sak.undersokelser),
            planer=_live_group(sak.planer),
            tiltak=_live_group(sak.tiltak),
            vedtak=_live_group(sak.vedtak),
            ettervern=_live_group(sak.ettervern),
            oversendelser=_live_group(sak.oversendelser),
            flyttinger=_live_group(sak.flyttinger),
            _from={k: tuple(sorted(v)) for k, v in from_index.items()},
            _to={k: tuple(sorted(v)) for k, v in to_index.items()},
        )

    @property
    def sak(self) -> SakRecord:
        return self.delivery.sak

    def age_on(self, day: date) -> int | None:
        """The child's age in whole years on ``day``, or None without a birth date."""
        return age_between(self.birth_date, day) if self.birth_date else None

    def has_relation(self, fra_type: str, fra_id: str, til_type: str, til_id: str) -> bool:
        return (fra_type, fra_id, til_type, til_id) in self.relations

    def related_from(self, fra_type: str, til_type: str, til_id: str) -> tuple[str, ...]:
        """Ids of ``fra_type`` elements with a Relasjon to the given element, sorted."""
        return self._from.get((fra_type, til_type, til_id), _EMPTY)

    def related_to(self, fra_type: str, fra_id: str, til_type: str) -> tuple[str, ...]:
        """Ids of ``til_type`` elements the given element has a Relasjon to, sorted."""
        return self._to.get((fra_type, fra_id, til_type), _EMPTY)


def _birth_date(personalia: tuple[Personalia, ...], year: int) -> date | None:
    """From the current (latest live) Personalia: Fodseldato, else the fødselsnummer's date.

    ``personalia`` are the live ones; the choice is ``SakRecord.current_personalia``'s."""
    if not personalia:
        return None
    person = max(personalia, key=lambda p: p.start_dato)
    if person.fodseldato:
        return person.fodseldato
    return birth_date_from_fnr(person.fodselsnummer, year)


RuleFn = Callable[[BvrContext], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A registered BVR rule as ``check_bvr`` runs it: the raw function and what it needs."""

    id: str
    severity: Severity
    fn: RuleFn
    migrert_downgrade: bool
    needs: str | None  # a BvrContext group; the rule cannot fire while that group is empty


RULE_SPECS: list[RuleSpec] = []  # in registration order, as REGISTRY.rules("bvr")


def findings_of(spec: RuleSpec, ctx: BvrContext, hits: Iterable[Hit]) -> Iterator[Finding]:
    """Turn a rule's hits into Findings (rule id, file, Sak id, severity after downgrade)."""
    sak_id = ctx.delivery.sak.id
    for h in hits:
        level = h.severity or spec.severity
        if spec.migrert_downgrade and h.migrert_id and level > Severity.WARNING:
            level = Severity.WARNING
        yield Finding(
            rule=spec.id,
            severity=level,
            message=h.message,
            file=ctx.file,
            line=h.line,
            sak_id=sak_id,
            element_id=h.element_id,
        )


def bvr_rule(
    rule_id: str,
    severity: Severity,
    meaning: str,
    *,
    migrert_downgrade: bool = False,
    needs: str | None = None,
) -> Callable[[RuleFn], Callable[[BvrContext], Iterator[Finding]]]:
    """Register a BVR rule under SSB's id; the decorated function yields :class:`Hit`.

    With ``migrert_downgrade`` an ERROR on an element carrying a MigrertId becomes a WARNING
    ("Alvorlighetsgrad med migrert-id: WARNING" in the specification). ``needs`` names a
    group of live elements on the context (``"meldinger"``, ``"tiltak"`` ...) without which
    the rule can find nothing; the rule is then not called at all (most Saker have no
    Ettervern, Flytting or Oversendelse, many no Vedtak or Tiltak).
    """
    if needs is not None and needs not in BvrContext.__dataclass_fields__:
        raise ValueError(f"unknown context group {needs!r} for rule {rule_id!r}")

    def register(fn: RuleFn) -> Callable[[BvrContext], Iterator[Finding]]:
        spec = RuleSpec(rule_id, severity, fn, migrert_downgrade, needs)

        def check(ctx: BvrContext) -> Iterator[Finding]:
            if needs is not None and not getattr(ctx, needs):
                return iter(())
            return findings_of(spec, ctx, fn(ctx))

        check.__name__ = fn.__name__
        check.__qualname__ = fn.__qualname__
        check.__doc__ = fn.__doc__
        check.__module__ = fn.__module__
        REGISTRY.rule(rule_id, severity, "bvr", meaning, SOURCE)(check)
        RULE_SPECS.append(spec)
        return check

    return register
