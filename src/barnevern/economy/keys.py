"""Cost-sharing keys of a service: settings, stored key periods, the key in force.

The arithmetic is ``barnevern.rules.allocation``; this module only gathers the basis
(population from ``organisation.Befolkning``, contract shares, children with measures from
the case records) and stores one ``Nokkelperiode`` row per reset period so the key that was
used is visible and stable. Population figures are those of 1 January of the reference
date's year (SSB table 07459 gives inhabitants per 1 January).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from barnevern import display
from barnevern.economy.models import Nokkel, Nokkelperiode
from barnevern.organisation.models import Kommune, Tjeneste, population
from barnevern.rules.allocation import (
    AllocationError,
    KeyBasis,
    KeyPeriod,
    MissingKey,
    ResetPeriod,
    fixed_key,
    key_for,
    key_periods,
    measures_key,
    population_key,
)

BASIS = {
    Nokkel.Type.BEFOLKNING: KeyBasis.POPULATION,
    Nokkel.Type.FAST: KeyBasis.FIXED,
    Nokkel.Type.TILTAK: KeyBasis.MEASURES,
}
TYPE_OF_BASIS = {v: k for k, v in BASIS.items()}


def settings_for(tjeneste: Tjeneste) -> Nokkel:
    return Nokkel.objects.get_or_create(tjeneste=tjeneste)[0]


def _members(tjeneste: Tjeneste, day: date) -> list[str]:
    return [k.nummer for k in tjeneste.medlemmer_on(day)]


def _children_with_measures(tjeneste: Tjeneste, day: date, numbers: list[str]) -> dict[str, int]:
    """Children with a measure (tiltak) running on ``day``, by residence on ``day``."""
    from barnevern.cases.queries import service_records

    counts = dict.fromkeys(numbers, 0)
    for record in service_records(tjeneste):
        running = any(
            not t.er_slettet
            and t.start_dato <= day
            and (t.konklusjon is None or t.konklusjon.slutt_dato >= day)
            for t in record.tiltak
        )
        kommune = record.kommune_on(day)
        if running and kommune in counts:
            counts[kommune] += 1
    return counts


def build_period(tjeneste: Tjeneste, nokkel: Nokkel, reset: ResetPeriod) -> KeyPeriod:
    """The key for one reset period; raises ``AllocationError`` (Norwegian) without a basis."""
    ref = reset.reference_date
    numbers = _members(tjeneste, ref)
    if not numbers:
        raise AllocationError(f"Tjenesten har ingen medlemskommuner {ref:%d.%m.%Y}.")
    if nokkel.type == Nokkel.Type.FAST:
        shares = {n: Decimal(str(nokkel.faste_andeler.get(n, "0"))) for n in numbers}
        return fixed_key(shares, valid_from=reset.valid_from, valid_to=reset.valid_to)
    if nokkel.type == Nokkel.Type.TILTAK:
        counts = _children_with_measures(tjeneste, ref, numbers)
        return measures_key(counts, valid_from=reset.valid_from, valid_to=reset.valid_to, reference_date=ref)
    ages = range(nokkel.alder_fra, nokkel.alder_til + 1)
    found = population(numbers, ref.year, ages)
    missing = [n for n in numbers if n not in found]
    if missing:
        raise AllocationError(
            f"Mangler befolkningstall per 1.1.{ref.year} for kommune {', '.join(missing)}; "
            f"nøkkelen fra {reset.valid_from:%d.%m.%Y} kan ikke beregnes."
        )
    return population_key(
        {n: found[n] for n in numbers},
        valid_from=reset.valid_from,
        valid_to=reset.valid_to,
        reference_date=ref,
        age_from=nokkel.alder_fra,
        age_to=nokkel.alder_til,
    )


def _store(tjeneste: Tjeneste, key: KeyPeriod) -> Nokkelperiode:
    return Nokkelperiode.objects.create(
        tjeneste=tjeneste,
        gyldig_fra=key.valid_from,
        gyldig_til=key.valid_to,
        grunnlag=TYPE_OF_BASIS[key.basis],
        referansedato=key.reference_date,
        vekter={k: str(v) for k, v in key.weights.items()},
        merknad=key.note,
    )


def refresh_periods(tjeneste: Tjeneste, until: date, *, rebuild: bool = False) -> list[str]:
    """Store the key periods up to the one covering ``until``; returns problems (Norwegian).

    Existing periods are kept unless ``rebuild`` (used when the settings change): a stored
    key does not move under drafts because new population figures arrived.
    """
    nokkel = settings_for(tjeneste)
    problems: list[str] = []
    if until < nokkel.referansedato:
        return problems
    with transaction.atomic():
        if rebuild:
            Nokkelperiode.objects.filter(tjeneste=tjeneste).delete()
        existing = set(Nokkelperiode.objects.filter(tjeneste=tjeneste).values_list("gyldig_fra", flat=True))
        for reset in key_periods(nokkel.referansedato, nokkel.regulering_ar, until=until):
            if reset.valid_from in existing:
                continue
            try:
                _store(tjeneste, build_period(tjeneste, nokkel, reset))
            except AllocationError as exc:
                problems.append(str(exc))
    return problems


def stored_keys(tjeneste: Tjeneste) -> list[KeyPeriod]:
    return [to_key(p) for p in Nokkelperiode.objects.filter(tjeneste=tjeneste)]


def to_key(p: Nokkelperiode) -> KeyPeriod:
    return KeyPeriod(
        valid_from=p.gyldig_fra,
        valid_to=p.gyldig_til,
        weights={k: Decimal(v) for k, v in p.vekter.items()},
        basis=BASIS[Nokkel.Type(p.grunnlag)],
        reference_date=p.referansedato,
        note=p.merknad,
    )


def key_on(tjeneste: Tjeneste, day: date) -> KeyPeriod:
    """The key in force on ``day``; missing periods are computed and stored first."""
    try:
        return key_for(day, stored_keys(tjeneste))
    except MissingKey:
        problems = refresh_periods(tjeneste, day)
        try:
            return key_for(day, stored_keys(tjeneste))
        except MissingKey as exc:
            raise MissingKey(" ".join([str(exc), *problems])) from None


@dataclass(frozen=True, slots=True)
class KeyRow:
    nummer: str
    navn: str
    weight: str
    percent: str


def key_rows(key: KeyPeriod) -> list[KeyRow]:
    """Rows for display: weight and share to one decimal (the shares add up to 100,0 %)."""
    names = dict(Kommune.objects.filter(nummer__in=list(key.weights)).values_list("nummer", "navn"))
    percents = key.percent_display_all(nbsp=True)
    return [KeyRow(n, names.get(n, n), weight_text(w), percents[n]) for n, w in key.weights.items()]


def weight_text(weight: Decimal) -> str:
    return display.number(weight, 0 if weight == weight.to_integral_value() else None)


def kommune_names(numbers: list[str] | None = None) -> dict[str, str]:
    qs = Kommune.objects.all()
    if numbers is not None:
        qs = qs.filter(nummer__in=numbers)
    return dict(qs.values_list("nummer", "navn"))
