"""MyShop entry: only for a logged-in customer; blocked files explained by code; the change cart opened."""

from __future__ import annotations

import json

import pytest

from sites.myshop.views import BLOCKER_MESSAGES, CART_KEY
from weblys.testing.plugin import problem

from .conftest import CART_ID, CART_URL, ELIGIBILITY_URL, SECRET, cart_json, eligibility_json


def _blocker(code: str, overridable: bool = True) -> dict:
    return {"code": code, "message": f"back text for {code}", "is_overridable": overridable}


def test_myshop_without_a_customer_goes_to_the_myaccount_login(client, fake_back):
    response = client.get("/myshop/")

    assert response.status_code == 302
    assert response["Location"] == "/myaccount/login/?next=%2Fmyshop%2F"
    assert fake_back.requests == []


@pytest.mark.parametrize("page", ["offer", "equipment", "options", "summary", "review", "done", "cancel"])
def test_every_step_without_a_customer_goes_to_the_myaccount_login(client, fake_back, page):
    response = client.get(f"/myshop/{page}/")

    assert response["Location"] == f"/myaccount/login/?next=%2Fmyshop%2F{page}%2F"
    assert fake_back.requests == []


def test_an_allowed_customer_sees_the_current_offer_and_a_start_button(logged_in, fake_back):
    fake_back.add("GET", ELIGIBILITY_URL, json=eligibility_json())

    response = logged_in.get("/myshop/", HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Basic TV + Internet 100 Mbps" in body
    assert "<li>Internet 100 Mbps</li>" in body
    assert "80.00 $/month" in body
    assert "Start my change" in body
    assert '<li aria-current="step">Your offer</li>' in body
    assert len(fake_back.requests) == 1
    assert fake_back.requests[0].headers["Authorization"] == "Bearer customer-token-1"


@pytest.mark.parametrize(
    ("code", "overridable"),
    [
        ("customer_not_active", True),
        ("customer_type_not_allowed", True),
        ("account_in_collection", True),
        ("file_locked", False),
        ("offer_not_in_catalog", False),
    ],
)
def test_each_blocker_is_explained_by_its_code_with_a_way_to_contact_customer_service(
    logged_in, fake_back, code, overridable
):
    fake_back.add("GET", ELIGIBILITY_URL, json=eligibility_json(blockers=[_blocker(code, overridable)]))

    response = logged_in.get("/myshop/", HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Your offer cannot be changed online" in body
    assert f'<li data-blocker="{code}">{BLOCKER_MESSAGES[code]}</li>' in body
    assert f"back text for {code}" not in body
    contact = '<a class="button" href="/myaccount/contact-us/?subject=offer">Contact customer service</a>'
    assert contact in body
    assert "Start my change" not in body
    assert CART_KEY not in logged_in.session


def test_every_blocker_of_a_file_is_listed(logged_in, fake_back):
    blockers = [_blocker("customer_type_not_allowed"), _blocker("file_locked", False)]
    fake_back.add("GET", ELIGIBILITY_URL, json=eligibility_json(blockers=blockers))

    body = logged_in.get("/myshop/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert body.count("data-blocker=") == 2


def test_an_unknown_blocker_code_gets_a_general_explanation(logged_in, fake_back):
    fake_back.add("GET", ELIGIBILITY_URL, json=eligibility_json(blockers=[_blocker("something_new")]))

    body = logged_in.get("/myshop/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<li data-blocker="something_new">Your offer cannot be changed online right now.</li>' in body


def test_a_blocker_is_explained_in_french(logged_in, fake_back):
    fake_back.add(
        "GET", ELIGIBILITY_URL, json=eligibility_json(blockers=[_blocker("customer_type_not_allowed")])
    )

    body = logged_in.get("/myshop/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Votre offre ne peut pas être modifiée en ligne" in body
    assert "Écrire au service à la clientèle" in body


def test_starting_opens_a_change_cart_and_keeps_only_its_handle(logged_in, fake_back):
    fake_back.add("POST", "/api/v1/orders/carts/", status=201, json=cart_json() | {"cart_secret": SECRET})

    response = logged_in.post("/myshop/", {"key": "k" * 32}, HTTP_ACCEPT_LANGUAGE="en")

    assert response["Location"] == "/myshop/offer/"
    assert logged_in.session[CART_KEY] == {"id": CART_ID, "secret": SECRET}
    sent = fake_back.requests[0]
    assert json.loads(sent.content) == {"sale_type": "change", "customer_number": "100001", "language": "en"}
    assert sent.headers["Idempotency-Key"] == "k" * 32


def test_starting_on_a_file_blocked_meanwhile_shows_why(logged_in, fake_back):
    fake_back.add(
        "POST",
        "/api/v1/orders/carts/",
        status=409,
        json=problem(409, "file_locked") | {"blockers": [_blocker("file_locked", False)]},
    )
    fake_back.add("GET", ELIGIBILITY_URL, json=eligibility_json(blockers=[_blocker("file_locked", False)]))

    response = logged_in.post("/myshop/", {"key": "k" * 32}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 409
    assert '<li data-blocker="file_locked">' in response.content.decode()
    assert CART_KEY not in logged_in.session


def test_an_open_change_of_this_session_is_resumed(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json())

    response = with_cart.get("/myshop/")

    assert response["Location"] == "/myshop/offer/"
    assert [r.url.path for r in fake_back.requests] == [CART_URL]
    assert fake_back.requests[0].headers["X-Cart-Secret"] == SECRET


def test_a_confirmed_change_of_this_session_is_forgotten_and_a_new_one_may_start(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json(status="confirmed"))
    fake_back.add("GET", ELIGIBILITY_URL, json=eligibility_json())

    response = with_cart.get("/myshop/")

    assert response.status_code == 200
    assert CART_KEY not in with_cart.session


def test_the_back_unreachable_shows_the_friendly_page(logged_in, fake_back):
    fake_back.add("GET", ELIGIBILITY_URL, status=503, json=problem(503, "procable_unavailable"))

    response = logged_in.get("/myshop/")

    assert response.status_code == 503
