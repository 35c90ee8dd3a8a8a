"""CUSTOM LOGIN: customer login (MyAccount) and logout."""

from __future__ import annotations

from . import http
from .types import CustomerSession


def customer_login(*, login_id: str, password: str) -> CustomerSession:
    """Log a customer in by customer number or personal id; the token is bound to one customer number.

    Sent once (never retried: each attempt counts towards the lockout). Raises BackUnauthorized
    (`invalid_credentials`), BackError with code `account_locked` (423) or `throttled` (429),
    BackValidationError, BackUnavailable.
    """
    data = http.post(
        "/api/v1/customlogin/sessions/", json={"login_id": login_id, "password": password}, as_person=False
    )
    return CustomerSession.from_json(data)


def customer_logout() -> None:
    """Revoke the acting customer's token (the same endpoint revokes any person token)."""
    http.delete("/api/v1/security/sessions/current/")
