"""The 2022 reform's compensation to the municipalities, and the reform-driven costs it meets.

Sources (✔ read in the source, ◐ secondary, ⚠ not verified):

* [BUFDIR-FIN] Bufdir, «Kommunens finansieringsansvar»: the municipalities are compensated
  through the block grant (rammetilskuddet), «i utgangspunktet fordelt etter
  delkostnadsnøkkelen for barnevern»; «I en overgangsperiode fordeles halvparten … etter
  kommunenes andel av faktiske utgifter (innbetalte egenandeler) til statlige tiltak i 2020.
  Denne overgangsperioden ble utvidet fra to til tre år» (Prop. 1 S Tillegg 1 (2021–2022)) ✔.
  The refund scheme for ordinary foster homes «ble avviklet fra og med 31.12.2021» ✔.
* [SF-ROGALAND] Statsforvalteren i Rogaland, «Økonomisk kompensasjon som følge av
  barnevernsreformen» (4.11.2021): 655 mill. by the child-welfare cost key and 655 mill. «i
  overgangsordning for 2022 og 2023 som baserer seg på faktisk bruk av Bufetats tiltak»; the
  supplementary budget extended the special distribution «t.o.m. 2024» ✔.
* [seed-002] Oppdal/Rennebu 2023: «I 2022 og 2023 vil halvparten av kompensasjonen … fordeles
  etter kommunenes faktiske tiltaksbruk i 2020 … Resterende del … etter kostnadsnøkkel» (written
  before the extension) ◐.
* [S33b, S33c, seed-002] the old refund scheme for reinforcing ordinary foster homes: the
  municipality paid the reinforcement up to a monthly amount per child (31 500 in 2016 ✔,
  32 370 in 2017 ✔, 36 200 in 2021 ⚠ seed only) and the state refunded the rest
  (``data/copayment_rates.json`` → ``reinforcement_refund``).

Money is ``Decimal`` and øre-exact: each half is split by the largest-remainder rule
(:func:`barnevern.rules.money.split_by_weights`), so the parts always sum to the total.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources

from barnevern.rules.money import MoneyError, split_by_weights, to_ore

__all__ = [
    "REFORM_YEAR",
    "REFUND_SCHEME_ENDED",
    "CompensationError",
    "CompensationLine",
    "CompensationSplit",
    "ReformBalance",
    "ShareStatus",
    "UseShare",
    "compare_with_costs",
    "lost_refund",
    "refund_threshold",
    "split_compensation",
    "split_own_amount",
    "use_share",
]

REFORM_YEAR = 2022
REFUND_SCHEME_ENDED = date(2021, 12, 31)
ZERO = Decimal("0.00")


class CompensationError(ValueError):
    """Input the compensation rules cannot use; the message is Norwegian."""


class ShareStatus(StrEnum):
    VERIFIED = "verified"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"

    @property
    def symbol(self) -> str:
        return {"verified": "✔", "secondary": "◐", "unverified": "⚠"}[self.value]


@dataclass(frozen=True, slots=True)
class UseShare:
    """The part of a year's compensation distributed by the actual use of measures in 2020."""

    year: int
    share: Decimal
    source: str
    status: ShareStatus


_HALF = Decimal("0.5")
_SHARES = {
    2022: UseShare(2022, _HALF, "BUFDIR-FIN; SF-ROGALAND; seed-002", ShareStatus.VERIFIED),
    2023: UseShare(2023, _HALF, "BUFDIR-FIN; SF-ROGALAND; seed-002", ShareStatus.VERIFIED),
    2024: UseShare(
        2024, _HALF, "BUFDIR-FIN (overgangen utvidet til tre år); SF-ROGALAND", ShareStatus.VERIFIED
    ),
}
LAST_TRANSITION_YEAR = 2024


def use_share(year: int) -> UseShare:
    """The share of ``year``'s compensation distributed by the actual use of measures in 2020.

    2022–2024: one half [BUFDIR-FIN, SF-ROGALAND]; the seed names 2022 and 2023 only, written
    before the transition was extended. From 2025 the whole compensation follows the cost key
    (the transition is over; ◐ read from «i utgangspunktet … etter delkostnadsnøkkelen»).
    """
    if year < REFORM_YEAR:
        raise CompensationError(
            f"Barnevernsreformen trådte i kraft 1.1.{REFORM_YEAR}; {year} har ingen kompensasjon."
        )
    if year in _SHARES:
        return _SHARES[year]
    return UseShare(
        year, Decimal(0), "BUFDIR-FIN (etter overgangsperioden: kostnadsnøkkelen)", ShareStatus.SECONDARY
    )


@dataclass(frozen=True, slots=True)
class CompensationLine:
    municipality: str
    by_use: Decimal
    by_key: Decimal

    @property
    def total(self) -> Decimal:
        return self.by_use + self.by_key


@dataclass(frozen=True, slots=True)
class CompensationSplit:
    year: int
    total: Decimal
    use_pot: Decimal
    key_pot: Decimal
    share: UseShare
    lines: tuple[CompensationLine, ...]

    def line(self, municipality: str) -> CompensationLine:
        for line in self.lines:
            if line.municipality == municipality:
                return line
        raise KeyError(municipality)


def _check_amount(total: Decimal) -> Decimal:
    if isinstance(total, float):
        raise TypeError("Beløp må være Decimal, ikke float.")
    value = Decimal(total)
    if value < 0:
        raise CompensationError("Kompensasjonen kan ikke være negativ.")
    if to_ore(value) != value:
        raise CompensationError(f"Kompensasjonen {value} har mer enn to desimaler (øre).")
    return to_ore(value)


def _pots(total: Decimal, share: Decimal) -> tuple[Decimal, Decimal]:
    use_pot = to_ore(total * share)
    return use_pot, total - use_pot


def split_compensation(
    total: Decimal,
    year: int,
    use_weights: Mapping[str, Decimal | int],
    key_weights: Mapping[str, Decimal | int],
    *,
    share: UseShare | None = None,
) -> CompensationSplit:
    """Split ``year``'s compensation ``total`` between municipalities in its two parts.

    The part by use (``total × share``, rounded to øre) is split by ``use_weights`` — each
    municipality's co-payments paid to the state in 2020 — and the rest by ``key_weights``
    (the cost key). Both splits are largest-remainder, so every line and the whole add up to
    ``total`` to the øre. A municipality in only one mapping gets 0 from the other part.
    """
    value = _check_amount(total)
    rule = share or use_share(year)
    use_pot, key_pot = _pots(value, rule.share)
    municipalities = list(dict.fromkeys([*use_weights, *key_weights]))
    if not municipalities:
        raise CompensationError("Ingen kommuner å fordele kompensasjonen på.")
    by_use = _split(use_pot, use_weights, "faktisk bruk av tiltak i 2020")
    by_key = _split(key_pot, key_weights, "kostnadsnøkkelen")
    lines = tuple(CompensationLine(k, by_use.get(k, ZERO), by_key.get(k, ZERO)) for k in municipalities)
    return CompensationSplit(year, value, use_pot, key_pot, rule, lines)


def _split(pot: Decimal, weights: Mapping[str, Decimal | int], what: str) -> dict[str, Decimal]:
    if pot == 0:
        return dict.fromkeys(weights, ZERO)
    try:
        return split_by_weights(pot, weights)
    except MoneyError as exc:
        raise CompensationError(f"Kan ikke fordele delen etter {what}: {exc}") from None


def split_own_amount(total: Decimal, year: int, *, share: UseShare | None = None) -> tuple[Decimal, Decimal]:
    """One municipality's own compensation (e.g. from the budget tables) in its two parts:
    (by use of measures in 2020, by the cost key); they sum to ``total``."""
    value = _check_amount(total)
    return _pots(value, (share or use_share(year)).share)


# --- The old refund scheme for reinforced foster homes -------------------------------------


@dataclass(frozen=True, slots=True)
class Threshold:
    year: int
    amount: Decimal
    source: str
    status: ShareStatus
    note: str = ""


@cache
def thresholds() -> dict[int, Threshold]:
    """The municipality's monthly part of a reinforcement under the old scheme, per year."""
    text = resources.files("barnevern.rules").joinpath("data/copayment_rates.json").read_text("utf-8")
    rows = json.loads(text)["reinforcement_refund"]["rates"]
    return {
        r["year"]: Threshold(
            r["year"], Decimal(r["amount"]), r["source"], ShareStatus(r["status"]), r.get("note", "")
        )
        for r in rows
    }


def refund_threshold(year: int) -> Threshold:
    """The threshold of ``year``; a year after the scheme ended uses the last year's (2021) —
    what the municipality would have paid had the scheme continued. A missing year before
    2022 is never guessed."""
    table = thresholds()
    if year > REFUND_SCHEME_ENDED.year:
        return table[REFUND_SCHEME_ENDED.year]
    if year not in table:
        raise CompensationError(
            f"Mangler egenandelen ved refusjon av forsterkning for {year}; legg den inn med kilde."
        )
    return table[year]


def lost_refund(monthly_reinforcement: Decimal, month: date) -> Decimal:
    """What the state would have refunded of one child's reinforcement in ``month`` had the
    scheme continued: the part above the threshold (2021's, for months from 2022); 0 before
    2022, when the scheme still ran."""
    if month <= REFUND_SCHEME_ENDED:
        return ZERO
    threshold = refund_threshold(month.year).amount
    return max(ZERO, to_ore(monthly_reinforcement) - threshold)


# --- Compensation against reform-driven costs ----------------------------------------------


@dataclass(frozen=True, slots=True)
class ReformBalance:
    """One municipality's year: compensation against the costs the reform moved to it.

    ``copayment_increase``: co-payments to the state under the new rates minus the same
    placements at the 2021 rates; ``lost_refund``: reinforcement the state no longer refunds.
    ``difference`` = compensation − costs (negative: the reform costs more than it brings).
    ``compensation`` is ``None`` when no amount was entered for the year.
    """

    municipality: str
    compensation: Decimal | None
    copayment_increase: Decimal
    lost_refund: Decimal

    @property
    def costs(self) -> Decimal:
        return self.copayment_increase + self.lost_refund

    @property
    def difference(self) -> Decimal | None:
        return None if self.compensation is None else self.compensation - self.costs


def compare_with_costs(
    municipalities: list[str],
    compensation: Mapping[str, Decimal],
    copayment_increase: Mapping[str, Decimal],
    lost_refunds: Mapping[str, Decimal],
) -> list[ReformBalance]:
    """One :class:`ReformBalance` per municipality, in the order given."""
    return [
        ReformBalance(
            k,
            compensation.get(k),
            copayment_increase.get(k, ZERO),
            lost_refunds.get(k, ZERO),
        )
        for k in municipalities
    ]
