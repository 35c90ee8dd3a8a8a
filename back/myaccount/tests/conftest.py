"""MyAccount tests run against the embedded Pro-Cable seeded once per session with the demo operator
(customers 100001-100012; the fixed ones are described in back/procable/demo.py) and the demo catalog.
"""

from __future__ import annotations

import io

import pytest

CUSTOMERS = 12


@pytest.fixture(scope="session")
def demo_operator(django_db_setup, django_db_blocker):
    from back.procable import demo as procable_demo
    from catalog import demo as catalog_demo

    with django_db_blocker.unblock():
        out = io.StringIO()
        procable_demo.seed(seed=2026, customers=CUSTOMERS, addresses=40, stdout=out)
        catalog_demo.seed(seed=2026, customers=CUSTOMERS, addresses=40, stdout=out)
    return CUSTOMERS


@pytest.fixture
def gateway(demo_operator):
    from back.procable.gateway import get_gateway

    return get_gateway()
