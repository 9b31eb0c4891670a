"""A Fiks IO sender for tests and the demo: KS's example messages, encrypted, on the local broker.

It does what the national portal does through Fiks IO: wraps ``bekymringsmelding.json`` and a PDF in
an ASiC-E container, encrypts it for the receiving account's certificate (CMS, AES-256-CBC), and
publishes it to the account's queue with Fiks IO's headers (``melding-id``, ``type``, ``avsender-id``,
``svar-til`` ...). The sender's own account queue receives the ``mottatt``/``feilet`` replies.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pika

from barnevern.formats.fiks import container, crypto
from barnevern.intake.config import QUEUE_PREFIX

EXAMPLES = {
    "no.ks.fiks.bekymringsmelding.offentlig.v1": "offentligBekymringsmeldingV1.json",
    "no.ks.fiks.bekymringsmelding.offentlig.v2": "offentligBekymringsmeldingV2.json",
    "no.ks.fiks.bekymringsmelding.privat.v1": "privatBekymringsmeldingV1.json",
    "no.ks.fiks.bekymringsmelding.privat.v2": "privatBekymringsmeldingV2.json",
}


def example(meldingstype: str, kommunenummer: str | None = None) -> bytes:
    """KS's example body for a type; ``kommunenummer`` retargets it to another municipality."""
    raw = resources.files("barnevern.formats.fiks").joinpath("examples", EXAMPLES[meldingstype]).read_bytes()
    if kommunenummer is None:
        return raw
    data = json.loads(raw)
    data["kommunenummer"] = kommunenummer
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def pdf_for(text: str) -> bytes:
    """A small valid one-page PDF showing ``text`` (stands in for the portal's PDF)."""
    safe = (
        text.encode("latin-1", "replace")
        .decode("latin-1")
        .replace("\\", "\\\\")
        .replace("(", "\\(")
        .replace(")", "\\)")
    )
    stream = f"BT /F1 12 Tf 72 770 Td ({safe[:80]}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def build(json_bytes: bytes, certificate: Any, pdf: bytes | None = b"") -> bytes:
    """The encrypted container: ``pdf=b""`` makes a PDF from the file, ``None`` leaves it out."""
    if pdf == b"":
        pdf = pdf_for("Bekymringsmelding (testavsender)")
    return crypto.encrypt(container.write(json_bytes, pdf), certificate)


@dataclass
class Sender:
    """One sending account on the broker; ``queue`` is the receiving account's queue."""

    amqp_url: str
    queue: str
    avsender_id: str

    def __post_init__(self) -> None:
        self.connection = pika.BlockingConnection(pika.URLParameters(self.amqp_url))
        self.channel = self.connection.channel()
        self.channel.confirm_delivery()
        self.reply_queue = QUEUE_PREFIX + self.avsender_id

    def declare(self, expires_ms: int | None = None) -> None:
        """Create both queues (Fiks IO does this for real accounts); ``expires_ms`` for tests."""
        args = {"x-expires": expires_ms} if expires_ms else None
        self.channel.queue_declare(self.queue, durable=True, arguments=args)
        self.channel.queue_declare(self.reply_queue, durable=True, arguments=args)

    def send(
        self,
        body: bytes,
        meldingstype: str,
        *,
        melding_id: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> str:
        melding_id = melding_id or str(uuid.uuid4())
        all_headers = {"melding-id": melding_id, "type": meldingstype, "avsender-id": self.avsender_id}
        all_headers.update(headers or {})
        self.channel.basic_publish(
            exchange="",
            routing_key=self.queue,
            body=body,
            properties=pika.BasicProperties(
                delivery_mode=pika.DeliveryMode.Persistent, message_id=melding_id, headers=all_headers
            ),
            mandatory=True,
        )
        return melding_id

    def replies(self) -> list[tuple[dict[str, str], bytes]]:
        """Drain the replies that have arrived: (headers, body) each."""
        out: list[tuple[dict[str, str], bytes]] = []
        while True:
            method, props, body = self.channel.basic_get(self.reply_queue, auto_ack=True)
            if method is None:
                return out
            out.append(
                (
                    {
                        k: v.decode() if isinstance(v, bytes) else str(v)
                        for k, v in (props.headers or {}).items()
                    },
                    body,
                )
            )

    def count(self) -> int:
        return self.channel.queue_declare(self.queue, passive=True).method.message_count

    def close(self) -> None:
        if self.connection.is_open:
            self.connection.close()
