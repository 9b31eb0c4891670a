"""The writes of the economy pages (``economy.services``): stored with their audit row, and a
bad change refused with a Norwegian message."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from barnevern.audit.models import AuditEntry
from barnevern.economy import models as em
from barnevern.economy import services


def _audit(action: str, obj: object) -> AuditEntry:
    return AuditEntry.objects.get(action=action, object_type=type(obj).__name__, object_id=str(obj.pk))


def test_a_mapping_is_stored_with_its_columns_and_audited(orr, or_users):
    mapping = services.save_mapping(
        em.Kolonneoppsett(tjeneste=orr, art="common", navn="Visma"),
        or_users["okonomi"],
        kolonner={"belop": "Beløp"},
    )
    assert em.Kolonneoppsett.objects.get(pk=mapping.pk).kolonner == {"belop": "Beløp"}
    assert _audit("create", mapping).what == "Lagret kolonneoppsett «Visma»"
    mapping.navn = "Visma 2"
    services.save_mapping(mapping, or_users["okonomi"], kolonner={})
    assert _audit("update", mapping).what == "Lagret kolonneoppsett «Visma 2»"


def test_a_second_mapping_with_the_same_name_is_refused(orr, or_users):
    services.save_mapping(em.Kolonneoppsett(tjeneste=orr, art="common", navn="Visma"), None, kolonner={})
    with pytest.raises(services.EconomyError, match="finnes allerede et kolonneoppsett") as caught:
        services.save_mapping(em.Kolonneoppsett(tjeneste=orr, art="common", navn="Visma"), None, kolonner={})
    assert caught.value.field == "navn"
    assert em.Kolonneoppsett.objects.filter(tjeneste=orr).count() == 1


def test_saving_the_key_rebuilds_the_periods_and_is_audited(orr, or_users):
    from barnevern.economy import keys

    nokkel = keys.settings_for(orr)
    nokkel.type = em.Nokkel.Type.FAST
    problems = services.save_key(
        nokkel, or_users["okonomi"], faste_andeler={"5021": "0.7", "5022": "0.3"}, until=date(2022, 12, 31)
    )
    assert problems == []
    assert em.Nokkelperiode.objects.filter(tjeneste=orr).first().vekter == {"5021": "0.7", "5022": "0.3"}
    assert _audit("update", nokkel).data == {"type": "fast", "alder": "0-17"}


def test_a_grant_is_registered_and_deleted_with_audit_rows(orr, or_users):
    grant = em.Statstilskudd(ar=2022, tekst="Stillinger", belop=Decimal("1000"), reduksjon=Decimal("0"))
    services.create_grant(orr, or_users["okonomi"], grant)
    assert em.Statstilskudd.objects.get().tjeneste == orr
    assert _audit("create", grant).what == "Registrerte statstilskudd 2022: Stillinger"
    with pytest.raises(services.EconomyError, match="allerede registrert"):
        services.create_grant(orr, or_users["okonomi"], grant)
    pk = grant.pk
    services.delete_grant(grant, or_users["okonomi"])
    assert not em.Statstilskudd.objects.filter(pk=pk).exists()
    assert AuditEntry.objects.get(action="delete", object_type="Statstilskudd", object_id=str(pk)).what == (
        "Slettet statstilskudd 2022: Stillinger"
    )


def test_a_placement_is_stored_and_audited(orr, or_users):
    placement = em.Plassering(
        tjeneste=orr, kommunenummer="5022", tiltakstype="institusjon", start=date(2026, 3, 1), referanse="P1"
    )
    services.save_placement(placement, or_users["okonomi"])
    assert em.Plassering.objects.get().referanse == "P1"
    assert _audit("create", placement).what == "Lagret plassering P1"
    placement.referanse = "P1b"
    services.save_placement(placement, or_users["okonomi"])
    assert _audit("update", placement).what == "Lagret plassering P1b"


def test_compensation_replaces_the_year_and_names_who_entered_it(orr, or_users):
    leder = or_users["leder"]
    values = {"belop": Decimal("298000"), "kilde": "Grønt hefte", "status": "unverified", "merknad": ""}
    entry, created = services.save_compensation(
        orr, leder, "kompensasjon", ar=2022, kommunenummer="5021", **values
    )
    assert created is True
    assert entry.registrert_av == leder
    again, created = services.save_compensation(
        orr, leder, "kompensasjon", ar=2022, kommunenummer="5021", **{**values, "belop": Decimal("1")}
    )
    assert created is False
    assert em.Reformkompensasjon.objects.get(tjeneste=orr).belop == Decimal("1.00")
    assert _audit("update", again).what == "Reformkompensasjon 2022: kompensasjon 5021"
    assert _audit("update", again).data == {"kilde": "Grønt hefte"}


def test_an_unknown_compensation_kind_is_refused(orr, or_users):
    with pytest.raises(services.EconomyError, match="Ukjent type reformkompensasjon"):
        services.save_compensation(orr, or_users["leder"], "annet", ar=2022, kommunenummer="")
    assert not AuditEntry.objects.filter(object_type="Reformkompensasjon").exists()
