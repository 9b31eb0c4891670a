"""Changing a service's deadline settings (fristoppsett): optimistic locking and the audit row
in one transaction. Reading them is ``quality.queries.service_config``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from barnevern.audit.services import log
from barnevern.locking import update_if_unchanged

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.quality.models import Fristoppsett


class SettingsConflict(Exception):
    message = "Fristoppsettet er endret av noen andre etter at du åpnet det. Last siden på nytt."

    def __init__(self) -> None:
        super().__init__(self.message)


@transaction.atomic
def update_settings(
    config: Fristoppsett, user: User, versjon: int, values: dict[str, Any], changed: list[str]
) -> None:
    """Save ``values`` if the settings are still at ``versjon`` (else ``SettingsConflict``);
    the audit row names the ``changed`` fields."""
    update_if_unchanged(config, versjon, SettingsConflict, **values, endret_av=user, endret=timezone.now())
    log("update", "Endret fristoppsett", obj=config, data={"felt": sorted(changed)})
