"""Eligibility: default allow, then each restriction narrows, and every exclusion says why."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connections
from django.utils import translation

from catalog import demo
from catalog.selectors import SaleContext, offer_list_eligible
from catalog.services import catalog_load

from .conftest import address

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _load(restrictions: list[dict] | None = None, **offer_changes) -> None:
    document = demo.document()
    document["restrictions"] = [r for r in document["restrictions"] if r["offer_code"] != "RG_INT100"]
    document["restrictions"] += restrictions or []
    for row in document["offers"]:
        if row["code"] == "RG_INT100":
            row.update(offer_changes)
    catalog_load(raw=document)


def _codes(result: dict) -> set[str]:
    return {offer["code"] for offer in result["offers"]}


def _reasons(result: dict, code: str) -> list[str]:
    return [
        r["code"] for item in result["excluded"] if item["offer"]["code"] == code for r in item["reasons"]
    ]


def test_without_restrictions_every_offer_of_the_group_is_offered_in_every_area(gateway):
    _load()

    result = offer_list_eligible(address_id=None, context=SaleContext(), include_excluded=True)

    assert len(result["offers"]) == len(demo.RESIDENTIAL_COMBINATIONS)
    assert {o["group_code"] for o in result["offers"]} == {"RG"}
    assert _reasons(result, "BUS_INT1G_MOBUNL_TELRES") == ["group_code", "restriction_channel"]


def test_an_offer_needing_a_domain_missing_at_the_address_is_excluded_with_the_reason(gateway):
    _load()
    gateway.addresses[3] = address(3, domains="INT TEL")

    result = offer_list_eligible(address_id=3, context=SaleContext(), include_excluded=True)

    assert "RG_INT100" in _codes(result)
    assert "RG_INT100_TVBAS" not in _codes(result)
    excluded = next(item for item in result["excluded"] if item["offer"]["code"] == "RG_INT100_TVBAS")
    assert excluded["reasons"] == [
        {"code": "domain_unavailable", "message": "Not available at the address: TV (available: INT, TEL)."}
    ]


def test_an_address_that_is_not_serviceable_gets_no_offer(gateway):
    _load()
    gateway.addresses[4] = address(4, serviceable=False)

    result = offer_list_eligible(address_id=4, context=SaleContext(), include_excluded=True)

    assert result["offers"] == []
    assert "address_not_serviceable" in _reasons(result, "RG_INT100")


def test_internet_1g_is_only_offered_where_the_address_has_fibre(gateway):
    _load()

    on_cable = offer_list_eligible(address_id=1, context=SaleContext(), include_excluded=True)
    on_fibre = offer_list_eligible(address_id=2, context=SaleContext(), include_excluded=True)

    assert "RG_INT1G" not in _codes(on_cable)
    assert "RG_INT1G" in _codes(on_fibre)
    excluded = next(item for item in on_cable["excluded"] if item["offer"]["code"] == "RG_INT1G")
    assert excluded["reasons"] == [
        {
            "code": "restriction_technology",
            "message": "Sold only when the technologies available at the address is one of FTTH (here: HFC).",
        }
    ]


@pytest.mark.parametrize(
    ("criterion", "effect", "values", "address_kwargs", "context_kwargs", "is_offered"),
    [
        ("domain", "only", "MOB", {"domains": "TV INT TEL"}, {}, False),
        ("domain", "only", "MOB", {"domains": "INT MOB"}, {}, True),
        ("technology", "except", "HFC", {"technologies": "HFC"}, {}, False),
        ("technology", "except", "HFC", {"technologies": "FTTH"}, {}, True),
        ("city", "only", "QC", {"city": "MTL"}, {}, False),
        ("city", "only", "QC MTL", {"city": "MTL"}, {}, True),
        ("city", "except", "MTL", {"city": "MTL"}, {}, False),
        ("zone", "only", "Z9", {"zone": "Z1"}, {}, False),
        ("zone", "only", "Z1", {"zone": "Z1"}, {}, True),
        ("sale_type", "only", "new", {}, {"sale_type": "upsell"}, False),
        ("sale_type", "only", "new", {}, {"sale_type": "new"}, True),
        ("channel", "except", "door_to_door", {}, {"channel": "door_to_door"}, False),
        ("channel", "except", "door_to_door", {}, {"channel": "store"}, True),
        ("group_code", "except", "RG", {}, {}, False),
    ],
)
def test_each_restriction_criterion_narrows_the_offers(
    gateway, criterion, effect, values, address_kwargs, context_kwargs, is_offered
):
    _load([{"offer_code": "RG_INT100", "criterion": criterion, "effect": effect, "values": values}])
    gateway.addresses[9] = address(9, **address_kwargs)

    result = offer_list_eligible(address_id=9, context=SaleContext(**context_kwargs), include_excluded=True)

    assert ("RG_INT100" in _codes(result)) is is_offered
    assert (f"restriction_{criterion}" in _reasons(result, "RG_INT100")) is (not is_offered)
    assert "RG_INT500" in _codes(result)  # other offers keep the default: allowed


def test_offers_outside_their_sale_period_are_excluded(gateway):
    _load(valid_from=date(2026, 6, 1), valid_to=date(2026, 6, 30))

    before = offer_list_eligible(
        address_id=1, context=SaleContext(on=date(2026, 5, 31)), include_excluded=True
    )
    during = offer_list_eligible(
        address_id=1, context=SaleContext(on=date(2026, 6, 15)), include_excluded=True
    )
    after = offer_list_eligible(address_id=1, context=SaleContext(on=date(2026, 7, 1)), include_excluded=True)

    assert "RG_INT100" not in _codes(before)
    assert "RG_INT100" in _codes(during)
    assert _reasons(after, "RG_INT100") == ["not_on_sale"]


def test_the_group_code_selects_the_group_offers_and_business_offers_are_not_sold_on_selfshop(gateway):
    _load()

    business_store = offer_list_eligible(address_id=2, context=SaleContext(group_code="BUS", channel="store"))
    business_web = offer_list_eligible(
        address_id=2, context=SaleContext(group_code="BUS", channel="selfshop")
    )

    assert _codes(business_store) == {
        demo.offer_code("BUS", "+".join(sorted(c.split("+")))) for c in demo.BUSINESS_COMBINATIONS
    }
    assert business_web["offers"] == []


def test_the_listing_is_cached_per_eligibility_facts_and_invalidated_by_a_catalog_change(
    gateway, django_assert_num_queries
):
    _load()
    offer_list_eligible(address_id=1, context=SaleContext())
    gateway.addresses[5] = address(5)  # same zone, city, domains and technologies as address 1

    with django_assert_num_queries(0, connection=connections["catalog"]):  # all from the cache
        cached = offer_list_eligible(address_id=5, context=SaleContext())
    _load([{"offer_code": "RG_INT100", "criterion": "zone", "effect": "except", "values": "Z1"}])
    fresh = offer_list_eligible(address_id=5, context=SaleContext())

    assert "RG_INT100" in _codes(cached)
    assert "RG_INT100" not in _codes(fresh)
