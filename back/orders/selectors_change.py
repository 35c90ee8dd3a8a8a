"""Reads for changes of an existing customer's offer (MyShop, WeShop): blockers, selection, orders.

`customer_change_blockers` is the authoritative answer to "may this customer's offer be changed
now, and if not why": MyAccount's "Change my offer", MyShop and WeShop all ask it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from back.procable.gateway import get_gateway
from catalog import selectors as catalog_selectors

from .models import Cart, Order, OrderStatus

DB = "default"
CABLE_DOMAINS = frozenset({"TV", "INT", "TEL"})
CUSTOMER_ORDERS_LIMIT = 50
# Blockers staff with `weshop.override` may lift. A lock guards against two concurrent changes and an
# offer missing from the catalog leaves nothing to change from: neither can be overridden.
OVERRIDABLE = frozenset({"customer_not_active", "customer_type_not_allowed", "account_in_collection"})


def blocked_customer_types() -> tuple[str, ...]:
    """Customer types whose offer cannot be changed (setting ORDERS_CHANGE_BLOCKED_CUSTOMER_TYPES)."""
    return tuple(getattr(settings, "ORDERS_CHANGE_BLOCKED_CUSTOMER_TYPES", ("EMP", "VIP")))


def _blocker(code: str, message: str) -> dict[str, Any]:
    return {"code": code, "message": message, "is_overridable": code in OVERRIDABLE}


def change_order_in_progress(*, customer_number: str) -> bool:
    """True while a change order of this customer is received but not yet submitted to Pro-Cable."""
    return (
        Order.objects.using(DB)
        .filter(customer_number=customer_number, is_change=True, status=OrderStatus.RECEIVED)
        .exists()
    )


def customer_change_blockers(*, customer_number: str) -> list[dict[str, Any]]:
    """Every reason the customer's offer cannot be changed now, in a fixed order (empty: allowed).

    Each blocker is `{"code", "message", "is_overridable"}`; codes: `customer_not_active`,
    `customer_type_not_allowed`, `account_in_collection`, `file_locked` (locked in Pro-Cable or a
    change order still being sent), `offer_not_in_catalog`. Raises ProCableNotFoundError for an
    unknown customer, ProCableUnavailableError when Pro-Cable is down.
    """
    customer = get_gateway().customer_get(customer_number)
    blockers: list[dict[str, Any]] = []
    if customer.status != "active":
        blockers.append(_blocker("customer_not_active", _("This customer account is not active.")))
    if customer.customer_type in blocked_customer_types():
        blockers.append(
            _blocker(
                "customer_type_not_allowed",
                _("This type of account cannot change its offer online; please call customer service."),
            )
        )
    if customer.collection_status == "collection":
        blockers.append(
            _blocker(
                "account_in_collection", _("This account is in collection: the balance must be paid first.")
            )
        )
    if customer.is_locked or change_order_in_progress(customer_number=customer_number):
        blockers.append(
            _blocker("file_locked", _("Another order is in progress on this customer file; try again later."))
        )
    current = catalog_selectors.customer_current_offer(customer_number=customer_number)
    if current["offer"] is None:
        blockers.append(
            _blocker(
                "offer_not_in_catalog",
                _("The current services match no offer of the catalog; please call customer service."),
            )
        )
    return blockers


def customer_change_eligibility(*, customer_number: str) -> dict[str, Any]:
    """`{customer_number, allowed, blockers, current_offer}` for the eligibility endpoint."""
    blockers = customer_change_blockers(customer_number=customer_number)
    current = catalog_selectors.customer_current_offer(customer_number=customer_number)
    return {
        "customer_number": customer_number,
        "allowed": not blockers,
        "blockers": blockers,
        "current_offer": current["offer"],
    }


# --- The selection of a change cart ------------------------------------------------------------------------


def held_equipment(cart: Cart) -> list[dict[str, Any]]:
    """Equipment the customer holds now (serial, code, ownership), from the cart's snapshot."""
    return list(cart.change.get("current", {}).get("equipment", []))


def kept_equipment(cart: Cart) -> list[dict[str, Any]]:
    """Equipment the customer keeps after the change (held and not returned)."""
    returned = set(cart.change.get("returned", []))
    return [item for item in held_equipment(cart) if item["serial_number"] not in returned]


def equipment_codes_after(cart: Cart) -> list[str]:
    """The equipment codes the customer has after the change (kept and added)."""
    return sorted({item["code"] for item in kept_equipment(cart)} | {row["code"] for row in cart.equipment})


def services_added(cart: Cart) -> list[str]:
    before = set(cart.change.get("current", {}).get("basic_services", []))
    after = set(cart.change.get("offer_basic_services", before))
    return sorted(after - before)


def services_removed(cart: Cart) -> list[str]:
    before = set(cart.change.get("current", {}).get("basic_services", []))
    after = set(cart.change.get("offer_basic_services", before))
    return sorted(before - after)


def options_added(cart: Cart) -> list[str]:
    before = {row["code"] for row in cart.change.get("current", {}).get("options", [])}
    return sorted(set(cart.options) - before)


def options_removed(cart: Cart) -> list[str]:
    before = {row["code"] for row in cart.change.get("current", {}).get("options", [])}
    return sorted(before - set(cart.options))


def _domain_of(code: str) -> str:
    service = catalog_selectors.catalog_data().services.get(code)
    return service.domain if service else ""


def change_needs_install(cart: Cart) -> bool:
    """A change installs something when it adds a cable domain or cable equipment.

    A faster Internet or a bigger TV package on a domain already served is switched remotely.
    """
    served = {_domain_of(code) for code in cart.change.get("current", {}).get("basic_services", [])}
    new_domains = {_domain_of(code) for code in services_added(cart)} - served
    equipment = {_domain_of(row["code"]) for row in cart.equipment}
    return bool((new_domains | equipment) & CABLE_DOMAINS)


def change_adds_mobile(cart: Cart) -> bool:
    """A change ships a SIM when it adds a mobile service or mobile equipment."""
    added = [*services_added(cart), *(row["code"] for row in cart.equipment)]
    return any(_domain_of(code) == "MOB" for code in added)


def change_selection(cart: Cart) -> dict[str, Any]:
    """What the change cart holds now, as the API shows it."""
    current = cart.change.get("current", {})
    return {
        "offer_code": cart.offer_code,
        "is_offer_changed": cart.offer_code != current.get("offer_code"),
        "sale_type": cart.sale_type,
        "services_added": services_added(cart),
        "services_removed": services_removed(cart),
        "options": list(cart.options),
        "options_added": options_added(cart),
        "options_removed": options_removed(cart),
        "equipment_added": list(cart.equipment),
        "equipment_returned": list(cart.change.get("returned", [])),
        "directory": list(cart.change.get("directory", [])),
    }


def change_view(cart: Cart) -> dict[str, Any]:
    """The change step page: the customer's current state, the catalog's targets, the selection."""
    current = cart.change.get("current", {})
    return {
        "current": {
            key: current.get(key)
            for key in (
                "offer",
                "basic_services",
                "options",
                "equipment",
                "phone_numbers",
                "commitments",
                "monthly_price",
            )
        },
        "targets": list(cart.change.get("targets", [])),
        "selection": change_selection(cart),
        "comparison": cart.change.get("comparison"),
    }


# --- Orders of a customer ----------------------------------------------------------------------------------


def order_expected_on(order: Order) -> date:
    """When the order should be done: its appointment day, else its creation day plus the rules' delay."""
    if order.appointment_day:
        return order.appointment_day
    delay = int(order.rules_outcome.get("delay_days") or 0)
    return timezone.localtime(order.created_at).date() + timedelta(days=delay)


def order_is_pending(order: Order) -> bool:
    """Still to happen: received, or submitted with work still expected today or later."""
    if order.status == OrderStatus.RECEIVED:
        return True
    return order.status == OrderStatus.SUBMITTED and order_expected_on(order) >= timezone.localdate()


def customer_order_list(*, customer_number: str) -> QuerySet[Order]:
    """A customer's orders, newest first, at most CUSTOMER_ORDERS_LIMIT (one query)."""
    return (
        Order.objects.using(DB)
        .filter(customer_number=customer_number)
        .order_by("-created_at")[:CUSTOMER_ORDERS_LIMIT]
    )
