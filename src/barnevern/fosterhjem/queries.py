"""The one read layer of foster homes: it feeds the pages, the ``barnevern fosterhjem`` command
and the costs page. Access through ``accounts.policy``; every read of a child's data is audited
by the caller (the views and the command), one row per listing.

* The leder sees every home of the service; a case worker the homes where a child whose case
  they may open lives or has lived (``cases.queries.visible_saker``); a home without placements is
  the leder's. Økonomi sees costs per home and month, with no child or case.
* Deadlines come from ``fosterhjem.deadlines`` (the rules in ``rules.fosterhjem``); visits
  (D12/D13) of the linked BVR measure from ``rules.deadlines`` with the default settings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet

from barnevern.accounts import policy
from barnevern.cases import models as cm
from barnevern.cases.queries import iter_records, visible_saker
from barnevern.fosterhjem import models as fm
from barnevern.fosterhjem.deadlines import placements_with_items
from barnevern.fosterhjem.services import training_completed
from barnevern.rules.deadlines import DeadlineItem, Status, deadlines_for_sak
from barnevern.rules.fosterhjem import HomeStatus, status_on

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.organisation.models import Tjeneste

ZERO = Decimal("0.00")
STATUS_LABELS = dict(fm.STATUS_CHOICES)
KIND_LABELS = dict(fm.KIND_CHOICES)


def visible_homes(user: User) -> QuerySet[fm.Fosterhjem]:
    """Homes the user may open (raises ``PermissionDenied`` for roles without case access)."""
    policy.require(policy.can_see_foster_homes(user), "Din rolle gir ikke tilgang til fosterhjem.")
    qs = fm.Fosterhjem.objects.filter(tjeneste_id=policy.service_id_of(user))
    if policy.is_leder(user):
        return qs
    return qs.filter(plasseringer__sak__in=visible_saker(user).values("pk")).distinct()


def _status(home: fm.Fosterhjem, on: date) -> str | None:
    statuses = list(home.statuser.all())
    current = None
    for entry in statuses:
        if entry.dato <= on:
            current = entry.status
    return current


def _with_history(qs: QuerySet[fm.Fosterhjem]) -> QuerySet[fm.Fosterhjem]:
    return qs.prefetch_related(
        Prefetch("statuser", queryset=fm.Statusendring.objects.order_by("dato", "pk")),
        Prefetch("opplaeringer", queryset=fm.Opplaering.objects.order_by("startet", "pk")),
    )


def _awaiting_training(home: fm.Fosterhjem) -> bool:
    required = [t for t in home.opplaeringer.all() if t.kreves]
    return not required or any(t.fullfort is None for t in required)


@dataclass(frozen=True, slots=True)
class HomeRow:
    home: fm.Fosterhjem
    status: str | None
    placed_now: int
    overdue: int
    awaiting_training: bool

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, "–")) if self.status else "–"

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.home.art, self.home.art))


def home_rows(user: User, today: date, *, status: str = "", art: str = "") -> list[HomeRow]:
    """The list page: each visible home with its status, children placed now and overdue items."""
    homes = list(_with_history(visible_homes(user)).order_by("navn", "pk"))
    placements = fm.Fosterhjemsplassering.objects.filter(fosterhjem__in=[h.pk for h in homes])
    if not policy.is_leder(user):
        placements = placements.filter(sak__in=visible_saker(user).values("pk"))
    overdue: Counter[int] = Counter()
    placed: Counter[int] = Counter()
    for placement, items in placements_with_items(placements, today):
        overdue[placement.fosterhjem_id] += sum(1 for i in items if i.status is Status.OVERDUE)
        if placement.innflytting <= today and (placement.utflytting is None or placement.utflytting >= today):
            placed[placement.fosterhjem_id] += 1
    rows = []
    for home in homes:
        current = _status(home, today)
        if status and current != status:
            continue
        if art and home.art != art:
            continue
        rows.append(HomeRow(home, current, placed[home.pk], overdue[home.pk], _awaiting_training(home)))
    return rows


@dataclass(slots=True)
class PlacementView:
    placement: fm.Fosterhjemsplassering
    may_open: bool
    items: list[DeadlineItem] = field(default_factory=list)
    visits: list[DeadlineItem] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return self.placement.utflytting is None


@dataclass(slots=True)
class HomeDetail:
    home: fm.Fosterhjem
    status: str | None
    training_completed: date | None
    history: list[fm.Statusendring]
    parents: list[fm.Fosterforelder]
    trainings: list[fm.Opplaering]
    checks: list[fm.Kontroll]
    counselling: list[fm.Veiledning]
    placements: list[PlacementView]

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, "–")) if self.status else "–"

    @property
    def case_ids(self) -> list[str]:
        return [str(p.placement.sak_id) for p in self.placements if p.may_open]


def _visit_items(placements: list[fm.Fosterhjemsplassering], today: date) -> dict[int, list[DeadlineItem]]:
    """D12/D13 items of each placement's linked BVR measure (default deadline settings)."""
    linked = {p.pk: str(p.tiltak_id) for p in placements if p.tiltak_id}
    if not linked:
        return {}
    records = {r.id: r for r in iter_records(cm.Sak.objects.filter(pk__in={p.sak_id for p in placements}))}
    found: dict[int, list[DeadlineItem]] = defaultdict(list)
    for placement in placements:
        tiltak_id = linked.get(placement.pk)
        record = records.get(str(placement.sak_id))
        if tiltak_id is None or record is None:
            continue
        found[placement.pk] = [
            i
            for i in deadlines_for_sak(record, today)
            if i.element_id == tiltak_id and i.rule in ("D12", "D13")
        ]
    return found


def home_detail(user: User, pk: int, today: date) -> HomeDetail:
    """One home as the user may see it; raises ``Fosterhjem.DoesNotExist`` when hidden."""
    home = _with_history(visible_homes(user)).get(pk=pk)
    allowed = set(visible_saker(user).values_list("pk", flat=True))
    placements = fm.Fosterhjemsplassering.objects.filter(fosterhjem=home).select_related("sak", "tiltak")
    pairs = placements_with_items(placements, today)
    visible = [p for p, _ in pairs if p.sak_id in allowed]
    visits = _visit_items(visible, today)
    views = [
        PlacementView(p, p.sak_id in allowed, items if p.sak_id in allowed else [], visits.get(p.pk, []))
        for p, items in pairs
    ]
    return HomeDetail(
        home=home,
        status=_status(home, today),
        training_completed=training_completed(home),
        history=list(home.statuser.all()),
        parents=list(home.fosterforeldre.all()),
        trainings=list(home.opplaeringer.all()),
        checks=list(home.kontroller.order_by("dato", "pk")),
        counselling=list(home.veiledninger.all()),
        placements=views,
    )


def placement_for(user: User, pk: int) -> fm.Fosterhjemsplassering:
    """A placement whose child's case the user may open (``PermissionDenied`` otherwise)."""
    policy.require(policy.can_see_foster_homes(user), "Din rolle gir ikke tilgang til fosterhjem.")
    placement = fm.Fosterhjemsplassering.objects.select_related("fosterhjem", "sak", "tiltak").get(
        pk=pk, fosterhjem__tjeneste_id=policy.service_id_of(user)
    )
    policy.require_sak(user, placement.sak)
    return placement


def summary(tjeneste: Tjeneste, today: date) -> dict[str, Any]:
    """``barnevern fosterhjem --json``: homes by status and kind, children placed on ``today``,
    and overdue items per rule (F1–F4, D12/D13 reductions, and the linked measures' visits)."""
    homes = list(_with_history(fm.Fosterhjem.objects.filter(tjeneste=tjeneste)))
    by_status: Counter[str] = Counter()
    for home in homes:
        current = status_on(
            [_change(s) for s in home.statuser.all()],
            today,
        )
        by_status[current.value if current else "ingen"] += 1
    by_kind = Counter(h.art for h in homes)
    placements = fm.Fosterhjemsplassering.objects.filter(fosterhjem__tjeneste=tjeneste).select_related(
        "tiltak"
    )
    pairs = placements_with_items(placements, today)
    overdue: Counter[str] = Counter()
    for _placement, items in pairs:
        overdue.update(i.rule for i in items if i.status is Status.OVERDUE)
    for items in _visit_items([p for p, _ in pairs], today).values():
        overdue.update(i.rule for i in items if i.status is Status.OVERDUE)
    placed = sum(
        1 for p, _ in pairs if p.innflytting <= today and (p.utflytting is None or p.utflytting >= today)
    )
    return {
        "homes": len(homes),
        "by_status": {s.value: by_status.get(s.value, 0) for s in HomeStatus},
        "by_kind": dict(sorted(by_kind.items())),
        "placements": placed,
        "overdue": dict(sorted(overdue.items())),
    }


def _change(entry: fm.Statusendring) -> Any:
    from barnevern.rules.fosterhjem import StatusChange

    return StatusChange(HomeStatus(entry.status), entry.dato, entry.begrunnelse)


@dataclass(frozen=True, slots=True)
class CostRow:
    home: str
    kommunenummer: str
    by_art: dict[str, Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.by_art.values(), ZERO)


def cost_rows(user: User, year: int) -> tuple[list[CostRow], dict[str, Decimal]]:
    """Booked costs of ``year`` per home and the child's municipality (no child, no case), and
    the totals per kind. Leder and Økonomi."""
    policy.require(policy.can_see_foster_costs(user), "Din rolle gir ikke tilgang til fosterhjemskostnader.")
    sums: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    totals: dict[str, Decimal] = dict.fromkeys(fm.Kostnad.Art.values, ZERO)
    rows = fm.Kostnad.objects.filter(
        plassering__fosterhjem__tjeneste_id=policy.service_id_of(user), maned__year=year
    ).values_list("plassering__fosterhjem__navn", "klientkostnad__kommunenummer", "art", "belop")
    for navn, kommune, art, amount in rows:
        sums[(navn, kommune)][art] += amount
        totals[art] += amount
    result = [CostRow(navn, kommune, dict(by_art)) for (navn, kommune), by_art in sorted(sums.items())]
    return result, totals
