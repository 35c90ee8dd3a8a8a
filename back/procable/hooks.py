"""Extension points the embedded Pro-Cable calls into, so other apps plug in without being imported here.

`on_customer_created` mirrors Pro-Cable's customer-management transaction, which also creates the
customer's CUSTOM LOGIN credentials. Configure it with

    PROCABLE_ON_CUSTOMER_CREATED = "back.customlogin.services.credentials_create_for_new_customer"

(a dotted path to a callable `(customer_number: str, password_plain: str, recovery: dict) -> None`).
Empty (the default) means no credentials are created. The callable runs inside the customer
creation, before it commits: if it raises, the customer is not created either.
`recovery` holds `first_name`, `last_name`, `email`, `phones` (list of str) unless the caller gave
its own dict.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


def _configured_callable() -> Callable[[str, str, dict[str, Any]], None] | None:
    path = getattr(settings, "PROCABLE_ON_CUSTOMER_CREATED", "") or ""
    return import_string(path) if path else None


def on_customer_created(customer_number: str, password_plain: str, recovery: dict[str, Any]) -> None:
    """Hand a new customer's generated password and recovery data to CUSTOM LOGIN (if configured)."""
    handler = _configured_callable()
    if handler is not None:
        handler(customer_number, password_plain, recovery)
