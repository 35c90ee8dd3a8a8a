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
from concurrent.futures import ThreadPoolExecutor
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
    fixed_customers: dict[str, CustomerRecord] = {}
    for number in FIXED_PASSWORDS:
        if number in numbers:
            try:
                fixed_customers[number] = gateway.customer_get(number)
            except ProCableNotFoundError:
                continue
    # A standard password hash costs about a second by design: compute the few fixed ones in parallel
    # (hashlib releases the GIL), so the demo stays quick without ever storing a weaker hash.
    plain = {number: FIXED_PASSWORDS[number] for number in fixed_customers}
    if PERSONAL_LOGIN_CUSTOMER in fixed_customers:
        plain["personal"] = PERSONAL_PASSWORD
    with ThreadPoolExecutor(max_workers=4) as pool:
        hashes = dict(zip(plain, pool.map(make_password, plain.values()), strict=True))
    with transaction.atomic(using=services.DB):
        for number, customer in fixed_customers.items():
            credential = Credential.objects.filter(customer_number=number).first() or Credential(
                customer_number=number
            )
            services._apply_recovery(credential, _recovery(customer))
            credential.password = hashes[number]
            credential.failed_logins = 0
            credential.locked_until = None
            if number == PERSONAL_LOGIN_CUSTOMER:
                credential.personal_login_id = personal_login_id_for(customer)
                credential.personal_password = hashes["personal"]
            credential.save()
    fixed = len(fixed_customers)

    others = [number for number in numbers if number not in FIXED_PASSWORDS]
    created = updated = 0
    recovery_fields = ["first_name", "last_name", "email", "phones", "language"]
    for start in range(0, len(others), CHUNK):
        chunk = others[start : start + CHUNK]
        existing = {row.customer_number: row for row in Credential.objects.filter(customer_number__in=chunk)}
        files = gateway.customers_get(chunk)  # one read per chunk: a million single reads take minutes
        new_rows, changed_rows = [], []
        for number in chunk:
            customer = files.get(number)
            if customer is None:
                continue
            row = existing.get(number) or Credential(customer_number=number, password=make_password(None))
            before = [getattr(row, name) for name in recovery_fields]
            services._apply_recovery(row, _recovery(customer))
            if number not in existing:
                new_rows.append(row)
            elif [getattr(row, name) for name in recovery_fields] != before:
                # The Pro-Cable demo was rebuilt with other customers: follow it, keep the passwords.
                changed_rows.append(row)
        Credential.objects.bulk_create(new_rows, batch_size=CHUNK)
        Credential.objects.bulk_update(changed_rows, recovery_fields, batch_size=CHUNK)
        created += len(new_rows)
        updated += len(changed_rows)
    stdout.write(
        f"customlogin: {fixed} fixed demo logins, {created} new credentials without a usable password, "
        f"{updated} updated"
    )
