"""Økonomi imports a ledger file, computes and approves a half-year settlement, and downloads
the statement as PDF, in a real browser."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

CSV = "Måned;Kategori;Beløp\n07.2022;lonn;100 000,00\n08.2022;reise;2 500,00\n".encode()


def test_import_settle_approve_and_download(page, live_server, login, personas):
    from barnevern.economy.categories import ensure_default_categories

    ensure_default_categories()
    login("okonomi")
    page.goto(f"{live_server.url}/okonomi/import/")
    page.set_input_files("#id_fil", files=[{"name": "felles.csv", "mimeType": "text/csv", "buffer": CSV}])
    page.select_option("#id_art", "common")
    page.click("button:has-text('Importer')")
    assert "Importerte 2 rader fra felles.csv." in page.inner_text("main")
    page.goto(f"{live_server.url}/okonomi/oppgjor/")
    page.fill("#id_periode", "2022H2")
    page.click("button:has-text('Beregn utkast')")
    page.wait_for_selector("h1:has-text('Halvårsoppgjør 2. halvår 2022 – utkast')")
    assert "Utkast – ikke godkjent" in page.inner_text("main")
    page.click("button:has-text('Godkjenn og lås')")
    assert "Oppgjøret er godkjent som nr. 1." in page.inner_text("main")
    with page.expect_download() as download:
        page.click("text=Last ned PDF")
    assert download.value.suggested_filename == "oppgjor-nord-osterdal-2022H2-nr1.pdf"
    assert page.console_errors == []
