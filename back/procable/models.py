"""The embedded reference Pro-Cable: a small BSS in the `procable` database.

Only the embedded adapter (`back.procable.embedded`) and the demo seeder touch these models; the rest
of Weblys goes through the gateway port. Indexes are chosen for millions of customers and addresses:
customer by number, last name (+ postal code), street; address by city / street / civic number.
Services are referred to by their code (`service_code` columns), as in Pro-Cable.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class City(models.Model):
    """A city the operator knows addresses in."""

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=100)
    province = models.CharField(max_length=2, default="QC")

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")

    def __str__(self) -> str:
        return self.name


class Zone(models.Model):
    """A CDZ: the technician dispatch zone an address belongs to."""

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=100)
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="zones")

    def __str__(self) -> str:
        return self.code


class Cmts(models.Model):
    """A CMTS (cable network node) serving addresses of one zone."""

    code = models.CharField(max_length=20, unique=True)
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="cmts_nodes")

    def __str__(self) -> str:
        return self.code


class Street(models.Model):
    """A street of a city. `name_key` is the lower-cased, unaccented name used for prefix searches."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="streets")
    name = models.CharField(max_length=120)
    name_key = models.CharField(max_length=120, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["city", "name_key"], name="procable_street_city_key")]

    def __str__(self) -> str:
        return self.name


class Address(models.Model):
    """One dwelling: civic number (+ apartment) on a street, with its network data.

    `domains` and `technologies` are comma-separated sorted codes ("INT,MOB,TV"); an address that is
    not serviceable has none.
    """

    street = models.ForeignKey(Street, on_delete=models.PROTECT, related_name="addresses")
    civic_number = models.PositiveIntegerField()
    apartment = models.CharField(max_length=10, blank=True, default="")
    postal_code = models.CharField(max_length=7, db_index=True)
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    cmts = models.ForeignKey(Cmts, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    serviceable = models.BooleanField(default=True)
    domains = models.CharField(max_length=20, blank=True, default="")
    technologies = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["street", "civic_number", "apartment"], name="procable_address_unique_dwelling"
            )
        ]

    def __str__(self) -> str:
        return f"{self.civic_number} {self.apartment}".strip()


class Service(models.Model):
    """A Pro-Cable service code (basic service, option, equipment, fee, deposit)."""

    code = models.CharField(max_length=20, unique=True)
    domain = models.CharField(max_length=5)
    kind = models.CharField(max_length=12)
    label_en = models.CharField(max_length=120)
    label_fr = models.CharField(max_length=120)
    buy_price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ServicePrice(models.Model):
    """A service's price over a period; `valid_to` is exclusive, None while current."""

    service = models.ForeignKey(
        Service, to_field="code", db_column="service_code", on_delete=models.CASCADE, related_name="prices"
    )
    monthly_price = models.DecimalField(max_digits=10, decimal_places=2)
    one_time_price = models.DecimalField(max_digits=10, decimal_places=2)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["service", "valid_from"], name="procable_price_service_from")]

    def __str__(self) -> str:
        return f"{self.service_id} {self.valid_from}"


class Counter(models.Model):
    """A named number sequence (customer numbers, work orders, invoices) taken under a row lock."""

    name = models.CharField(max_length=30, unique=True)
    value = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class Customer(models.Model):
    """A customer file. `last_name_key`, `postal_code` and `street` are denormalised for indexed searches.

    `street` is the street of the service address (`address.street`), kept in step by every write that
    sets `address` (creation, move) so a search by street reads the index `(street, number)` only.
    """

    class Type(models.TextChoices):
        RESIDENTIAL = "RES", _("Residential")
        BUSINESS = "BUS", _("Business")
        EMPLOYEE = "EMP", _("Employee")
        VIP = "VIP", _("VIP")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.CharField(max_length=12, unique=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=80)
    last_name_key = models.CharField(max_length=80, db_index=True)
    company_name = models.CharField(max_length=120, blank=True, default="")
    email = models.CharField(max_length=254, blank=True, default="")
    phone_home = models.CharField(max_length=20, blank=True, default="")
    phone_mobile = models.CharField(max_length=20, blank=True, default="")
    language = models.CharField(max_length=2, default="fr")
    customer_type = models.CharField(max_length=3, choices=Type.choices, default=Type.RESIDENTIAL)
    group_code = models.CharField(max_length=10, default="RG")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    collection_status = models.CharField(max_length=12, default="none")
    address = models.ForeignKey(
        Address, on_delete=models.PROTECT, null=True, blank=True, related_name="customers"
    )
    billing_address = models.ForeignKey(
        Address, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    postal_code = models.CharField(max_length=7, blank=True, default="")
    street = models.ForeignKey(
        Street, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    balance = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    is_locked = models.BooleanField(default=False)
    lock_reason = models.CharField(max_length=200, blank=True, default="")
    locked_by = models.CharField(max_length=60, blank=True, default="")
    locked_at = models.DateTimeField(null=True, blank=True)
    payment_method = models.CharField(max_length=4, default="bill")
    bank_institution = models.CharField(max_length=3, blank=True, default="")
    bank_transit = models.CharField(max_length=5, blank=True, default="")
    bank_account = models.CharField(max_length=12, blank=True, default="")
    card_token = models.CharField(max_length=64, blank=True, default="")
    card_brand = models.CharField(max_length=20, blank=True, default="")
    card_last4 = models.CharField(max_length=4, blank=True, default="")
    card_expiry = models.CharField(max_length=5, blank=True, default="")
    created_on = models.DateField(default=timezone.localdate)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["postal_code", "last_name_key"], name="procable_cust_postal_name"),
            models.Index(fields=["street", "number"], name="procable_cust_street_number"),
        ]

    def __str__(self) -> str:
        return self.number


class CustomerService(models.Model):
    """A service on a customer's account; ended services keep `ended_on`."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="services")
    service = models.ForeignKey(Service, to_field="code", db_column="service_code", on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField(default=1)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    monthly_price = models.DecimalField(max_digits=10, decimal_places=2)

    def __str__(self) -> str:
        return f"{self.customer_id}:{self.service_id}"


class Equipment(models.Model):
    """A piece of equipment by serial number: in stock, assigned (rented or bought) or returned."""

    serial_number = models.CharField(max_length=30, unique=True)
    service = models.ForeignKey(Service, to_field="code", db_column="service_code", on_delete=models.PROTECT)
    status = models.CharField(max_length=10, default="stock")
    ownership = models.CharField(max_length=4, blank=True, default="")
    customer = models.ForeignKey(
        Customer, on_delete=models.SET_NULL, null=True, blank=True, related_name="equipment"
    )
    assigned_on = models.DateField(null=True, blank=True)
    returned_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.serial_number


class Commitment(models.Model):
    """A contract on a service with its end date and early termination fee."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="commitments")
    service = models.ForeignKey(Service, to_field="code", db_column="service_code", on_delete=models.PROTECT)
    started_on = models.DateField()
    ends_on = models.DateField()
    early_termination_fee = models.DecimalField(max_digits=10, decimal_places=2)

    def __str__(self) -> str:
        return f"{self.customer_id}:{self.service_id}→{self.ends_on}"


class PhoneNumber(models.Model):
    """A fixed phone number with options (comma-separated service codes), portability and directory."""

    number = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="phone_numbers")
    options = models.CharField(max_length=100, blank=True, default="")
    is_ported = models.BooleanField(default=False)
    ported_from = models.CharField(max_length=60, blank=True, default="")
    portability_status = models.CharField(max_length=10, default="none")
    directory_listed = models.BooleanField(default=False)
    directory_name = models.CharField(max_length=120, blank=True, default="")

    def __str__(self) -> str:
        return self.number


class MobileLine(models.Model):
    """A mobile (MVNO) line."""

    msisdn = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="mobile_lines")
    plan_code = models.CharField(max_length=20)
    sim_serial = models.CharField(max_length=30)
    status = models.CharField(max_length=10, default="active")
    activated_on = models.DateField()

    def __str__(self) -> str:
        return self.msisdn


class MobileTransaction(models.Model):
    """Something that happened on a mobile line (activation, plan change, roaming, SIM swap...)."""

    line = models.ForeignKey(MobileLine, on_delete=models.CASCADE, related_name="transactions")
    kind = models.CharField(max_length=20)
    occurred_at = models.DateTimeField()
    amount = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    description = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["line", "-occurred_at"], name="procable_mobtx_line_at")]

    def __str__(self) -> str:
        return f"{self.line_id}:{self.kind}"


class Invoice(models.Model):
    """A monthly invoice; amounts include Quebec taxes (GST + QST)."""

    number = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="invoices")
    issued_on = models.DateField()
    due_on = models.DateField()
    period_start = models.DateField()
    period_end = models.DateField()
    subtotal = models.DecimalField(max_digits=12, decimal_places=2)
    taxes = models.DecimalField(max_digits=12, decimal_places=2)
    total = models.DecimalField(max_digits=12, decimal_places=2)
    is_paid = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["customer", "-issued_on"], name="procable_invoice_cust_issued")]

    def __str__(self) -> str:
        return self.number


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    service_code = models.CharField(max_length=20)
    label = models.CharField(max_length=120)
    quantity = models.PositiveIntegerField(default=1)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    def __str__(self) -> str:
        return f"{self.invoice_id}:{self.service_code}"


class Usage(models.Model):
    """A usage record: data (GB), voice (minutes), SMS (messages), pay-per-view (events)."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="usage")
    kind = models.CharField(max_length=10)
    recorded_on = models.DateField()
    quantity = models.DecimalField(max_digits=12, decimal_places=2)
    unit = models.CharField(max_length=10)
    amount = models.DecimalField(max_digits=10, decimal_places=2, default=0)

    class Meta:
        indexes = [models.Index(fields=["customer", "-recorded_on"], name="procable_usage_cust_on")]

    def __str__(self) -> str:
        return f"{self.customer_id}:{self.kind}:{self.recorded_on}"


class Payment(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="payments")
    paid_on = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    method = models.CharField(max_length=10)
    reference = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "reference"], name="procable_payment_unique_reference"
            )
        ]

    def __str__(self) -> str:
        return self.reference


class WorkOrder(models.Model):
    """A work order: primary (the main job), secondary (follow-ups) or contract."""

    number = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="work_orders")
    code = models.CharField(max_length=12)
    category = models.CharField(max_length=10)
    status = models.CharField(max_length=6)
    expected_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=200, blank=True, default="")

    def __str__(self) -> str:
        return self.number


class TechnicianCapacity(models.Model):
    """How many appointments technicians can take in one zone for one half-day, and how many are booked."""

    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="capacities")
    day = models.DateField()
    period = models.CharField(max_length=2)
    capacity = models.PositiveIntegerField()
    booked = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["zone", "day", "period"], name="procable_capacity_unique_slot"),
            models.CheckConstraint(
                condition=models.Q(booked__lte=models.F("capacity")), name="procable_capacity_not_overbooked"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zone_id}:{self.day}:{self.period}"


class Appointment(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="appointments")
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    period = models.CharField(max_length=2)
    status = models.CharField(max_length=10, default="booked")
    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.customer_id}:{self.day}:{self.period}"


class Letter(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="letters")
    code = models.CharField(max_length=20)
    language = models.CharField(max_length=2)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.customer_id}:{self.code}"


class Intervention(models.Model):
    """A technician's visit in the customer's history."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="interventions")
    occurred_on = models.DateField()
    kind = models.CharField(max_length=20)
    description = models.CharField(max_length=200)
    technician_code = models.CharField(max_length=20)
    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.customer_id}:{self.occurred_on}:{self.kind}"


class SeedMark(models.Model):
    """Which demo operator the database holds (the seeder skips when seed and scale match)."""

    seed = models.IntegerField()
    customers = models.IntegerField()
    addresses = models.IntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"seed {self.seed}: {self.customers} customers"
