"""The `Idempotency-Key` contract for every POST that creates something.

- The first call with a key runs and its 2xx answer is stored; any later call with the same key, actor
  and endpoint gets that answer again (header `Idempotent-Replayed: true`), and nothing runs twice.
- The same key with a different body is refused (422 `idempotency_key_reused`).
- A call arriving while the first is still running gets 409 `idempotency_key_in_flight`; the client
  retries later with the same key.
- A refusal (4xx) or a crash forgets the key, since nothing was created: the caller may fix and resend.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.request import Request
from rest_framework.response import Response

from .errors import ConflictError, DomainError, ValidationFailedError
from .models import IdempotencyRecord

HEADER = "Idempotency-Key"


class IdempotencyKeyReusedError(DomainError):
    status = 422
    code = "idempotency_key_reused"
    title = _("This Idempotency-Key was already used with a different request.")


class IdempotencyKeyInFlightError(ConflictError):
    code = "idempotency_key_in_flight"
    title = _("A request with this Idempotency-Key is still being processed; retry shortly.")


def _request_hash(request: Request) -> str:
    payload = json.dumps(request.data, sort_keys=True, default=str) if request.data else ""
    return hashlib.sha256(f"{request.method}:{request.path}:{payload}".encode()).hexdigest()


def idempotent(view_method: Callable) -> Callable:
    """Decorate an APIView `post` so it honours the Idempotency-Key contract (the key is required)."""

    @functools.wraps(view_method)
    def wrapper(self, request: Request, *args, **kwargs) -> Response:
        key = (request.headers.get(HEADER) or "").strip()
        if not key or len(key) > 128:
            raise ValidationFailedError(
                _("An Idempotency-Key header (at most 128 characters) is required on this call."),
                errors={HEADER: [_("This header is required.")]},
            )
        scope = f"{request.user.identity}:{request.path}"[:255]
        request_hash = _request_hash(request)
        record = _claim(scope=scope, key=key, request_hash=request_hash)
        if isinstance(record, Response):
            return record
        try:
            response = view_method(self, request, *args, **kwargs)
        except BaseException:
            IdempotencyRecord.objects.filter(pk=record.pk).delete()
            raise
        if 200 <= response.status_code < 300:
            record.status_code = response.status_code
            record.response_body = json.loads(json.dumps(response.data, default=str))
            record.save(update_fields=["status_code", "response_body", "updated_at"])
        else:
            IdempotencyRecord.objects.filter(pk=record.pk).delete()
        return response

    return wrapper


def _claim(*, scope: str, key: str, request_hash: str) -> IdempotencyRecord | Response:
    try:
        return _insert_claim(scope=scope, key=key, request_hash=request_hash)
    except IntegrityError:
        pass
    existing = IdempotencyRecord.objects.get(scope=scope, key=key)
    if existing.request_hash != request_hash:
        raise IdempotencyKeyReusedError()
    if existing.status_code is None:
        # A first call that died without answering leaves a stale claim: take it over.
        # No request outlives the worker timeout (gunicorn kills it), so a claim older than the window
        # belongs to a call that will never answer.
        stale_before = timezone.now() - timedelta(seconds=settings.IDEMPOTENCY_IN_FLIGHT_SECONDS)
        if existing.updated_at < stale_before:
            updated = IdempotencyRecord.objects.filter(pk=existing.pk, updated_at=existing.updated_at).update(
                updated_at=timezone.now()
            )
            if updated:
                existing.refresh_from_db()
                return existing
        raise IdempotencyKeyInFlightError()
    response = Response(existing.response_body, status=existing.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def _insert_claim(*, scope: str, key: str, request_hash: str) -> IdempotencyRecord:
    """Insert the claim; IntegrityError when the key was claimed already (unique scope + key).

    In autocommit (a view's usual state) the INSERT is a transaction of its own and a duplicate
    leaves nothing to roll back; inside a caller's transaction a savepoint keeps it usable.
    """
    if transaction.get_connection("default").in_atomic_block:
        with transaction.atomic(using="default"):
            return IdempotencyRecord.objects.create(scope=scope, key=key, request_hash=request_hash)
    return IdempotencyRecord.objects.create(scope=scope, key=key, request_hash=request_hash)
