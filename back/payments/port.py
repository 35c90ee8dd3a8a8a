"""The payment-gateway port: what Weblys needs from a card processor, whatever the provider.

Flow: `card_tokenize` (card data → opaque token, last 4 digits, brand, expiry) → `charge_create` on the
token (or `capture=False` to only authorize; `charge_capture` later). A charge may answer
`status="challenge_required"` with a `challenge_id` (3-D-Secure-like step): the payer enters a code,
the caller sends it to `challenge_complete`, and the charge ends `succeeded` / `authorized` or the
call raises. `charge_refund` refunds all or part of a captured charge.

Every method raises only the errors of `back.payments.errors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal, Protocol, runtime_checkable

ChargeStatus = Literal["challenge_required", "authorized", "succeeded", "refunded", "partially_refunded"]


@dataclass(frozen=True)
class CardToken:
    """A tokenized card: the only card data Weblys may store."""

    token: str
    last4: str
    brand: str
    expiry_month: int
    expiry_year: int
    holder_name: str


@dataclass(frozen=True)
class Charge:
    """An authorization or payment of `amount` on a token.

    `challenge_id` is set while `status == "challenge_required"`.
    """

    charge_id: str
    token: str
    amount: Decimal
    currency: str
    status: ChargeStatus
    reference: str
    challenge_id: str | None
    amount_refunded: Decimal
    created_at: datetime

    @property
    def is_challenge_required(self) -> bool:
        return self.status == "challenge_required"

    @property
    def is_paid(self) -> bool:
        return self.status in ("authorized", "succeeded")


@dataclass(frozen=True)
class Refund:
    """A refund of `amount` on a captured charge."""

    refund_id: str
    charge_id: str
    amount: Decimal
    created_at: datetime


@runtime_checkable
class PaymentGateway(Protocol):
    """What every payment adapter implements."""

    name: str

    def card_tokenize(
        self, *, number: str, expiry_month: int, expiry_year: int, cvc: str, holder_name: str
    ) -> CardToken:
        """Validate card data and return a token. Raises InvalidCardError (field errors)."""
        ...

    def charge_create(
        self, *, token: str, amount: Decimal, currency: str, reference: str, capture: bool = True
    ) -> Charge:
        """Charge (or only authorize, `capture=False`) `amount` on a token.

        Returns a charge `succeeded` / `authorized`, or `challenge_required` with a `challenge_id`.
        Raises PaymentTokenNotFoundError, PaymentDeclinedError (with a `reason`), InvalidAmountError.
        """
        ...

    def challenge_complete(self, *, challenge_id: str, code: str) -> Charge:
        """Answer the challenge of a charge.

        Raises PaymentChallengeFailedError (a payment_declined), PaymentChallengeNotFoundError.
        """
        ...

    def charge_get(self, *, charge_id: str) -> Charge:
        """Return a charge. Raises PaymentChargeNotFoundError."""
        ...

    def charge_capture(self, *, charge_id: str) -> Charge:
        """Capture an authorized charge (no-op on a succeeded one). Raises PaymentChallengeRequiredError."""
        ...

    def charge_refund(self, *, charge_id: str, amount: Decimal | None = None) -> Refund:
        """Refund all (`amount=None`) or part of a captured charge. Raises InvalidAmountError."""
        ...
