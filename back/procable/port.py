"""The Pro-Cable gateway port: everything Weblys needs from the operator's BSS, as one typed protocol.

Callers get an adapter with `back.procable.gateway.get_gateway()` and only ever see the frozen
records below. Every method raises only `back.procable.errors` exceptions:

* `ProCableNotFoundError`   — the customer, address, invoice, serial number... does not exist;
* `ProCableConflictError`   — the state forbids it (full appointment slot, locked file, duplicate);
* `ProCableRejectedError`   — a business refusal with a stable `reason` code;
* `ProCableUnavailableError`— Pro-Cable cannot be reached or failed; retry later.

Concerns: customers, addresses, subscriptions, billing, operations (one section each below).
Money is `Decimal`, days are `date`, instants are aware `datetime`. Customer numbers are strings
("100001"); addresses are referred to by their Pro-Cable id (an int).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal, Protocol, runtime_checkable

CustomerType = Literal["RES", "BUS", "EMP", "VIP"]
CustomerStatus = Literal["active", "suspended", "cancelled"]
CollectionStatus = Literal["none", "reminder", "collection"]
PaymentMethodKind = Literal["bill", "pad", "card"]
Ownership = Literal["rent", "buy"]
WorkOrderCategory = Literal["primary", "secondary", "contract"]
SlotPeriod = Literal["AM", "PM"]

# --- Customers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CustomerRecord:
    """A customer file (the header Weblys shows everywhere)."""

    number: str
    first_name: str
    last_name: str
    email: str
    phones: tuple[str, ...]
    language: str  # "fr" | "en"
    customer_type: CustomerType
    group_code: str
    status: CustomerStatus
    collection_status: CollectionStatus
    address_id: int | None
    balance: Decimal
    is_locked: bool
    lock_reason: str
    company_name: str = ""
    postal_code: str = ""
    billing_address_id: int | None = None
    payment_method: PaymentMethodKind = "bill"
    created_on: date | None = None


@dataclass(frozen=True)
class CustomerSummaryRecord:
    """One line of a customer search result."""

    number: str
    first_name: str
    last_name: str
    company_name: str
    customer_type: CustomerType
    status: CustomerStatus
    postal_code: str
    address_id: int | None
    address_label: str


@dataclass(frozen=True)
class CustomerPage:
    """A bounded page of a customer search: `has_next` instead of a count (searches span millions)."""

    results: tuple[CustomerSummaryRecord, ...]
    page: int
    page_size: int
    has_next: bool


@dataclass(frozen=True)
class ServiceCombinationRecord:
    """How many customers of a group code have exactly these current basic services."""

    group_code: str
    service_codes: tuple[str, ...]  # basic service codes, sorted
    customers: int


@dataclass(frozen=True)
class LockRecord:
    """Whether a customer file is locked (by Pro-Cable or an agent), by whom and why."""

    customer_number: str
    is_locked: bool
    reason: str
    locked_by: str
    locked_at: datetime | None


# --- Addresses --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CityRecord:
    code: str
    name: str
    province: str


@dataclass(frozen=True)
class StreetRecord:
    id: int
    city_code: str
    name: str


@dataclass(frozen=True)
class ApartmentRecord:
    """One dwelling at a civic number (the building's apartments; "" for a house)."""

    address_id: int
    apartment: str


@dataclass(frozen=True)
class AddressRecord:
    """A Pro-Cable address with its network data and what can be sold there."""

    id: int
    city_code: str
    city_name: str
    street_name: str
    civic_number: int
    apartment: str
    postal_code: str
    serviceable: bool
    domains: frozenset[str]  # subset of demo_codes.DOMAINS: TV INT TEL MOB
    technologies: frozenset[str]  # HFC FTTH 4G 5G
    zone_code: str  # CDZ
    cmts_code: str

    @property
    def label(self) -> str:
        """One-line postal form: "120-4500 rue Sherbrooke, Montréal H2X 1A1"."""
        number = f"{self.apartment}-{self.civic_number}" if self.apartment else str(self.civic_number)
        return f"{number} {self.street_name}, {self.city_name} {self.postal_code}".strip()


# --- Subscriptions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceRecord:
    """A Pro-Cable service with its price valid today (`valid_from` is that price's start)."""

    code: str
    domain: str
    kind: str  # basic, option, equipment, fee, deposit
    label_en: str
    label_fr: str
    monthly_price: Decimal
    one_time_price: Decimal
    buy_price: Decimal | None
    valid_from: date


@dataclass(frozen=True)
class SubscribedServiceRecord:
    """A service on a customer's account."""

    service_code: str
    domain: str
    kind: str
    quantity: int
    started_on: date
    monthly_price: Decimal
    id: int = 0


@dataclass(frozen=True)
class EquipmentRecord:
    serial_number: str
    service_code: str
    status: str  # stock, assigned, returned
    ownership: Ownership | None
    customer_number: str
    assigned_on: date | None
    returned_on: date | None


@dataclass(frozen=True)
class CommitmentRecord:
    id: int
    service_code: str
    started_on: date
    ends_on: date
    early_termination_fee: Decimal


@dataclass(frozen=True)
class PhoneNumberRecord:
    number: str
    options: tuple[str, ...]
    is_ported: bool
    ported_from: str
    portability_status: str  # none, pending, done
    directory_listed: bool
    directory_name: str


@dataclass(frozen=True)
class MobileLineRecord:
    msisdn: str
    plan_code: str
    sim_serial: str
    status: str  # active, suspended, cancelled
    activated_on: date


@dataclass(frozen=True)
class MobileTransactionRecord:
    id: int
    msisdn: str
    kind: str  # activation, plan_change, roaming, sim_swap, suspension, top_up
    occurred_at: datetime
    amount: Decimal
    description: str


# --- Billing -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InvoiceLineRecord:
    service_code: str
    label: str
    quantity: int
    unit_price: Decimal
    amount: Decimal


@dataclass(frozen=True)
class InvoiceRecord:
    id: int
    number: str
    customer_number: str
    issued_on: date
    due_on: date
    period_start: date
    period_end: date
    subtotal: Decimal
    taxes: Decimal
    total: Decimal
    is_paid: bool
    lines: tuple[InvoiceLineRecord, ...] = field(default=())


@dataclass(frozen=True)
class InvoiceDocumentRecord:
    """Everything an invoice PDF shows: the invoice with lines, who it is for, where, and the balance."""

    invoice: InvoiceRecord
    customer: CustomerRecord
    address: AddressRecord | None
    balance: Decimal


@dataclass(frozen=True)
class UsageRecord:
    id: int
    kind: str  # data (GB), voice (minutes), sms (messages), ppv (events)
    recorded_on: date
    quantity: Decimal
    unit: str
    amount: Decimal


@dataclass(frozen=True)
class BalanceRecord:
    customer_number: str
    balance: Decimal
    collection_status: CollectionStatus
    overdue_amount: Decimal
    last_payment_on: date | None


@dataclass(frozen=True)
class PaymentRecord:
    id: int
    customer_number: str
    paid_on: date
    amount: Decimal
    method: str
    reference: str


@dataclass(frozen=True)
class PaymentMethodRecord:
    """How the customer pays. Bank account and card are only ever shown masked; cards are tokens."""

    method: PaymentMethodKind
    bank_institution: str = ""
    bank_transit: str = ""
    bank_account_last4: str = ""
    card_token: str = ""
    card_brand: str = ""
    card_last4: str = ""
    card_expiry: str = ""  # MM/YY


# --- Operations --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkOrderRecord:
    number: str
    customer_number: str
    code: str  # demo_codes.WORK_ORDER_CODES
    category: WorkOrderCategory
    status: str  # demo_codes.WORK_ORDER_STATUSES
    expected_on: date | None
    completed_on: date | None
    created_at: datetime
    note: str


@dataclass(frozen=True)
class SlotRecord:
    """Technician capacity of one zone for one half-day."""

    zone_code: str
    day: date
    period: SlotPeriod
    capacity: int
    booked: int

    @property
    def available(self) -> int:
        return max(self.capacity - self.booked, 0)


@dataclass(frozen=True)
class AppointmentRecord:
    id: int
    customer_number: str
    zone_code: str
    day: date
    period: SlotPeriod
    status: str  # booked, cancelled, done
    work_order_number: str


@dataclass(frozen=True)
class LetterRecord:
    id: int
    customer_number: str
    code: str  # demo_codes.LETTER_CODES
    language: str
    created_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True)
class InterventionRecord:
    id: int
    customer_number: str
    occurred_on: date
    kind: str  # installation, repair, equipment, move, disconnection
    description: str
    technician_code: str
    work_order_number: str


@runtime_checkable
class ProCableGateway(Protocol):
    """Everything Weblys asks of Pro-Cable. Lists are bounded (`limit`) and ordered as documented."""

    # --- Customers ---------------------------------------------------------------------------------
    def customer_create(
        self,
        *,
        first_name: str,
        last_name: str,
        email: str,
        language: str,
        address_id: int,
        customer_type: CustomerType = "RES",
        group_code: str = "RG",
        phones: tuple[str, ...] = (),
        company_name: str = "",
        password: str | None = None,
        recovery: dict | None = None,
    ) -> CustomerRecord:
        """Create a customer file with the next customer number, and its CUSTOM LOGIN credentials.

        As Pro-Cable's customer-management transaction does, creation also issues the customer's
        password: `password` or a generated one is handed, with `recovery` data (names, e-mail,
        phones by default), to `back.procable.hooks.on_customer_created`. Raises NotFound for an
        unknown address and Rejected (reason `invalid_customer_type` / `invalid_language`).
        """
        ...

    def customer_get(self, customer_number: str) -> CustomerRecord:
        """Read a customer file. Raises ProCableNotFoundError."""
        ...

    def customers_get(self, customer_numbers: list[str]) -> dict[str, CustomerRecord]:
        """Read many customer files at once, by number; unknown numbers are absent from the answer."""
        ...

    def customer_search(
        self,
        *,
        number: str = "",
        last_name: str = "",
        postal_code: str = "",
        street: str = "",
        city_code: str = "",
        page: int = 1,
        page_size: int = 50,
    ) -> CustomerPage:
        """Find customers by number, last name prefix (+ postal code) or street, ordered by number.

        `street` is the start of a street name (any city, or only `city_code`'s); without a city it
        needs at least 2 letters once the street type and articles are left out ("rue de l'É" has one),
        else Rejected (reason `street_prefix_too_short`, field error `street`).
        """
        ...

    def customer_move(self, customer_number: str, *, address_id: int) -> CustomerRecord:
        """Move the customer to another service address (the billing address is kept).

        Raises NotFound (customer or address), Conflict if the file is locked.
        """
        ...

    def service_combinations(self) -> list[ServiceCombinationRecord]:
        """Every (group code, current basic services) combination of the customer base with its customer
        count, by group code then codes. Customers without a current basic service are not counted.
        """
        ...

    def customer_numbers_for_combination(
        self, *, group_code: str, service_codes: tuple[str, ...], limit: int = 20
    ) -> list[str]:
        """Numbers (at most `limit`, ordered as the customer search orders them) of customers of
        `group_code` whose current basic services are exactly `service_codes`."""
        ...

    def customer_update_contact(
        self,
        customer_number: str,
        *,
        email: str | None = None,
        phones: tuple[str, ...] | None = None,
        language: str | None = None,
    ) -> CustomerRecord:
        """Change contact data; None leaves a field as is. Raises NotFound, Conflict if the file is locked."""
        ...

    def customer_update_admin(
        self,
        customer_number: str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        company_name: str | None = None,
        customer_type: CustomerType | None = None,
        group_code: str | None = None,
    ) -> CustomerRecord:
        """Change administrative data (names, type, group code). Raises NotFound, Conflict, Rejected."""
        ...

    def customer_update_billing(
        self, customer_number: str, *, billing_address_id: int | None
    ) -> CustomerRecord:
        """Set the billing address (None: bill at the service address). Raises NotFound, Conflict."""
        ...

    def customer_set_status(
        self, customer_number: str, *, status: CustomerStatus, reason: str = ""
    ) -> CustomerRecord:
        """Suspend, reactivate or cancel. Raises Rejected (`cancelled_is_final`), Conflict if locked."""
        ...

    def customer_lock(self, customer_number: str, *, reason: str, locked_by: str) -> LockRecord:
        """Lock the file so no one else changes it. Raises Conflict if already locked by someone else."""
        ...

    def customer_unlock(self, customer_number: str) -> LockRecord:
        """Unlock the file (harmless when not locked)."""
        ...

    def customer_lock_get(self, customer_number: str) -> LockRecord:
        """Read the lock state of a file."""
        ...

    # --- Addresses ---------------------------------------------------------------------------------
    def city_list(self) -> list[CityRecord]:
        """Every city, by name."""
        ...

    def street_list(self, city_code: str, *, prefix: str = "", limit: int = 200) -> list[StreetRecord]:
        """Streets of a city, by name, optionally starting with `prefix`. Raises NotFound for the city."""
        ...

    def civic_number_list(self, street_id: int) -> list[int]:
        """Civic numbers of a street, ascending. Raises NotFound for the street."""
        ...

    def apartment_list(self, street_id: int, civic_number: int) -> list[ApartmentRecord]:
        """Dwellings at one civic number ("" first for the building itself)."""
        ...

    def address_get(self, address_id: int) -> AddressRecord:
        """One address with CMTS, CDZ zone, technologies, domains and serviceability. Raises NotFound."""
        ...

    def address_search(self, text: str, *, city_code: str = "", limit: int = 10) -> list[AddressRecord]:
        """Autocomplete: "4500 sherb" → addresses on streets starting with "sherb" at number 4500 (max 20)."""
        ...

    # --- Subscriptions -----------------------------------------------------------------------------
    def services_list(self) -> list[ServiceRecord]:
        """Every Pro-Cable service with today's price, by code."""
        ...

    def customer_services(self, customer_number: str) -> list[SubscribedServiceRecord]:
        """Services currently on the account (basic, options, rented equipment), by domain then code."""
        ...

    def service_add(
        self, customer_number: str, *, service_code: str, quantity: int = 1, started_on: date | None = None
    ) -> SubscribedServiceRecord:
        """Add a service at today's price. Raises NotFound, Rejected (`service_not_available`)."""
        ...

    def service_remove(
        self, customer_number: str, *, service_code: str, ended_on: date | None = None
    ) -> None:
        """End a service on the account. Raises NotFound if the account does not have it."""
        ...

    def equipment_list(self, customer_number: str) -> list[EquipmentRecord]:
        """Equipment assigned to (and returned by) the customer, newest first."""
        ...

    def equipment_get(self, serial_number: str) -> EquipmentRecord:
        """Stock lookup by serial number. Raises NotFound."""
        ...

    def equipment_assign(
        self, customer_number: str, *, serial_number: str, ownership: Ownership
    ) -> EquipmentRecord:
        """Give a piece of stock to a customer. Raises NotFound, Conflict if it is not in stock."""
        ...

    def equipment_return(self, serial_number: str) -> EquipmentRecord:
        """Take a piece back into stock. Raises NotFound, Conflict if it is not assigned."""
        ...

    def commitment_list(self, customer_number: str) -> list[CommitmentRecord]:
        """Commitments (contracts) with their end dates, soonest end first."""
        ...

    def phone_number_list(self, customer_number: str) -> list[PhoneNumberRecord]:
        """Fixed phone numbers with options, portability and directory listing."""
        ...

    def phone_number_update(
        self,
        customer_number: str,
        number: str,
        *,
        options: tuple[str, ...] | None = None,
        directory_listed: bool | None = None,
        directory_name: str | None = None,
    ) -> PhoneNumberRecord:
        """Change a number's options or directory listing. Raises NotFound."""
        ...

    def mobile_line_list(self, customer_number: str) -> list[MobileLineRecord]:
        """Mobile (MVNO) lines of the customer."""
        ...

    def mobile_transaction_list(
        self, customer_number: str, msisdn: str, *, limit: int = 100
    ) -> list[MobileTransactionRecord]:
        """Transactions of one mobile line, newest first. Raises NotFound for a line not on the account."""
        ...

    # --- Billing -----------------------------------------------------------------------------------
    def invoice_list(self, customer_number: str, *, limit: int = 24) -> list[InvoiceRecord]:
        """Invoices, newest first, without lines."""
        ...

    def invoice_get(self, customer_number: str, invoice_id: int) -> InvoiceRecord:
        """One invoice with its lines; NotFound unless it belongs to that customer."""
        ...

    def invoice_document(self, customer_number: str, invoice_id: int) -> InvoiceDocumentRecord:
        """The data of an invoice PDF. Raises NotFound as `invoice_get`."""
        ...

    def usage_list(
        self, customer_number: str, *, since: date | None = None, limit: int = 200
    ) -> list[UsageRecord]:
        """Usage records, newest first."""
        ...

    def balance_get(self, customer_number: str) -> BalanceRecord:
        """Balance, overdue amount and collection status."""
        ...

    def payment_record(
        self,
        customer_number: str,
        *,
        amount: Decimal,
        method: str,
        reference: str,
        paid_on: date | None = None,
    ) -> PaymentRecord:
        """Record a payment and lower the balance. `reference` is unique per customer (Conflict if reused)."""
        ...

    def payment_list(self, customer_number: str, *, limit: int = 50) -> list[PaymentRecord]:
        """Payments, newest first."""
        ...

    def payment_method_get(self, customer_number: str) -> PaymentMethodRecord:
        """How the customer pays (masked)."""
        ...

    def payment_method_set(
        self,
        customer_number: str,
        *,
        method: PaymentMethodKind,
        bank_institution: str = "",
        bank_transit: str = "",
        bank_account: str = "",
        card_token: str = "",
        card_brand: str = "",
        card_last4: str = "",
        card_expiry: str = "",
    ) -> PaymentMethodRecord:
        """Set bill, pre-authorised debit (bank details) or card (a token from the payment provider).

        Raises Rejected: `bank_details_required`, `card_token_required`, `card_number_refused` (a token
        that looks like a card number: Pro-Cable never stores one).
        """
        ...

    # --- Operations --------------------------------------------------------------------------------
    def work_order_create(
        self,
        customer_number: str,
        *,
        code: str,
        category: WorkOrderCategory,
        status: str = "PEND",
        expected_on: date | None = None,
        note: str = "",
    ) -> WorkOrderRecord:
        """Open a work order. Raises Rejected (`unknown_work_order_code`, `unknown_work_order_status`)."""
        ...

    def work_order_list(self, customer_number: str, *, limit: int = 50) -> list[WorkOrderRecord]:
        """Work orders, newest first."""
        ...

    def appointment_slots(self, zone_code: str, *, start: date, days: int = 14) -> list[SlotRecord]:
        """Technician capacity per half-day of a zone from `start` for `days` days (max 60)."""
        ...

    def appointment_book(
        self,
        customer_number: str,
        *,
        zone_code: str,
        day: date,
        period: SlotPeriod,
        work_order_number: str = "",
    ) -> AppointmentRecord:
        """Book a slot. Raises NotFound (no capacity defined), ProCableConflictError when the slot is full."""
        ...

    def appointment_reschedule(
        self, customer_number: str, appointment_id: int, *, day: date, period: SlotPeriod
    ) -> AppointmentRecord:
        """Move a booked appointment (frees the old slot). Raises NotFound, Conflict (full / not booked)."""
        ...

    def appointment_cancel(self, customer_number: str, appointment_id: int) -> AppointmentRecord:
        """Cancel a booked appointment and free its slot; cancelling twice is harmless."""
        ...

    def appointment_list(self, customer_number: str, *, limit: int = 50) -> list[AppointmentRecord]:
        """Appointments, latest day first."""
        ...

    def letter_create(self, customer_number: str, *, code: str, language: str | None = None) -> LetterRecord:
        """Queue a letter (demo_codes.LETTER_CODES). Raises Rejected (`unknown_letter_code`)."""
        ...

    def letter_list(self, customer_number: str, *, limit: int = 50) -> list[LetterRecord]:
        """Letters, newest first."""
        ...

    def intervention_list(self, customer_number: str, *, limit: int = 50) -> list[InterventionRecord]:
        """History of technician interventions, newest first."""
        ...
