"""WeShop pages against a fake back: search, customer file, blockers and override, change steps, new sale."""

from __future__ import annotations

import json

from weblys.testing.plugin import problem

from .conftest import (
    BLOCKED_VIP,
    CART_ID,
    CART_URL,
    CHANGE,
    COMPARISON,
    CUSTOMER,
    ELIGIBLE,
    EQUIPMENT,
    MANAGER,
    OPTIONS,
    QUOTE,
    SEARCH_URL,
    SECRET,
    SELLER,
    SUMMARY_ROW,
    cart_json,
    order_json,
)

PAGE = {"results": [SUMMARY_ROW], "page": 1, "page_size": 25, "has_next": False}


def _body(request) -> dict:
    return json.loads(request.content)


# --- Search ------------------------------------------------------------------


def test_a_search_by_postal_code_and_last_name_lists_the_files_with_a_link(client, fake_back, staff_login_as):
    staff_login_as(client, rights=SELLER)
    fake_back.add("GET", SEARCH_URL, json=PAGE)

    response = client.get("/weshop/customers/", {"last_name": "Tremblay", "postal_code": "h2x1a1"})

    body = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/weshop/customers/100001/">100001</a>' in body
    assert "20 rue Saint-Denis, Montréal H2X 1A1" in body
    [call] = fake_back.requests
    assert dict(call.url.params) == {
        "last_name": "Tremblay",
        "postal_code": "H2X1A1",
        "page": "1",
        "page_size": "25",
    }


def test_a_search_by_number_sends_only_the_number(client, fake_back, staff_login_as):
    staff_login_as(client, rights=SELLER)
    fake_back.add("GET", SEARCH_URL, json=PAGE)

    client.get("/weshop/customers/", {"number": "100001", "last_name": "", "postal_code": "", "street": ""})

    assert dict(fake_back.requests[0].url.params) == {"number": "100001", "page": "1", "page_size": "25"}


def test_a_search_by_street_sends_the_street(client, fake_back, staff_login_as):
    staff_login_as(client, rights=SELLER)
    fake_back.add("GET", SEARCH_URL, json={"results": [], "page": 1, "page_size": 25, "has_next": False})

    response = client.get("/weshop/customers/", {"street": "rue Saint"})

    assert dict(fake_back.requests[0].url.params) == {"street": "rue Saint", "page": "1", "page_size": "25"}
    assert "No customer file matches." in response.content.decode()


def test_a_last_name_without_postal_code_is_refused_on_the_field_and_kept(client, fake_back, staff_login_as):
    staff_login_as(client, rights=SELLER)

    response = client.get("/weshop/customers/", {"last_name": "Tremblay"})

    body = response.content.decode()
    assert response.status_code == 400
    assert "Give the postal code with the last name." in body
    assert 'value="Tremblay"' in body
    assert fake_back.requests == []


def test_a_user_without_the_sell_right_gets_403_and_no_back_call(client, fake_back, staff_login_as):
    staff_login_as(client, rights=["wecare", "wecare.customers"])

    response = client.get("/weshop/customers/", {"number": "100001"})

    assert response.status_code == 403
    assert "weshop.sell" in response.content.decode()
    assert fake_back.requests == []


def test_the_search_page_is_reached_only_after_the_staff_login(client, fake_back):
    response = client.get("/weshop/customers/")

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/?next=")


# --- Customer file, blockers, override ------------------------------------------------------------------


def _file(fake_back, number: str = "100001", eligibility: dict = ELIGIBLE) -> None:
    fake_back.add("GET", f"{SEARCH_URL}{number}/", json=CUSTOMER | {"number": number})
    fake_back.add("GET", f"/api/v1/orders/customers/{number}/change-eligibility/", json=eligibility)


def test_an_eligible_file_offers_to_change_the_offer_in_two_back_calls(client, fake_back, staff_login_as):
    staff_login_as(client, rights=SELLER)
    _file(fake_back)

    response = client.get("/weshop/customers/100001/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Customer 100001: Julie Tremblay" in body
    assert "Basic TV + Internet 100 (80.00 $/month)" in body
    assert 'accesskey="c"' in body
    assert len(fake_back.requests) == 2


def test_changing_the_offer_opens_a_change_cart_and_keeps_only_its_handle(client, fake_back, staff_login_as):
    staff_login_as(client, rights=SELLER)
    fake_back.add("POST", "/api/v1/orders/carts/", status=201, json=cart_json() | {"cart_secret": SECRET})

    response = client.post("/weshop/customers/100001/", {"key": "k-1"})

    assert response.status_code == 302
    assert response["Location"] == "/weshop/change/"
    [call] = fake_back.requests
    assert _body(call) == {"sale_type": "change", "customer_number": "100001", "language": "en"}
    assert call.headers["Idempotency-Key"] == "k-1"
    assert client.session["weshop.cart"] == {"id": CART_ID, "secret": SECRET}
    assert client.session["weshop.kind"] == "change"


def test_a_blocked_file_tells_a_seller_without_override_why_they_cannot(client, fake_back, staff_login_as):
    staff_login_as(client, rights=SELLER)
    _file(fake_back, "100006", BLOCKED_VIP)

    body = client.get("/weshop/customers/100006/").content.decode()

    assert "VIP customers change their offer with a manager." in body
    assert "You cannot change this offer: only a user with the right" in body
    assert 'name="reason"' not in body


def test_a_manager_sees_the_override_reason_field_on_a_blocked_file(client, fake_back, staff_login_as):
    staff_login_as(client, rights=MANAGER)
    _file(fake_back, "100006", BLOCKED_VIP)

    body = client.get("/weshop/customers/100006/").content.decode()

    assert 'name="reason"' in body
    assert "Override and change the offer" in body


def test_an_override_without_reason_is_refused_on_the_field_before_the_back(
    client, fake_back, staff_login_as
):
    staff_login_as(client, rights=MANAGER)
    _file(fake_back, "100006", BLOCKED_VIP)

    response = client.post("/weshop/customers/100006/", {"override": "1", "reason": "  "})

    assert response.status_code == 400
    assert "Reason for the override: This field is required." in response.content.decode()
    assert fake_back.calls("POST", "/api/v1/orders/carts/") == []


def test_an_override_sends_the_reason_for_the_back_to_record(client, fake_back, staff_login_as):
    staff_login_as(client, rights=MANAGER)
    override = {
        "codes": ["customer_type_not_allowed"],
        "reason": "Manager approved",
        "by": "agent1",
        "at": "x",
    }
    fake_back.add(
        "POST",
        "/api/v1/orders/carts/",
        status=201,
        json=cart_json(customer_number="100006", override=override) | {"cart_secret": SECRET},
    )

    response = client.post("/weshop/customers/100006/", {"override": "1", "reason": "Manager approved"})

    assert response.status_code == 302
    assert _body(fake_back.requests[0])["override"] == {"reason": "Manager approved"}


def test_a_seller_without_override_posting_one_is_refused_without_a_back_write(
    client, fake_back, staff_login_as
):
    staff_login_as(client, rights=SELLER)
    _file(fake_back, "100006", BLOCKED_VIP)

    response = client.post("/weshop/customers/100006/", {"override": "1", "reason": "Please"})

    assert response.status_code == 403
    assert fake_back.calls("POST", "/api/v1/orders/carts/") == []
    assert "weshop.cart" not in client.session


def test_a_refusal_of_the_back_shows_the_blockers_again(client, fake_back, staff_login_as):
    staff_login_as(client, rights=SELLER)
    fake_back.add("POST", "/api/v1/orders/carts/", status=409, json=problem(409, "file_locked"))
    _file(fake_back, "100001", BLOCKED_VIP | {"customer_number": "100001"})

    response = client.post("/weshop/customers/100001/", {"key": "k-2"})

    assert response.status_code == 409
    assert "The offer of this customer cannot be changed now." in response.content.decode()
    assert "weshop.cart" not in client.session


# --- Change steps ------------------------------------------------------------------


def test_the_change_page_shows_today_and_the_targets(client, fake_back, staff_login_as, with_cart):
    staff_login_as(client, rights=SELLER)
    with_cart("change")
    fake_back.add("GET", CART_URL, json=cart_json())
    fake_back.add("GET", f"{CART_URL}change/", json=CHANGE)

    response = client.get("/weshop/change/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Keep Basic TV + Internet 100" in body
    assert "Basic TV + Internet 500" in body
    assert "+20.00 $/month" in body
    assert "MODEM (MDMA00000011)" in body
    assert fake_back.requests[0].headers["X-Cart-Secret"] == SECRET


def test_adding_an_option_sends_the_full_list_and_prices_the_change(
    client, fake_back, staff_login_as, with_cart
):
    staff_login_as(client, rights=SELLER)
    with_cart("change")
    fake_back.add("GET", f"{CART_URL}change/options/", json=OPTIONS | {"chosen": ["TVSPORT"]})
    fake_back.add("PUT", f"{CART_URL}change/options/", json={"cart": cart_json(), "change": CHANGE})
    fake_back.add(
        "PUT", f"{CART_URL}quote/", json={"quote_id": "q", "quote": QUOTE, "comparison": COMPARISON}
    )

    response = client.post("/weshop/change/options/", {"options": ["TVSPORT", "TVCINE"]})

    assert response.status_code == 302
    assert response["Location"] == "/weshop/summary/"
    assert _body(fake_back.calls("PUT", f"{CART_URL}change/options/")[0]) == {
        "options": ["TVSPORT", "TVCINE"]
    }
    assert len(fake_back.requests) == 3


def test_the_change_summary_compares_before_and_after_and_hides_the_discount(
    client, fake_back, staff_login_as, with_cart
):
    staff_login_as(client, rights=SELLER, channel="distributor", store_code="DIST7")
    with_cart("change")
    fake_back.add("GET", CART_URL, json=cart_json(comparison=COMPARISON, quote=QUOTE))

    response = client.get("/weshop/summary/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "92.00 $" in body and "107.00 $" in body
    assert "+15.00 $" in body
    assert 'name="amount"' not in body
    assert len(fake_back.requests) == 1


def test_a_manager_sees_the_discount_field_on_the_summary(client, fake_back, staff_login_as, with_cart):
    staff_login_as(client, rights=MANAGER)
    with_cart("change")
    fake_back.add("GET", CART_URL, json=cart_json(comparison=COMPARISON, quote=QUOTE))

    body = client.get("/weshop/summary/").content.decode()

    assert 'name="amount"' in body
    assert 'name="reason"' in body


def test_a_discount_from_a_user_without_the_right_never_reaches_the_back(
    client, fake_back, staff_login_as, with_cart
):
    staff_login_as(client, rights=SELLER, channel="distributor")
    with_cart("change")
    fake_back.add("GET", CART_URL, json=cart_json(comparison=COMPARISON, quote=QUOTE))

    response = client.post("/weshop/summary/", {"kind": "monthly", "amount": "10", "reason": "Loyal"})

    assert response.status_code == 403
    assert fake_back.calls("PUT", f"{CART_URL}discount/") == []


def test_a_manager_discount_is_sent_with_its_reason(client, fake_back, staff_login_as, with_cart):
    staff_login_as(client, rights=MANAGER)
    with_cart("change")
    fake_back.add("PUT", f"{CART_URL}discount/", json={"cart": cart_json()})

    response = client.post("/weshop/summary/", {"kind": "monthly", "amount": "10.00", "reason": "Loyal"})

    assert response.status_code == 302
    assert _body(fake_back.requests[0]) == {
        "kind": "monthly",
        "reason": "Loyal",
        "amount": "10.00",
        "percent": None,
    }


def test_a_discount_over_the_limit_lands_on_its_field_with_the_input_kept(
    client, fake_back, staff_login_as, with_cart
):
    staff_login_as(client, rights=MANAGER)
    with_cart("change")
    fake_back.add(
        "PUT",
        f"{CART_URL}discount/",
        status=400,
        json=problem(400, "cart_invalid", errors={"amount": ["At most 50.00."]}),
    )
    fake_back.add("GET", CART_URL, json=cart_json(comparison=COMPARISON))

    response = client.post("/weshop/summary/", {"kind": "monthly", "amount": "90.00", "reason": "Loyal"})

    body = response.content.decode()
    assert response.status_code == 400
    assert "Amount ($): At most 50.00." in body
    assert 'value="90.00"' in body


# --- New customer: serial numbers ------------------------------------------------------------------


def test_the_equipment_step_asks_serial_numbers_when_the_rules_want_them(
    client, fake_back, staff_login_as, with_cart
):
    staff_login_as(client, rights=SELLER)
    with_cart("new")
    fake_back.add(
        "GET", CART_URL, json=cart_json(is_change=False, sale_type="new", customer_number="", step="offer")
    )
    fake_back.add("GET", f"{CART_URL}equipment/", json={"equipment": EQUIPMENT})
    fake_back.add(
        "GET",
        f"{CART_URL}serial-numbers/",
        json={
            "required": None,
            "required_by_install_mode": {"none": True, "shipment": False},
            "equipment": [],
        },
    )

    response = client.get("/weshop/new/equipment/")

    assert response.status_code == 200
    assert 'name="serials_MODEM"' in response.content.decode()
    assert len(fake_back.requests) == 3


def test_a_serial_number_not_in_stock_is_shown_on_its_field_with_the_input_kept(
    client, fake_back, staff_login_as, with_cart
):
    staff_login_as(client, rights=SELLER)
    with_cart("new")
    fake_back.add("GET", f"{CART_URL}equipment/", json={"equipment": EQUIPMENT})
    fake_back.add(
        "GET",
        f"{CART_URL}serial-numbers/",
        json={"required": None, "required_by_install_mode": {"none": True}},
    )
    fake_back.add(
        "PUT",
        f"{CART_URL}equipment/",
        status=400,
        json=problem(
            400, "cart_invalid", errors={"equipment.0.serial_numbers": ["This equipment is not in stock."]}
        ),
    )

    response = client.post(
        "/weshop/new/equipment/", {"qty_MODEM": "1", "acq_MODEM": "rent", "serials_MODEM": "mdms00000001"}
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "Serial numbers: Cable modem: This equipment is not in stock." in body
    assert 'value="mdms00000001"' in body
    sent = _body(fake_back.calls("PUT", f"{CART_URL}equipment/")[0])
    assert sent == {
        "equipment": [
            {"code": "MODEM", "acquisition": "rent", "quantity": 1, "serial_numbers": ["MDMS00000001"]}
        ]
    }


def test_a_confirm_refused_for_missing_serial_numbers_goes_back_to_the_equipment(
    client, fake_back, staff_login_as, with_cart
):
    staff_login_as(client, rights=SELLER)
    with_cart("new")
    fake_back.add(
        "POST",
        f"{CART_URL}confirm/",
        status=400,
        json=problem(400, "cart_invalid", errors={"equipment.0.serial_numbers": ["Enter 1 serial number."]}),
    )

    response = client.post("/weshop/review/", {"key": "k-9", "accept": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/weshop/new/equipment/"


def test_a_confirm_still_in_flight_whose_order_exists_shows_the_order(
    client, fake_back, staff_login_as, with_cart
):
    staff_login_as(client, rights=SELLER)
    with_cart("new")
    fake_back.add("POST", f"{CART_URL}confirm/", status=409, json=problem(409, "idempotency_key_in_flight"))
    fake_back.add("GET", f"{CART_URL}order/", json=order_json())

    response = client.post("/weshop/review/", {"key": "k-9", "accept": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/weshop/order/"


def test_the_new_customer_street_list_of_a_big_city_can_be_narrowed_by_its_first_letters(
    client, fake_back, staff_login_as
):
    staff_login_as(client, rights=SELLER)
    fake_back.add("GET", "/api/v1/procable/addresses/cities/", json=[{"code": "MTL", "name": "Montréal"}])
    many = [{"id": n, "city_code": "MTL", "name": f"rue {n:03d}"} for n in range(1, 201)]
    fake_back.add("GET", "/api/v1/procable/addresses/streets/", json=many)

    body = client.get("/weshop/new/?city=MTL", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<form method="get" action="/weshop/new/" class="dense-form">' in body
    assert '<label for="id_street_prefix">Street name begins with</label>' in body


def test_the_new_customer_address_step_opens_a_cart_and_sets_the_address(client, fake_back, staff_login_as):
    staff_login_as(client, rights=SELLER)
    fake_back.add(
        "POST", "/api/v1/orders/carts/", status=201, json=cart_json(is_change=False) | {"cart_secret": SECRET}
    )
    fake_back.add("PUT", f"{CART_URL}address/", json={"cart": cart_json(is_change=False), "offers": []})

    response = client.post("/weshop/new/", {"address_id": "1", "key": "k-3"})

    assert response.status_code == 302
    assert response["Location"] == "/weshop/new/offers/"
    assert _body(fake_back.requests[1]) == {"address_id": 1}
    assert client.session["weshop.kind"] == "new"


# --- Order and orders taken ------------------------------------------------------------------


def test_the_order_page_shows_who_took_it_for_which_store_and_channel(
    client, fake_back, staff_login_as, with_cart
):
    staff_login_as(client, rights=SELLER)
    with_cart("change")
    fake_back.add("GET", f"{CART_URL}order/", json=order_json())

    body = client.get("/weshop/order/").content.decode()

    assert "<dt>Taken by</dt><dd>agent1</dd>" in body
    assert "<dt>Store</dt><dd>MTL01</dd>" in body
    assert "<dt>Channel</dt><dd>Store</dd>" in body
    assert "Upsell" in body


def test_the_orders_taken_list_asks_the_back_for_this_sellers_orders(client, fake_back, staff_login_as):
    staff_login_as(client, rights=SELLER, code="dist1", channel="distributor", store_code="DIST7")
    taken = {"staff_code": "dist1", "store_code": "DIST7", "channel": "distributor"}
    fake_back.add(
        "GET", "/api/v1/orders/orders/", json={"results": [order_json(taken_by=taken, channel="distributor")]}
    )

    body = client.get("/weshop/orders/").content.decode()

    assert dict(fake_back.requests[0].url.params) == {"staff_code": "dist1"}
    assert "<td>dist1</td><td>DIST7</td><td>Distributor</td>" in body


def test_the_orders_of_the_store_filter_by_store_code(client, fake_back, staff_login_as):
    staff_login_as(client, rights=SELLER, store_code="MTL01")
    fake_back.add("GET", "/api/v1/orders/orders/", json={"results": []})

    client.get("/weshop/orders/", {"scope": "store", "status": "received"})

    assert dict(fake_back.requests[0].url.params) == {"status": "received", "store_code": "MTL01"}


def test_the_customer_file_speaks_french(client, fake_back, staff_login_as):
    staff_login_as(client, rights=SELLER)
    _file(fake_back, "100006", BLOCKED_VIP)

    body = client.get("/weshop/customers/100006/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Client 100006 : Julie Tremblay" in body
    assert "Motifs de blocage" in body
    assert "Vous ne pouvez pas modifier cette offre" in body
