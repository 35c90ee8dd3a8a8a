"""Changes of offer end to end on the demo operator: options, equipment, upsell, cross-sell, submission."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from back.orders import services
from back.orders.models import CaseFileEvent, Order
from back.procable.gateway import simulate_down

from .change_helpers import ChangeCart, active_services

pytestmark = pytest.mark.django_db(databases="__all__")

MANAGER = ["weshop.sell", "weshop.override"]


def test_adding_an_option_is_compared_confirmed_and_applied_once(operator, customer_api):
    # given customer 100001 (TVBAS + INT100 + MODEM + TERMHD: 93.00 a month) on MyShop
    cart = ChangeCart(customer_api("100001"), "100001")
    # when they add the sports pack and look at the summary
    response = cart.put("change/options", {"options": ["TVSPORT"]})
    assert response.status_code == 200, response.content
    comparison = cart.quote()
    # then the comparison is exact and nothing is installed
    assert {
        k: comparison[k] for k in ("monthly_price_before", "monthly_price_after", "monthly_difference")
    } == {
        "monthly_price_before": "93.00",
        "monthly_price_after": "100.00",
        "monthly_difference": "7.00",
    }
    # the catalog's upgrade promotion ($5 off for 6 months) applies; the regular price follows
    assert [p["code"] for p in comparison["promotions"]] == ["UPGRADE5"]
    assert (comparison["monthly_price_after_regular"], comparison["monthly_price_after_promotions"]) == (
        "105.00",
        "105.00",
    )
    assert (comparison["options_added"], comparison["options_removed"]) == (["TVSPORT"], [])
    assert (comparison["one_time_fees"], comparison["one_time_total"], comparison["sale_type"]) == (
        [],
        "0.00",
        "upsell",
    )
    assert cart.get("slots").json()["install_modes"] == ["none"]
    # when they confirm
    confirmed = cart.confirm()
    # then the order reaches Pro-Cable once and the file is unlocked
    assert confirmed.status_code == 201, confirmed.content
    order = Order.objects.get()
    assert (order.status, order.is_change, order.customer_number, order.sale_type) == (
        "submitted",
        True,
        "100001",
        "upsell",
    )
    assert active_services(operator, "100001") == ["INT100", "MODEM", "TERMHD", "TVBAS", "TVSPORT"]
    assert sorted(order.submission["work_orders"]) == ["contract:WOCONTRACT", "primary:WOCHG"]
    assert sorted(order.submission["letters"]) == ["LCHANGE", "LECONTRACT"]
    assert operator.customer_lock_get("100001").is_locked is False
    assert CaseFileEvent.objects.get(cart_id=cart.cart_id).kind == "successful"


def test_the_confirm_of_a_change_is_idempotent(operator, customer_api):
    cart = ChangeCart(customer_api("100001"), "100001")
    cart.put("change/options", {"options": ["TVSPORT"]})
    cart.quote()
    first = cart.confirm(key="same")
    again = cart.confirm(key="same")
    other_key = cart.confirm(key="other")
    assert (first.status_code, again.status_code, other_key.status_code) == (201, 201, 200)
    assert first.json()["id"] == again.json()["id"] == other_key.json()["id"]
    assert Order.objects.count() == 1
    assert active_services(operator, "100001").count("TVSPORT") == 1


def test_removing_an_option_lowers_the_price(operator, staff_api):
    # given the VIP customer 100006 (190.00 a month, sports pack), opened by a manager with an override
    cart = ChangeCart(staff_api(rights=MANAGER, code="mgr"), "100006", override={"reason": "VIP desk"})
    # when the sports pack is removed
    assert cart.put("change/options", {"options": []}).status_code == 200
    comparison = cart.quote()
    # then
    assert (
        comparison["monthly_price_before"],
        comparison["monthly_price_after"],
        comparison["monthly_difference"],
    ) == (
        "190.00",
        "178.00",
        "-12.00",
    )
    assert comparison["options_removed"] == ["TVSPORT"]
    assert cart.confirm().status_code == 201
    assert "TVSPORT" not in active_services(operator, "100006")
    order = Order.objects.get()
    assert order.override["codes"] == ["customer_type_not_allowed"]
    assert order.staff_code == "mgr"


def test_an_upsell_moves_to_the_faster_internet_with_its_activation_fee(operator, customer_api):
    cart = ChangeCart(customer_api("100001"), "100001")
    targets = {t["offer"]["code"]: t["kind"] for t in cart.get("change").json()["targets"]}
    assert targets == {
        "RG_INT100_TELRES_TVBAS": "cross_sell",
        "RG_INT100_TVPLUS": "upsell",
        "RG_INT500_TVBAS": "upsell",
    }
    response = cart.put("change/offer", {"offer_code": "RG_INT500_TVBAS"})
    assert response.status_code == 200, response.content
    comparison = cart.quote()
    assert comparison["sale_type"] == "upsell"
    assert (comparison["services_added"], comparison["services_removed"]) == (["INT500"], ["INT100"])
    assert (
        comparison["monthly_price_before"],
        comparison["monthly_price_after"],
        comparison["monthly_difference"],
    ) == (
        "93.00",
        "108.00",
        "15.00",
    )
    assert comparison["monthly_price_after_regular"] == "113.00"
    assert comparison["one_time_fees"] == [{"code": "FEEACT", "label": "Activation", "amount": "25.00"}]
    assert (comparison["commitment_effects"], comparison["one_time_total"]) == ([], "25.00")
    assert cart.confirm().status_code == 201
    assert active_services(operator, "100001") == ["FEEACT", "INT500", "MODEM", "TERMHD", "TVBAS"]


def test_a_commitment_ended_early_shows_its_termination_fee(operator, customer_api):
    from back.procable.models import Commitment, Customer

    # given 100001 committed on Basic TV for another year
    customer = Customer.objects.using("procable").get(number="100001")
    Commitment.objects.using("procable").create(
        customer=customer,
        service_id="TVBAS",
        started_on=date.today() - timedelta(days=30),
        ends_on=date.today() + timedelta(days=335),
        early_termination_fee="120.00",
    )
    cart = ChangeCart(customer_api("100001"), "100001")
    # when they move to TV Plus (Basic TV ends)
    cart.put("change/offer", {"offer_code": "RG_INT100_TVPLUS"})
    comparison = cart.quote()
    # then the early-termination fee is shown and counted
    assert comparison["commitment_effects"] == [
        {
            "service_code": "TVBAS",
            "ends_on": (date.today() + timedelta(days=335)).isoformat(),
            "early_termination_fee": "120.00",
        }
    ]
    assert comparison["one_time_total"] == "145.00"


def test_a_cross_sell_adds_the_phone_with_its_adapter_and_an_installation(operator, customer_api):
    cart = ChangeCart(customer_api("100001"), "100001")
    cart.put("change/offer", {"offer_code": "RG_INT100_TELRES_TVBAS"})
    # the phone needs its adapter
    missing = cart.put("quote", {})
    assert missing.status_code == 400
    assert cart.put("change/equipment", {"returned": [], "added": [{"code": "PHONEADPT"}]}).status_code == 200
    comparison = cart.quote()
    assert comparison["sale_type"] == "cross_sell"
    assert (comparison["services_added"], comparison["services_removed"]) == (["TELRES"], [])
    assert (comparison["monthly_price_before"], comparison["monthly_price_after_regular"]) == (
        "93.00",
        "121.00",
    )
    assert comparison["monthly_price_after"] == "116.00"
    assert cart.get("slots").json()["install_modes"] == ["appointment", "shipment", "delivery"]
    slot = cart.get("slots").json()["slots"][0]
    booked = cart.put(
        "appointment", {"install_mode": "appointment", "day": slot["day"], "period": slot["period"]}
    )
    assert booked.status_code == 200, booked.content
    assert cart.confirm().status_code == 201
    order = Order.objects.get()
    assert (order.sale_type, order.status) == ("cross_sell", "submitted")
    assert sorted(order.submission["work_orders"]) == [
        "contract:WOCONTRACT",
        "primary:WOCHG",
        "secondary:WOINST",
    ]
    assert order.submission["appointment"]["day"] == slot["day"]
    assert active_services(operator, "100001") == [
        "FEEACT",
        "INT100",
        "MODEM",
        "PHONEADPT",
        "TELRES",
        "TERMHD",
        "TVBAS",
    ]


def test_an_equipment_swap_returns_the_old_terminal_and_adds_the_new_one(operator, customer_api):
    cart = ChangeCart(customer_api("100001"), "100001")
    response = cart.put(
        "change/equipment",
        {"returned": ["THD000000001"], "added": [{"code": "TERM4K", "acquisition": "rent"}]},
    )
    assert response.status_code == 200, response.content
    comparison = cart.quote()
    assert (comparison["monthly_price_before"], comparison["monthly_price_after_regular"]) == (
        "93.00",
        "98.00",
    )
    assert comparison["equipment_returned"] == ["THD000000001"]
    assert comparison["equipment_added"] == [{"code": "TERM4K", "acquisition": "rent", "quantity": 1}]
    # the 4K terminal now allows cloud recording
    options = cart.get("change/options").json()
    assert "TVPVR" in [o["code"] for o in options["options"]]
    cart.ship()
    assert cart.confirm().status_code == 201
    assert active_services(operator, "100001") == ["INT100", "MODEM", "TERM4K", "TVBAS"]
    assert operator.equipment_get("THD000000001").status == "stock"


def test_returning_one_of_two_terminals(operator, staff_api):
    cart = ChangeCart(staff_api(rights=MANAGER, channel="call_center"), "100006", override={"reason": "ok"})
    assert cart.put("change/equipment", {"returned": ["THD000000013"], "added": []}).status_code == 200
    comparison = cart.quote()
    assert (comparison["monthly_price_before"], comparison["monthly_price_after"]) == ("190.00", "185.00")
    assert cart.confirm().status_code == 201
    assert active_services(operator, "100006").count("TERMHD") == 1
    assert operator.equipment_get("THD000000013").status == "stock"


def test_equipment_the_customer_does_not_hold_or_bought_cannot_be_returned(operator, staff_api):
    cart = ChangeCart(staff_api(rights=MANAGER), "100006", override={"reason": "ok"})
    before = cart.cart().change
    response = cart.put("change/equipment", {"returned": ["MDM000000002", "GW6000000014"], "added": []})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "returned.0": ["The customer does not hold this equipment."],
        "returned.1": ["Bought equipment belongs to the customer."],
    }
    assert cart.cart().change == before


def test_the_directory_listing_of_a_fixed_line_is_changed(operator, staff_api):
    cart = ChangeCart(staff_api(rights=MANAGER), "100006", override={"reason": "ok"})
    phones = cart.get("change").json()["current"]["phone_numbers"]
    assert phones == [{"number": "4502000003", "directory_listing": "listed"}]
    bad = cart.put("change/directory", {"listings": [{"number": "5140000000", "listing": "hidden"}]})
    assert bad.status_code == 400
    assert sorted(bad.json()["errors"]) == ["listings.0.listing", "listings.0.number"]
    assert (
        cart.put(
            "change/directory", {"listings": [{"number": "4502000003", "listing": "unlisted"}]}
        ).status_code
        == 200
    )
    cart.quote()
    assert cart.confirm().status_code == 201
    phone = operator.phone_number_list("100006")[0]
    assert phone.directory_listed is False


def test_pro_cable_down_then_up_applies_the_change_exactly_once(operator, customer_api):
    cart = ChangeCart(customer_api("100001"), "100001")
    cart.put("change/offer", {"offer_code": "RG_INT500_TVBAS"})
    cart.quote()
    # when Pro-Cable is down at confirm
    with simulate_down():
        response = cart.confirm()
        order = Order.objects.get()
        assert (response.status_code, order.status) == (201, "received")
        # and the periodic resubmission runs while still down
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            services.orders_resubmit_pending()
    order.refresh_from_db()
    assert order.status == "received"
    # the received order keeps other changes out meanwhile
    assert [
        b["code"]
        for b in cart.client.get("/api/v1/orders/customers/100001/change-eligibility/").json()["blockers"]
    ] == ["file_locked"]
    # when Pro-Cable is back, twice
    assert services.order_submit(order_id=order.pk) == "submitted"
    assert services.order_submit(order_id=order.pk) == "submitted"
    # then exactly one set of changes is applied
    assert active_services(operator, "100001") == ["FEEACT", "INT500", "MODEM", "TERMHD", "TVBAS"]
    notes = [wo.note for wo in operator.work_order_list("100001")]
    assert sum(note.startswith(f"Order {order.pk}") for note in notes) == 2  # WOCHG + WOCONTRACT
    assert operator.customer_lock_get("100001").is_locked is False


def test_the_customer_sees_the_pending_change(operator, customer_api, django_assert_max_num_queries):
    client = customer_api("100001")
    cart = ChangeCart(client, "100001")
    cart.put("change/options", {"options": ["TVSPORT"]})
    cart.quote()
    order_id = cart.confirm().json()["id"]
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/orders/customers/100001/orders/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert (row["id"], row["status"], row["is_change"], row["is_pending"], row["sale_type"]) == (
        order_id,
        "submitted",
        True,
        True,
        "upsell",
    )
    assert row["expected_on"] == (date.today() + timedelta(days=1)).isoformat()
    assert customer_api("100002").get("/api/v1/orders/customers/100001/orders/").status_code == 403
