"""fiks-avstemming: delivered = stored + set aside, all answered; a mismatch is an avvik and a warning."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pytest
from django.core.management import call_command

from barnevern.formats.fiks import FEILET, MOTTATT
from barnevern.formats.fiks.message import OSLO

DAY = date(2026, 11, 20)
NOON = datetime(2026, 11, 20, 12, 0, tzinfo=OSLO)


@pytest.fixture
def day(org):
    """Two deliveries that day: one stored and receipted, one set aside and answered with feilet."""
    from barnevern.intake.models import DodMelding, Kilde, Kvittering, Levering
    from barnevern.intake.services import store_from_json
    from barnevern.intake.testsender import example

    t = org["nord-osterdal"]
    mottak = store_from_json(
        example("no.ks.fiks.bekymringsmelding.privat.v2", "3428"), tjeneste=t, melding_id="ok-1"
    )
    type(mottak).objects.filter(pk=mottak.pk).update(kilde=Kilde.FIKS, avsender_id="portal", mottatt=NOON)
    dod = DodMelding.objects.create(
        melding_id="bad-1", tjeneste=t, avsender_id="portal", innhold=b"x", sha256="0", feil="feil"
    )
    for mid in ("ok-1", "bad-1"):
        Levering.objects.create(melding_id=mid, tjeneste=t, levert=NOON)
    Kvittering.objects.create(
        melding_id="k1", svar_til="ok-1", meldingstype=MOTTATT, mottak=mottak, sendt=NOON
    )
    Kvittering.objects.create(melding_id="k2", svar_til="bad-1", meldingstype=FEILET, dod=dod, sendt=NOON)
    return t


def run(*args):
    out = io.StringIO()
    code = 0
    try:
        call_command("fiks-avstemming", *args, stdout=out)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


def test_all_in_order(day):
    from barnevern.intake.models import Avstemming
    from barnevern.quality.models import Avvik

    code, out = run("--date", "2026-11-20", "--service", "nord-osterdal", "--json")
    assert code == 0
    result = json.loads(out)[0]
    assert (result["levert"], result["lagret"], result["kvittert"], result["avvist"]) == (2, 1, 1, 1)
    assert result["avvik"] == []
    assert Avstemming.objects.get().internkontroll is None
    assert not Avvik.objects.exists()


def test_delivered_but_not_stored_is_an_avvik_and_a_start_page_warning(day, client, personas):
    from barnevern.intake.models import Levering
    from barnevern.quality.models import Avvik

    Levering.objects.create(melding_id="lost-1", tjeneste=day, levert=NOON)
    code, out = run("--date", "2026-11-20", "--service", "nord-osterdal")
    assert code == 1
    assert "lost-1 ble levert, men er verken lagret eller lagt til side" in out
    avvik = Avvik.objects.get()
    assert avvik.status == Avvik.Status.APEN
    assert "lost-1" in avvik.beskrivelse
    client.force_login(personas["leder"])
    page = client.get("/frister/").content.decode()
    assert "Fiks-avstemmingen for 20.11.2026 fant 1 avvik" in page
    client.force_login(personas["sb"])
    assert "Fiks-avstemmingen" not in client.get("/frister/").content.decode()


def test_receipt_for_an_unstored_report_is_named_serious(day):
    from barnevern.intake.models import Kvittering

    Kvittering.objects.create(melding_id="k3", svar_til="ghost", meldingstype=MOTTATT, sendt=NOON)
    code, out = run("--date", "2026-11-20", "--service", "nord-osterdal")
    assert code == 1
    assert "ALVORLIG: mottatt-kvittering k3 er sendt for melding ghost, som ikke er lagret." in out


def test_stored_without_receipt_and_second_run_updates_the_same_avvik(day):
    from barnevern.intake.models import Kvittering
    from barnevern.quality.models import Avvik

    Kvittering.objects.filter(melding_id="k1").delete()
    run("--date", "2026-11-20", "--service", "nord-osterdal")
    code, out = run("--date", "2026-11-20", "--service", "nord-osterdal")
    assert code == 1
    assert "ok-1 er lagret, men mottatt-kvitteringen er ikke sendt" in out
    assert Avvik.objects.count() == 1


def test_another_day_is_empty_and_clean(day):
    code, out = run("--date", "2026-11-21", "--service", "nord-osterdal")
    assert code == 0
    assert "levert 0, lagret 0" in out
