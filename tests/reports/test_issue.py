"""Drafts stay editable; issuing freezes a numbered edition that never changes."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from barnevern.reports import services
from barnevern.reports.models import ImmutableUtgave, Rapport, RapportUtgave, Versjon
from tests.reports.conftest import TODAY


@pytest.fixture
def draft(org, personas):
    rapport, created = services.get_or_create_draft(
        org["nord-osterdal"], 2022, None, Versjon.OFFENTLIG, personas["leder"]
    )
    assert created
    return rapport


def test_issue_numbers_and_freezes(draft, personas):
    leder = personas["leder"]
    services.update_text(draft, leder, draft.revisjon, {"utfordringer": "Første tekst."})
    first = services.issue(draft, leder, TODAY)
    assert first.nummer == 1
    assert draft.status == Rapport.Status.UTSTEDT
    assert draft.nummer == 1
    assert first.pdf_sha256 == hashlib.sha256(first.pdf_bytes()).hexdigest()
    assert first.data["meta"]["edition"]["nummer"] == 1
    assert "Første tekst." in first.html

    draft = services.update_text(draft, leder, draft.revisjon, {"utfordringer": "Andre tekst."})
    assert draft.status == Rapport.Status.UTKAST  # an issued report edited is a draft again
    second = services.issue(draft, leder, TODAY)
    assert second.nummer == 2

    first.refresh_from_db()
    assert "Første tekst." in first.html
    assert "Andre tekst." not in first.html
    parts = {
        p["key"]: p
        for p in next(s for s in first.data["sections"] if s["key"] == "vurdering")["data"]["parts"]
    }
    assert parts["utfordringer"]["blocks"] == [{"type": "p", "lines": ["Første tekst."]}]


def test_numbers_are_per_service_and_year(draft, org, personas, fast_pdf):
    services.issue(draft, personas["leder"], TODAY)
    other, _ = services.get_or_create_draft(
        org["nord-osterdal"], 2022, None, Versjon.INTERN, personas["leder"]
    )
    assert services.issue(other, personas["leder"], TODAY).nummer == 2  # same service and year
    next_year, _ = services.get_or_create_draft(org["nord-osterdal"], 2023, None, Versjon.INTERN)
    assert services.issue(next_year, None, TODAY).nummer == 1
    or_draft, _ = services.get_or_create_draft(org["oppdal-rennebu"], 2022, None, Versjon.OFFENTLIG)
    assert services.issue(or_draft, None, TODAY).nummer == 1
    assert RapportUtgave.objects.filter(tjeneste=org["nord-osterdal"], ar=2022).count() == 2


def test_an_issued_edition_never_changes(draft, personas):
    from barnevern.audit.models import AuditEntry

    utgave = services.issue(draft, personas["leder"], date(2023, 3, 1))
    entry = AuditEntry.objects.filter(object_type="RapportUtgave", object_id=str(utgave.pk)).get()
    assert entry.data["sha256"] == utgave.pdf_sha256
    utgave.html = "endret"
    with pytest.raises(ImmutableUtgave):
        utgave.save()
    with pytest.raises(ImmutableUtgave):
        utgave.delete()
    with pytest.raises(ImmutableUtgave):
        RapportUtgave.objects.filter(pk=utgave.pk).update(html="endret")
    with pytest.raises(ImmutableUtgave):
        RapportUtgave.objects.filter(pk=utgave.pk).delete()
    assert RapportUtgave.objects.get(pk=utgave.pk).html != "endret"


def test_concurrent_edits_are_refused(draft, personas):
    services.update_text(draft, personas["leder"], draft.revisjon, {"tiltak": "A"})
    with pytest.raises(services.ReportConflict):
        services.update_text(draft, personas["leder"], 1, {"tiltak": "B"})  # opened before the first save
    draft.refresh_from_db()
    assert draft.tiltak == "A"


def test_a_new_version_takes_the_other_versions_text(draft, personas, org):
    services.update_text(
        draft, personas["leder"], draft.revisjon, {"veien_videre": "Plan", "utenfor_antall": 7}
    )
    intern, created = services.get_or_create_draft(org["nord-osterdal"], 2022, None, Versjon.INTERN)
    assert created
    assert intern.veien_videre == "Plan"
    assert intern.utenfor_antall == 7


@pytest.mark.parametrize(("year", "kommune", "field"), [(2009, None, "ar"), (2022, "5021", "kommune")])
def test_bad_scope(org, year, kommune, field):
    from barnevern.organisation.models import Kommune

    k = Kommune.objects.get(nummer=kommune) if kommune else None
    with pytest.raises(services.ReportError) as err:
        services.get_or_create_draft(org["nord-osterdal"], year, k, Versjon.OFFENTLIG)
    assert err.value.field == field
