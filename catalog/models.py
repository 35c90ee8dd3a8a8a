"""CATALOG models: Pro-Cable services and prices, offers and what they are made of, quotes.

Versioning (see catalog/README.md): an offer carries a `version` that any change to its content bumps
(`content_hash` detects the change), and a quote stores a frozen JSON snapshot of everything it priced,
so editing an offer or a price later never changes a quote already taken. Prices keep their history
(`valid_from` / `valid_to`): a price change closes the current row and opens a new one.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    TV = "TV", _("Television")
    INT = "INT", _("Internet")
    TEL = "TEL", _("Fixed phone")
    MOB = "MOB", _("Mobile")


class ServiceKind(models.TextChoices):
    BASIC = "basic", _("Basic service")
    OPTION = "option", _("Option")
    EQUIPMENT = "equipment", _("Equipment")
    FEE = "fee", _("One-time fee")
    DEPOSIT = "deposit", _("Deposit")


class Service(models.Model):
    """A Pro-Cable service as imported from Pro-Cable (its code is Pro-Cable's business key)."""

    code = models.CharField(max_length=20, unique=True)
    domain = models.CharField(max_length=4, choices=Domain.choices)
    kind = models.CharField(max_length=10, choices=ServiceKind.choices)
    label_en = models.CharField(max_length=200)
    label_fr = models.CharField(max_length=200)
    buy_price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ServicePrice(models.Model):
    """A service's price over a period; `valid_to` is the last day (inclusive), null while current."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="prices")
    monthly_price = models.DecimalField(max_digits=10, decimal_places=2)
    one_time_price = models.DecimalField(max_digits=10, decimal_places=2)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["service_id", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["service", "valid_from"], name="catalog_price_one_per_start"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="catalog_price_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} {self.valid_from}"


class Offer(models.Model):
    """An offer: one combination of basic services across domains, for one customer group code."""

    code = models.CharField(max_length=40, unique=True)
    name_en = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200)
    group_code = models.CharField(max_length=10)
    # Sorted basic service codes joined by "+", e.g. "INT500+TVBAS": the reverse-lookup key.
    combination_key = models.CharField(max_length=200)
    domains = models.CharField(max_length=30, help_text="Space-separated domains of the basic services.")
    version = models.PositiveIntegerField(default=1)
    content_hash = models.CharField(max_length=64, blank=True)
    is_active = models.BooleanField(default=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    sort_order = models.IntegerField(default=0)
    basic_services = models.ManyToManyField(Service, through="OfferService", related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["group_code", "combination_key"],
                condition=Q(is_active=True),
                name="catalog_offer_one_active_per_combination",
            )
        ]

    def __str__(self) -> str:
        return self.code


class OfferService(models.Model):
    """A basic service an offer is made of."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="basic_links")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "service"], name="catalog_offer_service_unique")
        ]

    def __str__(self) -> str:
        return f"{self.offer_id}:{self.service_id}"


class OfferEquipment(models.Model):
    """Equipment an offer lets the customer choose, per domain (the service's domain).

    When a domain has at least one required row, the selection must contain at least one of that
    domain's required rows (e.g. TERMHD or TERM4K for TV).
    """

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="equipment")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    is_required = models.BooleanField(default=True)
    allows_rent = models.BooleanField(default=True)
    allows_buy = models.BooleanField(default=False)
    max_quantity = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["service__code"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "service"], name="catalog_offer_equipment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.offer_id}:{self.service_id}"


class OfferOption(models.Model):
    """An option an offer makes available; `requires_equipment` limits it to selections holding it."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="options")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    requires_equipment = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["service__code"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "service"], name="catalog_offer_option_unique")
        ]

    def __str__(self) -> str:
        return f"{self.offer_id}:{self.service_id}"


class OfferFee(models.Model):
    """A one-time fee (or deposit) charged when the offer is taken."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="fees")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["service__code"]
        constraints = [models.UniqueConstraint(fields=["offer", "service"], name="catalog_offer_fee_unique")]

    def __str__(self) -> str:
        return f"{self.offer_id}:{self.service_id}"


class Promotion(models.Model):
    """A promotion (limited `duration_months`) or a discount (no duration) on the monthly price.

    Conditions are space-separated code lists; an empty list means "any". Exactly one of `amount`
    (money off per month) and `percent` (of the monthly subtotal) is set.
    """

    code = models.CharField(max_length=30, unique=True)
    name_en = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200)
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="promotions", null=True, blank=True
    )
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    sale_types = models.CharField(max_length=100, blank=True)
    channels = models.CharField(max_length=200, blank=True)
    group_codes = models.CharField(max_length=100, blank=True)
    min_commitment_months = models.PositiveSmallIntegerField(default=0)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(amount__isnull=False) & Q(percent__isnull=True))
                | (Q(amount__isnull=True) & Q(percent__isnull=False)),
                name="catalog_promotion_amount_xor_percent",
            )
        ]

    def __str__(self) -> str:
        return self.code


class Criterion(models.TextChoices):
    DOMAIN = "domain", _("domains available at the address")
    TECHNOLOGY = "technology", _("technologies available at the address")
    CITY = "city", _("city")
    ZONE = "zone", _("zone")
    SALE_TYPE = "sale_type", _("sale type")
    CHANNEL = "channel", _("sales channel")
    GROUP_CODE = "group_code", _("customer group code")


class Effect(models.TextChoices):
    ONLY = "only", _("only when")
    EXCEPT = "except", _("except when")


class Restriction(models.Model):
    """An eligibility restriction narrowing where / to whom an offer is sold (default: allowed).

    `only`: the request's value must be one of `values` (for domains and technologies: at least one
    of them is available at the address). `except`: the opposite.
    """

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="restrictions")
    criterion = models.CharField(max_length=20, choices=Criterion.choices)
    effect = models.CharField(max_length=10, choices=Effect.choices, default=Effect.ONLY)
    values = models.CharField(max_length=500)

    class Meta:
        ordering = ["offer_id", "criterion", "id"]

    def __str__(self) -> str:
        return f"{self.offer_id} {self.effect} {self.criterion}"


class ChangeKind(models.TextChoices):
    UPSELL = "upsell", _("Upsell")
    CROSS_SELL = "cross_sell", _("Cross-sell")


class ChangePath(models.Model):
    """A move a customer on `from_offer` may make to `to_offer`."""

    from_offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="change_paths")
    to_offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=ChangeKind.choices)

    class Meta:
        ordering = ["from_offer_id", "kind", "to_offer_id"]
        constraints = [
            models.UniqueConstraint(fields=["from_offer", "to_offer"], name="catalog_change_path_unique")
        ]

    def __str__(self) -> str:
        return f"{self.from_offer_id}->{self.to_offer_id}"


class CatalogRevision(models.Model):
    """One row whose token changes on every catalog change: the key of every catalog cache."""

    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.token)


class Quote(models.Model):
    """A priced selection, frozen: `snapshot` holds every line and price as they were when quoted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    offer_code = models.CharField(max_length=40)
    offer_version = models.PositiveIntegerField()
    group_code = models.CharField(max_length=10)
    sale_type = models.CharField(max_length=12)
    channel = models.CharField(max_length=20)
    customer_number = models.CharField(max_length=20, blank=True)
    monthly_total = models.DecimalField(max_digits=10, decimal_places=2)
    one_time_total = models.DecimalField(max_digits=10, decimal_places=2)
    selection = models.JSONField()
    snapshot = models.JSONField()
    created_by = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.id)
