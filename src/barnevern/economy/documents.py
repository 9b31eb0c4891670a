"""Documents: the settlement statement as HTML context, PDF (WeasyPrint) and XLSX, and the
finance report as XLSX. Layout only; every figure comes from a snapshot or a report.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from barnevern.economy import models as em
from barnevern.exports import neutralise

PRINT_CSS = Path(__file__).resolve().parent / "static" / "economy" / "print.css"
AMOUNT_FORMAT = "#,##0.00"
KIND_LABELS = {"felleskostnad": "Felleskostnad", "klientkostnad": "Klientkostnad", "innbetalt": "Innbetalt"}


@dataclass(frozen=True, slots=True)
class KeyLine:
    nummer: str
    navn: str
    weight: str
    percent: str


def statement_title(o: em.Oppgjor) -> str:
    label = o.snapshot["label"]
    if o.nummer:
        return f"Halvårsoppgjør {label} – nr. {o.nummer}"
    return f"Halvårsoppgjør {label} – utkast"


def statement_context(o: em.Oppgjor) -> dict[str, Any]:
    """What the statement template needs: the snapshot plus parsed dates and sums."""
    from barnevern.economy.keys import weight_text

    s = o.snapshot
    key = s["key"]
    members = s["members"]
    paid_total = sum((Decimal(m["paid"]) for m in members), Decimal("0.00"))
    balance_total = sum((Decimal(m["balance"]) for m in members), Decimal("0.00"))
    return {
        "o": o,
        "s": s,
        "title": statement_title(o),
        "start": date.fromisoformat(s["start"]),
        "end": date.fromisoformat(s["end"]),
        "computed_at": datetime.fromisoformat(s["computed_at"]),
        "key_valid_from": date.fromisoformat(key["valid_from"]),
        "key_valid_to": date.fromisoformat(key["valid_to"]) if key["valid_to"] else None,
        "key_reference": date.fromisoformat(key["reference_date"]) if key["reference_date"] else None,
        "key_lines": [
            KeyLine(
                k, s["kommuner"].get(k, k), weight_text(Decimal(w)), key["percent"][k].replace(" ", "\u00a0")
            )
            for k, w in key["weights"].items()
        ],
        "members": members,
        "host_name": s["kommuner"].get(s["host"], s["host"]),
        "paid_total": paid_total,
        "balance_total": balance_total,
        "corrected_by": list(o.korrigeringer.filter(status=em.Oppgjor.Status.GODKJENT)) if o.pk else [],
    }


def statement_pdf(o: em.Oppgjor) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("economy/settlement_pdf.html", statement_context(o))
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))])


def _money_cell(ws: Any, row: int, column: int, value: Decimal) -> None:
    cell = ws.cell(row=row, column=column, value=value)
    cell.number_format = AMOUNT_FORMAT


def _to_bytes(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def statement_xlsx(o: em.Oppgjor) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    s = o.snapshot
    wb = Workbook()
    ws = wb.active
    ws.title = "Oppgjør"
    bold = Font(bold=True)
    ws.append([neutralise(statement_title(o))])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["Tjeneste", neutralise(s["service"]["navn"])])
    ws.append(["Periode", f"{s['start']} – {s['end']}"])
    status = f"Godkjent {o.godkjent:%d.%m.%Y}" if o.godkjent else "Utkast – ikke godkjent"
    ws.append(["Status", status])
    if o.korrigerer_id:
        ws.append(["Korrigerer", f"Oppgjør nr. {o.korrigerer.nummer}"])
    ws.append([])
    header = ["Kommune", "Navn", "Andel", "Felleskostnader", "Klientkostnader", "Innbetalt", "Saldo"]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = bold
    for m in s["members"]:
        r = ws.max_row + 1
        ws.cell(row=r, column=1, value=m["kommune"])
        ws.cell(row=r, column=2, value=neutralise(m["navn"] + (" (vertskommune)" if m["is_host"] else "")))
        ws.cell(row=r, column=3, value=m["share_percent"])
        for col, f in enumerate(("common_share", "client_costs", "paid", "balance"), start=4):
            _money_cell(ws, r, col, Decimal(m[f]))
    ws.column_dimensions["B"].width = 28
    for col in "DEFG":
        ws.column_dimensions[col].width = 18
    key = wb.create_sheet("Fordelingsnøkkel")
    key.append(
        [
            neutralise(s["key"]["note"] or s["key"]["basis"]),
            f"{s['key']['valid_from']} – {s['key']['valid_to'] or ''}",
            f"grunnlag per {s['key']['reference_date'] or ''}",
        ]
    )
    key.append(["Kommune", "Navn", "Grunnlag", "Andel"])
    for k, w in s["key"]["weights"].items():
        key.append([k, neutralise(s["kommuner"].get(k, k)), Decimal(w), s["key"]["percent"][k]])
    key.column_dimensions["A"].width = 24
    key.column_dimensions["B"].width = 24
    spec = wb.create_sheet("Spesifikasjon")
    spec.append(["Kommune", "Navn", "Type", "Kategori", "Tekst", "Beløp"])
    for cell in spec[1]:
        cell.font = bold
    for m in s["members"]:
        for line in m["lines"]:
            r = spec.max_row + 1
            for col, value in enumerate(
                (
                    m["kommune"],
                    m["navn"],
                    KIND_LABELS.get(line["kind"], line["kind"]),
                    line["category"],
                    line["text"],
                ),
                start=1,
            ):
                spec.cell(row=r, column=col, value=neutralise(value))
            _money_cell(spec, r, 6, Decimal(line["amount"]))
        r = spec.max_row + 1
        spec.cell(row=r, column=1, value=m["kommune"])
        spec.cell(row=r, column=5, value="Saldo").font = bold
        _money_cell(spec, r, 6, Decimal(m["balance"]))
        spec.cell(row=r, column=6).font = bold
    spec.column_dimensions["E"].width = 60
    spec.column_dimensions["F"].width = 18
    return _to_bytes(wb)


def finance_xlsx(page: Any) -> bytes:
    """The monthly finance report (``finance.FinancePage``) as one sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    report = page.report
    wb = Workbook()
    ws = wb.active
    ws.title = "Økonomirapport"
    ws.append([neutralise(page.title)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"Regnskap til og med {page.month_label}"])
    ws.append([])
    header = [
        "Kategori",
        "Budsjett år",
        "Budsjett hittil",
        "Regnskap hittil",
        "Avvik hittil",
        "Prognose år",
        "Avvik prognose",
        "Prognosemetode",
    ]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for line in [*report.lines, report.total]:
        r = ws.max_row + 1
        ws.cell(row=r, column=1, value=neutralise(line.category))
        values = (
            line.budget_year,
            line.budget_ytd,
            line.actual_ytd,
            line.deviation_ytd,
            line.forecast_year,
            line.deviation_year,
        )
        for col, value in enumerate(values, start=2):
            _money_cell(ws, r, col, value)
        ws.cell(row=r, column=8, value=neutralise(line.method))
    if page.per_kommune:
        ws.append([])
        ws.append(["Kommune", "Felleskostnader (andel)", "Klientkostnader", "Sum", "Innbetalt"])
        for row in page.per_kommune:
            r = ws.max_row + 1
            ws.cell(row=r, column=1, value=neutralise(f"{row.nummer} {row.navn}"))
            for col, value in enumerate((row.common, row.client, row.total, row.paid), start=2):
                _money_cell(ws, r, col, value)
    for note in page.notes:
        ws.append([neutralise(note)])
    ws.column_dimensions["A"].width = 40
    for col in "BCDEFG":
        ws.column_dimensions[col].width = 16
    return _to_bytes(wb)
