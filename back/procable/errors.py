"""Errors of the Pro-Cable gateway: every adapter raises only these (never a database exception).

The front maps them by `code`: `procable_not_found` (404), `procable_conflict` (409),
`procable_unavailable` (503, retry later) and `procable_rejected` (422, with a `reason` the caller
can show or act on).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from back.api.errors import DomainError


class ProCableError(DomainError):
    """Base of every refusal or failure coming from Pro-Cable."""

    status = 502
    code = "procable_error"
    title = _("Pro-Cable refused or failed the request.")


class ProCableNotFoundError(ProCableError):
    """The customer, address, invoice... does not exist in Pro-Cable."""

    status = 404
    code = "procable_not_found"
    title = _("Not found in Pro-Cable.")


class ProCableConflictError(ProCableError):
    """The request conflicts with Pro-Cable's current state (full slot, locked file, duplicate...)."""

    status = 409
    code = "procable_conflict"
    title = _("The request conflicts with the current state of Pro-Cable.")


class ProCableUnavailableError(ProCableError):
    """Pro-Cable cannot be reached or failed; the same call may succeed later."""

    status = 503
    code = "procable_unavailable"
    title = _("Pro-Cable is unavailable; try again shortly.")


class ProCableRejectedError(ProCableError):
    """Pro-Cable understood the request and refused it for a business `reason` (a stable code)."""

    status = 422
    code = "procable_rejected"
    title = _("Pro-Cable rejected the request.")

    def __init__(self, detail: str | None = None, *, reason: str, **extra: Any) -> None:
        self.reason = reason
        super().__init__(detail, reason=reason, **extra)
