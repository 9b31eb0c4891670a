"""The one query layer for casework: the case page, the CLI, innsyn and the archive read here.

Functions returning a child's data take the ``user`` they read for, go through
``accounts.policy`` (via ``cases.queries.get_case``) and write an audit row. ``letters_sent``
returns no personal data (ids, kinds, dates) and is for the deadline computations.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Q, QuerySet

from barnevern.accounts import policy
from barnevern.audit.services import log
from barnevern.cases import models as cm
from barnevern.cases import queries as case_queries
from barnevern.casework import models as m

if TYPE_CHECKING:
    from barnevern.accounts.models import User


@dataclass(frozen=True, slots=True)
class SentLetter:
    sak_id: uuid.UUID
    kode: str
    sendt_dato: date
    dokument_id: uuid.UUID
    element_type: str
    element_id: uuid.UUID | None


def letters_sent(
    sak_ids: Iterable[Any] | None = None, kinds: Iterable[str] | None = None
) -> dict[uuid.UUID, list[SentLetter]]:
    """Sent (locked) letters per case, oldest first: what closes a deadline such as D2.
    ``sak_ids`` None = every case; ``kinds`` None = every kind. No personal data."""
    qs = m.Dokument.objects.filter(
        status=m.Dokument.Status.FERDIG, retning=m.Dokument.Retning.UT, sendt_dato__isnull=False
    )
    if sak_ids is not None:
        qs = qs.filter(sak_id__in=list(sak_ids))
    if kinds is not None:
        qs = qs.filter(brevtype__in=list(kinds))
    out: dict[uuid.UUID, list[SentLetter]] = {}
    rows = qs.order_by("sak_id", "sendt_dato", "ferdigstilt_tid").values_list(
        "sak_id", "brevtype", "sendt_dato", "id", "element_type", "element_id"
    )
    for sak_id, kode, sendt, dok_id, etype, eid in rows:
        out.setdefault(sak_id, []).append(SentLetter(sak_id, kode, cast(date, sendt), dok_id, etype, eid))
    return out


def journal_qs(sak: cm.Sak, *, history: bool = False, search: str = "") -> QuerySet[m.Journalnotat]:
    qs = m.Journalnotat.objects.filter(sak=sak).select_related("forfatter").prefetch_related("parter")
    if not history:
        qs = qs.filter(gjeldende=True)
    for word in search.split():
        qs = qs.filter(
            Q(tittel__icontains=word)
            | Q(tekst__icontains=word)
            | Q(barnets_synspunkter__icontains=word)
            | Q(barnets_medvirkning__icontains=word)
        )
    return qs.order_by("dato", "opprettet")


def journal(
    user: User, sak: cm.Sak, *, history: bool = False, search: str = "", audit: bool = True
) -> list[m.Journalnotat]:
    """A case's journal for ``user``: current versions; ``history`` (leaders only) adds the
    corrected versions. ``search`` matches every word in title, text and the child's views.
    ``user`` None is the operator on the command line (every version; still audited)."""
    if user is not None:
        policy.require_sak(user, sak)
        if history and not policy.can_see_journal_history(user, sak):
            history = False
    entries = list(journal_qs(sak, history=history, search=search))
    if audit:
        log(
            "view",
            f"Leste journalen i sak {sak.journalnummer}",
            sak_id=sak.pk,
            obj=sak,
            data={"sok": bool(search), "historikk": history},
        )
    return entries


def search_journal(user: User, text: str, limit: int = 100) -> list[m.Journalnotat]:
    """Journal entries matching every word of ``text`` in the cases ``user`` may open."""
    words = text.split()
    if not words:
        return []
    visible = case_queries.visible_saker(user)
    qs = m.Journalnotat.objects.filter(gjeldende=True, sak__in=visible).select_related("sak")
    for word in words:
        qs = qs.filter(
            Q(tittel__icontains=word) | Q(tekst__icontains=word) | Q(barnets_synspunkter__icontains=word)
        )
    found = list(qs.order_by("-dato")[:limit])
    log("view", f"Søkte i journalene ({len(found)} treff)", data={"treff": len(found)})
    return found


def parties(sak: cm.Sak) -> list[m.Part]:
    return list(m.Part.objects.filter(sak=sak).order_by("-aktiv", "rolle", "navn"))


def documents(sak: cm.Sak) -> list[m.Dokument]:
    return list(
        m.Dokument.objects.filter(sak=sak)
        .select_related("mottaker", "fil", "opprettet_av", "godkjent_av")
        .defer("fil__innhold")
        .order_by("dato", "opprettet")
    )
