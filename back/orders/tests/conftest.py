"""Order tests run on the real demo CATALOG, RULES, PARAM and embedded Pro-Cable, seeded small."""

from __future__ import annotations

import io
from typing import Any

import pytest

from back.procable.gateway import get_gateway, set_down


@pytest.fixture
def operator(db) -> Any:
    """The demo operator: Pro-Cable (40 addresses), catalog, rules; returns the Pro-Cable gateway."""
    from back.param import demo as param_demo
    from back.procable import demo as procable_demo
    from catalog import demo as catalog_demo
    from rules import demo as rules_demo
    from rules import selectors as rules_selectors

    out = io.StringIO()
    param_demo.seed(seed=7, customers=0, addresses=0, stdout=out)
    procable_demo.seed(seed=7, customers=12, addresses=40, stdout=out)
    catalog_demo.seed(seed=7, customers=0, addresses=0, stdout=out)
    rules_selectors.ruleset_cache_clear()
    rules_demo.seed(seed=7, customers=0, addresses=0, stdout=out)
    set_down(False)
    yield get_gateway()
    set_down(False)
    rules_selectors.ruleset_cache_clear()


def find_address(gateway: Any, *, serviceable: bool = True, domains: set[str] | None = None) -> Any:
    """An address of the demo operator with these facts (and, when serviceable, free slots)."""
    from datetime import timedelta

    from django.utils import timezone

    for city in gateway.city_list():
        for street in gateway.street_list(city.code, limit=50):
            for civic in gateway.civic_number_list(street.id):
                for apartment in gateway.apartment_list(street.id, civic):
                    address = gateway.address_get(apartment.address_id)
                    if address.serviceable != serviceable:
                        continue
                    if domains and not domains <= address.domains:
                        continue
                    if serviceable:
                        start = timezone.localdate() + timedelta(days=1)
                        slots = gateway.appointment_slots(address.zone_code, start=start, days=14)
                        if not any(s.available for s in slots):
                            continue
                    return address
    raise LookupError("no such demo address")
