"""SelfShop steps after the address: each page re-rendered from the cart, back errors on the fields."""

from __future__ import annotations

import json
import re

import pytest

from sites.selfshop.views import CART_KEY
from weblys.middleware import SLID_AT_KEY
from weblys.testing.plugin import problem

from .conftest import ADDRESS, CART_URL, EQUIPMENT, OFFERS, SECRET, SLOTS, cart_json

OPTIONS = {
    "options": [
        {
            "code": "INTIPFIX",
            "domain": "INT",
            "label": "Static IP address",
            "monthly_price": "10.00",
            "one_time_price": "0.00",
            "buy_price": None,
            "requires_equipment": None,
        },
        {
            "code": "TVSPORT",
            "domain": "TV",
            "label": "Sports pack",
            "monthly_price": "12.00",
            "one_time_price": "0.00",
            "buy_price": None,
            "requires_equipment": None,
        },
    ],
    "unavailable": [
        {
            "code": "TVPVR",
            "domain": "TV",
            "label": "Cloud recording",
            "monthly_price": "8.00",
            "one_time_price": "0.00",
            "buy_price": None,
            "requires_equipment": "TERM4K",
            "reason": "needs TERM4K",
        },
    ],
}
PAYMENT = {
    "requirement_by_method": {"card": "required", "bill": "optional"},
    "amount": "323.00",
    "currency": "CAD",
}
CARD = {
    "method": "card",
    "card_number": "4000 0000 0000 0002",
    "expiry_month": "12",
    "expiry_year": "2030",
    "cvc": "123",
    "holder_name": "Ana Lee",
}


def back_for(fake_back, cart: dict) -> None:
    fake_back.add("GET", CART_URL, json=cart)
    fake_back.add("GET", "/api/v1/procable/addresses/1/", json=ADDRESS)


# --- Guards ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    ["offers", "equipment", "options", "summary", "contact", "appointment", "payment", "review", "done"],
)
def test_a_step_without_a_cart_sends_to_the_address_step(client, fake_back, page):
    response = client.get(f"/selfshop/{page}/")

    assert response.status_code == 302
    assert response["Location"] == "/selfshop/"
    assert fake_back.requests == []


def test_an_unknown_cart_is_forgotten_and_the_visitor_starts_again(with_cart, fake_back):
    fake_back.add("GET", CART_URL, status=404, json=problem(404, "cart_not_found"))

    response = with_cart.get("/selfshop/offers/")

    assert response["Location"] == "/selfshop/"
    assert CART_KEY not in with_cart.session


def test_a_step_whose_earlier_step_is_missing_redirects_to_that_step(with_cart, fake_back):
    back_for(fake_back, cart_json(quote=None, step="options"))

    response = with_cart.get("/selfshop/contact/")

    assert response["Location"] == "/selfshop/summary/"


def test_the_back_naming_a_missing_step_redirects_to_it(with_cart, fake_back):
    fake_back.add(
        "PUT",
        f"{CART_URL}appointment/",
        status=409,
        json=problem(409, "cart_step_missing") | {"missing_step": "contact"},
    )

    response = with_cart.post("/selfshop/appointment/", {"install_mode": "shipment"})

    assert response["Location"] == "/selfshop/contact/"


def test_a_confirmed_cart_shows_the_confirmation_page(with_cart, fake_back):
    back_for(fake_back, cart_json(status="confirmed"))

    assert with_cart.get("/selfshop/summary/")["Location"] == "/selfshop/done/"


# --- Offer, equipment, options, summary ---------------------------------------------------------------


def test_the_offer_page_checks_the_offer_in_the_cart_and_sends_the_secret(with_cart, fake_back):
    back_for(fake_back, cart_json(step="offer"))
    fake_back.add("GET", f"{CART_URL}offers/", json={"offers": OFFERS})

    body = with_cart.get("/selfshop/offers/").content.decode()

    assert re.findall(r"<input[^>]*offer_code[^>]*>", body) == [
        '<input type="radio" name="offer_code" value="RG_INT100" id="id_offer_code_0" required>',
        '<input type="radio" name="offer_code" value="RG_INT100_TVBAS" id="id_offer_code_1" '
        "required checked>",
    ]
    assert "80.00 $/month" in body
    assert "101-20 rue Sherbrooke Ouest, Montréal H4A 2Q3" in body
    assert {r.headers["X-Cart-Secret"] for r in fake_back.requests if "/orders/" in r.url.path} == {SECRET}


def test_an_offer_the_back_refuses_is_shown_on_the_field(with_cart, fake_back):
    back_for(fake_back, cart_json(step="offer"))
    fake_back.add("GET", f"{CART_URL}offers/", json={"offers": OFFERS})
    fake_back.add(
        "PUT",
        f"{CART_URL}offer/",
        status=400,
        json=problem(
            400, "cart_invalid", errors={"offer_code": ["This offer is not available at your address."]}
        ),
    )

    response = with_cart.post("/selfshop/offers/", {"offer_code": "RG_INT100"})

    body = response.content.decode()
    assert response.status_code == 400
    assert (
        '<ul class="errorlist" id="offer_code_error">'
        "<li>This offer is not available at your address.</li></ul>" in body
    )
    assert 'aria-describedby="offer_code_error"' in body


def test_the_equipment_page_is_filled_from_the_cart(with_cart, fake_back):
    back_for(fake_back, cart_json(step="offer"))
    fake_back.add("GET", f"{CART_URL}equipment/", json={"equipment": EQUIPMENT})

    body = with_cart.get("/selfshop/equipment/").content.decode()

    assert '<option value="2" selected>2</option>' in body
    assert '<option value="buy" selected>Buy</option>' in body
    assert "<legend>Internet</legend>" in body and "<legend>Television</legend>" in body


def test_equipment_errors_of_the_back_land_on_the_right_fields_with_the_input_kept(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json(step="offer"))
    fake_back.add("GET", "/api/v1/procable/addresses/1/", json=ADDRESS)
    fake_back.add("GET", f"{CART_URL}equipment/", json={"equipment": EQUIPMENT})
    fake_back.add(
        "PUT",
        f"{CART_URL}equipment/",
        status=400,
        json=problem(
            400,
            "cart_invalid",
            errors={
                "equipment": ["Choose one of MODEM for INT."],
                "equipment.0.quantity": ["At most 1."],
            },
        ),
    )

    response = with_cart.post(
        "/selfshop/equipment/",
        {"qty_MODEM": "0", "acq_MODEM": "rent", "qty_TERMHD": "3", "acq_TERMHD": "buy"},
    )

    body = response.content.decode()
    assert response.status_code == 400
    sent = json.loads(fake_back.calls("PUT", f"{CART_URL}equipment/")[0].content)
    assert sent == {"equipment": [{"code": "TERMHD", "acquisition": "buy", "quantity": 3}]}
    assert '<ul class="errorlist" id="id_qty_TERMHD_error"><li>At most 1.</li></ul>' in body
    assert "Choose one of MODEM for INT." in body
    assert '<option value="3" selected>3</option>' in body
    assert 'id="error-summary" role="alert" tabindex="-1"' in body


def test_a_valid_equipment_choice_is_sent_without_reading_the_list_first(with_cart, fake_back):
    fake_back.add("PUT", f"{CART_URL}equipment/", json={"cart": cart_json(step="equipment")})

    response = with_cart.post(
        "/selfshop/equipment/",
        {"qty_MODEM": "1", "acq_MODEM": "rent", "qty_TERMHD": "0", "acq_TERMHD": "buy"},
    )

    assert response["Location"] == "/selfshop/options/"
    assert [(r.method, r.url.path) for r in fake_back.requests] == [("PUT", f"{CART_URL}equipment/")]
    sent = json.loads(fake_back.requests[0].content)
    assert sent == {"equipment": [{"code": "MODEM", "acquisition": "rent", "quantity": 1}]}


def test_a_malformed_equipment_choice_is_explained_without_asking_the_back_to_save_it(with_cart, fake_back):
    back_for(fake_back, cart_json(step="offer"))
    fake_back.add("GET", f"{CART_URL}equipment/", json={"equipment": EQUIPMENT})

    response = with_cart.post(
        "/selfshop/equipment/",
        {"qty_MODEM": "lots", "acq_MODEM": "rent", "qty_TERMHD": "1", "acq_TERMHD": "buy"},
    )

    assert response.status_code == 400
    assert fake_back.calls("PUT", f"{CART_URL}equipment/") == []
    assert 'id="id_qty_MODEM_error"' in response.content.decode()


def test_the_page_after_a_step_shows_the_cart_that_step_answered_with_and_a_reload_asks_the_back(
    with_cart, fake_back
):
    fake_back.add("PUT", f"{CART_URL}offer/", json={"cart": cart_json(step="offer")})
    fake_back.add("GET", f"{CART_URL}equipment/", json={"equipment": EQUIPMENT})
    fake_back.add("GET", "/api/v1/procable/addresses/1/", json=ADDRESS)
    fake_back.add("GET", CART_URL, json=cart_json(step="equipment", equipment=[]))
    with_cart.post("/selfshop/offers/", {"offer_code": "RG_INT100_TVBAS"})

    after_step = with_cart.get("/selfshop/equipment/").content.decode()
    cart_calls_after_step = len(fake_back.calls("GET", CART_URL))
    reloaded = with_cart.get("/selfshop/equipment/").content.decode()

    assert cart_calls_after_step == 0
    assert '<option value="2" selected>2</option>' in after_step
    assert len(fake_back.calls("GET", CART_URL)) == 1
    assert '<option value="2" selected>2</option>' not in reloaded


def test_options_are_saved_and_priced_in_one_call_and_the_summary_follows(with_cart, fake_back):
    priced = cart_json(step="summary")
    fake_back.add(
        "PUT", f"{CART_URL}options/", json={"cart": priced, "quote_id": "q1", "quote": priced["quote"]}
    )

    response = with_cart.post("/selfshop/options/", {"options": ["TVSPORT"]})

    assert response["Location"] == "/selfshop/summary/"
    sent = json.loads(fake_back.calls("PUT", f"{CART_URL}options/")[0].content)
    assert sent == {"options": ["TVSPORT"], "price": True}
    assert fake_back.calls("PUT", f"{CART_URL}quote/") == []


def test_the_summary_after_the_options_shows_the_priced_cart_without_reading_it_again(with_cart, fake_back):
    priced = cart_json(step="summary")
    answer = {"quote_id": "q1", "quote": priced["quote"], "cart": priced}
    fake_back.add("PUT", f"{CART_URL}options/", json=answer)
    fake_back.add("GET", "/api/v1/procable/addresses/1/", json=ADDRESS)

    with_cart.post("/selfshop/options/", {"options": ["TVSPORT"]})
    response = with_cart.get("/selfshop/summary/")

    assert response.status_code == 200
    assert fake_back.calls("GET", CART_URL) == []


def test_the_options_page_explains_options_the_equipment_does_not_allow(with_cart, fake_back):
    back_for(fake_back, cart_json(step="equipment"))
    fake_back.add("GET", f"{CART_URL}options/", json=OPTIONS)

    body = with_cart.get("/selfshop/options/").content.decode()

    assert "Cloud recording — needs the equipment TERM4K" in body
    assert 'value="INTIPFIX" id="id_options_0" checked' in body


def test_the_summary_shows_monthly_and_one_time_costs_promotions_and_the_price_after(with_cart, fake_back):
    back_for(fake_back, cart_json(step="summary"))

    body = with_cart.get("/selfshop/summary/").content.decode()

    assert "Welcome: $10 off per month for 12 months" in body
    assert "Months 1 to 12: 88.00 $/month" in body
    assert "From month 13: 98.00 $/month" in body
    assert "after the promotion: <strong>98.00 $/month</strong>" in body
    assert "<td>323.00 $</td>" in body


def test_a_summary_of_a_changed_selection_is_priced_again(with_cart, fake_back):
    back_for(fake_back, cart_json(step="options", quote=None))
    fake_back.add("PUT", f"{CART_URL}quote/", json={"quote_id": "q2", "quote": cart_json()["quote"]})

    response = with_cart.get("/selfshop/summary/")

    assert response.status_code == 200
    assert len(fake_back.calls("PUT", f"{CART_URL}quote/")) == 1


# --- Contact, appointment ---------------------------------------------------------------------------------


def test_contact_errors_of_the_back_are_linked_to_their_fields_and_the_input_is_kept(with_cart, fake_back):
    back_for(fake_back, cart_json(step="summary", contact={}))
    fake_back.add(
        "PUT",
        f"{CART_URL}contact/",
        status=400,
        json=problem(
            400,
            "cart_invalid",
            errors={
                "phone": ["Enter a phone number of 10 to 15 digits."],
            },
        ),
    )

    response = with_cart.post(
        "/selfshop/contact/",
        {
            "first_name": "Ana",
            "last_name": "Lee",
            "email": "ana@example.com",
            "phone": "12",
            "language": "fr",
        },
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in body
    assert (
        '<ul class="errorlist" id="id_phone_error"><li>Enter a phone number of 10 to 15 digits.</li></ul>'
        in body
    )
    assert 'value="12"' in body and 'value="ana@example.com"' in body
    assert '<a href="#id_phone">Phone: Enter a phone number of 10 to 15 digits.</a>' in body


def test_a_contact_draft_refused_earlier_comes_back_as_typed(with_cart, fake_back):
    back_for(
        fake_back,
        cart_json(
            step="summary",
            contact={},
            contact_draft={"first_name": "Ana", "email": "bad"},
            contact_errors={"email": ["Enter a valid e-mail address."]},
        ),
    )

    body = with_cart.get("/selfshop/contact/").content.decode()

    assert 'value="bad"' in body
    assert "Enter a valid e-mail address." in body


def test_a_slot_taken_meanwhile_is_refused_with_the_fresh_slots(with_cart, fake_back):
    fake_back.add(
        "GET", f"{CART_URL}slots/", json={"install_modes": ["appointment", "shipment"], "slots": SLOTS}
    )
    fake_back.add(
        "PUT", f"{CART_URL}appointment/", status=409, json=problem(409, "slot_taken") | {"slots": SLOTS[1:]}
    )
    back_for(fake_back, cart_json())

    response = with_cart.post(
        "/selfshop/appointment/", {"install_mode": "appointment", "slot": "2026-11-26|PM"}
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "This slot was just taken by someone else. Choose another one." in body
    assert 'value="2026-11-27|AM"' in body
    assert 'value="2026-11-26|PM"' not in body
    sent = json.loads(fake_back.calls("PUT", f"{CART_URL}appointment/")[0].content)
    assert sent == {"install_mode": "appointment", "day": "2026-11-26", "period": "PM"}


def test_an_appointment_without_a_slot_is_refused_before_the_back(with_cart, fake_back):
    fake_back.add(
        "GET", f"{CART_URL}slots/", json={"install_modes": ["appointment", "shipment"], "slots": SLOTS}
    )
    back_for(fake_back, cart_json())

    response = with_cart.post("/selfshop/appointment/", {"install_mode": "appointment"})

    assert response.status_code == 400
    assert "Choose a day and a time for the technician." in response.content.decode()
    assert fake_back.calls("PUT", f"{CART_URL}appointment/") == []


# --- Payment, challenge, confirm, done ---------------------------------------------------------------------


def test_a_declined_card_is_explained_and_its_number_is_not_sent_back(with_cart, fake_back):
    fake_back.add("GET", f"{CART_URL}payment/", json=PAYMENT)
    fake_back.add(
        "PUT",
        f"{CART_URL}payment/",
        status=402,
        json=problem(402, "payment_declined") | {"reason": "card_declined"},
    )
    back_for(fake_back, cart_json(install_mode="shipment"))

    response = with_cart.post("/selfshop/payment/", CARD)

    body = response.content.decode()
    assert response.status_code == 400
    assert "Your bank declined the payment. Try another card or pay on your first bill." in body
    assert "4000" not in body
    assert 'value="Ana Lee"' in body
    assert (
        json.loads(fake_back.calls("PUT", f"{CART_URL}payment/")[0].content)["card"]["number"]
        == "4000000000000002"
    )
    kept = {key: value for key, value in with_cart.session.items() if key != SLID_AT_KEY}
    assert kept == {CART_KEY: {"id": "3ebd4cc1-7556-4eea-9f5a-03694de63ef9", "secret": SECRET}}


def test_card_field_errors_of_the_back_land_on_the_card_fields(with_cart, fake_back):
    fake_back.add("GET", f"{CART_URL}payment/", json=PAYMENT)
    fake_back.add(
        "PUT",
        f"{CART_URL}payment/",
        status=400,
        json=problem(400, "cart_invalid", errors={"card.cvc": ["Enter the 3-digit security code."]}),
    )
    back_for(fake_back, cart_json(install_mode="shipment"))

    body = with_cart.post("/selfshop/payment/", CARD | {"cvc": "1"}).content.decode()

    assert '<ul class="errorlist" id="id_cvc_error"><li>Enter the 3-digit security code.</li></ul>' in body


def test_a_card_needing_verification_leads_to_the_challenge_page(with_cart, fake_back):
    fake_back.add("GET", f"{CART_URL}payment/", json=PAYMENT)
    challenged = cart_json(
        install_mode="shipment",
        payment={"method": "card", "status": "challenge_required", "amount": "323.00", "last4": "3220"},
    )
    fake_back.add("PUT", f"{CART_URL}payment/", json={"cart": challenged})

    response = with_cart.post("/selfshop/payment/", CARD | {"card_number": "4000000000003220"})

    assert response["Location"] == "/selfshop/payment/verification/"


def test_a_wrong_verification_code_returns_to_the_payment_with_a_message(with_cart, fake_back):
    fake_back.add(
        "POST",
        f"{CART_URL}payment/challenge/",
        status=402,
        json=problem(402, "payment_declined") | {"reason": "challenge_failed"},
    )

    response = with_cart.post("/selfshop/payment/verification/", {"code": "000000"}, follow=False)

    assert response["Location"] == "/selfshop/payment/"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["The verification code was not correct, so the payment was declined."]


def test_bill_is_not_offered_when_the_rules_require_a_card(with_cart, fake_back):
    fake_back.add(
        "GET",
        f"{CART_URL}payment/",
        json=PAYMENT | {"requirement_by_method": {"card": "required", "bill": "required"}},
    )
    back_for(fake_back, cart_json(install_mode="shipment"))

    body = with_cart.get("/selfshop/payment/").content.decode()

    assert 'value="card"' in body
    assert 'value="bill"' not in body


def test_confirm_sends_the_key_of_the_form_so_a_double_submit_is_one_order(with_cart, fake_back):
    fake_back.add("POST", f"{CART_URL}confirm/", status=201, json={"id": "o1", "status": "received"})

    response = with_cart.post("/selfshop/review/", {"key": "k-123", "accept": "on"})

    assert response["Location"] == "/selfshop/done/"
    assert fake_back.calls("POST", f"{CART_URL}confirm/")[0].headers["Idempotency-Key"] == "k-123"


def test_a_confirm_still_in_flight_whose_order_exists_shows_the_confirmation(with_cart, fake_back):
    # The first send was cut off (an instance died) after the back wrote the order.
    fake_back.add("POST", f"{CART_URL}confirm/", status=409, json=problem(409, "idempotency_key_in_flight"))
    fake_back.add("GET", f"{CART_URL}order/", json={"id": "o1", "status": "received"})

    response = with_cart.post("/selfshop/review/", {"key": "k-123", "accept": "on"})

    assert response["Location"] == "/selfshop/done/"


def test_a_confirm_still_in_flight_without_an_order_asks_to_confirm_again_with_a_new_key(
    with_cart, fake_back
):
    fake_back.add("POST", f"{CART_URL}confirm/", status=409, json=problem(409, "idempotency_key_in_flight"))
    fake_back.add("GET", f"{CART_URL}order/", status=404, json=problem(404, "order_not_found"))
    back_for(fake_back, cart_json(install_mode="shipment", payment={"method": "bill", "status": "none"}))

    response = with_cart.post(
        "/selfshop/review/", {"key": "k-123", "accept": "on"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    body = response.content.decode()
    assert response.status_code == 409
    assert "Your order is still being recorded." in body
    key = re.search(r'name="key" value="([^"]+)"', body).group(1)
    assert key and key != "k-123"


def test_confirm_without_accepting_the_terms_is_refused_before_the_back(with_cart, fake_back):
    back_for(fake_back, cart_json(install_mode="shipment", payment={"method": "bill", "status": "none"}))

    response = with_cart.post("/selfshop/review/", {"key": "k-123"})

    assert response.status_code == 400
    assert fake_back.calls("POST", f"{CART_URL}confirm/") == []


@pytest.mark.parametrize(
    ("status", "text"),
    [
        ("received", "we will confirm it by e-mail as soon as they are back"),
        ("submitted", "Your order is confirmed."),
    ],
)
def test_the_confirmation_page_tells_the_order_status(with_cart, fake_back, status, text):
    fake_back.add(
        "GET",
        f"{CART_URL}order/",
        json={
            "id": "o1",
            "status": status,
            "customer_number": "100061",
            "monthly_price": "88.00",
            "one_time_total": "323.00",
            "appointment": None,
            "message": "x",
        },
    )

    body = with_cart.get("/selfshop/done/").content.decode()

    assert text in body
    assert len(fake_back.requests) == 1


# --- Bounded back calls per page ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "extra", "cart", "calls"),
    [
        ("offers", {"offers/": {"offers": OFFERS}}, {"step": "offer"}, 3),
        ("equipment", {"equipment/": {"equipment": EQUIPMENT}}, {"step": "offer"}, 3),
        ("options", {"options/": OPTIONS}, {"step": "equipment"}, 3),
        ("summary", {}, {"step": "summary"}, 2),
        ("contact", {}, {"step": "summary"}, 2),
        ("appointment", {"slots/": {"install_modes": ["shipment"], "slots": SLOTS}}, {}, 3),
        ("payment", {"payment/": PAYMENT}, {"install_mode": "shipment"}, 3),
        ("review", {}, {"install_mode": "shipment", "payment": {"method": "bill", "status": "none"}}, 2),
    ],
)
def test_each_page_makes_a_bounded_number_of_back_calls(with_cart, fake_back, page, extra, cart, calls):
    back_for(fake_back, cart_json(**cart))
    for path, body in extra.items():
        fake_back.add("GET", f"{CART_URL}{path}", json=body)

    response = with_cart.get(f"/selfshop/{page}/")
    again = len(fake_back.requests)
    with_cart.get(f"/selfshop/{page}/")

    assert response.status_code == 200
    assert again == calls
    assert len(fake_back.requests) - again == calls - 1  # the address label is cached


def test_the_date_of_birth_is_asked_when_the_operator_requires_it(with_cart, fake_back):
    back_for(fake_back, cart_json(step="summary", contact={}, ask_date_of_birth=True))
    fake_back.add("PUT", f"{CART_URL}contact/", json={"cart": cart_json()})

    body = with_cart.get("/selfshop/contact/").content.decode()
    response = with_cart.post(
        "/selfshop/contact/",
        {
            "first_name": "Ana",
            "last_name": "Lee",
            "email": "ana@example.com",
            "phone": "514 555 0101",
            "language": "en",
            "date_of_birth": "1990-04-02",
        },
    )

    assert '<label for="id_date_of_birth">Date of birth:</label>' in body
    assert response["Location"] == "/selfshop/appointment/"
    sent = json.loads(fake_back.calls("PUT", f"{CART_URL}contact/")[0].content)
    assert sent["date_of_birth"] == "1990-04-02"


def test_a_step_is_shown_in_french(with_cart, fake_back):
    back_for(fake_back, cart_json(step="summary"))

    body = with_cart.get("/selfshop/summary/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert '<html lang="fr">' in body
    assert "<h1>Récapitulatif</h1>" in body
    assert "Mois 1 à 12 : 88,00 $/mois" in body


def test_a_contact_without_the_date_of_birth_the_operator_asks_is_refused_on_that_field(with_cart, fake_back):
    back_for(fake_back, cart_json(step="summary", contact={}, ask_date_of_birth=True))
    fake_back.add(
        "PUT",
        f"{CART_URL}contact/",
        status=400,
        json=problem(400, "cart_invalid", errors={"date_of_birth": ["This field is required."]}),
    )
    typed = {"first_name": "Ana", "last_name": "Lee", "email": "a@example.com", "phone": "5145550101"}

    response = with_cart.post("/selfshop/contact/", typed | {"language": "fr"})

    body = response.content.decode()
    assert response.status_code == 400
    assert '<label for="id_date_of_birth">Date of birth:</label>' in body
    assert '<ul class="errorlist" id="id_date_of_birth_error"><li>This field is required.</li></ul>' in body
    assert 'value="a@example.com"' in body


def test_no_free_technician_is_said_and_the_other_modes_stay_available(with_cart, fake_back):
    back_for(fake_back, cart_json())
    fake_back.add(
        "GET", f"{CART_URL}slots/", json={"install_modes": ["appointment", "shipment"], "slots": []}
    )

    body = with_cart.get("/selfshop/appointment/").content.decode()

    assert "No technician is free in the coming days; choose shipment or delivery, or call us." in body
    assert 'value="shipment"' in body


@pytest.mark.parametrize(
    ("page", "data", "answers", "location"),
    [
        ("offers", {"offer_code": "RG_INT100"}, [("PUT", "offer/")], "/selfshop/equipment/"),
        ("options", {"options": ["TVSPORT"]}, [("PUT", "options/")], "/selfshop/summary/"),
        (
            "contact",
            {
                "first_name": "Ana",
                "last_name": "Lee",
                "email": "a@example.com",
                "phone": "5145550101",
                "language": "fr",
            },
            [("PUT", "contact/")],
            "/selfshop/appointment/",
        ),
        (
            "appointment",
            {"install_mode": "appointment", "slot": "2026-11-27|AM"},
            [("PUT", "appointment/")],
            "/selfshop/payment/",
        ),
        ("payment", {"method": "bill"}, [("PUT", "payment/")], "/selfshop/review/"),
        ("review", {"key": "k1", "accept": "on"}, [("POST", "confirm/")], "/selfshop/done/"),
    ],
)
def test_a_step_accepted_by_the_back_costs_only_its_writes(
    with_cart, fake_back, page, data, answers, location
):
    for method, path in answers:
        fake_back.add(method, f"{CART_URL}{path}", json={"cart": cart_json(), "quote": {}} | cart_json())

    response = with_cart.post(f"/selfshop/{page}/", data)

    assert response["Location"] == location
    assert [(r.method, r.url.path) for r in fake_back.requests] == [
        (method, f"{CART_URL}{path}") for method, path in answers
    ]
