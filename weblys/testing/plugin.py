# ruff: noqa: S107 - fake tokens of test fixtures, not secrets
"""Pytest fixtures for front tests (loaded with `-p weblys.testing.plugin --ds=weblys.settings`).

Front tests need no back: the autouse `fake_back` fixture puts an `httpx.MockTransport` in the back
client (its one seam), answers the routes a test declares, and records every request sent. A call
to a route the test did not declare fails the test loudly.

    def test_x(client, fake_back):
        fake_back.add("GET", "/api/v1/security/me/", json={...})
        fake_back.add("POST", "/api/v1/security/sessions/", status=401,
                      json=problem(401, "invalid_credentials"))
        ...
        assert fake_back.requests[0].headers["X-Service-Token"] == "dev-service-token"

`staff_login_as(client, rights=[...])` and `customer_login_as(client, "100001")` put a logged-in
person in the test client's session without going through the login pages.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

PROBLEM = "application/problem+json"
TEST_REQUEST_ID = "test-request-0001"


def problem(status: int, code: str, detail: str = "", errors: dict[str, list[str]] | None = None) -> dict:
    """A body shaped like the back's RFC 9457 problem details."""
    body: dict[str, Any] = {
        "type": f"https://weblys.dev/problems/{code}",
        "title": detail or code,
        "status": status,
        "detail": detail or code,
        "code": code,
        "request_id": TEST_REQUEST_ID,
    }
    if errors:
        body["errors"] = errors
    return body


Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class FakeBack:
    """Declared answers per (method, path), consumed in order (the last one repeats)."""

    def __init__(self) -> None:
        self._routes: dict[tuple[str, str], deque[Answer]] = defaultdict(deque)
        self.requests: list[httpx.Request] = []

    def add(
        self,
        method: str,
        path: str,
        *,
        status: int = 200,
        json: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer `method path` with this status and JSON body (problem+json for errors)."""
        response_headers = dict(headers or {})
        if status >= 400 and json is not None:
            response_headers.setdefault("Content-Type", PROBLEM)
        if json is None:
            response = httpx.Response(status, headers=response_headers)
        else:
            response = httpx.Response(status, json=json, headers=response_headers)
        self._routes[(method.upper(), path)].append(response)

    def add_exception(self, method: str, path: str, exc: Exception) -> None:
        """Make `method path` fail at the transport level (connection refused, timeout...)."""
        self._routes[(method.upper(), path)].append(exc)

    def calls(self, method: str, path: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method.upper() and r.url.path == path]

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answers = self._routes.get((request.method, request.url.path))
        if not answers:
            raise AssertionError(f"fake back: no answer declared for {request.method} {request.url.path}")
        answer = answers.popleft() if len(answers) > 1 else answers[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer) and not isinstance(answer, httpx.Response):
            return answer(request)
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)


@pytest.fixture(autouse=True)
def _front_session_db(db: None) -> None:
    """Sessions live in the front's small database: every front test may use it."""


@pytest.fixture(autouse=True)
def fake_back(settings: Any) -> Iterable[FakeBack]:
    """The back, faked at the transport: no test ever reaches the network."""
    from weblys.backclient import http

    settings.WEBLYS_BACK_RETRY_BACKOFF = 0
    fake = FakeBack()
    http.use_transport(httpx.MockTransport(fake.handle))
    yield fake
    http.use_transport(None)


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterable[None]:
    from django.core.cache import caches

    from weblys.backclient.memo import ProcessMemo

    for cache in caches.all():
        cache.clear()
    ProcessMemo.clear_all()
    yield
    for cache in caches.all():
        cache.clear()
    ProcessMemo.clear_all()


def staff_payload(
    *,
    rights: Iterable[str],
    code: str = "agent1",
    display_name: str = "Agnès Agent",
    channel: str = "store",
    store_code: str = "MTL01",
    language: str = "",
    token: str = "staff-token-1",
) -> dict[str, Any]:
    """The JSON the back answers to a staff login (201)."""
    return {
        "token": token,
        "expires_at": (datetime.now(UTC) + timedelta(hours=8)).isoformat(),
        "user": {
            "code": code,
            "display_name": display_name,
            "email": f"{code}@cablys.example",
            "channel": channel,
            "store_code": store_code,
            "language": language,
            "rights": sorted(rights),
        },
    }


@pytest.fixture
def staff_login_as() -> Callable[..., Any]:
    """`staff_login_as(client, rights=["wecare"], ...)` → the StaffSession now in the client's session."""
    from weblys.backclient.types import StaffSession
    from weblys.sessions import STAFF_KEY

    def login(client: Any, **kwargs: Any) -> StaffSession:
        staff = StaffSession.from_json(staff_payload(**kwargs))
        session = client.session
        session[STAFF_KEY] = staff.to_json()
        session.save()
        return staff

    return login


@pytest.fixture
def customer_login_as() -> Callable[..., Any]:
    """`customer_login_as(client, "100001")` → the CustomerSession now in the client's session."""
    from weblys.backclient.types import CustomerSession
    from weblys.sessions import CUSTOMER_KEY

    def login(client: Any, customer_number: str, token: str = "customer-token-1") -> CustomerSession:
        customer = CustomerSession(
            token=token,
            expires_at=datetime.now(UTC) + timedelta(minutes=30),
            customer_number=customer_number,
        )
        session = client.session
        session[CUSTOMER_KEY] = customer.to_json()
        session.save()
        return customer

    return login
