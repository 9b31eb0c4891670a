"""Writing and verifying the audit log."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from barnevern.audit.actor import Actor, current_actor
from barnevern.audit.models import GENESIS, AuditEntry
from barnevern.fastinsert import insert_rows

_CHAIN_LOCK_ID = 81_512_025  # PostgreSQL advisory lock that serialises the hash chain


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _entry(
    actor: Actor,
    action: str,
    what: str,
    *,
    sak_id: uuid.UUID | str | None = None,
    obj: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry(
        user_id=actor.user_id,
        username=actor.username,
        action=action,
        what=what[:200],
        sak_id=uuid.UUID(str(sak_id)) if sak_id else None,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(getattr(obj, "pk", "") or "") if obj is not None else "",
        source=actor.source[:100],
        data=_json_safe(data or {}),
    )


def _chain(entries: list[AuditEntry]) -> None:
    """Link ``entries`` after the last stored row (call inside a transaction) and store them."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_ID])
    last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
    now = timezone.now()
    now = now.replace(microsecond=(now.microsecond // 1000) * 1000)
    prev = last or GENESIS
    for entry in entries:
        entry.prev_hash = prev
        entry.timestamp = now
        entry.hash = prev = entry.compute_hash()
    if len(entries) == 1:
        entries[0].save()
    else:  # one statement for the lot (ids are not read back: nothing uses them)
        insert_rows(AuditEntry, entries)


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
    entry = _entry(actor, action, what, sak_id=sak_id, obj=obj, data=data)
    with transaction.atomic():
        _chain([entry])
    return entry


@dataclass(frozen=True, slots=True)
class LogItem:
    """One row for :func:`log_many` (the arguments of :func:`log`)."""

    action: str
    what: str
    sak_id: uuid.UUID | str | None = None
    obj: Any = None
    data: dict[str, Any] | None = None


def log_many(items: Sequence[LogItem], *, actor: Actor | None = None) -> list[AuditEntry]:
    """Append several rows to the chain in one statement, in order, with one lock and one
    look-up of the last hash (for batch work such as the importer). The rows are the same as
    ``log`` called once per item, except that they share one timestamp. The returned entries
    have no ``id`` (the database numbers them in order)."""
    if not items:
        return []
    actor = actor or current_actor.get() or Actor(None, "", "system")
    entries = [_entry(actor, i.action, i.what, sak_id=i.sak_id, obj=i.obj, data=i.data) for i in items]
    with transaction.atomic():
        _chain(entries)
    return entries


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
