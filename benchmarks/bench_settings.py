"""Settings of the benchmark web server: Barnevern's own settings plus one empty view.

``DJANGO_SETTINGS_MODULE=bench_settings`` (with ``benchmarks/`` on ``PYTHONPATH``) is used by
``web_load.py`` only; everything else, including ``BARNEVERN_ENV=production``, comes from the
environment exactly as in a real deployment.
"""

from barnevern.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
