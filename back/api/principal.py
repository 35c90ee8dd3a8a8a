"""Who acts on a back call: a customer, a staff user or the automatic default web user."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass, field
from typing import Literal

PrincipalKind = Literal["default", "customer", "staff"]


class LazyRights(Set):
    """A set of right codes read on first use, then kept for the call.

    The default web user acts on most public calls and almost none of them checks a right, so its
    rights (one shared-cache read) are only read when one is asked for.
    """

    __slots__ = ("_load", "_rights")

    def __init__(self, load: Callable[[], frozenset[str]]) -> None:
        self._load = load
        self._rights: frozenset[str] | None = None

    def _resolved(self) -> frozenset[str]:
        if self._rights is None:
            self._rights = frozenset(self._load())
        return self._rights

    def __contains__(self, code: object) -> bool:
        return code in self._resolved()

    def __iter__(self) -> Iterator[str]:
        return iter(self._resolved())

    def __len__(self) -> int:
        return len(self._resolved())

    __hash__ = Set._hash

    def __reduce__(self):
        return (frozenset, (tuple(self._resolved()),))

    def __repr__(self) -> str:
        return f"LazyRights({set(self._rights) if self._rights is not None else '...'})"


@dataclass(frozen=True)
class Principal:
    """The acting person, resolved from the person token (or the automatic default web user).

    `kind` is `default` for anonymous visitors of the customer sites (SelfShop), `customer` for a
    customer logged in to MyAccount / MyShop (bound to one customer number), `staff` for a SECURITY user.
    """

    kind: PrincipalKind
    rights: frozenset[str] | LazyRights = field(default_factory=frozenset)
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
