"""Statistics: every indicator for every municipality for one year (``benchmarks/stats``).

    .venv/bin/python benchmarks/stats_bench.py [--database-url URL] [--year Y] [--repeat 3] [--json]

Measures the statistics query layer (``stats.queries.indicator_series``, which the statistics
page, its CSV/XLSX export, the annual report and ``barnevern stats --service`` read) for every
service of the loaded benchmark database (``load_db.py``: one per municipality, so all
municipalities) for last year, against ONE bare counting query over the same tables
(``SELECT (SELECT COUNT(*) FROM cases_sak) + (SELECT COUNT(*) FROM cases_melding) + ...``)
in the same run. Target (statistics issue): within 10× of the counting query.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

TARGET_RATIO = 10.0
NAME = "Statistikk, alle kommuner, ett år"
ENTRY = ("barnevern.stats.queries", "indicator_series")


def entry_point():
    """The statistics query function, or ``None`` while the statistics app does not have it."""
    try:
        module = importlib.import_module(ENTRY[0])
    except ImportError:
        return None
    return getattr(module, ENTRY[1], None)


def measure(size: int, db: str, repeat: int, year: int) -> list[common.Row]:
    target = f"≤ {TARGET_RATIO:g}× COUNT(*)"
    series = entry_point()
    if series is None:
        return [common.missing(NAME, size, db, target, f"{ENTRY[0]}.{ENTRY[1]} finnes ikke ennå")]
    from barnevern.organisation.models import Tjeneste
    from barnevern.rules.periods import Period

    services = list(Tjeneste.objects.filter(slug__startswith=common.SERVICE_PREFIX).order_by("slug"))
    period = Period.year(year)
    base, total_rows = common.best_of(common.count_rows, repeat)

    def everything() -> int:
        return sum(len(series(tjeneste, [period], published=False)) for tjeneste in services)

    seconds, _ = common.best_of(everything, repeat)
    return [
        common.Row(
            NAME,
            size,
            db,
            seconds,
            "s",
            base,
            "COUNT(*)",
            max_ratio=TARGET_RATIO,
            target=target,
            note=(
                f"{len(services)} kommuner, {year}; {common.num(total_rows)} rader telt; "
                f"topp {common.peak_rss_mb():.0f} MB"
            ),
            extra={"services": len(services), "rows_counted": total_rows},
        )
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Måler statistikken for alle kommuner for ett år.")
    common.common_args(parser)
    parser.add_argument("--year", type=int, default=date.today().year - 1, help="året (standard: i fjor)")
    args = parser.parse_args(argv)
    url = args.database_url or common.DEFAULT_PG_URL
    common.setup_django(url)
    size = args.size or common.case_count()
    common.emit(measure(size, common.db_label(url), args.repeat, args.year), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
