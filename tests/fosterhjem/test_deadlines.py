"""Foster-home deadlines on the worklist and in the avvik proposals, like every other deadline."""

from __future__ import annotations

from datetime import date

from barnevern.fosterhjem.deadlines import items_for_saker, items_for_service
from barnevern.quality import avvik, queries
from barnevern.quality.models import Avvik

from .conftest import TODAY

LATER = date(2027, 3, 1)  # after the acute placement's three months


def test_items_for_the_acute_placement(no_placement, sak):
    items = {i.rule: i for i in items_for_saker([sak.pk], TODAY)[str(sak.pk)]}
    assert set(items) == {"F1", "F2", "F4"}
    assert items["F1"].due == date(2027, 2, 12)
    assert items["F1"].status.value == "upcoming"
    assert items["F4"].status.value == "overdue"  # the follow-up plan is due on the move-in
    later = {
        i.rule: i.status.value
        for i in items_for_service(no_placement.fosterhjem.tjeneste, LATER)[str(sak.pk)]
    }
    assert later == {"F1": "overdue", "F2": "overdue", "F4": "overdue"}


def test_the_worklist_shows_foster_home_deadlines(no_placement, personas):
    rows = queries.user_worklist(personas["leder"], TODAY)
    mine = [r for r in rows if r.item.element_type == "Fosterhjemsplassering"]
    assert [r.rule for r in mine] == ["F4"]  # F1/F2 are due in February (beyond the horizon)
    assert mine[0].journalnummer == no_placement.sak.journalnummer
    assert mine[0].kommune == "3428"
    sb_rows = queries.user_worklist(personas["sb"], LATER)
    assert {r.rule for r in sb_rows if r.item.element_type == "Fosterhjemsplassering"} == {"F1", "F2", "F4"}
    assert not [
        r
        for r in queries.user_worklist(personas["sb2"], LATER)
        if r.item.element_type == "Fosterhjemsplassering"
    ]


def test_the_worklist_page_links_to_the_placement(client, no_placement, personas):
    client.force_login(personas["leder"])
    html = client.get("/frister/").content.decode()
    assert f"/fosterhjem/plassering/{no_placement.pk}/" in html


def test_breaches_are_proposed_as_avvik_once(no_placement, org):
    from barnevern.quality.queries import service_config

    tjeneste = org["nord-osterdal"]
    config = service_config(tjeneste, date(2026, 11, 1))
    config.avvik_from = date(2026, 11, 1)
    config.save()
    first = avvik.propose_from_breaches(tjeneste, LATER)
    proposals = Avvik.objects.filter(element_type="Fosterhjemsplassering")
    assert sorted(proposals.values_list("regel", flat=True)) == ["F1", "F2", "F4"]
    assert "Godkjenning av fosterhjemmet" in proposals.get(regel="F1").beskrivelse
    again = avvik.propose_from_breaches(tjeneste, LATER)
    assert again.created == 0
    assert first.created >= 3
