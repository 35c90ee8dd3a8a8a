"""WeShop on the order engine: staff carts for new customers and changes of offer, discounts, orders.

New-customer carts are opened with `orders.cart_create` (the back sets the channel from the staff
user) and walk the same steps as SelfShop (`orders.py`). This module adds what staff carts have:
the change steps, serial numbers, discounts, the cart and order with who took them, and the staff
order list. Cart calls go through `orders.cart_call` (the cart secret header, same retry rules).
"""

from __future__ import annotations

import uuid
from typing import Any

from . import http, orders
from .orders_types import CartHandle, CatalogItem, EquipmentChoice, OptionList
from .weshop_types import ChangeView, Comparison, SerialNumbers, StaffCart, StaffOrder

ORDERS = "/api/v1/orders/"


def change_cart_create(
    *,
    customer_number: str,
    language: str,
    override_reason: str | None = None,
    idempotency_key: str | None = None,
) -> tuple[StaffCart, CartHandle]:
    """Open a change cart for an existing customer (locks the file in Pro-Cable).

    `override_reason` (staff with `weshop.override`) lifts the overridable blockers; it is recorded.
    Raises BackConflict (code = the first blocker, e.g. `file_locked`), BackForbidden
    (`override_not_allowed`, `sell_not_allowed`), BackValidationError (`override.reason`), BackUnavailable.
    """
    body: dict[str, Any] = {"sale_type": "change", "customer_number": customer_number, "language": language}
    if override_reason is not None:
        body["override"] = {"reason": override_reason}
    data = http.post(
        f"{ORDERS}carts/", json=body, creates=True, idempotency_key=idempotency_key or uuid.uuid4().hex
    )
    return StaffCart.from_json(data), CartHandle(id=str(data["id"]), secret=str(data["cart_secret"]))


def cart_get(*, handle: CartHandle) -> StaffCart:
    """The cart with who took it, its override, discount and change. Raises BackNotFound."""
    return StaffCart.from_json(orders.cart_call("GET", handle))


def cart_cancel(*, handle: CartHandle) -> StaffCart:
    """Cancel the cart (releases its slot hold and the customer-file lock). Raises BackConflict."""
    return StaffCart.from_json(orders.cart_call("DELETE", handle))


# --- Change steps ------------------------------------------------------------------------------------------


def change_get(*, handle: CartHandle) -> ChangeView:
    """Current offer, options and equipment; the targets; the selection.

    Raises BackConflict (`cart_not_change`).
    """
    return ChangeView.from_json(orders.cart_call("GET", handle, "change"))


def change_offer_set(*, handle: CartHandle, offer_code: str) -> ChangeView:
    """Keep the current offer or move to a target. Raises BackValidationError (`offer_code`)."""
    data = orders.cart_call("PUT", handle, "change/offer", json={"offer_code": offer_code})
    return ChangeView.from_json(data["change"])


def change_equipment_available(*, handle: CartHandle) -> tuple[CatalogItem, ...]:
    """The equipment the (new) offer may add."""
    data = orders.cart_call("GET", handle, "change/equipment")
    return tuple(CatalogItem.from_json(e) for e in data.get("available") or ())


def change_equipment_set(
    *, handle: CartHandle, returned: list[str], added: list[EquipmentChoice]
) -> ChangeView:
    """Return held equipment and add new pieces (serial numbers checked against stock).

    Raises BackValidationError (`returned.<i>`, `added.<i>.code`, `added.<i>.serial_numbers`).
    """
    body = {"returned": returned, "added": [item.to_json() for item in added]}
    return ChangeView.from_json(orders.cart_call("PUT", handle, "change/equipment", json=body)["change"])


def change_option_list(*, handle: CartHandle) -> OptionList:
    """The options of the offer after the change, and those the equipment does not allow."""
    data = orders.cart_call("GET", handle, "change/options")
    return OptionList(
        options=tuple(CatalogItem.from_json(o) for o in data.get("options") or ()),
        unavailable=tuple(CatalogItem.from_json(o) for o in data.get("unavailable") or ()),
    )


def change_options_set(*, handle: CartHandle, options: list[str]) -> ChangeView:
    """The full list of options wanted after the change. Raises BackValidationError (`options`)."""
    data = orders.cart_call("PUT", handle, "change/options", json={"options": options})
    return ChangeView.from_json(data["change"])


def change_quote(*, handle: CartHandle) -> Comparison | None:
    """Price the state after the change: the before / after comparison. Raises BackValidationError."""
    return Comparison.from_json(orders.cart_call("PUT", handle, "quote").get("comparison"))


# --- Serial numbers, discount --------------------------------------------------------------------------


def serial_numbers_get(*, handle: CartHandle) -> SerialNumbers:
    """Whether the rules want serial numbers for this cart (per install mode)."""
    return SerialNumbers.from_json(orders.cart_call("GET", handle, "serial-numbers"))


def discount_set(
    *, handle: CartHandle, kind: str, reason: str, amount: str = "", percent: str = ""
) -> StaffCart:
    """Give a discount (right `weshop.discount`), by amount or percent, with its reason.

    Raises BackForbidden (`discount_not_allowed`), BackValidationError (`amount`, `percent`, `reason`).
    """
    body = {"kind": kind, "reason": reason, "amount": amount or None, "percent": percent or None}
    return StaffCart.from_json(orders.cart_call("PUT", handle, "discount", json=body)["cart"])


def discount_remove(*, handle: CartHandle) -> StaffCart:
    """Take the discount off. Raises BackForbidden (`discount_not_allowed`)."""
    return StaffCart.from_json(orders.cart_call("DELETE", handle, "discount")["cart"])


# --- Orders ------------------------------------------------------------------------------------------------


def order_get(*, handle: CartHandle) -> StaffOrder:
    """The order of a confirmed cart, with who took it. Raises BackNotFound (`order_not_found`)."""
    return StaffOrder.from_json(orders.cart_call("GET", handle, "order"))


def cart_confirm(*, handle: CartHandle, idempotency_key: str) -> StaffOrder:
    """Confirm the cart (same key → same order).

    Raises BackConflict (`payment_required`, `slot_taken`, `cart_step_missing`, `cart_closed`),
    BackValidationError (`equipment.<i>.serial_numbers` / `added.<i>.serial_numbers`).
    """
    return StaffOrder.from_json(orders.cart_call("POST", handle, "confirm", idempotency_key=idempotency_key))


def order_list(
    *, status: str = "", channel: str = "", store_code: str = "", staff_code: str = ""
) -> tuple[StaffOrder, ...]:
    """The latest orders (at most 100), filtered. Raises BackForbidden without a staff right."""
    criteria = {"status": status, "channel": channel, "store_code": store_code, "staff_code": staff_code}
    data = http.get(f"{ORDERS}orders/", params={k: v for k, v in criteria.items() if v})
    return tuple(StaffOrder.from_json(o) for o in data.get("results") or ())
