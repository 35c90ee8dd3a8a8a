"""CUSTOM LOGIN: the credentials a customer logs in to MyAccount with, and password-reset links.

Pro-Cable's customer-management transaction creates a credential when it adds a customer (and
changes its password when Pro-Cable does). A credential pairs two ways of logging in:

* the customer number with the password Pro-Cable generated (or the one set later in MyAccount
  or through a reset link);
* optionally a personal login id chosen by the customer, with its own personal password.

Both passwords are stored only as Django password hashes. Recovery data (names, e-mail, phones,
language) lets a customer who lost the password prove who they are and receive a reset link.
"""

from __future__ import annotations

from django.contrib.auth.hashers import check_password, is_password_usable, make_password
from django.db import models


class Credential(models.Model):
    """The login of one customer (one row per customer number)."""

    customer_number = models.CharField(max_length=20, unique=True)
    password = models.CharField(
        max_length=256, help_text="Hash of the password paired with the customer number."
    )
    personal_login_id = models.CharField(
        max_length=60,
        null=True,
        blank=True,
        unique=True,
        help_text="Chosen by the customer; stored lower-case.",
    )
    personal_password = models.CharField(
        max_length=256, blank=True, help_text="Hash of the personal password."
    )
    first_name = models.CharField(max_length=80, blank=True)
    last_name = models.CharField(max_length=80, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    phones = models.JSONField(default=list, blank=True, help_text="Contact phone numbers, digits only.")
    language = models.CharField(max_length=5, default="fr")
    failed_logins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_login_at = models.DateTimeField(null=True, blank=True)
    password_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["customer_number"]

    def __str__(self) -> str:
        return self.customer_number

    def set_password(self, raw: str | None) -> None:
        """Hash and store the customer-number password (None makes it unusable)."""
        self.password = make_password(raw)

    def check_password(self, raw: str) -> bool:
        return check_password(raw, self.password)

    def set_personal_password(self, raw: str) -> None:
        self.personal_password = make_password(raw)

    def check_personal_password(self, raw: str) -> bool:
        return bool(self.personal_password) and check_password(raw, self.personal_password)

    @property
    def has_usable_password(self) -> bool:
        return is_password_usable(self.password)


class PasswordReset(models.Model):
    """A single-use, expiring reset link sent by e-mail. Only the SHA-256 of its token is stored."""

    credential = models.ForeignKey(Credential, on_delete=models.CASCADE, related_name="password_resets")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"reset {self.credential_id} {self.created_at:%Y-%m-%d %H:%M}"
