"""The back client: headers, idempotency keys, bounded retries, error mapping."""

from __future__ import annotations

import re

import httpx  # noqa: TID251 - building transport errors for the fake back
import pytest

from weblys.backclient import health, http, myaccount, orders, security
from weblys.backclient.context import BackContext, acting
from weblys.backclient.errors import (
    BackConflict,
    BackError,
    BackForbidden,
    BackNotFound,
    BackPaymentRequired,
    BackUnauthorized,
    BackUnavailable,
    BackValidationError,
)
from weblys.backclient.orders_types import CartHandle
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


@pytest.mark.parametrize("status", [400, 401, 402, 403, 404, 409, 422, 423, 429])
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
        (402, BackPaymentRequired),
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


# --- Extra headers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "call"),
    [
        ("GET", lambda: http.get(ITEMS, headers={"X-Cart-Secret": "s3cret"})),
        ("POST", lambda: http.post(ITEMS, json={}, creates=True, headers={"X-Cart-Secret": "s3cret"})),
        ("PATCH", lambda: http.patch(ITEMS, json={}, headers={"X-Cart-Secret": "s3cret"})),
        ("PUT", lambda: http.put(ITEMS, json={}, headers={"X-Cart-Secret": "s3cret"})),
        ("DELETE", lambda: http.delete(ITEMS, headers={"X-Cart-Secret": "s3cret"})),
    ],
)
def test_extra_headers_are_sent_beside_the_credentials(fake_back, method, call):
    fake_back.add(method, ITEMS, json={"ok": True})

    with acting(BackContext(person_token="tok-1")):
        assert call() == {"ok": True}

    sent = fake_back.requests[0].headers
    assert sent["X-Cart-Secret"] == "s3cret"
    assert sent["X-Service-Token"] == "dev-service-token"
    assert sent["Authorization"] == "Bearer tok-1"


@pytest.mark.parametrize("name", ["Authorization", "x-service-token", "X-Request-ID", "Idempotency-Key"])
def test_an_extra_header_may_not_replace_one_the_client_owns(fake_back, name):
    with pytest.raises(ValueError, match=name):
        http.get(ITEMS, headers={name: "forged"})

    assert fake_back.requests == []


# --- Problem details kept on the error ---------------------------------------------------------------


def test_the_whole_problem_body_is_kept_on_the_error(fake_back):
    body = problem(422, "address_not_serviceable") | {
        "available_domains": ["tv"],
        "offers": [{"code": "TV1"}],
    }
    fake_back.add("PUT", ITEMS, status=422, json=body)

    with pytest.raises(BackValidationError) as caught:
        http.put(ITEMS, json={})

    assert caught.value.problem == body
    assert caught.value.problem["available_domains"] == ["tv"]
    assert caught.value.problem["offers"] == [{"code": "TV1"}]


def test_an_error_without_a_json_object_has_an_empty_problem(fake_back):
    fake_back.add("GET", ME, status=404)

    with pytest.raises(BackNotFound) as caught:
        security.staff_me()

    assert caught.value.problem == {}


def test_a_402_is_a_payment_required_error_with_its_reason_and_is_not_retried(fake_back):
    fake_back.add(
        "POST", ITEMS, status=402, json=problem(402, "payment_declined") | {"reason": "card_declined"}
    )

    with pytest.raises(BackPaymentRequired) as caught:
        http.post(ITEMS, json={}, creates=True)

    assert isinstance(caught.value, BackError)
    assert caught.value.status == 402
    assert caught.value.code == "payment_declined"
    assert caught.value.problem["reason"] == "card_declined"
    assert len(fake_back.requests) == 1


# --- Cart calls (orders.py) go through the same path -------------------------------------------------

CART = CartHandle(id="c-1", secret="cart-secret-1")
CART_URL = "/api/v1/orders/carts/c-1/"


def test_a_cart_call_sends_its_secret_with_the_credentials(fake_back):
    fake_back.add("GET", f"{CART_URL}offers/", json={"offers": []})

    with acting(BackContext(person_token="tok-1")):
        assert orders.offer_list(handle=CART) == ()

    sent = fake_back.requests[0].headers
    assert sent["X-Cart-Secret"] == "cart-secret-1"
    assert sent["Authorization"] == "Bearer tok-1"
    assert sent["X-Service-Token"] == "dev-service-token"


def test_a_cart_refusal_gives_only_its_extra_members(fake_back):
    body = problem(409, "cart_step_missing") | {"missing_step": "address", "blockers": ["file_locked"]}
    fake_back.add("PUT", f"{CART_URL}offer/", status=409, json=body)

    with pytest.raises(BackConflict) as caught:
        orders.cart_offer_set(handle=CART, offer_code="TV1")

    assert orders.problem_of(caught.value) == {"missing_step": "address", "blockers": ["file_locked"]}
    assert len(fake_back.requests) == 1


def test_an_unkeyed_cart_put_is_not_retried_on_503(fake_back):
    fake_back.add("PUT", f"{CART_URL}quote/", status=503, json=problem(503, "unavailable"))

    with pytest.raises(BackUnavailable):
        orders.cart_quote_refresh(handle=CART)

    assert len(fake_back.requests) == 1


def test_a_cart_confirm_is_retried_on_503_with_the_same_key(fake_back):
    fake_back.add("POST", f"{CART_URL}confirm/", status=503, json=problem(503, "unavailable"))
    fake_back.add("POST", f"{CART_URL}confirm/", status=201, json={"id": "O-9", "status": "acknowledged"})

    order = orders.cart_confirm(handle=CART, idempotency_key="confirm-key-1")

    calls = fake_back.calls("POST", f"{CART_URL}confirm/")
    assert (order.id, order.status) == ("O-9", "acknowledged")
    assert [c.headers["Idempotency-Key"] for c in calls] == ["confirm-key-1", "confirm-key-1"]
    assert [c.headers["X-Cart-Secret"] for c in calls] == ["cart-secret-1", "cart-secret-1"]


# --- Streaming GET -----------------------------------------------------------------------------------

PDF = "/api/v1/myaccount/invoices/12/pdf/"


class _RecordingBody(httpx.SyncByteStream):
    """A response body in several chunks that records whether it was closed."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.is_closed = False

    def __iter__(self):
        yield from self.chunks

    def close(self) -> None:
        self.is_closed = True


def _serve(body: httpx.SyncByteStream, *, headers: dict[str, str] | None = None) -> list[httpx.Request]:
    """Answer every call with a 200 streaming `body`; return the list the sent requests go to."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, headers=headers or {}, stream=body)

    http.use_transport(httpx.MockTransport(handler))
    return sent


def test_a_streamed_get_carries_the_credentials_and_yields_the_body_in_chunks():
    body = _RecordingBody([b"%PDF-1.7 ", b"page one ", b"%%EOF"])
    sent = _serve(body, headers={"Content-Type": "application/pdf"})
    token = set_request_id("req-stream-1")
    try:
        with acting(BackContext(person_token="tok-1", language="fr")):
            stream = http.get_stream(PDF, params={"copy": "1"}, headers={"Accept": "*/*"})
    finally:
        reset_request_id(token)

    request = sent[0]
    assert request.url.params["copy"] == "1"
    assert request.headers["X-Service-Token"] == "dev-service-token"
    assert request.headers["Authorization"] == "Bearer tok-1"
    assert request.headers["Accept-Language"] == "fr"
    assert request.headers["X-Request-ID"] == "req-stream-1"
    assert request.headers["Accept"] == "*/*"
    assert stream.status == 200
    assert stream.headers["Content-Type"] == "application/pdf"
    assert stream.request_id == "req-stream-1"
    assert body.is_closed is False
    assert list(stream) == [b"%PDF-1.7 ", b"page one ", b"%%EOF"]
    assert body.is_closed is True


def test_a_streamed_get_left_unread_is_closed_by_its_with_block():
    body = _RecordingBody([b"never read"])
    _serve(body)

    with http.get_stream(PDF) as stream:
        assert stream.status == 200

    assert body.is_closed is True


@pytest.mark.parametrize(
    ("status", "error_class"), [(401, BackUnauthorized), (402, BackPaymentRequired), (404, BackNotFound)]
)
def test_a_streamed_get_maps_a_refusal_to_its_typed_error_without_retrying(fake_back, status, error_class):
    fake_back.add("GET", PDF, status=status, json=problem(status, "refused", "Refused.") | {"extra": 1})

    with pytest.raises(error_class) as caught:
        http.get_stream(PDF)

    assert type(caught.value) is error_class
    assert caught.value.code == "refused"
    assert caught.value.detail == "Refused."
    assert caught.value.request_id == TEST_REQUEST_ID
    assert caught.value.problem["extra"] == 1
    assert len(fake_back.requests) == 1


def test_a_streamed_get_is_retried_on_503_then_streams(fake_back):
    fake_back.add("GET", PDF, status=503, json=problem(503, "unavailable"))
    fake_back.add("GET", PDF, json={"file": "data"})

    stream = http.get_stream(PDF)

    assert b"".join(stream) == b'{"file":"data"}'
    assert len(fake_back.calls("GET", PDF)) == 2


def test_a_streamed_get_gives_up_after_the_bounded_retries_on_connection_errors(fake_back):
    fake_back.add_exception("GET", PDF, httpx.ConnectError("connection refused"))

    with pytest.raises(BackUnavailable) as caught:
        http.get_stream(PDF)

    assert caught.value.code == "back_unreachable"
    assert len(fake_back.requests) == 3


def test_a_connection_lost_mid_body_is_back_unavailable():
    class _BrokenBody(httpx.SyncByteStream):
        def __iter__(self):
            yield b"first chunk"
            raise httpx.ReadError("connection reset")

    _serve(_BrokenBody())
    stream = http.get_stream(PDF)

    assert next(stream) == b"first chunk"
    with pytest.raises(BackUnavailable) as caught:
        next(stream)
    assert caught.value.code == "back_unreachable"


def test_an_invoice_pdf_is_a_document_streamed_through_the_shared_path():
    body = _RecordingBody([b"%PDF-1.7 ", b"%%EOF"])
    sent = _serve(
        body, headers={"Content-Type": "application/pdf", "Content-Disposition": 'inline; filename="F12.pdf"'}
    )

    with acting(BackContext(person_token="customer-tok")):
        document = myaccount.invoice_pdf(invoice_id=12)

    assert document.content_type == "application/pdf"
    assert document.disposition == 'inline; filename="F12.pdf"'
    assert b"".join(document.chunks) == b"%PDF-1.7 %%EOF"
    assert body.is_closed is True
    assert sent[0].url.path == PDF
    assert sent[0].headers["Authorization"] == "Bearer customer-tok"
    assert sent[0].headers["Accept"] == "*/*"


def test_a_document_closed_before_it_is_read_closes_the_back_response():
    body = _RecordingBody([b"%PDF-1.7"])
    _serve(body)

    document = myaccount.data_export()
    document.chunks.close()

    assert body.is_closed is True


def _cart_answer(**changes: object) -> dict[str, object]:
    return {"id": "c-1", "status": "open", "step": "offer", "offer_code": "TV1"} | changes


def test_the_cart_a_write_answered_with_stands_for_the_next_get_once(fake_back):
    fake_back.add("PUT", f"{CART_URL}offer/", json={"cart": _cart_answer()})
    fake_back.add("GET", CART_URL, json=_cart_answer(step="equipment"))
    orders.cart_offer_set(handle=CART, offer_code="TV1")

    handed_off = orders.cart_get(handle=CART, reuse_written=True)
    again = orders.cart_get(handle=CART, reuse_written=True)

    assert (handed_off.step, handed_off.offer_code) == ("offer", "TV1")
    assert again.step == "equipment"
    assert len(fake_back.calls("GET", CART_URL)) == 1


def test_a_get_without_reuse_always_asks_the_back(fake_back):
    fake_back.add("PUT", f"{CART_URL}offer/", json={"cart": _cart_answer()})
    fake_back.add("GET", CART_URL, json=_cart_answer(step="equipment"))
    orders.cart_offer_set(handle=CART, offer_code="TV1")

    assert orders.cart_get(handle=CART).step == "equipment"
    assert orders.cart_get(handle=CART, reuse_written=True).step == "offer"


def test_a_refused_write_withdraws_the_handed_off_cart(fake_back):
    fake_back.add("PUT", f"{CART_URL}offer/", json={"cart": _cart_answer()})
    fake_back.add("PUT", f"{CART_URL}contact/", status=400, json=problem(400, "cart_invalid"))
    fake_back.add("GET", CART_URL, json=_cart_answer(step="contact"))
    orders.cart_offer_set(handle=CART, offer_code="TV1")
    with pytest.raises(BackValidationError):
        orders.cart_contact_set(handle=CART, contact={"email": "x"})

    assert orders.cart_get(handle=CART, reuse_written=True).step == "contact"
    assert len(fake_back.calls("GET", CART_URL)) == 1


def test_a_write_answering_without_the_cart_withdraws_the_handed_off_one(fake_back):
    fake_back.add("PUT", f"{CART_URL}options/", json={"cart": _cart_answer(step="options")})
    fake_back.add("PUT", f"{CART_URL}quote/", json={"quote_id": "q-1", "quote": {}})
    fake_back.add("GET", CART_URL, json=_cart_answer(step="summary"))
    orders.cart_options_set(handle=CART, options=[])
    orders.cart_quote_refresh(handle=CART)

    assert orders.cart_get(handle=CART, reuse_written=True).step == "summary"


def test_a_handed_off_cart_is_not_given_to_another_secret(fake_back):
    fake_back.add("PUT", f"{CART_URL}offer/", json={"cart": _cart_answer()})
    fake_back.add("GET", CART_URL, status=404, json=problem(404, "cart_not_found"))
    orders.cart_offer_set(handle=CART, offer_code="TV1")

    with pytest.raises(BackNotFound):
        orders.cart_get(handle=CartHandle(id="c-1", secret="guessed"), reuse_written=True)
    with pytest.raises(BackNotFound):
        orders.cart_get(handle=CART, reuse_written=True)


def _offers(*names: tuple[str, str]) -> dict[str, object]:
    return {"offers": [{"code": code, "name": name, "monthly_price": "50.00"} for code, name in names]}


def test_an_offer_seen_in_a_list_is_named_without_asking_the_back(fake_back):
    fake_back.add("GET", f"{CART_URL}offers/", json=_offers(("TV1", "Télé de base")))
    orders.offer_list(handle=CART)

    assert orders.offer_name(code="TV1") == "Télé de base"
    assert orders.offer_name(code="UNKNOWN") == "UNKNOWN"
    assert len(fake_back.requests) == 1


def test_the_names_another_process_wrote_are_read_from_the_shared_cache(fake_back):
    fake_back.add("GET", f"{CART_URL}offers/", json=_offers(("TV1", "Télé de base")))
    orders.offer_list(handle=CART)
    orders._local_names.clear()  # this process forgets; the shared cache still holds the name

    assert orders.offer_name(code="TV1") == "Télé de base"


def test_a_list_writes_to_the_shared_cache_only_the_names_this_process_does_not_hold(fake_back, monkeypatch):
    fake_back.add("GET", f"{CART_URL}offers/", json=_offers(("TV1", "Télé"), ("INT1", "Internet")))
    fake_back.add("GET", f"{CART_URL}offers/", json=_offers(("TV1", "Télé"), ("INT1", "Internet 1 G")))
    written: list[dict[str, str]] = []
    set_many = orders.cache.set_many
    monkeypatch.setattr(
        orders.cache, "set_many", lambda names, timeout: written.append(names) or set_many(names, timeout)
    )

    orders.offer_list(handle=CART)
    orders.offer_list(handle=CART)
    orders.offer_list(handle=CART)

    assert written == [
        {"backclient:offer-name:TV1": "Télé", "backclient:offer-name:INT1": "Internet"},
        {"backclient:offer-name:INT1": "Internet 1 G"},
    ]
    assert orders.offer_name(code="INT1") == "Internet 1 G"


def test_a_cart_whose_first_create_died_with_its_back_opens_under_a_new_key(fake_back):
    """A back killed mid-create leaves its key claimed: the retry hears 409 in flight, a new key opens."""
    opened = _cart_answer(step="address") | {"id": "c-2", "cart_secret": "s-2", "offers": []}
    fake_back.add("POST", "/api/v1/orders/carts/", status=502, json={})
    fake_back.add("POST", "/api/v1/orders/carts/", status=409, json=problem(409, "idempotency_key_in_flight"))
    fake_back.add("POST", "/api/v1/orders/carts/", status=201, json=opened)

    cart, handle = orders.cart_create(language="fr", address_id=1)

    keys = [r.headers["Idempotency-Key"] for r in fake_back.calls("POST", "/api/v1/orders/carts/")]
    assert (cart.id, handle.secret) == ("c-2", "s-2")
    assert keys[0] == keys[1] != keys[2]


def test_a_key_the_caller_chose_is_never_replaced(fake_back):
    fake_back.add("POST", "/api/v1/orders/carts/", status=409, json=problem(409, "idempotency_key_in_flight"))

    with pytest.raises(BackConflict):
        orders.cart_create(language="fr", idempotency_key="form-key-1")

    assert len(fake_back.calls("POST", "/api/v1/orders/carts/")) == 1
