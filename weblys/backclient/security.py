"""SECURITY: staff login, logout and the acting staff user."""

from __future__ import annotations

from . import http
from .types import StaffSession, StaffUser


def staff_login(*, code: str, password: str) -> StaffSession:
    """Log a staff user in and return the person token with the user's rights.

    Sent once (never retried: each attempt counts towards the lockout). Raises BackUnauthorized
    (`invalid_credentials`), BackError with code `account_locked` (423) or `throttled` (429),
    BackValidationError, BackUnavailable.
    """
    data = http.post("/api/v1/security/sessions/", json={"code": code, "password": password}, as_person=False)
    return StaffSession.from_json(data)


def staff_logout() -> None:
    """Revoke the acting staff user's token. Raises BackUnavailable."""
    http.delete("/api/v1/security/sessions/current/")


def staff_me() -> StaffUser:
    """Return the acting staff user with current rights. Raises BackUnauthorized, BackForbidden."""
    return StaffUser.from_json(http.get("/api/v1/security/me/"))
