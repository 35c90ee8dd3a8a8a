import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "back.settings")
application = get_wsgi_application()

# What is loaded now (Django, every app, the URLconf and its views) lives as long as the worker. Freezing
# it keeps the collector from walking those objects again: without this, a full collection every few
# thousand calls scans them all and stalls a call for 100 ms or more.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018 - imports every API module before the freeze
gc.collect()
gc.freeze()
