"""The back's health: every database and the cache."""

from __future__ import annotations

from . import http
from .types import BackHealth


def back_health() -> BackHealth:
    """Return the back's report; a failed database is reported, not raised. Raises BackUnavailable
    only when the back itself cannot be reached."""
    return BackHealth.from_json(http.get("/health/", accept=(503,)))
