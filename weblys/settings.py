"""FRONT tier settings: serves every site; holds no business data, only sessions.

Every value comes from an environment variable (see `.env.example`); the defaults let a fresh clone
run: DEBUG on, sessions in `var/front.sqlite3`, the back on http://127.0.0.1:8001. With
`WEBLYS_REDIS_URL` set, sessions live in Redis so that any front instance behind the load balancer
sees them.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from weblys.env import env_bool, env_float, env_int, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("WEBLYS_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("FRONT_DEBUG", env_bool("DEBUG", True))
SECRET_KEY = env_required(
    "FRONT_SECRET_KEY", default_in_debug="dev-only-front-secret-key-change-me", debug=DEBUG
)
ALLOWED_HOSTS = env_list("FRONT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("FRONT_ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("FRONT_CSRF_TRUSTED_ORIGINS", [])

# --- The back ----------------------------------------------------------------------------------------
WEBLYS_BACK_URL = (env_str("WEBLYS_BACK_URL", "http://127.0.0.1:8001") or "").rstrip("/")
WEBLYS_SERVICE_TOKEN = env_required("WEBLYS_SERVICE_TOKEN", default_in_debug="dev-service-token", debug=DEBUG)
WEBLYS_BACK_CONNECT_TIMEOUT = env_float("WEBLYS_BACK_CONNECT_TIMEOUT", 2.0)
WEBLYS_BACK_READ_TIMEOUT = env_float("WEBLYS_BACK_READ_TIMEOUT", 10.0)
WEBLYS_BACK_RETRIES = env_int("WEBLYS_BACK_RETRIES", 2)
WEBLYS_BACK_RETRY_BACKOFF = env_float("WEBLYS_BACK_RETRY_BACKOFF", 0.2)
WEBLYS_BACK_MAX_CONNECTIONS = env_int("WEBLYS_BACK_MAX_CONNECTIONS", 50)

INSTALLED_APPS = [
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "weblys.apps.WeblysConfig",
    "sites.selfshop",
    "sites.myaccount",
    "sites.myshop",
    "sites.weshop",
    "sites.wecare",
    "sites.wecrm",
    "sites.wediag",
    "sites.weconfig",
]

MIDDLEWARE = [
    "weblys.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "weblys.middleware.SessionSlideMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "weblys.middleware.BackContextMiddleware",
    "weblys.middleware.BackErrorMiddleware",
]

ROOT_URLCONF = "weblys.urls"
WSGI_APPLICATION = "weblys.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.messages.context_processors.messages",
                "weblys.context.layout",
            ]
        },
    }
]

# Form fields and widgets: Django's own form templates written in Python (weblys/formrenderer.py), the
# same markup; any other form template renders through Jinja2. Form rendering was half of the server
# time of a SelfShop page (a select or an input walks several nested templates per field).
FORM_RENDERER = "weblys.formrenderer.FrontFormRenderer"

# --- Sessions: the only state of the front -------------------------------------------------------------
# The front has no business database: one small SQLite file holds sessions unless Redis is configured.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env_str("FRONT_SESSION_DB_PATH", str(VAR_DIR / "front.sqlite3")),
        "OPTIONS": {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("WEBLYS_REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "weblys-front",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "weblys-front"}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Template fragments every visitor sees alike (the SelfShop address pickers before any choice), kept a
# few seconds by each process: a shared cache would cost a round trip for what takes a millisecond.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "weblys-front-fragments",
}

# Staff sessions last a working day at most (and never beyond the back's person token); a customer
# session expires after a short idle time. Requests slide the expiry, at most once a minute
# (weblys.middleware.SessionSlideMiddleware).
SESSION_COOKIE_AGE = env_int("FRONT_SESSION_COOKIE_AGE", 8 * 3600)
WEBLYS_CUSTOMER_SESSION_IDLE_SECONDS = env_int("WEBLYS_CUSTOMER_SESSION_IDLE_SECONDS", 15 * 60)
WEBLYS_SESSION_SLIDE_SECONDS = env_int("WEBLYS_SESSION_SLIDE_SECONDS", 60)
SESSION_COOKIE_NAME = "weblys_session"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("FRONT_SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("FRONT_CSRF_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "weblys.views.csrf_failure"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- Security headers ----------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_SSL_REDIRECT = env_bool("FRONT_SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("FRONT_SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("FRONT_SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
SECURE_HSTS_PRELOAD = env_bool("FRONT_SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
WEBLYS_BEHIND_PROXY = env_bool("WEBLYS_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if WEBLYS_BEHIND_PROXY else None
X_FRAME_OPTIONS = "DENY"
# Every asset is self-hosted: scripts and styles come from this origin only; the one inline <style>
# (the operator's brand colours) carries the per-response nonce.
_LOGO_ORIGIN = env_str("WEBLYS_OPERATOR_LOGO_URL", "") or ""


def _origin_of(url: str) -> list[str]:
    """The scheme://host of an absolute URL (an operator logo hosted elsewhere), else nothing."""
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", *_origin_of(_LOGO_ORIGIN)],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- Static files (self-hosted, served by whitenoise) --------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("FRONT_STATIC_ROOT", str(VAR_DIR / "static-front")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("FRONT_STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- I18N ----------------------------------------------------------------------------------------------
LANGUAGE_CODE = env_str("WEBLYS_LANGUAGE_CODE", "fr")
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "weblys" / "locale"]
LANGUAGE_COOKIE_NAME = "weblys_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
TIME_ZONE = env_str("WEBLYS_TIME_ZONE", "America/Montreal")
USE_I18N = True
USE_TZ = True

# --- Operator branding (customer sites) ------------------------------------------------------------------
WEBLYS_OPERATOR_NAME = env_str("WEBLYS_OPERATOR_NAME", "Cablys")
WEBLYS_OPERATOR_LOGO_URL = _LOGO_ORIGIN
WEBLYS_BRAND_PRIMARY = env_str("WEBLYS_BRAND_PRIMARY", "#0b4f8a")
WEBLYS_BRAND_ACCENT = env_str("WEBLYS_BRAND_ACCENT", "#b34700")
for _name in ("WEBLYS_BRAND_PRIMARY", "WEBLYS_BRAND_ACCENT"):
    # Written into the page's <style>: only a hex colour is accepted.
    if not re.fullmatch(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", globals()[_name] or ""):
        raise ImproperlyConfigured(f"{_name} must be a hex colour such as #0b4f8a.")
WEBLYS_PORTAL_URL = env_str("WEBLYS_PORTAL_URL", "/")
# Postal codes the address forms accept (front convenience check; the back decides). Default: Canada.
WEBLYS_POSTAL_CODE_PATTERN = env_str("WEBLYS_POSTAL_CODE_PATTERN", r"[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d")

# --- Logging: one line per event, with the request id ------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "weblys.requestid.RequestIdLogFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s front [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env_str("WEBLYS_LOG_LEVEL", "INFO")},
}
