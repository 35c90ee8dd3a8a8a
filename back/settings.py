"""BACK tier settings: owns every Weblys database and the Pro-Cable gateway.

Every value comes from an environment variable (see `.env.example`); defaults let a fresh clone run
with one SQLite file per database under `var/`, eager Celery tasks and a local-memory cache.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from weblys.env import env_bool, env_float, env_int, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("WEBLYS_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("BACK_DEBUG", env_bool("DEBUG", True))
SECRET_KEY = env_required(
    "BACK_SECRET_KEY", default_in_debug="dev-only-back-secret-key-change-me", debug=DEBUG
)
ALLOWED_HOSTS = env_list("BACK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("BACK_ALLOWED_HOSTS must be set when DEBUG is off.")

# The front's service credential: every API call must carry it (header X-Service-Token).
SERVICE_TOKENS = env_list("WEBLYS_SERVICE_TOKENS", None) or [
    env_required("WEBLYS_SERVICE_TOKEN", default_in_debug="dev-service-token", debug=DEBUG)
]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "back.api",
    # Order matters for seed_demo: each app's demo.seed() runs in this order.
    "back.security",
    "back.param",
    "back.procable",
    "back.customlogin",
    "catalog",
    "rules",
    "back.orders",
    "back.myaccount",
    "back.logstats",
    "wecrm",
    "wediag",
    "weconfig",
]

MIDDLEWARE = [
    "back.api.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# The back is a JSON API authenticated by tokens in headers, never by cookies: there is no session or
# CSRF cookie to protect, so Django's CSRF middleware does not apply (README, "Configuration").
SILENCED_SYSTEM_CHECKS = ["security.W003"]

ROOT_URLCONF = "back.urls"
WSGI_APPLICATION = "back.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

# --- Databases -------------------------------------------------------------------------------------
# One database per alias, each from its own URL. `default` is the `weblys` database (settings, carts
# and orders, case-file events, web-service trace); Django needs an alias of that name.
DATABASE_ALIASES = [
    "weblys",
    "catalog",
    "rules",
    "param",
    "security",
    "customlogin",
    "wecrm",
    "diagtree",
    "procable",
]
DB_CONN_MAX_AGE = env_int("WEBLYS_DB_CONN_MAX_AGE", 60)


def _database(alias: str) -> dict:
    default_url = f"sqlite:///{VAR_DIR / (alias + '.sqlite3')}"
    url = env_str(f"WEBLYS_DB_{alias.upper()}_URL") or default_url
    config = dj_database_url.parse(url, conn_max_age=DB_CONN_MAX_AGE, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        # WAL + a busy timeout so the worker, the API and the tests can share a file without locking up.
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["TEST"] = {"NAME": None}
    else:
        config.setdefault("TEST", {})["NAME"] = f"test_{config['NAME']}"
    return config


DATABASES = {("default" if alias == "weblys" else alias): _database(alias) for alias in DATABASE_ALIASES}
DATABASE_ROUTERS = ["back.dbrouter.AppDatabaseRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (shared between instances through Redis in production) -----------------------------------
REDIS_URL = env_str("WEBLYS_REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "weblys-back",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "weblys-back"}
    }

# --- Celery ----------------------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("WEBLYS_CELERY_BROKER_URL", REDIS_URL or "")
CELERY_TASK_ALWAYS_EAGER = env_bool("WEBLYS_CELERY_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "weblys"
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "orders-resubmit-pending": {"task": "back.orders.tasks.orders_resubmit_pending_task", "schedule": 60.0},
    "orders-abandon-stale-carts": {"task": "back.orders.tasks.carts_abandon_stale_task", "schedule": 300.0},
}

# --- REST API ----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["back.api.auth.ServiceAndPersonAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["back.api.permissions.IsServiceCaller"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser", "rest_framework.parsers.MultiPartParser"],
    "EXCEPTION_HANDLER": "back.api.exceptions.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "back.api.schema.WeblysAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "back.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Weblys back API",
    "DESCRIPTION": "Business API of the Weblys back tier. Every call carries the front's service token "
    "(X-Service-Token) and, where a person acts, that person's token (Authorization: Bearer).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    # One schema name per choice set that several fields share (`method` / `payment_method`,
    # `ownership` / `acquisition`).
    "ENUM_NAME_OVERRIDES": {
        "PaymentMethodEnum": ["bill", "pad", "card"],
        "OwnershipEnum": ["rent", "buy"],
    },
}

# --- Security ----------------------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
if env_bool("WEBLYS_FAST_HASHER", False):  # tests only: hashing cost is not what they measure
    PASSWORD_HASHERS.insert(0, "django.contrib.auth.hashers.MD5PasswordHasher")
PERSON_TOKEN_TTL_SECONDS = env_int("WEBLYS_PERSON_TOKEN_TTL_SECONDS", 8 * 3600)
LOGIN_MAX_FAILURES = env_int("WEBLYS_LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_SECONDS = env_int("WEBLYS_LOGIN_LOCKOUT_SECONDS", 15 * 60)
DEFAULT_WEB_USER = env_str("WEBLYS_DEFAULT_WEB_USER", "WEB")
# A creating POST still running under its Idempotency-Key answers 409 to a retry for this long; after it
# the claim is taken over. Keep it above the gunicorn timeout (WEBLYS_GUNICORN_TIMEOUT, 30 s).
IDEMPOTENCY_IN_FLIGHT_SECONDS = env_int("WEBLYS_IDEMPOTENCY_IN_FLIGHT_SECONDS", 45)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_SSL_REDIRECT = env_bool("BACK_SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("BACK_SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("WEBLYS_BEHIND_PROXY", False) else None
)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# --- I18N ----------------------------------------------------------------------------------------
LANGUAGE_CODE = env_str("WEBLYS_LANGUAGE_CODE", "fr")
LANGUAGES = [("fr", "Français"), ("en", "English")]
# Strings of back packages that are not apps (api, payments); each app also has its own locale/.
LOCALE_PATHS = [BASE_DIR / "back" / "locale"]
TIME_ZONE = env_str("WEBLYS_TIME_ZONE", "America/Montreal")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static-back"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# --- Pro-Cable, payments, e-mail --------------------------------------------------------------------------
PROCABLE_ADAPTER = env_str("WEBLYS_PROCABLE_ADAPTER", "embedded")
# Test and drill switch: every gateway call answers "Pro-Cable unavailable" while true.
PROCABLE_SIMULATE_DOWN = env_bool("WEBLYS_PROCABLE_SIMULATE_DOWN", False)
PROCABLE_ORACLE_DSN = env_str("WEBLYS_PROCABLE_ORACLE_DSN", "")
PROCABLE_ORACLE_MAPPING = env_str("WEBLYS_PROCABLE_ORACLE_MAPPING", "")
PAYMENT_GATEWAY = env_str("WEBLYS_PAYMENT_GATEWAY", "sandbox")
# Pro-Cable's customer-management transaction also creates the customer's CUSTOM LOGIN credentials.
PROCABLE_ON_CUSTOMER_CREATED = env_str(
    "WEBLYS_PROCABLE_ON_CUSTOMER_CREATED", "back.customlogin.services.credentials_create_for_new_customer"
)
# Customer types that may not change their offer online (MyShop) without a staff override.
ORDERS_CHANGE_BLOCKED_CUSTOMER_TYPES = env_list("WEBLYS_CHANGE_BLOCKED_CUSTOMER_TYPES", ["EMP", "VIP"])
ORDERS_DISCOUNT_MAX_AMOUNT = env_str("WEBLYS_DISCOUNT_MAX_AMOUNT", "50.00")  # store-manager discount limits
ORDERS_DISCOUNT_MAX_PERCENT = env_str("WEBLYS_DISCOUNT_MAX_PERCENT", "20")
MYACCOUNT_APPOINTMENT_MIN_NOTICE_HOURS = env_int("WEBLYS_APPOINTMENT_MIN_NOTICE_HOURS", 24)
MYACCOUNT_RECORDS_RETENTION_YEARS = env_int("WEBLYS_RECORDS_RETENTION_YEARS", 6)
PAYMENT_CURRENCY = env_str("WEBLYS_PAYMENT_CURRENCY", "CAD")
CUSTOMLOGIN_PASSWORD_MIN_LENGTH = env_int("WEBLYS_CUSTOMER_PASSWORD_MIN_LENGTH", 10)
CUSTOMLOGIN_RESET_TTL_SECONDS = env_int("WEBLYS_PASSWORD_RESET_TTL_SECONDS", 3600)
ORDERS_ASK_DATE_OF_BIRTH = env_bool("WEBLYS_ORDERS_ASK_DATE_OF_BIRTH", False)
ORDERS_CURRENCY = env_str("WEBLYS_ORDERS_CURRENCY", "CAD")
OPERATOR_NAME = env_str("WEBLYS_OPERATOR_NAME", "Cablys")
EMAIL_BACKEND = env_str("WEBLYS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("WEBLYS_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("WEBLYS_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("WEBLYS_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("WEBLYS_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("WEBLYS_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("WEBLYS_DEFAULT_FROM_EMAIL", "no-reply@weblys.example")
FRONT_BASE_URL = env_str("WEBLYS_FRONT_BASE_URL", "http://127.0.0.1:8000")
ABANDONED_CART_MINUTES = env_int("WEBLYS_ABANDONED_CART_MINUTES", 60)
HTTP_TIMEOUT_SECONDS = env_float("WEBLYS_HTTP_TIMEOUT_SECONDS", 10.0)

# --- Logging: one line per event, with the request id --------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "weblys.requestid.RequestIdLogFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s back [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env_str("WEBLYS_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
