"""Load a national-size benchmark database: ``python benchmarks/load_db.py --size 10000``.

Recreates the database (PostgreSQL ``barnevern_bench`` by default; only databases named
``barnevern_bench*`` or SQLite files under ``benchmarks/out`` are ever dropped), migrates and loads
generated cases with case workers (see ``common.load_national``). Prints the timings as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402


def _already_loaded(url: str, size: int) -> bool:
    """The database exists, is migrated, and holds exactly ``size`` benchmark cases."""
    if common.db_label(url) == "PostgreSQL" and not common.pg_reachable(url):
        return False
    try:
        common.setup_django(url)
        from barnevern.accounts.models import User

        if common.case_count() != size or not User.objects.filter(username__startswith="leder.").exists():
            return False
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)  # new migrations since the load
        return True
    except Exception:  # noqa: BLE001 - a missing database or table means "not loaded"
        return False
    finally:
        from django.db import connections

        connections.close_all()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Last en nasjonal benchmark-database med syntetiske saker.")
    parser.add_argument("--database-url", default=common.DEFAULT_PG_URL)
    parser.add_argument("--size", type=int, default=10_000, help="antall saker (standard 10 000)")
    parser.add_argument("--seed", type=int, default=common.SEED)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(), help="uttrekksdato")
    parser.add_argument("--reuse", action="store_true", help="behold en database som alt har --size saker")
    args = parser.parse_args(argv)
    if args.reuse and _already_loaded(args.database_url, args.size):
        print(json.dumps({"reused": True, "saker": args.size}))
        return 0
    common.recreate_database(args.database_url)
    common.setup_django(args.database_url)
    result = common.load_national(args.database_url, args.size, args.today, seed=args.seed)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
