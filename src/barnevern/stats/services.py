"""Changes to the statistics settings: the service's suppression thresholds (prikking), stored
in one transaction with their audit row (``audit.services.log``). Errors are
:class:`barnevern.stats.queries.StatsError` with a Norwegian message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from barnevern.audit.services import log
from barnevern.stats.models import StatsSettings
from barnevern.stats.queries import StatsError

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.organisation.models import Tjeneste


@transaction.atomic
def save_settings(
    tjeneste: Tjeneste, user: User | None, *, threshold_low: int, threshold_high: int, secondary: bool
) -> StatsSettings:
    """Store which counts are shown as «:» when published (``threshold_low`` to
    ``threshold_high``, both included) and whether secondary suppression is on
    (``rules.suppression``); ``user`` is recorded as the one who changed them."""
    if threshold_low < 1:
        raise StatsError("Minste antall som prikkes må være minst 1.")
    if threshold_high < threshold_low:
        raise StatsError("Største antall må være minst like stort som minste antall.")
    saved, _created = StatsSettings.objects.update_or_create(
        tjeneste=tjeneste,
        defaults={
            "threshold_low": threshold_low,
            "threshold_high": threshold_high,
            "secondary": secondary,
            "endret_av": user,
        },
    )
    log(
        "update",
        "Endret oppsett for prikking av statistikk",
        obj=saved,
        data={"fra": saved.threshold_low, "til": saved.threshold_high, "sekundær": saved.secondary},
    )
    return saved
