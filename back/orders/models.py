"""Orders: carts (draft orders), confirmed orders with their outbox, case-file events, sandbox payments."""

from __future__ import annotations

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
