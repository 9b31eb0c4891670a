"""Foster-home deadlines from the database: placements → ``PlacementFacts`` → rule items.

The one entry point for the layers above: ``quality`` calls :func:`items_for_saker` to put the
F-items (approval, training, agreement renewal, follow-up plan, and D12/D13 reductions checked
against the home's data) on the worklist and into the avvik proposals, like every other
deadline. The figures come from ``barnevern.rules.fosterhjem``; nothing is computed here.
Queries are constant in number whatever the count of placements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from barnevern.cases import models as cm
from barnevern.fosterhjem import models as fm
from barnevern.rules.dates import Span
from barnevern.rules.deadlines import DeadlineItem
from barnevern.rules.fosterhjem import (
    Agreement,
    FosterDeadlineConfig,
    HomeStatus,
    PlacementFacts,
    Reduction,
    StatusChange,
    placement_deadlines,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from barnevern.organisation.models import Tjeneste

__all__ = [
    "config_for",
    "facts_of",
    "items_for_placements",
    "items_for_saker",
    "items_for_service",
    "placements_with_items",
]


def config_for(tjeneste_id: int) -> FosterDeadlineConfig:
    """The service's settings (``Innstillinger``), or the rules' defaults."""
    found = fm.Innstillinger.objects.filter(tjeneste_id=tjeneste_id).first()
    if found is None:
        return FosterDeadlineConfig()
    try:
        return FosterDeadlineConfig(
            acute_within=Span.parse(found.akutt_frist),
            follow_up_plan_within=Span.parse(found.oppfolgingsplan_frist),
        )
    except ValueError:
        return FosterDeadlineConfig()


def _placements(qs: QuerySet[fm.Fosterhjemsplassering]) -> list[fm.Fosterhjemsplassering]:
    return list(
        qs.select_related("fosterhjem", "tiltak")
        .prefetch_related(
            Prefetch("fosterhjem__statuser", queryset=fm.Statusendring.objects.order_by("dato", "pk")),
            Prefetch("fosterhjem__opplaeringer", queryset=fm.Opplaering.objects.filter(kreves=True)),
            Prefetch("avtaler", queryset=fm.Avtale.objects.order_by("start", "pk")),
            Prefetch("oppfolgingsplaner", queryset=fm.Oppfolgingsplan.objects.order_by("dato", "pk")),
        )
        .order_by("innflytting", "pk")
    )


def _births(sak_ids: Iterable[object]) -> dict[str, date]:
    births: dict[str, date] = {}
    rows = (
        cm.Personalia.objects.filter(sak_id__in=list(sak_ids), er_slettet=False)
        .order_by("sak_id", "start_dato")
        .values_list("sak_id", "fodseldato")
    )
    for sak_id, born in rows:
        births[str(sak_id)] = born  # the latest Personalia wins
    return births


def _reductions(tiltak: cm.Tiltak | None) -> tuple[Reduction, ...]:
    """BVR ``Hyppighet`` code 2 (reduced) on the linked measure's follow-up and supervision."""
    if tiltak is None or tiltak.er_slettet:
        return ()
    found: list[Reduction] = []
    for rule, data in (("D12", tiltak.oppfolging), ("D13", tiltak.tilsyn)):
        for entry in (data or {}).get("hyppighet", []):
            if str(entry.get("kode", "")).strip() == "2":
                found.append(Reduction(rule, date.fromisoformat(entry["start_dato"])))
    return tuple(found)


def _training_completed(home: fm.Fosterhjem) -> date | None:
    required = [t.fullfort for t in home.opplaeringer.all()]
    if not required or any(day is None for day in required):
        return None
    return max(day for day in required if day is not None)


def facts_of(placement: fm.Fosterhjemsplassering, births: dict[str, date]) -> PlacementFacts:
    home = placement.fosterhjem
    plans = [p.dato for p in placement.oppfolgingsplaner.all()]
    return PlacementFacts(
        placement_id=str(placement.pk),
        sak_id=str(placement.sak_id),
        move_in=placement.innflytting,
        move_out=placement.utflytting,
        acute=placement.akutt,
        history=tuple(StatusChange(HomeStatus(s.status), s.dato, s.begrunnelse) for s in home.statuser.all()),
        training_completed=_training_completed(home),
        agreements=tuple(Agreement(a.start, a.slutt, a.signert) for a in placement.avtaler.all()),
        follow_up_plan=min(plans, default=None),
        reductions=_reductions(placement.tiltak),
        birth=births.get(str(placement.sak_id)),
        supervision_consent=placement.tilsyn_samtykke,
    )


def items_for_placements(
    placements: list[fm.Fosterhjemsplassering], today: date, config: FosterDeadlineConfig | None = None
) -> list[tuple[fm.Fosterhjemsplassering, DeadlineItem]]:
    """Every foster-home deadline of ``placements`` (prefetched with :func:`_placements`)."""
    births = _births({p.sak_id for p in placements})
    configs: dict[int, FosterDeadlineConfig] = {}
    result: list[tuple[fm.Fosterhjemsplassering, DeadlineItem]] = []
    for placement in placements:
        tjeneste_id = placement.fosterhjem.tjeneste_id
        rules = config or configs.setdefault(tjeneste_id, config_for(tjeneste_id))
        for item in placement_deadlines(facts_of(placement, births), today, rules):
            result.append((placement, item))
    return result


def _by_case(qs: QuerySet[fm.Fosterhjemsplassering], today: date) -> dict[str, list[DeadlineItem]]:
    by_case: dict[str, list[DeadlineItem]] = defaultdict(list)
    for _placement, item in items_for_placements(_placements(qs), today):
        by_case[item.sak_id].append(item)
    return dict(by_case)


def items_for_saker(saker: QuerySet[cm.Sak] | Iterable[object], today: date) -> dict[str, list[DeadlineItem]]:
    """The foster-home deadlines of these cases (a queryset, or case ids), per case id; every
    status, met ones too. A queryset is used as a subquery, so its size costs no queries."""
    from django.db.models import QuerySet as QS

    if isinstance(saker, QS):
        return _by_case(fm.Fosterhjemsplassering.objects.filter(sak__in=saker.values("pk")), today)
    ids = [str(i) for i in saker]
    found: dict[str, list[DeadlineItem]] = {}
    for start in range(0, len(ids), 500):
        found.update(
            _by_case(fm.Fosterhjemsplassering.objects.filter(sak_id__in=ids[start : start + 500]), today)
        )
    return found


def items_for_service(tjeneste: Tjeneste, today: date) -> dict[str, list[DeadlineItem]]:
    """Every foster-home deadline of the service's placements, per case id."""
    return _by_case(fm.Fosterhjemsplassering.objects.filter(fosterhjem__tjeneste=tjeneste), today)


def placements_with_items(
    qs: QuerySet[fm.Fosterhjemsplassering], today: date
) -> list[tuple[fm.Fosterhjemsplassering, list[DeadlineItem]]]:
    """Each placement of ``qs`` with its items (for the foster-home pages and the command)."""
    placements = _placements(qs)
    found: dict[int, list[DeadlineItem]] = {p.pk: [] for p in placements}
    for placement, item in items_for_placements(placements, today):
        found[placement.pk].append(item)
    return [(p, found[p.pk]) for p in placements]
