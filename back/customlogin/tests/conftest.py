from __future__ import annotations

import pytest

from back.customlogin import services

PASSWORD = "generated-Pw-1"


@pytest.fixture
def credential(db):
    """Customer 200001 as Pro-Cable created it: generated password and recovery data."""
    return services.credential_upsert_from_procable(
        customer_number="200001",
        password_plain=PASSWORD,
        recovery={
            "first_name": "Marie",
            "last_name": "Côté",
            "email": "marie@example.com",
            "phones": ["514 555-0101"],
            "language": "fr",
        },
    )
