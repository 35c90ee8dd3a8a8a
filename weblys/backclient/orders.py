"""The order engine of the back (/api/v1/orders/): carts step by step, payment, confirm, order status.

Every call on a cart carries its secret in the header `X-Cart-Secret` (the back answers 404
`cart_not_found` without it), given to `http`'s functions as an extra header; the same retry rules
apply (GETs and keyed POSTs only, never a 4xx).

Refusals carry the problem's extra members (``available_domains``, ``offers``, ``slots``,
``reason``, ``missing_step``): `problem_of(error)` returns them so a view can show "what is
available instead" or the fresh slots without another call.

A write on a cart answers with the cart as it now is; the page the browser is redirected to next
needs exactly that state. `cart_call` hands it off through the shared cache for `HANDOFF_SECONDS`
(any other write, or a refused one, withdraws it) and `cart_get(..., reuse_written=True)` takes it
once instead of asking the back again: one back call less per step, and a reload asks the back.
"""

from __future__ import annotations

import hmac
import uuid
from datetime import date
from typing import Any

from django.core.cache import cache

from . import http
from .errors import BackConflict, BackError
from .memo import MISSING, ProcessMemo
from .orders_types import (
    Cart,
    CartHandle,
    CatalogItem,
    EquipmentChoice,
    Offer,
    OptionList,
    Order,
    PaymentOptions,
    Quote,
    Slot,
    SlotList,
)

BASE = "/api/v1/orders/carts/"
SECRET_HEADER = "X-Cart-Secret"
HANDOFF_SECONDS = 15
_STANDARD_MEMBERS = frozenset(
    {"type", "title", "status", "detail", "code", "errors", "request_id", "instance"}
)


def cart_call(
    method: str,
    handle: CartHandle,
    step: str = "",
    *,
    json: Any = None,
    idempotency_key: str | None = None,
) -> Any:
    """Call one step of a cart through `http` with the cart's secret; return the decoded JSON.

    The one path every cart call takes, SelfShop's here and the change carts of `myshop` and `weshop`:
    `method` is GET, POST, PUT or DELETE; `step` is the path below the cart (`""` for the cart itself,
    `"change/offer"`, ...); `idempotency_key` goes with POST and PUT. Retried as every call is: GETs and
    keyed POSTs only, never a 4xx. Raises the typed BackError.
    """
    path = f"{BASE}{handle.id}/" + (f"{step}/" if step else "")
    headers = {SECRET_HEADER: handle.secret}
    if method == "GET":
        return http.get(path, headers=headers)
    try:
        if method == "POST":
            data = http.post(path, json=json, idempotency_key=idempotency_key, headers=headers)
        elif method == "PUT":
            data = http.put(path, json=json, idempotency_key=idempotency_key, headers=headers)
        elif method == "DELETE":
            data = http.delete(path, headers=headers)
        else:
            raise ValueError(f"no cart call uses {method}")
    except BackError:
        # A refused or failed write may still have changed the cart (a contact draft is kept).
        cache.delete(_handoff_key(handle))
        raise
    _hand_off(handle, data)
    return data


def _handoff_key(handle: CartHandle) -> str:
    return f"backclient:cart-written:{handle.id}"


def _offers_key(handle: CartHandle) -> str:
    return f"backclient:cart-offers:{handle.id}"


def _hand_off(handle: CartHandle, answer: Any) -> None:
    """Keep the cart a write answered with for the next page, or withdraw an older one.

    The offers an address step answered with are kept too, for the offer page that follows: they
    depend only on the address, which only such a step changes.
    """
    written = answer.get("cart") if isinstance(answer, dict) else None
    if isinstance(written, dict) and str(written.get("id")) == handle.id:
        kept = {_handoff_key(handle): {"secret": handle.secret, "cart": written}}
        if isinstance(answer.get("offers"), list):
            kept[_offers_key(handle)] = {"secret": handle.secret, "offers": answer["offers"]}
        cache.set_many(kept, HANDOFF_SECONDS)
    else:
        cache.delete(_handoff_key(handle))


def _take(handle: CartHandle, key: str, member: str) -> Any:
    """`member` of what a write on `handle` left under `key` (once), if it is still fresh."""
    kept = cache.get(key)
    if kept is None:
        return None
    cache.delete(key)
    if not hmac.compare_digest(str(kept.get("secret", "")), handle.secret):
        return None
    return kept[member]


def _take_handed_off(handle: CartHandle) -> dict[str, Any] | None:
    """The cart the last write on `handle` answered with (once), if it is still fresh."""
    return _take(handle, _handoff_key(handle), "cart")


def problem_of(error: BackError) -> dict[str, Any]:
    """The extra members of a refusal (empty when there are none)."""
    return {k: v for k, v in error.problem.items() if k not in _STANDARD_MEMBERS}


def offers_of(error: BackError) -> tuple[Offer, ...]:
    """The offers a refusal of the address step proposes instead."""
    return _remember_names(tuple(Offer.from_json(o) for o in problem_of(error).get("offers") or ()))


def slots_of(error: BackError) -> tuple[Slot, ...]:
    """The fresh slots a `slot_taken` refusal carries."""
    return tuple(Slot.from_json(s) for s in problem_of(error).get("slots") or ())


OFFER_NAME_SECONDS = 3600
# Each process also keeps the names it wrote or read: the offer list of every visitor would otherwise
# write its 18 names to the shared cache again, and every step read one back. Shorter than the shared
# entries, so a name this process keeps seeing is written again before the shared copy expires.
OFFER_NAME_LOCAL_SECONDS = 600
_local_names = ProcessMemo(seconds=OFFER_NAME_LOCAL_SECONDS, max_entries=5000)


def _remember_names(offers: tuple[Offer, ...]) -> tuple[Offer, ...]:
    new = {o.code: o.name for o in offers if _local_names.get(o.code) != o.name}
    if new:
        cache.set_many(
            {f"backclient:offer-name:{code}": name for code, name in new.items()}, OFFER_NAME_SECONDS
        )
        _local_names.put_many(new)
    return offers


def offer_name(*, code: str) -> str:
    """The name of an offer seen in an earlier answer (catalog data kept an hour), else its code.

    Never calls the back: the summary beside each step shows it without one more call.
    """
    if not code:
        return ""
    name = _local_names.get(code)
    if name is MISSING:
        name = cache.get(f"backclient:offer-name:{code}")
        if name is None:
            return code
        _local_names.put_many({code: str(name)})
    return str(name)


# --- Cart ------------------------------------------------------------------------------------------------


def cart_create(
    *,
    language: str,
    channel: str = "selfshop",
    idempotency_key: str | None = None,
    address_id: int | None = None,
    offer_code: str = "",
) -> tuple[Cart, CartHandle]:
    """Open a cart for a new customer; return it with the handle (id + secret) the session keeps.

    With `address_id` the cart opens at that address (and `offer_code`, the offer the visitor came
    for), in the same call: the refusals of `cart_address_set`, and no cart when the address is refused.
    """
    body: dict[str, Any] = {"channel": channel, "sale_type": "new", "language": language}
    if address_id is not None:
        body |= {"address_id": address_id, "offer_code": offer_code}
    try:
        data = http.post(BASE, json=body, creates=True, idempotency_key=idempotency_key)
    except BackConflict as exc:
        if exc.code != "idempotency_key_in_flight" or idempotency_key is not None:
            raise
        # The first attempt died with its back instance, and its key stays claimed for a while. A
        # cart is only a draft: open one under a new key (the other, if it was made, is never used).
        data = http.post(BASE, json=body, creates=True)
    handle = CartHandle(id=str(data["id"]), secret=str(data["cart_secret"]))
    if address_id is not None:
        offers = data.get("offers") or []
        cart = {k: v for k, v in data.items() if k not in ("cart_secret", "offers")}
        _hand_off(handle, {"cart": cart, "offers": offers})
        _remember_names(tuple(Offer.from_json(o) for o in offers))
    return Cart.from_json(data), handle


def cart_get(*, handle: CartHandle, reuse_written: bool = False) -> Cart:
    """Return the cart. Raises BackNotFound (`cart_not_found`: unknown, someone else's or a wrong secret).

    With `reuse_written`, the cart the last write answered with a moment ago (the write that redirected
    to this page) stands for the back's answer, once; without one, the back is asked.
    """
    if reuse_written:
        written = _take_handed_off(handle)
        if written is not None:
            return Cart.from_json(written)
    return Cart.from_json(cart_call("GET", handle))


def cart_address_set(
    *, handle: CartHandle, address_id: int, offer_code: str = ""
) -> tuple[Cart, tuple[Offer, ...]]:
    """Set the address; return the cart and the offers sold there.

    Raises BackValidationError: `cart_invalid` (unknown address) or `address_not_serviceable` (422,
    with `available_domains` and `offers` in `problem_of(error)`).
    """
    body: dict[str, Any] = {"address_id": address_id}
    if offer_code:
        body["offer_code"] = offer_code
    data = cart_call("PUT", handle, "address", json=body)
    return Cart.from_json(data["cart"]), _remember_names(tuple(Offer.from_json(o) for o in data["offers"]))


def offer_list(*, handle: CartHandle, reuse_written: bool = False) -> tuple[Offer, ...]:
    """The offers sold at the cart's address.

    With `reuse_written`, the offers the address step answered with a moment ago stand for the back's
    answer, once (their names are already remembered); without them, the back is asked.
    """
    if reuse_written:
        written = _take(handle, _offers_key(handle), "offers")
        if written is not None:
            return tuple(Offer.from_json(o) for o in written)
    return _remember_names(tuple(Offer.from_json(o) for o in cart_call("GET", handle, "offers")["offers"]))


def cart_offer_set(*, handle: CartHandle, offer_code: str) -> Cart:
    """Choose an offer. Raises BackValidationError (`offer_code`), BackConflict (`cart_step_missing`)."""
    return Cart.from_json(cart_call("PUT", handle, "offer", json={"offer_code": offer_code})["cart"])


def equipment_list(*, handle: CartHandle) -> tuple[CatalogItem, ...]:
    """The equipment the cart's offer allows."""
    return tuple(CatalogItem.from_json(e) for e in cart_call("GET", handle, "equipment")["equipment"])


def cart_equipment_set(*, handle: CartHandle, equipment: list[EquipmentChoice]) -> Cart:
    """Choose the equipment. Raises BackValidationError (`equipment`, `equipment.<i>.<field>`)."""
    body = {"equipment": [item.to_json() for item in equipment]}
    return Cart.from_json(cart_call("PUT", handle, "equipment", json=body)["cart"])


def option_list(*, handle: CartHandle) -> OptionList:
    """The options of the cart's offer, and those the chosen equipment does not allow (with a reason)."""
    data = cart_call("GET", handle, "options")
    return OptionList(
        options=tuple(CatalogItem.from_json(o) for o in data["options"]),
        unavailable=tuple(CatalogItem.from_json(o) for o in data.get("unavailable") or ()),
    )


def cart_options_set(*, handle: CartHandle, options: list[str], price: bool = False) -> Cart:
    """Choose the options (with `price`, and price the cart in the same call: the cart comes back
    with its quote, or unchanged on a refusal). Raises BackValidationError (`options.<i>`)."""
    body: dict[str, Any] = {"options": options} | ({"price": True} if price else {})
    return Cart.from_json(cart_call("PUT", handle, "options", json=body)["cart"])


def cart_quote_refresh(*, handle: CartHandle) -> Quote:
    """Price the cart now (the summary step). Raises BackValidationError, BackConflict."""
    return Quote.from_json(cart_call("PUT", handle, "quote")["quote"])


def cart_contact_set(*, handle: CartHandle, contact: dict[str, str]) -> Cart:
    """Give the new customer's contact details. Raises BackValidationError per field."""
    return Cart.from_json(cart_call("PUT", handle, "contact", json=contact)["cart"])


def slot_list(*, handle: CartHandle) -> SlotList:
    """How the equipment can reach the customer, and the free technician slots of the address's zone."""
    data = cart_call("GET", handle, "slots")
    return SlotList(
        install_modes=tuple(data.get("install_modes") or ()),
        slots=tuple(Slot.from_json(s) for s in data.get("slots") or ()),
    )


def cart_appointment_set(
    *, handle: CartHandle, install_mode: str, day: date | None = None, period: str = ""
) -> Cart:
    """Choose the install mode (and slot). Raises BackValidationError, BackConflict (`slot_taken`)."""
    body: dict[str, Any] = {"install_mode": install_mode}
    if day is not None:
        body |= {"day": day.isoformat(), "period": period}
    return Cart.from_json(cart_call("PUT", handle, "appointment", json=body)["cart"])


def payment_options(*, handle: CartHandle) -> PaymentOptions:
    """What the rules ask per payment method (required / optional / masked) and the amount due now."""
    data = cart_call("GET", handle, "payment")
    return PaymentOptions(
        requirement_by_method={str(k): str(v) for k, v in data["requirement_by_method"].items()},
        amount=Quote.from_json({"one_time_total": data.get("amount")}).one_time_total,
        currency=str(data.get("currency") or ""),
    )


def cart_pay_by_bill(*, handle: CartHandle) -> Cart:
    """Pay the one-time costs on the first bill. Raises BackConflict (`payment_required`)."""
    return Cart.from_json(cart_call("PUT", handle, "payment", json={"method": "bill"})["cart"])


def cart_pay_by_card(
    *, handle: CartHandle, number: str, expiry_month: int, expiry_year: int, cvc: str, holder_name: str
) -> Cart:
    """Pay by card now. The card goes to the back once and is never kept by the front.

    Raises BackValidationError (`card.<field>`), BackPaymentRequired `payment_declined` (`reason`).
    The cart's payment may come back `challenge_required`: answer with `cart_payment_challenge`.
    """
    card = {
        "number": number,
        "expiry_month": expiry_month,
        "expiry_year": expiry_year,
        "cvc": cvc,
        "holder_name": holder_name,
    }
    return Cart.from_json(cart_call("PUT", handle, "payment", json={"method": "card", "card": card})["cart"])


def cart_payment_challenge(*, handle: CartHandle, code: str) -> Cart:
    """Answer the card verification. Raises BackPaymentRequired `payment_declined` (payment cleared)."""
    return Cart.from_json(cart_call("POST", handle, "payment/challenge", json={"code": code})["cart"])


def cart_confirm(*, handle: CartHandle, idempotency_key: str | None = None) -> Order:
    """Confirm the cart: the order is written once (same key → same order).

    Raises BackConflict (`payment_required`, `slot_taken`, `cart_step_missing`, `cart_closed`).
    """
    key = idempotency_key or uuid.uuid4().hex
    return Order.from_json(cart_call("POST", handle, "confirm", idempotency_key=key))


def order_get(*, handle: CartHandle) -> Order:
    """The order of a confirmed cart, with its status. Raises BackNotFound (`order_not_found`)."""
    return Order.from_json(cart_call("GET", handle, "order"))
