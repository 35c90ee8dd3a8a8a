"""MyShop steps on the change cart: re-rendered from the cart, back errors on the fields, bounded calls."""

from __future__ import annotations

import json
import re

import pytest

from sites.myshop.views import CART_KEY
from weblys.testing.plugin import problem

from .conftest import (
    CART_URL,
    COMPARISON,
    EQUIPMENT,
    OPTIONS,
    cart_json,
    change_json,
    selection_json,
)

PAGES = ["offer", "equipment", "options", "directory", "summary", "appointment", "payment", "review", "done"]


def checked(body: str, input_id: str) -> bool:
    """True when the input with this id is rendered checked."""
    match = re.search(rf'<input[^>]*id="{input_id}"[^>]*>', body)
    return bool(match) and " checked" in match.group(0)


def _sent(fake_back, method: str, path: str) -> dict:
    return json.loads(fake_back.calls(method, path)[-1].content)


# --- Guards ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_a_step_without_a_change_cart_sends_to_the_entry_page(logged_in, fake_back, page):
    response = logged_in.get(f"/myshop/{page}/")

    assert response["Location"] == "/myshop/"
    assert fake_back.requests == []


def test_an_unknown_cart_is_forgotten(with_cart, fake_back):
    fake_back.add("GET", CART_URL, status=404, json=problem(404, "cart_not_found"))

    response = with_cart.get("/myshop/offer/")

    assert response["Location"] == "/myshop/"
    assert CART_KEY not in with_cart.session


def test_a_confirmed_cart_shows_the_confirmation_page(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json(status="confirmed"))

    assert with_cart.get("/myshop/options/")["Location"] == "/myshop/done/"


def test_a_cancelled_cart_is_forgotten(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json(status="cancelled"))

    assert with_cart.get("/myshop/options/")["Location"] == "/myshop/"
    assert CART_KEY not in with_cart.session


def test_the_back_naming_a_missing_step_redirects_to_it(with_cart, fake_back):
    fake_back.add(
        "GET",
        f"{CART_URL}slots/",
        status=409,
        json=problem(409, "cart_step_missing") | {"missing_step": "summary"},
    )

    response = with_cart.post("/myshop/appointment/", {"install_mode": "shipment"})

    assert response["Location"] == "/myshop/summary/"


# --- Offer -----------------------------------------------------------------------------------------------


def test_the_offer_step_shows_today_and_a_before_after_row_per_target(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json())
    fake_back.add("GET", f"{CART_URL}change/", json=change_json())

    response = with_cart.get("/myshop/offer/", HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 200
    assert "98.00 $/month" in body
    assert "Internet security suite" in body
    assert "Keep my offer: Basic TV + Internet 100 Mbps" in body
    assert "Upgrade: Basic TV + Internet 500 Mbps (+20.00 $/month)" in body
    assert "New service: Basic TV + Internet 100 Mbps + Home phone (+25.00 $/month)" in body
    assert '<span class="change-added">+ Internet 500 Mbps</span>' in body
    assert '<span class="change-removed">− Internet 100 Mbps</span>' in body
    assert "Ends your commitment on INT100 early: 150.00 $ fee" in body
    assert "Equipment to add: PHONEADPT" in body
    assert checked(body, "id_offer_code_0")
    assert len(fake_back.requests) == 2


def test_choosing_a_higher_offer_moves_to_equipment(with_cart, fake_back):
    fake_back.add("GET", f"{CART_URL}change/", json=change_json())
    fake_back.add("PUT", f"{CART_URL}change/offer/", json={"cart": cart_json(), "change": change_json()})

    response = with_cart.post("/myshop/offer/", {"offer_code": "RG_INT500_TVBAS"})

    assert response["Location"] == "/myshop/equipment/"
    assert _sent(fake_back, "PUT", f"{CART_URL}change/offer/") == {"offer_code": "RG_INT500_TVBAS"}


def test_an_offer_not_proposed_is_refused_without_calling_the_back_to_change(with_cart, fake_back):
    fake_back.add("GET", f"{CART_URL}change/", json=change_json())

    response = with_cart.post("/myshop/offer/", {"offer_code": "RG_OTHER"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "Please correct the following:" in response.content.decode()
    assert fake_back.calls("PUT", f"{CART_URL}change/offer/") == []


def test_an_offer_the_back_refuses_is_shown_on_the_field_with_the_choice_kept(with_cart, fake_back):
    fake_back.add("GET", f"{CART_URL}change/", json=change_json())
    fake_back.add(
        "PUT",
        f"{CART_URL}change/offer/",
        status=400,
        json=problem(
            400, "cart_invalid", errors={"offer_code": ["This offer is not one you can change to."]}
        ),
    )

    response = with_cart.post("/myshop/offer/", {"offer_code": "RG_INT500_TVBAS"})

    body = response.content.decode()
    assert response.status_code == 400
    assert "This offer is not one you can change to." in body
    assert checked(body, "id_offer_code_1")


# --- Equipment -------------------------------------------------------------------------------------------


def test_the_equipment_step_lists_rented_pieces_to_return_and_pieces_to_add(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json())
    fake_back.add("GET", f"{CART_URL}change/equipment/", json=EQUIPMENT)

    body = with_cart.get("/myshop/equipment/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'value="MDM000000003"' in body
    assert 'value="THD000000002"' in body
    assert 'value="THD000000009"' not in body
    assert "HD terminal (THD000000009)" in body
    assert "Add: 4K PVR terminal" in body


def test_a_swap_returns_one_piece_and_adds_another(with_cart, fake_back):
    fake_back.add("GET", f"{CART_URL}change/equipment/", json=EQUIPMENT)
    fake_back.add("PUT", f"{CART_URL}change/equipment/", json={"cart": cart_json(), "change": change_json()})

    response = with_cart.post(
        "/myshop/equipment/",
        {
            "returned": ["THD000000002"],
            "qty_TERM4K": "1",
            "acq_TERM4K": "rent",
            "qty_TERMHD": "0",
            "acq_TERMHD": "rent",
        },
    )

    assert response["Location"] == "/myshop/options/"
    assert _sent(fake_back, "PUT", f"{CART_URL}change/equipment/") == {
        "returned": ["THD000000002"],
        "added": [{"code": "TERM4K", "acquisition": "rent", "quantity": 1}],
    }


def test_equipment_refused_by_the_back_lands_on_its_fields_with_the_input_kept(with_cart, fake_back):
    fake_back.add("GET", f"{CART_URL}change/equipment/", json=EQUIPMENT)
    fake_back.add(
        "PUT",
        f"{CART_URL}change/equipment/",
        status=400,
        json=problem(
            400,
            "cart_invalid",
            errors={
                "returned.0": ["The customer does not hold this equipment."],
                "added.0.code": ["TERM4K is not equipment of this offer."],
            },
        ),
    )

    response = with_cart.post(
        "/myshop/equipment/",
        {
            "returned": ["THD000000002"],
            "qty_TERM4K": "2",
            "acq_TERM4K": "buy",
            "qty_TERMHD": "0",
            "acq_TERMHD": "rent",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert (
        '<a href="#id_returned">Equipment to return: The customer does not hold this equipment.</a>' in body
    )
    assert '<a href="#id_qty_TERM4K">Add: 4K PVR terminal: TERM4K is not equipment of this offer.</a>' in body
    assert '<option value="2" selected>2</option>' in body
    assert checked(body, "id_returned_1")


# --- Options ---------------------------------------------------------------------------------------------


def test_the_options_step_ticks_the_chosen_options_and_marks_the_current_ones(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json())
    fake_back.add("GET", f"{CART_URL}change/options/", json=OPTIONS)

    body = with_cart.get("/myshop/options/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert checked(body, "id_options_0")
    assert "Internet security suite — 5.00 $/month (you have it today)" in body
    assert "Sports pack — 12.00 $/month</label>" in body
    assert "needs the equipment TERM4K" in body


def test_adding_an_option_sends_the_full_list_wanted_after_the_change(with_cart, fake_back):
    fake_back.add("GET", f"{CART_URL}change/options/", json=OPTIONS)
    fake_back.add("PUT", f"{CART_URL}change/options/", json={"cart": cart_json(), "change": change_json()})

    response = with_cart.post("/myshop/options/", {"options": ["INTSECU", "TVSPORT"]})

    assert response["Location"] == "/myshop/directory/"
    assert _sent(fake_back, "PUT", f"{CART_URL}change/options/") == {"options": ["INTSECU", "TVSPORT"]}


def test_an_option_refused_by_the_back_is_shown_with_the_ticks_kept(with_cart, fake_back):
    fake_back.add("GET", f"{CART_URL}change/options/", json=OPTIONS)
    fake_back.add(
        "PUT",
        f"{CART_URL}change/options/",
        status=400,
        json=problem(400, "cart_invalid", errors={"options": ["TVSPORT needs the equipment TERM4K."]}),
    )

    response = with_cart.post("/myshop/options/", {"options": ["TVSPORT"]})

    body = response.content.decode()
    assert response.status_code == 400
    assert "TVSPORT needs the equipment TERM4K." in body
    assert checked(body, "id_options_1")
    assert not checked(body, "id_options_0")


# --- Directory -------------------------------------------------------------------------------------------

PHONES = [{"number": "8192000004", "directory_listing": "listed"}]


def test_without_a_fixed_line_the_directory_step_is_skipped(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json())
    fake_back.add("GET", f"{CART_URL}change/", json=change_json())

    assert with_cart.get("/myshop/directory/")["Location"] == "/myshop/summary/"


def test_the_directory_step_shows_each_fixed_number_with_its_listing(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json())
    fake_back.add("GET", f"{CART_URL}change/", json=change_json(phone_numbers=PHONES))

    body = with_cart.get("/myshop/directory/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Directory listing of 819 200 0004" in body
    assert checked(body, "id_listing_0_0")


def test_choosing_unlisted_sends_it_for_that_number(with_cart, fake_back):
    fake_back.add("GET", f"{CART_URL}change/", json=change_json(phone_numbers=PHONES))
    fake_back.add("PUT", f"{CART_URL}change/directory/", json={"cart": cart_json(), "change": change_json()})

    response = with_cart.post("/myshop/directory/", {"listing_0": "unlisted"})

    assert response["Location"] == "/myshop/summary/"
    assert _sent(fake_back, "PUT", f"{CART_URL}change/directory/") == {
        "listings": [{"number": "8192000004", "listing": "unlisted"}]
    }


def test_a_listing_refused_by_the_back_is_shown_on_its_field(with_cart, fake_back):
    fake_back.add("GET", f"{CART_URL}change/", json=change_json(phone_numbers=PHONES))
    fake_back.add(
        "PUT",
        f"{CART_URL}change/directory/",
        status=400,
        json=problem(
            400,
            "cart_invalid",
            errors={"listings.0.listing": ["Choose listed, unlisted or name and address."]},
        ),
    )

    response = with_cart.post("/myshop/directory/", {"listing_0": "name_and_address"})

    body = response.content.decode()
    assert response.status_code == 400
    assert "Choose listed, unlisted or name and address." in body
    assert checked(body, "id_listing_0_1")


# --- Summary ---------------------------------------------------------------------------------------------


def test_the_summary_prices_the_change_and_shows_before_and_after(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json())
    fake_back.add("PUT", f"{CART_URL}quote/", json={"quote_id": "q1", "quote": {}, "comparison": COMPARISON})
    fake_back.add("GET", f"{CART_URL}change/", json=change_json())

    response = with_cart.get("/myshop/summary/", HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<td>Basic TV + Internet 100 Mbps</td><td>Basic TV + Internet 500 Mbps</td>" in body
    assert '<span class="change-removed">− Internet 100 Mbps</span>' in body
    assert '<span class="change-added">+ Internet 500 Mbps</span>' in body
    assert '<span class="change-added">+ TVSPORT</span>' in body
    assert '<span class="change-removed">− HD terminal (THD000000002)</span>' not in body
    assert "− TERMHD (THD000000002)" in body
    assert "98.00 $/month" in body
    assert "<strong>125.00 $/month</strong>" in body
    assert "<strong>+27.00 $/month</strong>" in body
    assert "Activation: 25.00 $" in body
    assert "Your commitment on Internet 100 Mbps (until Oct. 21, 2027) ends early: 150.00 $" in body
    assert "Total one-time costs: <strong>175.00 $</strong>" in body
    assert len(fake_back.requests) == 3


def test_a_summary_already_priced_is_not_priced_again(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json(comparison=COMPARISON))
    fake_back.add("GET", f"{CART_URL}change/", json=change_json())

    response = with_cart.get("/myshop/summary/")

    assert response.status_code == 200
    assert fake_back.calls("PUT", f"{CART_URL}quote/") == []


def test_the_summary_reads_the_comparison_from_the_cart_when_the_quote_does_not_carry_it(
    with_cart, fake_back
):
    fake_back.add("GET", CART_URL, json=cart_json())
    fake_back.add("GET", CART_URL, json=cart_json(comparison=COMPARISON))
    fake_back.add("PUT", f"{CART_URL}quote/", json={"quote_id": "q1", "quote": {}})
    fake_back.add("GET", f"{CART_URL}change/", json=change_json())

    body = with_cart.get("/myshop/summary/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<strong>+27.00 $/month</strong>" in body


# --- Appointment, payment --------------------------------------------------------------------------------


def test_nothing_to_install_skips_the_appointment(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json(comparison=COMPARISON, install_mode="none"))
    fake_back.add("GET", f"{CART_URL}slots/", json={"install_modes": ["none"], "slots": []})

    assert with_cart.get("/myshop/appointment/")["Location"] == "/myshop/payment/"


def test_an_installation_asks_for_an_appointment(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json(comparison=COMPARISON))
    fake_back.add(
        "GET",
        f"{CART_URL}slots/",
        json={
            "install_modes": ["appointment", "shipment"],
            "slots": [{"day": "2026-12-01", "period": "AM", "available": 3}],
        },
    )

    body = with_cart.get("/myshop/appointment/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "A technician installs it (appointment)" in body
    assert 'value="2026-12-01|AM"' in body


def test_an_appointment_without_a_slot_is_refused_with_the_choice_kept(with_cart, fake_back):
    fake_back.add(
        "GET",
        f"{CART_URL}slots/",
        json={
            "install_modes": ["appointment", "shipment"],
            "slots": [{"day": "2026-12-01", "period": "AM", "available": 3}],
        },
    )

    response = with_cart.post(
        "/myshop/appointment/", {"install_mode": "appointment"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "Choose a day and a time for the technician." in body
    assert checked(body, "id_install_mode_0")
    assert fake_back.calls("PUT", f"{CART_URL}appointment/") == []


def test_a_chosen_slot_is_sent_and_leads_to_payment(with_cart, fake_back):
    fake_back.add(
        "GET",
        f"{CART_URL}slots/",
        json={
            "install_modes": ["appointment"],
            "slots": [{"day": "2026-12-01", "period": "AM", "available": 3}],
        },
    )
    fake_back.add("PUT", f"{CART_URL}appointment/", json={"cart": cart_json()})

    response = with_cart.post(
        "/myshop/appointment/", {"install_mode": "appointment", "slot": "2026-12-01|AM"}
    )

    assert response["Location"] == "/myshop/payment/"
    assert _sent(fake_back, "PUT", f"{CART_URL}appointment/") == {
        "install_mode": "appointment",
        "day": "2026-12-01",
        "period": "AM",
    }


def test_no_payment_required_goes_straight_to_the_review(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json(comparison=COMPARISON, install_mode="none"))
    fake_back.add(
        "GET",
        f"{CART_URL}payment/",
        json={
            "requirement_by_method": {"card": "masked", "bill": "masked"},
            "amount": "25.00",
            "currency": "CAD",
        },
    )

    assert with_cart.get("/myshop/payment/")["Location"] == "/myshop/review/"


def test_a_required_payment_asks_for_the_card(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json(comparison=COMPARISON, install_mode="appointment"))
    fake_back.add(
        "GET",
        f"{CART_URL}payment/",
        json={
            "requirement_by_method": {"card": "required", "bill": "required"},
            "amount": "175.00",
            "currency": "CAD",
        },
    )

    body = with_cart.get("/myshop/payment/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Pay now by card" in body
    assert "Pay on my next bill" not in body
    assert "175.00 $" in body


def test_a_declined_card_is_said_and_the_card_number_not_echoed(with_cart, fake_back):
    fake_back.add(
        "GET",
        f"{CART_URL}payment/",
        json={
            "requirement_by_method": {"card": "required", "bill": "required"},
            "amount": "175.00",
            "currency": "CAD",
        },
    )
    fake_back.add(
        "PUT",
        f"{CART_URL}payment/",
        status=402,
        json=problem(402, "payment_declined") | {"reason": "card_declined"},
    )

    response = with_cart.post(
        "/myshop/payment/",
        {
            "method": "card",
            "card_number": "4000000000000002",
            "expiry_month": "12",
            "expiry_year": "2030",
            "cvc": "123",
            "holder_name": "Julie Tremblay",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "Your bank declined the payment." in body
    assert "4000000000000002" not in body
    assert 'value="Julie Tremblay"' in body


# --- Review, confirm, done, cancel -----------------------------------------------------------------------


def test_the_review_holds_a_fresh_idempotency_key(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json(comparison=COMPARISON, install_mode="none"))

    body = with_cart.get("/myshop/review/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'name="key"' in body
    assert "Confirm my change" in body
    assert "125.00 $/month" in body


def test_confirming_sends_the_forms_key_so_a_double_submit_makes_one_order(with_cart, fake_back):
    order = {"id": "o-1", "status": "submitted", "monthly_price": "125.00", "one_time_total": "25.00"}
    fake_back.add("POST", f"{CART_URL}confirm/", status=201, json=order)
    fake_back.add("POST", f"{CART_URL}confirm/", status=200, json=order)

    first = with_cart.post("/myshop/review/", {"key": "a" * 32, "accept": "on"})
    second = with_cart.post("/myshop/review/", {"key": "a" * 32, "accept": "on"})

    assert first["Location"] == second["Location"] == "/myshop/done/"
    keys = [r.headers["Idempotency-Key"] for r in fake_back.calls("POST", f"{CART_URL}confirm/")]
    assert keys == ["a" * 32, "a" * 32]


def test_confirming_without_accepting_is_refused(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json(comparison=COMPARISON, install_mode="none"))

    response = with_cart.post("/myshop/review/", {"key": "a" * 32}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert fake_back.calls("POST", f"{CART_URL}confirm/") == []


def test_a_confirm_needing_payment_goes_to_the_payment_step(with_cart, fake_back):
    fake_back.add("POST", f"{CART_URL}confirm/", status=409, json=problem(409, "payment_required"))

    response = with_cart.post("/myshop/review/", {"key": "a" * 32, "accept": "on"})

    assert response["Location"] == "/myshop/payment/"


def test_a_confirm_still_in_flight_whose_order_exists_shows_the_confirmation(with_cart, fake_back):
    fake_back.add("POST", f"{CART_URL}confirm/", status=409, json=problem(409, "idempotency_key_in_flight"))
    fake_back.add(
        "GET",
        f"{CART_URL}order/",
        json={"id": "o-1", "status": "submitted", "monthly_price": "125.00", "one_time_total": "25.00"},
    )

    response = with_cart.post("/myshop/review/", {"key": "a" * 32, "accept": "on"})

    assert response["Location"] == "/myshop/done/"


def test_a_confirm_still_in_flight_without_an_order_shows_the_review_with_a_new_key(with_cart, fake_back):
    fake_back.add("POST", f"{CART_URL}confirm/", status=409, json=problem(409, "idempotency_key_in_flight"))
    fake_back.add("GET", f"{CART_URL}order/", status=404, json=problem(404, "order_not_found"))
    fake_back.add("GET", CART_URL, json=cart_json(comparison=COMPARISON, install_mode="none"))

    response = with_cart.post("/myshop/review/", {"key": "a" * 32, "accept": "on"}, HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 409
    assert "Your order is still being recorded." in body
    assert 'value="' + "a" * 32 + '"' not in body


def test_the_confirmation_page_shows_the_order_status_and_the_change(with_cart, fake_back):
    fake_back.add(
        "GET",
        f"{CART_URL}order/",
        json={
            "id": "2a37c651",
            "status": "submitted",
            "sale_type": "upsell",
            "offer_code": "RG_INT500_TVBAS",
            "monthly_price": "125.00",
            "one_time_total": "25.00",
            "install_mode": "none",
            "appointment": None,
            "expected_on": "2026-11-26",
            "is_pending": True,
            "comparison": COMPARISON,
            "message": "Your order is confirmed.",
        },
    )

    body = with_cart.get("/myshop/done/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Change confirmed" in body
    assert "2a37c651" in body
    assert "Basic TV + Internet 500 Mbps" in body
    assert "Pending: your change is in progress" in body
    assert "Nov. 26, 2026" in body


def test_cancel_asks_first_then_deletes_the_cart_and_forgets_it(with_cart, fake_back):
    fake_back.add("GET", CART_URL, json=cart_json())
    fake_back.add("DELETE", CART_URL, json=cart_json(status="cancelled"))

    page = with_cart.get("/myshop/cancel/?from=myshop:options", HTTP_ACCEPT_LANGUAGE="en")
    response = with_cart.post("/myshop/cancel/")

    assert 'href="/myshop/options/"' in page.content.decode()
    assert fake_back.calls("DELETE", CART_URL)[0].headers["X-Cart-Secret"] == "s3cret-of-the-change-cart"
    assert response["Location"] == "/myaccount/"
    assert CART_KEY not in with_cart.session


def test_cancelling_a_confirmed_change_keeps_it_and_shows_the_confirmation(with_cart, fake_back):
    fake_back.add("DELETE", CART_URL, status=409, json=problem(409, "cart_closed"))

    response = with_cart.post("/myshop/cancel/")

    assert response["Location"] == "/myshop/done/"
    assert CART_KEY in with_cart.session


@pytest.mark.parametrize("page", ["offer", "equipment", "options", "directory", "summary", "review"])
def test_each_step_offers_to_cancel_the_change(with_cart, fake_back, page):
    fake_back.add("GET", CART_URL, json=cart_json(comparison=COMPARISON, install_mode="none"))
    fake_back.add("GET", f"{CART_URL}change/", json=change_json(phone_numbers=PHONES))
    fake_back.add("GET", f"{CART_URL}change/equipment/", json=EQUIPMENT)
    fake_back.add("GET", f"{CART_URL}change/options/", json=OPTIONS)

    response = with_cart.get(f"/myshop/{page}/", HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 200
    assert f'href="/myshop/cancel/?from=myshop%3A{page}">Cancel my change</a>' in body
    assert len(fake_back.requests) <= 3


def test_the_selection_in_the_cart_is_shown_again_when_coming_back(with_cart, fake_back):
    selection = selection_json(
        equipment_returned=["THD000000002"],
        equipment_added=[{"code": "TERM4K", "acquisition": "buy", "quantity": 2}],
    )
    fake_back.add("GET", CART_URL, json=cart_json(selection=selection))
    fake_back.add("GET", f"{CART_URL}change/equipment/", json=EQUIPMENT)

    body = with_cart.get("/myshop/equipment/").content.decode()

    assert checked(body, "id_returned_1")
    assert '<option value="2" selected>2</option>' in body
    assert '<option value="buy" selected>' in body
