"""Web load test: N logged-in users against gunicorn on 127.0.0.1 for a bounded time.

    .venv/bin/python benchmarks/web_load.py [--database-url URL] [--users 20] [--seconds 30]
                                            [--baseline-seconds 10] [--think-ms 0] [--json]

1. Picks ``--users`` case workers from the loaded benchmark database (``load_db.py``), from
   the largest services first, each with the ids of their own cases.
2. Starts ``gunicorn -c deploy/gunicorn.conf.py barnevern.wsgi`` on a free loopback port with
   production settings (``BARNEVERN_ENV=production``, DEBUG off, a random SECRET_KEY), except:
   ``SECURE_SSL_REDIRECT=0`` and ``SECURE_HSTS_SECONDS=0`` (plain http on loopback; the
   cookies stay ``Secure``: this client keeps its own cookie jar and sends them anyway, which
   a browser would not over http) and ``REQUIRE_2FA=0`` (the users cannot type TOTP codes).
   ``DJANGO_SETTINGS_MODULE=bench_settings`` adds one empty view, ``/_benchmark/tom/``.
3. Every user is a thread with its own keep-alive ``http.client`` connection; it logs in
   through the log-in form (CSRF token and all). Then all users request the same page — the
   worklist, the case list, one of their own cases, the statistics page — as fast as answers
   come (closed loop; ``--think-ms`` adds a pause), one page at a time for ``--seconds``
   divided by the number of pages, so each page's figure is its own and not the queue behind
   a slower page (``--mixed``: every user goes round all pages for ``--seconds``). The
   baseline phase before that requests the empty view the same way.
4. Prints p50/p95/p99 latency, requests and errors per page. Target: p95 < 300 ms, 0 errors.
   An error is any answer other than 200 (a redirect to the log-in page included) or a
   broken connection.

Only 127.0.0.1 is ever contacted; the server is stopped at the end, also on errors.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

HOST = "127.0.0.1"
TARGET_P95_MS = 300.0
MAX_REQUESTS_PER_USER = 200_000  # a hard bound besides the clock
THINK_MS = 1000.0  # each user reads a page for a second before the next (real users: 10–30 s)
PAGES = (
    ("worklist", "Fristliste (egen)", "/frister/"),
    ("case_list", "Saksliste", "/saker/"),
    ("case", "Saksside", "/saker/{sak_id}/"),
    ("stats", "Statistikkside", "/statistikk/"),
)
BASELINE_PATH = "/_benchmark/tom/"
PLACEHOLDER = "Denne delen er under arbeid"
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class LoadError(Exception):
    pass


@dataclass
class Client:
    """One user: a keep-alive connection and a cookie jar that ignores the Secure flag."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> tuple[int, str, str]:
        """(status, Location header, body text); reconnects once if the server closed the socket."""
        headers = {"Host": f"{HOST}:{self.port}", "Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            conn = self._connection()
            try:
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt:
                    raise
        for value in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(value)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        if response.will_close:
            self.close()
        return response.status, response.headers.get("Location", ""), text

    def login(self, username: str, password: str) -> None:
        status, _, text = self.request("GET", "/logg-inn/")
        found = CSRF_RE.search(text)
        if status != 200 or not found:
            raise LoadError(f"innloggingssiden svarte {status} uten CSRF-felt")
        form = {"csrfmiddlewaretoken": found.group(1), "username": username, "password": password}
        status, location, _ = self.request("POST", "/logg-inn/", form)
        if status != 302 or "logg-inn" in location:
            raise LoadError(f"innlogging for {username} feilet (status {status}, til {location or '-'})")


@dataclass
class User:
    username: str
    case_ids: list[str]


@dataclass
class Sample:
    page: str
    ms: float
    ok: bool


def pick_users(count: int) -> list[User]:
    """``count`` case workers, round-robin over services from the largest, with their cases."""
    from django.db.models import Count

    from barnevern.accounts.models import Role
    from barnevern.accounts.models import User as DjangoUser
    from barnevern.cases import models as m

    workers = (
        DjangoUser.objects.filter(rolle=Role.SAKSBEHANDLER, tjeneste__slug__startswith=common.SERVICE_PREFIX)
        .annotate(n=Count("saker"))
        .filter(n__gt=0)
        .values_list("username", "tjeneste_id", "pk")
        .order_by("username")
    )
    by_service: dict[int, list[tuple[str, int]]] = {}
    for username, tjeneste_id, pk in workers:
        by_service.setdefault(tjeneste_id, []).append((username, pk))
    size = dict(
        m.Sak.objects.filter(er_slettet=False).values_list("tjeneste_id").annotate(n=Count("id")).order_by()
    )
    order = sorted(by_service, key=lambda t: -size.get(t, 0))
    chosen: list[tuple[str, int]] = []
    rank = 0
    while len(chosen) < count and any(rank < len(by_service[t]) for t in order):
        for tjeneste_id in order:
            if rank < len(by_service[tjeneste_id]) and len(chosen) < count:
                chosen.append(by_service[tjeneste_id][rank])
        rank += 1
    if not chosen:
        raise SystemExit("Fant ingen saksbehandlere i benchmark-databasen: kjør load_db.py først.")
    users = []
    for username, pk in chosen:
        ids = m.Sak.objects.filter(saksbehandler_id=pk, er_slettet=False).order_by("id")  # a mixed sample
        users.append(User(username, [str(i) for i in ids.values_list("id", flat=True)[:50]]))
    return users


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def server_env(database_url: str, port: int) -> dict[str, str]:
    return common.bench_env(
        database_url,
        BARNEVERN_ENV="production",
        DJANGO_SETTINGS_MODULE="bench_settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        REQUIRE_2FA="0",
        GUNICORN_BIND=f"{HOST}:{port}",
        AXES_FAILURE_LIMIT="1000",
    )


def start_server(database_url: str, port: int, log_path: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "-c", str(common.ROOT / "deploy" / "gunicorn.conf.py"), "barnevern.wsgi"]
    log = log_path.open("w")
    process = subprocess.Popen(  # noqa: S603 - our own gunicorn with fixed arguments
        command,
        env=server_env(database_url, port),
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=common.ROOT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stoppet (kode {process.returncode}); se {log_path}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    stop_server(process)
    raise SystemExit(f"gunicorn svarte ikke på {HOST}:{port} innen 60 s; se {log_path}")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def page_path(key: str, template: str, user: User, n: int) -> str:
    if key == "case":
        return template.format(sak_id=user.case_ids[n % len(user.case_ids)])
    return template


def run_phase(
    clients: list[tuple[Client, User]],
    pages: list[tuple[str, str]],
    seconds: float,
    think_ms: float,
) -> tuple[list[Sample], float]:
    """Every client requests ``pages`` in turn until ``seconds`` have passed."""
    samples: list[list[Sample]] = [[] for _ in clients]
    start_at = time.monotonic() + 0.2
    stop_at = start_at + seconds

    def worker(i: int, client: Client, user: User) -> None:
        rng = random.Random(i)  # noqa: S311 - pauses, not secrets
        # Staggered starts and pauses of 0.5–1.5 × think time: users do not click in step.
        begin = start_at + (think_ms / 1000) * i / max(len(clients), 1)
        while time.monotonic() < begin:
            time.sleep(0.01)
        n = i  # users start at different pages
        mine = samples[i]
        while time.monotonic() < stop_at and len(mine) < MAX_REQUESTS_PER_USER:
            key, template = pages[n % len(pages)]
            path = page_path(key, template, user, n // len(pages))
            started = time.perf_counter()
            try:
                status, _, _ = client.request("GET", path)
                ok = status == 200
            except (OSError, http.client.HTTPException):
                client.close()
                ok = False
            mine.append(Sample(key, (time.perf_counter() - started) * 1000, ok))
            n += 1
            if think_ms:
                time.sleep(think_ms / 1000 * rng.uniform(0.5, 1.5))

    threads = [
        threading.Thread(target=worker, args=(i, c, u), daemon=True) for i, (c, u) in enumerate(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    elapsed = time.monotonic() - start_at
    return [s for per in samples for s in per], elapsed


def summarise(samples: list[Sample], key: str) -> dict[str, float]:
    mine = [s for s in samples if s.page == key]
    times = [s.ms for s in mine]
    if not times:
        return {"n": 0, "errors": 0}
    return {
        "n": len(mine),
        "errors": sum(1 for s in mine if not s.ok),
        "p50": common.percentile(times, 50),
        "p95": common.percentile(times, 95),
        "p99": common.percentile(times, 99),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lasttest av websidene med innloggede brukere.")
    common.common_args(parser)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0, help="varighet av målingen (standard 30 s)")
    parser.add_argument("--baseline-seconds", type=float, default=None, help="tom visning (standard 1/3)")
    parser.add_argument(
        "--think-ms",
        type=float,
        default=THINK_MS,
        help="pause mellom sidevisninger per bruker (standard 1000)",
    )
    parser.add_argument(
        "--stress-seconds",
        type=float,
        default=None,
        help="kapasitetsfase uten pause (standard 1/3 av --seconds)",
    )
    parser.add_argument(
        "--mixed", action="store_true", help="alle sider om hverandre (standard: én side om gangen)"
    )
    parser.add_argument(
        "--pages",
        default=",".join(k for k, _, _ in PAGES),
        help=f"sidene som måles, kommaseparert (standard alle: {','.join(k for k, _, _ in PAGES)})",
    )
    args = parser.parse_args(argv)
    chosen = [k.strip() for k in args.pages.split(",") if k.strip()]
    if unknown := set(chosen) - {k for k, _, _ in PAGES}:
        parser.error(f"ukjente sider: {', '.join(sorted(unknown))}")
    url = args.database_url or common.DEFAULT_PG_URL
    common.setup_django(url)
    size = args.size or common.case_count()
    db = common.db_label(url)
    users = pick_users(args.users)
    from django.db import connection

    connection.close()
    port = free_port()
    log_path = common.DATA_DIR / "gunicorn.log"
    process = start_server(url, port, log_path)
    try:
        clients = []
        for user in users:
            client = Client(port)
            client.login(user.username, common.PASSWORD)
            clients.append((client, user))
        stats_ready = False
        if "stats" in chosen:
            probe = clients[0][0].request("GET", "/statistikk/")
            stats_ready = probe[0] == 200 and PLACEHOLDER not in probe[2]
        pages = [(k, p) for k, _, p in PAGES if k in chosen and (k != "stats" or stats_ready)]
        for client, user in clients:  # warm-up: every page once, not counted
            for key, template in [*pages, ("baseline", BASELINE_PATH)]:
                client.request("GET", page_path(key, template, user, 0))
        phase = args.seconds if args.mixed else args.seconds / len(pages)
        base_seconds = args.baseline_seconds or max(3.0, phase)
        base_samples, _ = run_phase(clients, [("baseline", BASELINE_PATH)], base_seconds, args.think_ms)
        if args.mixed:  # every user goes round all pages
            samples, elapsed = run_phase(clients, pages, args.seconds, args.think_ms)
        else:  # one page at a time: each page's figure is its own, not its neighbours' queue
            samples, elapsed = [], 0.0
            for page in pages:
                found, took = run_phase(clients, [page], phase, args.think_ms)
                samples += found
                elapsed += took
        stress_seconds = args.stress_seconds if args.stress_seconds is not None else args.seconds / 3
        stress, stress_elapsed, stress_base = [], 0.0, []
        if stress_seconds > 0:  # capacity: every page in turn, no pause (and the empty view so)
            stress_base, _ = run_phase(
                clients, [("baseline", BASELINE_PATH)], max(3.0, stress_seconds / 2), 0.0
            )
            stress, stress_elapsed = run_phase(clients, pages, stress_seconds, 0.0)
        for client, _ in clients:
            client.close()
    finally:
        stop_server(process)
    base = summarise(base_samples, "baseline")
    rows = []
    label_of = {k: label for k, label, _ in PAGES}
    total = len(samples)
    for key, label, _ in PAGES:
        if key not in chosen:
            continue
        name = f"Web: {label}, {len(users)} brukere"
        target = "p95 < 300 ms, 0 feil"
        if key == "stats" and not stats_ready:
            rows.append(common.missing(name, size, db, target, "statistikksiden er ikke bygget ennå"))
            continue
        s = summarise(samples, key)
        if not s["n"]:
            rows.append(common.Row(name, size, db, None, "ms", target=target, note="ingen svar"))
            continue
        rows.append(
            common.Row(
                name,
                size,
                db,
                s["p95"],
                "ms",
                base.get("p95"),
                "tom visning",
                max_value=TARGET_P95_MS,
                target=target,
                errors=int(s["errors"]),
                note=f"p50 {s['p50']:.0f} / p99 {s['p99']:.0f} ms, {int(s['n'])} kall",
                extra={"page": key, **s, "baseline": base, "label": label_of[key]},
            )
        )
    rows.append(
        common.Row(
            f"Web: alle sider samlet, {len(users)} brukere",
            size,
            db,
            common.percentile([s.ms for s in samples], 95) if samples else None,
            "ms",
            base.get("p95"),
            "tom visning",
            max_value=TARGET_P95_MS,
            target="p95 < 300 ms, 0 feil",
            errors=sum(1 for s in samples if not s.ok),
            note=(
                f"{total / elapsed:.0f} kall/s i {elapsed:.0f} s; "
                f"tom visning {base['n'] / base_seconds:.0f} kall/s"
            ),
            extra={"throughput": total / elapsed, "base": base},
        )
    )
    if stress:
        rows.append(
            common.Row(
                f"Web: kapasitet, {len(users)} brukere uten pause",
                size,
                db,
                common.percentile([s.ms for s in stress], 95),
                "ms",
                common.percentile([s.ms for s in stress_base], 95) if stress_base else None,
                "tom visning",
                target="måles, ingen grense",
                errors=sum(1 for s in stress if not s.ok),
                note=f"{len(stress) / stress_elapsed:.0f} kall/s, alle sider om hverandre",
                extra={"throughput": len(stress) / stress_elapsed},
                available=True,
            )
        )
    common.emit(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
