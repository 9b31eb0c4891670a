"""Upload in the browser: Leder only, report first, import or discard, hostile files refused."""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from barnevern.audit.models import AuditEntry
from barnevern.cases import models as m
from barnevern.cases import upload_views
from barnevern.formats.bvr_writer import write_bvr

from .bvr_files import XXE, error_delivery, good_deliveries


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def xml(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/xml")


def user_folders(media: Path, user) -> list[Path]:
    root = Path(media) / "uploads" / str(user.pk)
    return sorted(root.iterdir()) if root.is_dir() else []


def test_leder_uploads_sees_the_report_and_imports(client, personas, media):
    client.force_login(personas["leder"])
    good, bad = good_deliveries(1)[0], error_delivery()
    assert reverse("cases:upload") in client.get(reverse("cases:list")).content.decode()
    response = client.post(
        reverse("cases:upload"),
        {"filer": [xml("god.xml", write_bvr(good)), xml("feil.xml", write_bvr(bad))]},
    )
    assert response.status_code == 302
    review = client.get(response["Location"])
    page = review.content.decode()
    assert review.status_code == 200
    assert "Kontrollrapport før import" in page
    assert "Fil: feil.xml" in page
    assert "Avvises" in page
    assert "1 fil har feil" in page
    [folder] = user_folders(media, personas["leder"])
    assert not m.Sak.objects.exists()  # nothing is imported on validation alone
    result = client.post(response["Location"], {"handling": "importer"})
    page = result.content.decode()
    assert result.status_code == 200
    assert "Resultat av importen" in page
    assert "Avvist: feil.xml" in page
    assert list(m.Sak.objects.values_list("pk", flat=True)) == [uuid.UUID(good.sak.id)]
    assert not folder.exists()  # the uploaded files are deleted after import
    assert AuditEntry.objects.filter(action="import", username="leder").count() == 1
    assert AuditEntry.objects.filter(action="other", username="leder").count() == 1  # the check


def test_allow_errors_from_the_review_page(client, personas):
    client.force_login(personas["leder"])
    response = client.post(reverse("cases:upload"), {"filer": [xml("feil.xml", write_bvr(error_delivery()))]})
    assert "id_allow_errors" in client.get(response["Location"]).content.decode()
    client.post(response["Location"], {"handling": "importer", "allow_errors": "1"})
    assert m.Sak.objects.count() == 1


def test_a_zip_upload_is_checked_member_by_member(client, personas):
    client.force_login(personas["leder"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for d in good_deliveries(2):
            archive.writestr(f"{d.sak.id}.xml", write_bvr(d))
    response = client.post(
        reverse("cases:upload"), {"filer": [SimpleUploadedFile("saker.zip", buffer.getvalue())]}
    )
    page = client.get(response["Location"]).content.decode()
    assert "saker.zip" in page
    assert "Ingen filer har feil som hindrer import" in page
    client.post(response["Location"], {"handling": "importer"})
    assert m.Sak.objects.count() == 2


def test_discard_deletes_the_files_and_imports_nothing(client, personas, media):
    client.force_login(personas["leder"])
    response = client.post(
        reverse("cases:upload"), {"filer": [xml("god.xml", write_bvr(good_deliveries(1)[0]))]}
    )
    discarded = client.post(response["Location"], {"handling": "forkast"}, follow=True)
    assert "Filene er forkastet" in discarded.content.decode()
    assert user_folders(media, personas["leder"]) == []
    assert not m.Sak.objects.exists()
    assert client.get(response["Location"]).status_code == 404


def test_a_hostile_file_is_refused_with_a_clear_message(client, personas):
    client.force_login(personas["leder"])
    response = client.post(reverse("cases:upload"), {"filer": [xml("xxe.xml", XXE)]})
    page = client.get(response["Location"]).content.decode()
    assert "DOCTYPE" in page
    assert "XXE" in page
    assert "importeres aldri" in page
    result = client.post(response["Location"], {"handling": "importer"}).content.decode()
    assert "Avvist: xxe.xml" in result
    assert "DOCTYPE" in result
    assert not m.Sak.objects.exists()


def test_wrong_kinds_and_too_large_uploads_are_refused(client, personas, monkeypatch, media):
    client.force_login(personas["leder"])
    response = client.post(reverse("cases:upload"), {"filer": [SimpleUploadedFile("notat.pdf", b"%PDF")]})
    assert response.status_code == 400
    assert "«notat.pdf» er verken en XML-fil eller en zip-fil" in response.content.decode()
    assert client.post(reverse("cases:upload"), {}).status_code == 400
    monkeypatch.setattr(upload_views, "MAX_UPLOAD_BYTES", 10)
    response = client.post(
        reverse("cases:upload"), {"filer": [xml("god.xml", write_bvr(good_deliveries(1)[0]))]}
    )
    assert response.status_code == 400
    assert "grensen er" in response.content.decode()
    assert user_folders(media, personas["leder"]) == []


@pytest.mark.parametrize("who", ["sb", "okonomi", "kommune"])
def test_only_a_leder_may_upload(client, personas, who):
    client.force_login(personas[who])
    assert client.get(reverse("cases:upload")).status_code == 403
    response = client.post(
        reverse("cases:upload"), {"filer": [xml("god.xml", write_bvr(good_deliveries(1)[0]))]}
    )
    assert response.status_code == 403
    assert not m.Sak.objects.exists()
    if who == "sb":
        assert reverse("cases:upload") not in client.get(reverse("cases:list")).content.decode()


def test_another_leder_cannot_see_or_import_the_upload(client, personas):
    client.force_login(personas["leder"])
    response = client.post(
        reverse("cases:upload"), {"filer": [xml("god.xml", write_bvr(good_deliveries(1)[0]))]}
    )
    client.force_login(personas["annen_leder"])
    assert client.get(response["Location"]).status_code == 404
    assert client.post(response["Location"], {"handling": "importer"}).status_code == 404
    assert client.get("/saker/import/..%2F..%2Fetc/").status_code == 404
    assert not m.Sak.objects.exists()


def test_all_findings_download_instead_of_a_command_line_hint(client, personas, media, monkeypatch):
    """The page shows the first findings and offers all of them as CSV (never «run barnevern validate»)."""
    monkeypatch.setattr(upload_views, "MAX_SHOWN_FINDINGS", 0)
    client.force_login(personas["leder"])
    response = client.post(reverse("cases:upload"), {"filer": [xml("feil.xml", write_bvr(error_delivery()))]})
    page = client.get(response["Location"]).content.decode()
    assert "Last ned alle funnene som CSV" in page
    assert "barnevern validate" not in page
    download = client.get(response["Location"] + "?format=csv")
    text = download.content.decode("utf-8-sig")
    assert download["Content-Type"].startswith("text/csv")
    assert "feil.xml" in text
    assert "Regel" in text
