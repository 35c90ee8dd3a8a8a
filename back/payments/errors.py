"""Errors of the payment gateway (every adapter raises only these); the front maps them by `code`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from back.api.errors import DomainError, NotFoundError, UnavailableError, ValidationFailedError


class PaymentError(DomainError):
    """Base of every payment refusal."""

    status = 402
    code = "payment_error"
    title = _("The payment could not be made.")


class InvalidCardError(ValidationFailedError):
    """The card data is not valid.

    `errors` names the fields: number, expiry_month, expiry_year, cvc, holder_name.
    """

    code = "invalid_card"
    title = _("The card details are not valid.")


class InvalidAmountError(ValidationFailedError):
    """The amount is not positive, or exceeds what can be refunded."""

    code = "invalid_amount"
    title = _("The amount is not valid.")


class PaymentDeclinedError(PaymentError):
    """The issuer declined the payment. `reason` (extra field) is a stable code: card_declined,
    insufficient_funds, expired_card, challenge_failed."""

    code = "payment_declined"
    title = _("The payment was declined.")


class PaymentChallengeFailedError(PaymentDeclinedError):
    """The challenge code was wrong: the charge is declined (reason `challenge_failed`)."""

    title = _("The verification code is not correct; the payment was declined.")


class PaymentChallengeRequiredError(PaymentError):
    """The charge still waits for its challenge to be completed."""

    status = 409
    code = "payment_challenge_required"
    title = _("The payment needs to be verified first.")


class PaymentTokenNotFoundError(NotFoundError):
    code = "payment_token_not_found"
    title = _("This card token is unknown.")


class PaymentChargeNotFoundError(NotFoundError):
    code = "payment_charge_not_found"
    title = _("This payment is unknown.")


class PaymentChallengeNotFoundError(NotFoundError):
    code = "payment_challenge_not_found"
    title = _("This verification is unknown or already completed.")


class PaymentUnavailableError(UnavailableError):
    code = "payment_unavailable"
    title = _("The payment service is unavailable; try again shortly.")
