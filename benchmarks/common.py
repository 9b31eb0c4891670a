"""Shared helpers for the benchmark suite: Django set-up, a national-size database, timing, rows.

Every benchmark script (``stats_bench.py``, ``worklist_bench.py``, ``report_bench.py``,
``web_load.py``, ``validate_import.py``) measures in its own process and reports
:class:`Row` objects. With ``--json`` a script prints one ``BENCHROW {...}`` line per row, which
``benchmarks/run`` collects into ONE table (:func:`format_table`). Running a script in its own
process keeps Django's settings (``DATABASE_URL``) and the peak memory figure per benchmark.

The national database (:func:`load_national`): one service per municipality of the corpus
generator (``formats.generator.KOMMUNER``, 57 municipalities weighted by population, Oslo the
largest), synthetic population 0–17, ``n`` generated cases stored in batches with the same
mapping as ``cases.services.store_record`` (``cases.mapping.record_rows``; a test asserts that
both give identical records), case workers with about 20 open cases each, one leder per service.
Everything is synthetic and deterministic from the seed.
"""

from __future__ import annotations

import json
import math
import os
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("BARNEVERN_BENCH_DIR") or BENCH_DIR / "out").resolve()  # corpus, SQLite, logs
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/barnevern_bench"
SEED = 20_261_123
PASSWORD = "benchmark-passord-2026"  # noqa: S105 - synthetic benchmark users on a loopback server only
SERVICE_PREFIX = "bench-"
OPEN_PER_WORKER = 20  # open cases per case worker (a realistic caseload)
UNASSIGNED_DAYS = 7  # cases younger than this are new meldinger nobody has been given yet
ROW_PREFIX = "BENCHROW "
NOT_AVAILABLE = "ikke tilgjengelig"


# ---- environment --------------------------------------------------------------------------------


def bench_env(database_url: str | None = None, **extra: str) -> dict[str, str]:
    """Environment for a benchmark process: demo settings with DEBUG off (no query log), no 2FA."""
    env = dict(os.environ)
    env.update(
        BARNEVERN_ENV="demo",
        DEBUG="0",
        REQUIRE_2FA="0",
        DEMO_SHOW_TOTP="0",
        BARNEVERN_DATA_DIR=str(DATA_DIR),
        LOG_LEVEL="ERROR",
        PYTHONPATH=os.pathsep.join(p for p in (str(SRC), str(BENCH_DIR), env.get("PYTHONPATH", "")) if p),
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(extra)
    return env


def setup_django(database_url: str | None = None) -> None:
    """Configure this process like :func:`bench_env` and start Django."""
    os.environ.update(bench_env(database_url))
    os.environ["DJANGO_SETTINGS_MODULE"] = "barnevern.settings"
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))
    import django

    django.setup()


def sqlite_url(size: int) -> str:
    return f"sqlite:///{DATA_DIR / f'bench-{size}.sqlite3'}"


def db_label(url: str) -> str:
    return "PostgreSQL" if url.startswith(("postgres://", "postgresql://")) else "SQLite"


# ---- PostgreSQL -----------------------------------------------------------------------------------


def _admin_conninfo(url: str) -> tuple[str, str]:
    """(connection string to the ``postgres`` maintenance database, name of the target database)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit((parts.scheme.replace("postgresql", "postgres"), parts.netloc, "/postgres", "", ""))
    return admin, name


def pg_reachable(url: str) -> bool:
    try:
        import psycopg

        admin, _ = _admin_conninfo(url)
        with psycopg.connect(admin, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False


def recreate_database(url: str) -> None:
    """An empty database for ``url`` (PostgreSQL: DROP/CREATE; SQLite: delete the file)."""
    if db_label(url) == "SQLite":
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg
    from psycopg import sql

    admin, name = _admin_conninfo(url)
    if not name.startswith("barnevern_bench"):
        raise SystemExit(f"Vil ikke slette databasen «{name}»: benchmark-databaser må hete barnevern_bench*.")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# ---- timing, memory, rows -----------------------------------------------------------------------


def best_of(fn: Callable[[], Any], repeat: int = 3, budget: float = 60.0) -> tuple[float, Any]:
    """The shortest wall-clock time of up to ``repeat`` calls, and the last result.

    Stops repeating once ``budget`` seconds have been spent (a 100,000-case run need not
    repeat a minute-long measurement three times)."""
    best, result, spent = math.inf, None, 0.0
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        result = fn()
        took = time.perf_counter() - started
        best, spent = min(best, took), spent + took
        if spent >= budget:
            break
    return best, result


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (``pct`` in 0–100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass
class Row:
    """One line of the table: a measured figure, its baseline from the same run, the target.

    ``value`` and ``baseline`` are in ``unit`` ("s" or "ms"). ``max_ratio`` and ``max_value``
    are the target; both must hold when both are given, and ``errors`` must be 0.
    """

    name: str
    size: int
    db: str = ""
    value: float | None = None
    unit: str = "s"
    baseline: float | None = None
    baseline_name: str = ""
    max_ratio: float | None = None
    max_value: float | None = None
    target: str = ""
    errors: int = 0
    note: str = ""
    available: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def status(self) -> str:
        if not self.available:
            return NOT_AVAILABLE
        if self.value is None:
            return "feil"
        ok = self.errors == 0
        if self.max_ratio is not None:
            ok = ok and self.ratio is not None and self.ratio <= self.max_ratio
        if self.max_value is not None:
            ok = ok and self.value <= self.max_value
        return "OK" if ok else "BOM"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Row:
        return cls(**json.loads(text))


def missing(name: str, size: int, db: str = "", target: str = "", why: str = "") -> Row:
    """The row of a benchmark whose subject does not exist (yet)."""
    return Row(name, size, db, target=target, note=why, available=False)


def emit(rows: Iterable[Row], as_json: bool, stream: Any = None) -> None:
    """Print rows: ``BENCHROW`` lines for ``benchmarks/run``, else a table."""
    stream = stream or sys.stdout
    rows = list(rows)
    if as_json:
        for row in rows:
            print(ROW_PREFIX + row.to_json(), file=stream, flush=True)
    else:
        print(format_table(rows), file=stream, flush=True)


def parse_rows(text: str) -> list[Row]:
    return [
        Row.from_json(line[len(ROW_PREFIX) :]) for line in text.splitlines() if line.startswith(ROW_PREFIX)
    ]


def num(value: float) -> str:
    """A whole number with spaces between thousands (Norwegian style): 10 000."""
    return f"{value:,.0f}".replace(",", " ")


def fmt_number(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "ms":
        return f"{value:,.0f} ms".replace(",", " ") if value >= 10 else f"{value:.1f} ms"
    if value >= 100:
        return f"{value:,.0f} s".replace(",", " ")
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1000:.1f} ms"


def fmt_ratio(ratio: float | None) -> str:
    if ratio is None:
        return "–"
    return f"{ratio:,.0f}×".replace(",", " ") if ratio >= 100 else f"{ratio:.1f}×"


HEADERS = ("Måling", "Saker", "Database", "Målt", "Grunnlinje", "Forhold", "Mål", "Status", "Merknad")


def table_cells(rows: Iterable[Row]) -> list[tuple[str, ...]]:
    cells = []
    for row in rows:
        base = fmt_number(row.baseline, row.unit)
        if row.baseline_name and row.baseline is not None:
            base = f"{base} ({row.baseline_name})"
        value = fmt_number(row.value, row.unit)
        note = row.note
        if row.errors:
            note = f"{row.errors} feil; {note}" if note else f"{row.errors} feil"
        cells.append(
            (
                row.name,
                f"{row.size:,}".replace(",", " "),
                row.db or "–",
                value if row.available else "–",
                base if row.available else "–",
                fmt_ratio(row.ratio),
                row.target or "–",
                row.status,
                note,
            )
        )
    return cells


def format_table(rows: Iterable[Row]) -> str:
    """A plain-text table with aligned columns."""
    cells = [HEADERS, *table_cells(rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADERS))]
    lines = []
    for n, cell in enumerate(cells):
        lines.append("  ".join(text.ljust(widths[i]) for i, text in enumerate(cell)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_markdown(rows: Iterable[Row]) -> str:
    cells = table_cells(rows)
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "|".join("---" for _ in HEADERS) + "|"]
    lines += ["| " + " | ".join(c.replace("|", "/") for c in cell) + " |" for cell in cells]
    return "\n".join(lines)


# ---- the national database ------------------------------------------------------------------------


def ensure_services(today: date) -> dict[str, Any]:
    """One service per generator municipality (slug ``bench-<nummer>``) with population 0–17."""
    from barnevern.formats.generator import KOMMUNER
    from barnevern.organisation.models import Befolkning, Kommune, Medlemskap, Tjeneste

    services = {}
    population = []
    for k in KOMMUNER:
        kommune, _ = Kommune.objects.get_or_create(
            nummer=k.nummer, gyldig_fra=date(2020, 1, 1), defaults={"navn": k.navn}
        )
        tjeneste, _ = Tjeneste.objects.get_or_create(
            slug=f"{SERVICE_PREFIX}{k.nummer}",
            defaults={
                "navn": f"Barnevernstjenesten i {k.navn} (syntetisk)",
                "organisasjonsnummer": k.organisasjonsnummer,
                "vertskommune": kommune,
                "avtale_i_kraft": date(2020, 1, 1),
            },
        )
        Medlemskap.objects.get_or_create(tjeneste=tjeneste, kommune=kommune, fra=date(2020, 1, 1))
        services[k.nummer] = tjeneste
        children = round(k.innbyggere * 0.21)  # about a fifth of the inhabitants are 0–17
        base, rest = divmod(children, 18)
        for year in range(today.year - 5, today.year + 1):
            for age in range(18):
                population.append(
                    Befolkning(kommune=kommune, ar=year, alder=age, antall=base + (1 if age < rest else 0))
                )
    Befolkning.objects.bulk_create(population, ignore_conflicts=True)
    return services


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def store_batch(services: dict[str, Any], deliveries: list[Any]) -> int:
    """Store new deliveries with a handful of INSERTs per batch (one transaction)."""
    from django.db import transaction

    from barnevern.cases import models as m
    from barnevern.cases.bulk import new_sak
    from barnevern.cases.mapping import record_rows

    saker, rows = [], defaultdict(list)
    for d in deliveries:
        rec = d.sak
        sak = new_sak(
            services[d.avgiver.kommunenummer],
            rec,
            delivery_id=d.id,
            dato_uttrekk=d.dato_uttrekk,
            source=d.source or "bvr-v4",
        )
        saker.append(sak)
        for model, model_rows in record_rows(rec, sak).items():
            rows[model].extend(model_rows)
    with transaction.atomic():
        m.Sak.objects.bulk_create(saker, batch_size=1000)
        for model, model_rows in rows.items():
            if model_rows:
                model.objects.bulk_create(model_rows, batch_size=2000)
    return len(saker)


def load_cases(
    n: int,
    today: date,
    *,
    seed: int = SEED,
    batch: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Generate ``n`` cases (extract date ``today``) and store them, ``batch`` per transaction."""
    from barnevern.formats.generator import generate

    services = ensure_services(today)
    done = 0
    for chunk in _batches(generate(n, seed, year=today.year, as_of=today), batch):
        done += store_batch(services, chunk)
        if progress is not None:
            progress(done)
    return done


def assign_caseworkers(today: date, per_worker: int = OPEN_PER_WORKER) -> dict[str, int]:
    """Case workers (``sb.<nummer>.<i>``) and one leder (``leder.<nummer>``) per service.

    Open cases are dealt out round-robin so that each worker has about ``per_worker`` open
    cases (plus their closed ones); cases younger than ``UNASSIGNED_DAYS`` stay unassigned, as
    new meldinger do. Everyone gets the same password hash (hashing thousands is slow).
    """
    from datetime import timedelta

    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from barnevern.accounts.models import Role, User
    from barnevern.cases import models as m
    from barnevern.organisation.models import Tjeneste

    hashed = make_password(PASSWORD)
    fresh = today - timedelta(days=UNASSIGNED_DAYS)
    totals = {"brukere": 0, "tildelte": 0}
    for tjeneste in Tjeneste.objects.filter(slug__startswith=SERVICE_PREFIX).order_by("slug"):
        nummer = tjeneste.slug.removeprefix(SERVICE_PREFIX)
        cases = list(
            m.Sak.objects.filter(tjeneste=tjeneste, er_slettet=False, start_dato__lt=fresh)
            .order_by("journalnummer")
            .values_list("id", "slutt_dato")
        )
        open_cases = [c for c, end in cases if end is None or end > today]
        closed = [c for c, end in cases if not (end is None or end > today)]
        workers = max(1, math.ceil(len(open_cases) / per_worker))
        with transaction.atomic():
            users = [
                User(
                    username=f"sb.{nummer}.{i:03d}",
                    first_name="Saksbehandler",
                    last_name=f"{nummer}-{i:03d}",
                    rolle=Role.SAKSBEHANDLER,
                    tjeneste=tjeneste,
                    password=hashed,
                )
                for i in range(1, workers + 1)
            ]
            users.append(
                User(
                    username=f"leder.{nummer}",
                    first_name="Leder",
                    last_name=nummer,
                    rolle=Role.LEDER,
                    tjeneste=tjeneste,
                    password=hashed,
                )
            )
            User.objects.bulk_create(users)
            saved = list(
                User.objects.filter(tjeneste=tjeneste, rolle=Role.SAKSBEHANDLER).order_by("username")
            )
            share: dict[int, list[Any]] = defaultdict(list)
            for i, case_id in enumerate(open_cases):
                share[saved[i % len(saved)].pk].append(case_id)
            for i, case_id in enumerate(closed):
                share[saved[i % len(saved)].pk].append(case_id)
            for user_id, ids in share.items():
                for start in range(0, len(ids), 2000):
                    m.Sak.objects.filter(id__in=ids[start : start + 2000]).update(saksbehandler_id=user_id)
        totals["brukere"] += len(users)
        totals["tildelte"] += len(cases)
    return totals


def load_national(
    database_url: str, n: int, today: date, *, seed: int = SEED, verbose: bool = True
) -> dict[str, Any]:
    """Recreate the database at ``database_url``, migrate, and load ``n`` cases. Call after
    :func:`setup_django` with the same URL."""
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()

    def progress(done: int) -> None:
        if verbose and (done % 10_000 == 0 or done == n):
            rate = done / max(time.perf_counter() - migrated, 1e-9)
            print(f"  lastet {done:>7} av {n} saker ({rate:,.0f} saker/s)", file=sys.stderr, flush=True)

    loaded = load_cases(n, today, seed=seed, progress=progress)
    stored = time.perf_counter()
    people = assign_caseworkers(today)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as autovacuum would after the bulk load
    return {
        "saker": loaded,
        "migrate_s": migrated - started,
        "load_s": stored - migrated,
        "users_s": time.perf_counter() - stored,
        **people,
    }


# ---- the bare counting baseline -----------------------------------------------------------------


CASE_TABLES = (
    "Sak",
    "Personalia",
    "Melding",
    "Undersokelse",
    "Plan",
    "Tiltak",
    "Vedtak",
    "Ettervern",
    "OversendelseFylkesnemnd",
    "Flytting",
    "Relasjon",
    "Bosted",
)


def counting_query(tjeneste_id: int | None = None) -> tuple[str, list[Any]]:
    """ONE statement that counts the rows of every case table (of one service, or all)."""
    from barnevern.cases import models as m

    sak_table = m.Sak._meta.db_table
    parts, params = [], []
    for name in CASE_TABLES:
        table = getattr(m, name)._meta.db_table
        if name == "Sak":
            where = "WHERE er_slettet = %s" + (" AND tjeneste_id = %s" if tjeneste_id else "")
            params += [False, *([tjeneste_id] if tjeneste_id else [])]
        elif tjeneste_id:
            where = f"WHERE sak_id IN (SELECT id FROM {sak_table} WHERE tjeneste_id = %s)"  # noqa: S608
            params.append(tjeneste_id)
        else:
            where = ""
        parts.append(f"(SELECT COUNT(*) FROM {table} {where})")  # noqa: S608 - our own table names
    return "SELECT " + " + ".join(parts), params


def count_rows(tjeneste_id: int | None = None) -> int:
    from django.db import connection

    query, params = counting_query(tjeneste_id)
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return int(cursor.fetchone()[0])


def largest_service() -> tuple[Any, int]:
    """The bench service with the most live cases, and that number."""
    from django.db.models import Count, Q

    from barnevern.organisation.models import Tjeneste

    found = (
        Tjeneste.objects.filter(slug__startswith=SERVICE_PREFIX)
        .annotate(n=Count("saker", filter=Q(saker__er_slettet=False)))
        .order_by("-n", "slug")
        .first()
    )
    if found is None:
        raise SystemExit("Benchmark-databasen er tom: kjør benchmarks/run (eller load_db.py) først.")
    return found, found.n


def common_args(parser: Any) -> None:
    """Arguments every benchmark script takes."""
    parser.add_argument("--database-url", default=None, help="database (standard: PostgreSQL-benchmarkbasen)")
    parser.add_argument("--size", type=int, default=None, help="antall saker i databasen (for tabellen)")
    parser.add_argument("--repeat", type=int, default=3, help="gjentakelser; beste tid teller")
    parser.add_argument("--json", action="store_true", help="skriv BENCHROW-linjer for benchmarks/run")


def case_count() -> int:
    from barnevern.cases import models as m

    return m.Sak.objects.filter(er_slettet=False).count()
