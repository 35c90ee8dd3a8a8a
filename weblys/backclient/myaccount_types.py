"""Frozen dataclasses of MyAccount (a logged-in customer's own file), each built by `from_json`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .parsing import day_of, instant, money, strings


@dataclass(frozen=True)
class Customer:
    """The customer file as Pro-Cable holds it (contact part)."""

    number: str
    first_name: str
    last_name: str
    company_name: str
    email: str
    phones: tuple[str, ...]
    language: str
    customer_type: str
    status: str
    collection_status: str
    is_locked: bool
    postal_code: str

    @property
    def display_name(self) -> str:
        return self.company_name or f"{self.first_name} {self.last_name}".strip()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Customer:
        return cls(
            number=str(data["number"]),
            first_name=str(data.get("first_name") or ""),
            last_name=str(data.get("last_name") or ""),
            company_name=str(data.get("company_name") or ""),
            email=str(data.get("email") or ""),
            phones=strings(data.get("phones")),
            language=str(data.get("language") or ""),
            customer_type=str(data.get("customer_type") or ""),
            status=str(data.get("status") or ""),
            collection_status=str(data.get("collection_status") or ""),
            is_locked=bool(data.get("is_locked")),
            postal_code=str(data.get("postal_code") or ""),
        )


@dataclass(frozen=True)
class SubscribedService:
    service_code: str
    label: str
    domain: str
    kind: str
    quantity: int
    monthly_price: Decimal
    started_on: date | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SubscribedService:
        return cls(
            service_code=str(data["service_code"]),
            label=str(data.get("label") or data["service_code"]),
            domain=str(data.get("domain") or ""),
            kind=str(data.get("kind") or ""),
            quantity=int(data.get("quantity") or 1),
            monthly_price=money(data.get("monthly_price")),
            started_on=day_of(data.get("started_on")),
        )


@dataclass(frozen=True)
class Equipment:
    serial_number: str
    service_code: str
    label: str
    ownership: str
    assigned_on: date | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Equipment:
        return cls(
            serial_number=str(data["serial_number"]),
            service_code=str(data.get("service_code") or ""),
            label=str(data.get("label") or data.get("service_code") or ""),
            ownership=str(data.get("ownership") or ""),
            assigned_on=day_of(data.get("assigned_on")),
        )


@dataclass(frozen=True)
class Commitment:
    service_code: str
    label: str
    started_on: date | None
    ends_on: date | None
    early_termination_fee: Decimal
    is_running: bool

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Commitment:
        return cls(
            service_code=str(data["service_code"]),
            label=str(data.get("label") or data["service_code"]),
            started_on=day_of(data.get("started_on")),
            ends_on=day_of(data.get("ends_on")),
            early_termination_fee=money(data.get("early_termination_fee")),
            is_running=bool(data.get("is_running", True)),
        )


@dataclass(frozen=True)
class Balance:
    balance: Decimal
    collection_status: str
    overdue_amount: Decimal
    last_payment_on: date | None

    @property
    def is_due(self) -> bool:
        return self.balance > 0

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Balance:
        return cls(
            balance=money(data.get("balance")),
            collection_status=str(data.get("collection_status") or "none"),
            overdue_amount=money(data.get("overdue_amount")),
            last_payment_on=day_of(data.get("last_payment_on")),
        )


@dataclass(frozen=True)
class PaymentMethod:
    """How the monthly bill is paid (bank account and card masked)."""

    method: str
    bank_institution: str
    bank_transit: str
    bank_account_last4: str
    card_brand: str
    card_last4: str
    card_expiry: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PaymentMethod:
        return cls(
            method=str(data.get("method") or "bill"),
            bank_institution=str(data.get("bank_institution") or ""),
            bank_transit=str(data.get("bank_transit") or ""),
            bank_account_last4=str(data.get("bank_account_last4") or ""),
            card_brand=str(data.get("card_brand") or ""),
            card_last4=str(data.get("card_last4") or ""),
            card_expiry=str(data.get("card_expiry") or ""),
        )


@dataclass(frozen=True)
class WorkOrder:
    number: str
    code: str
    category: str
    status: str
    expected_on: date | None
    note: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WorkOrder:
        return cls(
            number=str(data["number"]),
            code=str(data.get("code") or ""),
            category=str(data.get("category") or ""),
            status=str(data.get("status") or ""),
            expected_on=day_of(data.get("expected_on")),
            note=str(data.get("note") or ""),
        )


@dataclass(frozen=True)
class Appointment:
    id: int
    zone_code: str
    day: date
    period: str
    status: str
    work_order_number: str
    is_changeable: bool

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Appointment:
        return cls(
            id=int(data["id"]),
            zone_code=str(data.get("zone_code") or ""),
            day=date.fromisoformat(str(data["day"])[:10]),
            period=str(data.get("period") or ""),
            status=str(data.get("status") or ""),
            work_order_number=str(data.get("work_order_number") or ""),
            is_changeable=bool(data.get("is_changeable")),
        )


@dataclass(frozen=True)
class Slot:
    day: date
    period: str
    available: int

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        return cls(
            day=date.fromisoformat(str(data["day"])[:10]),
            period=str(data["period"]),
            available=int(data.get("available") or 0),
        )


@dataclass(frozen=True)
class LoginSummary:
    personal_login_id: str
    last_login_at: datetime | None
    password_changed_at: datetime | None

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> LoginSummary:
        data = data or {}
        return cls(
            personal_login_id=str(data.get("personal_login_id") or ""),
            last_login_at=instant(data.get("last_login_at")),
            password_changed_at=instant(data.get("password_changed_at")),
        )


@dataclass(frozen=True)
class PendingOrder:
    """An order still to happen on the file, e.g. a change of offer made in MyShop."""

    id: str
    offer_code: str
    sale_type: str
    is_change: bool
    status: str
    expected_on: date | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PendingOrder:
        return cls(
            id=str(data["id"]),
            offer_code=str(data.get("offer_code") or ""),
            sale_type=str(data.get("sale_type") or ""),
            is_change=bool(data.get("is_change")),
            status=str(data.get("status") or ""),
            expected_on=day_of(data.get("expected_on")),
        )


@dataclass(frozen=True)
class AccountSummary:
    """Everything the account page shows, in one back call."""

    customer: Customer
    address_label: str
    services: tuple[SubscribedService, ...]
    monthly_total: Decimal
    equipment: tuple[Equipment, ...]
    commitments: tuple[Commitment, ...]
    balance: Balance
    payment_method: PaymentMethod
    open_work_orders: tuple[WorkOrder, ...]
    upcoming_appointments: tuple[Appointment, ...]
    login: LoginSummary
    pending_orders: tuple[PendingOrder, ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AccountSummary:
        address = data.get("address") or {}
        return cls(
            customer=Customer.from_json(data["customer"]),
            address_label=str(address.get("label") or ""),
            services=tuple(SubscribedService.from_json(s) for s in data.get("services") or ()),
            monthly_total=money(data.get("monthly_total")),
            equipment=tuple(Equipment.from_json(e) for e in data.get("equipment") or ()),
            commitments=tuple(Commitment.from_json(c) for c in data.get("commitments") or ()),
            balance=Balance.from_json(data.get("balance") or {}),
            payment_method=PaymentMethod.from_json(data.get("payment_method") or {}),
            open_work_orders=tuple(WorkOrder.from_json(w) for w in data.get("open_work_orders") or ()),
            upcoming_appointments=tuple(
                Appointment.from_json(a) for a in data.get("upcoming_appointments") or ()
            ),
            login=LoginSummary.from_json(data.get("login")),
            pending_orders=tuple(PendingOrder.from_json(o) for o in data.get("pending_orders") or ()),
        )


@dataclass(frozen=True)
class InvoiceLine:
    service_code: str
    label: str
    quantity: int
    unit_price: Decimal
    amount: Decimal

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InvoiceLine:
        return cls(
            service_code=str(data.get("service_code") or ""),
            label=str(data.get("label") or data.get("service_code") or ""),
            quantity=int(data.get("quantity") or 1),
            unit_price=money(data.get("unit_price")),
            amount=money(data.get("amount")),
        )


@dataclass(frozen=True)
class Invoice:
    id: int
    number: str
    issued_on: date | None
    due_on: date | None
    period_start: date | None
    period_end: date | None
    subtotal: Decimal
    taxes: Decimal
    total: Decimal
    is_paid: bool
    lines: tuple[InvoiceLine, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Invoice:
        return cls(
            id=int(data["id"]),
            number=str(data["number"]),
            issued_on=day_of(data.get("issued_on")),
            due_on=day_of(data.get("due_on")),
            period_start=day_of(data.get("period_start")),
            period_end=day_of(data.get("period_end")),
            subtotal=money(data.get("subtotal")),
            taxes=money(data.get("taxes")),
            total=money(data.get("total")),
            is_paid=bool(data.get("is_paid")),
            lines=tuple(InvoiceLine.from_json(line) for line in data.get("lines") or ()),
        )


@dataclass(frozen=True)
class UsageTotal:
    """Usage of one kind (data, voice, sms, ppv) over a period, or over one month when `month` is set."""

    kind: str
    unit: str
    quantity: Decimal
    amount: Decimal
    month: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> UsageTotal:
        return cls(
            kind=str(data["kind"]),
            unit=str(data.get("unit") or ""),
            quantity=money(data.get("quantity")),
            amount=money(data.get("amount")),
            month=str(data.get("month") or ""),
        )


@dataclass(frozen=True)
class UsageEntry:
    kind: str
    recorded_on: date | None
    quantity: Decimal
    unit: str
    amount: Decimal

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> UsageEntry:
        return cls(
            kind=str(data["kind"]),
            recorded_on=day_of(data.get("recorded_on")),
            quantity=money(data.get("quantity")),
            unit=str(data.get("unit") or ""),
            amount=money(data.get("amount")),
        )


@dataclass(frozen=True)
class Usage:
    since: date
    until: date
    totals: tuple[UsageTotal, ...]
    by_month: tuple[UsageTotal, ...]
    records: tuple[UsageEntry, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Usage:
        return cls(
            since=date.fromisoformat(str(data["since"])[:10]),
            until=date.fromisoformat(str(data["until"])[:10]),
            totals=tuple(UsageTotal.from_json(t) for t in data.get("totals") or ()),
            by_month=tuple(UsageTotal.from_json(m) for m in data.get("by_month") or ()),
            records=tuple(UsageEntry.from_json(r) for r in data.get("records") or ()),
        )


@dataclass(frozen=True)
class Payment:
    """A payment recorded in Pro-Cable."""

    id: int
    paid_on: date | None
    amount: Decimal
    method: str
    reference: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Payment:
        return cls(
            id=int(data["id"]),
            paid_on=day_of(data.get("paid_on")),
            amount=money(data.get("amount")),
            method=str(data.get("method") or ""),
            reference=str(data.get("reference") or ""),
        )


@dataclass(frozen=True)
class OnlinePayment:
    """A card payment made in MyAccount: challenge_required, recorded, declined or refunded."""

    id: int
    invoice_id: int | None
    amount: Decimal
    status: str
    created_at: datetime | None

    @property
    def is_challenge_required(self) -> bool:
        return self.status == "challenge_required"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OnlinePayment:
        invoice_id = data.get("invoice_id")
        return cls(
            id=int(data["id"]),
            invoice_id=int(invoice_id) if invoice_id is not None else None,
            amount=money(data.get("amount")),
            status=str(data.get("status") or ""),
            created_at=instant(data.get("created_at")),
        )


@dataclass(frozen=True)
class PaymentHistory:
    payments: tuple[Payment, ...]
    online_payments: tuple[OnlinePayment, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PaymentHistory:
        return cls(
            payments=tuple(Payment.from_json(p) for p in data.get("payments") or ()),
            online_payments=tuple(OnlinePayment.from_json(p) for p in data.get("online_payments") or ()),
        )


@dataclass(frozen=True)
class CardToken:
    """A tokenized card: the only card data the front ever holds (and only for one request)."""

    token: str
    brand: str
    last4: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CardToken:
        return cls(
            token=str(data["token"]), brand=str(data.get("brand") or ""), last4=str(data.get("last4") or "")
        )


@dataclass(frozen=True)
class Consent:
    topic: str
    label: str
    is_granted: bool
    changed_at: datetime | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Consent:
        return cls(
            topic=str(data["topic"]),
            label=str(data.get("label") or data["topic"]),
            is_granted=bool(data.get("is_granted")),
            changed_at=instant(data.get("changed_at")),
        )


@dataclass(frozen=True)
class RetainedData:
    data: str
    reason: str


@dataclass(frozen=True)
class ErasureRequest:
    id: int
    status: str
    reason: str
    retained: tuple[RetainedData, ...]
    created_at: datetime | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ErasureRequest:
        return cls(
            id=int(data["id"]),
            status=str(data.get("status") or ""),
            reason=str(data.get("reason") or ""),
            retained=tuple(
                RetainedData(data=str(r.get("data") or ""), reason=str(r.get("reason") or ""))
                for r in data.get("retained") or ()
            ),
            created_at=instant(data.get("created_at")),
        )


@dataclass(frozen=True)
class EasySwitchSummary:
    """What a transfer to another operator ends and costs."""

    customer_status: str
    services_ending: tuple[SubscribedService, ...]
    commitments_ending: tuple[Commitment, ...]
    equipment_to_return: tuple[Equipment, ...]
    early_termination_fees: Decimal
    balance: Decimal

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EasySwitchSummary:
        return cls(
            customer_status=str(data.get("customer_status") or ""),
            services_ending=tuple(SubscribedService.from_json(s) for s in data.get("services_ending") or ()),
            commitments_ending=tuple(Commitment.from_json(c) for c in data.get("commitments_ending") or ()),
            equipment_to_return=tuple(Equipment.from_json(e) for e in data.get("equipment_to_return") or ()),
            early_termination_fees=money(data.get("early_termination_fees")),
            balance=money(data.get("balance")),
        )


@dataclass(frozen=True)
class EasySwitchRequest:
    id: int
    switch_code: str
    receiving_operator: str
    status: str
    created_at: datetime | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EasySwitchRequest:
        return cls(
            id=int(data["id"]),
            switch_code=str(data["switch_code"]),
            receiving_operator=str(data.get("receiving_operator") or ""),
            status=str(data.get("status") or ""),
            created_at=instant(data.get("created_at")),
        )


@dataclass(frozen=True)
class EasySwitch:
    summary: EasySwitchSummary
    requests: tuple[EasySwitchRequest, ...]

    @property
    def pending(self) -> EasySwitchRequest | None:
        return next((r for r in self.requests if r.status == "pending"), None)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EasySwitch:
        return cls(
            summary=EasySwitchSummary.from_json(data.get("summary") or {}),
            requests=tuple(EasySwitchRequest.from_json(r) for r in data.get("requests") or ()),
        )


@dataclass(frozen=True)
class ContactMessage:
    id: int
    subject: str
    message: str
    is_handled: bool
    created_at: datetime | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ContactMessage:
        return cls(
            id=int(data["id"]),
            subject=str(data.get("subject") or ""),
            message=str(data.get("message") or ""),
            is_handled=bool(data.get("is_handled")),
            created_at=instant(data.get("created_at")),
        )


@dataclass(frozen=True)
class ChangeOfferCheck:
    """Whether "Change my offer" may open MyShop; `blockers` are the stable codes of why not."""

    is_allowed: bool
    blockers: tuple[str, ...]
    current_offer_name: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeOfferCheck:
        offer = data.get("current_offer") or {}
        return cls(
            is_allowed=bool(data.get("is_allowed")),
            blockers=tuple(str(r["code"]) for r in data.get("reasons") or ()),
            current_offer_name=str(offer.get("name") or ""),
        )


@dataclass(frozen=True)
class Document:
    """A file the back produced (invoice PDF, data export), streamed through to the browser."""

    content_type: str
    disposition: str
    chunks: Any  # an iterator of bytes that closes the back response when exhausted or closed
