"""Offers: options that depend on equipment, change paths, reverse lookup of a customer's services."""

from __future__ import annotations

import pytest
from django.utils import translation

from catalog import demo
from catalog.errors import CustomerNotFoundError
from catalog.selectors import customer_change_targets, customer_current_offer, offer_option_list

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_recording_option_needs_the_4k_terminal(demo_catalog):
    with_hd = offer_option_list(code="RG_INT100_TVBAS", equipment_codes=["TERMHD", "MODEM"])
    with_4k = offer_option_list(code="RG_INT100_TVBAS", equipment_codes=["TERM4K", "MODEM"])

    assert [o["code"] for o in with_hd["options"]] == ["INTIPFIX", "INTSECU", "TVCINE", "TVSPORT"]
    assert [(o["code"], o["reason"]) for o in with_hd["unavailable"]] == [
        ("TVPVR", "This option needs the equipment TERM4K.")
    ]
    assert [o["code"] for o in with_4k["options"]] == ["INTIPFIX", "INTSECU", "TVCINE", "TVPVR", "TVSPORT"]
    assert with_4k["unavailable"] == []


def test_a_customer_whose_basic_services_match_an_offer_may_use_myshop(demo_catalog, gateway):
    gateway.add_customer("100001", "INT500", "TVBAS", "MODEM", "TERMHD", "TVSPORT")

    result = customer_current_offer(customer_number="100001")

    assert result["offer"]["code"] == "RG_INT500_TVBAS"
    assert result["combination_key"] == "INT500+TVBAS"
    assert result["myshop_allowed"] is True
    assert result["reason"] is None


def test_a_customer_whose_services_match_no_offer_is_blocked_from_myshop(demo_catalog, gateway):
    gateway.add_customer("100002", "TVBAS", "TELRES")

    result = customer_current_offer(customer_number="100002")

    assert result["offer"] is None
    assert result["myshop_allowed"] is False
    assert result["reason"] == "No offer of the catalog matches the services TELRES+TVBAS for group RG."


def test_the_reverse_lookup_uses_the_customer_group_code(demo_catalog, gateway):
    gateway.add_customer("100003", "INT500", group_code="BUS")

    assert customer_current_offer(customer_number="100003")["offer"]["code"] == "BUS_INT500"


def test_an_unknown_customer_is_reported_as_not_found(demo_catalog, gateway):
    with pytest.raises(CustomerNotFoundError):
        customer_current_offer(customer_number="999999")


def test_internet_100_can_move_up_to_500_and_1g_or_add_tv_mobile_or_phone(demo_catalog, gateway):
    gateway.add_customer("100004", "INT100", "MODEM", address_id=2)  # fibre

    result = customer_change_targets(customer_number="100004", channel="myshop")

    assert [(t["kind"], t["offer"]["code"], t["monthly_difference"]) for t in result["targets"]] == [
        ("cross_sell", "RG_INT100_TVBAS", "25.00"),
        ("cross_sell", "RG_INT100_TVPLUS", "45.00"),
        ("cross_sell", "RG_INT100_TELRES", "25.00"),
        ("cross_sell", "RG_INT100_MOB10", "35.00"),
        ("upsell", "RG_INT500", "20.00"),
        ("upsell", "RG_INT1G", "40.00"),
    ]


def test_change_targets_not_sold_at_the_customer_address_are_left_out(demo_catalog, gateway):
    gateway.add_customer("100014", "INT500", "MODEM", address_id=1)  # cable: no 1 Gbps

    targets = customer_change_targets(customer_number="100014")["targets"]

    assert [(t["kind"], t["offer"]["code"]) for t in targets] == [
        ("cross_sell", "RG_INT500_TVBAS"),
        ("cross_sell", "RG_INT500_TVPLUS"),
        ("cross_sell", "RG_INT500_TELRES"),
        ("cross_sell", "RG_INT500_MOB10"),
    ]


def test_a_change_lists_services_added_removed_and_equipment_swaps(demo_catalog, gateway):
    gateway.add_customer("100005", "INT500", "TVBAS", "MODEM", "TERMHD")

    targets = {t["offer"]["code"]: t for t in customer_change_targets(customer_number="100005")["targets"]}

    assert {code: target["kind"] for code, target in targets.items()} == {"RG_INT500_TVPLUS": "upsell"}
    upsell = targets["RG_INT500_TVPLUS"]
    assert upsell["services_added"] == ["TVPLUS"]
    assert upsell["services_removed"] == ["TVBAS"]
    assert upsell["equipment_kept"] == ["MODEM", "TERMHD"]
    assert upsell["equipment_returned"] == []
    assert upsell["equipment_to_choose"] == []


def test_moving_to_1g_returns_the_modem_and_asks_for_the_wifi_gateway(demo_catalog, gateway):
    gateway.add_customer("100006", "INT500", "MODEM", address_id=2)

    targets = {t["offer"]["code"]: t for t in customer_change_targets(customer_number="100006")["targets"]}

    upsell = targets["RG_INT1G"]
    assert upsell["kind"] == "upsell"
    assert (upsell["services_added"], upsell["services_removed"]) == (["INT1G"], ["INT500"])
    assert upsell["equipment_returned"] == ["MODEM"]
    assert upsell["equipment_to_choose"] == [{"domain": "INT", "choices": ["GWWIFI6"]}]


def test_a_customer_without_a_matching_offer_has_no_change_targets(demo_catalog, gateway):
    gateway.add_customer("100007", "TVBAS", "TELRES")

    result = customer_change_targets(customer_number="100007")

    assert result == {
        "customer_number": "100007",
        "current_offer": None,
        "myshop_allowed": False,
        "targets": [],
    }


def test_demo_upsell_and_cross_sell_paths_are_the_operator_ones():
    document = demo.document()
    paths = {(p["from_offer"], p["to_offer"]): p["kind"] for p in document["change_paths"]}

    assert paths[("RG_INT100", "RG_INT500")] == "upsell"
    assert paths[("RG_INT500", "RG_INT1G")] == "upsell"
    assert paths[("RG_TVBAS", "RG_TVPLUS")] == "upsell"
    assert paths[("RG_INT100", "RG_INT100_TVBAS")] == "cross_sell"
    assert paths[("RG_INT100", "RG_INT100_MOB10")] == "cross_sell"
    assert ("RG_INT500", "RG_INT100") not in paths  # never down
    assert ("RG_INT100", "BUS_INT500") not in paths  # never across groups
