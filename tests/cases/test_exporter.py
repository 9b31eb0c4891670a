"""Export: one valid BVR v4 document per Sak, ForrigeId chain kept, export → import → export."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from django.db import transaction
from lxml import etree

from barnevern.audit.models import AuditEntry
from barnevern.cases import models as m
from barnevern.cases.exporter import export_service
from barnevern.cases.importer import import_paths
from barnevern.formats.bvr_writer import OSLO
from barnevern.formats.xmlsafe import parse_file
from barnevern.formats.xsd import validate_xsd

from .bvr_files import good_deliveries, write

DATO_UTTREKK = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
ROOT_ATTRIBUTES = ("Id", "DatoUttrekk", "ForrigeId")


def imported(tmp_path: Path, n: int = 3) -> list:
    deliveries = good_deliveries(n)
    for d in deliveries:
        write(tmp_path / "inn", d)
    assert import_paths([tmp_path / "inn"]).created == n
    return deliveries


def without_delivery_attributes(path: Path) -> bytes:
    root = parse_file(path).getroot()
    for name in ROOT_ATTRIBUTES:
        root.attrib.pop(name, None)
    return etree.tostring(root)


def test_export_writes_one_valid_v4_document_per_sak_and_keeps_the_chain(org, tmp_path):
    deliveries = imported(tmp_path)
    now = datetime(2027, 1, 5, 8, 30, 15, tzinfo=OSLO)
    summary = export_service(org["nord-osterdal"], tmp_path / "ut", now=now)
    assert summary.written == 3
    assert summary.failed == []
    files = sorted((tmp_path / "ut").glob("*.xml"))
    assert [f.stem for f in files] == sorted(d.sak.id for d in deliveries)
    by_sak = {d.sak.id: d for d in deliveries}
    for path in files:
        tree = parse_file(path)
        assert validate_xsd(tree, "bvr-v4") == []
        root = tree.getroot()
        assert DATO_UTTREKK.match(root.get("DatoUttrekk"))
        assert root.get("DatoUttrekk") == "2027-01-05T08:30:15+01:00"
        assert root.get("ForrigeId") == by_sak[path.stem].id  # the delivery it was imported from
        assert root.find("Avgiver").get("Kommunenummer") == "3428"
        assert root.find("Avgiver").get("Organisasjonsnummer") == org["nord-osterdal"].organisasjonsnummer
        sak = m.Sak.objects.get(pk=path.stem)
        assert str(sak.siste_levering_id) == root.get("Id") != by_sak[path.stem].id
        assert sak.siste_levering_tid == now
    entry = AuditEntry.objects.filter(action="export").get()
    assert entry.data["saker"] == 3
    assert entry.data["tjeneste"] == "nord-osterdal"
    # the next export continues the chain from this one
    export_service(org["nord-osterdal"], tmp_path / "ut2")
    for path in files:
        again = parse_file(tmp_path / "ut2" / path.name).getroot()
        assert again.get("ForrigeId") == parse_file(path).getroot().get("Id")


def test_export_import_export_gives_identical_documents(org, tmp_path):
    saved = transaction.savepoint()
    imported(tmp_path)
    first = export_service(org["nord-osterdal"], tmp_path / "ut1")
    transaction.savepoint_rollback(saved)  # an empty register again; the files stay
    assert not m.Sak.objects.exists()
    summary = import_paths([tmp_path / "ut1"])
    assert summary.created == first.written == 3
    assert not summary.rejected
    export_service(org["nord-osterdal"], tmp_path / "ut2")
    one = sorted((tmp_path / "ut1").glob("*.xml"))
    two = sorted((tmp_path / "ut2").glob("*.xml"))
    assert [p.name for p in one] == [p.name for p in two]
    for a, b in zip(one, two, strict=True):
        assert without_delivery_attributes(a) == without_delivery_attributes(b)
        assert parse_file(b).getroot().get("ForrigeId") == parse_file(a).getroot().get("Id")


def test_importing_an_export_into_the_same_register_changes_nothing(org, tmp_path):
    imported(tmp_path)
    export_service(org["nord-osterdal"], tmp_path / "ut")
    summary = import_paths([tmp_path / "ut"])
    assert (summary.created, summary.replaced, summary.unchanged) == (0, 0, 3)
    assert summary.gaps == []


def test_export_command_writes_files_and_reports(org, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    imported(tmp_path, 2)
    out = StringIO()
    call_command("export", "--service", "nord-osterdal", "--out", str(tmp_path / "ut"), stdout=out)
    assert "Skrev 2 BVR v4-filer" in out.getvalue()
    assert len(list((tmp_path / "ut").glob("*.xml"))) == 2
    assert not list((tmp_path / "ut").glob("*.part"))


def test_a_case_registered_in_the_web_ui_exports_as_valid_bvr(sak, tmp_path):
    summary = export_service(sak.tjeneste, tmp_path)
    assert summary.written == 1
    assert summary.failed == []
    tree = parse_file(tmp_path / f"{sak.pk}.xml")
    assert validate_xsd(tree, "bvr-v4") == []
    root = tree.getroot()
    assert root.get("ForrigeId") is None  # the first delivery of this case
    assert root.find("Avgiver").get("Kommunenummer") == "3428"  # where the child lives
    assert root.find("Sak").get("Journalnummer") == sak.journalnummer
