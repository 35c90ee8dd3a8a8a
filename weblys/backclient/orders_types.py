"""Typed answers of the order engine and of the address lookup (see `orders.py`, `addresses.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .parsing import money


@dataclass(frozen=True)
class City:
    code: str
    name: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> City:
        return cls(code=str(data["code"]), name=str(data["name"]))


@dataclass(frozen=True)
class Street:
    id: int
    city_code: str
    name: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Street:
        return cls(id=int(data["id"]), city_code=str(data["city_code"]), name=str(data["name"]))


@dataclass(frozen=True)
class Apartment:
    address_id: int
    apartment: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Apartment:
        return cls(address_id=int(data["address_id"]), apartment=str(data.get("apartment") or ""))


@dataclass(frozen=True)
class Address:
    id: int
    label: str
    city_code: str
    street_name: str
    civic_number: int
    apartment: str
    postal_code: str
    is_serviceable: bool
    domains: tuple[str, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Address:
        return cls(
            id=int(data["id"]),
            label=str(data["label"]),
            city_code=str(data["city_code"]),
            street_name=str(data["street_name"]),
            civic_number=int(data["civic_number"]),
            apartment=str(data.get("apartment") or ""),
            postal_code=str(data.get("postal_code") or ""),
            is_serviceable=bool(data["serviceable"]),
            domains=tuple(data.get("domains") or ()),
        )


@dataclass(frozen=True)
class Blocker:
    """Why the offer cannot be changed now; `code` is stable, `message` is the back's own text.

    `is_overridable`: staff holding `weshop.override` may lift it (WeShop).
    """

    code: str
    message: str
    is_overridable: bool

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Blocker:
        return cls(
            code=str(data["code"]),
            message=str(data.get("message") or ""),
            is_overridable=bool(data.get("is_overridable")),
        )


@dataclass(frozen=True)
class Offer:
    code: str
    name: str
    domains: tuple[str, ...]
    monthly_price: Decimal
    services: tuple[str, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Offer:
        return cls(
            code=str(data["code"]),
            name=str(data["name"]),
            domains=tuple(data.get("domains") or ()),
            monthly_price=money(data.get("monthly_price")),
            services=tuple(str(s["label"]) for s in data.get("basic_services") or ()),
        )


@dataclass(frozen=True)
class CatalogItem:
    """A piece of equipment or an option the offer allows."""

    code: str
    domain: str
    label: str
    monthly_price: Decimal
    one_time_price: Decimal
    buy_price: Decimal | None
    is_required: bool = False
    allows_rent: bool = True
    allows_buy: bool = False
    max_quantity: int = 1
    requires_equipment: str = ""
    reason: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CatalogItem:
        buy = data.get("buy_price")
        return cls(
            code=str(data["code"]),
            domain=str(data.get("domain") or ""),
            label=str(data["label"]),
            monthly_price=money(data.get("monthly_price")),
            one_time_price=money(data.get("one_time_price")),
            buy_price=None if buy is None else money(buy),
            is_required=bool(data.get("is_required", False)),
            allows_rent=bool(data.get("allows_rent", True)),
            allows_buy=bool(data.get("allows_buy", False)),
            max_quantity=int(data.get("max_quantity") or 1),
            requires_equipment=str(data.get("requires_equipment") or ""),
            reason=str(data.get("reason") or ""),
        )


@dataclass(frozen=True)
class OptionList:
    options: tuple[CatalogItem, ...]
    unavailable: tuple[CatalogItem, ...]


@dataclass(frozen=True)
class EquipmentChoice:
    code: str
    acquisition: str
    quantity: int
    serial_numbers: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EquipmentChoice:
        return cls(
            code=str(data["code"]),
            acquisition=str(data.get("acquisition") or "rent"),
            quantity=int(data.get("quantity") or 1),
            serial_numbers=tuple(data.get("serial_numbers") or ()),
        )

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "acquisition": self.acquisition, "quantity": self.quantity}
        if self.serial_numbers:
            body["serial_numbers"] = list(self.serial_numbers)
        return body


@dataclass(frozen=True)
class QuoteLine:
    code: str
    kind: str
    label: str
    quantity: int
    acquisition: str
    monthly: Decimal
    one_time: Decimal


@dataclass(frozen=True)
class Promotion:
    code: str
    name: str
    monthly_reduction: Decimal
    duration_months: int | None


@dataclass(frozen=True)
class PricePeriod:
    from_month: int
    to_month: int | None
    monthly_price: Decimal


@dataclass(frozen=True)
class Quote:
    offer_name: str
    lines: tuple[QuoteLine, ...]
    promotions: tuple[Promotion, ...]
    regular_monthly_price: Decimal
    monthly_price: Decimal
    monthly_price_after_promotions: Decimal
    periods: tuple[PricePeriod, ...]
    one_time_total: Decimal

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Quote:
        return cls(
            offer_name=str((data.get("offer") or {}).get("name") or ""),
            lines=tuple(
                QuoteLine(
                    code=str(line["code"]),
                    kind=str(line["kind"]),
                    label=str(line["label"]),
                    quantity=int(line.get("quantity") or 1),
                    acquisition=str(line.get("acquisition") or ""),
                    monthly=money(line.get("monthly")),
                    one_time=money(line.get("one_time")),
                )
                for line in data.get("lines") or ()
            ),
            promotions=tuple(
                Promotion(
                    code=str(p["code"]),
                    name=str(p["name"]),
                    monthly_reduction=money(p.get("monthly_reduction")),
                    duration_months=p.get("duration_months"),
                )
                for p in data.get("promotions") or ()
            ),
            regular_monthly_price=money(data.get("regular_monthly_price", data.get("monthly_price"))),
            monthly_price=money(data.get("monthly_price")),
            monthly_price_after_promotions=money(data.get("monthly_price_after_promotions")),
            periods=tuple(
                PricePeriod(
                    from_month=int(p["from_month"]),
                    to_month=p.get("to_month"),
                    monthly_price=money(p.get("monthly_price")),
                )
                for p in data.get("periods") or ()
            ),
            one_time_total=money(data.get("one_time_total")),
        )


@dataclass(frozen=True)
class Payment:
    method: str
    status: str
    requirement: str
    amount: Decimal
    last4: str = ""
    brand: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Payment:
        return cls(
            method=str(data.get("method") or ""),
            status=str(data.get("status") or ""),
            requirement=str(data.get("requirement") or ""),
            amount=money(data.get("amount")),
            last4=str(data.get("last4") or ""),
            brand=str(data.get("brand") or ""),
        )

    @property
    def is_challenge_required(self) -> bool:
        return self.status == "challenge_required"


@dataclass(frozen=True)
class Cart:
    """A draft order held by the back: every choice made so far."""

    id: str
    status: str
    step: str
    language: str
    address_id: int | None
    offer_code: str
    offer_domains: tuple[str, ...]
    equipment: tuple[EquipmentChoice, ...]
    options: tuple[str, ...]
    quote: Quote | None
    contact: dict[str, str]
    contact_draft: dict[str, str]
    contact_errors: dict[str, list[str]]
    is_date_of_birth_asked: bool
    install_mode: str
    appointment_day: date | None
    appointment_period: str
    payment: Payment | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Cart:
        appointment = data.get("appointment") or None
        return cls(
            id=str(data["id"]),
            status=str(data["status"]),
            step=str(data["step"]),
            language=str(data.get("language") or ""),
            address_id=data.get("address_id"),
            offer_code=str(data.get("offer_code") or ""),
            offer_domains=tuple(data.get("offer_domains") or ()),
            equipment=tuple(EquipmentChoice.from_json(e) for e in data.get("equipment") or ()),
            options=tuple(data.get("options") or ()),
            quote=Quote.from_json(data["quote"]) if data.get("quote") else None,
            contact={k: str(v) for k, v in (data.get("contact") or {}).items()},
            contact_draft={k: str(v) for k, v in (data.get("contact_draft") or {}).items()},
            contact_errors={k: list(v) for k, v in (data.get("contact_errors") or {}).items()},
            is_date_of_birth_asked=bool(data.get("ask_date_of_birth")),
            install_mode=str(data.get("install_mode") or ""),
            appointment_day=date.fromisoformat(appointment["day"]) if appointment else None,
            appointment_period=str(appointment["period"]) if appointment else "",
            payment=Payment.from_json(data["payment"]) if data.get("payment") else None,
        )

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class CartHandle:
    """What the front session keeps of a cart: its id and its secret, nothing else."""

    id: str
    secret: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "secret": self.secret}

    @classmethod
    def from_json(cls, data: Any) -> CartHandle | None:
        if isinstance(data, dict) and data.get("id") and data.get("secret"):
            return cls(id=str(data["id"]), secret=str(data["secret"]))
        return None


@dataclass(frozen=True)
class Slot:
    day: date
    period: str
    available: int

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        return cls(
            day=date.fromisoformat(data["day"]), period=str(data["period"]), available=int(data["available"])
        )

    @property
    def value(self) -> str:
        return f"{self.day.isoformat()}|{self.period}"


@dataclass(frozen=True)
class SlotList:
    install_modes: tuple[str, ...]
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class PaymentOptions:
    requirement_by_method: dict[str, str]
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class Order:
    id: str
    status: str
    customer_number: str
    offer_code: str
    monthly_price: Decimal
    one_time_total: Decimal
    install_mode: str
    appointment_day: date | None
    appointment_period: str
    letters: tuple[str, ...] = field(default=())

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Order:
        appointment = data.get("appointment") or None
        return cls(
            id=str(data["id"]),
            status=str(data["status"]),
            customer_number=str(data.get("customer_number") or ""),
            offer_code=str(data.get("offer_code") or ""),
            monthly_price=money(data.get("monthly_price")),
            one_time_total=money(data.get("one_time_total")),
            install_mode=str(data.get("install_mode") or ""),
            appointment_day=date.fromisoformat(appointment["day"]) if appointment else None,
            appointment_period=str(appointment.get("period") or "") if appointment else "",
            letters=tuple(data.get("letters") or ()),
        )
