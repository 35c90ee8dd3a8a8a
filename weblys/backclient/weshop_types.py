"""Typed answers for WeShop: staff carts (who took them, overrides, discounts, changes), customer files.

The SelfShop types (`orders_types.py`) stay as they are; these read the fields the order engine adds
for staff sales and changes of offer (see back/orders/API.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .orders_types import Blocker, Cart, EquipmentChoice
from .parsing import money, optional_money, strings

# --- Customers ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CustomerSummary:
    """One row of a customer search."""

    number: str
    first_name: str
    last_name: str
    company_name: str
    customer_type: str
    status: str
    postal_code: str
    address_id: int | None
    address_label: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CustomerSummary:
        return cls(
            number=str(data["number"]),
            first_name=str(data.get("first_name") or ""),
            last_name=str(data.get("last_name") or ""),
            company_name=str(data.get("company_name") or ""),
            customer_type=str(data.get("customer_type") or ""),
            status=str(data.get("status") or ""),
            postal_code=str(data.get("postal_code") or ""),
            address_id=data.get("address_id"),
            address_label=str(data.get("address_label") or ""),
        )

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class CustomerPage:
    """A bounded page of search results (`has_next` instead of a count)."""

    results: tuple[CustomerSummary, ...]
    page: int
    page_size: int
    has_next: bool

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CustomerPage:
        return cls(
            results=tuple(CustomerSummary.from_json(r) for r in data.get("results") or ()),
            page=int(data.get("page") or 1),
            page_size=int(data.get("page_size") or 0),
            has_next=bool(data.get("has_next")),
        )


@dataclass(frozen=True)
class CustomerFile:
    """The header of a customer file as Pro-Cable holds it."""

    number: str
    first_name: str
    last_name: str
    company_name: str
    email: str
    phones: tuple[str, ...]
    language: str
    customer_type: str
    group_code: str
    status: str
    collection_status: str
    postal_code: str
    address_id: int | None
    balance: Decimal
    is_locked: bool
    lock_reason: str
    payment_method: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CustomerFile:
        return cls(
            number=str(data["number"]),
            first_name=str(data.get("first_name") or ""),
            last_name=str(data.get("last_name") or ""),
            company_name=str(data.get("company_name") or ""),
            email=str(data.get("email") or ""),
            phones=strings(data.get("phones")),
            language=str(data.get("language") or ""),
            customer_type=str(data.get("customer_type") or ""),
            group_code=str(data.get("group_code") or ""),
            status=str(data.get("status") or ""),
            collection_status=str(data.get("collection_status") or ""),
            postal_code=str(data.get("postal_code") or ""),
            address_id=data.get("address_id"),
            balance=money(data.get("balance")),
            is_locked=bool(data.get("is_locked")),
            lock_reason=str(data.get("lock_reason") or ""),
            payment_method=str(data.get("payment_method") or ""),
        )

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class OfferSummary:
    code: str
    name: str
    domains: tuple[str, ...]
    monthly_price: Decimal

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> OfferSummary | None:
        if not data:
            return None
        return cls(
            code=str(data.get("code") or ""),
            name=str(data.get("name") or data.get("code") or ""),
            domains=tuple(data.get("domains") or ()),
            monthly_price=money(data.get("monthly_price")),
        )


@dataclass(frozen=True)
class ChangeEligibility:
    customer_number: str
    is_allowed: bool
    blockers: tuple[Blocker, ...]
    current_offer: OfferSummary | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeEligibility:
        return cls(
            customer_number=str(data.get("customer_number") or ""),
            is_allowed=bool(data.get("allowed")),
            blockers=tuple(Blocker.from_json(b) for b in data.get("blockers") or ()),
            current_offer=OfferSummary.from_json(data.get("current_offer")),
        )

    @property
    def is_overridable(self) -> bool:
        """Every blocker may be lifted by a user with `weshop.override`."""
        return bool(self.blockers) and all(b.is_overridable for b in self.blockers)


# --- Staff carts ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TakenBy:
    """Who took a staff sale: the staff user, their store and their sales channel."""

    staff_code: str
    store_code: str
    channel: str

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> TakenBy | None:
        if not data:
            return None
        return cls(
            staff_code=str(data.get("staff_code") or ""),
            store_code=str(data.get("store_code") or ""),
            channel=str(data.get("channel") or ""),
        )


@dataclass(frozen=True)
class Override:
    codes: tuple[str, ...]
    reason: str
    by: str
    at: str

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Override | None:
        if not data:
            return None
        return cls(
            codes=strings(data.get("codes")),
            reason=str(data.get("reason") or ""),
            by=str(data.get("by") or ""),
            at=str(data.get("at") or ""),
        )


@dataclass(frozen=True)
class Discount:
    kind: str
    amount: Decimal | None
    percent: Decimal | None
    value: Decimal | None
    reason: str
    by: str

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Discount | None:
        if not data:
            return None
        return cls(
            kind=str(data.get("kind") or ""),
            amount=optional_money(data.get("amount")),
            percent=optional_money(data.get("percent")),
            value=optional_money(data.get("value")),
            reason=str(data.get("reason") or ""),
            by=str(data.get("by") or ""),
        )


@dataclass(frozen=True)
class StaffCart:
    """A cart with the staff-sale fields; `base` is the SelfShop view of the same cart."""

    base: Cart
    channel: str
    sale_type: str
    customer_number: str
    is_change: bool
    taken_by: TakenBy | None
    override: Override | None
    discount: Discount | None
    monthly_after_discount: Decimal | None
    one_time_after_discount: Decimal | None
    comparison: Comparison | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StaffCart:
        quote = data.get("quote") or {}
        return cls(
            base=Cart.from_json(data),
            channel=str(data.get("channel") or ""),
            sale_type=str(data.get("sale_type") or ""),
            customer_number=str(data.get("customer_number") or ""),
            is_change=bool(data.get("is_change")),
            taken_by=TakenBy.from_json(data.get("taken_by")),
            override=Override.from_json(data.get("override")),
            discount=Discount.from_json(data.get("discount")),
            monthly_after_discount=optional_money(quote.get("monthly_price_after_discount")),
            one_time_after_discount=optional_money(quote.get("one_time_total_after_discount")),
            comparison=Comparison.from_json(data.get("comparison")),
        )

    @property
    def is_open(self) -> bool:
        return self.base.is_open


@dataclass(frozen=True)
class PricedItem:
    code: str
    label: str
    monthly_price: Decimal

    @classmethod
    def from_json(cls, data: Any) -> PricedItem:
        if not isinstance(data, dict):
            return cls(code=str(data), label=str(data), monthly_price=Decimal("0"))
        return cls(
            code=str(data.get("code") or ""),
            label=str(data.get("label") or data.get("code") or ""),
            monthly_price=money(data.get("monthly_price")),
        )


@dataclass(frozen=True)
class HeldEquipment:
    serial_number: str
    code: str
    ownership: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HeldEquipment:
        return cls(
            serial_number=str(data.get("serial_number") or ""),
            code=str(data.get("code") or data.get("service_code") or ""),
            ownership=str(data.get("ownership") or ""),
        )


@dataclass(frozen=True)
class ChangeTarget:
    """An offer the customer may move to (upsell or cross-sell) and what it changes."""

    kind: str
    offer: OfferSummary
    monthly_difference: Decimal
    services_added: tuple[str, ...]
    services_removed: tuple[str, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeTarget:
        offer = OfferSummary.from_json(data.get("offer")) or OfferSummary("", "", (), Decimal("0"))
        return cls(
            kind=str(data.get("kind") or ""),
            offer=offer,
            monthly_difference=money(data.get("monthly_difference")),
            services_added=strings(data.get("services_added")),
            services_removed=strings(data.get("services_removed")),
        )


@dataclass(frozen=True)
class ChangeSelection:
    offer_code: str
    is_offer_changed: bool
    options: tuple[str, ...]
    options_added: tuple[str, ...]
    options_removed: tuple[str, ...]
    equipment_added: tuple[EquipmentChoice, ...]
    equipment_returned: tuple[str, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ChangeSelection:
        data = data or {}
        return cls(
            offer_code=str(data.get("offer_code") or ""),
            is_offer_changed=bool(data.get("is_offer_changed")),
            options=strings(data.get("options")),
            options_added=strings(data.get("options_added")),
            options_removed=strings(data.get("options_removed")),
            equipment_added=tuple(EquipmentChoice.from_json(e) for e in data.get("equipment_added") or ()),
            equipment_returned=strings(data.get("equipment_returned")),
        )


@dataclass(frozen=True)
class Comparison:
    """Before / after of a change of offer, priced by the catalog."""

    sale_type: str
    offer_before: str
    offer_after: str
    services_added: tuple[str, ...]
    services_removed: tuple[str, ...]
    options_added: tuple[str, ...]
    options_removed: tuple[str, ...]
    monthly_price_before: Decimal
    monthly_price_after: Decimal
    monthly_difference: Decimal
    one_time_fees: tuple[PricedItem, ...]
    one_time_total: Decimal

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Comparison | None:
        if not data:
            return None

        def names(key: str) -> tuple[str, ...]:
            return tuple(
                str(item.get("label") or item.get("code")) if isinstance(item, dict) else str(item)
                for item in data.get(key) or ()
            )

        return cls(
            sale_type=str(data.get("sale_type") or ""),
            offer_before=str((data.get("offer_before") or {}).get("name") or ""),
            offer_after=str((data.get("offer_after") or {}).get("name") or ""),
            services_added=names("services_added"),
            services_removed=names("services_removed"),
            options_added=names("options_added"),
            options_removed=names("options_removed"),
            monthly_price_before=money(data.get("monthly_price_before")),
            monthly_price_after=money(data.get("monthly_price_after")),
            monthly_difference=money(data.get("monthly_difference")),
            one_time_fees=tuple(
                PricedItem(
                    code=str(f.get("code") or ""),
                    label=str(f.get("label") or f.get("code") or ""),
                    monthly_price=money(f.get("amount")),
                )
                for f in data.get("one_time_fees") or ()
            ),
            one_time_total=money(data.get("one_time_total")),
        )


@dataclass(frozen=True)
class ChangeView:
    """The change page: what the customer has, where they may go, what is chosen so far."""

    current_offer: OfferSummary | None
    current_options: tuple[PricedItem, ...]
    current_equipment: tuple[HeldEquipment, ...]
    current_monthly_price: Decimal
    targets: tuple[ChangeTarget, ...]
    selection: ChangeSelection
    comparison: Comparison | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeView:
        current = data.get("current") or {}
        return cls(
            current_offer=OfferSummary.from_json(current.get("offer")),
            current_options=tuple(PricedItem.from_json(o) for o in current.get("options") or ()),
            current_equipment=tuple(HeldEquipment.from_json(e) for e in current.get("equipment") or ()),
            current_monthly_price=money(current.get("monthly_price")),
            targets=tuple(ChangeTarget.from_json(t) for t in data.get("targets") or ()),
            selection=ChangeSelection.from_json(data.get("selection")),
            comparison=Comparison.from_json(data.get("comparison")),
        )


@dataclass(frozen=True)
class SerialNumbers:
    """Whether the rules want serial numbers (per install mode) and the pieces to fill."""

    is_required: bool | None
    required_by_install_mode: dict[str, bool]
    field_prefix: str
    equipment: tuple[EquipmentChoice, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SerialNumbers:
        required = data.get("required")
        return cls(
            is_required=None if required is None else bool(required),
            required_by_install_mode={
                str(k): bool(v) for k, v in (data.get("required_by_install_mode") or {}).items()
            },
            field_prefix=str(data.get("field_prefix") or "equipment"),
            equipment=tuple(EquipmentChoice.from_json(e) for e in data.get("equipment") or ()),
        )

    @property
    def is_asked(self) -> bool:
        """Serial numbers are required now, or by some install mode still open to the seller."""
        if self.is_required is not None:
            return self.is_required
        return any(self.required_by_install_mode.values())


@dataclass(frozen=True)
class StaffOrder:
    """An order as staff see it: who took it, for which store, through which channel."""

    id: str
    cart_id: str
    status: str
    status_reason: str
    customer_number: str
    channel: str
    sale_type: str
    is_change: bool
    offer_code: str
    monthly_price: Decimal
    one_time_total: Decimal
    install_mode: str
    appointment_day: date | None
    appointment_period: str
    taken_by: TakenBy | None
    override: Override | None
    discount: Discount | None
    comparison: Comparison | None
    expected_on: date | None
    created_at: str
    letters: tuple[str, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StaffOrder:
        appointment = data.get("appointment") or None
        expected = data.get("expected_on")
        return cls(
            id=str(data["id"]),
            cart_id=str(data.get("cart_id") or ""),
            status=str(data.get("status") or ""),
            status_reason=str(data.get("status_reason") or ""),
            customer_number=str(data.get("customer_number") or ""),
            channel=str(data.get("channel") or ""),
            sale_type=str(data.get("sale_type") or ""),
            is_change=bool(data.get("is_change")),
            offer_code=str(data.get("offer_code") or ""),
            monthly_price=money(data.get("monthly_price")),
            one_time_total=money(data.get("one_time_total")),
            install_mode=str(data.get("install_mode") or ""),
            appointment_day=date.fromisoformat(appointment["day"]) if appointment else None,
            appointment_period=str(appointment.get("period") or "") if appointment else "",
            taken_by=TakenBy.from_json(data.get("taken_by")),
            override=Override.from_json(data.get("override")),
            discount=Discount.from_json(data.get("discount")),
            comparison=Comparison.from_json(data.get("comparison")),
            expected_on=date.fromisoformat(expected) if expected else None,
            created_at=str(data.get("created_at") or ""),
            letters=strings(data.get("letters")),
        )
