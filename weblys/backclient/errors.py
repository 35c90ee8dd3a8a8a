"""Typed errors mapped from the back's RFC 9457 problem+json answers.

Views catch the narrowest one they can act on and choose their message by `code` (stable), never by
parsing `detail` (human text in the caller's language).
"""

from __future__ import annotations

from typing import Any


class BackError(Exception):
    """Any refusal or failure reported by the back (or of the way to it)."""

    def __init__(
        self,
        detail: str = "",
        *,
        code: str = "error",
        status: int = 0,
        title: str = "",
        errors: dict[str, list[str]] | None = None,
        request_id: str = "",
        problem: dict[str, Any] | None = None,
    ) -> None:
        self.detail = detail or title or code
        self.code = code
        self.status = status
        self.title = title
        self.errors: dict[str, list[str]] = errors or {}
        self.request_id = request_id
        # The whole problem+json body, so a caller reads the members a refusal adds (`offers`,
        # `slots`, `reason`, `missing_step`, `blockers`...); empty when the answer had no JSON object.
        self.problem: dict[str, Any] = dict(problem or {})
        super().__init__(f"{status} {code}: {self.detail}")


class BackValidationError(BackError):
    """400/422: some fields are not valid; `errors` maps each field to its messages."""


class BackUnauthorized(BackError):
    """401: credentials refused (wrong login, or the person token expired or was revoked)."""


class BackPaymentRequired(BackError):
    """402: the payment was refused (e.g. `payment_declined`, with its `reason` in `problem`)."""


class BackForbidden(BackError):
    """403: the acting person may not do this."""


class BackNotFound(BackError):
    """404: no such thing (or not visible to the acting person)."""


class BackConflict(BackError):
    """409: refused by the current state (a blocked delete, a duplicate in-flight key...)."""


class BackUnavailable(BackError):
    """The back could not be reached or answered 502/503/504, after the allowed retries."""
