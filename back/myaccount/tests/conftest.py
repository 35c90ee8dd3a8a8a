"""MyAccount tests run against the embedded Pro-Cable seeded once per session with the demo operator
(customers 100001-100012; the fixed ones are described in back/procable/demo.py) and the demo catalog.
"""

from __future__ import annotations

import io

import pytest

CUSTOMERS = 12


def _seed() -> None:
    from back.procable import demo as procable_demo
    from catalog import demo as catalog_demo

    out = io.StringIO()
    procable_demo.seed(seed=2026, customers=CUSTOMERS, addresses=40, stdout=out)
    catalog_demo.seed(seed=2026, customers=CUSTOMERS, addresses=40, stdout=out)


@pytest.fixture(scope="session")
def _seeded_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _seed()


@pytest.fixture(autouse=True)
def demo_operator(_seeded_once):
    """The demo operator, seeded once per session and committed.

    A transactional test that ran earlier on the same worker (another app's) empties every database
    when it ends: the demo is then seeded again inside this test (rolled back with it).
    """
    from back.procable.models import SeedMark

    if not SeedMark.objects.using("procable").exists():
        _seed()
    return CUSTOMERS


@pytest.fixture
def gateway(demo_operator):
    from back.procable.gateway import get_gateway

    return get_gateway()
