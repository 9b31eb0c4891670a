"""The statement as PDF (WeasyPrint) and XLSX, from the web and the command line."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from barnevern.economy import settlements


@pytest.fixture
def approved(ledger, orr, or_users):
    ledger.common("lonn", date(2022, 7, 1), "199700.00")
    ledger.common("reise", date(2022, 9, 1), "1000.00")
    ledger.client("5022", date(2022, 11, 15), "10000.00")
    ledger.paid("5022", date(2022, 7, 20), "20000.00")
    statement = settlements.create_draft(orr, "2022H2")
    return settlements.approve(statement, or_users["leder"])


def test_pdf_renders_from_the_web(client, approved, or_users):
    client.force_login(or_users["okonomi"])
    response = client.get(reverse("economy:settlement_pdf", args=[approved.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="oppgjor-oppdal-rennebu-2022H2-nr1.pdf"' in response["Content-Disposition"]


def test_xlsx_opens_and_contains_the_balance(client, approved, or_users):
    client.force_login(or_users["okonomi"])
    response = client.get(reverse("economy:settlement_xlsx", args=[approved.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    summary = workbook["Oppgjør"]
    rows = {r[0]: r for r in summary.iter_rows(values_only=True) if r and r[0] in ("5021", "5022")}
    assert Decimal(str(rows["5022"][6])) == Decimal("39948.87")  # Saldo, Rennebu
    assert rows["5022"][2] == "24,9 %"
    spec = [r for r in workbook["Spesifikasjon"].iter_rows(values_only=True) if r[0] == "5022"]
    assert spec[-1][4] == "Saldo"
    assert Decimal(str(spec[-1][5])) == Decimal("39948.87")


def test_html_page_shows_key_shares_to_one_decimal_and_the_balance(client, approved, or_users):
    client.force_login(or_users["okonomi"])
    page = client.get(reverse("economy:settlement", args=[approved.pk])).content.decode()
    assert "24,9\u00a0%" in page
    assert "75,1\u00a0%" in page
    assert "39\u00a0948,87" in page
    assert "Halvårsoppgjør 2. halvår 2022 – nr. 1" in page


def test_cli_writes_pdf_and_xlsx_of_a_stored_statement(approved, tmp_path):
    pdf, xlsx = tmp_path / "o.pdf", tmp_path / "o.xlsx"
    call_command(
        "settlement",
        "--service",
        "oppdal-rennebu",
        "--number",
        "1",
        "--pdf",
        str(pdf),
        "--xlsx",
        str(xlsx),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    assert load_workbook(xlsx)["Oppgjør"]["A1"].value == "Halvårsoppgjør 2. halvår 2022 – nr. 1"
