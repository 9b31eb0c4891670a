"""Append-only, hash-chained access and change log.

Every read or change of a child's data writes one ``AuditEntry``: who, when, what, which
case, from where. Rows cannot be changed or deleted through the product: ``save`` refuses
updates, ``delete`` raises, and the queryset's ``update``/``delete`` raise too. On
PostgreSQL a trigger refuses UPDATE and DELETE at the database level as well.

Each row stores ``hash = sha256(previous hash + canonical row content)``; ``verify_chain``
(``barnevern audit verify``) recomputes the chain and names the first broken row.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS = "0" * 64


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Tilgangsloggen kan ikke endres.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Tilgangsloggen kan ikke slettes.")


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("Lest")
        CREATE = "create", _("Opprettet")
        UPDATE = "update", _("Endret")
        DELETE = "delete", _("Slettet")
        EXPORT = "export", _("Eksportert")
        IMPORT = "import", _("Importert")
        BREAK_GLASS = "break_glass", _("Nødtilgang")
        LOGIN = "login", _("Innlogging")
        OTHER = "other", _("Annet")

    timestamp = models.DateTimeField(_("tidspunkt"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    username = models.CharField(_("bruker"), max_length=150, blank=True)
    action = models.CharField(_("handling"), max_length=20, choices=Action.choices)
    what = models.CharField(_("hva"), max_length=200)
    sak_id = models.UUIDField(_("sak"), null=True, blank=True, db_index=True)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    source = models.CharField(_("fra"), max_length=100, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("loggpost")
        verbose_name_plural = _("tilgangslogg")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.username} {self.action} {self.what}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Tilgangsloggen kan ikke endres.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Tilgangsloggen kan ikke slettes.")

    def canonical(self) -> str:
        """The content the hash covers, as stable JSON."""
        return json.dumps(
            {
                "timestamp": self.timestamp.isoformat() if self.timestamp else None,
                "user": self.user_id,
                "username": self.username,
                "action": self.action,
                "what": self.what,
                "sak_id": str(self.sak_id) if self.sak_id else None,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "source": self.source,
                "data": self.data,
            },
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def compute_hash(self) -> str:
        return hashlib.sha256((self.prev_hash + self.canonical()).encode()).hexdigest()
