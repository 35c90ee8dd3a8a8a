"""Orders: carts (draft orders), confirmed orders with their outbox, case-file events, sandbox payments."""

from __future__ import annotations

import uuid

from django.db import models


class SandboxCard(models.Model):
    """A card tokenized by the sandbox payment gateway (never the number nor the CVC)."""

    token = models.CharField(max_length=40, primary_key=True)
    last4 = models.CharField(max_length=4)
    brand = models.CharField(max_length=20)
    expiry_month = models.PositiveSmallIntegerField()
    expiry_year = models.PositiveSmallIntegerField()
    holder_name = models.CharField(max_length=100)
    behaviour = models.CharField(max_length=30)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.brand} ****{self.last4}"


class SandboxCharge(models.Model):
    """A charge made by the sandbox payment gateway."""

    charge_id = models.CharField(max_length=40, primary_key=True)
    token = models.CharField(max_length=40, db_index=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=20)
    is_capture = models.BooleanField(default=True)
    reference = models.CharField(max_length=100, blank=True)
    challenge_id = models.CharField(max_length=40, null=True, blank=True, unique=True)
    amount_refunded = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.charge_id} {self.amount} {self.currency} {self.status}"


class SandboxRefund(models.Model):
    """A refund made by the sandbox payment gateway."""

    refund_id = models.CharField(max_length=40, primary_key=True)
    charge_id = models.CharField(max_length=40, db_index=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.refund_id} {self.amount}"


class CartStep(models.TextChoices):
    """The SelfShop steps, in order."""

    CREATED = "created", "Created"
    ADDRESS = "address", "Address"
    OFFER = "offer", "Offer"
    EQUIPMENT = "equipment", "Equipment"
    OPTIONS = "options", "Options"
    DIRECTORY = "directory", "Directory listing"
    SUMMARY = "summary", "Summary"
    CONTACT = "contact", "Contact details"
    APPOINTMENT = "appointment", "Appointment"
    PAYMENT = "payment", "Payment"
    CONFIRMED = "confirmed", "Confirmed"


STEP_ORDER = [choice.value for choice in CartStep]


class CartStatus(models.TextChoices):
    OPEN = "open", "Open"
    CONFIRMED = "confirmed", "Confirmed"
    ABANDONED = "abandoned", "Abandoned"
    CANCELLED = "cancelled", "Cancelled"


class Cart(models.Model):
    """A draft order: every choice and entry of a sale, kept in the back so nothing typed is lost.

    The cart belongs to the identity that created it and to the holder of its secret (only its
    SHA-256 is stored); anyone else gets a 404.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    secret_hash = models.CharField(max_length=64)
    owner_identity = models.CharField(max_length=120)
    channel = models.CharField(max_length=20)
    sale_type = models.CharField(max_length=12, default="new")
    customer_number = models.CharField(max_length=20, blank=True, default="")
    language = models.CharField(max_length=5, default="fr")
    status = models.CharField(max_length=10, choices=CartStatus.choices, default=CartStatus.OPEN)
    step = models.CharField(max_length=12, choices=CartStep.choices, default=CartStep.CREATED)
    address_id = models.IntegerField(null=True, blank=True)
    zone_code = models.CharField(max_length=10, blank=True, default="")
    offer_code = models.CharField(max_length=40, blank=True, default="")
    offer_domains = models.JSONField(default=list, blank=True)
    equipment = models.JSONField(default=list, blank=True)
    options = models.JSONField(default=list, blank=True)
    quote_id = models.CharField(max_length=36, blank=True, default="")
    quote = models.JSONField(default=dict, blank=True)
    contact = models.JSONField(default=dict, blank=True)
    contact_draft = models.JSONField(default=dict, blank=True)
    contact_errors = models.JSONField(default=dict, blank=True)
    install_mode = models.CharField(max_length=12, blank=True, default="")
    appointment_day = models.DateField(null=True, blank=True)
    appointment_period = models.CharField(max_length=2, blank=True, default="")
    payment = models.JSONField(default=dict, blank=True)
    rules_outcome = models.JSONField(default=dict, blank=True)
    step_times = models.JSONField(default=dict, blank=True)
    # Changes for existing customers (MyShop, WeShop) and staff sales.
    is_change = models.BooleanField(default=False)
    is_file_locked = models.BooleanField(default=False)
    change = models.JSONField(default=dict, blank=True)
    staff_code = models.CharField(max_length=40, blank=True, default="")
    store_code = models.CharField(max_length=40, blank=True, default="")
    override = models.JSONField(default=dict, blank=True)
    discount = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "updated_at"], name="orders_cart_status_updated"),
            models.Index(fields=["is_file_locked", "status"], name="orders_cart_locked_status"),
        ]

    def __str__(self) -> str:
        return f"cart {self.id} ({self.step})"


class AppointmentHold(models.Model):
    """A place a cart holds in an appointment slot until its order is booked in Pro-Cable."""

    cart = models.OneToOneField(Cart, on_delete=models.CASCADE, related_name="hold")
    zone_code = models.CharField(max_length=10)
    day = models.DateField()
    period = models.CharField(max_length=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["zone_code", "day", "period"], name="orders_hold_slot")]

    def __str__(self) -> str:
        return f"{self.zone_code} {self.day} {self.period}"


class OrderStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    SUBMITTED = "submitted", "Submitted"
    REJECTED = "rejected", "Rejected"


class Order(models.Model):
    """A confirmed order, written once per cart (the unique cart makes a second confirm impossible).

    `submission` keeps the Pro-Cable references of each step done (customer number, services,
    work orders, letters, appointment) so a retried submission never redoes a step.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cart = models.OneToOneField(Cart, on_delete=models.PROTECT, related_name="order")
    owner_identity = models.CharField(max_length=120)
    channel = models.CharField(max_length=20)
    sale_type = models.CharField(max_length=12)
    language = models.CharField(max_length=5)
    status = models.CharField(max_length=10, choices=OrderStatus.choices, default=OrderStatus.RECEIVED)
    status_reason = models.CharField(max_length=300, blank=True, default="")
    customer_number = models.CharField(max_length=20, blank=True, default="")
    address_id = models.IntegerField()
    zone_code = models.CharField(max_length=10, blank=True, default="")
    offer_code = models.CharField(max_length=40)
    equipment = models.JSONField(default=list)
    options = models.JSONField(default=list)
    quote_id = models.CharField(max_length=36)
    quote = models.JSONField(default=dict)
    contact = models.JSONField(default=dict)
    install_mode = models.CharField(max_length=12)
    appointment_day = models.DateField(null=True, blank=True)
    appointment_period = models.CharField(max_length=2, blank=True, default="")
    payment = models.JSONField(default=dict)
    rules_outcome = models.JSONField(default=dict)
    submission = models.JSONField(default=dict)
    attempts = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True, default="")
    submitted_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    is_change = models.BooleanField(default=False)
    change = models.JSONField(default=dict, blank=True)
    staff_code = models.CharField(max_length=40, blank=True, default="")
    store_code = models.CharField(max_length=40, blank=True, default="")
    override = models.JSONField(default=dict, blank=True)
    discount = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="orders_order_status_created"),
            models.Index(fields=["customer_number", "created_at"], name="orders_order_customer"),
            models.Index(fields=["staff_code", "created_at"], name="orders_order_staff"),
        ]

    def __str__(self) -> str:
        return f"order {self.id} ({self.status})"


class OutboxMessage(models.Model):
    """A piece of work to hand to Pro-Cable, written in the same transaction as its order."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="outbox")
    kind = models.CharField(max_length=20, default="order_submit")
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["order", "kind"], name="orders_outbox_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.order_id}"


class CaseFileEventKind(models.TextChoices):
    SUCCESSFUL = "successful", "Successful"
    REJECTED = "rejected", "Rejected"
    ABANDONED = "abandoned", "Abandoned"
    OVERRIDE = "override", "Blocking reason overridden"


class CaseFileEvent(models.Model):
    """The outcome of one sale: successful, rejected or abandoned, with the steps reached and their times."""

    cart_id = models.UUIDField()
    order_id = models.UUIDField(null=True, blank=True)
    kind = models.CharField(max_length=12, choices=CaseFileEventKind.choices)
    channel = models.CharField(max_length=20)
    sale_type = models.CharField(max_length=12)
    offer_code = models.CharField(max_length=40, blank=True, default="")
    last_step = models.CharField(max_length=12)
    steps_reached = models.JSONField(default=list)
    step_times = models.JSONField(default=dict)
    duration_seconds = models.PositiveIntegerField(default=0)
    reason = models.CharField(max_length=300, blank=True, default="")
    actor = models.CharField(max_length=120, blank=True, default="")
    customer_number = models.CharField(max_length=20, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["cart_id", "kind"], name="orders_event_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.cart_id}"
