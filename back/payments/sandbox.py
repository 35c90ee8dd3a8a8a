"""The built-in sandbox payment gateway: deterministic test cards, no network, tokens only.

Test cards (any holder name, any future expiry, any 3-digit CVC):

| number              | behaviour                                                           |
|---------------------|---------------------------------------------------------------------|
| 4242 4242 4242 4242 | Visa, succeeds                                                      |
| 5555 5555 5555 4444 | Mastercard, succeeds                                                |
| 4000 0000 0000 3220 | Visa, asks for a challenge; code "123456" passes, any other declines |
| 4000 0000 0000 0002 | Visa, declined (reason `card_declined`)                             |
| 4000 0000 0000 9995 | Visa, declined (reason `insufficient_funds`)                        |

Any other number passing the Luhn check succeeds. Card numbers and CVCs are never stored: the sandbox
keeps the token, the last four digits, the brand, the expiry and the behaviour of the test card in
its own tables (`orders.SandboxCard`, `orders.SandboxCharge` in the `weblys` database), so tokens stay
valid across processes.
"""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import (
    InvalidAmountError,
    InvalidCardError,
    PaymentChallengeFailedError,
    PaymentChallengeNotFoundError,
    PaymentChallengeRequiredError,
    PaymentChargeNotFoundError,
    PaymentDeclinedError,
    PaymentTokenNotFoundError,
)
from .port import CardToken, Charge, Refund

CHALLENGE_CODE = "123456"
CARD_SUCCESS = "4242424242424242"
CARD_SUCCESS_MASTERCARD = "5555555555554444"
CARD_CHALLENGE = "4000000000003220"
CARD_DECLINED = "4000000000000002"
CARD_INSUFFICIENT_FUNDS = "4000000000009995"

_BEHAVIOURS = {
    CARD_CHALLENGE: "challenge",
    CARD_DECLINED: "card_declined",
    CARD_INSUFFICIENT_FUNDS: "insufficient_funds",
}
_CENT = Decimal("0.01")


def luhn_is_valid(number: str) -> bool:
    """Return True when `number` (digits only) passes the Luhn checksum."""
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def card_brand(number: str) -> str:
    """Return the brand of a card number from its prefix ("visa", "mastercard", "amex" or "unknown")."""
    if number.startswith("4"):
        return "visa"
    if number[:2] in {"51", "52", "53", "54", "55"} or 2221 <= int(number[:4] or 0) <= 2720:
        return "mastercard"
    if number[:2] in {"34", "37"}:
        return "amex"
    return "unknown"


def _card_errors(
    *, number: str, expiry_month: int, expiry_year: int, cvc: str, holder_name: str, today: date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not number.isdigit() or not 13 <= len(number) <= 19:
        errors["number"] = [_("Enter a card number of 13 to 19 digits.")]
    elif not luhn_is_valid(number):
        errors["number"] = [_("This card number is not valid.")]
    if not 1 <= expiry_month <= 12:
        errors["expiry_month"] = [_("Enter a month between 1 and 12.")]
    elif (expiry_year, expiry_month) < (today.year, today.month):
        errors["expiry_year"] = [_("This card has expired.")]
    elif expiry_year > today.year + 20:
        errors["expiry_year"] = [_("Enter a valid expiry year.")]
    if not (cvc.isdigit() and len(cvc) == 3):
        errors["cvc"] = [_("Enter the 3-digit security code.")]
    if not holder_name.strip():
        errors["holder_name"] = [_("Enter the name on the card.")]
    elif len(holder_name) > 100:
        errors["holder_name"] = [_("Enter at most 100 characters.")]
    return errors


def _models():
    from back.orders.models import SandboxCard, SandboxCharge, SandboxRefund

    return SandboxCard, SandboxCharge, SandboxRefund


def _to_charge(row) -> Charge:
    return Charge(
        charge_id=row.charge_id,
        token=row.token,
        amount=row.amount,
        currency=row.currency,
        status=row.status,
        reference=row.reference,
        challenge_id=row.challenge_id if row.status == "challenge_required" else None,
        amount_refunded=row.amount_refunded,
        created_at=row.created_at,
    )


class SandboxPaymentGateway:
    """A deterministic in-house gateway for development, demos and tests."""

    name = "sandbox"

    def card_tokenize(
        self, *, number: str, expiry_month: int, expiry_year: int, cvc: str, holder_name: str
    ) -> CardToken:
        """Validate the card (Luhn, future expiry, 3-digit CVC), return a token. Raises InvalidCardError."""
        digits = "".join(number.split()).replace("-", "")
        errors = _card_errors(
            number=digits,
            expiry_month=expiry_month,
            expiry_year=expiry_year,
            cvc=cvc,
            holder_name=holder_name,
            today=timezone.localdate(),
        )
        if errors:
            raise InvalidCardError(errors=errors)
        SandboxCard, _charge, _refund = _models()
        row = SandboxCard.objects.create(
            token="tok_sbx_" + secrets.token_hex(12),
            last4=digits[-4:],
            brand=card_brand(digits),
            expiry_month=expiry_month,
            expiry_year=expiry_year,
            holder_name=holder_name.strip(),
            behaviour=_BEHAVIOURS.get(digits, "success"),
        )
        return CardToken(
            token=row.token,
            last4=row.last4,
            brand=row.brand,
            expiry_month=row.expiry_month,
            expiry_year=row.expiry_year,
            holder_name=row.holder_name,
        )

    def charge_create(
        self, *, token: str, amount: Decimal, currency: str, reference: str, capture: bool = True
    ) -> Charge:
        """Charge a token; a challenge card answers `challenge_required`, a decline card raises."""
        SandboxCard, SandboxCharge, _refund = _models()
        amount = Decimal(amount).quantize(_CENT)
        if amount <= 0:
            raise InvalidAmountError(errors={"amount": [_("The amount must be positive.")]})
        card = SandboxCard.objects.filter(token=token).first()
        if card is None:
            raise PaymentTokenNotFoundError()
        if card.behaviour in ("card_declined", "insufficient_funds"):
            raise PaymentDeclinedError(reason=card.behaviour)
        if card.behaviour == "challenge":
            status, challenge_id = "challenge_required", "chl_sbx_" + secrets.token_hex(12)
        else:
            status, challenge_id = ("succeeded" if capture else "authorized"), None
        row = SandboxCharge.objects.create(
            charge_id="ch_sbx_" + secrets.token_hex(12),
            token=token,
            amount=amount,
            currency=currency.upper()[:3],
            status=status,
            is_capture=capture,
            reference=reference[:100],
            challenge_id=challenge_id,
        )
        return _to_charge(row)

    def challenge_complete(self, *, challenge_id: str, code: str) -> Charge:
        """Complete a challenge: "123456" passes, anything else declines the charge for good."""
        _card, SandboxCharge, _refund = _models()
        with transaction.atomic(using="default"):
            row = (
                SandboxCharge.objects.select_for_update()
                .filter(challenge_id=challenge_id, status="challenge_required")
                .first()
            )
            if row is None:
                raise PaymentChallengeNotFoundError()
            if code.strip() != CHALLENGE_CODE:
                row.status = "declined"
                row.save(update_fields=["status"])
                failed = True
            else:
                row.status = "succeeded" if row.is_capture else "authorized"
                row.save(update_fields=["status"])
                failed = False
        if failed:
            raise PaymentChallengeFailedError(reason="challenge_failed")
        return _to_charge(row)

    def charge_get(self, *, charge_id: str) -> Charge:
        """Return a charge. Raises PaymentChargeNotFoundError."""
        _card, SandboxCharge, _refund = _models()
        row = SandboxCharge.objects.filter(charge_id=charge_id).first()
        if row is None or row.status == "declined":
            raise PaymentChargeNotFoundError()
        return _to_charge(row)

    def charge_capture(self, *, charge_id: str) -> Charge:
        """Capture an authorized charge; a succeeded one is returned unchanged."""
        _card, SandboxCharge, _refund = _models()
        with transaction.atomic(using="default"):
            row = SandboxCharge.objects.select_for_update().filter(charge_id=charge_id).first()
            if row is None or row.status == "declined":
                raise PaymentChargeNotFoundError()
            if row.status == "challenge_required":
                raise PaymentChallengeRequiredError()
            if row.status == "authorized":
                row.status = "succeeded"
                row.is_capture = True
                row.save(update_fields=["status", "is_capture"])
        return _to_charge(row)

    def charge_refund(self, *, charge_id: str, amount: Decimal | None = None) -> Refund:
        """Refund all or part of a captured charge. Raises InvalidAmountError beyond what is left."""
        _card, SandboxCharge, SandboxRefund = _models()
        with transaction.atomic(using="default"):
            row = SandboxCharge.objects.select_for_update().filter(charge_id=charge_id).first()
            if row is None or row.status in ("declined", "challenge_required", "authorized"):
                raise PaymentChargeNotFoundError(_("Only a captured payment can be refunded."))
            left = row.amount - row.amount_refunded
            value = left if amount is None else Decimal(amount).quantize(_CENT)
            if value <= 0 or value > left:
                raise InvalidAmountError(errors={"amount": [_("The amount exceeds what can be refunded.")]})
            row.amount_refunded += value
            row.status = "refunded" if row.amount_refunded == row.amount else "partially_refunded"
            row.save(update_fields=["amount_refunded", "status"])
            refund = SandboxRefund.objects.create(
                refund_id="re_sbx_" + secrets.token_hex(12), charge_id=charge_id, amount=value
            )
        return Refund(
            refund_id=refund.refund_id, charge_id=charge_id, amount=value, created_at=refund.created_at
        )
