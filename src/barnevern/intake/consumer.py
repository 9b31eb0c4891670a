"""The Fiks IO consumer: receive, decrypt, validate, store, and only then receipt and ack.

One message at a time (prefetch 1), in this order:

1. A ``Levering`` row records the delivery (committed on its own, so reconciliation sees it even if
   everything after fails). If the database cannot take even that, the message is put back
   (nack + requeue) after a pause: nothing is receipted, the broker keeps it.
2. A melding-id already stored (a redelivery after a crash between commit and ack) is recognised:
   its ``mottatt`` is sent if our ``Kvittering`` row says it was not, then acked. No second melding.
3. Decrypt (CMS), unpack (ASiC-E, with size and zip-bomb limits), validate (KS's JSON Schema). A
   message that fails here can never succeed: it is kept as received in ``DodMelding`` with a
   Norwegian reason, ``feilet`` is sent with that reason, and the message is acked.
4. ``store_report`` commits the report. A database error rolls everything back and puts the message
   back for a later try, with no receipt.
5. After the commit: ``mottatt`` is published (publisher confirms, so we know the broker has it), the
   ``Kvittering`` row is written, and the message is acked. A crash anywhere in this step leaves the
   message unacked, so the broker redelivers it and step 2 finishes the job.

Receipts carry a deterministic id (uuid5 of the melding-id and the type): a receipt sent twice after a
crash is recognisably the same receipt. Real Fiks IO takes replies over its REST API (Maskinporten);
``AmqpReplies`` is the stand-in that publishes them to the sender account's queue on the same broker,
used with the local RabbitMQ in tests and the demo (docs/fiks.md says what is left for production).
"""

from __future__ import annotations

import contextlib
import json
import logging
import signal
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pika
from django.db import DatabaseError, transaction
from django.utils import timezone

from barnevern.formats.fiks import FEILET, INCOMING_TYPES, MOTTATT, container, crypto, message
from barnevern.intake.config import QUEUE_PREFIX, FiksConfig
from barnevern.intake.models import DodMelding, Kilde, Kvittering, Levering, Mottak
from barnevern.intake.services import Duplicate, sha256, store_report
from barnevern.organisation.models import Tjeneste

logger = logging.getLogger(__name__)
RECEIPT_NAMESPACE = uuid.UUID("5f1f6a52-6d1c-4f0e-9a57-0b2c7d0e4b11")

# Test seam: run after the store has committed and before the receipt is sent (the crash test
# raises from here to play a consumer killed between commit and ack). Empty in production.
AFTER_COMMIT: list[Callable[[Mottak], None]] = []


class Transient(Exception):
    """Could not store now (database unavailable or failing): put the message back, no receipt."""


class Refused(Exception):
    """The message can never be stored; ``reason`` is Norwegian and goes to the sender."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def receipt_id(svar_til: str, meldingstype: str) -> str:
    return str(uuid.uuid5(RECEIPT_NAMESPACE, f"{svar_til}/{meldingstype}"))


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


class AmqpReplies:
    """Replies to the sender's account queue on the same broker (the local stand-in for Fiks IO)."""

    def __init__(self, channel: Any, konto_id: str) -> None:
        self.channel = channel
        self.konto_id = konto_id

    def send(self, *, mottaker: str, meldingstype: str, svar_til: str, melding_id: str, body: bytes) -> None:
        self.channel.basic_publish(
            exchange="",
            routing_key=QUEUE_PREFIX + mottaker,
            body=body,
            properties=pika.BasicProperties(
                delivery_mode=pika.DeliveryMode.Persistent,
                message_id=melding_id,
                headers={
                    "melding-id": melding_id,
                    "type": meldingstype,
                    "avsender-id": self.konto_id,
                    "svar-til": svar_til,
                },
            ),
            mandatory=True,
        )


def send_receipt(
    replies: AmqpReplies,
    rid: str,
    *,
    svar_til: str,
    mottaker: str,
    meldingstype: str,
    body: str = "",
    **link: Any,
) -> Kvittering:
    """Send one receipt (``mottatt`` or ``feilet``) and keep its row, so it is never sent twice.

    The caller has looked for a row with the receipt id ``rid`` and found none; ``link`` is the
    ``mottak`` or ``dod`` it answers (and a ``grunn``)."""
    replies.send(
        mottaker=mottaker, meldingstype=meldingstype, svar_til=svar_til, melding_id=rid, body=body.encode()
    )
    return Kvittering.objects.create(
        melding_id=rid, svar_til=svar_til, meldingstype=meldingstype, mottaker=mottaker, body=body, **link
    )


def send_mottatt(mottak: Mottak, replies: AmqpReplies | None) -> Kvittering | None:
    """Send ``mottatt`` for a committed report unless our receipt row says it went already."""
    rid = receipt_id(mottak.melding_id, MOTTATT)
    sent = Kvittering.objects.filter(melding_id=rid).first()
    if sent is not None or replies is None or not mottak.avsender_id:
        return sent
    if not Mottak.objects.filter(pk=mottak.pk).exists():  # belt and braces: never receipt the unstored
        raise Transient(f"Meldingen {mottak.melding_id} finnes ikke i databasen; ingen kvittering sendt.")
    return send_receipt(
        replies,
        rid,
        svar_til=mottak.melding_id,
        mottaker=mottak.avsender_id,
        meldingstype=MOTTATT,
        mottak=mottak,
    )


def send_feilet(dod: DodMelding, replies: AmqpReplies | None) -> Kvittering | None:
    rid = receipt_id(dod.melding_id, FEILET)
    sent = Kvittering.objects.filter(melding_id=rid).first()
    if sent is not None or replies is None or not dod.avsender_id:
        return sent
    return send_receipt(
        replies,
        rid,
        svar_til=dod.melding_id,
        mottaker=dod.avsender_id,
        meldingstype=FEILET,
        body=json.dumps({"melding": dod.feil}, ensure_ascii=False),
        dod=dod,
    )


@dataclass
class Summary:
    lagret: int = 0
    duplikat: int = 0
    feilet: int = 0
    proves_igjen: int = 0
    annet: int = 0
    ikke_lagret: int = 0  # messages still in the queue because storing failed (tried again later)
    ids: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "lagret": self.lagret,
            "duplikat": self.duplikat,
            "feilet": self.feilet,
            "proves_igjen": self.proves_igjen,
            "annet": self.annet,
            "ikke_lagret": self.ikke_lagret,
        }


class Processor:
    """Handles one delivery against the database; knows nothing of the AMQP loop."""

    def __init__(self, cfg: FiksConfig, keys: crypto.Keys, tjeneste: Tjeneste) -> None:
        self.cfg = cfg
        self.keys = keys
        self.tjeneste = tjeneste
        self.replies: AmqpReplies | None = None

    def handle(self, headers: dict[str, Any] | None, body: bytes, redelivered: bool = False) -> str:
        """Process one delivery; return its outcome (``Levering.Utfall``) or raise ``Transient``."""
        h = {str(k): _text(v) for k, v in (headers or {}).items()}
        digest = sha256(body)
        melding_id = h.get("melding-id", "").strip() or f"sha256-{digest[:48]}"
        try:
            lev = Levering.objects.create(
                melding_id=melding_id,
                meldingstype=h.get("type", "")[:100],
                avsender_id=h.get("avsender-id", "")[:64],
                konto_id=self.cfg.konto_id,
                tjeneste=self.tjeneste,
                gjenlevert=redelivered,
                storrelse=len(body),
                sha256=digest,
            )
        except DatabaseError as exc:
            raise Transient(f"Databasen tar ikke imot leveransen: {exc}") from exc
        try:
            outcome = self._process(h, body, digest, melding_id)
        except Transient as exc:
            self._mark(lev, Levering.Utfall.PROVES_IGJEN, str(exc))
            raise
        self._mark(lev, outcome, "")
        return outcome

    @staticmethod
    def _mark(lev: Levering, utfall: str, feil: str) -> None:
        try:
            Levering.objects.filter(pk=lev.pk).update(utfall=utfall, feil=feil[:2000])
        except DatabaseError:  # the delivery row stays "under arbeid"; reconciliation reports it
            logger.warning("Kunne ikke oppdatere leveranse %s", lev.pk)

    def _process(self, h: dict[str, str], body: bytes, digest: str, melding_id: str) -> str:
        try:
            stored = Mottak.objects.filter(melding_id=melding_id).first()
            dead = None if stored else DodMelding.objects.filter(melding_id=melding_id).first()
        except DatabaseError as exc:
            raise Transient(str(exc)) from exc
        if stored is not None:
            send_mottatt(stored, self.replies)
            return Levering.Utfall.DUPLIKAT
        if dead is not None:
            DodMelding.objects.filter(pk=dead.pk).update(forsok=dead.forsok + 1, siste=timezone.now())
            send_feilet(dead, self.replies)
            return Levering.Utfall.FEILET
        meldingstype = h.get("type", "")
        try:
            record, data, pdf = self._open(meldingstype, body)
        except Refused as exc:
            return self._dead(h, body, digest, melding_id, exc.reason)
        try:
            mottak = store_report(
                record,
                tjeneste=self.tjeneste,
                melding_id=melding_id,
                kilde=Kilde.FIKS,
                checksum=digest,
                innhold=data,
                pdf=pdf,
                avsender_id=h.get("avsender-id", ""),
                svar_til=h.get("svar-til", ""),
            )
        except Duplicate as dup:  # stored by a parallel consumer in the meantime
            send_mottatt(dup.mottak, self.replies)
            return Levering.Utfall.DUPLIKAT
        except DatabaseError as exc:
            raise Transient(f"Lagring feilet og rulles tilbake: {exc}") from exc
        except Exception as exc:  # a report our register refuses: keep it, tell the sender
            logger.exception("Meldingen %s kunne ikke lagres", melding_id)
            return self._dead(h, body, digest, melding_id, f"Meldingen kunne ikke registreres: {exc}")
        for hook in AFTER_COMMIT:
            hook(mottak)
        send_mottatt(mottak, self.replies)
        return Levering.Utfall.LAGRET

    def _open(
        self, meldingstype: str, body: bytes
    ) -> tuple[message.Bekymringsmelding, dict[str, Any], bytes | None]:
        if meldingstype not in INCOMING_TYPES:
            raise Refused(
                f"Ukjent meldingstype «{meldingstype[:100]}»; tjenesten tar imot {', '.join(INCOMING_TYPES)}."
            )
        if len(body) > container.MAX_CONTAINER:
            raise Refused(
                f"Meldingen er større enn {container.MAX_CONTAINER // (1024 * 1024)} MB og er avvist."
            )
        try:
            plain = crypto.decrypt(body, self.keys)
            contents = container.read(plain)
            data = message.loads(contents.json)
            record = message.parse(data, meldingstype)
        except (crypto.DecryptionFailed, container.InvalidContainer) as exc:
            raise Refused(str(exc)) from None
        except message.InvalidMessage as exc:
            raise Refused("Meldingen følger ikke skjemaet: " + " ".join(exc.errors)) from None
        return record, data, contents.pdf

    def _dead(self, h: dict[str, str], body: bytes, digest: str, melding_id: str, reason: str) -> str:
        try:
            with transaction.atomic():
                dod, created = DodMelding.objects.get_or_create(
                    melding_id=melding_id,
                    defaults={
                        "meldingstype": h.get("type", "")[:100],
                        "avsender_id": h.get("avsender-id", "")[:64],
                        "konto_id": self.cfg.konto_id,
                        "tjeneste": self.tjeneste,
                        "headers": h,
                        "innhold": body,
                        "sha256": digest,
                        "feil": reason,
                    },
                )
        except DatabaseError as exc:
            raise Transient(f"Kunne ikke legge meldingen til side: {exc}") from exc
        send_feilet(dod, self.replies)
        return Levering.Utfall.FEILET


class Consumer:
    """The AMQP loop around ``Processor`` (pika, blocking, one message at a time)."""

    def __init__(self, cfg: FiksConfig, processor: Processor) -> None:
        self.cfg = cfg
        self.processor = processor
        self.stopping = False
        self.connection: pika.BlockingConnection | None = None
        self.channel: Any = None

    def connect(self) -> None:
        params = pika.URLParameters(self.cfg.amqp_url)
        self.connection = pika.BlockingConnection(params)
        self.channel = self.connection.channel()
        self.channel.basic_qos(prefetch_count=1)
        self.channel.queue_declare(self.cfg.queue, passive=True)  # Fiks IO owns the queue
        self.channel.confirm_delivery()  # a receipt counts as sent once the broker confirms it
        self.processor.replies = AmqpReplies(self.channel, self.cfg.konto_id)

    def close(self) -> None:
        if self.connection is not None and self.connection.is_open:
            with contextlib.suppress(Exception):  # closing a broken connection; nothing to save
                self.connection.close()
        self.connection = None

    def install_signal_handlers(self) -> None:
        def stop(signum: int, frame: Any) -> None:
            self.stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)

    def _queue_empty(self) -> bool:
        """No message waiting (a large one may still be on its way to us when a pause is seen)."""
        return self.channel.queue_declare(self.cfg.queue, passive=True).method.message_count == 0

    def run(self, *, once: bool = False, idle_seconds: float = 1.0) -> Summary:
        """Consume until stopped; with ``once`` until the queue is empty (or a message fails twice)."""
        summary = Summary()
        failed_now: set[str] = set()
        idle = 0
        if self.channel is None:
            self.connect()
        for method, props, body in self.channel.consume(self.cfg.queue, inactivity_timeout=idle_seconds):
            if method is None:
                # --once stops after two quiet periods with nothing waiting: a large message can
                # be on its way to us (no longer "ready" in the queue) during the first one.
                idle = idle + 1 if once and self._queue_empty() else 0
                if self.stopping or idle >= 2:
                    break
                continue
            idle = 0
            headers = props.headers or {}
            key = _text(headers.get("melding-id")) or sha256(body)
            try:
                outcome = self.processor.handle(headers, body, method.redelivered)
            except Transient as exc:
                summary.proves_igjen += 1
                logger.warning("Melding %s ikke lagret, prøves igjen: %s", key, exc)
                again = key in failed_now
                failed_now.add(key)
                time.sleep(self.cfg.retry_seconds)
                self.channel.basic_nack(method.delivery_tag, requeue=True)
                if once and again:
                    break
                continue
            self.channel.basic_ack(method.delivery_tag)
            summary.ids.append(key)
            if outcome == Levering.Utfall.LAGRET:
                summary.lagret += 1
            elif outcome == Levering.Utfall.DUPLIKAT:
                summary.duplikat += 1
            elif outcome == Levering.Utfall.FEILET:
                summary.feilet += 1
            else:
                summary.annet += 1
            if self.stopping:
                break
        self.channel.cancel()
        summary.ikke_lagret = len(failed_now - set(summary.ids))
        return summary
