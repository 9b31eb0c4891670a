"""Rendering the report: one template for the web page, the stand-alone HTML file and the PDF.

``reports/report.html`` extends the report's own base template ``reports/base_report.html``
(A4 pages, «Side x av y», the service's name in the page header, the version in the footer).
The web page links the stylesheet; the stand-alone HTML and the PDF carry it inline, so a
downloaded file looks the same anywhere. WeasyPrint renders the stand-alone HTML.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

STATIC = Path(__file__).resolve().parent / "static" / "reports"
TEMPLATE = "reports/report.html"


@cache
def stylesheet() -> str:
    return (STATIC / "report.css").read_text(encoding="utf-8")


def context(data: dict[str, Any], *, standalone: bool, **extra: Any) -> dict[str, Any]:
    sections = {s["key"]: s for s in data["sections"]}
    return {
        "r": data,
        "meta": data["meta"],
        "sections": data["sections"],
        "s": sections,
        "standalone": standalone,
        "css": stylesheet() if standalone else "",
        **extra,
    }


def render_html(data: dict[str, Any], *, standalone: bool = True, request: Any = None, **extra: Any) -> str:
    """The report as HTML; ``standalone`` inlines the stylesheet and leaves out the web toolbar."""
    return render_to_string(TEMPLATE, context(data, standalone=standalone, **extra), request=request)


def render_pdf(data: dict[str, Any]) -> bytes:
    """The report as an A4 PDF (WeasyPrint), from the same template."""
    from weasyprint import HTML

    html = render_html(data, standalone=True, pdf=True)
    return HTML(string=html, base_url=str(STATIC)).write_pdf()
