"""Writes of the order engine: the cart steps, confirm (written once), submission to Pro-Cable, events.

Every step validates its input before it writes: a refusal raises a DomainError and leaves the cart
as it was (only the contact step keeps the raw entries of a refused submission in `contact_draft`,
so nothing typed is lost). Writes are atomic on the `default` (weblys) alias: a step that writes one
statement (most cart steps: one UPDATE of the cart) runs it in autocommit, a transaction of its own
without the BEGIN/COMMIT round trips; several statements run in `transaction.atomic`. Celery work is
queued in `transaction.on_commit`.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from back.api.principal import Principal
from back.payments import errors as payment_errors
from back.payments.gateway import get_payment_gateway
from back.procable.errors import ProCableConflictError, ProCableError, ProCableUnavailableError
from back.procable.gateway import get_gateway
from catalog import selectors as catalog_selectors
from catalog import services as catalog_services
from catalog.errors import AddressNotFoundError, OfferNotFoundError, SelectionInvalidError
from catalog.pricing import EquipmentChoice, Selection, selection_order_codes, selection_validate
from catalog.snapshot import catalog_data

from . import selectors, services_change
from .errors import (
    AddressNotServiceableError,
    CartClosedError,
    CartInputError,
    ChangeCartStepError,
    PaymentRequiredError,
    SlotTakenError,
    StepOrderError,
)
from .models import (
    STEP_ORDER,
    AppointmentHold,
    Cart,
    CartStatus,
    CartStep,
    CaseFileEvent,
    CaseFileEventKind,
    Order,
    OrderStatus,
    OutboxMessage,
)

logger = logging.getLogger(__name__)

DB = "default"
CABLE_DOMAINS = frozenset({"TV", "INT", "TEL"})
CABLE_INSTALL_MODES = ("appointment", "shipment", "delivery")
PAYMENT_METHODS = ("card", "bill")
SUBMIT_LOCK = timedelta(minutes=5)
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ().-]{6,18}[0-9]$")
NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '.-][^\W\d_]+)*\.?$")


def secret_hash(secret: str) -> str:
    """Return the stored form of a cart secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


def currency() -> str:
    return getattr(settings, "ORDERS_CURRENCY", "CAD")


# --- Cart steps -----------------------------------------------------------------------------------------


def _reached(cart: Cart, step: str) -> None:
    """Record that `step` was completed now; the current step becomes that step."""
    times = dict(cart.step_times)
    times[step] = timezone.now().isoformat()
    cart.step_times = times
    cart.step = step


def _require(cart: Cart, step: str) -> None:
    """Refuse a step when an earlier one it depends on is not done, or the cart is closed."""
    if cart.status != CartStatus.OPEN:
        raise CartClosedError()
    if cart.is_change and step in (CartStep.ADDRESS, CartStep.OFFER, CartStep.CONTACT):
        raise ChangeCartStepError()
    if cart.is_change and step in (CartStep.EQUIPMENT, CartStep.OPTIONS, CartStep.SUMMARY):
        return
    needed = {
        CartStep.OFFER: [("address", cart.address_id is not None)],
        CartStep.EQUIPMENT: [("address", cart.address_id is not None), ("offer", bool(cart.offer_code))],
        CartStep.OPTIONS: [("offer", bool(cart.offer_code)), ("equipment", STEP_ORDER.index(cart.step) >= 3)],
        CartStep.SUMMARY: [("offer", bool(cart.offer_code)), ("equipment", STEP_ORDER.index(cart.step) >= 3)],
        CartStep.CONTACT: [("summary", bool(cart.quote_id))],
        CartStep.APPOINTMENT: [("summary", bool(cart.quote_id)), ("contact", bool(cart.contact))],
        CartStep.PAYMENT: [
            ("summary", bool(cart.quote_id)),
            ("contact", bool(cart.contact)),
            ("appointment", bool(cart.install_mode)),
        ],
        CartStep.CONFIRMED: [
            ("summary", bool(cart.quote_id)),
            ("contact", bool(cart.contact)),
            ("appointment", bool(cart.install_mode)),
            ("payment", bool(cart.payment.get("method"))),
        ],
    }.get(step, [])
    for name, done in needed:
        if not done:
            raise StepOrderError(_("Complete the step '%(step)s' first.") % {"step": name}, missing_step=name)


def _reset_after_selection(cart: Cart) -> None:
    """A changed offer, equipment or option invalidates the price and the payment made on it."""
    cart.quote_id = ""
    cart.quote = {}
    cart.payment = {}
    cart.rules_outcome = {}


def cart_create(
    *, principal: Principal, channel: str, sale_type: str, language: str, customer_number: str = ""
) -> tuple[Cart, str]:
    """Open a cart for `principal`; return it with its secret (shown once, only its hash is kept)."""
    services_change.ensure_may_sell(principal)
    secret = secrets.token_urlsafe(24)
    cart = Cart(
        secret_hash=secret_hash(secret),
        owner_identity=principal.identity,
        channel=channel,
        sale_type=sale_type,
        language=language,
        customer_number=customer_number,
        staff_code=(principal.staff_code or "") if principal.is_staff else "",
        store_code=(principal.store_code or "") if principal.is_staff else "",
    )
    _reached(cart, CartStep.CREATED)
    cart.save(using=DB)  # one INSERT
    return cart, secret


def cart_create_at_address(
    *, principal: Principal, channel: str, language: str, address_id: int, offer_code: str = ""
) -> tuple[Cart, str, list[dict[str, Any]]]:
    """Open a new customer's cart at its address in one step: the cart, its secret, the eligible offers.

    The refusals are those of `cart_address_set`, and a refused address opens no cart.
    """
    with transaction.atomic(using=DB):
        cart, secret = cart_create(principal=principal, channel=channel, sale_type="new", language=language)
        offers = cart_address_set(cart=cart, address_id=address_id, offer_code=offer_code)["offers"]
    return cart, secret, offers


def cart_address_set(*, cart: Cart, address_id: int, offer_code: str = "") -> dict[str, Any]:
    """Set the address after checking what can be sold there; return the eligible offers.

    With `offer_code` (the visitor came for one offer), that offer must be available at the address.
    Raises CartInputError (unknown address), AddressNotServiceableError with `available_domains`
    and `offers` (what is available instead, possibly nothing).
    """
    _require(cart, CartStep.ADDRESS)
    try:
        facts = catalog_selectors.address_facts(address_id=address_id)
    except AddressNotFoundError as exc:
        raise CartInputError(errors={"address_id": [_("This address is unknown.")]}) from exc
    eligible = selectors.cart_eligible_offers(cart=cart, address_id=address_id)
    codes = {offer["code"] for offer in eligible}
    if not facts.serviceable or not eligible:
        raise AddressNotServiceableError(
            _("No offer can be sold at this address."),
            available_domains=sorted(facts.domains) if facts.serviceable else [],
            offers=[],
        )
    if offer_code and offer_code not in codes:
        raise AddressNotServiceableError(
            _("This offer is not available at this address; other offers are."),
            available_domains=sorted(facts.domains),
            offers=eligible,
        )
    with transaction.atomic(using=DB):
        if cart.offer_code and cart.offer_code not in codes:
            cart.offer_code = ""
            cart.offer_domains = []
            cart.equipment = []
            cart.options = []
        cart.address_id = address_id
        cart.zone_code = facts.zone_code
        _reset_after_selection(cart)
        _release_hold(cart)
        cart.install_mode = ""
        cart.appointment_day = None
        cart.appointment_period = ""
        _reached(cart, CartStep.ADDRESS)
        if offer_code:
            _offer_apply(cart, offer_code, next(o for o in eligible if o["code"] == offer_code))
        cart.save(using=DB)
    return {"offers": eligible}


def _offer_apply(cart: Cart, offer_code: str, offer: dict[str, Any]) -> None:
    if cart.offer_code != offer_code:
        cart.equipment = []
        cart.options = []
        _reset_after_selection(cart)
        if not set(offer["domains"]) & CABLE_DOMAINS:
            _release_hold(cart)
            cart.install_mode = ""
    cart.offer_code = offer_code
    cart.offer_domains = list(offer["domains"])
    _reached(cart, CartStep.OFFER)


def cart_offer_set(*, cart: Cart, offer_code: str) -> None:
    """Choose an offer eligible at the cart's address (a new offer clears equipment and options).

    Raises CartInputError when the offer is unknown or not available there.
    """
    _require(cart, CartStep.OFFER)
    eligible = selectors.cart_eligible_offers(cart=cart, address_id=cart.address_id)
    offer = next((o for o in eligible if o["code"] == offer_code), None)
    if offer is None:
        raise CartInputError(errors={"offer_code": [_("This offer is not available at your address.")]})
    if cart.offer_code != offer_code and not set(offer["domains"]) & CABLE_DOMAINS:
        with transaction.atomic(using=DB):  # a new offer with nothing to install releases the slot hold
            _offer_apply(cart, offer_code, offer)
            cart.save(using=DB)
        return
    _offer_apply(cart, offer_code, offer)  # one UPDATE
    cart.save(using=DB)


def _selection(
    cart: Cart, *, equipment: list[dict] | None = None, options: list[str] | None = None
) -> Selection:
    rows = cart.equipment if equipment is None else equipment
    return Selection(
        offer_code=cart.offer_code,
        equipment=tuple(
            EquipmentChoice(code=e["code"], acquisition=e["acquisition"], quantity=e["quantity"])
            for e in rows
        ),
        option_codes=tuple(cart.options if options is None else options),
    )


def _validate_selection(cart: Cart, selection: Selection, *, prefixes: tuple[str, ...]) -> None:
    data = catalog_data()
    try:
        offer = catalog_selectors.offer_get(code=cart.offer_code, data=data)
    except OfferNotFoundError as exc:
        raise CartInputError(errors={"offer_code": [_("This offer is no longer sold.")]}) from exc
    try:
        selection_validate(data=data, offer=offer, selection=selection)
    except SelectionInvalidError as exc:
        errors = {key: value for key, value in exc.errors.items() if key.startswith(prefixes)}
        if errors:
            raise CartInputError(errors=errors) from exc


def cart_equipment_set(*, cart: Cart, equipment: list[dict[str, Any]]) -> None:
    """Choose the equipment (rent or buy, quantity, optional serial numbers).

    Options that need equipment no longer chosen are dropped. Raises CartInputError.
    """
    _require(cart, CartStep.EQUIPMENT)
    rows = [
        {
            "code": str(item["code"]).strip().upper(),
            "acquisition": item.get("acquisition", "rent"),
            "quantity": int(item.get("quantity", 1)),
            "serial_numbers": [str(s).strip() for s in item.get("serial_numbers", []) if str(s).strip()],
        }
        for item in equipment
    ]
    errors: dict[str, list[str]] = {}
    for index, row in enumerate(rows):
        if row["serial_numbers"] and len(row["serial_numbers"]) != row["quantity"]:
            errors[f"equipment.{index}.serial_numbers"] = [
                _("Give one serial number per piece of equipment.")
            ]
    if cart.is_change:
        raise ChangeCartStepError()
    errors |= services_change.serial_numbers_check(rows, prefix="equipment")
    if errors:
        raise CartInputError(errors=errors)
    _validate_selection(cart, _selection(cart, equipment=rows, options=[]), prefixes=("equipment",))
    chosen = {row["code"] for row in rows}
    offer = catalog_selectors.offer_get(code=cart.offer_code)
    needs = {option.code: option.requires_equipment for option in offer.options}
    cart.equipment = rows
    cart.options = [code for code in cart.options if needs.get(code) is None or needs.get(code) in chosen]
    _reset_after_selection(cart)
    _reached(cart, CartStep.EQUIPMENT)
    cart.save(using=DB)


def cart_options_set(*, cart: Cart, options: list[str]) -> None:
    """Choose the options (some need a piece of equipment). Raises CartInputError.

    On a change cart this is the full list of options after the change (see services_change).
    """
    if cart.is_change:
        services_change.change_options_set(cart=cart, options=options)
        return
    _require(cart, CartStep.OPTIONS)
    codes = [str(code).strip().upper() for code in options]
    _validate_selection(cart, _selection(cart, options=codes), prefixes=("options",))
    cart.options = codes
    _reset_after_selection(cart)
    _reached(cart, CartStep.OPTIONS)
    cart.save(using=DB)


def cart_options_set_and_price(*, cart: Cart, options: list[str]) -> dict[str, Any]:
    """Choose the options and price the cart in one step, all or nothing; return the quote snapshot.

    Raises what `cart_options_set` and `cart_quote_refresh` raise; the cart is then unchanged.
    """
    with transaction.atomic(using=DB):
        cart_options_set(cart=cart, options=options)
        return cart_quote_refresh(cart=cart)


def cart_quote_refresh(*, cart: Cart) -> dict[str, Any]:
    """Price the cart's selection (a stored catalog quote) and keep its snapshot on the cart."""
    _require(cart, CartStep.SUMMARY)
    if cart.is_change:
        selection = services_change.quote_selection(cart)
        # The address matters only for a new offer: keeping the offer never re-checks eligibility.
        address_id = cart.address_id if cart.offer_code != cart.change["current"]["offer_code"] else None
    else:
        selection, address_id = _selection(cart), cart.address_id
    try:
        quote = catalog_services.quote_create(
            selection=selection,
            context=selectors.sale_context(cart),
            created_by=cart.owner_identity,
            address_id=address_id or None,
            customer_number=cart.customer_number,
        )
    except SelectionInvalidError as exc:
        raise CartInputError(exc.detail, errors=exc.errors) from exc
    if cart.quote_id and cart.quote.get("one_time_total") != quote.snapshot.get("one_time_total"):
        cart.payment = {}
    cart.quote_id = str(quote.id)
    cart.quote = quote.snapshot
    if cart.is_change:
        services_change.change_quote_apply(cart=cart, quote=quote)
    _reached(cart, CartStep.SUMMARY)
    cart.save(using=DB)
    return quote.snapshot


def ask_date_of_birth() -> bool:
    return bool(getattr(settings, "ORDERS_ASK_DATE_OF_BIRTH", False))


def _contact_errors(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    clean: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name in ("first_name", "last_name"):
        value = str(data.get(name) or "").strip()
        if not value:
            errors[name] = [_("This field is required.")]
        elif len(value) > 60 or not NAME_RE.match(value):
            errors[name] = [_("Enter a name of letters only (at most 60).")]
        clean[name] = value
    email = str(data.get("email") or "").strip().lower()
    try:
        validate_email(email)
    except Exception:
        errors["email"] = [_("Enter a valid e-mail address.")]
    clean["email"] = email
    phone = str(data.get("phone") or "").strip()
    if not PHONE_RE.match(phone) or not 10 <= sum(c.isdigit() for c in phone) <= 15:
        errors["phone"] = [_("Enter a phone number of 10 to 15 digits.")]
    clean["phone"] = phone
    language = str(data.get("language") or "").strip().lower()
    if language not in ("fr", "en"):
        errors["language"] = [_("Choose French or English.")]
    clean["language"] = language
    if ask_date_of_birth():
        raw = str(data.get("date_of_birth") or "").strip()
        try:
            born = date.fromisoformat(raw)
        except ValueError:
            errors["date_of_birth"] = [_("Enter a date as YYYY-MM-DD.")]
        else:
            today = timezone.localdate()
            age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
            if age < 18 or age > 120:
                errors["date_of_birth"] = [_("The account holder must be an adult.")]
            clean["date_of_birth"] = born.isoformat()
    return clean, errors


def cart_contact_set(*, cart: Cart, data: dict[str, Any]) -> None:
    """Validate and keep the new customer's contact details.

    A refused submission still keeps its raw entries in `contact_draft` (with `contact_errors`) so
    the form comes back as typed; the validated `contact` and the step stay as they were.
    Raises CartInputError.
    """
    _require(cart, CartStep.CONTACT)
    fields = ("first_name", "last_name", "email", "phone", "language", "date_of_birth")
    draft = {name: str(data.get(name) or "")[:200] for name in fields if name in data}
    clean, errors = _contact_errors(data)
    if errors:
        # Only the raw entries and their errors are kept; the validated contact and the step stay.
        Cart.objects.using(DB).filter(pk=cart.pk).update(contact_draft=draft, contact_errors=errors)
        cart.contact_draft, cart.contact_errors = draft, errors
        raise CartInputError(errors=errors)
    cart.contact_draft, cart.contact_errors = draft, errors
    cart.contact = clean
    if clean["language"]:
        cart.language = clean["language"]
    _reached(cart, CartStep.CONTACT)
    cart.save(using=DB)


def _release_hold(cart: Cart) -> None:
    AppointmentHold.objects.using(DB).filter(cart_id=cart.pk).delete()


def cart_appointment_set(*, cart: Cart, install_mode: str, day: date | None = None, period: str = "") -> None:
    """Choose how the equipment reaches the customer; for an installation, hold a technician slot.

    Raises CartInputError, SlotTakenError (409, with `slots`: the fresh available slots).
    """
    _require(cart, CartStep.APPOINTMENT)
    modes = selectors.install_modes(cart)
    if install_mode not in modes:
        raise CartInputError(
            errors={"install_mode": [_("Choose one of: %(modes)s.") % {"modes": ", ".join(modes)}]}
        )
    if install_mode != "appointment":
        with transaction.atomic(using=DB):
            _release_hold(cart)
            cart.install_mode = install_mode
            cart.appointment_day, cart.appointment_period = None, ""
            _reached(cart, CartStep.APPOINTMENT)
            cart.save(using=DB)
        return
    errors: dict[str, list[str]] = {}
    if day is None:
        errors["day"] = [_("Choose a day.")]
    if period not in ("AM", "PM"):
        errors["period"] = [_("Choose the morning (AM) or the afternoon (PM).")]
    if errors:
        raise CartInputError(errors=errors)
    with transaction.atomic(using=DB):
        # Lock the cart row so two tabs of one cart cannot hold two places (and so the cart's one
        # hold is written by one call at a time: an UPDATE, else an INSERT, is enough).
        Cart.objects.using(DB).select_for_update().filter(pk=cart.pk).values_list("pk").first()
        if not selectors.slot_is_free(
            zone_code=cart.zone_code, day=day, period=period, exclude_cart_id=cart.pk
        ):
            raise SlotTakenError(slots=selectors.slot_list(zone_code=cart.zone_code, exclude_cart_id=cart.pk))
        place = {"zone_code": cart.zone_code, "day": day, "period": period}
        if not AppointmentHold.objects.using(DB).filter(cart_id=cart.pk).update(**place):
            AppointmentHold.objects.using(DB).create(cart_id=cart.pk, **place)
        cart.install_mode = install_mode
        cart.appointment_day, cart.appointment_period = day, period
        _reached(cart, CartStep.APPOINTMENT)
        cart.save(using=DB)


def cart_payment_set(*, cart: Cart, method: str, card: dict[str, Any] | None) -> dict[str, Any]:
    """Choose how the customer pays; when paying by card, tokenize it and charge the one-time total.

    The rules decide whether paying now is required, optional or masked. A card that needs a
    challenge leaves the payment `challenge_required` (answer with `cart_payment_challenge`).
    Raises CartInputError (bad method / card fields, prefixed `card.`), PaymentRequiredError,
    PaymentDeclinedError (402, cart unchanged).
    """
    _require(cart, CartStep.PAYMENT)
    if method not in PAYMENT_METHODS:
        raise CartInputError(errors={"method": [_("Choose card or bill.")]})
    requirement = selectors.payment_requirement(cart=cart, method=method)
    amount = services_change.payable_one_time(cart)
    if method == "bill":
        if requirement == "required":
            raise PaymentRequiredError()
        payment = {"method": "bill", "status": "none", "requirement": requirement, "amount": "0.00"}
    else:
        card = card or {}
        gateway = get_payment_gateway()
        try:
            token = gateway.card_tokenize(
                number=str(card.get("number") or ""),
                expiry_month=int(card.get("expiry_month") or 0),
                expiry_year=int(card.get("expiry_year") or 0),
                cvc=str(card.get("cvc") or ""),
                holder_name=str(card.get("holder_name") or ""),
            )
        except (TypeError, ValueError) as exc:
            raise CartInputError(
                errors={"card": [_("Enter the card number, expiry and security code.")]}
            ) from exc
        except payment_errors.InvalidCardError as exc:
            raise CartInputError(
                exc.detail, errors={f"card.{key}": value for key, value in exc.errors.items()}
            ) from exc
        payment = {
            "method": "card",
            "requirement": requirement,
            "token": token.token,
            "last4": token.last4,
            "brand": token.brand,
            "expiry": f"{token.expiry_month:02d}/{token.expiry_year % 100:02d}",
            "amount": "0.00",
            "status": "none",
        }
        if amount > 0 and requirement != "masked":
            charge = gateway.charge_create(
                token=token.token, amount=amount, currency=currency(), reference=f"cart-{cart.pk}"
            )
            payment |= {"amount": str(charge.amount), "charge_id": charge.charge_id}
            if charge.is_challenge_required:
                payment |= {"status": "challenge_required", "challenge_id": charge.challenge_id}
            else:
                payment["status"] = "paid"
    cart.payment = payment
    if payment["status"] != "challenge_required":
        _reached(cart, CartStep.PAYMENT)
    cart.save(using=DB)
    return payment


def cart_payment_challenge(*, cart: Cart, code: str) -> dict[str, Any]:
    """Answer the card challenge. A wrong code declines the payment (402) and clears it for a retry."""
    _require(cart, CartStep.PAYMENT)
    payment = dict(cart.payment)
    if payment.get("status") != "challenge_required":
        raise CartInputError(errors={"code": [_("No payment is waiting for a verification code.")]})
    try:
        get_payment_gateway().challenge_complete(challenge_id=payment["challenge_id"], code=code)
    except payment_errors.PaymentDeclinedError:
        cart.payment = {}
        cart.save(using=DB)
        raise
    payment["status"] = "paid"
    payment.pop("challenge_id", None)
    cart.payment = payment
    _reached(cart, CartStep.PAYMENT)
    cart.save(using=DB)
    return payment


# --- Confirm --------------------------------------------------------------------------------------------


def cart_confirm(*, cart: Cart) -> tuple[Order, bool]:
    """Write the order of a cart once; return (order, created).

    A second confirm of the same cart (another key, a concurrent request) returns the same order:
    the unique cart of Order guarantees one order per cart, even across processes. The submission to
    Pro-Cable is queued after commit. Raises StepOrderError, PaymentRequiredError, SlotTakenError,
    CartClosedError (abandoned).
    """
    existing = Order.objects.using(DB).filter(cart_id=cart.pk).first()
    if existing is not None:
        return existing, False
    if cart.is_change:
        _change_defaults(cart)
    _require(cart, CartStep.CONFIRMED)
    payment = cart.payment
    if payment.get("status") == "challenge_required":
        raise PaymentRequiredError(_("Complete the card verification first."))
    evaluation = selectors.rules_outcome(
        cart=cart, method=payment["method"], customer_paid=payment.get("status") == "paid"
    )
    if evaluation["outcome"]["immediate_payment"] == "required" and payment.get("status") != "paid":
        raise PaymentRequiredError()
    services_change.serial_numbers_confirm_check(cart, evaluation["outcome"])
    if cart.install_mode == "appointment":
        try:
            free = selectors.slot_is_free(
                zone_code=cart.zone_code,
                day=cart.appointment_day,
                period=cart.appointment_period,
                exclude_cart_id=cart.pk,
            )
        except ProCableUnavailableError:
            # Pro-Cable down: the cart's hold stands; the order is kept and booked when it is back.
            free = True
        if not free:
            raise SlotTakenError(slots=selectors.slot_list(zone_code=cart.zone_code, exclude_cart_id=cart.pk))
    if cart.is_change:
        plan = services_change.change_plan(cart=cart, outcome=evaluation["outcome"])
    else:
        data = catalog_data()
        offer = catalog_selectors.offer_get(code=cart.offer_code, data=data)
        plan = selection_order_codes(data=data, offer=offer, selection=_selection(cart))
        deposit = evaluation["outcome"].get("deposit_service_code") or ""
        if deposit:
            plan.append({"code": deposit, "kind": "deposit", "quantity": 1, "acquisition": None})
    try:
        with transaction.atomic(using=DB):
            # Lock the cart row; only its status and step times are needed (not the whole cart again).
            locked_status, locked_times = (
                Cart.objects.using(DB).select_for_update().values_list("status", "step_times").get(pk=cart.pk)
            )
            if locked_status == CartStatus.ABANDONED:
                raise CartClosedError()
            order = Order.objects.using(DB).create(
                cart_id=cart.pk,
                owner_identity=cart.owner_identity,
                channel=cart.channel,
                sale_type=cart.sale_type,
                language=cart.language,
                address_id=cart.address_id,
                zone_code=cart.zone_code,
                offer_code=cart.offer_code,
                equipment=cart.equipment,
                options=cart.options,
                quote_id=cart.quote_id,
                quote=cart.quote,
                contact=cart.contact,
                install_mode=cart.install_mode,
                appointment_day=cart.appointment_day,
                appointment_period=cart.appointment_period,
                payment={k: v for k, v in payment.items() if k != "challenge_id"},
                rules_outcome={"version": evaluation["version"], **evaluation["outcome"]},
                submission={"plan": plan},
                customer_number=cart.customer_number if cart.is_change else "",
                is_change=cart.is_change,
                change=cart.change if cart.is_change else {},
                staff_code=cart.staff_code,
                store_code=cart.store_code,
                override=cart.override,
                discount=services_change.discount_output(cart) or {},
            )
            OutboxMessage.objects.using(DB).create(order=order, kind="order_submit")
            times = dict(locked_times)
            times[CartStep.CONFIRMED] = timezone.now().isoformat()
            Cart.objects.using(DB).filter(pk=cart.pk).update(
                status=CartStatus.CONFIRMED,
                step=CartStep.CONFIRMED,
                step_times=times,
                rules_outcome=order.rules_outcome,
                updated_at=timezone.now(),
            )
            transaction.on_commit(lambda: _queue_submit(order.pk), using=DB)
    except IntegrityError:
        # A concurrent confirm of this cart won the unique constraint: answer with its order.
        return Order.objects.using(DB).get(cart_id=cart.pk), False
    return order, True


def _change_defaults(cart: Cart) -> None:
    """A change that installs nothing needs no appointment; one the rules do not make pay goes on the bill."""
    changes: dict[str, Any] = {}
    if not cart.install_mode and selectors.install_modes(cart) == ["none"]:
        changes["install_mode"] = "none"
        cart.install_mode = "none"
    if cart.install_mode and cart.quote_id and not cart.payment.get("method"):
        requirement = selectors.payment_requirement(cart=cart, method="bill")
        if requirement != "required":
            cart.payment = {"method": "bill", "status": "none", "requirement": requirement, "amount": "0.00"}
            changes["payment"] = cart.payment
    if changes:
        with transaction.atomic(using=DB):
            Cart.objects.using(DB).filter(pk=cart.pk, status=CartStatus.OPEN).update(
                **changes, updated_at=timezone.now()
            )


def _queue_submit(order_id: Any) -> None:
    from .tasks import order_submit_task

    order_submit_task.delay(str(order_id))


# --- Submission to Pro-Cable ----------------------------------------------------------------------------


def _claim(order_id: Any) -> Order | None:
    now = timezone.now()
    claimed = (
        Order.objects.using(DB)
        .filter(pk=order_id, status=OrderStatus.RECEIVED)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + SUBMIT_LOCK, attempts=F("attempts") + 1)
    )
    return Order.objects.using(DB).get(pk=order_id) if claimed else None


def _save_step(order: Order, **changes: Any) -> None:
    """Persist one completed submission step at once, so a retry never redoes it."""
    for name, value in changes.items():
        setattr(order, name, value)
    Order.objects.using(DB).filter(pk=order.pk).update(**changes, updated_at=timezone.now())


def order_submit(*, order_id: Any) -> str:
    """Submit a received order to Pro-Cable, step by step; return the order status afterwards.

    Each step done is saved on the order before the next one, so running this twice (a retry,
    the periodic resubmission) never creates anything twice. Pro-Cable down: the order stays
    received and ProCableUnavailableError is raised for the caller to retry later. A business
    refusal rejects the order with its reason.
    """
    order = _claim(order_id)
    if order is None:
        current = Order.objects.using(DB).filter(pk=order_id).values_list("status", flat=True).first()
        return current or "missing"
    try:
        _submit_steps(order)
    except ProCableUnavailableError as exc:
        _save_step(order, last_error=str(exc.detail)[:300], locked_until=None)
        raise
    except ProCableError as exc:
        reason = f"{exc.code}: {exc.detail}"[:300]
        with transaction.atomic(using=DB):
            _save_step(order, status=OrderStatus.REJECTED, status_reason=reason, locked_until=None)
            _event_record(order=order, kind=CaseFileEventKind.REJECTED, reason=reason)
        return OrderStatus.REJECTED
    with transaction.atomic(using=DB):
        _save_step(
            order, status=OrderStatus.SUBMITTED, submitted_at=timezone.now(), locked_until=None, last_error=""
        )
        OutboxMessage.objects.using(DB).filter(order=order, processed_at__isnull=True).update(
            processed_at=timezone.now()
        )
        AppointmentHold.objects.using(DB).filter(cart_id=order.cart_id).delete()
        _event_record(order=order, kind=CaseFileEventKind.SUCCESSFUL)
        transaction.on_commit(lambda: _queue_email(order.pk), using=DB)
    return OrderStatus.SUBMITTED


def _queue_email(order_id: Any) -> None:
    from .tasks import order_confirmation_email_task

    order_confirmation_email_task.delay(str(order_id))


def _submit_steps(order: Order) -> None:
    gateway = get_gateway()
    sub = dict(order.submission)
    if order.is_change:
        services_change.change_submit_steps(order, sub, gateway, _save_step)
        _submit_common(order, sub, gateway)
        return
    if not order.customer_number:
        contact = order.contact
        record = gateway.customer_create(
            first_name=contact["first_name"],
            last_name=contact["last_name"],
            email=contact["email"],
            language=contact.get("language") or order.language,
            address_id=order.address_id,
            phones=(contact["phone"],),
            group_code=selectors.NEW_CUSTOMER_GROUP,
        )
        _save_step(order, customer_number=record.number)
    number = order.customer_number
    done = list(sub.get("services_done", []))
    for index, row in enumerate(sub.get("plan", [])):
        key = f"{index}:{row['code']}"
        if key in done:
            continue
        gateway.service_add(number, service_code=row["code"], quantity=row["quantity"])
        done.append(key)
        sub["services_done"] = done
        _save_step(order, submission=dict(sub))
    if order.payment.get("method") == "card" and not sub.get("payment_method_set"):
        payment = order.payment
        gateway.payment_method_set(
            number,
            method="card",
            card_token=payment["token"],
            card_brand=payment["brand"],
            card_last4=payment["last4"],
            card_expiry=payment["expiry"],
        )
        sub["payment_method_set"] = True
        _save_step(order, submission=dict(sub))
    _submit_common(order, sub, gateway)


def _submit_common(order: Order, sub: dict[str, Any], gateway: Any) -> None:
    """The steps of every order once its services are in place: work orders, appointment, letters."""
    number = order.customer_number
    outcome = order.rules_outcome
    if order.is_change and order.payment.get("method") == "card" and not sub.get("payment_method_set"):
        payment = order.payment
        gateway.payment_method_set(
            number,
            method="card",
            card_token=payment["token"],
            card_brand=payment["brand"],
            card_last4=payment["last4"],
            card_expiry=payment["expiry"],
        )
        sub["payment_method_set"] = True
        _save_step(order, submission=dict(sub))
    _submit_work_orders(order, sub, gateway)
    if order.install_mode == "appointment" and not sub.get("appointment"):
        sub["appointment"] = _book(order, sub, gateway)
        _save_step(order, submission=dict(sub))
    letters = dict(sub.get("letters", {}))
    for code in outcome.get("letter_codes") or []:
        if code in letters:
            continue
        letter = gateway.letter_create(number, code=code, language=order.language)
        letters[code] = letter.id
        sub["letters"] = letters
        _save_step(order, submission=dict(sub))


def _submit_work_orders(order: Order, sub: dict[str, Any], gateway: Any) -> None:
    outcome = order.rules_outcome
    delay = int(outcome.get("delay_days") or 0)
    expected = order.appointment_day or (timezone.localdate() + timedelta(days=delay))
    wanted: list[tuple[str, str, str]] = [("primary", outcome["primary_wo_code"], outcome["cable_wo_status"])]
    for code in outcome.get("secondary_wo_codes") or []:
        status = (outcome.get("mvno_wo_status") or "PEND") if code == "WOMOB" else outcome["cable_wo_status"]
        wanted.append(("secondary", code, status))
    if outcome.get("contract_wo_code"):
        wanted.append(("contract", outcome["contract_wo_code"], "PEND"))
    work_orders = dict(sub.get("work_orders", {}))
    note = _("Order %(id)s") % {"id": order.pk}
    if order.discount:
        note += " — " + _("discount %(value)s (%(kind)s) by %(by)s: %(reason)s") % {
            "value": order.discount.get("value")
            or order.discount.get("amount")
            or order.discount.get("percent"),
            "kind": order.discount["kind"],
            "by": order.discount.get("by", ""),
            "reason": order.discount.get("reason", ""),
        }
    for category, code, status in wanted:
        key = f"{category}:{code}"
        if key in work_orders:
            continue
        record = gateway.work_order_create(
            order.customer_number,
            code=code,
            category=category,
            status=status,
            expected_on=expected,
            note=note[:200],
        )
        work_orders[key] = record.number
        sub["work_orders"] = work_orders
        _save_step(order, submission=dict(sub))


def _book(order: Order, sub: dict[str, Any], gateway: Any) -> dict[str, Any]:
    primary = sub.get("work_orders", {}).get(f"primary:{order.rules_outcome['primary_wo_code']}", "")
    try:
        record = gateway.appointment_book(
            order.customer_number,
            zone_code=order.zone_code,
            day=order.appointment_day,
            period=order.appointment_period,
            work_order_number=primary,
        )
        moved = False
    except ProCableConflictError:
        # The held place was taken outside Weblys: book the first free slot and say so.
        slots = selectors.slot_list(zone_code=order.zone_code, exclude_cart_id=order.cart_id)
        if not slots:
            raise
        first = slots[0]
        record = gateway.appointment_book(
            order.customer_number,
            zone_code=order.zone_code,
            day=date.fromisoformat(first["day"]),
            period=first["period"],
            work_order_number=primary,
        )
        moved = True
        _save_step(order, appointment_day=record.day, appointment_period=record.period)
    return {"id": record.id, "day": record.day.isoformat(), "period": record.period, "moved": moved}


def orders_resubmit_pending(*, limit: int = 100) -> list[str]:
    """Queue every received order not being submitted right now (Pro-Cable back up); return their ids."""
    now = timezone.now()
    ids = list(
        Order.objects.using(DB)
        .filter(status=OrderStatus.RECEIVED)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    for order_id in ids:
        _queue_submit(order_id)
    return [str(order_id) for order_id in ids]


# --- Confirmation e-mail --------------------------------------------------------------------------------


def order_confirmation_email_send(*, order_id: Any) -> bool:
    """Send the confirmation e-mail of a submitted order once, in the customer's language.

    Returns False when it was already sent (or the order is not submitted).
    """
    claimed = (
        Order.objects.using(DB)
        .filter(pk=order_id, status=OrderStatus.SUBMITTED, email_sent_at__isnull=True)
        .update(email_sent_at=timezone.now())
    )
    if not claimed:
        return False
    order = Order.objects.using(DB).get(pk=order_id)
    contact = order.contact
    if not contact.get("email"):
        return False
    if order.is_change:
        return _change_email_send(order)
    with translation.override(contact.get("language") or order.language):
        subject = _("Your %(operator)s order is confirmed") % {"operator": settings.OPERATOR_NAME}
        lines = [
            _("Hello %(name)s,") % {"name": contact["first_name"]},
            "",
            _("Thank you for your order. Your customer number is %(number)s.")
            % {"number": order.customer_number},
            _("Offer: %(offer)s") % {"offer": order.quote.get("offer", {}).get("name", order.offer_code)},
            _("Monthly price: %(price)s") % {"price": order.quote.get("monthly_price", "")},
            _("One-time costs: %(price)s") % {"price": order.quote.get("one_time_total", "")},
        ]
        appointment = order.submission.get("appointment")
        if appointment:
            lines.append(
                _("Installation appointment: %(day)s (%(period)s)")
                % {"day": appointment["day"], "period": appointment["period"]}
            )
        lines += ["", _("Your login details are sent in a separate message."), "", settings.OPERATOR_NAME]
        body = "\n".join(str(line) for line in lines)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [contact["email"]])
    except OSError:
        Order.objects.using(DB).filter(pk=order_id).update(email_sent_at=None)
        raise
    return True


def _change_email_send(order: Order) -> bool:
    contact = order.contact
    comparison = order.change.get("comparison") or {}
    with translation.override(contact.get("language") or order.language):
        subject = _("Your %(operator)s change of offer is confirmed") % {"operator": settings.OPERATOR_NAME}
        lines = [
            _("Hello %(name)s,") % {"name": contact.get("first_name", "")},
            "",
            _("Your change is recorded on customer file %(number)s.") % {"number": order.customer_number},
            _("Offer: %(offer)s") % {"offer": order.quote.get("offer", {}).get("name", order.offer_code)},
            _("Monthly price: %(before)s before, %(after)s after the change.")
            % {
                "before": comparison.get("monthly_price_before", ""),
                "after": comparison.get("monthly_price_after", order.quote.get("monthly_price", "")),
            },
            _("One-time costs: %(price)s") % {"price": comparison.get("one_time_total", "0.00")},
        ]
        appointment = order.submission.get("appointment")
        if appointment:
            lines.append(
                _("Installation appointment: %(day)s (%(period)s)")
                % {"day": appointment["day"], "period": appointment["period"]}
            )
        lines += ["", settings.OPERATOR_NAME]
        body = "\n".join(str(line) for line in lines)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [contact["email"]])
    except OSError:
        Order.objects.using(DB).filter(pk=order.pk).update(email_sent_at=None)
        raise
    return True


# --- Case-file events -----------------------------------------------------------------------------------


def _steps_of(times: dict[str, str]) -> tuple[list[str], int]:
    steps = [step for step in STEP_ORDER if step in times]
    instants = [datetime.fromisoformat(value) for value in times.values()]
    duration = int((max(instants) - min(instants)).total_seconds()) if instants else 0
    return steps, duration


def _event_record(*, order: Order, kind: str, reason: str = "") -> None:
    cart = Cart.objects.using(DB).get(pk=order.cart_id)
    steps, duration = _steps_of(cart.step_times)
    _event_create(cart=cart, order_id=order.pk, kind=kind, steps=steps, duration=duration, reason=reason)


def _event_create(
    *, cart: Cart, order_id: Any, kind: str, steps: list[str], duration: int, reason: str
) -> None:
    try:
        with transaction.atomic(using=DB):
            CaseFileEvent.objects.using(DB).create(
                cart_id=cart.pk,
                order_id=order_id,
                kind=kind,
                channel=cart.channel,
                sale_type=cart.sale_type,
                offer_code=cart.offer_code,
                last_step=steps[-1] if steps else cart.step,
                steps_reached=steps,
                step_times=cart.step_times,
                duration_seconds=duration,
                reason=reason,
                actor=cart.staff_code or cart.owner_identity,
                customer_number=cart.customer_number,
            )
    except IntegrityError:
        logger.info("case-file event %s of cart %s already recorded", kind, cart.pk)


def carts_abandon_stale(*, now: datetime | None = None, limit: int = 500) -> int:
    """Mark open carts left ABANDONED_CART_MINUTES as abandoned, with their event; return how many."""
    now = now or timezone.now()
    limit_at = now - timedelta(minutes=settings.ABANDONED_CART_MINUTES)
    count = 0
    for cart in (
        Cart.objects.using(DB)
        .filter(status=CartStatus.OPEN, updated_at__lt=limit_at)
        .order_by("updated_at")[:limit]
    ):
        with transaction.atomic(using=DB):
            updated = (
                Cart.objects.using(DB)
                .filter(pk=cart.pk, status=CartStatus.OPEN)
                .update(status=CartStatus.ABANDONED)
            )
            if not updated:
                continue
            AppointmentHold.objects.using(DB).filter(cart_id=cart.pk).delete()
            steps, duration = _steps_of(cart.step_times)
            _event_create(
                cart=cart,
                order_id=None,
                kind=CaseFileEventKind.ABANDONED,
                steps=steps,
                duration=duration,
                reason="",
            )
            count += 1
        if cart.is_file_locked:
            services_change.file_lock_release(cart=cart)
    services_change.file_locks_release_pending()
    return count
