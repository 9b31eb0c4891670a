"""Foster homes after the 2022 reform: status, approval after training, placement deadlines
and the conditions for reducing visits. Plain Python, "today" passed in.

Sources (details and the exact wording read: ``docs/fosterhjem.md``; ✔ read in the source,
◐ secondary source, ⚠ not verified):

* [L2003] Lovdata, FOR-2003-12-18-1659 «Forskrift om fosterhjem» (as amended to 1.2.2014): § 4
  choice of home, § 5 approval, § 6 agreement, § 7 follow-up and control, §§ 8–9 supervision ✔.
* [BUF-3.1] Bufdir, fosterhjemsstrategi 3.1 «Krav om opplæring»: from 1.1.2022 foster parents
  must complete training before the child moves in; after an acute placement «så snart som
  mulig»; «Kommunen kan først godkjenne fosterhjemmet når opplæringen er gjennomført» ✔.
* [BUF-GOD] Bufdir, samhandlingsforløp fosterhjem, «Godkjenning av fosterhjemmet»: the home is
  to be approved before the child moves in; if that cannot be done, later ✔.
* [BUF-3.4] Bufdir, fosterhjemsstrategi 3.4: § 7 from 1.1.2022 covers all follow-up, guidance
  and support, «helhetlig og tilpasset» ✔.
* [BFD-2005] BFD letter 27.4.2005 on bvl. 1992 § 4-22: visits may be reduced under § 7 third
  paragraph (follow-up) and § 9 second paragraph (supervision, the child's consent needed) ✔;
  the conditions (more than two years in the home; for supervision age 15 and consent) from
  ``reference/domain-rules.md`` §1.2 D12/D13 ◐.
* [REG-2023] regjeringen.no id92232: a new «Forskrift om fosterhjem» was adopted 13.10.2023
  under bvl. 2021 § 9-11 ✔; its text was not found, so every paragraph of it is ⚠. It was on
  consultation until 15.2.2023 (Helsetilsynet's 2022–23 audit guide ✔): it was **not** in force
  on 1.1.2023, when the 2003 regulations (as amended 1.1.2022) still applied.

The paragraph of D12/D13 is read from ``rules.deadlines.statutory.RULES`` (owned by the
deadline rules), so a correction there reaches the reduction check here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from barnevern.display import day_text
from barnevern.rules.dates import Arithmetic, Span, add_days, add_span, add_years
from barnevern.rules.deadlines.model import DeadlineItem, classify, law_on
from barnevern.rules.deadlines.statutory import RULES

__all__ = [
    "AGREEMENT",
    "APPROVAL",
    "BVR_CATEGORY_KIND",
    "FOLLOW_UP_PLAN",
    "NEW_REGULATION_ADOPTED",
    "REFORM_DATE",
    "TRAINING",
    "TRANSITIONS",
    "Agreement",
    "ApprovalCheck",
    "FosterDeadlineConfig",
    "FosterHomeError",
    "HomeKind",
    "HomeStatus",
    "PlacementFacts",
    "Reduction",
    "ReductionCheck",
    "StatusChange",
    "approval_check",
    "approval_date",
    "check_status_change",
    "placement_deadlines",
    "reduction_check",
    "status_on",
]

REFORM_DATE = date(2022, 1, 1)
"""Training before move-in and approval after training apply from here [BUF-3.1]."""
NEW_REGULATION_ADOPTED = date(2023, 10, 13)
"""The 2023 regulations were adopted on this day [REG-2023]; their entry into force ⚠."""

APPROVAL, TRAINING, AGREEMENT, FOLLOW_UP_PLAN = "F1", "F2", "F3", "F4"
ELEMENT = "Fosterhjemsplassering"


class FosterHomeError(ValueError):
    """A change the rules do not allow; the message is Norwegian, ``field`` names the field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


class HomeKind(StrEnum):
    ORDINARY = "ordinaer"
    KINSHIP = "familie_nettverk"
    REINFORCED = "forsterket"
    EMERGENCY = "beredskapshjem"


class HomeStatus(StrEnum):
    ASSESSMENT = "utredes"
    TRAINING = "opplaering"
    APPROVED = "godkjent"
    IN_USE = "i_bruk"
    PAUSED = "pause"
    ENDED = "avsluttet"


BVR_CATEGORY_KIND: dict[str, HomeKind] = {
    "2.1": HomeKind.KINSHIP,  # Fosterhjem i familie og nære nettverk
    "2.2": HomeKind.ORDINARY,  # Fosterhjem utenfor familie og nære nettverk
    "2.5": HomeKind.EMERGENCY,  # Beredskapshjem utenom familie og nære nettverk
    "2.6": HomeKind.KINSHIP,  # Midlertidig hjem i familie og nære nettverk
}
"""BVR ``Tiltak/Kategori`` codes of municipal foster homes and the kind they suggest. 2.3
(spesialiserte fosterhjem) are state homes (Bufetat) and 2.4 homes under bvl. § 6-3; a
reinforced home is an ordinary or kinship home with a reinforcement in its agreement."""

TRANSITIONS: dict[HomeStatus | None, frozenset[HomeStatus]] = {
    None: frozenset({HomeStatus.ASSESSMENT, HomeStatus.TRAINING, HomeStatus.APPROVED}),
    HomeStatus.ASSESSMENT: frozenset({HomeStatus.TRAINING, HomeStatus.APPROVED, HomeStatus.ENDED}),
    HomeStatus.TRAINING: frozenset({HomeStatus.ASSESSMENT, HomeStatus.APPROVED, HomeStatus.ENDED}),
    HomeStatus.APPROVED: frozenset({HomeStatus.IN_USE, HomeStatus.PAUSED, HomeStatus.ENDED}),
    HomeStatus.IN_USE: frozenset({HomeStatus.APPROVED, HomeStatus.PAUSED, HomeStatus.ENDED}),
    HomeStatus.PAUSED: frozenset({HomeStatus.APPROVED, HomeStatus.IN_USE, HomeStatus.ENDED}),
    HomeStatus.ENDED: frozenset({HomeStatus.ASSESSMENT}),
}
"""Which status may follow which (``None``: the first entry). A home that was approved must go
through a new assessment after it ended."""

REASON_REQUIRED = frozenset({HomeStatus.PAUSED, HomeStatus.ENDED})

STATUS_LABELS = {
    HomeStatus.ASSESSMENT: "under utredning",
    HomeStatus.TRAINING: "opplæring",
    HomeStatus.APPROVED: "godkjent",
    HomeStatus.IN_USE: "i bruk",
    HomeStatus.PAUSED: "pause",
    HomeStatus.ENDED: "avsluttet",
}


@dataclass(frozen=True, slots=True)
class StatusChange:
    status: HomeStatus
    day: date
    reason: str = ""


def _ordered(history: Sequence[StatusChange]) -> list[StatusChange]:
    return sorted(history, key=lambda c: c.day)  # stable: same-day entries keep their order


def status_on(history: Sequence[StatusChange], day: date) -> HomeStatus | None:
    """The home's status on ``day`` (the latest change on or before it), ``None`` before any."""
    current = None
    for change in _ordered(history):
        if change.day > day:
            break
        current = change.status
    return current


def _regulation(day: date) -> tuple[str, bool]:
    """The regulations in force on ``day`` as cited text, and whether the citation is ⚠."""
    if day >= NEW_REGULATION_ADOPTED:
        return "forskrift om fosterhjem (2023, jf. bvl. § 9-11)", True
    if day >= REFORM_DATE:
        return "fosterhjemsforskriften (2003, endret 1.1.2022)", False
    return "fosterhjemsforskriften (2003)", False


@dataclass(frozen=True, slots=True)
class ApprovalCheck:
    allowed: bool
    reason_nb: str
    paragraph: str
    unverified: bool


def approval_check(approval_day: date, training_completed: date | None) -> ApprovalCheck:
    """May the home be approved on ``approval_day``?

    From 1.1.2022 the municipality may approve a foster home only once the foster parents'
    training is recorded as completed on or before the approval day [BUF-3.1; L2003 § 5 as
    amended]. Before 2022 approval did not depend on training.
    """
    regulation, unverified = _regulation(approval_day)
    paragraph = f"{regulation} § 5" if not unverified else f"{regulation} (paragraf ikke verifisert)"
    if approval_day < REFORM_DATE:
        return ApprovalCheck(
            True, "Før 2022 var godkjenning ikke avhengig av opplæring.", paragraph, unverified
        )
    if training_completed is None:
        return ApprovalCheck(
            False,
            "Fosterhjemmet kan ikke godkjennes før opplæringen er registrert som gjennomført.",
            paragraph,
            unverified,
        )
    if training_completed > approval_day:
        return ApprovalCheck(
            False,
            f"Opplæringen ble fullført {day_text(training_completed)}, etter godkjenningsdatoen "
            f"{day_text(approval_day)}; godkjenning kan først skje når opplæringen er gjennomført.",
            paragraph,
            unverified,
        )
    return ApprovalCheck(
        True, f"Opplæringen ble fullført {day_text(training_completed)}.", paragraph, unverified
    )


def check_status_change(
    history: Sequence[StatusChange], new: StatusChange, *, training_completed: date | None = None
) -> None:
    """Raise :class:`FosterHomeError` unless ``new`` may follow ``history``.

    * the date is not before the latest change (history is never rewritten);
    * the transition is in :data:`TRANSITIONS`;
    * pause and end need a reason;
    * approval passes :func:`approval_check`.
    """
    ordered = _ordered(history)
    last = ordered[-1] if ordered else None
    if last is not None and new.day < last.day:
        raise FosterHomeError(f"Datoen kan ikke være før siste statusendring ({day_text(last.day)}).", "dato")
    current = last.status if last else None
    if new.status not in TRANSITIONS[current]:
        before = STATUS_LABELS[current] if current else "ingen status"
        raise FosterHomeError(
            f"Status kan ikke endres fra «{before}» til «{STATUS_LABELS[new.status]}».", "status"
        )
    if new.status in REASON_REQUIRED and not new.reason.strip():
        raise FosterHomeError("Skriv begrunnelsen for pause eller avslutning.", "begrunnelse")
    if new.status is HomeStatus.APPROVED:
        check = approval_check(new.day, training_completed)
        if not check.allowed:
            raise FosterHomeError(check.reason_nb, "status")


def approval_date(history: Sequence[StatusChange], by: date) -> date | None:
    """The day the home was approved in the stretch that is current on ``by``: the first
    approval after the latest end on or before ``by`` (an approval after ``by`` counts too, so
    a late approval meets a deadline late)."""
    ordered = _ordered(history)
    ended = [c.day for c in ordered if c.status is HomeStatus.ENDED and c.day <= by]
    since = max(ended, default=date.min)
    approvals = [c.day for c in ordered if c.status is HomeStatus.APPROVED and c.day >= since]
    return min(approvals, default=None)


# --- Placement deadlines -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FosterDeadlineConfig:
    """The readings without a fixed time limit in the sources (service settings).

    * ``acute_within``: after an acute placement, approval and training «så snart som mulig»
      [BUF-3.1, BUF-GOD]; no time limit was found, so this span is a setting (⚠).
    * ``follow_up_plan_within``: the plan for following up the foster family, counted from the
      move-in (⚠ no time limit found; default: by the move-in, like the care plan D6).
    """

    acute_within: Span = Span(months=3)
    follow_up_plan_within: Span = Span()


DEFAULT_CONFIG = FosterDeadlineConfig()


@dataclass(frozen=True, slots=True)
class Agreement:
    """A foster-home agreement (fosterhjemsavtale): ``end`` is its last day (``None``: open)."""

    start: date
    end: date | None = None
    signed: date | None = None


@dataclass(frozen=True, slots=True)
class Reduction:
    """An agreed reduction of visits (BVR ``Hyppighet`` 2) for ``rule`` D12 or D13 from ``start``."""

    rule: str
    start: date


@dataclass(frozen=True, slots=True)
class PlacementFacts:
    """What the deadlines of one child's stay in one foster home need to know."""

    placement_id: str
    sak_id: str
    move_in: date
    move_out: date | None = None
    acute: bool = False
    history: tuple[StatusChange, ...] = ()
    training_completed: date | None = None
    agreements: tuple[Agreement, ...] = ()
    follow_up_plan: date | None = None
    reductions: tuple[Reduction, ...] = ()
    birth: date | None = None
    supervision_consent: date | None = None


def _item(
    facts: PlacementFacts,
    rule: str,
    title: str,
    paragraph: str,
    start: date,
    due: date,
    met_on: date | None,
    today: date,
    *,
    part: str = "",
    unverified: bool = False,
    configurable: bool = False,
    note: str = "",
) -> DeadlineItem:
    known = met_on if met_on is not None and met_on <= today else None
    status, days = classify(due, known, today)
    return DeadlineItem(
        sak_id=facts.sak_id,
        element_type=ELEMENT,
        element_id=facts.placement_id,
        rule=rule,
        part=part,
        paragraph=paragraph,
        title_nb=title,
        start=start,
        due=due,
        met_on=known,
        status=status,
        days=days,
        unverified=unverified,
        configurable=configurable,
        note_nb=note,
    )


def _acute_due(facts: PlacementFacts, config: FosterDeadlineConfig) -> tuple[date, str, bool]:
    if facts.acute:
        due = add_span(facts.move_in, config.acute_within, Arithmetic.LAW)
        note = (
            f"Akutt plassering: «så snart som mulig» etter innflytting; tjenestens frist er "
            f"{config.acute_within}."
        )
        return due, note, True
    return facts.move_in, "", False


def placement_deadlines(
    facts: PlacementFacts, today: date, config: FosterDeadlineConfig = DEFAULT_CONFIG
) -> list[DeadlineItem]:
    """The foster-home deadlines of one placement as of ``today``.

    * F1 approval before the child moves in [L2003 § 5; BUF-GOD]: met on the home's approval;
    * F2 training completed before the move-in, from 1.1.2022 [BUF-3.1];
    * F3 a new agreement by the day a time-limited agreement ends while the child stays
      [L2003 § 6; the renewal date is the agreement's own];
    * F4 a plan for following up the foster family [L2003 § 7 second paragraph as amended,
      BUF-3.4; ⚠ no time limit found];
    * D12/D13 with the home's data: a reduction to 2 visits a year before its conditions were
      met (see :func:`reduction_check`).

    An acute placement gets F1 and F2 ``acute_within`` after the move-in; if the child moved out
    before that, neither is required. A placement that has not begun by ``today`` has none yet.
    """
    if facts.move_in > today:
        return []
    items: list[DeadlineItem] = []
    regulation, unverified = _regulation(facts.move_in)
    due, note, configurable = _acute_due(facts, config)
    approved = approval_date(facts.history, facts.move_in)
    left_early = facts.move_out is not None and facts.move_out < due  # an acute stay that ended first
    if not left_early:
        items.append(
            _item(
                facts,
                APPROVAL,
                "Godkjenning av fosterhjemmet før innflytting",
                f"{regulation} § 5" if not unverified else f"{regulation} (paragraf ikke verifisert)",
                facts.move_in,
                due,
                approved,
                today,
                unverified=unverified,
                configurable=configurable,
                note=note,
            )
        )
    if facts.move_in >= REFORM_DATE and not left_early:
        items.append(
            _item(
                facts,
                TRAINING,
                "Opplæring av fosterforeldrene før innflytting",
                f"{regulation} (opplæring; paragraf ikke verifisert), jf. Bufdir «Krav om opplæring»",
                facts.move_in,
                due,
                facts.training_completed,
                today,
                unverified=True,
                configurable=configurable,
                note=note,
            )
        )
    items += _agreement_items(facts, today, regulation, unverified)
    plan_due = add_span(facts.move_in, config.follow_up_plan_within, Arithmetic.LAW)
    if facts.move_out is None or plan_due <= facts.move_out:
        items.append(
            _item(
                facts,
                FOLLOW_UP_PLAN,
                "Plan for oppfølging av fosterfamilien",
                f"{regulation} § 7 (oppfølging av fosterhjemmet), jf. Bufdir «Oppfølging av fosterhjem»",
                facts.move_in,
                plan_due,
                facts.follow_up_plan,
                today,
                unverified=True,
                configurable=True,
            )
        )
    for reduction in facts.reductions:
        check = reduction_check(facts, reduction)
        if check.allowed_from == reduction.start:
            continue
        items.append(
            _item(
                facts,
                reduction.rule,
                f"{RULES[reduction.rule].title_nb}: redusert hyppighet",
                check.paragraph,
                reduction.start,
                reduction.start,
                check.allowed_from,
                today,
                part=f"redusert fra {day_text(reduction.start)}",
                unverified=check.unverified,
                note=check.reason_nb,
            )
        )
    return items


def _agreement_items(
    facts: PlacementFacts, today: date, regulation: str, unverified: bool
) -> list[DeadlineItem]:
    items: list[DeadlineItem] = []
    agreements = sorted(facts.agreements, key=lambda a: a.start)
    for index, agreement in enumerate(agreements):
        if agreement.end is None:
            continue
        if facts.move_out is not None and facts.move_out <= agreement.end:
            continue  # the child moved out before the agreement ran out
        following = agreements[index + 1] if index + 1 < len(agreements) else None
        renewed = None
        if following is not None:
            renewed = following.signed or following.start
        items.append(
            _item(
                facts,
                AGREEMENT,
                "Fornyelse av fosterhjemsavtalen",
                f"{regulation} § 6" if not unverified else f"{regulation} (paragraf ikke verifisert)",
                agreement.start,
                agreement.end,
                renewed,
                today,
                part=f"avtale fra {day_text(agreement.start)}",
                unverified=unverified,
                configurable=True,
                note="Fristen er avtalens egen sluttdato.",
            )
        )
    return items


# --- Reduced visits (D12 follow-up, D13 supervision) ---------------------------------------

D12_YEARS_IN_HOME = 2
D13_MIN_AGE = 15


@dataclass(frozen=True, slots=True)
class ReductionCheck:
    """Whether a reduction to 2 visits a year met its conditions, and from which day.

    ``allowed_from`` is the first day on or after the reduction's start when the conditions
    are met (``None``: not yet known to be met); equal to the start when lawful from the start.
    """

    allowed_from: date | None
    reason_nb: str
    paragraph: str
    unverified: bool


def reduction_check(facts: PlacementFacts, reduction: Reduction) -> ReductionCheck:
    """The conditions for reducing visits to 2 a year [BFD-2005; domain-rules §1.2]:

    * D12 (follow-up, L2003 § 7 third paragraph): the child has lived in *this* foster home for
      more than two years (counted from the home's move-in, not the measure's start);
    * D13 (supervision, L2003 § 9 second paragraph): the child has turned 15 and consents (a
      further condition in the source was cut off ⚠).

    The reduction is assumed otherwise sound («forsvarlig»); that is the case worker's judgment.
    """
    if reduction.rule not in ("D12", "D13"):
        raise ValueError(f"reduction rule must be D12 or D13, not {reduction.rule!r}")
    spec = RULES[reduction.rule]
    law = law_on(reduction.start)
    paragraph = f"{spec.paragraph(law)} (redusert hyppighet)"
    unverified = spec.unverified(law) or reduction.rule == "D13"
    if reduction.rule == "D12":
        lawful = add_days(add_years(facts.move_in, D12_YEARS_IN_HOME), 1)
        if lawful <= reduction.start:
            return ReductionCheck(
                reduction.start, "Barnet har bodd over to år i fosterhjemmet.", paragraph, unverified
            )
        return ReductionCheck(
            lawful,
            f"Barnet flyttet inn {day_text(facts.move_in)} og hadde ikke bodd over to år i "
            f"fosterhjemmet da besøkene ble redusert; minst fire besøk i året kreves til "
            f"{day_text(add_days(lawful, -1))}.",
            paragraph,
            unverified,
        )
    missing = []
    if facts.birth is None:
        missing.append("fødselsdato mangler")
    if facts.supervision_consent is None:
        missing.append("barnets samtykke er ikke registrert")
    if missing:
        return ReductionCheck(
            None,
            "Tilsyn kan bare reduseres for barn over 15 år som samtykker: " + "; ".join(missing) + ".",
            paragraph,
            unverified,
        )
    birth, consent = facts.birth, facts.supervision_consent
    if birth is None or consent is None:  # narrowed above; kept for the type checker
        raise ValueError("birth and consent are required here")
    lawful = max(reduction.start, add_years(birth, D13_MIN_AGE), consent)
    if lawful == reduction.start:
        return ReductionCheck(lawful, "Barnet er over 15 år og har samtykket.", paragraph, unverified)
    return ReductionCheck(
        lawful,
        f"Tilsyn kan bare reduseres for barn over 15 år som samtykker; vilkårene var oppfylt "
        f"fra {day_text(lawful)}.",
        paragraph,
        unverified,
    )
