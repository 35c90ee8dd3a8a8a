"""The HTTP layer of the back client: one pooled `httpx.Client` per process.

Every call carries a timeout, the front's service token, the acting person's token, the site, the
client address, the language and the request id (from `context.py` and `weblys.requestid`).
Callers add their own headers with `headers=` (e.g. a cart's `X-Cart-Secret`); `get_stream` is the
streaming GET for files. Every problem+json body stays on the raised error as `error.problem`.
Retries: only connection errors, timeouts and 502/503/504, only for GETs and for POSTs that carry an
`Idempotency-Key` (the same key on every attempt, so the back answers a replay once), at most
`WEBLYS_BACK_RETRIES` more times with a short exponential backoff. A 4xx is never retried.

`use_transport()` is the one seam tests use to put an `httpx.MockTransport` in place of the network.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import httpx
from django.conf import settings

from weblys.requestid import current_request_id, new_request_id

from .context import current_context
from .errors import (
    BackConflict,
    BackError,
    BackForbidden,
    BackNotFound,
    BackPaymentRequired,
    BackUnauthorized,
    BackUnavailable,
    BackValidationError,
)

logger = logging.getLogger("weblys.backclient")

RETRYABLE_STATUSES = frozenset({502, 503, 504})
_STATUS_ERRORS: dict[int, type[BackError]] = {
    400: BackValidationError,
    401: BackUnauthorized,
    402: BackPaymentRequired,
    403: BackForbidden,
    404: BackNotFound,
    409: BackConflict,
    422: BackValidationError,
}

_lock = threading.Lock()
_client: httpx.Client | None = None
_transport: httpx.BaseTransport | None = None


def use_transport(transport: httpx.BaseTransport | None) -> None:
    """Send every later call through `transport` (tests), or back to the network with None."""
    global _client, _transport
    with _lock:
        if _client is not None:
            _client.close()
        _client = None
        _transport = transport


def _get_client() -> httpx.Client:
    global _client
    if _client is None:
        with _lock:
            if _client is None:
                transport = _transport or httpx.HTTPTransport(
                    limits=httpx.Limits(
                        max_connections=settings.WEBLYS_BACK_MAX_CONNECTIONS,
                        max_keepalive_connections=settings.WEBLYS_BACK_MAX_CONNECTIONS,
                    ),
                    retries=0,
                )
                _client = httpx.Client(
                    base_url=settings.WEBLYS_BACK_URL,
                    transport=transport,
                    timeout=_timeout(),
                    headers={"Accept": "application/json", "User-Agent": "weblys-front"},
                )
    return _client


def _timeout() -> httpx.Timeout:
    return httpx.Timeout(settings.WEBLYS_BACK_READ_TIMEOUT, connect=settings.WEBLYS_BACK_CONNECT_TIMEOUT)


_OWNED_HEADERS = frozenset(
    {
        "x-service-token",
        "x-request-id",
        "authorization",
        "x-weblys-site",
        "x-client-ip",
        "accept-language",
        "idempotency-key",
    }
)


def _headers(
    *, as_person: bool, idempotency_key: str | None, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """The headers of one call: credentials and tracing from the context, then the caller's `extra`.

    Raises ValueError when `extra` names a header this module owns (credentials, request id, key).
    """
    context = current_context()
    request_id = current_request_id()
    headers = {
        "X-Service-Token": settings.WEBLYS_SERVICE_TOKEN,
        "X-Request-ID": request_id if request_id != "-" else new_request_id(),
    }
    if as_person and context.person_token:
        headers["Authorization"] = f"Bearer {context.person_token}"
    if context.site:
        headers["X-Weblys-Site"] = context.site
    if context.client_ip:
        headers["X-Client-IP"] = context.client_ip
    if context.language:
        headers["Accept-Language"] = context.language
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    for name, value in (extra or {}).items():
        if name.lower() in _OWNED_HEADERS:
            raise ValueError(f"the back client sets {name} itself")
        headers[name] = value
    return headers


def get(
    path: str,
    *,
    params: dict[str, Any] | None = None,
    accept: Iterable[int] = (),
    headers: dict[str, str] | None = None,
) -> Any:
    """GET a resource; retried on connection errors and 502/503/504. Returns the decoded JSON.

    `accept` lists non-2xx statuses whose body is a normal answer (e.g. 503 from /health/).
    `headers` adds the caller's own headers (e.g. `X-Cart-Secret`).
    """
    return _send("GET", path, params=params, retryable=True, accept=frozenset(accept), headers=headers)


def post(
    path: str,
    *,
    json: Any = None,
    creates: bool = False,
    idempotency_key: str | None = None,
    as_person: bool = True,
    headers: dict[str, str] | None = None,
) -> Any:
    """POST; with `creates=True` (or a given key) it carries an Idempotency-Key and may be retried.

    A POST without a key (a login, an action the back does not deduplicate) is sent exactly once.
    `as_person=False` leaves the acting person's token out (a login).
    """
    key = idempotency_key or (uuid.uuid4().hex if creates else None)
    return _send(
        "POST",
        path,
        json=json,
        idempotency_key=key,
        retryable=key is not None,
        as_person=as_person,
        headers=headers,
    )


def patch(
    path: str, *, json: Any = None, idempotency_key: str | None = None, headers: dict[str, str] | None = None
) -> Any:
    """PATCH once (retried only when the caller gives an Idempotency-Key)."""
    return _send(
        "PATCH",
        path,
        json=json,
        idempotency_key=idempotency_key,
        retryable=idempotency_key is not None,
        headers=headers,
    )


def put(
    path: str, *, json: Any = None, idempotency_key: str | None = None, headers: dict[str, str] | None = None
) -> Any:
    """PUT once (retried only when the caller gives an Idempotency-Key)."""
    return _send(
        "PUT",
        path,
        json=json,
        idempotency_key=idempotency_key,
        retryable=idempotency_key is not None,
        headers=headers,
    )


def delete(path: str, *, headers: dict[str, str] | None = None) -> Any:
    """DELETE once."""
    return _send("DELETE", path, retryable=False, headers=headers)


class BackStream:
    """A 2xx answer whose body is read chunk by chunk (a PDF, a data export), never held in memory.

    Iterate it for the bytes; the back response is closed when the body is exhausted, when `close()`
    is called (Django's `StreamingHttpResponse` does) or on leaving a `with` block. A connection lost
    mid-body raises BackUnavailable.
    """

    def __init__(self, response: httpx.Response, request_id: str) -> None:
        self.status = response.status_code
        self.headers: Mapping[str, str] = response.headers
        self.request_id = request_id
        self._response = response
        self._chunks = response.iter_bytes()

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        try:
            return next(self._chunks)
        except StopIteration:
            self.close()
            raise
        except httpx.TransportError as exc:
            self.close()
            raise BackUnavailable(
                str(exc) or type(exc).__name__, code="back_unreachable", request_id=self.request_id
            ) from exc

    def close(self) -> None:
        self._response.close()

    def __enter__(self) -> BackStream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def get_stream(
    path: str, *, params: dict[str, Any] | None = None, headers: dict[str, str] | None = None
) -> BackStream:
    """GET a file and stream its body; same credentials, timeouts, retries and errors as `get`.

    An error answer is read in full (it is small) and raised as the typed BackError; a 2xx answer is
    returned unread as a BackStream the caller iterates (and closes).
    """
    sent = _headers(as_person=True, idempotency_key=None, extra=headers)
    response = _exchange("GET", path, params=params, headers=sent, retryable=True, stream=True)
    return BackStream(response, sent["X-Request-ID"])


def _send(
    method: str,
    path: str,
    *,
    json: Any = None,
    params: dict[str, Any] | None = None,
    idempotency_key: str | None = None,
    retryable: bool,
    as_person: bool = True,
    accept: frozenset[int] = frozenset(),
    headers: dict[str, str] | None = None,
) -> Any:
    sent = _headers(as_person=as_person, idempotency_key=idempotency_key, extra=headers)
    response = _exchange(
        method, path, json=json, params=params, headers=sent, retryable=retryable, accept=accept
    )
    if response.status_code == 204 or not response.content:
        return None
    return response.json()


def _exchange(
    method: str,
    path: str,
    *,
    json: Any = None,
    params: dict[str, Any] | None = None,
    headers: dict[str, str],
    retryable: bool,
    accept: frozenset[int] = frozenset(),
    stream: bool = False,
) -> httpx.Response:
    """Send with the bounded retries; return a 2xx (or accepted) response, else raise the typed error.

    With `stream=True` the body of the returned response is not read yet.
    """
    client = _get_client()
    attempts = 1 + (max(settings.WEBLYS_BACK_RETRIES, 0) if retryable else 0)
    for attempt in range(1, attempts + 1):
        started = time.perf_counter()
        request = client.build_request(
            method, path, json=json, params=params, headers=headers, timeout=_timeout()
        )
        try:
            response = client.send(request, stream=stream)
        except httpx.TransportError as exc:
            elapsed = (time.perf_counter() - started) * 1000
            logger.warning(
                "back %s %s failed after %.1f ms (attempt %d/%d): %s: %s",
                method,
                path,
                elapsed,
                attempt,
                attempts,
                type(exc).__name__,
                exc,
            )
            if attempt < attempts:
                _backoff(attempt)
                continue
            raise BackUnavailable(
                str(exc) or type(exc).__name__,
                code="back_unreachable",
                request_id=headers["X-Request-ID"],
            ) from exc
        elapsed = (time.perf_counter() - started) * 1000
        status = response.status_code
        level = logging.INFO if status < 500 else logging.WARNING
        logger.log(
            level,
            "back %s %s -> %d in %.1f ms (attempt %d/%d)",
            method,
            path,
            status,
            elapsed,
            attempt,
            attempts,
        )
        if status < 300 or status in accept:
            return response
        if stream:
            try:
                response.read()
            finally:
                response.close()
        if status in RETRYABLE_STATUSES and attempt < attempts:
            _backoff(attempt)
            continue
        raise _error_from(response, headers["X-Request-ID"])
    raise AssertionError("unreachable: the loop either returns or raises")  # pragma: no cover


def _backoff(attempt: int) -> None:
    delay = settings.WEBLYS_BACK_RETRY_BACKOFF * (2 ** (attempt - 1))
    if delay > 0:
        time.sleep(delay)


def _error_from(response: httpx.Response, sent_request_id: str) -> BackError:
    """Map a problem+json (or any non-2xx) answer to the typed error for its status.

    The whole body is kept on the error as `problem`, so callers read the members a refusal adds.
    """
    status = response.status_code
    body: dict[str, Any] = {}
    try:
        decoded = response.json()
        if isinstance(decoded, dict):
            body = decoded
    except ValueError:
        pass
    request_id = str(body.get("request_id") or response.headers.get("X-Request-ID") or sent_request_id)
    raw_errors = body.get("errors")
    errors: dict[Any, Any] = raw_errors if isinstance(raw_errors, dict) else {}
    if status in RETRYABLE_STATUSES:
        klass: type[BackError] = BackUnavailable
    else:
        klass = _STATUS_ERRORS.get(status, BackError)
    return klass(
        str(body.get("detail") or ""),
        code=str(body.get("code") or f"http_{status}"),
        status=status,
        title=str(body.get("title") or ""),
        errors={
            str(field): [str(m) for m in messages] if isinstance(messages, list) else [str(messages)]
            for field, messages in errors.items()
        },
        request_id=request_id,
        problem=body,
    )
