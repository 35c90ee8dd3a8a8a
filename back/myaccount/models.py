"""What MyAccount records beside Pro-Cable (in the `weblys` database): online payments, messages to
customer service, consents, erasure and EasySwitch requests. Customers are referred to by number.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OnlinePayment(models.Model):
    """A card payment made in MyAccount: the charge at the payment gateway and its Pro-Cable record."""

    class Status(models.TextChoices):
        CHALLENGE_REQUIRED = "challenge_required", _("Waiting for the card verification")
        RECORDED = "recorded", _("Paid and recorded in Pro-Cable")
        DECLINED = "declined", _("Declined")
        REFUNDED = "refunded", _("Refunded (Pro-Cable could not record it)")

    customer_number = models.CharField(max_length=20, db_index=True)
    invoice_id = models.BigIntegerField(null=True, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    charge_id = models.CharField(max_length=100, unique=True)
    challenge_id = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    procable_payment_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="myaccount_payment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.customer_number} {self.amount} {self.status}"


class ContactMessage(models.Model):
    """A message from a customer to customer service (listed for staff with `wecare.customers`)."""

    customer_number = models.CharField(max_length=20, db_index=True)
    subject = models.CharField(max_length=150)
    message = models.TextField(max_length=5000)
    is_handled = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.customer_number}: {self.subject}"


class ConsentEvent(models.Model):
    """One grant or withdrawal of a consent; the latest event per topic is the customer's choice."""

    class Topic(models.TextChoices):
        MARKETING_EMAIL = "marketing_email", _("Offers by e-mail")
        MARKETING_SMS = "marketing_sms", _("Offers by text message")
        MARKETING_PHONE = "marketing_phone", _("Offers by phone")
        PARTNER_SHARING = "partner_sharing", _("Sharing with partners")
        USAGE_ANALYTICS = "usage_analytics", _("Usage analytics to improve the service")

    customer_number = models.CharField(max_length=20)
    topic = models.CharField(max_length=30, choices=Topic.choices)
    is_granted = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["customer_number", "topic", "created_at"], name="myaccount_consent_idx")
        ]

    def __str__(self) -> str:
        return f"{self.customer_number} {self.topic}={self.is_granted}"


class ErasureRequest(models.Model):
    """A customer's request to erase personal data, for staff to process within the law."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")

    customer_number = models.CharField(max_length=20, db_index=True)
    reason = models.TextField(max_length=2000, blank=True)
    retained = models.JSONField(default=list, help_text="What the operator must keep, and why.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECEIVED)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.customer_number} erasure {self.status}"


class EasySwitchRequest(models.Model):
    """A transfer of the subscription to another operator: the switch code and what ends, at what cost."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the receiving operator")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    customer_number = models.CharField(max_length=20, db_index=True)
    switch_code = models.CharField(max_length=20, unique=True)
    receiving_operator = models.CharField(max_length=120)
    summary = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.customer_number} {self.switch_code}"
