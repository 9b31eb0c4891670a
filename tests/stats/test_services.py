"""The suppression thresholds are stored by ``stats.services.save_settings`` with their audit row."""

from __future__ import annotations

import pytest

from barnevern.audit.models import AuditEntry
from barnevern.stats import services
from barnevern.stats.models import StatsSettings
from barnevern.stats.queries import StatsError


def test_thresholds_are_stored_once_per_service_with_who_changed_them(org, personas):
    tjeneste, leder = org["nord-osterdal"], personas["leder"]
    services.save_settings(tjeneste, leder, threshold_low=1, threshold_high=2, secondary=True)
    saved = services.save_settings(tjeneste, leder, threshold_low=1, threshold_high=4, secondary=False)
    assert StatsSettings.objects.filter(tjeneste=tjeneste).count() == 1
    assert (saved.threshold_high, saved.secondary, saved.endret_av) == (4, False, leder)
    entry = AuditEntry.objects.filter(object_type="StatsSettings", object_id=str(saved.pk)).latest("id")
    assert entry.action == "update"
    assert entry.data == {"fra": 1, "til": 4, "sekundær": False}


@pytest.mark.parametrize(
    ("low", "high", "message"),
    [
        (0, 2, "Minste antall som prikkes må være minst 1."),
        (3, 2, "Største antall må være minst like stort som minste antall."),
    ],
)
def test_thresholds_out_of_order_are_refused(org, personas, low, high, message):
    with pytest.raises(StatsError, match=message):
        services.save_settings(
            org["nord-osterdal"], personas["leder"], threshold_low=low, threshold_high=high, secondary=True
        )
    assert not StatsSettings.objects.exists()
    assert not AuditEntry.objects.filter(object_type="StatsSettings").exists()
