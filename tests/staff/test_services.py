"""A new employee and the first position are registered together, each with its audit row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from barnevern.audit.models import AuditEntry
from barnevern.staff import services
from barnevern.staff.models import Ansatt, Stilling


def test_a_new_employee_gets_the_first_position_and_two_audit_rows(org):
    ansatt = Ansatt(
        tjeneste=org["nord-osterdal"],
        navn="Kari Nordmann",
        stillingstype="saksbehandler",
        profesjon="barnevernspedagog",
        start_dato=date(2026, 1, 1),
    )
    services.register_employee(ansatt, prosent=Decimal("80"), changed=["navn", "start_dato"])
    stilling = Stilling.objects.get(ansatt=ansatt)
    assert (stilling.fra_dato, stilling.prosent) == (date(2026, 1, 1), Decimal("80.00"))
    created = AuditEntry.objects.filter(action="create").order_by("id")
    assert [(e.object_type, e.data) for e in created] == [
        ("Ansatt", {"felt": ["navn", "start_dato"]}),
        ("Stilling", {"felt": ["prosent"]}),
    ]
    with pytest.raises(ValueError, match="allerede registrert"):
        services.register_employee(ansatt, prosent=Decimal("100"))
    assert Stilling.objects.filter(ansatt=ansatt).count() == 1
