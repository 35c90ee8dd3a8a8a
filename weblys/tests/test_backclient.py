"""The back client: headers, idempotency keys, bounded retries, error mapping."""

from __future__ import annotations

import re

import httpx  # noqa: TID251 - building transport errors for the fake back
import pytest

from weblys.backclient import health, http, security
from weblys.backclient.context import BackContext, acting
from weblys.backclient.errors import (
    BackConflict,
    BackError,
    BackForbidden,
    BackNotFound,
    BackUnauthorized,
    BackUnavailable,
    BackValidationError,
)
from weblys.requestid import reset_request_id, set_request_id
from weblys.testing.plugin import TEST_REQUEST_ID, problem, staff_payload

ME = "/api/v1/security/me/"
ITEMS = "/api/v1/test/items/"
ME_BODY = staff_payload(rights=["wecare"])["user"]


def test_every_call_carries_service_token_person_token_site_ip_language_and_request_id(fake_back):
    fake_back.add("GET", ME, json=ME_BODY)
    token = set_request_id("req-abcdef-123")
    try:
        with acting(BackContext(person_token="tok-1", site="wecare", client_ip="10.1.2.3", language="fr")):
            security.staff_me()
    finally:
        reset_request_id(token)

    sent = fake_back.requests[0].headers
    assert sent["X-Service-Token"] == "dev-service-token"
    assert sent["Authorization"] == "Bearer tok-1"
    assert sent["X-Weblys-Site"] == "wecare"
    assert sent["X-Client-IP"] == "10.1.2.3"
    assert sent["Accept-Language"] == "fr"
    assert sent["X-Request-ID"] == "req-abcdef-123"


def test_without_a_person_no_authorization_header_is_sent(fake_back):
    fake_back.add("GET", ME, json=ME_BODY)

    security.staff_me()

    assert "Authorization" not in fake_back.requests[0].headers
    assert re.fullmatch(r"[0-9a-f]{32}", fake_back.requests[0].headers["X-Request-ID"])


def test_staff_me_returns_a_typed_user(fake_back):
    fake_back.add("GET", ME, json=ME_BODY)

    user = security.staff_me()

    assert user.code == "agent1"
    assert user.rights == frozenset({"wecare"})
    assert user.has_right("wecare") is True
    assert user.has_right("weconfig") is False


def test_a_creating_post_carries_a_generated_idempotency_key(fake_back):
    fake_back.add("POST", ITEMS, status=201, json={"id": 1})

    http.post(ITEMS, json={"name": "x"}, creates=True)

    assert re.fullmatch(r"[0-9a-f]{32}", fake_back.requests[0].headers["Idempotency-Key"])


def test_a_given_idempotency_key_is_used_as_is(fake_back):
    fake_back.add("POST", ITEMS, status=201, json={"id": 1})

    http.post(ITEMS, json={}, creates=True, idempotency_key="form-key-42")

    assert fake_back.requests[0].headers["Idempotency-Key"] == "form-key-42"


def test_a_post_that_creates_nothing_has_no_idempotency_key(fake_back):
    fake_back.add("POST", ITEMS, status=200, json={})

    http.post(ITEMS, json={})

    assert "Idempotency-Key" not in fake_back.requests[0].headers


def test_a_get_is_retried_on_503_then_succeeds(fake_back):
    fake_back.add("GET", ME, status=503, json=problem(503, "unavailable"))
    fake_back.add("GET", ME, json=ME_BODY)

    user = security.staff_me()

    assert user.code == "agent1"
    assert len(fake_back.calls("GET", ME)) == 2


@pytest.mark.parametrize("status", [502, 503, 504])
def test_a_get_gives_up_after_the_bounded_retries(fake_back, status):
    fake_back.add("GET", ME, status=status, json=problem(status, "unavailable"))

    with pytest.raises(BackUnavailable) as caught:
        security.staff_me()

    assert len(fake_back.calls("GET", ME)) == 3  # 1 + WEBLYS_BACK_RETRIES (2)
    assert caught.value.request_id == TEST_REQUEST_ID


def test_the_number_of_retries_follows_the_setting(fake_back, settings):
    settings.WEBLYS_BACK_RETRIES = 0
    fake_back.add("GET", ME, status=503, json=problem(503, "unavailable"))

    with pytest.raises(BackUnavailable):
        security.staff_me()

    assert len(fake_back.calls("GET", ME)) == 1


def test_a_keyed_post_is_retried_after_a_connection_error_with_the_same_key(fake_back):
    fake_back.add_exception("POST", ITEMS, httpx.ConnectError("connection refused"))
    fake_back.add("POST", ITEMS, status=201, json={"id": 7})

    body = http.post(ITEMS, json={"name": "x"}, creates=True)

    calls = fake_back.calls("POST", ITEMS)
    assert body == {"id": 7}
    assert len(calls) == 2
    assert calls[0].headers["Idempotency-Key"] == calls[1].headers["Idempotency-Key"]


def test_a_keyed_post_is_retried_on_503(fake_back):
    fake_back.add("POST", ITEMS, status=503, json=problem(503, "unavailable"))
    fake_back.add("POST", ITEMS, status=201, json={"id": 8})

    assert http.post(ITEMS, json={}, creates=True) == {"id": 8}
    assert len(fake_back.calls("POST", ITEMS)) == 2


def test_an_unkeyed_post_is_never_retried(fake_back):
    fake_back.add("POST", "/api/v1/security/sessions/", status=503, json=problem(503, "unavailable"))

    with pytest.raises(BackUnavailable):
        security.staff_login(code="care1", password="x")

    assert len(fake_back.requests) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 423, 429])
def test_a_4xx_is_never_retried(fake_back, status):
    fake_back.add("GET", ME, status=status, json=problem(status, "refused"))

    with pytest.raises(BackError):
        security.staff_me()

    assert len(fake_back.requests) == 1


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, BackValidationError),
        (401, BackUnauthorized),
        (403, BackForbidden),
        (404, BackNotFound),
        (409, BackConflict),
        (422, BackValidationError),
        (503, BackUnavailable),
    ],
)
def test_problem_details_map_to_typed_errors(fake_back, settings, status, error_class):
    settings.WEBLYS_BACK_RETRIES = 0
    fake_back.add("GET", ME, status=status, json=problem(status, "some_code", "Some detail."))

    with pytest.raises(error_class) as caught:
        security.staff_me()

    assert type(caught.value) is error_class
    assert caught.value.code == "some_code"
    assert caught.value.detail == "Some detail."
    assert caught.value.status == status
    assert caught.value.request_id == TEST_REQUEST_ID


def test_a_locked_account_is_a_plain_back_error_with_its_code(fake_back):
    fake_back.add(
        "POST", "/api/v1/security/sessions/", status=423, json=problem(423, "account_locked", "Locked.")
    )

    with pytest.raises(BackError) as caught:
        security.staff_login(code="care1", password="x")

    assert type(caught.value) is BackError
    assert caught.value.code == "account_locked"


def test_validation_errors_keep_the_messages_per_field(fake_back):
    fake_back.add(
        "POST",
        ITEMS,
        status=400,
        json=problem(400, "validation_error", errors={"name": ["Too long.", "Bad."], "qty": ["Required."]}),
    )

    with pytest.raises(BackValidationError) as caught:
        http.post(ITEMS, json={}, creates=True)

    assert caught.value.errors == {"name": ["Too long.", "Bad."], "qty": ["Required."]}
    assert len(fake_back.requests) == 1


def test_a_non_json_error_still_maps_by_status(fake_back):
    fake_back.add("GET", ME, status=404)

    with pytest.raises(BackNotFound) as caught:
        security.staff_me()

    assert caught.value.code == "http_404"


def test_a_timeout_becomes_back_unavailable_after_retries(fake_back):
    fake_back.add_exception("GET", ME, httpx.ReadTimeout("read timed out"))

    with pytest.raises(BackUnavailable) as caught:
        security.staff_me()

    assert caught.value.code == "back_unreachable"
    assert len(fake_back.requests) == 3


def test_staff_login_sends_no_person_token_and_returns_a_staff_session(fake_back):
    fake_back.add("POST", "/api/v1/security/sessions/", status=201, json=staff_payload(rights=["wecare"]))

    with acting(BackContext(person_token="old-token")):
        session = security.staff_login(code="agent1", password="pw")

    sent = fake_back.requests[0]
    assert "Authorization" not in sent.headers
    assert "Idempotency-Key" not in sent.headers
    assert sent.read() == b'{"code":"agent1","password":"pw"}'
    assert session.token == "staff-token-1"
    assert session.user.rights == frozenset({"wecare"})


def test_health_reports_a_failed_database_without_raising_or_retrying(fake_back):
    fake_back.add(
        "GET",
        "/health/",
        status=503,
        json={
            "status": "failed",
            "failed": ["db:wecrm"],
            "checks": {
                "db:wecrm": {"status": "failed", "error": "OperationalError: down"},
                "cache": {"status": "ok"},
            },
            "duration_ms": 4.5,
        },
    )

    report = health.back_health()

    assert report.is_ok is False
    assert report.failed == ("db:wecrm",)
    assert [(c.name, c.is_ok, c.error) for c in report.checks] == [
        ("cache", True, ""),
        ("db:wecrm", False, "OperationalError: down"),
    ]
    assert report.duration_ms == 4.5
    assert len(fake_back.requests) == 1
