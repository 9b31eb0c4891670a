"""A Leder uploads BVR files in a real browser, reads the check report, imports, sees the result."""

from __future__ import annotations

import uuid

import pytest

from barnevern.audit.models import AuditEntry
from barnevern.cases import models as m
from barnevern.formats.bvr_writer import write_bvr
from tests.cases.bvr_files import error_delivery, good_deliveries

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def payload(name: str, data: bytes) -> dict[str, object]:
    return {"name": name, "mimeType": "application/xml", "buffer": data}


def upload(page, live_server, login, files: list[dict[str, object]]) -> None:
    login("leder")
    page.goto(f"{live_server.url}/saker/")
    page.click("text=Importer BVR- eller 15F-filer")
    page.wait_for_selector("h1:has-text('Importer BVR- eller KOSTRA 15F-filer')")
    page.set_input_files("#id_filer", files)
    page.click("button:has-text('Last opp og kontroller')")
    page.wait_for_selector("h1:has-text('Kontrollrapport før import')")


def test_leder_uploads_checks_and_imports_in_a_real_browser(page, live_server, login, personas, media):
    good, other = good_deliveries(2)
    bad = error_delivery()
    files = [
        payload("god.xml", write_bvr(good)),
        payload("god2.xml", write_bvr(other)),
        payload("feil.xml", write_bvr(bad)),
    ]
    upload(page, live_server, login, files)
    report = page.inner_text("main")
    assert "Fil: feil.xml" in report
    assert "Avvises" in report
    assert "1 fil har feil" in report
    assert not m.Sak.objects.exists()  # checking alone stores nothing

    page.click("button:has-text('Importer')")
    page.wait_for_selector("h1:has-text('Resultat av importen')")
    result = page.inner_text("main")
    facts = dict(
        zip(page.locator("dl dt").all_inner_texts(), page.locator("dl dd").all_inner_texts(), strict=True)
    )
    assert facts["Filer importert"] == "2 av 3"
    assert facts["Nye saker"] == "2"
    assert facts["Avviste filer"] == "1"
    assert "Avvist: feil.xml" in result
    assert set(m.Sak.objects.values_list("pk", flat=True)) == {
        uuid.UUID(good.sak.id),
        uuid.UUID(other.sak.id),
    }
    assert AuditEntry.objects.filter(action="import", username="leder").count() == 2

    # the new cases are on the Leder's case list
    page.goto(f"{live_server.url}/saker/")
    listing = page.inner_text("main")
    assert good.sak.journalnummer in listing
    assert other.sak.journalnummer in listing
    assert page.console_errors == []


def test_leder_discards_the_upload_and_nothing_is_stored(page, live_server, login, personas, media):
    upload(page, live_server, login, [payload("god.xml", write_bvr(good_deliveries(1)[0]))])
    assert "Ingen filer har feil som hindrer import" in page.inner_text("main")
    page.click("button:has-text('Forkast filene')")
    page.wait_for_load_state()
    assert not m.Sak.objects.exists()
    assert not AuditEntry.objects.filter(action="import").exists()
    assert page.console_errors == []
