"""Settings for the test suite; pytest uses them by default (``pyproject.toml``), so plain
``pytest`` behaves as ``scripts/test``: ``BARNEVERN_ENV=test`` (no DEBUG, no two-factor, fast
password hashing, SQLite in memory or ``DATABASE_URL``). The variable is set in the environment,
not only here, so commands that a test starts as a subprocess run with the same settings."""

import os

os.environ["BARNEVERN_ENV"] = "test"

from barnevern.settings import *  # noqa: E402,F403
