"""Forwarding a report that belongs to another municipality: recorded, journaled, the sender told."""

from __future__ import annotations

import json

import pytest

from barnevern.formats.fiks import FEILET, MOTTATT
from barnevern.intake.testsender import build, example

pytestmark = pytest.mark.django_db(transaction=True)


def test_forward_after_fiks_delivery_tells_the_sender(fiks, personas, client):
    from barnevern.audit.models import AuditEntry
    from barnevern.intake.models import Kvittering, Mottak

    t = "no.ks.fiks.bekymringsmelding.privat.v2"
    mid = fiks.sender.send(build(example(t), fiks.keys.certificate), t)  # Bergen 1201: not ours
    fiks.new_consumer().run(once=True, idle_seconds=0.5)
    mottak = Mottak.objects.get(melding_id=mid)
    assert not mottak.egen_kommune
    client.force_login(personas["sb"])  # new cases are unassigned: a case worker may act
    page = client.get(f"/fiks/{mottak.pk}/").content.decode()
    assert 'value="1201"' in page
    response = client.post(
        f"/fiks/{mottak.pk}/videresend/", {"kommunenummer": "1201", "begrunnelse": "Bor i Bergen"}
    )
    assert response.status_code == 302
    mottak.refresh_from_db()
    assert mottak.status == Mottak.Status.VIDERESENDT
    assert mottak.videresendt_av == personas["sb"]
    replies = fiks.sender.replies()
    assert [h["type"] for h, _ in replies] == [MOTTATT, FEILET]
    notice = json.loads(replies[1][1])["melding"]
    assert "videresendt til kommune 1201" in notice
    assert Kvittering.objects.get(grunn="videresendt").svar_til == mid
    journaled = AuditEntry.objects.filter(what="Videresendte bekymringsmeldingen til kommune 1201")
    assert journaled.count() == 2  # one row on each child's case
    # a second attempt is refused and sends nothing
    client.post(f"/fiks/{mottak.pk}/videresend/", {"kommunenummer": "1201"})
    assert fiks.sender.replies() == []


def test_forward_refuses_a_member_municipality(fiks, personas, client):
    from barnevern.intake.forward import ForwardError, forward
    from barnevern.intake.services import store_from_json

    mottak = store_from_json(example("no.ks.fiks.bekymringsmelding.privat.v2"), tjeneste=fiks.tjeneste)
    with pytest.raises(ForwardError, match="medlem av denne tjenesten"):
        forward(mottak, til_kommune="3428", user=personas["sb"])
    with pytest.raises(ForwardError, match="fire sifre"):
        forward(mottak, til_kommune="12", user=personas["sb"])
