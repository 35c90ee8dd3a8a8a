"""Settings of the bare comparison project: nothing but what a page or an endpoint needs.

No database, no session, no authentication: the cost of Django + gunicorn (+ DRF) themselves.
`BENCH_BARE_DIR` holds what the harness captured from Weblys in the same run: `page.html` (a
template that renders to exactly as many bytes as the SelfShop page) and `offers.json` (the back's
answer to GET /api/v1/catalog/offers?address_id=...).
"""

from __future__ import annotations

import os
from pathlib import Path

BARE_DIR = Path(os.environ.get("BENCH_BARE_DIR", Path(__file__).resolve().parent / "sample"))

DEBUG = False
SECRET_KEY = "bench-bare-secret-key-not-for-production-0123456789"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bareproject.urls"
WSGI_APPLICATION = "bareproject.wsgi.application"
INSTALLED_APPS = ["rest_framework"]
# What any production Django site keeps; no session or auth middleware (they need a database).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
DATABASES: dict = {}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [str(BARE_DIR)],
        "APP_DIRS": False,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
USE_I18N = True
USE_TZ = True
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": None,
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
