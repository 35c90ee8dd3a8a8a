"""Reads of CUSTOM LOGIN (never a password hash)."""

from __future__ import annotations

from typing import Any

from .models import Credential


def credential_summary(*, customer_number: str) -> dict[str, Any] | None:
    """What MyAccount shows about the login: personal id, last login, password change; None if absent."""
    row = (
        Credential.objects.filter(customer_number=customer_number)
        .values(
            "customer_number",
            "personal_login_id",
            "last_login_at",
            "password_changed_at",
            "email",
            "language",
        )
        .first()
    )
    return row


def credential_export(*, customer_number: str) -> dict[str, Any] | None:
    """Everything CUSTOM LOGIN holds on a customer, for "download all my data" (hashes left out)."""
    credential = Credential.objects.filter(customer_number=customer_number).first()
    if credential is None:
        return None
    return {
        "customer_number": credential.customer_number,
        "personal_login_id": credential.personal_login_id,
        "has_personal_password": bool(credential.personal_password),
        "recovery": {
            "first_name": credential.first_name,
            "last_name": credential.last_name,
            "email": credential.email,
            "phones": list(credential.phones or []),
            "language": credential.language,
        },
        "last_login_at": credential.last_login_at.isoformat() if credential.last_login_at else None,
        "password_changed_at": credential.password_changed_at.isoformat()
        if credential.password_changed_at
        else None,
        "created_at": credential.created_at.isoformat(),
        "password_reset_links": credential.password_resets.count(),
    }
