"""Half-year settlement (halvårsoppgjør) in an administrative host-municipality cooperation.

Source: kommuneloven (LOV-2018-06-22-83) § 20-2 (administrativt vertskommunesamarbeid) and
§ 20-4 (the agreement states the parties' financial obligations); the split itself is
agreement practice, not law (domain-rules §6 ⚠). Model: the Oppdal/Rennebu agreement
(seed 002) — the host (Oppdal) employs the staff and pays every bill; the partner
(Rennebu) refunds, every half-year, all client-related costs of children living in
Rennebu, and its share of the common costs (salaries, travel, courses, supervision,
training, office) by the key of inhabitants 0–17.

For every participating municipality, host included::

    balance = common_share + client_costs − paid

* ``common_share`` — its part of each common-cost category, split by the key with the
  largest-remainder rule, so every category's parts sum exactly to the category;
* ``client_costs`` — client-related costs already attributed to it by the child's
  residence (the municipality responsible for the child);
* ``paid`` — what it has paid to the host on account (a konto) during the half-year.

A positive balance is owed to the host; a negative one is refunded by the host. The host
is part of the settlement for transparency: it has laid out everything
(:attr:`Settlement.host_outlay`) and pays nothing to itself (``paid`` is 0 and may not be
given), so its balance is what it bears itself. Control:
``host_outlay − Σ partners (paid + balance) == host balance``.
State grants received by the host can be entered as a negative common-cost category.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from barnevern import display
from barnevern.rules.allocation import KeyPeriod
from barnevern.rules.money import MoneyError, format_nok, split_by_weights, to_ore

__all__ = [
    "COMMON_COST_CATEGORIES",
    "HalfYear",
    "LineKind",
    "MemberSettlement",
    "Settlement",
    "SettlementError",
    "SpecLine",
    "parse_half_year",
    "settle_half_year",
]

# The common-cost categories named in the Oppdal/Rennebu agreement (seed 002).
COMMON_COST_CATEGORIES: Mapping[str, str] = {
    "lonn": "Lønn for ansatte",
    "reise": "Reiseutgifter",
    "kurs": "Kurs",
    "veiledning": "Veiledning",
    "opplaering": "Opplæring",
    "kontor": "Kontorutgifter",
    "statstilskudd": "Statstilskudd (øremerkede stillinger)",
}
_TOTAL = "felleskostnader"
_CLIENT = "klientkostnader"
_HALF_YEAR = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*[Hh]([12])\s*$")


class SettlementError(MoneyError):
    """A settlement that cannot be computed; the message is Norwegian."""


@dataclass(frozen=True, slots=True, order=True)
class HalfYear:
    year: int
    half: int

    def __post_init__(self) -> None:
        if self.half not in (1, 2):
            raise SettlementError(f"Halvår må være 1 eller 2, ikke {self.half}.")

    @classmethod
    def parse(cls, text: str) -> HalfYear:
        """``"2022H2"`` (also ``"2022-H2"``, ``"2022 h2"``) -> ``HalfYear(2022, 2)``."""
        match = _HALF_YEAR.match(text)
        if not match:
            raise SettlementError(f"Ukjent halvår {text!r}; skriv for eksempel 2022H2.")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, day: date) -> HalfYear:
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    def __str__(self) -> str:
        return f"{self.year}H{self.half}"

    @property
    def label(self) -> str:
        return f"{self.half}. halvår {self.year}"


def parse_half_year(text: str) -> tuple[date, date]:
    """``"2022H2"`` -> ``(date(2022, 7, 1), date(2022, 12, 31))``."""
    period = HalfYear.parse(text)
    return period.start, period.end


class LineKind(StrEnum):
    COMMON = "felleskostnad"
    CLIENT = "klientkostnad"
    PAID = "innbetalt"


@dataclass(frozen=True, slots=True)
class SpecLine:
    """One line of a municipality's specification; ``amount`` counts towards the balance
    with its sign (payments are negative)."""

    municipality: str
    kind: LineKind
    category: str
    text: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class MemberSettlement:
    municipality: str
    is_host: bool
    share_percent: str
    common_share: Decimal
    client_costs: Decimal
    paid: Decimal
    balance: Decimal
    lines: tuple[SpecLine, ...]


@dataclass(frozen=True, slots=True)
class Settlement:
    period: HalfYear
    host: str
    common_total: Decimal
    client_total: Decimal
    members: tuple[MemberSettlement, ...]

    def member(self, municipality: str) -> MemberSettlement:
        for m in self.members:
            if m.municipality == municipality:
                return m
        raise SettlementError(f"Kommune {municipality} er ikke med i oppgjøret.")

    @property
    def host_outlay(self) -> Decimal:
        """What the host has paid out: all common and all client-related costs."""
        return self.common_total + self.client_total

    @property
    def due_to_host(self) -> Decimal:
        """Net amount the partners owe the host for the half-year (negative: refund)."""
        return sum((m.balance for m in self.members if not m.is_host), Decimal("0.00"))


def _exact(amount: Decimal | int, what: str) -> Decimal:
    if isinstance(amount, float) or not isinstance(amount, Decimal | int):
        raise TypeError(f"{what}: beløp må være Decimal.")
    value = Decimal(amount)
    if to_ore(value) != value:
        raise SettlementError(f"{what}: beløpet {value} er ikke et helt antall øre.")
    return to_ore(value)


def _by_category(
    value: Decimal | int | Mapping[str, Decimal], default: str, what: str
) -> dict[str, Decimal]:
    if isinstance(value, Mapping):
        return {cat: _exact(v, f"{what} ({cat})") for cat, v in value.items()}
    return {default: _exact(value, what)}


def settle_half_year(
    period: HalfYear | str,
    *,
    host: str,
    key: KeyPeriod | Mapping[str, Decimal | int],
    common_costs: Decimal | int | Mapping[str, Decimal],
    client_costs: Mapping[str, Decimal | int | Mapping[str, Decimal]] | None = None,
    paid: Mapping[str, Decimal | int] | None = None,
) -> Settlement:
    """Settle one half-year between the host and the partner municipalities.

    ``key`` is a :class:`KeyPeriod` (it must cover the whole half-year) or plain weights
    per municipality number. ``common_costs`` is a total or a mapping category -> amount;
    ``client_costs`` maps a municipality to a total or to amounts by category. All
    amounts are Decimal, in whole øre.
    """
    half = HalfYear.parse(period) if isinstance(period, str) else period
    if isinstance(key, KeyPeriod):
        if not (key.covers(half.start) and key.covers(half.end)):
            raise SettlementError(f"Fordelingsnøkkelen gjelder ikke hele {half.label}.")
        weights: Mapping[str, Decimal | int] = key.weights
    else:
        weights = key
    if host not in weights:
        raise SettlementError(f"Vertskommunen {host} er ikke med i fordelingsnøkkelen.")
    client_costs, paid = client_costs or {}, paid or {}
    for kommune in [*client_costs, *paid]:
        if kommune not in weights:
            raise SettlementError(f"Kommune {kommune} er ikke med i fordelingsnøkkelen.")
    if host in paid:
        raise SettlementError("Vertskommunen betaler ikke a konto til seg selv; fjern beløpet.")

    percents = {
        k: display.percent_of(v, 1, nbsp=False)
        for k, v in split_by_weights(Decimal("100.0"), weights, unit=Decimal("0.1")).items()
    }
    common = _by_category(common_costs, _TOTAL, "Felleskostnader")
    lines: dict[str, list[SpecLine]] = {k: [] for k in weights}
    for category, amount in common.items():
        label = COMMON_COST_CATEGORIES.get(category, category.capitalize())
        for kommune, part in split_by_weights(amount, weights).items():
            text = f"{label}: {percents[kommune]} av {format_nok(amount)}"
            lines[kommune].append(SpecLine(kommune, LineKind.COMMON, category, text, part))
    client_total = Decimal("0.00")
    for kommune, value in client_costs.items():
        for category, amount in _by_category(value, _CLIENT, "Klientkostnader").items():
            text = "Klientrettede kostnader" + ("" if category == _CLIENT else f": {category}")
            lines[kommune].append(SpecLine(kommune, LineKind.CLIENT, category, text, amount))
            client_total += amount
    for kommune, value in paid.items():
        amount = _exact(value, "Innbetalt")
        text = f"Innbetalt a konto {half.label}"
        lines[kommune].append(SpecLine(kommune, LineKind.PAID, "a konto", text, -amount))

    members = []
    for kommune, spec in lines.items():
        common_share = sum((x.amount for x in spec if x.kind is LineKind.COMMON), Decimal("0.00"))
        client = sum((x.amount for x in spec if x.kind is LineKind.CLIENT), Decimal("0.00"))
        paid_total = -sum((x.amount for x in spec if x.kind is LineKind.PAID), Decimal("0.00"))
        members.append(
            MemberSettlement(
                municipality=kommune,
                is_host=kommune == host,
                share_percent=percents[kommune],
                common_share=common_share,
                client_costs=client,
                paid=paid_total,
                balance=common_share + client - paid_total,
                lines=tuple(spec),
            )
        )
    return Settlement(
        half, host, sum(common.values(), Decimal("0.00")), client_total, tuple(members)
    )
