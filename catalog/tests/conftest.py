"""Catalog test fixtures: the demo catalog and a fake Pro-Cable gateway (addresses, customers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest

from back import demo_codes
from back.procable.errors import ProCableNotFoundError
from back.procable.port import AddressRecord, CustomerRecord, ServiceRecord, SubscribedServiceRecord


def address(
    address_id: int = 1,
    *,
    domains: str = "TV INT TEL MOB",
    technologies: str = "HFC",
    city: str = "MTL",
    zone: str = "Z1",
    serviceable: bool = True,
) -> AddressRecord:
    return AddressRecord(
        id=address_id,
        city_code=city,
        city_name=city.title(),
        street_name="rue Principale",
        civic_number=10,
        apartment="",
        postal_code="H2X1A1",
        serviceable=serviceable,
        domains=frozenset(domains.split()),
        technologies=frozenset(technologies.split()),
        zone_code=zone,
        cmts_code="CMTS1",
    )


def customer(number: str, group_code: str = "RG", address_id: int = 1) -> CustomerRecord:
    return CustomerRecord(
        number=number,
        first_name="Ana",
        last_name="Lee",
        email="ana@example.com",
        phones=(),
        language="en",
        customer_type="RES",
        group_code=group_code,
        status="active",
        collection_status="none",
        address_id=address_id,
        balance=Decimal("0.00"),
        is_locked=False,
        lock_reason="",
    )


def subscribed(*codes: str) -> list[SubscribedServiceRecord]:
    by_code = {s.code: s for s in demo_codes.SERVICES}
    return [
        SubscribedServiceRecord(
            service_code=c,
            domain=by_code[c].domain,
            kind=by_code[c].kind,
            quantity=1,
            started_on=date(2025, 1, 1),
            monthly_price=by_code[c].monthly,
        )
        for c in codes
    ]


@dataclass
class FakeGateway:
    """Implements the gateway methods the catalog uses, over in-memory records."""

    addresses: dict[int, AddressRecord] = field(default_factory=dict)
    customers: dict[str, tuple[CustomerRecord, list[SubscribedServiceRecord]]] = field(default_factory=dict)
    services: list[ServiceRecord] = field(default_factory=list)
    calls: int = 0

    def address_get(self, address_id: int) -> AddressRecord:
        self.calls += 1
        if address_id not in self.addresses:
            raise ProCableNotFoundError()
        return self.addresses[address_id]

    def customer_get(self, number: str) -> CustomerRecord:
        if number not in self.customers:
            raise ProCableNotFoundError()
        return self.customers[number][0]

    def customer_services(self, number: str) -> list[SubscribedServiceRecord]:
        if number not in self.customers:
            raise ProCableNotFoundError()
        return self.customers[number][1]

    def services_list(self) -> list[ServiceRecord]:
        return list(self.services)

    def add_customer(self, number: str, *codes: str, group_code: str = "RG", address_id: int = 1) -> None:
        self.customers[number] = (customer(number, group_code, address_id), subscribed(*codes))


@pytest.fixture
def gateway(monkeypatch) -> FakeGateway:
    fake = FakeGateway()
    fake.addresses[1] = address(1, technologies="HFC")
    fake.addresses[2] = address(2, technologies="FTTH")
    monkeypatch.setattr("catalog.procable.gateway", lambda: fake)
    return fake


@pytest.fixture
def demo_catalog(db) -> None:
    from catalog import demo
    from catalog.services import catalog_load

    catalog_load(raw=demo.document())
