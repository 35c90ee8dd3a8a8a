"""The SelfShop order flow through the API, on the real demo catalog, rules and embedded Pro-Cable."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.test import TestCase

from back.orders.models import Cart, CaseFileEvent, Order
from back.payments import sandbox

from .conftest import find_address

pytestmark = pytest.mark.django_db(databases="__all__", transaction=False)

FUTURE_YEAR = date.today().year + 3
CARD = {
    "number": sandbox.CARD_SUCCESS,
    "expiry_month": 12,
    "expiry_year": FUTURE_YEAR,
    "cvc": "123",
    "holder_name": "Ana Lee",
}
CONTACT = {
    "first_name": "Ana",
    "last_name": "Zyxwv",
    "email": "ana.lee@example.com",
    "phone": "514 555 0101",
    "language": "en",
}


class Journey:
    """One visitor's SelfShop journey: the API client plus the cart id and secret its session keeps."""

    def __init__(self, client: Any) -> None:
        self.client = client
        response = client.post(
            "/api/v1/orders/carts/", {"language": "en"}, format="json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4())
        )
        assert response.status_code == 201, response.content
        self.cart_id = response.json()["id"]
        self.secret = response.json()["cart_secret"]

    def url(self, step: str = "") -> str:
        return f"/api/v1/orders/carts/{self.cart_id}/" + (f"{step}/" if step else "")

    def get(self, step: str = "") -> Any:
        return self.client.get(self.url(step), HTTP_X_CART_SECRET=self.secret)

    def put(self, step: str, body: dict) -> Any:
        return self.client.put(self.url(step), body, format="json", HTTP_X_CART_SECRET=self.secret)

    def post(self, step: str, body: dict | None = None, key: str | None = None) -> Any:
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                self.url(step),
                body or {},
                format="json",
                HTTP_X_CART_SECRET=self.secret,
                HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()),
            )

    def cart(self) -> Cart:
        return Cart.objects.get(pk=self.cart_id)

    def to_summary(self, address_id: int) -> dict:
        assert self.put("address", {"address_id": address_id}).status_code == 200
        offers = self.get("offers").json()["offers"]
        offer = (
            next(o for o in offers if o["domains"] == ["INT", "TV"])
            if any(o["domains"] == ["INT", "TV"] for o in offers)
            else offers[0]
        )
        assert self.put("offer", {"offer_code": offer["code"]}).status_code == 200
        equipment = self.get("equipment").json()["equipment"]
        chosen = [
            {"code": e["code"], "acquisition": "rent", "quantity": 1} for e in equipment if e["is_required"]
        ]
        # one required piece per domain is enough
        seen: set[str] = set()
        chosen = [
            c
            for c, e in zip(chosen, [e for e in equipment if e["is_required"]], strict=True)
            if not (e["domain"] in seen or seen.add(e["domain"]))
        ]
        assert self.put("equipment", {"equipment": chosen}).status_code == 200
        options = self.get("options").json()["options"]
        assert self.put("options", {"options": [options[0]["code"]] if options else []}).status_code == 200
        response = self.put("quote", {})
        assert response.status_code == 200, response.content
        body = response.json()
        # The priced cart comes with the quote: the summary page needs no other read.
        assert body["cart"]["step"] == "summary"
        assert body["cart"]["quote"]["monthly_price"] == body["quote"]["monthly_price"]
        return body["quote"]

    def to_payment(self, address_id: int) -> None:
        self.to_summary(address_id)
        assert self.put("contact", CONTACT).status_code == 200
        slot = self.get("slots").json()["slots"][0]
        response = self.put(
            "appointment", {"install_mode": "appointment", "day": slot["day"], "period": slot["period"]}
        )
        assert response.status_code == 200, response.content


@pytest.fixture
def address(operator) -> Any:
    return find_address(operator, domains={"TV", "INT"})


def test_a_new_customer_subscribes_end_to_end_and_the_order_reaches_procable_once(api, operator, address):
    # given a visitor who went through every step and paid by card
    journey = Journey(api)
    quote = journey.to_summary(address.id)
    assert set(quote) >= {"monthly_price", "one_time_total", "promotions", "monthly_price_after_promotions"}
    assert journey.put("contact", CONTACT).status_code == 200
    slot = journey.get("slots").json()["slots"][0]
    assert (
        journey.put(
            "appointment", {"install_mode": "appointment", "day": slot["day"], "period": slot["period"]}
        ).status_code
        == 200
    )
    requirement = journey.get("payment").json()["requirement_by_method"]
    assert requirement == {"card": "required", "bill": "optional"}
    paid = journey.put("payment", {"method": "card", "card": CARD})
    assert paid.status_code == 200, paid.content
    assert paid.json()["cart"]["payment"]["status"] == "paid"
    assert "token" not in paid.json()["cart"]["payment"]

    # when the visitor confirms
    response = journey.post("confirm")

    # then one order is written and submitted to Pro-Cable with the rules' work orders and letters
    assert response.status_code == 201, response.content
    body = response.json()
    order = Order.objects.get()
    assert (body["id"], order.status) == (str(order.id), "submitted")
    customer = operator.customer_get(order.customer_number)
    assert (customer.first_name, customer.email, customer.address_id) == (
        "Ana",
        "ana.lee@example.com",
        address.id,
    )
    codes = sorted(s.service_code for s in operator.customer_services(order.customer_number))
    assert set(
        order.offer_code and [r["code"] for r in order.submission["plan"] if r["kind"] != "fee"]
    ) <= set(codes)
    work_orders = sorted(w.code for w in operator.work_order_list(order.customer_number))
    assert work_orders == sorted(["WOINST", "WOACT", "WOEQ", "WOCONTRACT"])
    letters = sorted(letter.code for letter in operator.letter_list(order.customer_number))
    assert letters == ["LECONTRACT", "LWELCOME"]
    appointments = operator.appointment_list(order.customer_number)
    assert [(a.day.isoformat(), a.period) for a in appointments] == [(slot["day"], slot["period"])]
    assert operator.payment_method_get(order.customer_number).method == "card"
    assert [e.kind for e in CaseFileEvent.objects.all()] == ["successful"]
    assert CaseFileEvent.objects.get().steps_reached[-1] == "confirmed"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana.lee@example.com"]
    assert order.customer_number in mail.outbox[0].body
    status = journey.get("order").json()
    assert (status["status"], status["customer_number"]) == ("submitted", order.customer_number)


def test_confirming_again_with_the_same_or_another_key_returns_the_same_order(api, operator, address):
    journey = Journey(api)
    journey.to_payment(address.id)
    journey.put("payment", {"method": "card", "card": CARD})

    first = journey.post("confirm", key="k-1")
    replay = journey.post("confirm", key="k-1")
    other = journey.post("confirm", key="k-2")

    assert (first.status_code, replay.status_code, other.status_code) == (201, 201, 200)
    assert first.json()["id"] == replay.json()["id"] == other.json()["id"]
    assert replay["Idempotent-Replayed"] == "true"
    assert Order.objects.count() == 1
    assert len(mail.outbox) == 1


def test_procable_down_keeps_the_order_received_then_submits_it_once_when_back(api, operator, address):
    from back.orders.tasks import orders_resubmit_pending_task
    from back.procable.gateway import simulate_down

    journey = Journey(api)
    journey.to_payment(address.id)
    journey.put("payment", {"method": "card", "card": CARD})
    before = len(operator.customer_search(last_name="Zyxwv").results)

    with simulate_down():
        response = journey.post("confirm")
        assert response.status_code == 201
        assert response.json()["status"] == "received"
        assert journey.get("order").json()["status"] == "received"
        orders_resubmit_pending_task.delay()
        assert Order.objects.get().status == "received"

    with TestCase.captureOnCommitCallbacks(execute=True):
        orders_resubmit_pending_task.delay()
    with TestCase.captureOnCommitCallbacks(execute=True):
        orders_resubmit_pending_task.delay()

    order = Order.objects.get()
    assert order.status == "submitted"
    assert journey.get("order").json()["status"] == "submitted"
    assert len(mail.outbox) == 1
    assert len(operator.work_order_list(order.customer_number)) == 4
    assert len(operator.customer_search(last_name="Zyxwv").results) == before + 1


def test_a_slot_taken_meanwhile_is_refused_with_fresh_slots_and_the_cart_unchanged(api, operator, address):
    # given two visitors at the same zone, and a slot with a single free place
    first, second = Journey(api), Journey(api)
    first.to_summary(address.id)
    second.to_summary(address.id)
    first.put("contact", CONTACT)
    second.put("contact", CONTACT)
    slots = first.get("slots").json()["slots"]
    target = next(s for s in slots if s["available"] == min(x["available"] for x in slots))
    others = [Journey(api) for _ in range(target["available"] - 1)]
    for journey in others:
        journey.to_summary(address.id)
        journey.put("contact", CONTACT)
        assert (
            journey.put(
                "appointment",
                {"install_mode": "appointment", "day": target["day"], "period": target["period"]},
            ).status_code
            == 200
        )
    assert (
        first.put(
            "appointment", {"install_mode": "appointment", "day": target["day"], "period": target["period"]}
        ).status_code
        == 200
    )
    before = second.cart()

    # when the second visitor asks for the same slot
    response = second.put(
        "appointment", {"install_mode": "appointment", "day": target["day"], "period": target["period"]}
    )

    # then 409 with fresh slots, none of them the taken one, and the cart unchanged
    assert response.status_code == 409
    body = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert body["code"] == "slot_taken"
    assert (target["day"], target["period"]) not in {(s["day"], s["period"]) for s in body["slots"]}
    after = second.cart()
    assert (after.install_mode, after.appointment_day, after.step, after.updated_at) == (
        before.install_mode,
        before.appointment_day,
        before.step,
        before.updated_at,
    )


def test_a_declined_card_is_refused_and_the_cart_is_unchanged(api, operator, address):
    journey = Journey(api)
    journey.to_payment(address.id)
    before = journey.cart()

    response = journey.put("payment", {"method": "card", "card": CARD | {"number": sandbox.CARD_DECLINED}})

    assert response.status_code == 402
    assert (response.json()["code"], response.json()["reason"]) == ("payment_declined", "card_declined")
    after = journey.cart()
    assert (after.payment, after.step, after.updated_at) == (before.payment, before.step, before.updated_at)
    assert journey.post("confirm").json()["code"] == "cart_step_missing"
    assert Order.objects.count() == 0


def test_a_challenge_card_is_paid_after_the_right_code_only(api, operator, address):
    journey = Journey(api)
    journey.to_payment(address.id)

    response = journey.put("payment", {"method": "card", "card": CARD | {"number": sandbox.CARD_CHALLENGE}})
    assert response.json()["cart"]["payment"]["status"] == "challenge_required"
    assert journey.post("confirm").json()["code"] == "payment_required"
    done = journey.post("payment/challenge", {"code": sandbox.CHALLENGE_CODE})

    assert done.status_code == 200
    assert done.json()["cart"]["payment"]["status"] == "paid"
    assert journey.post("confirm").status_code == 201


def test_another_visitor_cannot_read_or_change_my_cart(api, operator, address):
    mine = Journey(api)
    mine.put("address", {"address_id": address.id})
    other = Journey(api)

    read = api.get(mine.url(), HTTP_X_CART_SECRET=other.secret)
    write = api.put(mine.url("address"), {"address_id": address.id}, format="json", HTTP_X_CART_SECRET="")

    assert (read.status_code, read.json()["code"]) == (404, "cart_not_found")
    assert (write.status_code, write.json()["code"]) == (404, "cart_not_found")
    assert mine.get().status_code == 200


def test_a_staff_user_cannot_read_a_selfshop_cart_even_with_its_secret(api, staff_api, operator, address):
    mine = Journey(api)
    staff = staff_api(rights=["weshop.sell"])

    response = staff.get(mine.url(), HTTP_X_CART_SECRET=mine.secret)

    assert response.status_code == 404


def test_a_non_serviceable_address_gets_a_clear_answer_and_the_cart_is_unchanged(api, operator):
    journey = Journey(api)
    nowhere = find_address(operator, serviceable=False)
    before = journey.cart()

    response = journey.put("address", {"address_id": nowhere.id})

    assert response.status_code == 422
    assert (response.json()["code"], response.json()["available_domains"]) == ("address_not_serviceable", [])
    assert journey.cart().address_id == before.address_id is None


def test_options_chosen_and_priced_in_one_call_leave_the_cart_at_the_summary(api, operator, address):
    journey = Journey(api)
    journey.to_summary(address.id)  # every step once, then the options again with their price
    options = journey.get("options").json()["options"]
    chosen = [options[0]["code"]] if options else []

    response = journey.put("options", {"options": chosen, "price": True})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["cart"]["step"] == "summary" and body["cart"]["options"] == chosen
    assert body["quote"]["monthly_price"] == body["cart"]["quote"]["monthly_price"]
    assert body["quote_id"] == journey.cart().quote_id


def test_options_refused_while_priced_change_nothing(api, operator, address):
    journey = Journey(api)
    journey.to_summary(address.id)
    before = journey.cart()

    response = journey.put("options", {"options": ["NOPE"], "price": True})

    assert response.status_code == 400
    after = journey.cart()
    assert (after.options, after.quote_id, after.quote) == (before.options, before.quote_id, before.quote)


def _open_at(api: Any, body: dict, key: str | None = None) -> Any:
    return api.post(
        "/api/v1/orders/carts/",
        {"language": "en"} | body,
        format="json",
        HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()),
    )


def test_a_cart_opens_at_its_address_in_one_call_and_the_journey_goes_on(api, operator, address):
    key = str(uuid.uuid4())

    response = _open_at(api, {"address_id": address.id}, key)
    replay = _open_at(api, {"address_id": address.id}, key)

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["address_id"], body["step"]) == (address.id, "address")
    assert body["offers"] and {"code", "name", "monthly_price"} <= set(body["offers"][0])
    assert replay.json()["id"] == body["id"] and Cart.objects.filter(pk=body["id"]).count() == 1
    offer = body["offers"][0]["code"]
    chosen = api.put(
        f"/api/v1/orders/carts/{body['id']}/offer/",
        {"offer_code": offer},
        format="json",
        HTTP_X_CART_SECRET=body["cart_secret"],
    )
    assert chosen.status_code == 200, chosen.content


@pytest.mark.parametrize(
    ("where", "status", "code"), [("nowhere", 422, "address_not_serviceable"), ("unknown", 400, None)]
)
def test_a_cart_refused_at_its_address_is_not_opened(api, operator, where, status, code):
    address_id = find_address(operator, serviceable=False).id if where == "nowhere" else 999999999
    before = Cart.objects.count()

    response = _open_at(api, {"address_id": address_id})

    assert response.status_code == status, response.content
    if code:
        assert response.json()["code"] == code
    else:
        assert "address_id" in response.json()["errors"]
    assert Cart.objects.count() == before


@pytest.mark.parametrize(
    ("step", "body", "field"),
    [
        ("address", {"address_id": "x"}, "address_id"),
        ("address", {"address_id": 999999999}, "address_id"),
        ("offer", {"offer_code": "NOPE"}, "offer_code"),
        ("equipment", {"equipment": [{"code": "NOPE", "acquisition": "rent", "quantity": 1}]}, "equipment.0"),
        ("options", {"options": ["NOPE"]}, "options.0"),
        ("contact", CONTACT | {"email": "not-an-email", "phone": "12"}, "email"),
        ("appointment", {"install_mode": "teleport"}, "install_mode"),
        ("payment", {"method": "card", "card": CARD | {"number": "4242424242424241"}}, "card.number"),
        ("payment", {"method": "cash"}, "method"),
    ],
)
def test_bad_input_at_each_step_is_refused_with_field_errors_and_the_cart_unchanged(
    api, operator, address, step, body, field
):
    journey = Journey(api)
    journey.to_payment(address.id)
    before = journey.cart()

    response = journey.put(step, body)

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"]
    after = journey.cart()
    for name in (
        "address_id",
        "offer_code",
        "equipment",
        "options",
        "quote",
        "contact",
        "install_mode",
        "appointment_day",
        "payment",
        "step",
    ):
        assert getattr(after, name) == getattr(before, name), name


def test_a_refused_contact_keeps_what_was_typed(api, operator, address):
    journey = Journey(api)
    journey.to_summary(address.id)

    response = journey.put("contact", CONTACT | {"email": "ana@"})

    assert response.status_code == 400
    cart = journey.get().json()
    assert cart["contact"] == {}
    assert cart["contact_draft"]["email"] == "ana@"
    assert cart["contact_draft"]["first_name"] == "Ana"
    assert list(cart["contact_errors"]) == ["email"]
