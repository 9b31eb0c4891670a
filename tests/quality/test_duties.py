"""Registering D2 as done («utført frist»): on the melding, and on the concluded investigation
for the second feedback to a public melder."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from barnevern import records as r
from barnevern.quality.duties import DutyError, mark_done
from barnevern.quality.models import UtfortFrist
from tests.quality.builders import melding_case, uid

RECEIVED = date(2026, 10, 1)
CONCLUDED = date(2026, 11, 2)


@pytest.fixture
def investigated(org, personas):
    """A case whose melding came from a school (public melder), investigated and concluded."""
    from barnevern.cases.services import store_record

    rec = melding_case("Q", RECEIVED, concluded=date(2026, 10, 5))
    melding = dataclasses.replace(
        rec.meldinger[0],
        melder=(r.KodeMedPresisering("11"),),
        konklusjon=r.Konklusjon(date(2026, 10, 5), "2"),
    )
    und = r.Undersokelse(uid("Q-u"), date(2026, 10, 5), konklusjon=r.Konklusjon(CONCLUDED, "3"))
    rec = dataclasses.replace(rec, meldinger=(melding,), undersokelser=(und,))
    sak = store_record(org["nord-osterdal"], rec, source="test").sak
    sak.saksbehandler = personas["sb"]
    sak.save(update_fields=["saksbehandler"])
    return sak


def test_feedback_after_investigation_is_registered_on_the_investigation(investigated, personas):
    und = investigated.undersokelser.get()
    done = mark_done(
        personas["sb"], str(investigated.pk), "D2", str(und.pk), date(2026, 11, 20), date(2026, 11, 23)
    )
    assert (done.regel, done.element_id, done.dato) == ("D2", str(und.pk), date(2026, 11, 20))
    assert UtfortFrist.objects.filter(sak=investigated).count() == 1


def test_feedback_after_investigation_cannot_predate_the_conclusion(investigated, personas):
    und = investigated.undersokelser.get()
    with pytest.raises(DutyError) as error:
        mark_done(
            personas["sb"], str(investigated.pk), "D2", str(und.pk), date(2026, 11, 1), date(2026, 11, 23)
        )
    assert "undersøkelsen ble avsluttet (02.11.2026)" in error.value.message


def test_feedback_on_receipt_still_on_the_melding(investigated, personas):
    melding = investigated.meldinger.get()
    with pytest.raises(DutyError) as error:
        mark_done(
            personas["sb"], str(investigated.pk), "D2", str(melding.pk), date(2026, 9, 30), date(2026, 11, 23)
        )
    assert "meldingen ble mottatt (01.10.2026)" in error.value.message
    done = mark_done(
        personas["sb"], str(investigated.pk), "D2", str(melding.pk), date(2026, 10, 2), date(2026, 11, 23)
    )
    assert done.element_id == str(melding.pk)


def _sent_letter(sak, kode: str, element_type: str, element_id, sent: date, status: str = "ferdig"):
    from barnevern.casework.models import Dokument

    return Dokument.objects.create(
        sak=sak,
        retning=Dokument.Retning.UT,
        brevtype=kode,
        tittel="Tilbakemelding",
        dato=sent,
        status=status,
        sendt_dato=sent if status == "ferdig" else None,
        element_type=element_type,
        element_id=element_id,
    )


def test_sent_letters_meet_both_feedback_deadlines(investigated):
    from barnevern.quality.casedata import case_data

    melding, und = investigated.meldinger.get(), investigated.undersokelser.get()
    _sent_letter(investigated, "kvittering_melder", "melding", melding.pk, date(2026, 10, 9))
    _sent_letter(investigated, "tilbakemelding_melder_undersokelse", "undersokelse", und.pk, date(2026, 11, 12))
    _sent_letter(investigated, "tilbakemelding_melder_undersokelse", "undersokelse", und.pk, date(2026, 11, 13), "utkast")
    done = case_data(type(investigated).objects.filter(pk=investigated.pk)).completed[str(investigated.pk)]
    assert done[("D2", str(melding.pk))] == date(2026, 10, 9)
    assert done[("D2", str(und.pk))] == date(2026, 11, 12)  # the draft does not count


def test_earliest_of_letter_and_registered_date_counts(investigated, personas):
    from barnevern.quality.casedata import case_data

    melding = investigated.meldinger.get()
    mark_done(personas["sb"], str(investigated.pk), "D2", str(melding.pk), date(2026, 10, 5), date(2026, 11, 23))
    _sent_letter(investigated, "tilbakemelding_melder_gjennomgang", "melding", melding.pk, date(2026, 10, 20))
    done = case_data(type(investigated).objects.filter(pk=investigated.pk)).completed[str(investigated.pk)]
    assert done[("D2", str(melding.pk))] == date(2026, 10, 5)


def test_a_sent_letter_changes_the_worklist(investigated, org):
    from barnevern.quality.casedata import service_cases
    from barnevern.quality.queries import rows_for, service_config

    und = investigated.undersokelser.get()
    today = date(2026, 11, 23)
    config = service_config(org["nord-osterdal"], today)

    def second_feedback():
        rows = rows_for(service_cases(org["nord-osterdal"]), today, config)
        return [r.item for r in rows if r.item.rule == "D2" and r.item.part == "etter undersøkelse"]

    assert [i.status for i in second_feedback()] == ["due"]  # concluded 02.11, due today 23.11
    _sent_letter(investigated, "tilbakemelding_melder_undersokelse", "undersokelse", und.pk, date(2026, 11, 20))
    assert second_feedback() == []  # met: no longer on the worklist
