"""Forwarding a report that belongs to another municipality (the case worker's choice).

The forwarding is recorded and journaled in one transaction (``Mottak.status`` = videresendt, who,
when, to which municipality; an audit row on every case the report became, and a journal entry
through ``casework_link``). Only after the commit is the sender told: the protocol has two replies,
``mottatt`` (already sent when the report was stored) and ``feilet`` (with a text), so the notice is a
``feilet`` whose text says the report was received and forwarded, with its own receipt id. A report
that came from a file or the API has no sender account and gets no notice.

Sending the report itself on to the other municipality goes through KS's producer API (REST with
Maskinporten), which this workplace cannot reach; the page offers the JSON and the PDF to send by
hand, and docs/fiks.md says what is left.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from barnevern.audit.services import log
from barnevern.formats.fiks import FEILET
from barnevern.intake import casework_link
from barnevern.intake.consumer import RECEIPT_NAMESPACE, AmqpReplies, send_receipt
from barnevern.intake.models import Kvittering, Mottak
from barnevern.organisation.models import Kommune


class ForwardError(ValueError):
    """The forwarding cannot be done (Norwegian message)."""


def notice_id(mottak: Mottak) -> str:
    return str(uuid.uuid5(RECEIPT_NAMESPACE, f"{mottak.melding_id}/videresendt"))


def notice_text(mottak: Mottak) -> str:
    navn = Kommune.objects.filter(nummer=mottak.videresendt_til).values_list("navn", flat=True).first() or ""
    til = f"{mottak.videresendt_til} {navn}".strip()
    return (
        f"Bekymringsmeldingen er mottatt av {mottak.tjeneste.navn}, men gjelder en annen kommune og er "
        f"videresendt til kommune {til} {timezone.localtime(mottak.videresendt):%d.%m.%Y}. "
        "Den behandles ikke her."
    )


def forward(mottak: Mottak, *, til_kommune: str, user: Any, begrunnelse: str = "") -> Mottak:
    """Record and journal the forwarding (one transaction). Send the notice with ``send_notice``."""
    til_kommune = til_kommune.strip()
    if not (len(til_kommune) == 4 and til_kommune.isdigit()):
        raise ForwardError("Kommunenummeret må ha fire sifre.")
    if til_kommune in mottak.tjeneste.kommunenumre():
        raise ForwardError("Kommunen er medlem av denne tjenesten; meldingen skal ikke videresendes.")
    with transaction.atomic():
        locked = Mottak.objects.select_for_update().get(pk=mottak.pk)
        if locked.status == Mottak.Status.VIDERESENDT:
            raise ForwardError(f"Meldingen er allerede videresendt til kommune {locked.videresendt_til}.")
        locked.status = Mottak.Status.VIDERESENDT
        locked.videresendt_til = til_kommune
        locked.videresendt = timezone.now()
        locked.videresendt_av = user if getattr(user, "pk", None) else None
        locked.save(update_fields=["status", "videresendt_til", "videresendt", "videresendt_av"])
        for row in locked.meldinger.select_related("melding"):
            log(
                "update",
                f"Videresendte bekymringsmeldingen til kommune {til_kommune}",
                sak_id=row.melding.sak_id,
                obj=row.melding,
                data={"melding_id": locked.melding_id, "til": til_kommune, "begrunnelse": begrunnelse[:500]},
            )
            casework_link.forwarded(locked, row.melding, til_kommune, begrunnelse)
    return locked


def send_notice(mottak: Mottak, replies: AmqpReplies | None) -> Kvittering | None:
    """The forwarding notice to the sender, once (after the forwarding has been committed)."""
    if mottak.status != Mottak.Status.VIDERESENDT or not mottak.avsender_id or replies is None:
        return None
    rid = notice_id(mottak)
    sent = Kvittering.objects.filter(melding_id=rid).first()
    if sent is not None:
        return sent
    return send_receipt(
        replies,
        rid,
        svar_til=mottak.melding_id,
        mottaker=mottak.avsender_id,
        meldingstype=FEILET,
        body=json.dumps({"melding": notice_text(mottak)}, ensure_ascii=False),
        grunn="videresendt",
        mottak=mottak,
    )


def send_notice_now(mottak: Mottak) -> Kvittering | None:
    """Open a short broker connection (``BARNEVERN_FIKS_*``) and send the notice."""
    import pika

    from barnevern.intake.config import FiksConfig

    if not mottak.avsender_id:
        return None
    cfg = FiksConfig.from_env()
    connection = pika.BlockingConnection(pika.URLParameters(cfg.amqp_url))
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        return send_notice(mottak, AmqpReplies(channel, cfg.konto_id))
    finally:
        connection.close()
