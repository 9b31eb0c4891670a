"""The annual status report (tilstandsrapport) for one municipality, as HTML and as PDF.

    .venv/bin/python benchmarks/report_bench.py [--database-url URL] [--repeat 3] [--json]

Measures ``reports.assemble.assemble`` + ``render_html`` and ``assemble`` + ``render_pdf`` for
the largest municipality of the loaded benchmark database (its own service), for last year,
internal version, against one bare counting query over that service's case tables in the same
run. Each measured run first drops the service's kept compliance summary
(``quality.ComplianceSummary``), as any change of one of its cases does, so the figure is that
of a working day: the compliance is added up from each case's kept deadlines
(``quality.FristBidrag``). The note gives the assembly time with the summary kept as well, and
the first of the day without any case's deadlines kept (no ``barnevern remind`` the night
before: every case read and computed). The report
is what ``barnevern report --service S --year Y --municipality K`` and the web page produce.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

TARGET_HTML_S = 5.0
TARGET_PDF_S = 15.0
NAME_HTML = "Årsrapport HTML, én kommune"
NAME_PDF = "Årsrapport PDF, én kommune"


def drop_kept(tjeneste: object, *, cases_too: bool = False) -> None:
    """Forget the service's kept compliance summaries (``quality.compliance_summary``), and with
    ``cases_too`` also every case's kept deadlines (``quality.contributions``)."""
    try:
        from barnevern.quality.models import ComplianceSummary, FristBidrag
    except ImportError:
        return
    ComplianceSummary.objects.filter(tjeneste=tjeneste).delete()
    if cases_too:
        FristBidrag.objects.filter(sak__tjeneste=tjeneste).delete()


def measure(size: int, db: str, repeat: int, today: date) -> list[common.Row]:
    targets = {NAME_HTML: TARGET_HTML_S, NAME_PDF: TARGET_PDF_S}
    try:
        from barnevern.reports.assemble import assemble
        from barnevern.reports.render import render_html, render_pdf
    except ImportError:
        return [
            common.missing(name, size, db, f"≤ {limit:g} s", "reports-appen finnes ikke ennå")
            for name, limit in targets.items()
        ]
    tjeneste, cases = common.largest_service()
    kommune = tjeneste.vertskommune
    year = today.year - 1
    base, _ = common.best_of(lambda: common.count_rows(tjeneste.pk), repeat)

    def data(kept: bool = False) -> dict:
        if not kept:  # as after any change of a case of the service: compliance added up again
            drop_kept(tjeneste)
        return assemble(tjeneste, year, kommune=kommune, public=False, today=today)

    def first_of_day() -> dict:  # no case's deadlines kept yet (no ``barnevern remind`` last night)
        drop_kept(tjeneste, cases_too=True)
        return assemble(tjeneste, year, kommune=kommune, public=False, today=today)

    cold_s, _ = common.best_of(first_of_day, 1)
    assembled, content = common.best_of(data, repeat)
    kept_s, _ = common.best_of(lambda: data(kept=True), repeat)
    unavailable = [s["title"] for s in content["sections"] if not s.get("available", True)]
    html_s, html = common.best_of(lambda: render_html(data(), standalone=True), repeat)
    pdf_s, pdf = common.best_of(lambda: render_pdf(data()), max(1, min(repeat, 2)))
    where = f"{kommune.navn} {year}, {common.num(cases)} saker"
    missing_note = f"; uten data: {', '.join(unavailable)}" if unavailable else ""
    rows = []
    for name, seconds, size_kb in (
        (NAME_HTML, html_s, len(html.encode()) / 1024),
        (NAME_PDF, pdf_s, len(pdf) / 1024),
    ):
        rows.append(
            common.Row(
                name,
                size,
                db,
                seconds,
                "s",
                base,
                "COUNT(*)",
                max_value=targets[name],
                target=f"≤ {targets[name]:g} s",
                note=(
                    f"{where}; {size_kb:.0f} KiB; herav sammenstilling {assembled:.2f} s "
                    f"({kept_s:.2f} s med lagret fristetterlevelse, {cold_s:.2f} s uten lagrede "
                    f"frister per sak); "
                    f"topp {common.peak_rss_mb():.0f} MB{missing_note}"
                ),
                extra={
                    "assemble_s": assembled,
                    "assemble_kept_s": kept_s,
                    "assemble_first_of_day_s": cold_s,
                    "unavailable": unavailable,
                },
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Måler tilstandsrapporten (HTML og PDF) for én kommune.")
    common.common_args(parser)
    args = parser.parse_args(argv)
    url = args.database_url or common.DEFAULT_PG_URL
    common.setup_django(url)
    size = args.size or common.case_count()
    common.emit(measure(size, common.db_label(url), args.repeat, date.today()), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
