"""The appointment and payment steps every cart journey shares (SelfShop, MyShop, WeShop).

The views keep what differs (where to go next, their words, their templates); these functions talk to
the back's cart and put its refusals on the form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from weblys.backclient import orders
from weblys.backclient.errors import BackConflict, BackError, BackNotFound, BackValidationError
from weblys.backclient.orders_types import CartHandle, SlotList
from weblys.forms import CARD_NAMES, AppointmentForm, ChallengeForm, PaymentForm, apply_back_errors


def payment_methods(
    requirement_by_method: Mapping[str, str], labels: Mapping[str, Any]
) -> list[tuple[str, Any]]:
    """The payment choices the rules leave open (card unless masked, bill unless a payment is required)."""
    methods = []
    if requirement_by_method.get("card") != "masked":
        methods.append(("card", labels["card"]))
    if requirement_by_method.get("bill") != "required":
        methods.append(("bill", labels["bill"]))
    return methods


def sole_method(methods: list[tuple[str, Any]]) -> str:
    """The method to preselect: the only one offered, else none."""
    return methods[0][0] if len(methods) == 1 else ""


def forget_card(form: forms.Form) -> None:
    """Blank the card number and the security code of a bound form: they never go back to the browser."""
    if form.is_bound:
        data = form.data.copy()
        data["card_number"] = ""
        data["cvc"] = ""
        form.data = data


def decline_message(error: BackError, reasons: Mapping[str, Any], fallback: str) -> Any:
    """The words for a `payment_declined` refusal, by the reason the back gives (`fallback` when unknown)."""
    reason = str(orders.problem_of(error).get("reason") or fallback)
    return reasons.get(reason, reasons[fallback])


def pay(
    form: PaymentForm, *, handle: CartHandle, required_message: Any, decline_reasons: Mapping[str, Any]
) -> Literal["paid", "challenge", "refused"]:
    """Pay the cart as the valid `form` says (bill, or card sent once to the back).

    "challenge" when the bank asks for a verification, "refused" when the form now holds the back's
    refusal: card field errors, `required_message` when the rules require a card payment, the decline
    reason (`decline_reasons`, by the back's reason, "card_declined" when unknown) when the bank declines.
    """
    data = form.cleaned_data
    try:
        if data["method"] == "bill":
            orders.cart_pay_by_bill(handle=handle)
            return "paid"
        cart = orders.cart_pay_by_card(
            handle=handle,
            number=data["card_number"].replace(" ", ""),
            expiry_month=data["expiry_month"],
            expiry_year=data["expiry_year"],
            cvc=data["cvc"],
            holder_name=data["holder_name"],
        )
        if cart.payment is not None and cart.payment.is_challenge_required:
            return "challenge"
        return "paid"
    except BackValidationError as exc:
        apply_back_errors(form, exc.errors, CARD_NAMES)
    except BackConflict as exc:
        if exc.code != "payment_required":
            raise
        form.add_error("method", required_message)
    except BackError as exc:
        if exc.code != "payment_declined":
            raise
        form.add_error(None, decline_message(exc, decline_reasons, "card_declined"))
    return "refused"


def answer_challenge(
    form: ChallengeForm, *, handle: CartHandle, decline_reasons: Mapping[str, Any]
) -> tuple[Literal["paid", "declined", "refused"], Any]:
    """Send the bank's verification code of the valid `form`.

    ("paid", None); ("declined", the words for the bank's reason, "challenge_failed" when unknown);
    ("refused", None) when the form now holds the back's field errors.
    """
    try:
        orders.cart_payment_challenge(handle=handle, code=form.cleaned_data["code"])
        return "paid", None
    except BackError as exc:
        if exc.code == "payment_declined":
            return "declined", decline_message(exc, decline_reasons, "challenge_failed")
        if not isinstance(exc, BackValidationError):
            raise
        apply_back_errors(form, exc.errors, {})
    return "refused", None


def appointment_initial(cart: Any, install_modes: Sequence[str]) -> dict[str, Any]:
    """The appointment form's initial values: the cart's install mode (else the first offered) and slot."""
    initial: dict[str, Any] = {"install_mode": cart.install_mode or (install_modes or ("",))[0]}
    if cart.appointment_day:
        initial["slot"] = f"{cart.appointment_day.isoformat()}|{cart.appointment_period}"
    return initial


def is_without_slots(offer: SlotList) -> bool:
    """An appointment is possible but the back has no free slot to offer."""
    return "appointment" in offer.install_modes and not offer.slots


def set_appointment(
    form: AppointmentForm, *, handle: CartHandle, modes: Sequence[str], taken_message: Any
) -> AppointmentForm | None:
    """Set the cart's install mode and slot as the valid `form` says; None when the back took them.

    Else the form to show again: on the fresh slots with `taken_message` when the slot was just taken,
    or with the back's field errors (its `day` and `period` land on `slot`).
    """
    day, period = form.chosen_slot()
    try:
        orders.cart_appointment_set(
            handle=handle, install_mode=form.cleaned_data["install_mode"], day=day, period=period
        )
        return None
    except BackConflict as exc:
        if exc.code != "slot_taken":
            raise
        form = type(form)(form.data, modes=modes, slots=orders.slots_of(exc))
        form.is_valid()
        form.add_error("slot", taken_message)
    except BackValidationError as exc:
        apply_back_errors(form, exc.errors, {"day": "slot", "period": "slot"})
    return form


def cart_refused(
    request: HttpRequest,
    error: BackNotFound | BackConflict,
    *,
    cart_key: str,
    step_pages: Mapping[str, str],
    first_step: str,
    start: str,
    done: str,
    expired_message: Any,
) -> HttpResponse:
    """Where a step goes when the back refuses the session's cart; any other refusal is raised again.

    Unknown cart (expired): forgotten, `expired_message`, back to `start`. Closed cart: `done`.
    An earlier step missing: that step's page (`step_pages`, by the back's step name; the first step when
    it does not say).
    """
    if isinstance(error, BackNotFound):
        if error.code != "cart_not_found":
            raise error
        request.session.pop(cart_key, None)
        messages.warning(request, expired_message)
        return redirect(start)
    if error.code == "cart_closed":
        return redirect(done)
    if error.code == "cart_step_missing":
        missing = str(orders.problem_of(error).get("missing_step") or first_step)
        messages.warning(request, _("Please complete this step first."))
        return redirect(step_pages.get(missing, step_pages[first_step]))
    raise error


def confirm_refused(
    request: HttpRequest,
    error: BackConflict,
    *,
    order_of: Callable[[], Any],
    done: str,
    payment: str,
    payment_message: Any,
    appointment: str,
    slot_message: Any,
) -> HttpResponse | None:
    """Where a confirm the back refused by the cart's state goes; any other refusal is raised again.

    Payment required: the payment step (`payment_message`). Slot taken: the appointment step
    (`slot_message`). Idempotency-Key still in flight (the first send still running, or its instance
    died): the back writes at most one order per cart, so once the order exists its page (`done`) is the
    answer; until then None, and the site shows the review again with a new key and a message, where
    pressing Confirm again places the order once.
    """
    if error.code == "payment_required":
        messages.error(request, payment_message)
        return redirect(payment)
    if error.code == "slot_taken":
        messages.error(request, slot_message)
        return redirect(appointment)
    if error.code != "idempotency_key_in_flight":
        raise error
    try:
        order_of()
    except BackNotFound as exc:
        if exc.code != "order_not_found":
            raise
        messages.info(
            request,
            _(
                "Your order is still being recorded. Wait a few seconds, then press Confirm again: "
                "it will be placed only once."
            ),
        )
        return None
    return redirect(done)
