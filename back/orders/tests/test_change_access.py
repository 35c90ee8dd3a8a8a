"""Who may change an offer: blocking reasons, overrides, rights, and the customer-file lock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from back.orders import services
from back.orders.models import Cart, CartStatus, CaseFileEvent

from .change_helpers import ChangeCart, change_open

pytestmark = pytest.mark.django_db(databases="__all__")

SELLER = ["weshop.sell"]
MANAGER = ["weshop.sell", "weshop.override", "weshop.discount"]


def eligibility(client, number: str):
    return client.get(f"/api/v1/orders/customers/{number}/change-eligibility/")


def test_a_customer_with_a_catalog_offer_may_change_it(operator, customer_api):
    # when customer 100001 (TVBAS + INT100, active, no lock) asks
    response = eligibility(customer_api("100001"), "100001")
    # then nothing blocks and the current offer is named
    assert response.status_code == 200
    body = response.json()
    assert (body["allowed"], body["blockers"], body["current_offer"]["code"]) == (True, [], "RG_INT100_TVBAS")


@pytest.mark.parametrize(
    ("number", "code", "is_overridable"),
    [
        ("100003", "customer_type_not_allowed", True),  # employee
        ("100006", "customer_type_not_allowed", True),  # VIP
        ("100004", "account_in_collection", True),
        ("100005", "offer_not_in_catalog", False),
    ],
)
def test_each_blocking_reason_is_given_and_refuses_the_change_cart(
    operator, staff_api, number, code, is_overridable
):
    client = staff_api(rights=SELLER)
    # when staff asks for the eligibility, then opens a change cart
    body = eligibility(client, number).json()
    response = change_open(client, number)
    # then the reason is given with its code, and the cart is refused with that code
    assert body["allowed"] is False
    assert [(b["code"], b["is_overridable"]) for b in body["blockers"]] == [(code, is_overridable)]
    assert response.status_code == 409
    assert response.json()["code"] == code
    assert [b["code"] for b in response.json()["blockers"]] == [code]
    assert Cart.objects.count() == 0
    assert operator.customer_lock_get(number).is_locked is False


def test_an_inactive_customer_is_blocked(operator, staff_api):
    operator.customer_set_status("100002", status="suspended", reason="test")
    body = eligibility(staff_api(rights=SELLER), "100002").json()
    assert [b["code"] for b in body["blockers"]] == ["customer_not_active"]


def test_a_file_locked_by_someone_else_is_blocked_and_cannot_be_overridden(operator, staff_api):
    # given an agent locked 100002 in Pro-Cable
    operator.customer_lock("100002", reason="agent at work", locked_by="agent7")
    client = staff_api(rights=MANAGER)
    # when a manager tries to override it
    response = change_open(client, "100002", override={"reason": "Customer waiting"})
    # then the lock still refuses
    assert response.status_code == 409
    assert response.json()["code"] == "file_locked"
    assert operator.customer_lock_get("100002").locked_by == "agent7"
    assert Cart.objects.count() == 0


def test_the_customer_type_setting_decides_which_types_are_blocked(operator, staff_api, settings):
    settings.ORDERS_CHANGE_BLOCKED_CUSTOMER_TYPES = ["EMP"]
    client = staff_api(rights=SELLER)
    assert eligibility(client, "100006").json()["allowed"] is True
    assert [b["code"] for b in eligibility(client, "100003").json()["blockers"]] == [
        "customer_type_not_allowed"
    ]


def test_an_override_is_recorded_with_who_when_and_why(operator, staff_api):
    # given a store manager with the override right
    client = staff_api(rights=MANAGER, code="mgr1", channel="store", store_code="S42")
    # when they open a change for the VIP customer with a reason
    cart = ChangeCart(client, "100006", override={"reason": "Approved by the VIP desk"})
    # then the override is on the cart and in a case-file event
    override = cart.body["override"]
    assert (override["codes"], override["reason"], override["by"]) == (
        ["customer_type_not_allowed"],
        "Approved by the VIP desk",
        "mgr1",
    )
    assert override["at"]
    event = CaseFileEvent.objects.get(cart_id=cart.cart_id)
    assert (event.kind, event.actor, event.customer_number, event.reason) == (
        "override",
        "mgr1",
        "100006",
        "customer_type_not_allowed: Approved by the VIP desk",
    )
    assert cart.body["taken_by"] == {"staff_code": "mgr1", "store_code": "S42", "channel": "store"}


def test_an_override_without_the_right_is_refused_and_nothing_changes(operator, staff_api):
    client = staff_api(rights=SELLER, code="seller1")
    response = change_open(client, "100006", override={"reason": "Please"})
    assert response.status_code == 403
    assert response.json()["code"] == "override_not_allowed"
    assert Cart.objects.count() == 0
    assert CaseFileEvent.objects.count() == 0
    assert operator.customer_lock_get("100006").is_locked is False


def test_a_customer_cannot_override(operator, customer_api):
    response = change_open(customer_api("100006"), "100006", override={"reason": "I am VIP"})
    assert response.status_code == 403
    assert response.json()["code"] == "override_not_allowed"


def test_an_override_needs_a_reason(operator, staff_api):
    response = change_open(staff_api(rights=MANAGER), "100006", override={"reason": "  "})
    assert response.status_code == 400
    assert response.json()["errors"] == {"override.reason": ["Say why the blocking reason is overridden."]}
    assert Cart.objects.count() == 0


def test_a_missing_offer_cannot_be_overridden(operator, staff_api):
    response = change_open(staff_api(rights=MANAGER), "100005", override={"reason": "Try"})
    assert response.status_code == 409
    assert response.json()["code"] == "offer_not_in_catalog"


def test_a_customer_may_only_change_their_own_offer(operator, customer_api):
    response = change_open(customer_api("100002"), "100001")
    assert response.status_code == 403
    assert eligibility(customer_api("100002"), "100001").status_code == 403
    assert Cart.objects.count() == 0
    assert operator.customer_lock_get("100001").is_locked is False


def test_the_default_web_user_cannot_change_an_offer(operator, api):
    response = change_open(api, "100001")
    assert response.status_code == 403
    assert Cart.objects.count() == 0


@pytest.mark.parametrize("sale_type", ["new", "change"])
def test_a_staff_user_without_weshop_rights_is_refused(operator, staff_api, sale_type):
    client = staff_api(rights=["wecare.customers"], code="carer")
    body = {"sale_type": sale_type, "customer_number": "100001"}
    response = client.post("/api/v1/orders/carts/", body, format="json", HTTP_IDEMPOTENCY_KEY=sale_type)
    assert response.status_code == 403
    assert response.json()["code"] == "sell_not_allowed"
    assert Cart.objects.count() == 0


def test_a_change_cart_is_made_by_a_customer_on_myshop_and_locks_the_file(operator, customer_api):
    cart = ChangeCart(customer_api("100001"), "100001")
    assert (cart.body["channel"], cart.body["sale_type"], cart.body["is_change"]) == (
        "myshop",
        "upsell",
        True,
    )
    assert cart.body["taken_by"] is None
    lock = operator.customer_lock_get("100001")
    assert (lock.is_locked, lock.locked_by) == (True, f"weblys-cart:{cart.cart_id}")


def test_a_second_change_cart_for_a_locked_file_is_refused(operator, customer_api, staff_api):
    first = ChangeCart(customer_api("100001"), "100001")
    response = change_open(staff_api(rights=MANAGER), "100001", override={"reason": "Agent"})
    assert response.status_code == 409
    assert response.json()["code"] == "file_locked"
    assert Cart.objects.count() == 1
    assert operator.customer_lock_get("100001").locked_by == f"weblys-cart:{first.cart_id}"


def test_cancelling_a_change_cart_unlocks_the_file_and_records_an_abandon(operator, customer_api):
    cart = ChangeCart(customer_api("100001"), "100001")
    response = cart.delete()
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert operator.customer_lock_get("100001").is_locked is False
    event = CaseFileEvent.objects.get(cart_id=cart.cart_id)
    assert (event.kind, event.reason, event.customer_number) == ("abandoned", "cancelled", "100001")
    # cancelling again changes nothing; a new change may start
    assert cart.delete().status_code == 200
    assert CaseFileEvent.objects.filter(cart_id=cart.cart_id).count() == 1
    ChangeCart(customer_api("100001"), "100001")


def test_an_abandoned_change_cart_unlocks_the_file(operator, customer_api):
    cart = ChangeCart(customer_api("100001"), "100001")
    later = timezone.now() + timedelta(days=2)
    assert services.carts_abandon_stale(now=later) == 1
    assert cart.cart().status == CartStatus.ABANDONED
    assert cart.cart().is_file_locked is False
    assert operator.customer_lock_get("100001").is_locked is False


def test_a_lock_left_by_pro_cable_down_is_released_by_the_next_sweep(operator, customer_api):
    from back.procable.gateway import simulate_down

    cart = ChangeCart(customer_api("100001"), "100001")
    with simulate_down():
        assert cart.delete().status_code == 200
    assert cart.cart().is_file_locked is True
    assert operator.customer_lock_get("100001").is_locked is True
    services.carts_abandon_stale()
    assert cart.cart().is_file_locked is False
    assert operator.customer_lock_get("100001").is_locked is False


def test_a_new_customer_cart_cannot_use_the_change_steps(operator, api):
    response = api.post("/api/v1/orders/carts/", {}, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    cart_id, secret = response.json()["id"], response.json()["cart_secret"]
    refused = api.get(f"/api/v1/orders/carts/{cart_id}/change/", HTTP_X_CART_SECRET=secret)
    assert refused.status_code == 409
    assert refused.json()["code"] == "cart_not_change"
