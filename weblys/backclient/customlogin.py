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


def password_reset_request(*, login_id: str, last_name: str, email: str = "", phone: str = "") -> None:
    """Ask for a reset link by e-mail; the back answers the same whether anything matched or not.

    Raises BackValidationError (e.g. neither e-mail nor phone given), BackError `throttled` (429).
    """
    body = {"login_id": login_id, "last_name": last_name, "email": email, "phone": phone}
    http.post("/api/v1/customlogin/password-resets/", json=body, as_person=False)


def password_reset_confirm(*, token: str, new_password: str) -> str:
    """Choose a new password with the token of a reset link (single use); returns the customer number.

    Raises BackValidationError (`reset_link_invalid`: used, expired or unknown; `password_too_weak` on
    `new_password`).
    """
    data = http.post(
        "/api/v1/customlogin/password-resets/confirm/",
        json={"token": token, "new_password": new_password},
        as_person=False,
    )
    return str(data["customer_number"])


def personal_login_set(*, personal_login_id: str, password: str, current_password: str) -> str:
    """Define or change the personal login id and its password; returns the id kept.

    Raises BackForbidden (`current_password_wrong`), BackValidationError (`personal_login_id_invalid`,
    `password_too_weak`), BackConflict (`personal_login_id_taken`).
    """
    body = {
        "personal_login_id": personal_login_id,
        "password": password,
        "current_password": current_password,
    }
    data = http.put("/api/v1/customlogin/me/personal-login/", json=body)
    return str(data["personal_login_id"])


def password_change(*, current_password: str, new_password: str) -> None:
    """Change the customer's password (other sessions are logged out; this one is kept).

    Raises BackForbidden (`current_password_wrong`), BackValidationError (`password_too_weak`).
    """
    body = {"current_password": current_password, "new_password": new_password}
    http.put("/api/v1/customlogin/me/password/", json=body)
