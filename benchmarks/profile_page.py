"""Profile one page of the loaded benchmark database with cProfile (in-process, no server).

    .venv/bin/python benchmarks/profile_page.py /frister/ [--user sb.0301.001] [--repeat 5]
                                                [--sort cumulative] [--limit 30] [--queries]

Logs the user in with Django's test client (``force_login``), requests the page once to warm
up, then ``--repeat`` times under cProfile, and prints the time per request, the number of
SQL queries and the functions that cost most. ``--queries`` also prints the slowest SQL.
``{sak}`` in the path is replaced by one of the user's cases. Used for docs/performance.md.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Profiler én side mot benchmark-databasen.")
    parser.add_argument("path", help="f.eks. /frister/, /saker/, /saker/{sak}/, /statistikk/")
    parser.add_argument("--database-url", default=common.DEFAULT_PG_URL)
    parser.add_argument("--user", default="sb.0301.001", help="brukernavn (standard sb.0301.001)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sort", default="cumulative", help="cProfile-sortering (cumulative, tottime)")
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--queries", action="store_true", help="vis de tregeste SQL-spørringene")
    args = parser.parse_args(argv)
    common.setup_django(args.database_url)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from barnevern.accounts.models import User
    from barnevern.cases import models as m

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    user = User.objects.get(username=args.user)
    path = args.path
    if "{sak}" in path:
        sak = m.Sak.objects.filter(saksbehandler=user).order_by("-start_dato").first()
        path = path.replace("{sak}", str(sak.pk))
    client = Client()
    client.force_login(user)
    first = client.get(path)
    if first.status_code != 200:
        raise SystemExit(f"{path} svarte {first.status_code}")
    profile = cProfile.Profile()
    times = []
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(args.repeat):
            started = time.perf_counter()
            profile.enable()
            client.get(path)
            profile.disable()
            times.append(time.perf_counter() - started)
    queries = len(ctx.captured_queries) // max(args.repeat, 1)
    best = min(times) * 1000
    print(f"{path} som {user.username}: beste {best:.0f} ms, {queries} SQL-spørringer per visning")
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.limit)
    if args.queries:
        slowest = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:10]
        for q in slowest:
            print(f"{float(q['time']) * 1000:7.1f} ms  {q['sql'][:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
