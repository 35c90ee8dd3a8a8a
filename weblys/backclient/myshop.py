"""Changes of an existing customer's offer (MyShop): eligibility, change cart, change steps, orders.

The shared cart calls (slots, appointment, payment, confirm) are those of `orders.py`; this module
adds what only a change has. Calls on a cart go through `orders`' cart transport (the
`X-Cart-Secret` header, the same retry rules). See back/orders/API.md for the contract.
"""

from __future__ import annotations

from typing import Any

from . import http, orders
from .myshop_types import (
    ChangeCart,
    ChangeEligibility,
    ChangeEquipment,
    ChangeOptionList,
    ChangeOrder,
    ChangeView,
    Comparison,
    CustomerOrder,
    DirectoryListing,
)
from .orders_types import CartHandle, EquipmentChoice

BASE = "/api/v1/orders/"


def change_eligibility_get(*, customer_number: str) -> ChangeEligibility:
    """May this customer's offer be changed now, and if not every reason (blocker codes, in order).

    Raises BackForbidden (another customer's number), BackUnavailable (Pro-Cable down: 503).
    """
    return ChangeEligibility.from_json(http.get(f"{BASE}customers/{customer_number}/change-eligibility/"))


def change_cart_create(
    *, customer_number: str, language: str, idempotency_key: str | None = None
) -> tuple[ChangeCart, CartHandle]:
    """Open a change cart (the back locks the customer file); return it with the handle the session keeps.

    Raises BackConflict whose `code` is the first blocker (`file_locked`, `customer_type_not_allowed`...)
    when the change is not allowed, BackForbidden, BackUnavailable.
    """
    data = http.post(
        f"{BASE}carts/",
        json={"sale_type": "change", "customer_number": customer_number, "language": language},
        creates=True,
        idempotency_key=idempotency_key,
    )
    return ChangeCart.from_json(data), CartHandle(id=str(data["id"]), secret=str(data["cart_secret"]))


def change_cart_get(*, handle: CartHandle) -> ChangeCart:
    """The change cart with its selection and comparison. Raises BackNotFound (`cart_not_found`)."""
    return ChangeCart.from_json(orders.cart_call("GET", handle))


def change_cart_cancel(*, handle: CartHandle) -> ChangeCart:
    """Cancel the change: the cart is closed and the customer file unlocked (again: no effect).

    Raises BackConflict (`cart_closed`) when the cart is already confirmed.
    """
    return ChangeCart.from_json(orders.cart_call("DELETE", handle))


def change_get(*, handle: CartHandle) -> ChangeView:
    """The current offer and services, the catalog's targets, the selection and the last comparison."""
    return ChangeView.from_json(orders.cart_call("GET", handle, "change"))


def change_offer_set(*, handle: CartHandle, offer_code: str) -> ChangeView:
    """Keep the current offer or move to a target. Raises BackValidationError (`offer_code`)."""
    data = orders.cart_call("PUT", handle, "change/offer", json={"offer_code": offer_code})
    return ChangeView.from_json(data["change"])


def change_equipment_get(*, handle: CartHandle) -> ChangeEquipment:
    """The equipment the customer holds and the equipment the chosen offer sells."""
    return ChangeEquipment.from_json(orders.cart_call("GET", handle, "change/equipment"))


def change_equipment_set(
    *, handle: CartHandle, returned: list[str], added: list[EquipmentChoice]
) -> ChangeView:
    """Return held pieces (by serial number) and add pieces; a swap is one of each.

    Raises BackValidationError (`returned.<i>`, `added.<i>.code`, `added.<i>.serial_numbers`, `added`).
    """
    body = {"returned": returned, "added": [item.to_json() for item in added]}
    return ChangeView.from_json(orders.cart_call("PUT", handle, "change/equipment", json=body)["change"])


def change_option_list(*, handle: CartHandle) -> ChangeOptionList:
    """The options of the chosen offer, those the equipment does not allow, and those chosen now."""
    return ChangeOptionList.from_json(orders.cart_call("GET", handle, "change/options"))


def change_options_set(*, handle: CartHandle, options: list[str]) -> ChangeView:
    """Every option wanted after the change (current ones kept included). Raises BackValidationError."""
    data = orders.cart_call("PUT", handle, "change/options", json={"options": options})
    return ChangeView.from_json(data["change"])


def change_directory_set(*, handle: CartHandle, listings: list[DirectoryListing]) -> ChangeView:
    """How each fixed number appears in the telephone directory (listed, unlisted, name_and_address).

    Raises BackValidationError (`listings.<i>.number`, `listings.<i>.listing`).
    """
    body = {"listings": [{"number": item.number, "listing": item.listing} for item in listings]}
    return ChangeView.from_json(orders.cart_call("PUT", handle, "change/directory", json=body)["change"])


def change_quote_refresh(*, handle: CartHandle) -> Comparison:
    """Price the state after the change now and return the before / after comparison.

    The quote answer carries `comparison`; when it does not, the cart (which holds it) is read once.
    Raises BackValidationError, BackConflict (`cart_step_missing`).
    """
    data: dict[str, Any] = orders.cart_call("PUT", handle, "quote") or {}
    comparison = data.get("comparison")
    if comparison:
        return Comparison.from_json(comparison)
    cart = change_cart_get(handle=handle)
    if cart.comparison is None:
        raise ValueError("the back priced the change cart without a comparison")
    return cart.comparison


def change_order_get(*, handle: CartHandle) -> ChangeOrder:
    """The order of a confirmed change cart. Raises BackNotFound (`order_not_found`)."""
    return ChangeOrder.from_json(orders.cart_call("GET", handle, "order"))


def customer_order_list(*, customer_number: str) -> tuple[CustomerOrder, ...]:
    """The customer's orders, newest first (at most 50); `is_pending` marks a change still to happen.

    Raises BackForbidden (another customer's number).
    """
    data = http.get(f"{BASE}customers/{customer_number}/orders/")
    return tuple(CustomerOrder.from_json(row) for row in data.get("results") or ())
