"""WSGI entry point of the FRONT tier (gunicorn weblys.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

from weblys.workers import load_and_freeze

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weblys.settings")

application = get_wsgi_application()
load_and_freeze()
