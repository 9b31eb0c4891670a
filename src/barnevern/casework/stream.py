"""The case page's one stream: BVR events, journal entries, letters and documents, merged.

The DESIGN's one place that merges them. BVR events come from ``cases.timeline`` (built from
the case record), the rest from casework's rows. Each item has a ``kind`` the page filters on:
``hendelse`` (BVR event), ``journal``, ``brev`` (outgoing letters), ``dokument`` (incoming).
System journal entries and the entries that only say a document came in are not shown twice
under «Alt»: the BVR event or the document stands for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from barnevern.cases import timeline
from barnevern.casework import models as m

FILTERS = {
    "alle": "Alt",
    "hendelse": "Hendelser",
    "journal": "Journalnotater",
    "brev": "Brev",
    "dokument": "Innkommende dokumenter",
}


@dataclass(slots=True)
class Item:
    day: date
    kind: str  # hendelse, journal, brev, dokument
    title: str
    order: int = 0
    details: list[str] = field(default_factory=list)
    event: Any = None  # cases.timeline.Event
    entry: m.Journalnotat | None = None
    doc: m.Dokument | None = None


def build(
    record: Any, entries: list[m.Journalnotat], docs: list[m.Dokument], vis: str = "alle"
) -> list[Item]:
    items: list[Item] = []
    if vis in {"alle", "hendelse"}:
        for i, e in enumerate(timeline.build(record)):
            items.append(Item(e.day, "hendelse", e.title, i, list(e.details), event=e))
    if vis in {"alle", "journal"}:
        for entry in entries:
            hidden = {m.Journalnotat.Type.SYSTEM, m.Journalnotat.Type.DOKUMENT}
            if entry.type in hidden and vis == "alle":  # the event or the document stands for it
                continue
            items.append(Item(entry.dato, "journal", entry.tittel, 100, entry=entry))
    for doc in docs:
        kind = "dokument" if doc.retning == m.Dokument.Retning.INN else "brev"
        if vis in {"alle", kind}:
            items.append(Item(doc.sendt_dato or doc.dato, kind, doc.tittel, 200, doc=doc))
    items.sort(key=lambda it: (it.day, it.order))
    return items
