"""WSGI entry point of the FRONT tier (gunicorn weblys.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weblys.settings")

application = get_wsgi_application()
