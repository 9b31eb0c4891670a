"""Derived deadline figures kept in the database, and when they stop being valid.

``compliance_summary`` (the annual report, the statistics) reads every case of a service and
computes every deadline; the result for a period is small. It is kept in
``ComplianceSummary`` and used again only while all of these stand still:

* the day: outcomes are judged as of "today", so a summary is for the day it was computed;
* the service's deadline settings (a fingerprint of ``Fristoppsett.to_rules()``);
* the cases of the service: every change of cases (``cases.signals.saker_endret``) and of
  completed duties (``UtfortFrist``) inserts one ``Endring`` row per case, and a summary is
  used only while no row newer than the counter it was computed at (the highest id then)
  names a case of its service or a case no longer stored.

The counter is read *before* the cases are read, and the rows are inserted again *after* the
writer's commit, so a summary computed while a change was being written is never used: it
either saw the change or carries a counter from before it. Rows are only inserted, so
concurrent writers (an import batch and a case worker, say) never wait for each other here;
``prune`` drops rows from before yesterday, which no summary of today can need.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from barnevern.cases import models as cm
from barnevern.cases.signals import saker_endret
from barnevern.casework.letterkinds import D2_KINDS
from barnevern.casework.models import Dokument
from barnevern.quality import models as qm
from barnevern.rules.deadlines import DeadlineConfig as RulesConfig

if TYPE_CHECKING:
    from barnevern.organisation.models import Tjeneste


def changes() -> int:
    """The change counter now (the id of the latest ``Endring``)."""
    return qm.Endring.objects.aggregate(latest=Max("id"))["latest"] or 0


def _count(sak_ids: list[str]) -> None:
    qm.Endring.objects.bulk_create([qm.Endring(sak_id=i) for i in sak_ids])


def changed(sak_ids: Iterable[object]) -> None:
    """These cases changed: no figure kept from before is used again for their service.

    Counted at once (so that the writer's own transaction sees it) and again after the commit
    (so that a reader that started before the commit cannot keep what it computed).
    """
    ids = sorted({str(i) for i in sak_ids})
    if not ids:
        return
    _count(ids)
    transaction.on_commit(lambda: _count(ids))


def changed_since(tjeneste: Tjeneste, counter: int) -> bool:
    """Whether a case of ``tjeneste``, or a case no longer stored, changed after ``counter``."""
    elsewhere = cm.Sak.objects.filter(pk=OuterRef("sak_id")).exclude(tjeneste=tjeneste)
    return qm.Endring.objects.filter(id__gt=counter).filter(~Exists(elsewhere)).exists()


KEEP_ROWS = timedelta(days=2)


def prune() -> None:
    """Forget change rows from before yesterday.

    A summary is used only on the day it was computed, with a counter read that day, so rows
    older than that can no longer tell it anything; a row dropped while a computation still
    runs would let it keep a summary that missed the change.
    """
    qm.Endring.objects.filter(opprettet__lt=timezone.now() - KEEP_ROWS).delete()


@receiver(saker_endret, dispatch_uid="quality.cache.saker_endret")
def _on_saker_endret(sender: Any, sak_ids: list[str], **kwargs: Any) -> None:
    changed(sak_ids)


@receiver(post_save, sender=Dokument, dispatch_uid="quality.cache.dokument_saved")
def _on_letter(sender: Any, instance: Dokument, **kwargs: Any) -> None:
    """A letter sent to the melder can meet D2: the case's kept deadlines are stale."""
    if instance.brevtype in D2_KINDS:
        changed([instance.sak_id])


@receiver(post_save, sender=qm.UtfortFrist, dispatch_uid="quality.cache.utfort_saved")
@receiver(post_delete, sender=qm.UtfortFrist, dispatch_uid="quality.cache.utfort_deleted")
def _on_utfort_frist(sender: Any, instance: qm.UtfortFrist, **kwargs: Any) -> None:
    changed([instance.sak_id])


def fingerprint(config: RulesConfig) -> str:
    """The deadline settings as a short text, the same in every process (sets sorted)."""
    parts = []
    for f in dataclasses.fields(config):
        value = getattr(config, f.name)
        if isinstance(value, set | frozenset):
            value = sorted(value)
        parts.append(f"{f.name}={value!r}")
    return hashlib.sha256(";".join(parts).encode()).hexdigest()[:32]
