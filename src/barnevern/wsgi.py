"""WSGI entry point: ``gunicorn barnevern.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barnevern.settings")
application = get_wsgi_application()
