"""Fiks IO through a real RabbitMQ: receipts only after commit, never lost, never doubled.

Every test uses the real broker (``conftest.fiks``) and the real database with real commits
(``transactional_db``): a receipt "after commit" means nothing inside a test transaction.
"""

from __future__ import annotations

import io
import json
import uuid

import pytest
from django.core.management import call_command

from barnevern.formats.fiks import FEILET, INCOMING_TYPES, MOTTATT, container, crypto
from barnevern.intake.testsender import build, example

pytestmark = pytest.mark.django_db(transaction=True)


def mottatt(replies):
    return [h for h, _ in replies if h["type"] == MOTTATT]


def feilet(replies):
    return [(h, json.loads(b)) for h, b in replies if h["type"] == FEILET]


def test_ks_examples_go_through_the_broker_and_get_mottatt(fiks):
    from barnevern.intake.models import Kvittering, Mottak, MottakMelding

    sent = {t: fiks.sender.send(build(example(t, "3428"), fiks.keys.certificate), t) for t in INCOMING_TYPES}
    summary = fiks.new_consumer().run(once=True, idle_seconds=0.5)
    assert summary.lagret == 4
    assert summary.feilet == 0
    assert summary.ikke_lagret == 0
    assert set(Mottak.objects.values_list("melding_id", flat=True)) == set(sent.values())
    assert MottakMelding.objects.count() == 8  # two children in each example
    # the second public report finds both children of the first by fnr
    assert MottakMelding.objects.filter(eksisterende_sak=True).count() == 2
    receipts = mottatt(fiks.sender.replies())
    assert sorted(h["svar-til"] for h in receipts) == sorted(sent.values())
    assert all(h["avsender-id"] == fiks.cfg.konto_id for h in receipts)
    assert Kvittering.objects.filter(meldingstype=MOTTATT).count() == 4
    assert fiks.sender.count() == 0
    assert all(bytes(m.pdf).startswith(b"%PDF") for m in Mottak.objects.all())


def test_redelivered_melding_id_is_stored_once(fiks):
    from barnevern.intake.models import Levering, Mottak

    body = build(example("no.ks.fiks.bekymringsmelding.privat.v2"), fiks.keys.certificate)
    mid = fiks.sender.send(body, "no.ks.fiks.bekymringsmelding.privat.v2")
    fiks.sender.send(body, "no.ks.fiks.bekymringsmelding.privat.v2", melding_id=mid)
    summary = fiks.new_consumer().run(once=True, idle_seconds=0.5)
    assert (summary.lagret, summary.duplikat) == (1, 1)
    assert Mottak.objects.filter(melding_id=mid).count() == 1
    assert len(mottatt(fiks.sender.replies())) == 1
    assert list(Levering.objects.values_list("utfall", flat=True)) == ["lagret", "duplikat"]


def test_database_fails_mid_store_no_receipt_redelivered_stored_once(fiks):
    from barnevern.intake import services
    from barnevern.intake.models import Levering, Mottak

    def fail_once(mottak):
        services.BEFORE_COMMIT.remove(fail_once)
        assert fiks.sender.replies() == []  # nothing has gone out while storing
        Mottak.objects.create(
            **{
                f.attname: getattr(mottak, f.attname)
                for f in Mottak._meta.concrete_fields
                if f.attname != "id"
            }
        )

    services.BEFORE_COMMIT.append(fail_once)  # a real unique-constraint error from the database
    t = "no.ks.fiks.bekymringsmelding.offentlig.v2"
    mid = fiks.sender.send(build(example(t, "3428"), fiks.keys.certificate), t)
    summary = fiks.new_consumer().run(once=True, idle_seconds=0.5)
    assert summary.proves_igjen == 1
    assert summary.lagret == 1
    assert Mottak.objects.filter(melding_id=mid).count() == 1
    assert len(mottatt(fiks.sender.replies())) == 1
    deliveries = list(Levering.objects.values_list("utfall", "gjenlevert"))
    assert deliveries == [("proves_igjen", False), ("lagret", True)]


def test_failed_commit_sends_no_mottatt_and_keeps_the_message(fiks):
    """No path sends mottatt before commit: make the COMMIT itself fail (a deferred foreign key)."""
    from barnevern.intake import services
    from barnevern.intake.models import Mottak, MottakMelding

    def break_commit(mottak):
        # checked only at COMMIT (Django's foreign keys are DEFERRABLE INITIALLY DEFERRED)
        MottakMelding.objects.create(mottak=mottak, melding_id=999_999_999, barn_nr=99)

    services.BEFORE_COMMIT.append(break_commit)
    t = "no.ks.fiks.bekymringsmelding.privat.v1"
    mid = fiks.sender.send(build(example(t), fiks.keys.certificate), t)
    summary = fiks.new_consumer().run(once=True, idle_seconds=0.5)
    assert summary.lagret == 0
    assert summary.ikke_lagret == 1
    assert summary.proves_igjen == 2
    assert not Mottak.objects.exists()
    assert fiks.sender.replies() == []  # neither mottatt nor feilet
    assert fiks.sender.count() == 1  # still in the queue for a later try
    services.BEFORE_COMMIT.remove(break_commit)
    summary = fiks.new_consumer().run(once=True, idle_seconds=0.5)
    assert summary.lagret == 1
    assert [h["svar-til"] for h in mottatt(fiks.sender.replies())] == [mid]


class Killed(BaseException):
    """Plays kill -9 between commit and ack: nothing after this line of the consumer runs."""


def test_killed_between_commit_and_ack_redelivery_recognised(fiks):
    from barnevern.intake import consumer as consumer_mod
    from barnevern.intake.models import Levering, Mottak

    def die(mottak):
        raise Killed

    consumer_mod.AFTER_COMMIT.append(die)
    t = "no.ks.fiks.bekymringsmelding.offentlig.v1"
    mid = fiks.sender.send(build(example(t, "3428"), fiks.keys.certificate), t)
    first = fiks.new_consumer()
    with pytest.raises(Killed):
        first.run(once=True, idle_seconds=0.5)
    first.close()  # the connection drops without an ack: the broker puts the message back
    assert Mottak.objects.filter(melding_id=mid).count() == 1  # it was committed
    assert fiks.sender.replies() == []  # but not receipted
    consumer_mod.AFTER_COMMIT.remove(die)
    summary = fiks.new_consumer().run(once=True, idle_seconds=0.5)
    assert summary.duplikat == 1
    assert summary.lagret == 0
    assert Mottak.objects.filter(melding_id=mid).count() == 1
    assert [h["svar-til"] for h in mottatt(fiks.sender.replies())] == [mid]
    assert list(Levering.objects.order_by("id").values_list("utfall", "gjenlevert"))[-1] == ("duplikat", True)


def _bomb(certificate):
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bekymringsmelding.json", b" " * (30 * 1024 * 1024))
    return crypto.encrypt(buf.getvalue(), certificate)


def test_bad_messages_get_feilet_nothing_stored_consumer_keeps_running(fiks):
    from barnevern.intake.models import DodMelding, Mottak

    cert = fiks.keys.certificate
    wrong_schema = json.loads(example("no.ks.fiks.bekymringsmelding.offentlig.v2"))
    del wrong_schema["offentligMelder"]
    bad = {
        "malformed": (build(b'{"kommunenummer": ', cert), "no.ks.fiks.bekymringsmelding.privat.v2"),
        "schema": (
            build(json.dumps(wrong_schema).encode(), cert),
            "no.ks.fiks.bekymringsmelding.offentlig.v2",
        ),
        "key": (
            build(example("no.ks.fiks.bekymringsmelding.privat.v2"), crypto.Keys.generate().certificate),
            "no.ks.fiks.bekymringsmelding.privat.v2",
        ),
        "oversized": (b"\0" * (container.MAX_CONTAINER + 1), "no.ks.fiks.bekymringsmelding.privat.v2"),
        "bomb": (_bomb(cert), "no.ks.fiks.bekymringsmelding.privat.v2"),
        "type": (build(example("no.ks.fiks.bekymringsmelding.privat.v2"), cert), "no.ks.fiks.annet.v1"),
    }
    ids = {name: fiks.sender.send(body, t) for name, (body, t) in bad.items()}
    good = fiks.sender.send(
        build(example("no.ks.fiks.bekymringsmelding.privat.v2"), cert),
        "no.ks.fiks.bekymringsmelding.privat.v2",
    )
    summary = fiks.new_consumer().run(once=True, idle_seconds=0.5)
    assert summary.feilet == 6
    assert summary.lagret == 1
    assert list(Mottak.objects.values_list("melding_id", flat=True)) == [good]
    reasons = {h["svar-til"]: body["melding"] for h, body in feilet(fiks.sender.replies())}
    assert set(reasons) == set(ids.values())
    assert "ikke gyldig JSON" in reasons[ids["malformed"]]
    assert "mangler påkrevd felt «offentligMelder»" in reasons[ids["schema"]]
    assert "kunne ikke dekrypteres" in reasons[ids["key"]]
    assert "større enn 20 MB" in reasons[ids["oversized"]]
    assert "zip-bombe" in reasons[ids["bomb"]]
    assert "Ukjent meldingstype" in reasons[ids["type"]]
    dead = {d.melding_id: d for d in DodMelding.objects.all()}
    assert set(dead) == set(ids.values())
    assert bytes(dead[ids["key"]].innhold) == bad["key"][0]  # kept exactly as delivered


def test_dead_letter_redelivery_counts_attempts_one_feilet(fiks):
    from barnevern.intake.models import DodMelding

    body = build(b"not json", fiks.keys.certificate)
    mid = fiks.sender.send(body, "no.ks.fiks.bekymringsmelding.privat.v2")
    fiks.sender.send(body, "no.ks.fiks.bekymringsmelding.privat.v2", melding_id=mid)
    fiks.new_consumer().run(once=True, idle_seconds=0.5)
    assert DodMelding.objects.get(melding_id=mid).forsok == 2
    assert len(feilet(fiks.sender.replies())) == 1


def test_command_once_drains_the_queue(fiks):
    from barnevern.intake.models import Mottak

    t = "no.ks.fiks.bekymringsmelding.privat.v2"
    for _ in range(2):
        fiks.sender.send(build(example(t), fiks.keys.certificate), t, melding_id=str(uuid.uuid4()))
    out = io.StringIO()
    call_command("fiks-mottak", "--once", "--json", stdout=out)
    assert json.loads(out.getvalue().strip().splitlines()[-1])["lagret"] == 2
    assert Mottak.objects.count() == 2
    assert fiks.sender.count() == 0
    assert len(mottatt(fiks.sender.replies())) == 2


def test_command_without_configuration_says_what_is_missing(monkeypatch, db):
    from django.core.management.base import CommandError

    monkeypatch.delenv("BARNEVERN_FIKS_KONTO_ID", raising=False)
    with pytest.raises(CommandError, match="mangler BARNEVERN_FIKS_KONTO_ID"):
        call_command("fiks-mottak", "--once")


def test_no_path_sends_mottatt_for_an_unstored_report(fiks):
    """The receipt function itself refuses a report that is not in the database."""
    from barnevern.intake.consumer import AmqpReplies, Transient, send_mottatt
    from barnevern.intake.models import Mottak

    ghost = Mottak(melding_id=str(uuid.uuid4()), avsender_id=fiks.sender.avsender_id)
    with pytest.raises(Transient):
        send_mottatt(ghost, AmqpReplies(fiks.sender.channel, fiks.cfg.konto_id))
    assert fiks.sender.replies() == []
