"""Refusals of the order engine (the front maps them by `code`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from back.api.errors import (
    ConflictError,
    DomainError,
    ForbiddenError,
    NotFoundError,
    UnavailableError,
    ValidationFailedError,
)


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


class ChangeBlockedError(ConflictError):
    """The customer file does not allow a change; `blockers` lists every reason, `code` is the first one.

    The code of each instance is the first blocker's code (`file_locked`, `customer_type_not_allowed`,
    ...), so the front chooses its message by `code` as for any other refusal.
    """

    code = "change_blocked"
    title = _("This customer's offer cannot be changed now.")

    def __init__(self, detail: str | None = None, *, blockers: list[dict], **extra: object) -> None:
        self.code = blockers[0]["code"] if blockers else self.code
        super().__init__(detail or (blockers[0]["message"] if blockers else None), blockers=blockers, **extra)


class OverrideNotAllowedError(ForbiddenError):
    code = "override_not_allowed"
    title = _("Your profile does not include the right to override a blocking reason.")


class DiscountNotAllowedError(ForbiddenError):
    code = "discount_not_allowed"
    title = _("Your profile does not include the right to apply a discount.")


class SellNotAllowedError(ForbiddenError):
    code = "sell_not_allowed"
    title = _("Your profile does not include the right to take orders.")


class NotChangeCartError(ConflictError):
    """A change step on a new-customer cart."""

    code = "cart_not_change"
    title = _("This step is only for a change of an existing customer's offer.")


class ChangeCartStepError(ConflictError):
    """A new-customer step (address, offer, contact...) on a change cart."""

    code = "cart_is_change"
    title = _("This step is not used when an existing customer changes their offer.")
