"""SECURITY: staff users, profiles and rights, person tokens, and the automatic default web user."""

from __future__ import annotations

from django.contrib.auth.hashers import check_password, make_password
from django.db import models


class Right(models.Model):
    """A right per site or per module (codes in `rights.py`, synced here so profiles can refer to them)."""

    code = models.CharField(max_length=60, unique=True)
    label_en = models.CharField(max_length=120)
    label_fr = models.CharField(max_length=120)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Profile(models.Model):
    """A group of rights given to staff users (store agent, care agent, distributor, administrator...)."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    rights = models.ManyToManyField(Right, related_name="profiles", blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Channel(models.TextChoices):
    STORE = "store", "Store"
    DISTRIBUTOR = "distributor", "Distributor"
    PARTNER = "partner", "Partner"
    DOOR_TO_DOOR = "door_to_door", "Door-to-door"
    CALL_CENTER = "call_center", "Call centre"
    WEB = "web", "Web"


class StaffUser(models.Model):
    """A person (or the automatic default web user) allowed on Weblys sites."""

    code = models.CharField(max_length=40, unique=True, help_text="Login code of the user.")
    display_name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    password = models.CharField(max_length=256)
    is_active = models.BooleanField(default=True)
    is_default_web_user = models.BooleanField(
        default=False, help_text="The automatic user the public customer sites act as."
    )
    profiles = models.ManyToManyField(Profile, related_name="users", blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.STORE)
    store_code = models.CharField(max_length=20, blank=True)
    language = models.CharField(max_length=5, default="fr")
    failed_logins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_login_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    def set_password(self, raw: str) -> None:
        self.password = make_password(raw)

    def check_password(self, raw: str) -> bool:
        return check_password(raw, self.password)


class PersonToken(models.Model):
    """A bearer token the back issues at login, bound to one staff user or to one customer number.

    Only the SHA-256 of the token is stored, so a copy of the database does not let anyone act.
    """

    class Kind(models.TextChoices):
        STAFF = "staff", "Staff"
        CUSTOMER = "customer", "Customer"

    key_hash = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    staff_user = models.ForeignKey(StaffUser, null=True, blank=True, on_delete=models.CASCADE)
    customer_number = models.CharField(max_length=20, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="staff", staff_user__isnull=False) | models.Q(kind="customer")),
                name="security_token_staff_has_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} token #{self.pk}"
