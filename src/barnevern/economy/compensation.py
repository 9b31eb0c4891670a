"""The reform compensation of each member municipality against the costs the reform moved to it.

For a year from 2022 (``rules.compensation``):

* **compensation** — entered with its source (``Reformkompensasjon``): a member's own amount
  (split in its two parts by the year's share), or one amount for all members split by the
  weights (``Kompensasjonsgrunnlag``: co-payments to the state in 2020 and the cost key). With
  no weights entered, the co-payments booked in the service's own 2020 ledger and the
  service's own cost-sharing key in force on 1 January are used, and the page says so;
* **co-payment increase** — the year's co-payments for the service's placements at the
  actual rates minus the same months at the 2021 rates (``rules.copayment``), per municipality;
* **lost refund** — the reinforcement booked in the ledger (category ``forsterkning``) above the
  old scheme's monthly threshold, per child and month (``rules.compensation.lost_refund``).

The difference is compensation minus those costs. Nothing here is guessed: a missing amount or
rate is shown as missing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from barnevern.economy import models as em
from barnevern.economy.copayments import rates_of, to_rule
from barnevern.economy.keys import key_on, kommune_names
from barnevern.organisation.models import Tjeneste
from barnevern.rules.allocation import AllocationError
from barnevern.rules.compensation import (
    CompensationError,
    ReformBalance,
    UseShare,
    compare_with_costs,
    lost_refund,
    refund_threshold,
    split_compensation,
    split_own_amount,
    use_share,
)
from barnevern.rules.copayment import CopaymentError, MissingRate, RateStatus, compare_with_pre_reform
from barnevern.rules.money import to_ore

COPAYMENT_CATEGORY = "egenbetaling"
REINFORCEMENT_CATEGORY = "forsterkning"
ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class Row:
    nummer: str
    navn: str
    balance: ReformBalance
    by_use: Decimal | None
    by_key: Decimal | None
    source: str
    status: str

    @property
    def compensation(self) -> Decimal | None:
        return self.balance.compensation


@dataclass(slots=True)
class ReformPage:
    tjeneste: Tjeneste
    year: int
    share: UseShare | None
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    threshold: Decimal | None = None

    def _sum(self, values: list[Decimal | None]) -> Decimal | None:
        return None if any(v is None for v in values) else sum((v for v in values if v is not None), ZERO)

    @property
    def total_compensation(self) -> Decimal | None:
        return self._sum([r.compensation for r in self.rows])

    @property
    def total_copayment_increase(self) -> Decimal:
        return sum((r.balance.copayment_increase for r in self.rows), ZERO)

    @property
    def total_lost_refund(self) -> Decimal:
        return sum((r.balance.lost_refund for r in self.rows), ZERO)

    @property
    def total_costs(self) -> Decimal:
        return self.total_copayment_increase + self.total_lost_refund

    @property
    def total_difference(self) -> Decimal | None:
        total = self.total_compensation
        return None if total is None else total - self.total_costs


def _members(tjeneste: Tjeneste, year: int) -> list[str]:
    members = [k.nummer for k in tjeneste.medlemmer_on(date(year, 12, 31))]
    return members or tjeneste.kommunenumre()


def copayment_increase(tjeneste: Tjeneste, year: int, notes: list[str]) -> dict[str, Decimal]:
    """Per municipality: the year's co-payments at the actual rates minus the 2021 rates."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    extra = rates_of(tjeneste)
    result: dict[str, Decimal] = defaultdict(lambda: ZERO)
    placements = em.Plassering.objects.filter(tjeneste=tjeneste, start__lte=end).exclude(slutt__lt=start)
    for placement in placements.order_by("start", "pk"):
        try:
            comparison = compare_with_pre_reform(to_rule(placement), start, end, extra_rates=extra)
        except MissingRate as exc:
            notes.append(f"Plassering {placement.referanse or placement.pk}: {exc}")
            continue
        except CopaymentError as exc:
            notes.append(f"Plassering {placement.referanse or placement.pk}: {exc}")
            continue
        result[placement.kommunenummer] += comparison.difference
    return dict(result)


def lost_refunds(tjeneste: Tjeneste, year: int) -> dict[str, Decimal]:
    """Per municipality: the reinforcement above the old refund threshold, per child and month."""
    per_child_month: dict[tuple[str, str, date], Decimal] = defaultdict(lambda: ZERO)
    rows = em.Klientkostnad.objects.filter(
        tjeneste=tjeneste, kategori__kode=REINFORCEMENT_CATEGORY, dato__year=year
    ).values_list("pk", "sak_id", "kommunenummer", "dato", "belop")
    for pk, sak_id, kommune, day, amount in rows:
        child = str(sak_id) if sak_id else f"rad-{pk}"  # a row with no case is one child-month
        per_child_month[(child, kommune, day.replace(day=1))] += amount
    result: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for (_child, kommune, month), amount in per_child_month.items():
        result[kommune] += lost_refund(amount, month)
    return dict(result)


def _own_weights(
    tjeneste: Tjeneste, year: int, members: list[str], page: ReformPage
) -> tuple[dict, dict] | None:
    entered = {
        g.kommunenummer: g
        for g in em.Kompensasjonsgrunnlag.objects.filter(
            tjeneste=tjeneste, ar=year, kommunenummer__in=members
        )
    }
    if entered and set(entered) >= set(members):
        sources = sorted({g.kilde for g in entered.values()})
        page.notes.append("Fordelt etter grunnlaget som er lagt inn: " + "; ".join(sources) + ".")
        return (
            {k: entered[k].faktisk_bruk_2020 for k in members},
            {k: entered[k].kostnadsnokkel for k in members},
        )
    use: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for kommune, amount in em.Klientkostnad.objects.filter(
        tjeneste=tjeneste, kategori__kode=COPAYMENT_CATEGORY, dato__year=2020
    ).values_list("kommunenummer", "belop"):
        use[kommune] += amount
    try:
        key = key_on(tjeneste, date(year, 1, 1))
    except AllocationError as exc:
        page.missing.append(f"Fordelingsgrunnlag for {year}: {exc}")
        return None
    if not any(use.get(k, ZERO) > 0 for k in members):
        page.missing.append(
            "Egenbetaling til staten i 2020 per kommune mangler (verken lagt inn som grunnlag eller "
            "bokført i regnskapet for 2020); den samlede kompensasjonen kan ikke fordeles."
        )
        return None
    page.notes.append(
        "◐ Fordelt etter egenbetalingen i tjenestens eget regnskap for 2020 og tjenestens egen "
        f"fordelingsnøkkel per 1.1.{year} (ikke inntektssystemets kostnadsnøkkel); legg inn grunnlaget "
        "fra statsbudsjettet for en nøyaktig fordeling."
    )
    return {k: use.get(k, ZERO) for k in members}, {k: key.weights.get(k, 0) for k in members}


def _compensation(
    tjeneste: Tjeneste, year: int, members: list[str], page: ReformPage
) -> dict[str, tuple[Decimal, Decimal, Decimal, str, str]]:
    """Per municipality: (total, by use, by key, source, status symbol)."""
    found: dict[str, tuple[Decimal, Decimal, Decimal, str, str]] = {}
    entries = list(em.Reformkompensasjon.objects.filter(tjeneste=tjeneste, ar=year))
    for entry in entries:
        if entry.kommunenummer:
            by_use, by_key = split_own_amount(entry.belop, year)
            found[entry.kommunenummer] = (
                to_ore(entry.belop),
                by_use,
                by_key,
                entry.kilde,
                RateStatus(entry.status).symbol,
            )
    joint = next((e for e in entries if not e.kommunenummer), None)
    if joint is not None:
        rest = [k for k in members if k not in found]
        weights = _own_weights(tjeneste, year, rest, page) if rest else None
        if weights is not None:
            try:
                split = split_compensation(joint.belop, year, weights[0], weights[1])
            except CompensationError as exc:
                page.missing.append(str(exc))
            else:
                for line in split.lines:
                    found[line.municipality] = (
                        line.total,
                        line.by_use,
                        line.by_key,
                        joint.kilde,
                        RateStatus(joint.status).symbol,
                    )
    return found


def reform_overview(tjeneste: Tjeneste, year: int) -> ReformPage:
    """The compensation against the reform-driven costs for ``year``, per member municipality."""
    try:
        share = use_share(year)
    except CompensationError as exc:
        page = ReformPage(tjeneste, year, None)
        page.missing.append(str(exc))
        return page
    page = ReformPage(tjeneste, year, share, threshold=refund_threshold(year).amount)
    members = _members(tjeneste, year)
    names = kommune_names(members)
    comp = _compensation(tjeneste, year, members, page)
    increases = copayment_increase(tjeneste, year, page.notes)
    lost = lost_refunds(tjeneste, year)
    balances = compare_with_costs(members, {k: v[0] for k, v in comp.items()}, increases, lost)
    for balance in balances:
        entry = comp.get(balance.municipality)
        page.rows.append(
            Row(
                balance.municipality,
                names.get(balance.municipality, balance.municipality),
                balance,
                entry[1] if entry else None,
                entry[2] if entry else None,
                entry[3] if entry else "",
                entry[4] if entry else "",
            )
        )
        if entry is None:
            navn = names.get(balance.municipality, balance.municipality)
            page.missing.append(f"Kompensasjon for {navn} {year} er ikke lagt inn.")
    return page
