"""Changes to foster homes go through the rules and are audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from barnevern.audit.models import AuditEntry
from barnevern.fosterhjem import models as fm
from barnevern.fosterhjem import services
from barnevern.fosterhjem.services import FosterhjemError

from .conftest import TODAY


def test_approval_is_refused_until_training_is_completed(orr):
    home = services.create_home(
        orr,
        None,
        navn="Familien Aune",
        art="ordinaer",
        kommunenummer="5021",
        utredning_fra=date(2026, 1, 5),
        today=TODAY,
    )
    training = services.record_training(
        home, None, kurs="Grunnopplæring", startet=date(2026, 2, 1), today=TODAY
    )
    with pytest.raises(FosterhjemError, match="opplæringen er registrert som gjennomført") as caught:
        services.change_status(home, None, status="godkjent", dato=date(2026, 3, 1), today=TODAY)
    assert caught.value.field == "status"
    services.complete_training(training, None, fullfort=date(2026, 3, 10), today=TODAY)
    with pytest.raises(FosterhjemError, match="etter godkjenningsdatoen"):
        services.change_status(home, None, status="godkjent", dato=date(2026, 3, 9), today=TODAY)
    services.change_status(home, None, status="godkjent", dato=date(2026, 3, 10), today=TODAY)
    assert [s.status for s in home.statuser.all()] == ["utredes", "godkjent"]
    assert AuditEntry.objects.filter(what__contains=f"Fosterhjem {home.pk}: status").count() == 1


def test_a_placement_puts_an_approved_home_in_use(placement, home):
    assert [s.status for s in home.statuser.order_by("dato", "pk")] == ["utredes", "godkjent", "i_bruk"]
    entry = AuditEntry.objects.filter(object_type="Fosterhjemsplassering").get()
    assert str(entry.sak_id) == str(placement.sak_id)


def test_checks_store_kind_and_date_only(home):
    check = services.record_check(
        home, None, art="politiattest", dato=date(2022, 4, 2), gjelder="begge", today=TODAY
    )
    fields = {f.name for f in fm.Kontroll._meta.get_fields()}
    assert fields == {"id", "fosterhjem", "art", "gjelder", "dato", "registrert", "registrert_av"}
    assert check.get_art_display() == "Politiattest"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"tiltak": "wrong-category"}, "tiltak"),
        ({"innflytting": date(2027, 1, 1)}, "innflytting"),
        ({"nettverk_vurdert": date(2022, 6, 1)}, "nettverk_vurdering"),
    ],
)
def test_placement_errors_name_the_field(home, child, tiltak, kwargs, field):
    from barnevern.cases import models as cm

    if kwargs.get("tiltak") == "wrong-category":
        kwargs["tiltak"] = cm.Tiltak.objects.create(
            sak=child, start_dato=date(2022, 7, 1), lovhjemmel={"lov": "BVL"}, kategori_kode="1.1"
        )
    args = {"sak": child, "innflytting": date(2022, 7, 1), "today": TODAY, **kwargs}
    with pytest.raises(FosterhjemError) as caught:
        services.place_child(home, None, **args)
    assert caught.value.field == field
    assert not fm.Fosterhjemsplassering.objects.exists()


def test_agreements_may_not_overlap(placement):
    with pytest.raises(FosterhjemError, match="overlapper"):
        services.add_agreement(
            placement,
            None,
            start=date(2023, 1, 1),
            godtgjoring=Decimal("1"),
            utgiftsdekning=Decimal("1"),
            today=TODAY,
        )
    first = placement.avtaler.get()
    services.end_agreement(first, None, slutt=date(2022, 12, 31))
    services.add_agreement(
        placement,
        None,
        start=date(2023, 1, 1),
        godtgjoring=Decimal("9885"),
        utgiftsdekning=Decimal("8617"),
        today=TODAY,
    )
    assert placement.avtaler.count() == 2


def test_stale_edit_is_refused(home):
    home.refresh_from_db()  # the status changes in the fixture moved the version on
    services.update_home(home, None, home.versjon, navn="Familien Østvang-Lie")
    with pytest.raises(services.Conflict):
        services.update_home(home, None, 1, navn="Gammelt navn")


def test_foster_parents_become_parties_in_the_childs_case(home, child, tiltak):
    from barnevern.casework.models import Part
    from barnevern.rules.identity import synthetic_fnr

    services.add_foster_parent(
        home, None, navn="Randi Østvang", fodselsnummer=synthetic_fnr(date(1978, 4, 2), 1, "2"), today=TODAY
    )
    placement = services.place_child(
        home, None, sak=child, tiltak=tiltak, innflytting=date(2022, 7, 1), today=TODAY
    )
    services.add_foster_parent(home, None, navn="Geir Østvang", today=TODAY)
    parties = Part.objects.filter(sak=child, rolle="fosterforelder").order_by("navn")
    assert [p.navn for p in parties] == ["Geir Østvang", "Randi Østvang"]
    assert set(placement.parter.all()) == set(parties)
    assert parties.get(navn="Randi Østvang").adresse == home.adresse


def test_a_bad_identity_number_is_refused(home):
    with pytest.raises(FosterhjemError) as caught:
        services.add_foster_parent(home, None, navn="Feil Nummer", fodselsnummer="12345678901", today=TODAY)
    assert caught.value.field == "fodselsnummer"
    assert not fm.Fosterforelder.objects.exists()


def test_deadline_settings_are_stored_once_per_service_and_audited(orr):
    from barnevern.fosterhjem.deadlines import config_for

    services.save_deadline_settings(orr, None, akutt_frist="p6w", oppfolgingsplan_frist="P0D")
    saved = services.save_deadline_settings(orr, None, akutt_frist="P2M", oppfolgingsplan_frist="P1M")
    assert fm.Innstillinger.objects.filter(tjeneste=orr).count() == 1
    assert (saved.akutt_frist, saved.oppfolgingsplan_frist) == ("P2M", "P1M")
    assert str(config_for(orr.pk).acute_within) == "P2M"
    rows = AuditEntry.objects.filter(what="Fosterhjem: innstillinger for frister", object_id=str(saved.pk))
    assert [r.data for r in rows.order_by("id")] == [
        {"akutt_frist": "P6W", "oppfolgingsplan_frist": "P0D"},
        {"akutt_frist": "P2M", "oppfolgingsplan_frist": "P1M"},
    ]


def test_a_deadline_setting_that_is_no_span_is_refused(orr):
    with pytest.raises(FosterhjemError, match="«tre måneder» er ikke en frist") as caught:
        services.save_deadline_settings(orr, None, akutt_frist="tre måneder", oppfolgingsplan_frist="P0D")
    assert caught.value.field == "akutt_frist"
    assert not fm.Innstillinger.objects.filter(tjeneste=orr).exists()
