"""Demo CUSTOM LOGIN credentials for the customers of the embedded Pro-Cable (see DEMO.md).

* The fixed demo customers 100001-100009 (FIXED_CUSTOMERS of back/procable/demo.py) get a
  documented password; 100001 also gets a personal
  login id made of its first and last names ("first.last") and a personal password.
* Every other demo customer gets a credential with recovery data but an unusable password: no weak
  or shared password is ever stored; such a customer uses "forgotten password" to choose one.

Idempotent and deterministic: the fixed rows are reset to the documented values; other rows are
created once (bulk, in chunks) and left as they are afterwards.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from back.procable.errors import ProCableNotFoundError
from back.procable.gateway import get_gateway
from back.procable.port import CustomerRecord

from . import services
from .models import Credential

FIRST_NUMBER = 100001
FIXED_PASSWORDS = {str(FIRST_NUMBER + index): f"client{index + 1}-demo-2026" for index in range(9)}
PERSONAL_LOGIN_CUSTOMER = "100001"
PERSONAL_PASSWORD = "perso-demo-2026"
CHUNK = 1000


def personal_login_id_for(customer: CustomerRecord) -> str:
    """ "Marie Tremblay" → "marie.tremblay" (accents and spaces dropped)."""

    def fold(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.strip().lower())
        return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))

    return f"{fold(customer.first_name)}.{fold(customer.last_name)}"


def _recovery(customer: CustomerRecord) -> dict[str, Any]:
    return {
        "first_name": customer.first_name,
        "last_name": customer.last_name,
        "email": customer.email,
        "phones": list(customer.phones),
        "language": customer.language,
    }


def seed(*, seed: int, customers: int, addresses: int, stdout) -> None:
    """Create the credentials of demo customers FIRST_NUMBER .. FIRST_NUMBER + customers - 1."""
    gateway = get_gateway()
    numbers = [str(FIRST_NUMBER + index) for index in range(customers)]
    fixed = 0
    for number, password in FIXED_PASSWORDS.items():
        if number not in numbers:
            continue
        try:
            customer = gateway.customer_get(number)
        except ProCableNotFoundError:
            continue
        credential = services.credential_upsert_from_procable(
            customer_number=number, password_plain=password, recovery=_recovery(customer)
        )
        if number == PERSONAL_LOGIN_CUSTOMER:
            with transaction.atomic(using=services.DB):
                credential.personal_login_id = personal_login_id_for(customer)
                credential.set_personal_password(PERSONAL_PASSWORD)
                credential.save()
        fixed += 1

    others = [number for number in numbers if number not in FIXED_PASSWORDS]
    created = 0
    for start in range(0, len(others), CHUNK):
        chunk = others[start : start + CHUNK]
        existing = set(
            Credential.objects.filter(customer_number__in=chunk).values_list("customer_number", flat=True)
        )
        rows = []
        for number in chunk:
            if number in existing:
                continue
            try:
                customer = gateway.customer_get(number)
            except ProCableNotFoundError:
                continue
            recovery = _recovery(customer)
            rows.append(
                Credential(
                    customer_number=number,
                    password=make_password(None),
                    first_name=recovery["first_name"][:80],
                    last_name=recovery["last_name"][:80],
                    email=recovery["email"],
                    phones=services._phones(recovery["phones"]),
                    language=services._language(recovery["language"]),
                )
            )
        Credential.objects.bulk_create(rows, batch_size=CHUNK)
        created += len(rows)
    stdout.write(
        f"customlogin: {fixed} fixed demo logins, {created} new credentials without a usable password"
    )
