"""Party access (partsinnsyn): what one party may see of a case, the exceptions chosen by the
case worker, and the export as one PDF bundle with a list. Rules: ``rules.innsyn``.

Items are the current journal entries (``j:<kjede>``) and the documents (``d:<id>``). The
bundle has a cover page listing every item given and every item withheld with its ground, then
each journal entry and each letter (its text, as sent), incoming images inline, and incoming
PDFs as PDF attachments of the bundle (WeasyPrint cannot place another PDF's pages). Every
export is written to the access log with its checksum.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string

from barnevern.accounts import policy
from barnevern.audit.services import log
from barnevern.cases import models as cm
from barnevern.casework import models as m
from barnevern.casework.services import CaseworkError
from barnevern.rules import innsyn as rules
from barnevern.rules.innsyn import GROUNDS, ground_text

__all__ = ["GROUNDS", "Result", "export_pdf", "for_party", "set_exception"]


@dataclass(slots=True)
class Row:
    key: str
    kind: str  # journal / dokument
    dato: date
    tittel: str
    obj: Any
    ground: str = ""
    ground_text: str = ""
    begrunnelse: str = ""


@dataclass(slots=True)
class Result:
    part: m.Part
    is_party: bool
    visible: list[Row] = field(default_factory=list)
    withheld: list[Row] = field(default_factory=list)


def _collect(sak: cm.Sak) -> tuple[list[rules.Item], dict[str, Row]]:
    items: list[rules.Item] = []
    rows: dict[str, Row] = {}
    for e in m.Journalnotat.objects.filter(sak=sak, gjeldende=True).order_by("dato", "opprettet"):
        key = f"j:{e.kjede}"
        items.append(rules.Item(key, "journal", internal=e.type == m.Journalnotat.Type.INTERNT_NOTAT))
        rows[key] = Row(key, "journal", e.dato, f"{e.get_type_display()}: {e.tittel}", e)
    docs = m.Dokument.objects.filter(sak=sak).select_related("fil", "mottaker").order_by("dato", "opprettet")
    for d in docs:
        key = f"d:{d.pk}"
        items.append(
            rules.Item(
                key,
                "dokument",
                final=d.status == m.Dokument.Status.FERDIG,
                internal=d.retning == m.Dokument.Retning.NOTAT,
                addressed_to=str(d.mottaker_id) if d.mottaker_id else None,
                to_private_melder=bool(d.mottaker and d.mottaker.rolle == m.Part.Rolle.MELDER_PRIVAT),
            )
        )
        rows[key] = Row(key, "dokument", d.sendt_dato or d.dato, d.tittel, d)
    return items, rows


def _exceptions(sak: cm.Sak, part: m.Part) -> dict[str, tuple[str, str]]:
    """The latest choice per item for this party: key → (ground, begrunnelse)."""
    out: dict[str, tuple[str, str]] = {}
    for u in m.Innsynsunntak.objects.filter(sak=sak, part=part).order_by("opprettet", "id"):
        key = f"d:{u.dokument_id}" if u.dokument_id else f"j:{u.journalnotat_kjede}"
        out[key] = (u.hjemmel, u.begrunnelse)
    return out


def compute(sak: cm.Sak, part: m.Part) -> Result:
    items, rows = _collect(sak)
    chosen = _exceptions(sak, part)
    decision = rules.decide(
        rules.PartyView(str(part.pk), part.partsrettigheter), items, {k: g for k, (g, _) in chosen.items()}
    )
    result = Result(part, decision.is_party)
    result.visible = [rows[i.id] for i in decision.visible]
    for item, ground in decision.withheld:
        row = rows[item.id]
        row.ground, row.ground_text = ground, ground_text(ground)
        row.begrunnelse = chosen.get(item.id, ("", ""))[1]
        result.withheld.append(row)
    return result


def for_party(user: Any, sak: cm.Sak, part: m.Part) -> Result:
    """``user`` None: the operator on the command line (no web user; still audited)."""
    if user is not None:
        policy.require_sak(user, sak)
    if part.sak_id != sak.pk:
        raise CaseworkError("Parten hører ikke til denne saken.", "part")
    result = compute(sak, part)
    log(
        "view",
        f"Vurderte innsyn for {part.get_rolle_display().lower()} i sak {sak.journalnummer}",
        sak_id=sak.pk,
        obj=part,
    )
    return result


@transaction.atomic
def set_exception(
    user: Any, sak: cm.Sak, part: m.Part, key: str, hjemmel: str, begrunnelse: str = ""
) -> None:
    """Withhold ``key`` (``j:<kjede>`` or ``d:<id>``) from ``part`` on ``hjemmel`` (a code of
    ``GROUNDS``), or release it with ``hjemmel`` ""."""
    policy.require_sak(user, sak)
    if hjemmel and hjemmel not in GROUNDS:
        raise CaseworkError("Velg en hjemmel fra listen.", "hjemmel")
    kind, _, ident = key.partition(":")
    dokument = m.Dokument.objects.filter(sak=sak, pk=ident).first() if kind == "d" else None
    kjede = None
    if kind == "j" and m.Journalnotat.objects.filter(sak=sak, kjede=ident).exists():
        kjede = ident
    if dokument is None and kjede is None:
        raise CaseworkError("Dokumentet eller notatet finnes ikke i saken.", "item")
    m.Innsynsunntak.objects.create(
        sak=sak,
        part=part,
        dokument=dokument,
        journalnotat_kjede=kjede,
        hjemmel=hjemmel,
        begrunnelse=begrunnelse.strip(),
        opprettet_av=user,
    )
    log(
        "update",
        f"{'Unntok' if hjemmel else 'Ga'} innsyn for {part.get_rolle_display().lower()} "
        f"i sak {sak.journalnummer}",
        sak_id=sak.pk,
        obj=part,
        data={"element": key, "hjemmel": hjemmel},
    )


def export_pdf(user: Any, sak: cm.Sak, part: m.Part, *, today: date) -> tuple[bytes, Result]:
    """The party's bundle as one PDF (cover list, journal entries, letters, images; incoming
    PDFs attached), audited as an export with its checksum."""
    from weasyprint import HTML, Attachment

    from barnevern.casework.letters import pdf_context

    result = for_party(user, sak, part)
    sections: list[dict[str, Any]] = []
    attachments = []
    for row in result.visible:
        if row.kind == "journal":
            sections.append({"row": row, "entry": row.obj})
            continue
        dok: m.Dokument = row.obj
        section: dict[str, Any] = {"row": row, "dok": dok}
        if dok.retning != m.Dokument.Retning.INN:
            section["letter"] = pdf_context(dok, today)
        elif dok.fil and dok.fil.mimetype.startswith("image/") and dok.fil.mimetype != "image/tiff":
            data = base64.b64encode(bytes(dok.fil.innhold)).decode()
            section["image"] = f"data:{dok.fil.mimetype};base64,{data}"
        elif dok.fil:
            section["attached"] = dok.fil.filnavn
            attachments.append(
                Attachment(string=bytes(dok.fil.innhold), name=dok.fil.filnavn, description=dok.tittel)
            )
        sections.append(section)
    html = render_to_string(
        "casework/innsyn_pdf.html",
        {"sak": sak, "part": part, "result": result, "sections": sections, "today": today},
    )
    pdf = HTML(string=html).write_pdf(attachments=attachments)
    log(
        "export",
        f"Eksporterte innsyn for {part.get_rolle_display().lower()} i sak {sak.journalnummer}",
        sak_id=sak.pk,
        obj=part,
        data={
            "gitt": [r.key for r in result.visible],
            "unntatt": [[r.key, r.ground] for r in result.withheld],
            "sjekksum": hashlib.sha256(pdf).hexdigest(),
        },
    )
    return pdf, result
