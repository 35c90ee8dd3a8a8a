"""WSGI entry point of the FRONT tier (gunicorn weblys.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weblys.settings")

application = get_wsgi_application()

# What is loaded now (Django, every site, the URLconf and its views) lives as long as the worker: load
# it before the first request (not in it) and freeze it, so that the collector's full collections do not
# walk those objects again and stall a page.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018 - imports every site's views before the freeze
gc.collect()
gc.freeze()
