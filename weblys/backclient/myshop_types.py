"""Typed answers of the order engine for changes of an existing customer's offer (see `myshop.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .orders_types import Blocker, Cart, EquipmentChoice, Promotion
from .parsing import day, instant, money, strings


@dataclass(frozen=True)
class BasicService:
    code: str
    label: str
    domain: str


@dataclass(frozen=True)
class OfferSummary:
    """A catalog offer as the change pages show it: its basic services and its monthly price."""

    code: str
    name: str
    domains: tuple[str, ...]
    basic_services: tuple[BasicService, ...]
    monthly_price: Decimal

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OfferSummary:
        return cls(
            code=str(data["code"]),
            name=str(data.get("name") or data["code"]),
            domains=strings(data.get("domains")),
            basic_services=tuple(
                BasicService(
                    code=str(s["code"]),
                    label=str(s.get("label") or s["code"]),
                    domain=str(s.get("domain") or ""),
                )
                for s in data.get("basic_services") or ()
            ),
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
        offer = data.get("current_offer")
        return cls(
            customer_number=str(data.get("customer_number") or ""),
            is_allowed=bool(data.get("allowed")),
            blockers=tuple(Blocker.from_json(b) for b in data.get("blockers") or ()),
            current_offer=OfferSummary.from_json(offer) if offer else None,
        )


@dataclass(frozen=True)
class CurrentOption:
    code: str
    label: str
    monthly_price: Decimal


@dataclass(frozen=True)
class HeldEquipment:
    """A piece the customer holds now (Pro-Cable): rented pieces may be returned, bought ones are theirs."""

    serial_number: str
    code: str
    ownership: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HeldEquipment:
        return cls(
            serial_number=str(data["serial_number"]),
            code=str(data["code"]),
            ownership=str(data.get("ownership") or "rent"),
        )

    @property
    def is_rented(self) -> bool:
        return self.ownership == "rent"


@dataclass(frozen=True)
class PhoneNumber:
    number: str
    directory_listing: str


@dataclass(frozen=True)
class Commitment:
    service_code: str
    ends_on: date | None
    early_termination_fee: Decimal

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Commitment:
        return cls(
            service_code=str(data["service_code"]),
            ends_on=day(data.get("ends_on")),
            early_termination_fee=money(data.get("early_termination_fee")),
        )


@dataclass(frozen=True)
class CurrentState:
    """What the customer has today, as Pro-Cable bills it."""

    offer: OfferSummary | None
    basic_services: tuple[str, ...]
    options: tuple[CurrentOption, ...]
    equipment: tuple[HeldEquipment, ...]
    phone_numbers: tuple[PhoneNumber, ...]
    commitments: tuple[Commitment, ...]
    monthly_price: Decimal

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CurrentState:
        offer = data.get("offer")
        return cls(
            offer=OfferSummary.from_json(offer) if offer else None,
            basic_services=strings(data.get("basic_services")),
            options=tuple(
                CurrentOption(
                    code=str(o["code"]),
                    label=str(o.get("label") or o["code"]),
                    monthly_price=money(o.get("monthly_price")),
                )
                for o in data.get("options") or ()
            ),
            equipment=tuple(HeldEquipment.from_json(e) for e in data.get("equipment") or ()),
            phone_numbers=tuple(
                PhoneNumber(
                    number=str(p["number"]), directory_listing=str(p.get("directory_listing") or "listed")
                )
                for p in data.get("phone_numbers") or ()
            ),
            commitments=tuple(Commitment.from_json(c) for c in data.get("commitments") or ()),
            monthly_price=money(data.get("monthly_price")),
        )


@dataclass(frozen=True)
class EquipmentToChoose:
    domain: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class ChangeTarget:
    """An offer the customer may move to (upsell or cross-sell path of the catalog) and what it changes."""

    kind: str
    offer: OfferSummary
    monthly_difference: Decimal
    services_added: tuple[str, ...]
    services_removed: tuple[str, ...]
    equipment_kept: tuple[str, ...]
    equipment_returned: tuple[str, ...]
    equipment_to_choose: tuple[EquipmentToChoose, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeTarget:
        return cls(
            kind=str(data.get("kind") or "upsell"),
            offer=OfferSummary.from_json(data["offer"]),
            monthly_difference=money(data.get("monthly_difference")),
            services_added=strings(data.get("services_added")),
            services_removed=strings(data.get("services_removed")),
            equipment_kept=strings(data.get("equipment_kept")),
            equipment_returned=strings(data.get("equipment_returned")),
            equipment_to_choose=tuple(
                EquipmentToChoose(domain=str(e.get("domain") or ""), choices=strings(e.get("choices")))
                for e in data.get("equipment_to_choose") or ()
            ),
        )


@dataclass(frozen=True)
class DirectoryListing:
    number: str
    listing: str


@dataclass(frozen=True)
class ChangeSelection:
    """What the change cart holds now."""

    offer_code: str
    is_offer_changed: bool
    sale_type: str
    services_added: tuple[str, ...]
    services_removed: tuple[str, ...]
    options: tuple[str, ...]
    options_added: tuple[str, ...]
    options_removed: tuple[str, ...]
    equipment_added: tuple[EquipmentChoice, ...]
    equipment_returned: tuple[str, ...]
    directory: tuple[DirectoryListing, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeSelection:
        return cls(
            offer_code=str(data.get("offer_code") or ""),
            is_offer_changed=bool(data.get("is_offer_changed")),
            sale_type=str(data.get("sale_type") or ""),
            services_added=strings(data.get("services_added")),
            services_removed=strings(data.get("services_removed")),
            options=strings(data.get("options")),
            options_added=strings(data.get("options_added")),
            options_removed=strings(data.get("options_removed")),
            equipment_added=tuple(EquipmentChoice.from_json(e) for e in data.get("equipment_added") or ()),
            equipment_returned=strings(data.get("equipment_returned")),
            directory=tuple(
                DirectoryListing(number=str(d["number"]), listing=str(d.get("listing") or ""))
                for d in data.get("directory") or ()
            ),
        )


@dataclass(frozen=True)
class Fee:
    code: str
    label: str
    amount: Decimal


@dataclass(frozen=True)
class Comparison:
    """Before / after of the change, priced by the back (the summary step)."""

    sale_type: str
    offer_before_code: str
    offer_before_name: str
    offer_after_code: str
    offer_after_name: str
    is_offer_changed: bool
    services_added: tuple[str, ...]
    services_removed: tuple[str, ...]
    options_added: tuple[str, ...]
    options_removed: tuple[str, ...]
    equipment_added: tuple[EquipmentChoice, ...]
    equipment_returned: tuple[str, ...]
    monthly_price_before: Decimal
    monthly_price_after: Decimal
    monthly_price_after_promotions: Decimal
    monthly_difference: Decimal
    promotions: tuple[Promotion, ...]
    one_time_fees: tuple[Fee, ...]
    commitment_effects: tuple[Commitment, ...]
    one_time_total: Decimal

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Comparison:
        before = data.get("offer_before") or {}
        after = data.get("offer_after") or {}
        return cls(
            sale_type=str(data.get("sale_type") or ""),
            offer_before_code=str(before.get("code") or ""),
            offer_before_name=str(before.get("name") or before.get("code") or ""),
            offer_after_code=str(after.get("code") or ""),
            offer_after_name=str(after.get("name") or after.get("code") or ""),
            is_offer_changed=bool(data.get("is_offer_changed", before.get("code") != after.get("code"))),
            services_added=strings(data.get("services_added")),
            services_removed=strings(data.get("services_removed")),
            options_added=strings(data.get("options_added")),
            options_removed=strings(data.get("options_removed")),
            equipment_added=tuple(EquipmentChoice.from_json(e) for e in data.get("equipment_added") or ()),
            equipment_returned=strings(data.get("equipment_returned")),
            monthly_price_before=money(data.get("monthly_price_before")),
            monthly_price_after=money(data.get("monthly_price_after")),
            monthly_price_after_promotions=money(
                data.get("monthly_price_after_promotions", data.get("monthly_price_after"))
            ),
            monthly_difference=money(data.get("monthly_difference")),
            promotions=tuple(
                Promotion(
                    code=str(p["code"]),
                    name=str(p.get("name") or p["code"]),
                    monthly_reduction=money(p.get("monthly_reduction")),
                    duration_months=p.get("duration_months"),
                )
                for p in data.get("promotions") or ()
            ),
            one_time_fees=tuple(
                Fee(
                    code=str(f["code"]),
                    label=str(f.get("label") or f["code"]),
                    amount=money(f.get("amount")),
                )
                for f in data.get("one_time_fees") or ()
            ),
            commitment_effects=tuple(Commitment.from_json(c) for c in data.get("commitment_effects") or ()),
            one_time_total=money(data.get("one_time_total_after_discount", data.get("one_time_total"))),
        )

    @property
    def is_increase(self) -> bool:
        return self.monthly_difference > 0


@dataclass(frozen=True)
class ChangeView:
    """The change page: what the customer has, where they may go, what is chosen, the comparison."""

    current: CurrentState
    targets: tuple[ChangeTarget, ...]
    selection: ChangeSelection
    comparison: Comparison | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeView:
        comparison = data.get("comparison")
        return cls(
            current=CurrentState.from_json(data.get("current") or {}),
            targets=tuple(ChangeTarget.from_json(t) for t in data.get("targets") or ()),
            selection=ChangeSelection.from_json(data.get("selection") or {}),
            comparison=Comparison.from_json(comparison) if comparison else None,
        )

    def label_of(self, code: str) -> str:
        """The label of a basic service or current option of this view (the code when unknown)."""
        return self.labels().get(code, code)

    def labels(self) -> dict[str, str]:
        labels: dict[str, str] = {}
        offers = [t.offer for t in self.targets]
        if self.current.offer is not None:
            offers.append(self.current.offer)
        for offer in offers:
            labels |= {s.code: s.label for s in offer.basic_services}
        labels |= {o.code: o.label for o in self.current.options}
        return labels


@dataclass(frozen=True)
class ChangeCart:
    """A change cart: the shared cart fields plus its change selection and comparison."""

    cart: Cart
    customer_number: str
    is_change: bool
    selection: ChangeSelection | None
    comparison: Comparison | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeCart:
        change = data.get("change")
        comparison = data.get("comparison")
        return cls(
            cart=Cart.from_json(data),
            customer_number=str(data.get("customer_number") or ""),
            is_change=bool(data.get("is_change")),
            selection=ChangeSelection.from_json(change) if change else None,
            comparison=Comparison.from_json(comparison) if comparison else None,
        )

    @property
    def is_open(self) -> bool:
        return self.cart.is_open

    @property
    def status(self) -> str:
        return self.cart.status


@dataclass(frozen=True)
class CatalogEquipment:
    """A piece of equipment the chosen offer sells (for additions and swaps)."""

    code: str
    domain: str
    label: str
    monthly_price: Decimal
    buy_price: Decimal | None
    allows_rent: bool
    allows_buy: bool
    max_quantity: int


@dataclass(frozen=True)
class ChangeEquipment:
    held: tuple[HeldEquipment, ...]
    available: tuple[CatalogEquipment, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeEquipment:
        return cls(
            held=tuple(HeldEquipment.from_json(e) for e in data.get("held") or ()),
            available=tuple(
                CatalogEquipment(
                    code=str(e["code"]),
                    domain=str(e.get("domain") or ""),
                    label=str(e.get("label") or e["code"]),
                    monthly_price=money(e.get("monthly_price")),
                    buy_price=None if e.get("buy_price") is None else money(e.get("buy_price")),
                    allows_rent=bool(e.get("allows_rent", True)),
                    allows_buy=bool(e.get("allows_buy", False)),
                    max_quantity=int(e.get("max_quantity") or 1),
                )
                for e in data.get("available") or ()
            ),
        )


@dataclass(frozen=True)
class ChangeOption:
    code: str
    domain: str
    label: str
    monthly_price: Decimal
    requires_equipment: str
    reason: str


@dataclass(frozen=True)
class ChangeOptionList:
    options: tuple[ChangeOption, ...]
    unavailable: tuple[ChangeOption, ...]
    chosen: tuple[str, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeOptionList:
        def option(o: dict[str, Any]) -> ChangeOption:
            return ChangeOption(
                code=str(o["code"]),
                domain=str(o.get("domain") or ""),
                label=str(o.get("label") or o["code"]),
                monthly_price=money(o.get("monthly_price")),
                requires_equipment=str(o.get("requires_equipment") or ""),
                reason=str(o.get("reason") or ""),
            )

        return cls(
            options=tuple(option(o) for o in data.get("options") or ()),
            unavailable=tuple(option(o) for o in data.get("unavailable") or ()),
            chosen=strings(data.get("chosen")),
        )


@dataclass(frozen=True)
class ChangeOrder:
    """The order written by confirming a change cart, with its status."""

    id: str
    status: str
    sale_type: str
    offer_code: str
    monthly_price: Decimal
    one_time_total: Decimal
    install_mode: str
    appointment_day: date | None
    appointment_period: str
    expected_on: date | None
    is_pending: bool
    comparison: Comparison | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeOrder:
        appointment = data.get("appointment") or None
        comparison = data.get("comparison")
        return cls(
            id=str(data["id"]),
            status=str(data["status"]),
            sale_type=str(data.get("sale_type") or ""),
            offer_code=str(data.get("offer_code") or ""),
            monthly_price=money(data.get("monthly_price")),
            one_time_total=money(data.get("one_time_total")),
            install_mode=str(data.get("install_mode") or ""),
            appointment_day=day(appointment.get("day")) if appointment else None,
            appointment_period=str(appointment.get("period") or "") if appointment else "",
            expected_on=day(data.get("expected_on")),
            is_pending=bool(data.get("is_pending")),
            comparison=Comparison.from_json(comparison) if comparison else None,
        )


@dataclass(frozen=True)
class CustomerOrder:
    """One row of a customer's order list (MyAccount shows the pending change from it)."""

    id: str
    status: str
    sale_type: str
    channel: str
    offer_code: str
    is_change: bool
    is_pending: bool
    expected_on: date | None
    monthly_price: Decimal
    created_at: datetime | None
    submitted_at: datetime | None
    message: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CustomerOrder:
        return cls(
            id=str(data["id"]),
            status=str(data["status"]),
            sale_type=str(data.get("sale_type") or ""),
            channel=str(data.get("channel") or ""),
            offer_code=str(data.get("offer_code") or ""),
            is_change=bool(data.get("is_change")),
            is_pending=bool(data.get("is_pending")),
            expected_on=day(data.get("expected_on")),
            monthly_price=money(data.get("monthly_price")),
            created_at=instant(data.get("created_at")),
            submitted_at=instant(data.get("submitted_at")),
            message=str(data.get("message") or ""),
        )
