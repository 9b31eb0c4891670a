"""The one query layer for cases: web pages, exports, statistics and the CLI read here.

Every function that returns a child's data takes the ``user`` it reads for and goes
through ``accounts.policy``; single-case reads write an audit row.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from barnevern.accounts import policy
from barnevern.audit.services import log
from barnevern.cases import models as m
from barnevern.cases.mapping import sak_to_record
from barnevern.formats.records import SakRecord

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.organisation.models import Tjeneste

PREFETCH = (
    "personalia",
    "meldinger",
    "undersokelser",
    "planer",
    "tiltak",
    "vedtak",
    "ettervern",
    "oversendelser",
    "flyttinger",
    "relasjoner",
    "slettet",
    Prefetch("bosteder", queryset=m.Bosted.objects.order_by("fra_dato")),
)


def with_elements(qs: QuerySet[m.Sak]) -> QuerySet[m.Sak]:
    return qs.prefetch_related(*PREFETCH)


# Related name → model, for reading elements without prefetch_related (see ``iter_records``).
ELEMENT_MODELS = {
    "personalia": m.Personalia,
    "meldinger": m.Melding,
    "undersokelser": m.Undersokelse,
    "planer": m.Plan,
    "tiltak": m.Tiltak,
    "vedtak": m.Vedtak,
    "ettervern": m.Ettervern,
    "oversendelser": m.OversendelseFylkesnemnd,
    "flyttinger": m.Flytting,
    "relasjoner": m.Relasjon,
    "slettet": m.Slettet,
    "bosteder": m.Bosted,
}


# Columns a record needs (bookkeeping columns left out), per element table.
_SKIPPED = frozenset({"opprettet", "endret", "versjon"})
_COLUMNS = {
    name: tuple(f.attname for f in model._meta.concrete_fields if f.attname not in _SKIPPED)
    for name, model in ELEMENT_MODELS.items()
}


def iter_records(qs: QuerySet[m.Sak], chunk_size: int = 2000) -> Iterator[SakRecord]:
    """Records of every case in ``qs`` in a constant number of queries per chunk.

    One query per element table and chunk, grouped by case in Python: the same rows in the
    same (default) order as ``with_elements``. Element rows are read with ``values()`` (Django
    still converts every column) into plain attribute objects: no queryset per case and
    relation and no model instances, which cost several times more than the queries
    themselves (docs/performance.md).
    """
    ids = list(qs.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        # The chunk as an id range of ``qs`` (a subquery), not a list of 2,000 bound UUIDs,
        # whose quoting cost more than the query itself.
        saker = qs.filter(id__gte=chunk[0], id__lte=chunk[-1])
        elements: dict[Any, dict[str, list[Any]]] = {sak_id: {} for sak_id in chunk}
        for name, model in ELEMENT_MODELS.items():
            rows = model.objects.filter(sak_id__in=saker.values("id")).values(*_COLUMNS[name])
            for row in rows:
                elements.setdefault(row["sak_id"], {}).setdefault(name, []).append(SimpleNamespace(**row))
        for sak in m.Sak.objects.filter(id__in=saker.values("id")).order_by("id"):
            yield sak_to_record(sak, elements.get(sak.pk, {}))


def service_records(tjeneste: Tjeneste) -> Iterator[SakRecord]:
    """All live cases of a service as records (statistics, deadlines, export)."""
    return iter_records(m.Sak.objects.filter(tjeneste=tjeneste, er_slettet=False))


def case_list(user: User, search: str = "") -> QuerySet[m.Sak]:
    """Cases the user may see, optionally filtered by journal number or the child's name."""
    qs = policy.visible_saker(user).select_related("saksbehandler")
    search = search.strip()
    if search:
        words = search.split()
        for word in words:
            qs = qs.filter(
                Q(journalnummer__icontains=word) | Q(fornavn__icontains=word) | Q(etternavn__icontains=word)
            )
    return qs.prefetch_related(
        Prefetch("personalia", queryset=m.Personalia.objects.filter(er_slettet=False).order_by("start_dato")),
        Prefetch("bosteder", queryset=m.Bosted.objects.order_by("fra_dato")),
    ).order_by("-start_dato", "journalnummer")


def get_case(user: User, sak_id: uuid.UUID | str, *, audit: bool = True) -> m.Sak:
    """One case the user may open, with its elements, and an audit row for the read."""
    try:
        sak = with_elements(m.Sak.objects.select_related("tjeneste", "saksbehandler")).get(pk=sak_id)
    except (m.Sak.DoesNotExist, ValueError, TypeError):
        raise Http404("Saken finnes ikke.") from None
    policy.require_sak(user, sak)
    if audit:
        log("view", f"Åpnet sak {sak.journalnummer}", sak_id=sak.pk, obj=sak)
    return sak


def records_for(saker: Iterable[m.Sak]) -> list[SakRecord]:
    return [sak_to_record(s) for s in saker]
