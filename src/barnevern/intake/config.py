"""Fiks IO settings, from the environment (docs/fiks.md).

- ``BARNEVERN_FIKS_AMQP_URL``: the broker (default the local ``amqp://guest:guest@127.0.0.1:5672/%2F``)
- ``BARNEVERN_FIKS_KONTO_ID``: the service's Fiks IO account id; the queue is ``fiksio.konto.<id>``
- ``BARNEVERN_FIKS_QUEUE``: another queue name (optional)
- ``BARNEVERN_FIKS_KEY_FILE``, ``BARNEVERN_FIKS_CERT_FILE``: the account's private key and certificate (PEM)
- ``BARNEVERN_FIKS_SERVICE``: the service (slug or organisation number) the account belongs to
- ``BARNEVERN_FIKS_RETRY_SECONDS``: pause before a message that failed to store is tried again (default 5)
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"
QUEUE_PREFIX = "fiksio.konto."


@dataclass(frozen=True, slots=True)
class FiksConfig:
    amqp_url: str
    konto_id: str
    queue: str
    key_file: str
    cert_file: str
    service: str
    retry_seconds: float = 5.0

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: str) -> FiksConfig:
        env = dict(os.environ if env is None else env)
        values = {
            "amqp_url": env.get("BARNEVERN_FIKS_AMQP_URL", DEFAULT_URL),
            "konto_id": env.get("BARNEVERN_FIKS_KONTO_ID", ""),
            "queue": env.get("BARNEVERN_FIKS_QUEUE", ""),
            "key_file": env.get("BARNEVERN_FIKS_KEY_FILE", ""),
            "cert_file": env.get("BARNEVERN_FIKS_CERT_FILE", ""),
            "service": env.get("BARNEVERN_FIKS_SERVICE", ""),
        }
        values.update({k: v for k, v in overrides.items() if v})
        missing = [
            name
            for name, key in (
                ("BARNEVERN_FIKS_KONTO_ID", "konto_id"),
                ("BARNEVERN_FIKS_KEY_FILE", "key_file"),
                ("BARNEVERN_FIKS_CERT_FILE", "cert_file"),
                ("BARNEVERN_FIKS_SERVICE", "service"),
            )
            if not values[key]
        ]
        if missing:
            raise ImproperlyConfigured(f"Fiks IO er ikke satt opp: mangler {', '.join(missing)}.")
        try:
            retry = float(env.get("BARNEVERN_FIKS_RETRY_SECONDS", "5"))
        except ValueError:
            raise ImproperlyConfigured("BARNEVERN_FIKS_RETRY_SECONDS må være et tall (sekunder).") from None
        queue = values["queue"] or QUEUE_PREFIX + values["konto_id"]
        return cls(
            amqp_url=values["amqp_url"],
            konto_id=values["konto_id"],
            queue=queue,
            key_file=values["key_file"],
            cert_file=values["cert_file"],
            service=values["service"],
            retry_seconds=retry,
        )
