"""catalog_verify_offers: the customer base's basic-service combinations checked against the offers."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from back.procable.port import ServiceCombinationRecord
from catalog.models import Offer
from catalog.tests.conftest import FakeGateway, address

pytestmark = pytest.mark.django_db(databases="__all__")


class CombinationsGateway(FakeGateway):
    """The fake gateway plus the two whole-base calls, computed from its customers."""

    def service_combinations(self) -> list[ServiceCombinationRecord]:
        counts: Counter[tuple[str, tuple[str, ...]]] = Counter()
        for record, services in self.customers.values():
            basic = tuple(sorted({s.service_code for s in services if s.kind == "basic"}))
            if basic:
                counts[(record.group_code, basic)] += 1
        return [ServiceCombinationRecord(g, codes, n) for (g, codes), n in sorted(counts.items())]

    def customer_numbers_for_combination(
        self, *, group_code: str, service_codes: tuple[str, ...], limit: int = 20
    ) -> list[str]:
        return sorted(
            number
            for number, (record, services) in self.customers.items()
            if record.group_code == group_code
            and tuple(sorted({s.service_code for s in services if s.kind == "basic"})) == service_codes
        )[:limit]


@pytest.fixture
def base(monkeypatch) -> CombinationsGateway:
    fake = CombinationsGateway()
    fake.addresses[1] = address(1)
    monkeypatch.setattr("catalog.procable.gateway", lambda: fake)
    fake.add_customer("100001", "INT100")
    fake.add_customer("100002", "TVPLUS", "MOB10")
    fake.add_customer("100003", "MOB10", "TVPLUS", "TVPVR")  # an option does not change the combination
    fake.add_customer("100004", "INT100", "TVPLUS", group_code="EMP")
    fake.add_customer("100005", "INT100")
    fake.add_customer("100006", "TVPVR")  # no basic service: not counted
    return fake


def _run(*args: str) -> list[str]:
    out = io.StringIO()
    call_command("catalog_verify_offers", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().splitlines()


def test_the_whole_base_is_checked_by_combination_with_samples_of_unmatched_customers(demo_catalog, base):
    lines = _run("--sample", "1")

    assert lines == [
        "Customers with basic services: 5; combinations: 3; "
        "combinations matching no offer: 1 (2 customer(s)).",
        "  EMP INT100+TVPLUS: 1 customer(s)",
        "  RG INT100: 2 customer(s)",
        "  RG MOB10+TVPLUS: 2 customer(s)",
        "  NO OFFER group RG, services MOB10+TVPLUS: 2 customer(s), e.g. 100002",
    ]


def test_the_default_sample_lists_every_unmatched_customer_of_a_small_combination(demo_catalog, base):
    assert _run()[-1] == "  NO OFFER group RG, services MOB10+TVPLUS: 2 customer(s), e.g. 100002, 100003"


def test_create_adds_one_offer_per_missing_combination_and_then_none_is_missing(demo_catalog, base):
    offers_before = Offer.objects.count()

    lines = _run("--create", "--sample", "0")
    again = _run()

    assert lines[-2:] == [
        "  NO OFFER group RG, services MOB10+TVPLUS: 2 customer(s)",
        "Offers created: RG_MOB10_TVPLUS",
    ]
    assert Offer.objects.count() == offers_before + 1
    assert Offer.objects.get(code="RG_MOB10_TVPLUS").combination_key == "MOB10+TVPLUS"
    assert again[0] == (
        "Customers with basic services: 5; combinations: 3; "
        "combinations matching no offer: 0 (0 customer(s))."
    )


def test_listed_numbers_are_still_checked_one_by_one(demo_catalog, base):
    assert _run("--numbers", "100001-100002") == [
        "Customers read: 2; combinations: 2; customers matching no offer: 1.",
        "  RG INT100: 1 customer(s)",
        "  RG MOB10+TVPLUS: 1 customer(s)",
        "  NO OFFER 100002: group RG, services MOB10+TVPLUS",
    ]


def test_the_deprecated_number_walk_still_works_and_says_it_is_deprecated(demo_catalog, base):
    out, err = io.StringIO(), io.StringIO()

    call_command("catalog_verify_offers", "--first", "100004", "--count", "3", stdout=out, stderr=err)

    assert (
        out.getvalue().splitlines()[0]
        == "Customers read: 3; combinations: 2; customers matching no offer: 0."
    )
    assert "deprecated" in err.getvalue()


def test_numbers_and_a_walk_together_are_refused(demo_catalog, base):
    with pytest.raises(CommandError):
        call_command(
            "catalog_verify_offers", "--numbers", "100001", "--first", "100001", stdout=io.StringIO()
        )


def test_on_the_embedded_pro_cable_the_whole_base_agrees_with_reading_every_customer(demo_catalog):
    from back.procable import demo

    demo.seed(seed=7, customers=12, addresses=40, stdout=io.StringIO())

    whole = _run("--sample", "20")
    one_by_one = _run("--numbers", "100001-100012")

    combinations = [line for line in whole[1:] if not line.startswith("  NO OFFER")]
    assert combinations == [line for line in one_by_one[1:] if not line.startswith("  NO OFFER")]
    unmatched_whole = sorted(
        number
        for line in whole
        if line.startswith("  NO OFFER")
        for number in line.partition("e.g. ")[2].split(", ")
        if number
    )
    unmatched_one_by_one = sorted(line.split()[2].rstrip(":") for line in one_by_one if "NO OFFER" in line)
    assert unmatched_whole == unmatched_one_by_one
    counted = sum(int(line.split(": ")[1].split()[0]) for line in combinations)
    assert whole[0].startswith(f"Customers with basic services: {counted};")
    assert counted == 11  # seed 7: one of the 12 customers has no current basic service
