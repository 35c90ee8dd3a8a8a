"""Render every API error as RFC 9457 `application/problem+json`.

Shape: type, title, status, detail, code, errors (per field), request_id. Tracebacks never leave
the server: unexpected errors are logged with their request id and answered with a generic 500.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions as drf
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_default_handler

from weblys.requestid import current_request_id

from .errors import DomainError

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://weblys.dev/problems/"

_DRF_CODES: list[tuple[type[Exception], str, str]] = [
    (drf.ValidationError, "validation_error", _("Some fields are not valid.")),
    (drf.ParseError, "malformed_request", _("The request body could not be read.")),
    (drf.NotAuthenticated, "not_authenticated", _("Credentials are missing.")),
    (drf.AuthenticationFailed, "authentication_failed", _("Credentials are not valid.")),
    (drf.PermissionDenied, "forbidden", _("You are not allowed to do this.")),
    (drf.NotFound, "not_found", _("Not found.")),
    (drf.MethodNotAllowed, "method_not_allowed", _("Method not allowed.")),
    (drf.NotAcceptable, "not_acceptable", _("Not acceptable.")),
    (drf.UnsupportedMediaType, "unsupported_media_type", _("Unsupported media type.")),
    (drf.Throttled, "throttled", _("Too many requests; try again later.")),
]


def problem(
    *, status: int, code: str, title: str, detail: str, errors: dict | None = None, **extra: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": TYPE_BASE + code,
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        "request_id": current_request_id(),
    }
    if errors:
        body["errors"] = errors
    body.update(extra)
    return body


def _flatten_errors(data: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn DRF's nested error structure into {"field.sub": ["message", ...]}."""
    out: dict[str, list[str]] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for field, messages in _flatten_errors(value, name).items():
                out.setdefault(field, []).extend(messages)
    elif isinstance(data, list):
        if all(not isinstance(item, dict | list) for item in data):
            out[prefix or "non_field_errors"] = [str(item) for item in data]
        else:
            for index, item in enumerate(data):
                for field, messages in _flatten_errors(
                    item, f"{prefix}.{index}" if prefix else str(index)
                ).items():
                    out.setdefault(field, []).extend(messages)
    else:
        out[prefix or "non_field_errors"] = [str(data)]
    return out


def problem_exception_handler(exc: Exception, context: dict) -> Response:
    if isinstance(exc, DomainError):
        body = problem(
            status=exc.status,
            code=exc.code,
            title=exc.title,
            detail=exc.detail,
            errors=exc.errors,
            **exc.extra,
        )
        return Response(body, status=exc.status, content_type=PROBLEM_CONTENT_TYPE)

    if isinstance(exc, Http404):
        exc = drf.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = drf.PermissionDenied()

    if isinstance(exc, drf.APIException):
        response = drf_default_handler(exc, context)
        assert response is not None
        code, title = "error", _("The request failed.")
        for klass, klass_code, klass_title in _DRF_CODES:
            if isinstance(exc, klass):
                code, title = klass_code, klass_title
                break
        errors: dict[str, list[str]] = {}
        if isinstance(exc, drf.ValidationError):
            errors = _flatten_errors(exc.detail)
            detail = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items())
        else:
            detail = str(exc.detail)
        response.data = problem(
            status=response.status_code, code=code, title=title, detail=detail, errors=errors
        )
        response.content_type = PROBLEM_CONTENT_TYPE
        return response

    logger.exception("Unhandled error in %s", context.get("view").__class__.__name__)
    body = problem(
        status=500,
        code="server_error",
        title=_("Internal error."),
        detail=_("An unexpected error occurred; it has been logged with this request id."),
    )
    return Response(body, status=500, content_type=PROBLEM_CONTENT_TYPE)


def json_problem_view(status: int, code: str, title: str):
    """Django-level handlers (404/500 outside DRF views) also answer problem+json, never HTML."""

    def view(request, exception=None):
        # The title is a msgid of this module (e.g. "Not found."): answer it in the caller's language.
        text = gettext(title)
        body = problem(status=status, code=code, title=text, detail=text)
        return JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)

    return view
