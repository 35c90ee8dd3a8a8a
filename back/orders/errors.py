"""Refusals of the order engine (the front maps them by `code`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from back.api.errors import ConflictError, DomainError, NotFoundError, UnavailableError, ValidationFailedError


class CartNotFoundError(NotFoundError):
    """Unknown cart, or a cart of someone else (never told apart)."""

    code = "cart_not_found"
    title = _("This cart does not exist.")


class OrderNotFoundError(NotFoundError):
    code = "order_not_found"
    title = _("This order does not exist.")


class CartInputError(ValidationFailedError):
    """A step's input is not valid; `errors` names the fields."""

    code = "cart_invalid"
    title = _("Some fields are not valid.")


class AddressNotServiceableError(DomainError):
    """No offer can be sold at this address; `available_domains` and `offers` say what could be."""

    status = 422
    code = "address_not_serviceable"
    title = _("We cannot serve this address with what you asked for.")


class StepOrderError(ConflictError):
    """A step was called before the steps it depends on; `missing_step` names the first missing one."""

    code = "cart_step_missing"
    title = _("A previous step is not completed.")


class CartClosedError(ConflictError):
    code = "cart_closed"
    title = _("This cart is already confirmed or abandoned.")


class SlotTakenError(ConflictError):
    """The slot was taken meanwhile; `slots` holds the fresh available slots."""

    code = "slot_taken"
    title = _("This appointment slot was just taken; choose another one.")


class PaymentRequiredError(ConflictError):
    code = "payment_required"
    title = _("A card payment is required to confirm this order.")


class OrdersUnavailableError(UnavailableError):
    code = "orders_unavailable"
    title = _("A system the order needs is unavailable; try again shortly.")
