"""Reads of the order engine: carts of their owner, eligible offers, slots, rules, orders, events."""

from __future__ import annotations

import hmac
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from back.api.principal import Principal
from back.procable.errors import ProCableNotFoundError
from back.procable.gateway import get_gateway
from catalog import selectors as catalog_selectors
from rules import selectors as rules_selectors

from .errors import CartNotFoundError, OrderNotFoundError
from .models import AppointmentHold, Cart, CaseFileEvent, Order
from .selectors_change import (  # noqa: F401  (re-exported: the blocking logic lives with the reads)
    change_adds_mobile,
    change_needs_install,
    change_selection,
    change_view,
    customer_change_blockers,
    customer_change_eligibility,
    customer_order_list,
    equipment_codes_after,
    held_equipment,
    kept_equipment,
    options_added,
    options_removed,
    order_expected_on,
    order_is_pending,
    services_added,
    services_removed,
)

DB = "default"
NEW_CUSTOMER_GROUP = "RG"
CABLE_DOMAINS = frozenset({"TV", "INT", "TEL"})
SLOT_DAYS = 14


def cart_get(*, cart_id: Any, principal: Principal, secret: str) -> Cart:
    """Return a cart of this principal holding its secret. Raises CartNotFoundError for anyone else."""
    from .services import secret_hash

    try:
        cart = Cart.objects.using(DB).get(pk=cart_id)
    except Cart.DoesNotExist:
        cart = None
    if (
        cart is None
        or cart.owner_identity != principal.identity
        or not hmac.compare_digest(cart.secret_hash, secret_hash(secret or ""))
    ):
        raise CartNotFoundError()
    return cart


def order_get_for_cart(*, cart: Cart) -> Order:
    """Return the order of a confirmed cart. Raises OrderNotFoundError."""
    order = Order.objects.using(DB).filter(cart_id=cart.pk).first()
    if order is None:
        raise OrderNotFoundError()
    return order


def cart_group_code(cart: Cart) -> str:
    """The customer group of the sale: RG for a new customer, the customer's own group for a change."""
    if cart.is_change:
        return cart.change.get("current", {}).get("group_code") or NEW_CUSTOMER_GROUP
    return NEW_CUSTOMER_GROUP


def sale_context(cart: Cart) -> catalog_selectors.SaleContext:
    return catalog_selectors.SaleContext(
        sale_type=cart.sale_type, channel=cart.channel, group_code=cart_group_code(cart)
    )


def cart_eligible_offers(*, cart: Cart, address_id: int | None) -> list[dict[str, Any]]:
    """The offers the catalog sells at an address for this cart's sale context."""
    return catalog_selectors.offer_list_eligible(address_id=address_id, context=sale_context(cart))["offers"]


def install_modes(cart: Cart) -> list[str]:
    """How equipment reaches the customer: cable offers install, ship or deliver; others need nothing.

    For a change, only what is added counts: new cable services or new cable equipment need an
    installation; options, returns and directory listings need nothing.
    """
    if cart.is_change:
        return ["appointment", "shipment", "delivery"] if change_needs_install(cart) else ["none"]
    if set(cart.offer_domains) & CABLE_DOMAINS:
        return ["appointment", "shipment", "delivery"]
    return ["none"]


def slot_list(*, zone_code: str, exclude_cart_id: Any = None) -> list[dict[str, Any]]:
    """Free technician slots of a zone from tomorrow: Pro-Cable capacity less bookings and holds.

    Two queries whatever the number of slots: Pro-Cable capacity, then the holds counted per slot.
    """
    start = timezone.localdate() + timedelta(days=1)
    return _free_slots(zone_code=zone_code, start=start, days=SLOT_DAYS, exclude_cart_id=exclude_cart_id)


def slot_is_free(*, zone_code: str, day: date, period: str, exclude_cart_id: Any = None) -> bool:
    """Whether one slot of `slot_list` still has a free place: the same count, on that day's rows only."""
    start = timezone.localdate() + timedelta(days=1)
    if not start <= day < start + timedelta(days=SLOT_DAYS):
        return False
    free = _free_slots(zone_code=zone_code, start=day, days=1, exclude_cart_id=exclude_cart_id)
    return any(slot["period"] == period for slot in free)


def _free_slots(*, zone_code: str, start: date, days: int, exclude_cart_id: Any) -> list[dict[str, Any]]:
    try:
        slots = get_gateway().appointment_slots(zone_code, start=start, days=days)
    except ProCableNotFoundError:
        return []
    holds = AppointmentHold.objects.using(DB).filter(
        zone_code=zone_code, day__gte=start, day__lt=start + timedelta(days=days)
    )
    if exclude_cart_id is not None:
        holds = holds.exclude(cart_id=exclude_cart_id)
    held = {
        (row["day"], row["period"]): row["n"]
        for row in holds.values("day", "period").annotate(n=Count("id")).order_by()
    }
    rows = []
    for slot in slots:
        available = slot.available - held.get((slot.day, slot.period), 0)
        if available > 0:
            rows.append({"day": slot.day.isoformat(), "period": slot.period, "available": available})
    return rows


def rules_context(*, cart: Cart, method: str, customer_paid: bool) -> dict[str, Any]:
    """The RULES sale context of a cart for a payment method."""
    domains = set(cart.offer_domains)
    cable = cart.install_mode if domains & CABLE_DOMAINS and cart.install_mode else "none"
    mobile = "shipment" if "MOB" in domains else "none"
    has_mvno = False
    if cart.is_change:
        current = cart.change.get("current", {})
        mobile = "shipment" if change_adds_mobile(cart) else "none"
        has_mvno = bool(current.get("has_active_mvno_line"))
    return {
        "group_code": cart_group_code(cart),
        "sale_type": cart.sale_type,
        "channel": cart.channel,
        "cable_install_mode": cable if cable in ("appointment", "shipment", "delivery") else "none",
        "mobile_install_mode": mobile,
        "customer_paid": customer_paid,
        "e_contract": True,
        "has_active_mvno_line": has_mvno,
        "payment_method": method,
    }


def rules_outcome(*, cart: Cart, method: str, customer_paid: bool) -> dict[str, Any]:
    """Evaluate RULES for the cart: {"version", "context", "outcome"}. Raises RULES errors."""
    evaluation = rules_selectors.rules_evaluate(
        context=rules_context(cart=cart, method=method, customer_paid=customer_paid)
    )
    return {"version": evaluation.version, "context": evaluation.context, "outcome": evaluation.outcome}


def payment_requirement(*, cart: Cart, method: str) -> str:
    """required / optional / masked: whether the customer must pay the one-time costs now."""
    return rules_outcome(cart=cart, method=method, customer_paid=False)["outcome"]["immediate_payment"]


def order_list(
    *,
    status: str | None = None,
    channel: str | None = None,
    store_code: str | None = None,
    staff_code: str | None = None,
) -> QuerySet[Order]:
    """Orders for staff, newest first, optionally by status, channel, store or staff user (one query)."""
    orders = Order.objects.using(DB).all()
    if status:
        orders = orders.filter(status=status)
    if channel:
        orders = orders.filter(channel=channel)
    if store_code:
        orders = orders.filter(store_code=store_code)
    if staff_code:
        orders = orders.filter(staff_code=staff_code)
    return orders.order_by("-created_at")


def event_list(*, kind: str | None = None, since: Any = None) -> QuerySet[CaseFileEvent]:
    """Case-file events, oldest first, optionally by kind and from an instant."""
    events = CaseFileEvent.objects.using(DB).all()
    if kind:
        events = events.filter(kind=kind)
    if since is not None:
        events = events.filter(created_at__gte=since)
    return events.order_by("created_at", "id")


EVENT_FIELDS = (
    "cart_id",
    "order_id",
    "kind",
    "channel",
    "sale_type",
    "offer_code",
    "last_step",
    "steps_reached",
    "duration_seconds",
    "reason",
    "created_at",
    "actor",
    "customer_number",
)


def event_row(event: CaseFileEvent) -> dict[str, Any]:
    """One event as a flat, JSON-ready row (the export format)."""
    return {
        "cart_id": str(event.cart_id),
        "order_id": str(event.order_id) if event.order_id else "",
        "kind": event.kind,
        "channel": event.channel,
        "sale_type": event.sale_type,
        "offer_code": event.offer_code,
        "last_step": event.last_step,
        "steps_reached": list(event.steps_reached),
        "step_times": dict(event.step_times),
        "duration_seconds": event.duration_seconds,
        "reason": event.reason,
        "created_at": event.created_at.isoformat(),
        "actor": event.actor,
        "customer_number": event.customer_number,
    }
