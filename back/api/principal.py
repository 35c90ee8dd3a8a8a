"""Who acts on a back call: a customer, a staff user or the automatic default web user."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PrincipalKind = Literal["default", "customer", "staff"]


@dataclass(frozen=True)
class Principal:
    """The acting person, resolved from the person token (or the automatic default web user).

    `kind` is `default` for anonymous visitors of the customer sites (SelfShop), `customer` for a
    customer logged in to MyAccount / MyShop (bound to one customer number), `staff` for a SECURITY user.
    """

    kind: PrincipalKind
    rights: frozenset[str] = field(default_factory=frozenset)
    customer_number: str | None = None
    staff_code: str | None = None
    channel: str | None = None
    store_code: str | None = None
    token_id: int | None = None
    site: str = ""

    # DRF and Django look at these on request.user.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_customer(self) -> bool:
        return self.kind == "customer"

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"

    @property
    def identity(self) -> str:
        """A stable string naming the actor (used to scope idempotency keys and audit trails)."""
        if self.kind == "customer":
            return f"customer:{self.customer_number}"
        if self.kind == "staff":
            return f"staff:{self.staff_code}"
        return f"default:{self.site or 'web'}"

    def has_right(self, code: str) -> bool:
        return code in self.rights
