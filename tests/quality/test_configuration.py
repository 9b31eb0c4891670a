"""The deadline settings page writes through ``quality.configuration.update_settings``: the
change and its audit row together, or nothing when someone else saved first."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.audit.models import AuditEntry
from barnevern.quality.configuration import SettingsConflict, update_settings
from barnevern.quality.models import Fristoppsett
from barnevern.quality.queries import service_config


def test_settings_are_saved_at_the_opened_version_with_an_audit_row(org, personas):
    config = service_config(org["nord-osterdal"], date(2026, 11, 1))
    opened = config.versjon
    values = {"plan_evaluation_interval": "P2M"}
    update_settings(config, personas["leder"], opened, values, ["plan_evaluation_interval"])
    stored = Fristoppsett.objects.get(pk=config.pk)
    assert stored.plan_evaluation_interval == "P2M"
    assert stored.versjon == opened + 1
    assert stored.endret_av == personas["leder"]
    entry = AuditEntry.objects.get(action="update", object_type="Fristoppsett")
    assert entry.data == {"felt": ["plan_evaluation_interval"]}
    with pytest.raises(SettingsConflict):
        update_settings(config, personas["leder"], opened, {"plan_evaluation_interval": "P3M"}, [])
    assert Fristoppsett.objects.get(pk=config.pk).plan_evaluation_interval == "P2M"
    assert AuditEntry.objects.filter(object_type="Fristoppsett").count() == 1
