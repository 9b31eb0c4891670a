"""The import service: each file all or nothing (batched bulk inserts), idempotent, ForrigeId chain, 15F."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from barnevern.audit.models import AuditEntry
from barnevern.audit.services import verify_chain
from barnevern.cases import models as m
from barnevern.cases.importer import Importer, import_paths, summary_text
from barnevern.cases.queries import service_records
from barnevern.formats.bvr_writer import next_delivery
from barnevern.formats.kostra15f import read_15f
from barnevern.formats.xmlsafe import parse_file
from barnevern.records import Delivery

from .bvr_files import (
    OK_15F,
    XXE,
    error_delivery,
    good_deliveries,
    service_3401,
    with_sak,
    write,
    xsd_failing,
)

ELEMENT_MODELS = (m.Personalia, m.Melding, m.Undersokelse, m.Plan, m.Tiltak, m.Vedtak, m.Relasjon)


def snapshot() -> dict[str, int]:
    """Row counts of every case table (to prove a rejected file changed nothing)."""
    counts = {model.__name__: model.objects.count() for model in (m.Sak, m.Bosted, *ELEMENT_MODELS)}
    counts["audit"] = AuditEntry.objects.filter(action="import").count()
    return counts


def later(delivery: Delivery, hours: int = 1) -> Delivery:
    return next_delivery(delivery, now=delivery.dato_uttrekk + timedelta(hours=hours))


def test_generated_files_are_stored_for_the_service_of_the_avgiver(org, tmp_path):
    deliveries = good_deliveries(3)
    for d in deliveries:
        write(tmp_path, d)
    summary = import_paths([tmp_path])
    assert (summary.files, summary.imported_files, summary.created) == (3, 3, 3)
    assert summary.rejected == []
    assert summary.exit_code == 0
    stored = {rec.id: rec for rec in service_records(org["nord-osterdal"])}
    assert set(stored) == {d.sak.id for d in deliveries}
    for d in deliveries:
        rec = stored[d.sak.id]
        assert rec.journalnummer == d.sak.journalnummer
        assert len(rec.meldinger) == len(d.sak.meldinger)
        assert len(rec.tiltak) == len(d.sak.tiltak)
        sak = m.Sak.objects.get(pk=d.sak.id)
        assert str(sak.siste_levering_id) == d.id
        assert sak.kilde == "bvr-v4"
    assert summary.elements == sum(
        len(getattr(d.sak, f)) for d in deliveries for f in ("personalia", "meldinger", "relasjoner")
    ) + sum(
        len(getattr(d.sak, f))
        for d in deliveries
        for f in (
            "undersokelser",
            "planer",
            "tiltak",
            "vedtak",
            "ettervern",
            "oversendelser",
            "flyttinger",
            "slettet",
        )
    )
    # one audit row per imported file, not per case
    assert AuditEntry.objects.filter(action="import").count() == 3


def test_importing_the_same_files_again_changes_nothing(org, tmp_path):
    for d in good_deliveries(3):
        write(tmp_path, d)
    import_paths([tmp_path])
    before = snapshot()
    changed = {s.pk: s.endret for s in m.Sak.objects.all()}
    summary = import_paths([tmp_path])
    assert (summary.created, summary.replaced, summary.unchanged, summary.elements) == (0, 0, 3, 0)
    after = snapshot()
    assert after.pop("audit") == before.pop("audit") + 3
    assert after == before
    assert {s.pk: s.endret for s in m.Sak.objects.all()} == changed


def test_a_bad_file_is_rejected_whole_while_a_good_file_in_the_same_run_imports(org, tmp_path):
    good = good_deliveries(1)[0]
    bad = error_delivery()
    write(tmp_path, good, "a_god.xml")
    write(tmp_path, bad, "b_feil.xml")
    before = snapshot()
    summary = import_paths([tmp_path])
    assert summary.imported_files == 1
    assert summary.created == 1
    assert summary.exit_code == 2
    [rejected] = summary.rejected
    assert rejected.name.endswith("b_feil.xml")
    assert "kontrollregler" in rejected.reason
    assert rejected.findings
    assert all(f.severity.name == "ERROR" for f in rejected.findings)
    assert m.Sak.objects.filter(pk=good.sak.id).exists()
    assert not m.Sak.objects.filter(pk=bad.sak.id).exists()
    after = snapshot()
    assert after["Sak"] == before["Sak"] + 1
    assert after["audit"] == before["audit"] + 1
    assert "b_feil.xml" in summary_text(summary)
    assert f"[{rejected.findings[0].rule}]" in summary_text(summary)


def test_allow_errors_imports_a_file_with_error_findings(org, tmp_path):
    bad = error_delivery()
    write(tmp_path, bad)
    summary = Importer(allow_errors=True).import_paths([tmp_path])
    assert summary.created == 1
    assert summary.errors_allowed >= 1
    assert not summary.rejected
    assert m.Sak.objects.filter(pk=bad.sak.id).exists()


@pytest.mark.parametrize("allow_errors", [False, True])
def test_a_file_failing_the_xsd_is_never_stored(org, tmp_path, allow_errors):
    d = good_deliveries(1)[0]
    (tmp_path / "uten_journalnummer.xml").write_bytes(xsd_failing(d))
    summary = Importer(allow_errors=allow_errors).import_paths([tmp_path])
    [rejected] = summary.rejected
    assert "XSD" in rejected.reason
    assert rejected.findings[0].rule == "Filbeskrivelse"
    assert "Journalnummer" in rejected.findings[0].message
    assert not m.Sak.objects.exists()


@pytest.mark.parametrize("allow_errors", [False, True])
def test_a_hostile_file_is_refused_with_a_clear_message(org, tmp_path, allow_errors):
    (tmp_path / "xxe.xml").write_bytes(XXE)
    summary = Importer(allow_errors=allow_errors).import_paths([tmp_path])
    [rejected] = summary.rejected
    assert "DOCTYPE" in rejected.findings[0].message
    assert "XXE" in rejected.findings[0].message
    assert not m.Sak.objects.exists()
    assert not AuditEntry.objects.filter(action="import").exists()


def test_a_newer_delivery_replaces_the_case_and_an_older_one_does_not(org, tmp_path):
    first = good_deliveries(1)[0]
    second = with_sak(later(first), journalnummer="2026-NY-1")
    write(tmp_path / "1", first)
    write(tmp_path / "2", second)
    import_paths([tmp_path / "1"])
    summary = import_paths([tmp_path / "2"])
    assert summary.replaced == 1
    assert summary.gaps == []
    sak = m.Sak.objects.get(pk=first.sak.id)
    assert sak.journalnummer == "2026-NY-1"
    assert str(sak.siste_levering_id) == second.id
    # the older delivery again: nothing is overwritten
    summary = import_paths([tmp_path / "1"])
    assert (summary.unchanged, summary.older) == (1, 1)
    assert m.Sak.objects.get(pk=first.sak.id).journalnummer == "2026-NY-1"


def test_a_gap_in_the_forrige_id_chain_is_reported(org, tmp_path):
    first = good_deliveries(1)[0]
    skipped = later(first)
    third = later(skipped, hours=2)  # ForrigeId = skipped.id, which was never imported
    write(tmp_path / "1", first)
    write(tmp_path / "3", third)
    import_paths([tmp_path / "1"])
    summary = import_paths([tmp_path / "3"])
    assert summary.replaced == 1
    assert summary.exit_code == 1
    [gap] = summary.gaps
    assert first.sak.id in gap
    assert skipped.id in gap
    assert first.id in gap
    assert "ForrigeId-kjeden" in summary_text(summary)


def test_the_municipality_must_belong_to_exactly_one_service(org, tmp_path):
    d = good_deliveries(1, kommune="3430")[0]  # Os (Innlandet) is in no service
    write(tmp_path, d)
    summary = import_paths([tmp_path])
    [rejected] = summary.rejected
    assert "3430" in rejected.reason
    assert "Oppgi tjenesten" in rejected.reason
    assert "--service" not in rejected.reason  # the same reason is shown on the web page
    assert "Tjenesten oppgis med --service." in summary_text(summary)  # the command's hint
    assert not m.Sak.objects.exists()


def test_a_file_from_a_municipality_outside_the_chosen_service_is_rejected(org, tmp_path):
    write(tmp_path, good_deliveries(1)[0])
    [rejected] = import_paths([tmp_path], org["oppdal-rennebu"]).rejected
    assert "ikke medlem av tjenesten «oppdal-rennebu»" in rejected.reason


def test_kostra_15f_ok_file_is_imported_with_15f_ids_kept(db, tmp_path):
    tjeneste = service_3401()
    summary = import_paths([OK_15F])
    assert summary.rejected == [], summary_text(summary)
    assert summary.imported_files == 1
    assert summary.created >= 1
    saker = list(m.Sak.objects.filter(tjeneste=tjeneste))
    assert len(saker) == summary.created
    assert all(s.kilde == "15f" for s in saker)
    assert all(s.migrert_id for s in saker)  # the Individ Id
    assert m.Melding.objects.filter(sak__tjeneste=tjeneste).exclude(migrert_id="").exists()
    # SSB's file repeats Individ «i1»: the first one is stored and the repeats are noted
    assert len(summary.notes) == 2
    assert all("Individ i1" in note for note in summary.notes)
    again = import_paths([OK_15F])
    assert (again.created, again.replaced, again.unchanged) == (0, 0, summary.created)


def test_a_failure_while_storing_rolls_back_the_whole_file(db, tmp_path):
    tjeneste = service_3401()
    individer = read_15f(parse_file(OK_15F), OK_15F.name).individer
    journal = individer[1].journalnummer  # the second Individ: the first would be stored first
    m.Sak.objects.create(tjeneste=tjeneste, journalnummer=journal, start_dato=datetime(2020, 1, 1).date())
    summary = import_paths([OK_15F])
    [rejected] = summary.rejected
    assert "journalnummer" in rejected.reason
    assert "ingenting fra filen er lagret" in rejected.reason
    assert m.Sak.objects.count() == 1  # only the one made above: no Individ of the file was kept


def test_an_old_v1_file_is_stored_with_its_schema_version(org, tmp_path):
    sample = Path(__file__).resolve().parents[1] / "formats" / "samples" / "bvr_v1_2024.xml"
    assert import_paths([sample]).rejected[0].findings[0].rule == "Tiltak K20"  # an ERROR
    summary = Importer(allow_errors=True).import_paths([sample])
    assert summary.created == 1, summary_text(summary)
    assert summary.errors_allowed == 1, summary_text(summary)
    sak = m.Sak.objects.get()
    assert sak.kilde == "bvr-v1"
    assert sak.tjeneste == org["nord-osterdal"]
    assert sak.siste_levering_tid == datetime(2024, 12, 31, 23, 0, tzinfo=UTC)


def test_files_split_over_several_commits_import_the_same(org, tmp_path, monkeypatch):
    monkeypatch.setattr("barnevern.cases.importer.BATCH_FILES", 2)
    deliveries = good_deliveries(3)
    for index, d in enumerate(deliveries):
        write(tmp_path, d, f"{index}.xml")
    write(tmp_path, error_delivery(), "1b_feil.xml")  # sorts between the good ones
    summary = import_paths([tmp_path])
    assert (summary.files, summary.created, len(summary.rejected)) == (4, 3, 1)
    assert m.Sak.objects.count() == 3


def test_an_unexpected_fault_while_storing_rejects_only_that_file(org, tmp_path, monkeypatch):
    from barnevern.cases import importer

    good, doomed = good_deliveries(2)
    write(tmp_path, good, "a.xml")
    write(tmp_path, doomed, "b.xml")
    real_insert, real_store = importer.NewCases.insert, importer.store_record

    def failing_insert(self):
        real_insert(self)  # the batch's rows written, then a fault: rolled back, then file by file
        if any(str(s.pk) == doomed.sak.id for s in self.saker):
            raise RuntimeError("simulert feil i bulk")

    def failing(tjeneste, rec, **kwargs):
        stored = real_store(tjeneste, rec, **kwargs)  # rows written, then a fault: must be rolled back
        if rec.id == doomed.sak.id:
            raise RuntimeError("simulert feil")
        return stored

    monkeypatch.setattr(importer.NewCases, "insert", failing_insert)
    monkeypatch.setattr(importer, "store_record", failing)
    summary = import_paths([tmp_path])
    [rejected] = summary.rejected
    assert rejected.name.endswith("b.xml")
    assert "simulert feil" in rejected.reason
    assert (summary.imported_files, summary.created) == (1, 1)
    assert list(m.Sak.objects.values_list("journalnummer", flat=True)) == [good.sak.journalnummer]
    assert not m.Melding.objects.filter(sak_id=doomed.sak.id).exists()
    assert AuditEntry.objects.filter(action="import").count() == 1


def test_a_database_error_in_the_batch_insert_rejects_only_the_file_that_caused_it(org, tmp_path):
    """Two new files of one batch with the same journalnummer in one service: the bulk insert
    fails in the database, the batch is redone file by file, and only the second is refused."""
    first, second, third = good_deliveries(3)
    write(tmp_path, first, "a.xml")
    write(tmp_path, with_sak(second, journalnummer=first.sak.journalnummer), "b.xml")
    write(tmp_path, third, "c.xml")
    summary = import_paths([tmp_path])
    [rejected] = summary.rejected
    assert rejected.name.endswith("b.xml")
    assert "journalnummer" in rejected.reason
    assert (summary.imported_files, summary.created, summary.elements) == (
        2,
        2,
        sum(importer_elements(d) for d in (first, third)),
    )
    assert set(m.Sak.objects.values_list("pk", flat=True)) == {
        uuid.UUID(first.sak.id),
        uuid.UUID(third.sak.id),
    }
    assert AuditEntry.objects.filter(action="import").count() == 2
    assert verify_chain().ok


def test_a_newer_delivery_in_the_same_batch_replaces_the_case_just_created(org, tmp_path):
    first, other = good_deliveries(2)
    second = with_sak(later(first), journalnummer="2026-NY-2")
    write(tmp_path, first, "a.xml")
    write(tmp_path, other, "b.xml")
    write(tmp_path, second, "c.xml")
    write(tmp_path, first, "d.xml")  # the older one again, after the newer: unchanged
    seen: list[str] = []
    summary = Importer().import_paths([tmp_path], progress=lambda r: seen.append(Path(r.name).name))
    assert seen == ["a.xml", "b.xml", "c.xml", "d.xml"]  # progress once per file, in order
    assert (summary.created, summary.replaced, summary.unchanged, summary.older) == (2, 1, 1, 1)
    assert summary.gaps == []
    sak = m.Sak.objects.get(pk=first.sak.id)
    assert sak.journalnummer == "2026-NY-2"
    assert str(sak.siste_levering_id) == second.id
    rows = list(AuditEntry.objects.filter(action="import").order_by("id").values_list("data", flat=True))
    assert [Path(r["fil"]).name for r in rows] == ["a.xml", "b.xml", "c.xml", "d.xml"]
    assert [(r["nye"], r["erstattet"], r["uendret"]) for r in rows] == [
        (1, 0, 0),
        (1, 0, 0),
        (0, 1, 0),
        (0, 0, 1),
    ]
    assert verify_chain().ok


def importer_elements(delivery: Delivery) -> int:
    from barnevern.cases.importer import elements_of

    return elements_of(delivery.sak)


@pytest.mark.parametrize("jobs", [1, 2])
def test_files_checked_in_worker_processes_are_stored_as_in_one_process(org, tmp_path, jobs, forking):
    from barnevern.control.pipeline import CHUNK, validate_paths
    from barnevern.formats.generator import write_corpus

    write_corpus(tmp_path, 2 * CHUNK + 20, seed=11, error_rate=0.2, municipalities=["3428"])
    blocked = {f.file for f in validate_paths([tmp_path]).findings if f.severity.name in ("ERROR", "FATAL")}
    assert blocked  # some files carry injected errors
    seen: list[str] = []
    summary = Importer(jobs=jobs).import_paths([tmp_path], progress=lambda r: seen.append(r.name))
    assert forking == ([2] if jobs == 2 else [])  # checked in worker processes, or here
    assert seen == sorted(seen)
    assert len(seen) == 2 * CHUNK + 20  # in file order, once each
    assert {r.name for r in summary.rejected} == blocked
    assert summary.created == m.Sak.objects.count() == 2 * CHUNK + 20 - len(blocked)
    assert AuditEntry.objects.filter(action="import").count() == summary.imported_files
    assert verify_chain().ok
