"""The Celery application of the back (broker: Redis; eager when no broker is configured)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "back.settings")

app = Celery("weblys")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
