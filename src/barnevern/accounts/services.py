"""Changes to accounts that are audited: the leader's review of a break-glass grant."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from barnevern.accounts.models import BreakGlass
from barnevern.audit.services import log

if TYPE_CHECKING:
    from barnevern.accounts.models import User


@transaction.atomic
def review_break_glass(grant: BreakGlass, leader: User, now: datetime) -> None:
    """Mark ``grant`` as reviewed by ``leader`` at ``now``, audited."""
    grant.reviewed_by, grant.reviewed_at = leader, now
    grant.save(update_fields=["reviewed_by", "reviewed_at"])
    log("update", f"Gjennomgikk nødtilgang til sak {grant.sak.journalnummer}", sak_id=grant.sak_id, obj=grant)
