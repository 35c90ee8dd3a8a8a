"""The one base class of every business error the back raises.

Each app defines its own subclasses in its `errors.py`, each with a stable `code`. The exception
handler renders them as RFC 9457 problem details; the front's client maps them back by `code`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A refusal the caller can understand and act on."""

    status: int = 400
    code: str = "domain_error"
    title: str = _("The request was refused.")

    def __init__(
        self, detail: str | None = None, *, errors: dict[str, list[str]] | None = None, **extra: Any
    ) -> None:
        self.detail = detail or self.title
        self.errors = errors or {}
        self.extra = extra
        super().__init__(self.detail)


class NotFoundError(DomainError):
    status = 404
    code = "not_found"
    title = _("Not found.")


class ConflictError(DomainError):
    status = 409
    code = "conflict"
    title = _("The request conflicts with the current state.")


class ForbiddenError(DomainError):
    status = 403
    code = "forbidden"
    title = _("You are not allowed to do this.")


class ValidationFailedError(DomainError):
    status = 400
    code = "validation_error"
    title = _("Some fields are not valid.")


class UnavailableError(DomainError):
    status = 503
    code = "unavailable"
    title = _("A system Weblys depends on is unavailable; try again shortly.")
