"""Health of the back: every database and the cache, each named when it fails."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, JsonResponse


def _check_database(alias: str) -> str | None:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc)[:200]}"
    return None


def _check_cache() -> str | None:
    try:
        key = "health:probe"
        cache.set(key, "ok", 10)
        if cache.get(key) != "ok":
            return "the cache did not return what was written"
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc)[:200]}"
    return None


def health(request: HttpRequest) -> JsonResponse:
    """200 when every database and the cache answer, 503 naming those that failed. No credential needed."""
    started = time.perf_counter()
    checks: dict[str, dict[str, str]] = {}
    for alias in settings.DATABASES:
        name = "weblys" if alias == "default" else alias
        error = _check_database(alias)
        checks[f"db:{name}"] = {"status": "ok"} if error is None else {"status": "failed", "error": error}
    error = _check_cache()
    checks["cache"] = {"status": "ok"} if error is None else {"status": "failed", "error": error}
    failed = sorted(name for name, check in checks.items() if check["status"] != "ok")
    body = {
        "status": "ok" if not failed else "failed",
        "failed": failed,
        "checks": checks,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
    }
    return JsonResponse(body, status=200 if not failed else 503)
