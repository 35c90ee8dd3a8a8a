"""Typed answers for WeCare: what customers asked of customer service, as staff list it.

Unlike the customer's own records (`myaccount_types.py`), each row names its customer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from .parsing import instant, money


@dataclass(frozen=True)
class Page[T]:
    """One page of a staff list, newest first, as the back paginates it (`count` rows in all)."""

    results: tuple[T, ...]
    count: int
    page: int
    page_size: int
    has_next: bool
    has_previous: bool

    @property
    def page_count(self) -> int:
        """How many pages the whole list holds (at least one, so an empty list still has page 1)."""
        if self.page_size <= 0:
            return 1
        return max(1, -(-self.count // self.page_size))


@dataclass(frozen=True)
class StaffContactMessage:
    """A customer's message to customer service."""

    id: int
    customer_number: str
    subject: str
    message: str
    is_handled: bool
    created_at: datetime | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StaffContactMessage:
        return cls(
            id=int(data["id"]),
            customer_number=str(data.get("customer_number") or ""),
            subject=str(data.get("subject") or ""),
            message=str(data.get("message") or ""),
            is_handled=bool(data.get("is_handled")),
            created_at=instant(data.get("created_at")),
        )


@dataclass(frozen=True)
class KeptData:
    """What the operator must keep despite an erasure request, and the law that says so."""

    data: str
    reason: str


@dataclass(frozen=True)
class StaffErasureRequest:
    """A customer's request to erase personal data, with what must be kept."""

    id: int
    customer_number: str
    status: str
    reason: str
    retained: tuple[KeptData, ...]
    created_at: datetime | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StaffErasureRequest:
        return cls(
            id=int(data["id"]),
            customer_number=str(data.get("customer_number") or ""),
            status=str(data.get("status") or ""),
            reason=str(data.get("reason") or ""),
            retained=tuple(
                KeptData(data=str(item.get("data") or ""), reason=str(item.get("reason") or ""))
                for item in data.get("retained") or ()
            ),
            created_at=instant(data.get("created_at")),
        )


@dataclass(frozen=True)
class StaffEasySwitchRequest:
    """A transfer to another operator: its switch code, and what it ends and costs as recorded."""

    id: int
    customer_number: str
    switch_code: str
    receiving_operator: str
    status: str
    early_termination_fees: Decimal
    balance: Decimal
    equipment_to_return: tuple[str, ...]
    created_at: datetime | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StaffEasySwitchRequest:
        summary = data.get("summary") or {}
        return cls(
            id=int(data["id"]),
            customer_number=str(data.get("customer_number") or ""),
            switch_code=str(data["switch_code"]),
            receiving_operator=str(data.get("receiving_operator") or ""),
            status=str(data.get("status") or ""),
            early_termination_fees=money(summary.get("early_termination_fees")),
            balance=money(summary.get("balance")),
            equipment_to_return=tuple(
                str(item.get("serial_number") or "") for item in summary.get("equipment_to_return") or ()
            ),
            created_at=instant(data.get("created_at")),
        )
