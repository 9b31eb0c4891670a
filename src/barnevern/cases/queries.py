"""The one query layer for cases: web pages, exports, statistics and the CLI read here.

Every function that returns a child's data takes the ``user`` it reads for and goes
through ``accounts.policy``; single-case reads write an audit row.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import CharField, F, Func, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from barnevern.accounts import policy
from barnevern.accounts.models import Role, User
from barnevern.audit.services import log
from barnevern.cases import models as m
from barnevern.cases.mapping import sak_to_record
from barnevern.records import SakRecord

if TYPE_CHECKING:
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
ELEMENT_MODELS = m.ELEMENT_MODELS


# Columns a record needs (bookkeeping columns left out), per element table, and the order of
# rows within one case: the model's default ordering without its leading "sak" (ordering by
# "sak" would join cases_sak only to sort by the case's own default order), then the row id so
# that elements of the same date always come in the same order (exports stay stable).
_SKIPPED = frozenset({"opprettet", "endret", "versjon"})
_COLUMNS = {
    name: tuple(f.attname for f in model._meta.concrete_fields if f.attname not in _SKIPPED)
    for name, model in ELEMENT_MODELS.items()
}
_SAK_COLUMNS = (
    "id",
    "start_dato",
    "journalnummer",
    "slutt_dato",
    "avsluttet",
    "migrert_id",
    "er_slettet",
    "saksbehandler_navn",
)
_WITHIN_SAK = {
    name: tuple(o for o in model._meta.ordering if o not in {"sak", "sak_id"})
    for name, model in ELEMENT_MODELS.items()
}


class _Rows:
    """One element table's rows of many cases, in case-id order, taken one case at a time."""

    def __init__(self, rows: Iterator[Any]) -> None:
        self._rows = rows
        self._next = next(self._rows, None)

    def take(self, sak_id: Any) -> list[Any]:
        found = []
        row = self._next
        while row is not None and row.sak_id <= sak_id:
            if row.sak_id == sak_id:
                found.append(row)
            row = next(self._rows, None)
        self._next = row
        return found


SMALL = 1000
"""Up to this many cases, ``iter_records`` reads each table in one plain query (see there)."""


def iter_records(qs: QuerySet[m.Sak], chunk_size: int = 2000, *, small: int = SMALL) -> Iterator[SakRecord]:
    """Records of every case in ``qs``, in case-id order, in a constant number of queries.

    One query for the cases and one per element table, each sorted by case id and merged in
    Python. Rows come as named tuples (``values_list(named=True)``; Django still converts
    every column): no queryset per case and relation and no model instances, which cost
    several times more than the queries themselves. The rows and their order within a case
    are those of ``with_elements``, with ties on the date broken by row id
    (docs/performance.md).

    Up to ``small`` cases (a case worker's own cases, one page of a list), the cases are read
    first and each table is fetched whole with the case ids as a list: one round trip per
    table. Beyond that, every query is streamed (server-side cursors on PostgreSQL,
    ``chunk_size`` rows at a time) so that memory stays flat however large the service.
    """
    saker = m.Sak.objects.filter(id__in=qs.values("id")).order_by("id").values_list(*_SAK_COLUMNS, named=True)
    first = list(saker[: small + 1])
    if len(first) <= small:
        yield from _read_small(first)
        return
    ids = qs.values("id")
    streams = {
        name: _Rows(
            model.objects.filter(sak_id__in=ids)
            .order_by("sak_id", *_WITHIN_SAK[name], "id")
            .values_list(*_COLUMNS[name], named=True)
            .iterator(chunk_size=chunk_size)
        )
        for name, model in ELEMENT_MODELS.items()
    }
    for sak in saker.iterator(chunk_size=chunk_size):
        yield sak_to_record(
            sak, {name: rows for name, stream in streams.items() if (rows := stream.take(sak.id))}
        )


def _read_small(saker: list[Any]) -> Iterator[SakRecord]:
    """Records of a few cases (rows of ``_SAK_COLUMNS`` in id order): one plain query per table."""
    if not saker:
        return
    ids = [sak.id for sak in saker]
    tables: dict[str, dict[Any, list[Any]]] = {}
    for name, model in ELEMENT_MODELS.items():
        by_sak: dict[Any, list[Any]] = {}
        rows = model.objects.filter(sak_id__in=ids).order_by("sak_id", *_WITHIN_SAK[name], "id")
        for row in rows.values_list(*_COLUMNS[name], named=True):
            by_sak.setdefault(row.sak_id, []).append(row)
        tables[name] = by_sak
    for sak in saker:
        elements = {name: found for name, by_sak in tables.items() if (found := by_sak.get(sak.id))}
        yield sak_to_record(sak, elements)


def service_records(tjeneste: Tjeneste) -> Iterator[SakRecord]:
    """All live cases of a service as records (statistics, deadlines, export)."""
    return iter_records(m.Sak.objects.filter(tjeneste=tjeneste, er_slettet=False))


def visible_saker(user: User) -> QuerySet[m.Sak]:
    """Cases the user may open (``accounts.policy.case_filter``): every case list, page,
    export and command reads through this."""
    scope = policy.case_filter(user)
    return m.Sak.objects.none() if scope is None else m.Sak.objects.filter(scope)


# Letters folded for name search, the same in Python and in SQL («Brattås» → «brattas»).
_FOLD_FROM, _FOLD_TO = "åøäöüéèêëáàâóòôíìñčšžđŋŧ", "aoaoueeeeaaaoooiincszdnt"
_FOLD_CHARS = str.maketrans(_FOLD_FROM, _FOLD_TO)


def fold(text: str) -> str:
    """Lower case without accents, as ``Fold`` does in the database: «Brattås» → «brattas»."""
    return text.lower().translate(_FOLD_CHARS).replace("æ", "ae")


class Fold(Func):
    """``fold`` in SQL. PostgreSQL: ``lower`` (Unicode-aware) then ``translate`` and ``replace``;
    SQLite, whose ``lower`` folds ASCII only: the Python function itself, registered on every
    connection as ``bv_fold`` (``register_sqlite_fold``)."""

    function = "LOWER"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        source, target = _FOLD_FROM, _FOLD_TO
        return f"REPLACE(TRANSLATE(LOWER({sql}), %s, %s), %s, %s)", [*params, source, target, "æ", "ae"]

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"bv_fold({sql})", params


def register_sqlite_fold(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created`` receiver: SQL function ``bv_fold`` on SQLite connections."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "bv_fold", 1, lambda v: fold(v) if v is not None else None, deterministic=True
        )


def folded(field: str) -> Fold:
    return Fold(F(field))


@dataclass(frozen=True, slots=True)
class CaseSearch:
    """What the case list is narrowed by. ``fodselsnummer`` and ``fodselsdato`` never travel in
    a URL (the form is posted and kept in the session under a random token)."""

    text: str = ""  # journal number or words of the child's name, accents ignored
    fodselsnummer: str = ""
    fodselsdato: date | None = None
    status: str = "alle"  # "apne", "avsluttede", "alle"
    mine: bool = False
    kommune: str = ""

    @property
    def identifies(self) -> bool:
        """True when the search names one child (identity number or birth date)."""
        return bool(self.fodselsnummer or self.fodselsdato)


def _searched(qs: QuerySet[m.Sak], search: CaseSearch) -> QuerySet[m.Sak]:
    words = search.text.split()
    if words:
        qs = qs.annotate(_fornavn=folded("fornavn"), _etternavn=folded("etternavn"))
        for word in words:
            w = fold(word)
            qs = qs.filter(
                Q(journalnummer__icontains=word) | Q(_fornavn__contains=w) | Q(_etternavn__contains=w)
            )
    if search.fodselsnummer:
        qs = qs.filter(personalia__fodselsnummer=search.fodselsnummer, personalia__er_slettet=False)
    if search.fodselsdato:
        qs = qs.filter(personalia__fodseldato=search.fodselsdato, personalia__er_slettet=False)
    if search.status == "apne":
        qs = qs.filter(slutt_dato__isnull=True)
    elif search.status == "avsluttede":
        qs = qs.filter(slutt_dato__isnull=False)
    if search.kommune:
        latest = m.Bosted.objects.filter(sak=OuterRef("pk")).order_by("-fra_dato").values("kommunenummer")[:1]
        qs = qs.annotate(_kommune=Subquery(latest)).filter(_kommune=search.kommune)
    return qs.distinct() if search.identifies else qs


def case_list(user: User, search: str | CaseSearch = "") -> QuerySet[m.Sak]:
    """Cases the user may see, narrowed by ``search`` (a ``CaseSearch``, or words of a journal
    number or the child's name)."""
    if isinstance(search, str):
        search = CaseSearch(text=search.strip())
    qs = visible_saker(user).select_related("saksbehandler")
    if search.mine:
        qs = qs.filter(saksbehandler=user)
    qs = _searched(qs, search)
    return qs.prefetch_related(
        Prefetch("personalia", queryset=m.Personalia.objects.filter(er_slettet=False).order_by("start_dato")),
        Prefetch("bosteder", queryset=m.Bosted.objects.order_by("fra_dato")),
    ).order_by("-start_dato", "journalnummer")


def hidden_matches(user: User, search: CaseSearch) -> list[m.Sak]:
    """Cases of the user's service the search finds but the user may not open (assigned to a
    colleague): a worker on call must learn that the child HAS a case, and may ask for
    need-to-know access (break-glass), instead of reading «Ingen saker». Only for searches
    that identify a child or name one (never for an empty search)."""
    if not (search.identifies or search.text.strip()) or not policy.can_see_cases(user):
        return []
    everyone = m.Sak.objects.filter(tjeneste_id=policy.service_id_of(user), er_slettet=False)
    visible = visible_saker(user).values("pk")
    found = _searched(everyone.exclude(pk__in=visible), search).select_related("saksbehandler")
    return list(found.order_by("-start_dato")[:20])


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


def assignable_workers(tjeneste: Tjeneste) -> list[tuple[int, str]]:
    """Who can hold a case of ``tjeneste``: its active case workers and leaders, by name."""
    people = User.objects.filter(
        tjeneste=tjeneste, rolle__in=[Role.LEDER, Role.SAKSBEHANDLER], is_active=True
    )
    return [(u.pk, str(u)) for u in people.order_by("first_name", "last_name", "username")]
