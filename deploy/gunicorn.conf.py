"""Gunicorn configuration for Barnevern: ``gunicorn -c deploy/gunicorn.conf.py barnevern.wsgi``.

Production-like defaults that the environment may override (see docs/performance.md):

* ``gthread`` workers: each worker process runs ``GUNICORN_THREADS`` threads and keeps HTTP
  connections alive between requests (the ``sync`` worker closes them after each request).
* ``GUNICORN_WORKERS`` processes, default 2 × CPU cores + 1 (gunicorn's own advice): with
  requests that mostly wait for PostgreSQL, this keeps every core busy.
* Bound to ``GUNICORN_BIND`` (default ``127.0.0.1:8000``): put a TLS-terminating reverse
  proxy (nginx, Caddy) in front; Barnevern trusts ``X-Forwarded-Proto`` from it
  (``SECURE_PROXY_SSL_HEADER``) only through ``FORWARDED_ALLOW_IPS`` (default 127.0.0.1).
* ``GUNICORN_MAX_REQUESTS`` (default 0 = never) recycles a worker after that many requests.
* ``GUNICORN_ACCESSLOG`` (a path or ``-``) turns the access log on; errors go to stderr or
  ``GUNICORN_ERRORLOG``.

Each thread holds its own database connection for ``CONN_MAX_AGE`` seconds (settings), so
PostgreSQL needs ``max_connections`` ≥ workers × threads plus the commands you run.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 2)
worker_class = "gthread"
keepalive = _int("GUNICORN_KEEPALIVE", 5)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
max_requests = _int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
preload_app = True  # import Django once, then fork (no database connection is opened at import)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = os.environ.get("GUNICORN_ERRORLOG", "-")
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
proc_name = "barnevern"
limit_request_line = 8190
limit_request_fields = 100
