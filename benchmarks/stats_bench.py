"""Statistics: every indicator for every municipality for one year (``benchmarks/stats``).

    .venv/bin/python benchmarks/stats_bench.py [--database-url URL] [--year Y] [--repeat 3] [--json]

Measures the statistics query layer (``stats.queries``, which the statistics page, its
CSV/XLSX export, the annual report and ``barnevern stats --service`` read) for every service of
the loaded benchmark database (``load_db.py``: one per municipality, so all municipalities) for
last year, with ``indicator_series_for_services`` (all services at once), against ONE bare
counting query over the same tables (``SELECT (SELECT COUNT(*) FROM cases_sak) + (SELECT
COUNT(*) FROM cases_melding) + ...``) in the same run. Target (statistics issue): within 10× of
the counting query.

Years and half-years are merged from stored per-case contributions (``stats.facts``), computed
once per case and period and dropped when a case changes. The measured figure is the STEADY
STATE (every contribution stored, as after the first request). The one-off cost of computing
every contribution from scratch (after a load, an upgrade of the counting rules or a change of
deadline settings) is printed as a separate row, measured once, without a target.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

TARGET_RATIO = 10.0
NAME = "Statistikk, alle kommuner, ett år"
REFRESH_NAME = "Statistikk: forhåndsberegning fra null (engangs)"
ENTRY = ("barnevern.stats.queries", "indicator_series_for_services")


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
    from barnevern.stats import facts
    from barnevern.stats.models import Bidrag

    services = list(Tjeneste.objects.filter(slug__startswith=common.SERVICE_PREFIX).order_by("slug"))
    period = Period.year(year)
    base, total_rows = common.best_of(common.count_rows, repeat)

    Bidrag.objects.all().delete()  # the one-off cost: every contribution from scratch
    started = time.perf_counter()
    computed = facts.refresh(services, [period])
    refresh_s = time.perf_counter() - started

    def everything() -> int:
        return sum(len(results) for results in series(services, [period], published=False))

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
                f"{len(services)} kommuner, {year}; {common.num(total_rows)} rader telt; stabil tilstand "
                f"(bidrag lagret); topp {common.peak_rss_mb():.0f} MB"
            ),
            extra={"services": len(services), "rows_counted": total_rows},
        ),
        common.Row(
            REFRESH_NAME,
            size,
            db,
            refresh_s,
            "s",
            base,
            "COUNT(*)",
            target="ingen (engangs)",
            note=f"{common.num(computed)} saker beregnet for {year}, målt én gang",
            extra={"computed": computed},
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Måler statistikken for alle kommuner for ett år.")
    common.common_args(parser)
    parser.add_argument("--year", type=int, default=date.today().year - 1, help="året (standard: i fjor)")
    args = parser.parse_args(argv)
    url = args.database_url or common.DEFAULT_PG_URL
    common.setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # a database loaded before the contributions table existed
    size = args.size or common.case_count()
    common.emit(measure(size, common.db_label(url), args.repeat, args.year), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
