"""Records of some cases with what BVR does not hold: completed duties and case-worker names.

Completed duties come from two places: «utført frist» (``quality.UtfortFrist``) and the letters
the ``casework`` app has sent. D2 (feedback to the melder) is met by the earliest of:

* a sent letter of a kind in ``casework.letterkinds.D2_AFTER_REVIEW`` pointing to the melding
  (``("D2", melding_id)``), or in ``D2_AFTER_INVESTIGATION`` pointing to the investigation
  (``("D2", undersokelse_id)``) — a letter counts from its ``sendt_dato``;
* an «utført frist» registered for the same element.

Read by the worklist (``quality.queries``) and by the kept per-case contributions
(``quality.contributions``); it sits below both (and above ``casework``, which it reads).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from barnevern.cases import models as cm
from barnevern.cases.queries import iter_records
from barnevern.casework.letterkinds import D2_AFTER_INVESTIGATION, D2_AFTER_REVIEW
from barnevern.casework.queries import letters_sent
from barnevern.quality import cache
from barnevern.quality import models as qm
from barnevern.records import SakRecord

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from barnevern.organisation.models import Tjeneste

UNASSIGNED = "Ikke fordelt"


@dataclass(slots=True)
class CaseData:
    """Records of some cases with the completions and case-worker names kept beside BVR."""

    records: list[SakRecord]
    completed: dict[str, dict[tuple[str, str], date]] = field(default_factory=dict)
    counter: int | None = None  # the change counter before the records were read (quality.cache)
    owners: dict[str, str] = field(default_factory=dict)
    ids_by_owner: dict[int | None, set[str]] = field(default_factory=dict)


def owner_name(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


def case_data(qs: QuerySet[cm.Sak], *, owners: bool = True) -> CaseData:
    """Records of ``qs`` in a constant number of queries, plus completions and owners.

    ``owners=False`` leaves the case workers out (figures without names: compliance).
    """
    counter = cache.changes()
    data = CaseData(records=list(iter_records(qs)), counter=counter)
    completed = qm.UtfortFrist.objects.filter(sak_id__in=qs.values("id"))
    for sak_id, regel, element_id, dato in completed.values_list("sak_id", "regel", "element_id", "dato"):
        data.completed.setdefault(str(sak_id), {})[(regel, element_id)] = dato
    _add_sent_letters(data, qs)
    if not owners:
        return data
    rows = cm.Sak.objects.filter(id__in=qs.values("id")).values_list(
        "id",
        "saksbehandler_id",
        "saksbehandler__first_name",
        "saksbehandler__last_name",
        "saksbehandler__username",
    )
    for sak_id, owner_id, first, last, username in rows:
        data.owners[str(sak_id)] = owner_name(first or "", last or "", username) if owner_id else UNASSIGNED
        data.ids_by_owner.setdefault(owner_id, set()).add(str(sak_id))
    return data


_D2_ELEMENT = dict.fromkeys(D2_AFTER_REVIEW, "melding") | dict.fromkeys(
    D2_AFTER_INVESTIGATION, "undersokelse"
)


def _add_sent_letters(data: CaseData, qs: QuerySet[cm.Sak]) -> None:
    """D2 met by a sent feedback letter to the melder (the earliest date wins)."""
    sent = letters_sent(sak_ids=qs.values_list("id", flat=True), kinds=tuple(_D2_ELEMENT))
    for sak_id, letters in sent.items():
        for letter in letters:
            wanted = _D2_ELEMENT.get(letter.kode)
            if wanted is None or not letter.element_id or (letter.element_type or "").lower() != wanted:
                continue
            done = data.completed.setdefault(str(sak_id), {})
            key = ("D2", str(letter.element_id))
            done[key] = min(done.get(key, letter.sendt_dato), letter.sendt_dato)


def service_cases(tjeneste: Tjeneste, *, owners: bool = True) -> CaseData:
    return case_data(cm.Sak.objects.filter(tjeneste=tjeneste, er_slettet=False), owners=owners)
