"""Writing and verifying the audit log."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from barnevern.accounts.middleware import Actor, current_actor
from barnevern.audit.models import GENESIS, AuditEntry

_CHAIN_LOCK_ID = 81_512_025  # PostgreSQL advisory lock that serialises the hash chain


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def log(
    action: str,
    what: str,
    *,
    sak_id: uuid.UUID | str | None = None,
    obj: Any = None,
    data: dict[str, Any] | None = None,
    actor: Actor | None = None,
) -> AuditEntry:
    """Append one row to the chain. ``actor`` defaults to the current request/command."""
    actor = actor or current_actor.get() or Actor(None, "", "system")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_ID])
        last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        entry = AuditEntry(
            user_id=actor.user_id,
            username=actor.username,
            action=action,
            what=what[:200],
            sak_id=uuid.UUID(str(sak_id)) if sak_id else None,
            object_type=type(obj).__name__ if obj is not None else "",
            object_id=str(getattr(obj, "pk", "") or "") if obj is not None else "",
            source=actor.source[:100],
            data=_json_safe(data or {}),
            prev_hash=last or GENESIS,
        )
        now = timezone.now()
        entry.timestamp = now.replace(microsecond=(now.microsecond // 1000) * 1000)
        entry.hash = entry.compute_hash()
        entry.save()
    return entry


@dataclass(frozen=True, slots=True)
class ChainResult:
    ok: bool
    rows: int
    first_broken_id: int | None = None
    reason: str = ""


def verify_chain() -> ChainResult:
    """Recompute every hash in order; report the first row whose hash or link is wrong."""
    prev = GENESIS
    count = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if entry.prev_hash != prev:
            return ChainResult(False, count, entry.pk, "Lenken til forrige rad er brutt.")
        if entry.compute_hash() != entry.hash:
            return ChainResult(False, count, entry.pk, "Innholdet i raden er endret.")
        prev = entry.hash
    return ChainResult(True, count)
