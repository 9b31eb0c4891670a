"""Fiks bekymringsmelding (KS): the message body and its container, pure Python.

- ``message``: ``bekymringsmelding.json`` for the four incoming types
  (``no.ks.fiks.bekymringsmelding.{offentlig,privat}.{v1,v2}``) validated against KS's JSON Schemas
  (copied unchanged in ``schemas/``) and turned into plain records; errors in Norwegian.
- ``container``: the ASiC-E zip (``bekymringsmelding.json`` + ``bekymringsmelding.pdf``) read with
  limits on size, member count and compression ratio, and written (test sender, forwarding).
- ``crypto``: the CMS/PKCS#7 enveloped data Fiks IO wraps the container in (``cryptography``).

Protocol source: ``ks-no/fiks-io-bekymringsmelding-protokoll`` at ``364c1ff``; see ``schemas/SOURCES.md``.
No Django here.
"""

from __future__ import annotations

INCOMING_TYPES = (
    "no.ks.fiks.bekymringsmelding.offentlig.v1",
    "no.ks.fiks.bekymringsmelding.offentlig.v2",
    "no.ks.fiks.bekymringsmelding.privat.v1",
    "no.ks.fiks.bekymringsmelding.privat.v2",
)
MOTTATT = "no.ks.fiks.bekymringsmelding.mottatt.v1"
FEILET = "no.ks.fiks.bekymringsmelding.feilet.v1"
