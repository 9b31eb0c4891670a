"""Ledger import: CSV (; or ,, UTF-8 or Windows-1252) and XLSX, row/column errors, all-or-nothing."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from barnevern.economy import imports
from barnevern.economy import models as em

COMMON_CSV = (
    "Måned;Kategori;Beløp;Tekst\n"
    "07.2022;Lønn;1 234 567,89;Lønn juli\n"
    "2022-08;reise;kr 4.500;Reiser\n"
    "202209;Opplæring;-250,50;Refusjon kurs\n"
)


def _stored() -> tuple[int, int, int, int, int]:
    return (
        em.Felleskostnad.objects.count(),
        em.Klientkostnad.objects.count(),
        em.Budsjett.objects.count(),
        em.Innbetaling.objects.count(),
        em.Importbunt.objects.count(),
    )


def test_semicolon_csv_in_windows_1252_is_imported_with_norwegian_amounts(orr):
    result = imports.import_ledger(orr, "common", COMMON_CSV.encode("cp1252"), "felles.csv")
    assert result.ok
    assert result.rows == 3
    rows = list(em.Felleskostnad.objects.order_by("maned").values_list("maned", "kategori__kode", "belop"))
    assert rows == [
        (date(2022, 7, 1), "lonn", Decimal("1234567.89")),
        (date(2022, 8, 1), "reise", Decimal("4500.00")),
        (date(2022, 9, 1), "opplaering", Decimal("-250.50")),
    ]
    assert em.Importbunt.objects.get().rader == 3


def test_errors_name_row_and_column_and_nothing_is_stored(orr):
    bad = (
        "Måned;Kategori;Beløp\n"
        "07.2022;lonn;100,00\n"
        "08.2022;lonn;100,00\n"
        "13.2022;lonn;100,00\n"
        "09.2022;husleie;100,00\n"
        "10.2022;lonn;12,3,4\n"
        "11.2022;hjelpetiltak;1,234\n"
    )
    result = imports.import_ledger(orr, "common", bad.encode("utf-8"), "feil.csv")
    assert not result.ok
    assert result.errors == (
        "Rad 4, kolonne «Måned»: «13.2022» er ikke en gyldig måned (skriv mm.åååå)",
        "Rad 5, kolonne «Kategori»: «husleie» er ikke en kjent kostnadskategori (kjente: lonn, reise, kurs, "
        "veiledning, opplaering, kontor, statstilskudd)",
        "Rad 6, kolonne «Beløp»: «12,3,4» er ikke et gyldig beløp",
        "Rad 7, kolonne «Kategori»: «hjelpetiltak» er en kategori av annen art, ikke en felleskostnad",
        "Rad 7, kolonne «Beløp»: «1,234» er ikke et gyldig beløp",
    )
    assert _stored() == (0, 0, 0, 0, 0)


def test_xlsx_with_saved_mapping_title_rows_and_float_cells(orr):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Regnskapsrapport Oppdal kommune, ansvar 2440"])
    ws.append([])
    ws.append(["Periode", "Art", "Beløp", "Tekst"])
    ws.append([datetime(2022, 7, 31), "010", 560123.45, "Fastlønn"])
    ws.append(["2022-08", "160", 1200, "Bilgodtgjøring"])
    buffer = io.BytesIO()
    wb.save(buffer)
    mapping = em.Kolonneoppsett.objects.create(
        tjeneste=orr, art="common", navn="Visma", kolonner={"maned": "Periode", "kategori": "Art"}
    )
    result = imports.import_ledger(orr, "common", buffer.getvalue(), "visma.xlsx", mapping=mapping)
    assert result.ok, result.errors
    assert list(em.Felleskostnad.objects.order_by("maned").values_list("kategori__kode", "belop")) == [
        ("lonn", Decimal("560123.45")),
        ("reise", Decimal("1200.00")),
    ]


def test_missing_columns_and_duplicate_files_are_refused(orr):
    result = imports.import_ledger(orr, "common", b"Dato,Sum\n01.07.2022,100\n", "x.csv")
    assert result.errors == (
        "Fant ikke kolonnene «Måned», «Kategori», «Beløp» i de første 20 radene. Fant: «Dato», «Sum». "
        "Velg eller lag et kolonneoppsett som passer filen.",
    )
    assert imports.import_ledger(orr, "common", COMMON_CSV.encode(), "a.csv").ok
    again = imports.import_ledger(orr, "common", COMMON_CSV.encode(), "b.csv")
    assert "allerede importert" in again.errors[0]
    assert em.Felleskostnad.objects.count() == 3


def test_payments_from_the_host_are_refused_and_comma_csv_works(orr):
    good = 'Dato,Kommune,Beløp\n20.07.2022,5022 Rennebu,"160 000,00"\n20.08.2022,Rennebu,160000\n'
    assert imports.import_ledger(orr, "payment", good.encode(), "inn.csv").ok
    assert list(em.Innbetaling.objects.values_list("kommunenummer", flat=True)) == ["5022", "5022"]
    bad = "Dato;Kommune;Beløp\n20.09.2022;5021;1000\n20.09.2022;3428;1000\n"
    result = imports.import_ledger(orr, "payment", bad.encode(), "inn2.csv")
    assert result.errors == (
        "Rad 2, kolonne «Kommune»: vertskommunen betaler ikke a konto til seg selv",
        "Rad 3, kolonne «Kommune»: «3428» er ikke en kommune i tjenesten (5021 Oppdal, 5022 Rennebu)",
    )
    assert em.Innbetaling.objects.count() == 2


def test_client_costs_are_attributed_by_residence_on_the_cost_date(orr, sak_moving):
    csv = (
        "Dato;Journalnummer;Kommune;Kategori;Beløp\n"
        "15.09.2022;2022-0042;;hjelpetiltak;1000\n"
        "15.11.2022;2022-0042;;fosterhjem;2000\n"
        "01.12.2022;;5022;sakkyndig;300\n"
    )
    result = imports.import_ledger(orr, "client", csv.encode(), "klient.csv")
    assert result.ok, result.errors
    rows = list(em.Klientkostnad.objects.order_by("dato").values_list("kommunenummer", "sak__journalnummer"))
    assert rows == [("5021", "2022-0042"), ("5022", "2022-0042"), ("5022", None)]
    from barnevern.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="import", sak_id=sak_moving.pk).count() == 1


def test_client_cost_errors_for_unknown_case_and_wrong_municipality(orr, sak_moving):
    csv = (
        "Dato;Journalnummer;Kommune;Kategori;Beløp\n"
        "15.11.2022;2022-0042;5021;hjelpetiltak;1000\n"
        "15.11.2022;2022-9999;;hjelpetiltak;1000\n"
        "15.11.2022;;;hjelpetiltak;1000\n"
    )
    result = imports.import_ledger(orr, "client", csv.encode(), "klient.csv")
    assert result.errors == (
        "Rad 2, kolonne «Kommune»: barnet bodde i 5022 Rennebu 15.11.2022, ikke i 5021",
        "Rad 3, kolonne «Journalnummer»: finner ingen sak med journalnummer «2022-9999» i tjenesten",
        "Rad 4, kolonne «Kommune»: oppgi kommunen eller journalnummeret til saken",
    )
    assert _stored() == (0, 0, 0, 0, 0)


def test_budget_import_replaces_the_years_figures(orr):
    assert imports.import_ledger(
        orr, "budget", "År;Kategori;Beløp\n2022;lonn;6 750 000\n".encode(), "b1.csv"
    ).ok
    assert imports.import_ledger(
        orr, "budget", "År;Kategori;Beløp\n2022;lonn;6 800 000\n".encode(), "b2.csv"
    ).ok
    assert list(em.Budsjett.objects.values_list("ar", "belop")) == [(2022, Decimal("6800000.00"))]
    dup = imports.import_ledger(
        orr, "budget", "År;Kategori;Beløp\n2022;lonn;1\n2022;Lønn;2\n".encode(), "b3.csv"
    )
    assert dup.errors == ("Rad 3, kolonne «Kategori»: budsjettet for lonn 2022 står også i rad 2",)


def test_cli_prints_row_errors_and_exits_nonzero_storing_nothing(orr, tmp_path):
    path = tmp_path / "feil.csv"
    path.write_text("Måned;Kategori;Beløp\n07.2022;lonn;100\n08.2022;lonn;abc\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(
            "ledger-import", str(path), "--service", "oppdal-rennebu", "--kind", "common", stderr=err
        )
    assert exc.value.returncode == 1
    assert "Rad 3, kolonne «Beløp»: «abc» er ikke et gyldig beløp" in err.getvalue()
    assert _stored() == (0, 0, 0, 0, 0)
    path.write_text("Måned;Kategori;Beløp\n07.2022;lonn;100\n", encoding="utf-8")
    out = StringIO()
    call_command("ledger-import", str(path), "--service", "oppdal-rennebu", "--kind", "common", stdout=out)
    assert "importerte 1 rader" in out.getvalue()
    assert em.Felleskostnad.objects.count() == 1


def test_web_upload_shows_errors_and_stores_nothing_then_imports(client, orr, or_users):
    client.force_login(or_users["okonomi"])
    bad = SimpleUploadedFile("feil.csv", "Måned;Kategori;Beløp\n07.2022;lonn;12,3,4\n".encode())
    response = client.post(reverse("economy:ledger_import"), {"fil": bad, "art": "common"})
    assert response.status_code == 200
    assert "Rad 2, kolonne «Beløp»: «12,3,4» er ikke et gyldig beløp" in response.content.decode()
    assert _stored() == (0, 0, 0, 0, 0)
    good = SimpleUploadedFile("ok.csv", COMMON_CSV.encode())
    response = client.post(reverse("economy:ledger_import"), {"fil": good, "art": "common"})
    assert response.status_code == 302
    assert em.Felleskostnad.objects.count() == 3
    assert em.Importbunt.objects.get().importert_av == or_users["okonomi"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (1234.5600000000001, Decimal("1234.56")),  # binary noise from a spreadsheet formula
        (0.1 + 0.2, Decimal("0.30")),
        (-250, Decimal("-250.00")),
        ("1 877 812,50", Decimal("1877812.50")),
        ("kr. 76.900", Decimal("76900.00")),
    ],
)
def test_amount_cells(cell, expected):
    assert imports.parse_amount(cell) == expected


@pytest.mark.parametrize("cell", [12.345, "12,345", "1.2.3", "", None, True])
def test_bad_amount_cells_are_refused(cell):
    with pytest.raises(imports.CellError):
        imports.parse_amount(cell)
