"""Storing a report: one melding per child, fnr matching, new cases for the leader, idempotency,
and the file import command with its exit codes."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import call_command

from barnevern.intake.testsender import example, pdf_for

OFF2 = "no.ks.fiks.bekymringsmelding.offentlig.v2"
PRIV2 = "no.ks.fiks.bekymringsmelding.privat.v2"


def store(org, body, **kw):
    from barnevern.intake.services import store_from_json

    return store_from_json(body, tjeneste=org["nord-osterdal"], **kw)


def test_public_report_two_children_two_linked_meldinger(org):
    from barnevern.cases.models import Personalia
    from barnevern.intake.models import Mottak

    mottak = store(org, example(OFF2, "3428"), melding_id="m-1", pdf=pdf_for("test"))
    rows = list(mottak.meldinger.select_related("melding__sak"))
    assert [r.barn_nr for r in rows] == [0, 1]
    assert len({r.melding.sak_id for r in rows}) == 2  # one case per child, both from this report
    for r in rows:
        assert r.melding.start_dato == date(2020, 3, 16)  # sendingstidspunkt, Norwegian time
        assert r.melding.melder == [{"kode": "11", "presisering": None}]  # Lærer → Skole
        assert r.melding.sak.saksbehandler is None  # for the leader to assign
        assert r.melding.sak.bosteder.get().kommunenummer == "3428"
        assert not r.eksisterende_sak
    assert Personalia.objects.filter(fodselsnummer="28071364498").count() == 1
    stored = Mottak.objects.get(melding_id="m-1")
    assert stored.egen_kommune
    assert stored.offentlig
    assert bytes(stored.pdf).startswith(b"%PDF")
    assert stored.innhold["offentligMelder"]["rolle"] == "Lærer"


def test_public_report_matches_existing_child_by_fnr(org):
    store(org, example(OFF2, "3428"), melding_id="m-1")
    second = store(org, example("no.ks.fiks.bekymringsmelding.offentlig.v1", "3428"), melding_id="m-2")
    rows = list(second.meldinger.select_related("melding"))
    assert all(r.eksisterende_sak for r in rows)
    from barnevern.cases.models import Sak

    assert Sak.objects.filter(tjeneste=org["nord-osterdal"]).count() == 2
    assert Sak.objects.get(pk=rows[0].melding.sak_id).meldinger.count() == 2


def test_private_report_never_matches_and_has_no_personalia(org):
    from barnevern.cases.models import Personalia

    mottak = store(org, example(PRIV2, "3428"))
    rows = list(mottak.meldinger.select_related("melding__sak"))
    assert len(rows) == 2
    assert not Personalia.objects.filter(sak__in=[r.melding.sak for r in rows]).exists()
    assert rows[0].melding.sak.fornavn == "Barn"
    assert rows[0].melding.sak.etternavn == "Barnesen"
    assert rows[0].melding.melder == [{"kode": "4", "presisering": None}]


def test_other_municipality_is_stored_and_flagged(org):
    mottak = store(org, example(PRIV2))  # Bergen 1201: not a member
    assert not mottak.egen_kommune
    assert mottak.kommunenummer == "1201"
    sak = mottak.meldinger.first().melding.sak
    assert sak.bosteder.get().kommunenummer == org["nord-osterdal"].vertskommune.nummer


def test_same_melding_id_is_stored_once(org):
    from barnevern.intake.models import Mottak
    from barnevern.intake.services import Duplicate

    store(org, example(PRIV2), melding_id="same")
    with pytest.raises(Duplicate):
        store(org, example(PRIV2), melding_id="same")
    assert Mottak.objects.count() == 1


def test_new_melding_starts_deadline_d1(org):
    from barnevern.cases.mapping import sak_to_record
    from barnevern.rules.deadlines import DeadlineConfig, deadlines_for_sak

    mottak = store(org, example(OFF2, "3428"))
    sak = mottak.meldinger.first().melding.sak
    items = [
        i
        for i in deadlines_for_sak(sak_to_record(sak), date(2020, 3, 18), DeadlineConfig())
        if i.rule == "D1"
    ]
    assert items
    assert items[0].due == date(2020, 3, 23)  # received 16 March + 1 week


def test_every_stored_child_is_audited(org):
    from barnevern.audit.models import AuditEntry

    mottak = store(org, example(OFF2, "3428"), melding_id="audit-1")
    rows = AuditEntry.objects.filter(what="Mottok digital bekymringsmelding")
    assert rows.count() == 2
    assert {r.data["melding_id"] for r in rows} == {mottak.melding_id}


# ---- the command ------------------------------------------------------------------------


def run(*args):
    import io

    out = io.StringIO()
    code = 0
    try:
        call_command("bekymringsmelding", *args, stdout=out)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


def test_command_stores_then_refuses_duplicate_then_invalid(org, tmp_path):
    good = tmp_path / "b.json"
    good.write_bytes(example(OFF2, "3428"))
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(pdf_for("x"))
    code, out = run(
        "import",
        str(good),
        "--pdf",
        str(pdf),
        "--service",
        "nord-osterdal",
        "--melding-id",
        "fil-1",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["status"] == "lagret"
    assert len(data["meldinger"]) == 2
    code, out = run("import", str(good), "--service", "nord-osterdal", "--melding-id", "fil-1")
    assert code == 1
    assert "allerede lagret" in out
    bad = json.loads(example(OFF2))
    del bad["offentligBarn"][0]["fnr"]
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    code, out = run("import", str(tmp_path / "bad.json"), "--service", "nord-osterdal", "--json")
    assert code == 2
    assert json.loads(out)["feil"] == ["offentligBarn[0]: mangler påkrevd felt «fnr»."]
    from barnevern.intake.models import Mottak

    assert Mottak.objects.count() == 1


def test_parties_first_journal_entry_and_pdf_in_casework(org):
    from barnevern.casework.models import Dokument, Journalnotat, Part

    mottak = store(org, example(OFF2, "3428"), melding_id="cw-1", pdf=pdf_for("original"))
    sak = mottak.meldinger.get(barn_nr=0).melding.sak
    roles = sorted(Part.objects.filter(sak=sak).values_list("rolle", "navn"))
    assert roles == [
        ("annen", "Foresatt Foresatt"),
        ("barn", "Barn Barnesen"),
        ("melder_offentlig", "Navnesen Navn Mellomnavn"),
    ]
    assert Part.objects.get(sak=sak, rolle="barn").fodselsnummer == "28071364498"
    assert "Lærerskolen" in Part.objects.get(sak=sak, rolle="melder_offentlig").organisasjon
    entry = Journalnotat.objects.get(sak=sak)
    assert entry.type == "dokument"
    assert "Her kommer selve historien i bekymringsmeldingen!" in entry.tekst
    assert "Melding-id cw-1" in entry.tekst
    dok = Dokument.objects.get(sak=sak)
    assert bytes(dok.fil.innhold) == bytes(mottak.pdf)
    assert dok.fil.sjekksum == mottak.pdf_sha256
    assert dok.journalnotat_kjede == entry.kjede
    assert dok.element_id == mottak.meldinger.get(barn_nr=0).melding_id


def test_matched_child_is_not_added_twice_and_private_report_without_pdf_gets_a_journal_entry(org):
    from barnevern.casework.models import Journalnotat, Part

    store(org, example(OFF2, "3428"), melding_id="a")
    second = store(org, example("no.ks.fiks.bekymringsmelding.offentlig.v1", "3428"), melding_id="b")
    sak = second.meldinger.get(barn_nr=0).melding.sak
    assert Part.objects.filter(sak=sak, rolle="barn").count() == 1
    assert Journalnotat.objects.filter(sak=sak).count() == 2
    private = store(org, example(PRIV2, "3428"), melding_id="c")
    psak = private.meldinger.get(barn_nr=0).melding.sak
    assert (
        Part.objects.get(sak=psak, rolle="melder_privat").merknad == "Relasjon til barnet: Nabo, fritekstfelt"
    )
    assert Journalnotat.objects.get(sak=psak).tittel == "Mottatt: bekymringsmelding (digital)"


def test_a_broken_pdf_never_refuses_the_report(org):
    from barnevern.casework.models import Dokument, Journalnotat

    mottak = store(org, example(PRIV2, "3428"), melding_id="bad-pdf", pdf=b"not a pdf")
    sak = mottak.meldinger.get(barn_nr=0).melding.sak
    assert not Dokument.objects.filter(sak=sak).exists()
    assert "er ikke en PDF" in Journalnotat.objects.get(sak=sak).tekst
    assert bytes(mottak.pdf) == b"not a pdf"


def test_a_dead_letter_is_marked_handled_with_the_note_and_audited(org, personas):
    from barnevern.audit.models import AuditEntry
    from barnevern.intake.models import DodMelding
    from barnevern.intake.services import IntakeError, mark_dead_letter_handled

    dod = DodMelding.objects.create(
        melding_id="d-2", tjeneste=org["nord-osterdal"], innhold=b"x", sha256="0", feil="Feil nøkkel."
    )
    with pytest.raises(IntakeError, match="Skriv hva som er gjort med meldingen."):
        mark_dead_letter_handled(dod, personas["leder"], "   ")
    assert DodMelding.objects.get(pk=dod.pk).status != DodMelding.Status.BEHANDLET
    mark_dead_letter_handled(dod, personas["leder"], " Ringte avsender. ")
    stored = DodMelding.objects.get(pk=dod.pk)
    assert (stored.status, stored.merknad) == (DodMelding.Status.BEHANDLET, "Ringte avsender.")
    assert stored.behandlet_av == personas["leder"]
    entry = AuditEntry.objects.get(action="update", object_type="DodMelding", object_id=str(dod.pk))
    assert entry.what == "Behandlet melding d-2 som ikke kunne tas imot"
    assert entry.data == {"merknad": "Ringte avsender."}
