"""Need-to-know access to one case beyond the assigned ones: break-glass ("nødtilgang").

A case worker of the same service may open a case not assigned to them for
``BREAK_GLASS_HOURS`` hours by giving a reason; the grant and the reason are audited and the
leader reviews them (``accounts.services.review_break_glass``). Whether a user may ask, and
whether a grant is in force, is decided in ``accounts.policy``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction

from barnevern.accounts.models import BreakGlass
from barnevern.audit.services import log

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.cases.models import Sak

BREAK_GLASS_HOURS = 8


@transaction.atomic
def grant_break_glass(user: User, sak: Sak, reason: str, now: datetime) -> BreakGlass:
    """Grant ``user`` access to ``sak`` from ``now`` for ``BREAK_GLASS_HOURS`` hours, audited."""
    grant = BreakGlass.objects.create(
        user=user, sak=sak, reason=reason, expires=now + timedelta(hours=BREAK_GLASS_HOURS)
    )
    log(
        "break_glass",
        f"Nødtilgang til sak {sak.journalnummer}",
        sak_id=sak.pk,
        obj=grant,
        data={"begrunnelse": grant.reason, "utloper": grant.expires.isoformat()},
    )
    return grant
