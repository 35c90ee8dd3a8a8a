"""Each SelfShop cart call reads and writes the weblys database a small, fixed number of times.

The bounds hold whatever the cart holds (several pieces of equipment, several options): every page of
SelfShop, MyShop and WeShop makes these calls, so none of them may grow with the cart's content.
Inside a test each `transaction.atomic` adds a SAVEPOINT and its RELEASE to the count.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import TestCase

from back.orders.models import Order
from back.procable.models import TechnicianCapacity

from .conftest import find_address
from .test_flow import CARD, CONTACT, Journey

pytestmark = pytest.mark.django_db(databases="__all__", transaction=False)


def test_every_cart_call_makes_a_bounded_number_of_queries(api, operator, django_assert_max_num_queries):
    address = find_address(operator, domains={"TV", "INT"})
    with django_assert_max_num_queries(5):
        journey = Journey(api)
    with django_assert_max_num_queries(5):
        assert journey.put("address", {"address_id": address.id}).status_code == 200
    with django_assert_max_num_queries(1):
        offers = journey.get("offers").json()["offers"]
    offer = max(offers, key=lambda o: len(o["domains"]))
    with django_assert_max_num_queries(2):
        assert journey.put("offer", {"offer_code": offer["code"]}).status_code == 200
    with django_assert_max_num_queries(1):
        equipment = journey.get("equipment").json()["equipment"]
    required = {}
    for item in equipment:
        if item["is_required"]:
            required.setdefault(item["domain"], item["code"])
    chosen = [{"code": code, "acquisition": "rent", "quantity": 1} for code in required.values()]
    with django_assert_max_num_queries(2):
        assert journey.put("equipment", {"equipment": chosen}).status_code == 200
    with django_assert_max_num_queries(1):
        options = journey.get("options").json()["options"]
    with django_assert_max_num_queries(2):
        response = journey.put("options", {"options": [o["code"] for o in options]})
    assert response.status_code == 200, response.content
    with django_assert_max_num_queries(2):
        assert journey.put("quote", {}).status_code == 200
    with django_assert_max_num_queries(2):
        assert journey.put("contact", CONTACT).status_code == 200
    with django_assert_max_num_queries(2):
        slots = journey.get("slots").json()["slots"]
    with django_assert_max_num_queries(8):  # the first hold: an UPDATE of nothing, then an INSERT
        response = journey.put(
            "appointment",
            {"install_mode": "appointment", "day": slots[0]["day"], "period": slots[0]["period"]},
        )
    assert response.status_code == 200, response.content
    with django_assert_max_num_queries(1):
        assert journey.get("payment").status_code == 200
    with django_assert_max_num_queries(5):
        assert journey.put("payment", {"method": "card", "card": CARD}).status_code == 200
    with django_assert_max_num_queries(1):
        cart = journey.get().json()
    assert len(cart["equipment"]) == len(chosen) and cart["options"] == [o["code"] for o in options]
    with django_assert_max_num_queries(14), TestCase.captureOnCommitCallbacks(execute=False):
        first = journey.client.post(
            journey.url("confirm"),
            {},
            format="json",
            HTTP_X_CART_SECRET=journey.secret,
            HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
        )
    assert first.status_code == 201, first.content
    with django_assert_max_num_queries(6):
        again = journey.post("confirm")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    with django_assert_max_num_queries(2):
        assert journey.get("order").status_code == 200


def test_a_slot_taken_outside_weblys_before_confirm_is_refused_with_fresh_slots(api, operator):
    # given a paid cart holding a slot, then the slot's last places taken in Pro-Cable directly
    journey = Journey(api)
    journey.to_payment(find_address(operator, domains={"TV", "INT"}).id)
    assert journey.put("payment", {"method": "card", "card": CARD}).status_code == 200
    cart = journey.cart()
    taken: Any = TechnicianCapacity.objects.using("procable").get(
        zone__code=cart.zone_code, day=cart.appointment_day, period=cart.appointment_period
    )
    taken.booked = taken.capacity
    taken.save(using="procable")

    # when the visitor confirms
    response = journey.post("confirm")

    # then 409 slot_taken with the fresh slots (not the taken one) and no order
    assert response.status_code == 409, response.content
    body = response.json()
    assert body["code"] == "slot_taken"
    assert body["slots"]
    assert (cart.appointment_day.isoformat(), cart.appointment_period) not in {
        (s["day"], s["period"]) for s in body["slots"]
    }
    assert not Order.objects.filter(cart_id=cart.pk).exists()
