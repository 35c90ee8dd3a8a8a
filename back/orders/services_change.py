"""Writes for changes of an existing customer's offer (MyShop, WeShop), staff discounts and serial numbers.

A change cart snapshots the customer's file at creation (`cart.change["current"]`: offer, services,
equipment with serial numbers, phone numbers, commitments) and locks the file in Pro-Cable, so
nobody else changes it meanwhile. The selection lives in the usual cart fields: `offer_code` (the
current offer or a catalog target), `options` (the full list after the change), `equipment` (the
pieces added), plus `change["returned"]` (serial numbers given back) and `change["directory"]`.
The lock is released when the order is submitted, or when the cart is cancelled or abandoned.
"""

from __future__ import annotations

import copy
import logging
import secrets
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from back.api.errors import ForbiddenError
from back.api.principal import Principal
from back.procable.errors import ProCableConflictError, ProCableError, ProCableNotFoundError
from back.procable.gateway import get_gateway
from catalog import selectors as catalog_selectors
from catalog.errors import SelectionInvalidError
from catalog.pricing import EquipmentChoice, Selection, selection_validate
from catalog.snapshot import catalog_data

from . import selectors
from .errors import (
    CartClosedError,
    CartInputError,
    ChangeBlockedError,
    DiscountNotAllowedError,
    NotChangeCartError,
    OverrideNotAllowedError,
    SellNotAllowedError,
)
from .models import AppointmentHold, Cart, CartStatus, CartStep, CaseFileEvent, CaseFileEventKind

logger = logging.getLogger(__name__)

DB = "default"
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
LISTINGS = ("listed", "unlisted", "name_and_address")
DISCOUNT_KINDS = ("monthly", "one_time")


def lock_owner(cart_id: Any) -> str:
    """The `locked_by` a change cart writes on the Pro-Cable file."""
    return f"weblys-cart:{cart_id}"


def _money(value: Decimal) -> str:
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


# --- Opening a change cart ---------------------------------------------------------------------------------


def _change_channel(principal: Principal, customer_number: str) -> str:
    """The channel of a change by this principal; refuses anyone who may not change this file."""
    if principal.is_customer:
        if principal.customer_number != customer_number:
            raise ForbiddenError(_("You may not access this customer file."))
        return "myshop"
    if principal.is_staff:
        if not principal.has_right("weshop.sell"):
            raise SellNotAllowedError()
        return principal.channel or "store"
    raise ForbiddenError(_("Log in to change your offer."))


def ensure_may_sell(principal: Principal) -> None:
    """Refuse a staff user without the right to take orders (SellNotAllowedError)."""
    if principal.is_staff and not principal.has_right("weshop.sell"):
        raise SellNotAllowedError()


def directory_listing(phone: Any) -> str:
    """listed / unlisted / name_and_address, from Pro-Cable's listing flag and name."""
    if not phone.directory_listed:
        return "unlisted"
    return "name_and_address" if "," in (phone.directory_name or "") else "listed"


def _current_snapshot(customer_number: str) -> dict[str, Any]:
    """The customer's file as the change starts: what the change steps compare against."""
    gateway = get_gateway()
    customer = gateway.customer_get(customer_number)
    subscribed = gateway.customer_services(customer_number)
    targets = catalog_selectors.customer_change_targets(customer_number=customer_number)
    data = catalog_data()
    day = timezone.localdate()
    offer_code = targets["current_offer"]["code"] if targets["current_offer"] else ""
    zone_code = ""
    address_label = ""
    if customer.address_id:
        address = gateway.address_get(customer.address_id)
        zone_code, address_label = address.zone_code, address.label
    options = []
    for row in subscribed:
        if row.kind == "option":
            service = data.services.get(row.service_code)
            options.append(
                {
                    "code": row.service_code,
                    "label": service.label if service else row.service_code,
                    "monthly_price": _money(row.monthly_price),
                }
            )
    monthly = sum((row.monthly_price * row.quantity for row in subscribed), ZERO)
    return {
        "current": {
            "offer": targets["current_offer"],
            "offer_code": offer_code,
            "group_code": customer.group_code or catalog_selectors.DEFAULT_GROUP_CODE,
            "customer_type": customer.customer_type,
            "address_id": customer.address_id,
            "zone_code": zone_code,
            "address_label": address_label,
            "basic_services": sorted({row.service_code for row in subscribed if row.kind == "basic"}),
            "options": options,
            "services": [
                {
                    "code": row.service_code,
                    "kind": row.kind,
                    "quantity": row.quantity,
                    "monthly_price": _money(row.monthly_price),
                }
                for row in subscribed
            ],
            "equipment": [
                {"serial_number": item.serial_number, "code": item.service_code, "ownership": item.ownership}
                for item in gateway.equipment_list(customer_number)
                if item.status == "assigned"
            ],
            "phone_numbers": [
                {"number": phone.number, "directory_listing": directory_listing(phone)}
                for phone in gateway.phone_number_list(customer_number)
            ],
            "commitments": [
                {
                    "service_code": item.service_code,
                    "ends_on": item.ends_on.isoformat(),
                    "early_termination_fee": _money(item.early_termination_fee),
                }
                for item in gateway.commitment_list(customer_number)
                if item.ends_on > day
            ],
            "has_active_mvno_line": any(
                line.status == "active" for line in gateway.mobile_line_list(customer_number)
            ),
            "monthly_price": _money(monthly),
            "contact": {
                "first_name": customer.first_name,
                "last_name": customer.last_name,
                "email": customer.email,
                "phone": customer.phones[0] if customer.phones else "",
                "language": customer.language,
            },
        },
        "targets": targets["targets"],
        "offer_basic_services": sorted({row.service_code for row in subscribed if row.kind == "basic"}),
        "returned": [],
        "directory": [],
        "comparison": None,
    }


def change_cart_create(
    *, principal: Principal, customer_number: str, language: str, override_reason: str | None = None
) -> tuple[Cart, str]:
    """Open a change cart for an existing customer and lock their file in Pro-Cable.

    A customer may only change their own file (channel myshop); staff need `weshop.sell` (channel =
    their channel). Blocked files raise ChangeBlockedError (409, code = the first blocker); staff
    with `weshop.override` lift the overridable blockers with a reason, recorded on the cart and
    as a case-file event. Raises ForbiddenError, SellNotAllowedError, OverrideNotAllowedError,
    CartInputError (blank reason), ProCableNotFoundError, ProCableUnavailableError.
    """
    channel = _change_channel(principal, customer_number)
    overriding = override_reason is not None
    if overriding:
        if not (principal.is_staff and principal.has_right("weshop.override")):
            raise OverrideNotAllowedError()
        override_reason = override_reason.strip()
        if not override_reason:
            raise CartInputError(
                errors={"override.reason": [_("Say why the blocking reason is overridden.")]}
            )
    blockers = selectors.customer_change_blockers(customer_number=customer_number)
    remaining = [b for b in blockers if not (overriding and b["is_overridable"])]
    if remaining:
        raise ChangeBlockedError(blockers=remaining)
    change = _current_snapshot(customer_number)
    current = change["current"]
    offer = catalog_selectors.offer_get(code=current["offer_code"])
    secret = secrets.token_urlsafe(24)
    now = timezone.now()
    cart = Cart(
        secret_hash=_secret_hash(secret),
        owner_identity=principal.identity,
        channel=channel,
        sale_type="upsell",
        language=language,
        customer_number=customer_number,
        is_change=True,
        change=change,
        staff_code=(principal.staff_code or "") if principal.is_staff else "",
        store_code=(principal.store_code or "") if principal.is_staff else "",
        address_id=current["address_id"] or 0,
        zone_code=current["zone_code"],
        offer_code=offer.code,
        offer_domains=sorted(offer.domains),
        options=[row["code"] for row in current["options"]],
        contact=current["contact"],
        step=CartStep.OFFER,
        step_times={CartStep.CREATED: now.isoformat(), CartStep.OFFER: now.isoformat()},
    )
    if overriding and blockers:
        cart.override = {
            "codes": [b["code"] for b in blockers],
            "reason": override_reason,
            "by": principal.staff_code or "",
            "at": now.isoformat(),
        }
    gateway = get_gateway()
    try:
        gateway.customer_lock(
            customer_number, reason=_("Change of offer in progress"), locked_by=lock_owner(cart.pk)
        )
    except ProCableConflictError as exc:
        raise ChangeBlockedError(
            blockers=[
                {
                    "code": "file_locked",
                    "message": _("Another order is in progress on this customer file; try again later."),
                    "is_overridable": False,
                }
            ]
        ) from exc
    cart.is_file_locked = True
    try:
        with transaction.atomic(using=DB):
            cart.save(using=DB)
            if cart.override:
                CaseFileEvent.objects.using(DB).create(
                    cart_id=cart.pk,
                    kind=CaseFileEventKind.OVERRIDE,
                    channel=cart.channel,
                    sale_type=cart.sale_type,
                    offer_code=cart.offer_code,
                    last_step=cart.step,
                    steps_reached=[CartStep.CREATED, CartStep.OFFER],
                    step_times=cart.step_times,
                    reason=(", ".join(cart.override["codes"]) + ": " + override_reason)[:300],
                    actor=cart.staff_code,
                    customer_number=customer_number,
                )
    except BaseException:
        gateway.customer_unlock(customer_number)
        raise
    return cart, secret


def _secret_hash(secret: str) -> str:
    from .services import secret_hash

    return secret_hash(secret)


# --- Releasing the lock: cancel, abandon -------------------------------------------------------------------


def file_lock_release(*, cart: Cart) -> bool:
    """Unlock the customer's file if this cart still holds it; return True when nothing is held any more.

    Pro-Cable down: the cart keeps `is_file_locked` and the periodic sweep tries again.
    """
    if not cart.is_file_locked:
        return True
    gateway = get_gateway()
    try:
        lock = gateway.customer_lock_get(cart.customer_number)
        if lock.is_locked and lock.locked_by == lock_owner(cart.pk):
            gateway.customer_unlock(cart.customer_number)
    except ProCableNotFoundError:
        pass
    except ProCableError as exc:
        logger.warning("cannot unlock customer file %s of cart %s: %s", cart.customer_number, cart.pk, exc)
        return False
    Cart.objects.using(DB).filter(pk=cart.pk).update(is_file_locked=False)
    cart.is_file_locked = False
    return True


def file_locks_release_pending(*, limit: int = 200) -> int:
    """Release the files still locked by cancelled or abandoned change carts; return how many."""
    released = 0
    carts = Cart.objects.using(DB).filter(
        is_file_locked=True, status__in=(CartStatus.ABANDONED, CartStatus.CANCELLED)
    )
    for cart in carts.order_by("updated_at")[:limit]:
        released += file_lock_release(cart=cart)
    return released


def cart_cancel(*, cart: Cart) -> Cart:
    """Cancel an open cart: release its appointment hold and its file lock, record it as abandoned.

    Cancelling again changes nothing. Raises CartClosedError for a confirmed cart.
    """
    from .services import _steps_of

    if cart.status == CartStatus.CONFIRMED:
        raise CartClosedError()
    if cart.status == CartStatus.OPEN:
        with transaction.atomic(using=DB):
            updated = (
                Cart.objects.using(DB)
                .filter(pk=cart.pk, status=CartStatus.OPEN)
                .update(status=CartStatus.CANCELLED, updated_at=timezone.now())
            )
            if not updated:
                cart.refresh_from_db(using=DB)
                if cart.status == CartStatus.CONFIRMED:
                    raise CartClosedError()
                return cart
            cart.status = CartStatus.CANCELLED
            AppointmentHold.objects.using(DB).filter(cart_id=cart.pk).delete()
            steps, duration = _steps_of(cart.step_times)
            from .services import _event_create

            _event_create(
                cart=cart,
                order_id=None,
                kind=CaseFileEventKind.ABANDONED,
                steps=steps,
                duration=duration,
                reason="cancelled",
            )
    file_lock_release(cart=cart)
    return cart


# --- Change steps ------------------------------------------------------------------------------------------


def _require_change(cart: Cart, step: str) -> None:
    if not cart.is_change:
        raise NotChangeCartError()
    if cart.status != CartStatus.OPEN:
        raise CartClosedError()


def _reached(cart: Cart, step: str) -> None:
    from .services import _reached as reached

    reached(cart, step)


def _reset_price(cart: Cart) -> None:
    cart.quote_id = ""
    cart.quote = {}
    cart.payment = {}
    cart.rules_outcome = {}
    change = dict(cart.change)
    change["comparison"] = None
    cart.change = change
    if cart.install_mode:
        AppointmentHold.objects.using(DB).filter(cart_id=cart.pk).delete()
        cart.install_mode = ""
        cart.appointment_day, cart.appointment_period = None, ""


def change_offer_set(*, cart: Cart, offer_code: str) -> None:
    """Keep the current offer or move to one of the catalog's targets (the sale type is the path's kind).

    The options the new offer still has are kept; the rented equipment it does not take is marked
    for return; added equipment it does not take is dropped. Raises CartInputError.
    """
    _require_change(cart, CartStep.OFFER)
    change = dict(cart.change)
    current = change["current"]
    if offer_code == current["offer_code"]:
        sale_type = "upsell"
        basic = list(current["basic_services"])
    else:
        target = next((t for t in change.get("targets", []) if t["offer"]["code"] == offer_code), None)
        if target is None:
            raise CartInputError(errors={"offer_code": [_("This offer is not one you can change to.")]})
        sale_type = target["kind"]
        basic = [row["code"] for row in target["offer"]["basic_services"]]
    offer = catalog_selectors.offer_get(code=offer_code)
    allowed = {item.code for item in offer.equipment}
    option_codes = {option.code for option in offer.options}
    with transaction.atomic(using=DB):
        change["offer_basic_services"] = sorted(basic)
        change["returned"] = sorted(
            item["serial_number"]
            for item in current["equipment"]
            if item["code"] not in allowed and item["ownership"] == "rent"
        )
        cart.change = change
        cart.sale_type = sale_type
        cart.offer_code = offer_code
        cart.offer_domains = sorted(offer.domains)
        cart.options = [code for code in cart.options if code in option_codes]
        cart.equipment = [row for row in cart.equipment if row["code"] in allowed]
        _reset_price(cart)
        _reached(cart, CartStep.OFFER)
        cart.save(using=DB)


def quote_selection(cart: Cart, *, options: list[str] | None = None) -> Selection:
    """The selection after the change: kept and added equipment merged per code, and the options.

    Equipment the offer does not carry (bought pieces the customer keeps) is left out. When a code is
    kept rented and added bought, the bought piece is left out of the quote (it costs nothing monthly;
    its price is a one-time fee of the comparison).
    """
    offer = catalog_selectors.offer_get(code=cart.offer_code)
    allowed = {item.code for item in offer.equipment}
    quantities: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for item in selectors.kept_equipment(cart):
        if item["code"] in allowed:
            quantities[item["code"]][item["ownership"] or "rent"] += 1
    for row in cart.equipment:
        quantities[row["code"]][row["acquisition"]] += row["quantity"]
    choices = []
    for code in sorted(quantities):
        by_acquisition = quantities[code]
        acquisition = "rent" if by_acquisition.get("rent") else "buy"
        choices.append(
            EquipmentChoice(code=code, acquisition=acquisition, quantity=by_acquisition[acquisition])
        )
    return Selection(
        offer_code=cart.offer_code,
        equipment=tuple(choices),
        option_codes=tuple(cart.options if options is None else options),
    )


def _validate(cart: Cart, selection: Selection, *, field: str, prefixes: tuple[str, ...]) -> None:
    data = catalog_data()
    offer = catalog_selectors.offer_get(code=cart.offer_code, data=data)
    try:
        selection_validate(data=data, offer=offer, selection=selection)
    except SelectionInvalidError as exc:
        messages = [m for key, values in exc.errors.items() if key.startswith(prefixes) for m in values]
        if messages:
            raise CartInputError(errors={field: messages}) from exc


def serial_numbers_check(
    rows: list[dict[str, Any]], *, prefix: str, required: bool = False
) -> dict[str, list[str]]:
    """Check serial numbers against Pro-Cable stock: known, of the row's model, in stock, not repeated.

    With `required`, every row needs one serial number per unit. Returns field errors keyed
    `<prefix>.<index>.serial_numbers`.
    """
    gateway = get_gateway()
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for index, row in enumerate(rows):
        key = f"{prefix}.{index}.serial_numbers"
        serials = row.get("serial_numbers") or []
        if not serials:
            if required:
                errors[key] = [_("Enter the serial number of each piece of equipment handed over.")]
            continue
        messages: list[str] = []
        if len(serials) != row["quantity"]:
            messages.append(_("Give one serial number per piece of equipment."))
        for serial in serials:
            if serial in seen:
                messages.append(_("The serial number %(serial)s is entered twice.") % {"serial": serial})
                continue
            seen.add(serial)
            try:
                item = gateway.equipment_get(serial)
            except ProCableNotFoundError:
                messages.append(_("The serial number %(serial)s is unknown.") % {"serial": serial})
                continue
            if item.service_code != row["code"]:
                messages.append(
                    _("The serial number %(serial)s is a %(model)s, not a %(code)s.")
                    % {"serial": serial, "model": item.service_code, "code": row["code"]}
                )
            elif item.status != "stock":
                messages.append(_("The equipment %(serial)s is not in stock.") % {"serial": serial})
        if messages:
            errors[key] = messages
    return errors


def _equipment_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "code": str(item["code"]).strip().upper(),
            "acquisition": item.get("acquisition", "rent"),
            "quantity": int(item.get("quantity", 1)),
            "serial_numbers": [str(s).strip() for s in item.get("serial_numbers", []) if str(s).strip()],
        }
        for item in items
    ]


def change_equipment_set(*, cart: Cart, returned: list[str], added: list[dict[str, Any]]) -> None:
    """Choose the equipment given back (by serial number) and the pieces added; a swap is both.

    Options needing equipment no longer there are dropped. Raises CartInputError (`returned.<i>`,
    `added.<i>.code`, `added.<i>.serial_numbers`, `added`).
    """
    _require_change(cart, CartStep.EQUIPMENT)
    held = {item["serial_number"]: item for item in selectors.held_equipment(cart)}
    offer = catalog_selectors.offer_get(code=cart.offer_code)
    by_code = {item.code: item for item in offer.equipment}
    errors: dict[str, list[str]] = {}
    serials = [str(s).strip() for s in returned]
    for index, serial in enumerate(serials):
        item = held.get(serial)
        if item is None:
            errors[f"returned.{index}"] = [_("The customer does not hold this equipment.")]
        elif item["ownership"] == "buy":
            errors[f"returned.{index}"] = [_("Bought equipment belongs to the customer.")]
    if len(set(serials)) != len(serials):
        errors.setdefault("returned", []).append(_("A serial number is given twice."))
    rows = _equipment_rows(added)
    for index, row in enumerate(rows):
        if row["code"] not in by_code:
            errors[f"added.{index}.code"] = [
                _("%(code)s is not equipment of this offer.") % {"code": row["code"]}
            ]
        elif row["acquisition"] not in ("rent", "buy"):
            errors[f"added.{index}.acquisition"] = [_("Choose rent or buy.")]
    errors |= serial_numbers_check(rows, prefix="added")
    if errors:
        raise CartInputError(errors=errors)
    trial = copy.copy(cart)
    trial.change = dict(cart.change) | {"returned": sorted(serials)}
    trial.equipment = rows
    _validate(trial, quote_selection(trial, options=[]), field="added", prefixes=("equipment",))
    codes = set(selectors.equipment_codes_after(trial))
    needs = {option.code: option.requires_equipment for option in offer.options}
    with transaction.atomic(using=DB):
        cart.change = trial.change
        cart.equipment = rows
        cart.options = [code for code in cart.options if needs.get(code) is None or needs[code] in codes]
        _reset_price(cart)
        _reached(cart, CartStep.EQUIPMENT)
        cart.save(using=DB)


def change_options_set(*, cart: Cart, options: list[str]) -> None:
    """Choose every option wanted after the change (current ones kept included). Raises CartInputError."""
    _require_change(cart, CartStep.OPTIONS)
    codes = [str(code).strip().upper() for code in options]
    _validate(cart, quote_selection(cart, options=codes), field="options", prefixes=("options",))
    with transaction.atomic(using=DB):
        cart.options = codes
        _reset_price(cart)
        _reached(cart, CartStep.OPTIONS)
        cart.save(using=DB)


def change_directory_set(*, cart: Cart, listings: list[dict[str, Any]]) -> None:
    """Choose how each fixed number appears in the directory (listed, unlisted, name and address).

    Raises CartInputError (`listings.<i>.number`, `listings.<i>.listing`).
    """
    _require_change(cart, CartStep.DIRECTORY)
    numbers = {row["number"] for row in cart.change["current"].get("phone_numbers", [])}
    errors: dict[str, list[str]] = {}
    clean = []
    for index, row in enumerate(listings):
        number = "".join(ch for ch in str(row.get("number", "")) if ch.isdigit())
        listing = str(row.get("listing", ""))
        if number not in numbers:
            errors[f"listings.{index}.number"] = [_("This is not one of the customer's fixed numbers.")]
        if listing not in LISTINGS:
            errors[f"listings.{index}.listing"] = [_("Choose listed, unlisted or name and address.")]
        clean.append({"number": number, "listing": listing})
    if errors:
        raise CartInputError(errors=errors)
    with transaction.atomic(using=DB):
        change = dict(cart.change)
        change["directory"] = clean
        cart.change = change
        _reached(cart, CartStep.DIRECTORY)
        cart.save(using=DB)


# --- Price comparison --------------------------------------------------------------------------------------


def change_comparison(*, cart: Cart, quote: dict[str, Any]) -> dict[str, Any]:
    """Before / after of a change: services, options, equipment, monthly price, fees, commitments ended.

    Before is what Pro-Cable bills today; after is the catalog quote of the state after the change.
    One-time fees are the new offer's fees (only when the offer changes) and the added equipment's
    one-time prices; a commitment on a service that ends early adds its early-termination fee.
    """
    data = catalog_data()
    day = timezone.localdate()
    current = cart.change["current"]
    offer_changed = cart.offer_code != current["offer_code"]
    fees: list[dict[str, str]] = []
    if offer_changed:
        offer = catalog_selectors.offer_get(code=cart.offer_code, data=data)
        for code in offer.fee_codes:
            price = data.services[code].price_on(day)
            if price is not None and price.one_time > 0:
                fees.append(
                    {"code": code, "label": data.services[code].label, "amount": _money(price.one_time)}
                )
    for row in cart.equipment:
        service = data.services[row["code"]]
        price = service.price_on(day)
        unit = (
            (service.buy_price or ZERO)
            if row["acquisition"] == "buy"
            else (price.one_time if price else ZERO)
        )
        if unit > 0:
            fees.append(
                {"code": row["code"], "label": service.label, "amount": _money(unit * row["quantity"])}
            )
    held = {item["serial_number"]: item["code"] for item in selectors.held_equipment(cart)}
    returned_codes = {held[s] for s in cart.change.get("returned", []) if s in held}
    ended = set(selectors.services_removed(cart)) | set(selectors.options_removed(cart)) | returned_codes
    effects = [item for item in current.get("commitments", []) if item["service_code"] in ended]
    before = Decimal(current["monthly_price"])
    after = Decimal(quote["monthly_price"])
    one_time = sum((Decimal(f["amount"]) for f in fees), ZERO) + sum(
        (Decimal(e["early_termination_fee"]) for e in effects), ZERO
    )
    before_offer = current.get("offer") or {}
    return {
        "sale_type": cart.sale_type,
        "offer_before": {"code": before_offer.get("code", ""), "name": before_offer.get("name", "")},
        "offer_after": {"code": quote["offer"]["code"], "name": quote["offer"]["name"]},
        "is_offer_changed": offer_changed,
        "services_added": selectors.services_added(cart),
        "services_removed": selectors.services_removed(cart),
        "options_added": selectors.options_added(cart),
        "options_removed": selectors.options_removed(cart),
        "equipment_added": [
            {"code": r["code"], "acquisition": r["acquisition"], "quantity": r["quantity"]}
            for r in cart.equipment
        ],
        "equipment_returned": list(cart.change.get("returned", [])),
        "monthly_price_before": _money(before),
        "monthly_price_after": _money(after),
        "monthly_price_after_regular": quote["regular_monthly_price"],
        "monthly_price_after_promotions": quote["monthly_price_after_promotions"],
        "promotions": quote.get("promotions", []),
        "monthly_difference": _money(after - before),
        "one_time_fees": fees,
        "commitment_effects": effects,
        "one_time_total": _money(one_time),
    }


def change_quote_apply(*, cart: Cart, quote: Any) -> None:
    """Keep a fresh quote and its comparison on a change cart (the caller saves the cart)."""
    change = dict(cart.change)
    change["comparison"] = change_comparison(cart=cart, quote=quote.snapshot)
    cart.change = change
    if selectors.install_modes(cart) == ["none"]:
        cart.install_mode = "none"


def one_time_base(cart: Cart) -> Decimal:
    """The one-time amount of the sale before any discount (a change: fees and early-termination fees)."""
    if cart.is_change:
        comparison = cart.change.get("comparison") or {}
        return Decimal(comparison.get("one_time_total") or "0")
    return Decimal(cart.quote.get("one_time_total") or "0")


# --- Discounts ---------------------------------------------------------------------------------------------


def discount_limits() -> tuple[Decimal, Decimal]:
    """(maximum amount, maximum percent) of a store-manager discount (settings)."""
    return (
        Decimal(str(getattr(settings, "ORDERS_DISCOUNT_MAX_AMOUNT", "50.00"))),
        Decimal(str(getattr(settings, "ORDERS_DISCOUNT_MAX_PERCENT", "20"))),
    )


def discount_value(cart: Cart) -> Decimal | None:
    """The money the discount takes off the last quote (never more than the amount it applies to)."""
    discount = cart.discount
    if not discount or not cart.quote:
        return None
    base = Decimal(cart.quote["monthly_price"]) if discount["kind"] == "monthly" else one_time_base(cart)
    if discount.get("amount"):
        value = Decimal(discount["amount"])
    else:
        value = (base * Decimal(discount["percent"]) / Decimal(100)).quantize(CENT, rounding=ROUND_HALF_UP)
    return min(value, base).quantize(CENT)


def payable_one_time(cart: Cart) -> Decimal:
    """What the customer may pay now: the one-time amount less a one-time discount."""
    base = one_time_base(cart)
    if cart.discount.get("kind") == "one_time":
        base -= discount_value(cart) or ZERO
    return max(base, ZERO)


def cart_discount_set(
    *, cart: Cart, principal: Principal, kind: str, amount: str | None, percent: str | None, reason: str
) -> dict[str, Any]:
    """Apply a store-manager discount (an amount or a percent, monthly or one-time) within the limits.

    Only staff with `weshop.discount`. Raises DiscountNotAllowedError, CartInputError, CartClosedError.
    """
    if not (principal.is_staff and principal.has_right("weshop.discount")):
        raise DiscountNotAllowedError()
    if cart.status != CartStatus.OPEN:
        raise CartClosedError()
    max_amount, max_percent = discount_limits()
    errors: dict[str, list[str]] = {}
    if kind not in DISCOUNT_KINDS:
        errors["kind"] = [_("Choose a monthly or a one-time discount.")]
    if bool(amount) == bool(percent):
        errors["amount"] = [_("Give either an amount or a percent.")]
    value: Decimal | None = None
    try:
        if amount:
            value = Decimal(str(amount))
            if not ZERO < value <= max_amount or value != value.quantize(CENT):
                errors["amount"] = [
                    _("Enter an amount above 0 and at most %(max)s.") % {"max": _money(max_amount)}
                ]
        elif percent:
            value = Decimal(str(percent))
            if not ZERO < value <= max_percent:
                errors["percent"] = [_("Enter a percent above 0 and at most %(max)s.") % {"max": max_percent}]
    except InvalidOperation:
        errors["amount" if amount else "percent"] = [_("Enter a number.")]
    if not reason.strip():
        errors["reason"] = [_("Say why the discount is given.")]
    if errors:
        raise CartInputError(errors=errors)
    discount = {
        "kind": kind,
        "amount": _money(value) if amount and value is not None else None,
        "percent": str(value) if percent and value is not None else None,
        "reason": reason.strip()[:200],
        "by": principal.staff_code or "",
    }
    with transaction.atomic(using=DB):
        cart.discount = discount
        cart.payment = {}
        cart.save(using=DB)
    return discount


def cart_discount_remove(*, cart: Cart, principal: Principal) -> None:
    """Remove the discount of an open cart (staff with `weshop.discount`)."""
    if not (principal.is_staff and principal.has_right("weshop.discount")):
        raise DiscountNotAllowedError()
    if cart.status != CartStatus.OPEN:
        raise CartClosedError()
    with transaction.atomic(using=DB):
        cart.discount = {}
        cart.payment = {}
        cart.save(using=DB)


def discount_output(cart: Cart) -> dict[str, Any] | None:
    if not cart.discount:
        return None
    value = discount_value(cart)
    return cart.discount | {"value": _money(value) if value is not None else None}


# --- Serial numbers ----------------------------------------------------------------------------------------


def serial_numbers_required(cart: Cart, *, install_mode: str | None = None) -> bool:
    """Whether the rules want the seller to enter serial numbers for this cart (and install mode)."""
    trial = copy.copy(cart)
    if install_mode is not None:
        trial.install_mode = install_mode
    outcome = selectors.rules_outcome(cart=trial, method="bill", customer_paid=False)["outcome"]
    return bool(outcome.get("serial_numbers_entered"))


def serial_numbers_view(cart: Cart) -> dict[str, Any]:
    """The serial-number step: whether they are required (per install mode) and the rows to fill."""
    modes = selectors.install_modes(cart) if cart.offer_code else ["none"]
    by_mode = {mode: serial_numbers_required(cart, install_mode=mode) for mode in modes}
    return {
        "required": by_mode.get(cart.install_mode) if cart.install_mode else None,
        "required_by_install_mode": by_mode,
        "field_prefix": "added" if cart.is_change else "equipment",
        "equipment": [
            {
                "index": index,
                "code": row["code"],
                "quantity": row["quantity"],
                "serial_numbers": row.get("serial_numbers", []),
            }
            for index, row in enumerate(cart.equipment)
        ],
    }


def serial_numbers_confirm_check(cart: Cart, outcome: dict[str, Any]) -> None:
    """At confirm: serial numbers required by the rules are there and still in stock (CartInputError)."""
    prefix = "added" if cart.is_change else "equipment"
    required = bool(outcome.get("serial_numbers_entered"))
    errors = serial_numbers_check(list(cart.equipment), prefix=prefix, required=required)
    if errors:
        raise CartInputError(errors=errors)


# --- Submission of a change --------------------------------------------------------------------------------


def change_plan(*, cart: Cart, outcome: dict[str, Any]) -> list[dict[str, Any]]:
    """The Pro-Cable actions of a change, in order (removals first, then additions, then listings)."""
    data = catalog_data()
    current = cart.change["current"]
    held = {item["serial_number"]: item for item in selectors.held_equipment(cart)}
    plan: list[dict[str, Any]] = []
    for code in [*selectors.services_removed(cart), *selectors.options_removed(cart)]:
        plan.append({"action": "service_remove", "code": code})
    for serial in cart.change.get("returned", []):
        plan.append({"action": "service_remove", "code": held[serial]["code"]})
        plan.append({"action": "equipment_return", "serial_number": serial})
    for code in [*selectors.services_added(cart), *selectors.options_added(cart)]:
        plan.append({"action": "service_add", "code": code, "quantity": 1})
    for row in cart.equipment:
        plan.append({"action": "service_add", "code": row["code"], "quantity": row["quantity"]})
        for serial in row.get("serial_numbers", []):
            plan.append(
                {"action": "equipment_assign", "serial_number": serial, "ownership": row["acquisition"]}
            )
    if cart.offer_code != current["offer_code"]:
        offer = catalog_selectors.offer_get(code=cart.offer_code, data=data)
        for code in offer.fee_codes:
            plan.append({"action": "service_add", "code": code, "quantity": 1})
    deposit = outcome.get("deposit_service_code") or ""
    if deposit:
        plan.append({"action": "service_add", "code": deposit, "quantity": 1})
    listed_now = {row["number"]: row["directory_listing"] for row in current.get("phone_numbers", [])}
    for row in cart.change.get("directory", []):
        if listed_now.get(row["number"]) != row["listing"]:
            plan.append({"action": "directory", "number": row["number"], "listing": row["listing"]})
    return plan


def _directory_name(contact: dict[str, Any], listing: str, address_label: str) -> str:
    name = f"{contact.get('last_name', '')} {contact.get('first_name', '')[:1]}.".strip()
    return f"{name}, {address_label}" if listing == "name_and_address" and address_label else name


def change_submit_steps(order: Any, sub: dict[str, Any], gateway: Any, save: Any) -> None:
    """Apply a change order in Pro-Cable; each action done is saved at once (never redone).

    Pro-Cable refuses changes on a locked file, even by its locker, so the cart's lock is released
    first (the received order itself then keeps other changes out: see `customer_change_blockers`).
    """
    number = order.customer_number
    if not sub.get("unlocked"):
        lock = gateway.customer_lock_get(number)
        if lock.is_locked and lock.locked_by == lock_owner(order.cart_id):
            gateway.customer_unlock(number)
        sub["unlocked"] = True
        save(order, submission=dict(sub))
        Cart.objects.using(DB).filter(pk=order.cart_id).update(is_file_locked=False)
    done = list(sub.get("actions_done", []))
    contact = order.contact
    address_label = order.change.get("current", {}).get("address_label", "")
    for index, row in enumerate(sub.get("plan", [])):
        key = f"{index}:{row['action']}:{row.get('code') or row.get('serial_number') or row.get('number')}"
        if key in done:
            continue
        action = row["action"]
        if action == "service_remove":
            try:
                gateway.service_remove(number, service_code=row["code"])
            except ProCableNotFoundError:
                logger.info("order %s: %s already ended for %s", order.pk, row["code"], number)
        elif action == "service_add":
            gateway.service_add(number, service_code=row["code"], quantity=row["quantity"])
        elif action == "equipment_return":
            gateway.equipment_return(row["serial_number"])
        elif action == "equipment_assign":
            gateway.equipment_assign(number, serial_number=row["serial_number"], ownership=row["ownership"])
        elif action == "directory":
            listed = row["listing"] != "unlisted"
            gateway.phone_number_update(
                number,
                row["number"],
                directory_listed=listed,
                directory_name=_directory_name(contact, row["listing"], address_label) if listed else None,
            )
        done.append(key)
        sub["actions_done"] = done
        save(order, submission=dict(sub))
