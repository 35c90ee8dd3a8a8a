"""WeShop specifics: serial numbers checked against stock, discounts by right, staff sales and lists."""

from __future__ import annotations

import uuid

import pytest

from back.orders.models import Cart, Order

from .change_helpers import ChangeCart
from .conftest import find_address

pytestmark = pytest.mark.django_db(databases="__all__")

SELLER = ["weshop.sell"]
MANAGER = ["weshop.sell", "weshop.override", "weshop.discount"]


def stock_serial(code: str, skip: int = 0) -> str:
    from back.procable.models import Equipment

    return (
        Equipment.objects.using("procable")
        .filter(status="stock", service_id=code)
        .order_by("serial_number")
        .values_list("serial_number", flat=True)[skip]
    )


def swap_in_store(client) -> ChangeCart:
    """A store change for 100001: return the HD terminal, add a 4K terminal, technician visit."""
    cart = ChangeCart(client, "100001")
    assert (
        cart.put(
            "change/equipment", {"returned": ["THD000000001"], "added": [{"code": "TERM4K"}]}
        ).status_code
        == 200
    )
    cart.quote()
    slot = cart.get("slots").json()["slots"][0]
    booked = cart.put(
        "appointment", {"install_mode": "appointment", "day": slot["day"], "period": slot["period"]}
    )
    assert booked.status_code == 200, booked.content
    return cart


def test_a_store_sale_needs_serial_numbers_and_refuses_the_confirm_without_them(operator, staff_api):
    cart = swap_in_store(staff_api(rights=SELLER, channel="store"))
    view = cart.get("serial-numbers").json()
    assert (view["required"], view["required_by_install_mode"], view["field_prefix"]) == (
        True,
        {"appointment": True, "shipment": False, "delivery": True},
        "added",
    )
    response = cart.confirm()
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "added.0.serial_numbers": ["Enter the serial number of each piece of equipment handed over."]
    }
    assert Order.objects.count() == 0
    assert cart.cart().status == "open"


def test_myshop_never_asks_for_serial_numbers(operator, customer_api):
    cart = ChangeCart(customer_api("100001"), "100001")
    cart.put("change/equipment", {"returned": [], "added": [{"code": "TERM4K"}]})
    assert cart.get("serial-numbers").json()["required_by_install_mode"] == {
        "appointment": False,
        "shipment": False,
        "delivery": False,
    }


def test_serial_numbers_are_checked_against_pro_cable_stock(operator, staff_api):
    cart = ChangeCart(staff_api(rights=SELLER, channel="store"), "100001")
    hd_in_stock = stock_serial("TERMHD")
    response = cart.put(
        "change/equipment",
        {
            "returned": [],
            "added": [
                {"code": "TERM4K", "serial_numbers": ["NOPE0001"]},
                {"code": "TERM4K", "serial_numbers": [hd_in_stock]},
                {"code": "TERM4K", "serial_numbers": ["THD000000001"]},
            ],
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "added.0.serial_numbers": ["The serial number NOPE0001 is unknown."],
        "added.1.serial_numbers": [f"The serial number {hd_in_stock} is a TERMHD, not a TERM4K."],
        "added.2.serial_numbers": ["The serial number THD000000001 is a TERMHD, not a TERM4K."],
    }
    assigned = cart.put(
        "change/equipment", {"returned": [], "added": [{"code": "MODEM", "serial_numbers": ["MDM000000003"]}]}
    )
    assert assigned.json()["errors"] == {
        "added.0.serial_numbers": ["The equipment MDM000000003 is not in stock."]
    }
    assert cart.cart().equipment == []


def test_a_store_swap_with_a_serial_in_stock_assigns_it_in_pro_cable(operator, staff_api):
    client = staff_api(rights=SELLER, channel="store", code="seller9", store_code="S7")
    cart = ChangeCart(client, "100001")
    serial = stock_serial("TERM4K")
    body = {"returned": ["THD000000001"], "added": [{"code": "TERM4K", "serial_numbers": [serial]}]}
    assert cart.put("change/equipment", body).status_code == 200
    cart.quote()
    slot = cart.get("slots").json()["slots"][0]
    cart.put("appointment", {"install_mode": "appointment", "day": slot["day"], "period": slot["period"]})
    response = cart.confirm()
    assert response.status_code == 201, response.content
    item = operator.equipment_get(serial)
    assert (item.status, item.customer_number, item.ownership) == ("assigned", "100001", "rent")
    assert response.json()["taken_by"] == {"staff_code": "seller9", "store_code": "S7", "channel": "store"}


def test_a_distributor_cannot_apply_a_discount(operator, staff_api):
    cart = ChangeCart(staff_api(rights=SELLER, channel="distributor", code="dist1"), "100001")
    response = cart.put("discount", {"kind": "monthly", "amount": "10.00", "reason": "Loyal"})
    assert response.status_code == 403
    assert response.json()["code"] == "discount_not_allowed"
    assert cart.cart().discount == {}


def test_a_customer_cannot_apply_a_discount(operator, customer_api):
    cart = ChangeCart(customer_api("100001"), "100001")
    response = cart.put("discount", {"kind": "monthly", "amount": "10.00", "reason": "Please"})
    assert response.status_code == 403
    assert response.json()["code"] == "discount_not_allowed"


def test_a_store_manager_discount_is_applied_within_the_limit(operator, staff_api):
    cart = ChangeCart(staff_api(rights=MANAGER, code="boss"), "100001")
    cart.put("change/options", {"options": ["TVSPORT"]})
    assert cart.quote()["monthly_price_after"] == "105.00"  # no online promotion in a store
    too_much = cart.put("discount", {"kind": "monthly", "percent": "35", "reason": "Loyal"})
    assert too_much.status_code == 400
    assert too_much.json()["errors"] == {"percent": ["Enter a percent above 0 and at most 20."]}
    no_reason = cart.put("discount", {"kind": "monthly", "amount": "10.00", "reason": ""})
    assert no_reason.json()["errors"] == {"reason": ["Say why the discount is given."]}
    assert cart.cart().discount == {}
    response = cart.put("discount", {"kind": "monthly", "percent": "10", "reason": "Loyal customer"})
    assert response.status_code == 200, response.content
    body = response.json()["cart"]
    assert body["discount"] == {
        "kind": "monthly",
        "amount": None,
        "percent": "10",
        "reason": "Loyal customer",
        "by": "boss",
        "value": "10.50",
    }
    assert body["quote"]["monthly_price_after_discount"] == "94.50"
    assert cart.confirm().status_code == 201
    order = Order.objects.get()
    assert (order.discount["value"], order.discount["by"]) == ("10.50", "boss")
    wo_notes = [
        wo.note for wo in operator.work_order_list("100001") if wo.note.startswith(f"Order {order.pk}")
    ]
    assert all("discount 10.50 (monthly) by boss: Loyal customer" in note for note in wo_notes)


def test_a_weshop_new_customer_sale_records_who_took_it(operator, staff_api, django_assert_max_num_queries):
    # given a store seller selling to a new customer
    client = staff_api(rights=SELLER, channel="store", code="seller1", store_code="S12")
    response = client.post(
        "/api/v1/orders/carts/", {"language": "en"}, format="json", HTTP_IDEMPOTENCY_KEY="n1"
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["channel"], body["sale_type"], body["taken_by"]) == (
        "store",
        "new",
        {"staff_code": "seller1", "store_code": "S12", "channel": "store"},
    )
    from .test_flow import CONTACT

    address = find_address(operator, domains={"TV", "INT"})
    secret = {"HTTP_X_CART_SECRET": body["cart_secret"]}
    url = f"/api/v1/orders/carts/{body['id']}/"
    assert (
        client.put(url + "address/", {"address_id": address.id}, format="json", **secret).status_code == 200
    )
    offers = client.get(url + "offers/", **secret).json()["offers"]
    offer = next(o for o in offers if o["domains"] == ["INT", "TV"])
    client.put(url + "offer/", {"offer_code": offer["code"]}, format="json", **secret)
    equipment = [{"code": "MODEM"}, {"code": "TERMHD"}]
    assert (
        client.put(url + "equipment/", {"equipment": equipment}, format="json", **secret).status_code == 200
    )
    client.put(url + "options/", {"options": []}, format="json", **secret)
    assert client.put(url + "quote/", {}, format="json", **secret).status_code == 200
    assert client.put(url + "contact/", CONTACT, format="json", **secret).status_code == 200
    assert client.get(url + "serial-numbers/", **secret).json()["required_by_install_mode"] == {
        "appointment": True,
        "shipment": False,
        "delivery": True,
    }
    assert (
        client.put(url + "appointment/", {"install_mode": "shipment"}, format="json", **secret).status_code
        == 200
    )
    assert client.put(url + "payment/", {"method": "bill"}, format="json", **secret).status_code == 200
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        confirmed = client.post(
            url + "confirm/", {}, format="json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()), **secret
        )
    assert confirmed.status_code == 201, confirmed.content
    # then the staff list shows who took it, for which store, through which channel
    with django_assert_max_num_queries(4):
        listing = client.get("/api/v1/orders/orders/?store_code=S12")
    [row] = listing.json()["results"]
    assert (row["taken_by"], row["sale_type"], row["status"]) == (
        {"staff_code": "seller1", "store_code": "S12", "channel": "store"},
        "new",
        "submitted",
    )
    assert client.get("/api/v1/orders/orders/?store_code=OTHER").json()["results"] == []
    assert Cart.objects.get().staff_code == "seller1"
