"""The deadline worklist for a whole service, as its leder sees it (start page, ``barnevern deadlines``).

    .venv/bin/python benchmarks/worklist_bench.py [--database-url URL] [--repeat 3] [--json]

Measures ``quality.queries.user_worklist(leder, today)`` for the largest service of the loaded
benchmark database (``load_db.py``) — every statutory deadline (D1–D14) of every live case —
against one bare counting query over the same service's case tables in the same run.
The measured figure is that of a working day: each case's open deadlines are kept for the day
(``quality.contributions``) and only cases changed since are read again. The note gives the
first look of the day without any kept (every open case read and computed), and how long
reading all the service's cases as records takes (``cases.queries``).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

TARGET_SECONDS = 2.0
NAME = "Fristliste, hele tjenesten"


def measure(size: int, db: str, repeat: int, today: date) -> list[common.Row]:
    try:
        from barnevern.quality.queries import user_worklist
    except ImportError:
        return [common.missing(NAME, size, db, f"≤ {TARGET_SECONDS:g} s", "quality.queries finnes ikke")]
    from barnevern.accounts.models import User
    from barnevern.cases import models as m
    from barnevern.cases.queries import iter_records

    tjeneste, cases = common.largest_service()
    leder = User.objects.get(username=f"leder.{tjeneste.slug.removeprefix(common.SERVICE_PREFIX)}")
    base, _ = common.best_of(lambda: common.count_rows(tjeneste.pk), repeat)
    qs = m.Sak.objects.filter(tjeneste=tjeneste, er_slettet=False)
    reading, _ = common.best_of(lambda: sum(1 for _ in iter_records(qs)), repeat)
    cold = None
    try:  # the first look of the day: no case's deadlines kept yet (quality.contributions)
        from barnevern.quality.models import FristBidrag
    except ImportError:
        pass
    else:

        def first_of_day() -> list:
            FristBidrag.objects.filter(sak__tjeneste=tjeneste).delete()
            return user_worklist(leder, today)

        cold, _ = common.best_of(first_of_day, 1)
    seconds, rows = common.best_of(lambda: user_worklist(leder, today), repeat)
    return [
        common.Row(
            NAME,
            size,
            db,
            seconds,
            "s",
            base,
            "COUNT(*)",
            max_value=TARGET_SECONDS,
            target=f"≤ {TARGET_SECONDS:g} s",
            note=(
                f"{tjeneste.vertskommune.navn}: {common.num(cases)} saker, {common.num(len(rows))} frister; "
                f"lesing av saker {reading:.2f} s; "
                + (f"første visning av dagen {cold:.2f} s; " if cold is not None else "")
                + f"topp {common.peak_rss_mb():.0f} MB"
            ),
            extra={"service_cases": cases, "rows": len(rows), "records_s": reading, "first_of_day_s": cold},
        )
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Måler fristlisten for en hel tjeneste.")
    common.common_args(parser)
    args = parser.parse_args(argv)
    url = args.database_url or common.DEFAULT_PG_URL
    common.setup_django(url)
    size = args.size or common.case_count()
    common.emit(measure(size, common.db_label(url), args.repeat, date.today()), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
