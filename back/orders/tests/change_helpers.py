"""A change of offer through the API: the client plus the cart id and secret its session keeps."""

from __future__ import annotations

import uuid
from typing import Any

from django.test import TestCase

from back.orders.models import Cart

CARTS = "/api/v1/orders/carts/"


def change_open(client: Any, number: str, **extra: Any) -> Any:
    """POST carts/ for a change of `number`; return the response."""
    body = {"sale_type": "change", "customer_number": number, "language": "en", **extra}
    return client.post(CARTS, body, format="json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))


class ChangeCart:
    """An open change cart: `ChangeCart(client, "100001")` asserts it was created."""

    def __init__(self, client: Any, number: str, **extra: Any) -> None:
        self.client = client
        response = change_open(client, number, **extra)
        assert response.status_code == 201, response.content
        self.body = response.json()
        self.cart_id = self.body["id"]
        self.secret = self.body["cart_secret"]

    def url(self, step: str = "") -> str:
        return f"{CARTS}{self.cart_id}/" + (f"{step}/" if step else "")

    def get(self, step: str = "") -> Any:
        return self.client.get(self.url(step), HTTP_X_CART_SECRET=self.secret)

    def put(self, step: str, body: dict) -> Any:
        return self.client.put(self.url(step), body, format="json", HTTP_X_CART_SECRET=self.secret)

    def delete(self, step: str = "") -> Any:
        return self.client.delete(self.url(step), HTTP_X_CART_SECRET=self.secret)

    def confirm(self, key: str | None = None) -> Any:
        with TestCase.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                self.url("confirm"),
                {},
                format="json",
                HTTP_X_CART_SECRET=self.secret,
                HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()),
            )

    def cart(self) -> Cart:
        return Cart.objects.get(pk=self.cart_id)

    def quote(self) -> dict:
        response = self.put("quote", {})
        assert response.status_code == 200, response.content
        return self.cart_body()["comparison"]

    def cart_body(self) -> dict:
        return self.get().json()

    def ship(self) -> None:
        """Choose shipment for a change that installs something."""
        response = self.put("appointment", {"install_mode": "shipment"})
        assert response.status_code == 200, response.content


def active_services(gateway: Any, number: str) -> list[str]:
    """The customer's service codes in Pro-Cable, sorted (repeated when held twice)."""
    return sorted(row.service_code for row in gateway.customer_services(number))
