"""Refusals of MyAccount, each with a stable `code`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from back.api.errors import ConflictError, DomainError, NotFoundError, ValidationFailedError


class PaymentAmountInvalidError(ValidationFailedError):
    code = "payment_amount_invalid"
    title = _("The amount to pay is not valid.")


class NothingDueError(ConflictError):
    code = "nothing_due"
    title = _("Nothing is due on this account or invoice.")


class OnlinePaymentNotFoundError(NotFoundError):
    code = "online_payment_not_found"
    title = _("No payment waiting for verification has this id.")


class PaymentNotRecordedError(DomainError):
    """The card was charged but Pro-Cable could not record it: the charge was refunded."""

    status = 503
    code = "payment_not_recorded"
    title = _("The payment could not be recorded; your card was refunded. Try again shortly.")


class AppointmentNotFoundError(NotFoundError):
    code = "appointment_not_found"
    title = _("No appointment of yours has this id.")


class AppointmentTooLateError(ConflictError):
    code = "appointment_too_late"
    title = _("This appointment is too close to change online; call customer service.")


class AppointmentNotBookedError(ConflictError):
    code = "appointment_not_booked"
    title = _("Only a booked appointment can be changed.")


class EasySwitchPendingError(ConflictError):
    code = "easyswitch_pending"
    title = _("A transfer to another operator is already waiting.")


class EasySwitchNotAllowedError(ConflictError):
    code = "easyswitch_not_allowed"
    title = _("This account cannot be transferred (it is cancelled).")


class ErasurePendingError(ConflictError):
    code = "erasure_pending"
    title = _("A request to erase your data is already being processed.")
