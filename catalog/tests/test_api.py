"""The catalog back API: listing, offer parts, rates, quotes (idempotent, frozen), order codes, customers."""

from __future__ import annotations

import pytest
from django.db import connections
from django.utils import timezone

from catalog import demo
from catalog.models import Offer, Quote
from catalog.services import catalog_load

pytestmark = pytest.mark.django_db(databases="__all__")

URL = "/api/v1/catalog/"
QUOTE = {
    "offer_code": "RG_INT100_TVBAS",
    "equipment": [{"code": "TERM4K"}, {"code": "MODEM", "acquisition": "buy"}],
    "options": ["TVPVR"],
    "sale_type": "new",
}


def test_the_default_web_user_lists_the_offers_at_an_address_without_the_excluded_ones(
    api, demo_catalog, gateway
):
    response = api.get(URL + "offers", {"address_id": 1})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"offers"}
    assert [o["code"] for o in body["offers"]][:3] == ["RG_TVBAS", "RG_TVPLUS", "RG_INT100"]
    assert "RG_INT1G" not in [o["code"] for o in body["offers"]]  # HFC address
    assert body["offers"][2] == {
        "code": "RG_INT100",
        "name": "Internet 100 Mbps",
        "group_code": "RG",
        "combination_key": "INT100",
        "domains": ["INT"],
        "version": 1,
        "monthly_price": "55.00",
        "basic_services": [{"code": "INT100", "label": "Internet 100 Mbps", "domain": "INT"}],
    }


def test_explain_adds_the_excluded_offers_and_staff_always_see_them(api, staff_api, demo_catalog, gateway):
    explained = api.get(URL + "offers", {"address_id": 1, "explain": "1"}).json()
    staff = staff_api(rights=["weshop.sell"], channel="store").get(URL + "offers", {"address_id": 1}).json()

    excluded = {item["offer"]["code"]: item["reasons"] for item in explained["excluded"]}
    assert excluded["RG_INT1G"][0]["code"] == "restriction_technology"
    assert {item["offer"]["code"] for item in staff["excluded"]} == set(excluded)


def test_the_offer_listing_is_bounded_in_queries_and_served_from_the_cache_when_warm(
    api, demo_catalog, gateway, django_assert_max_num_queries
):
    catalog = connections["catalog"]
    with django_assert_max_num_queries(12, connection=catalog):
        api.get(URL + "offers", {"address_id": 1})
    with django_assert_max_num_queries(1, connection=catalog):
        response = api.get(URL + "offers", {"address_id": 1})

    assert response.status_code == 200


def test_an_unknown_address_is_a_404_with_a_stable_code(api, demo_catalog, gateway):
    response = api.get(URL + "offers", {"address_id": 999})

    assert response.status_code == 404
    assert response.json()["code"] == "catalog_address_not_found"


def test_an_offer_shows_its_equipment_options_fees_and_change_paths(api, demo_catalog):
    detail = api.get(URL + "offers/RG_INT500/").json()
    equipment = api.get(URL + "offers/RG_INT500/equipment").json()["equipment"]

    assert [e["code"] for e in detail["equipment"]] == ["GWWIFI6", "MODEM"]
    assert equipment[1] == {
        "code": "MODEM",
        "domain": "INT",
        "kind": "equipment",
        "label": "Cable modem",
        "monthly_price": "8.00",
        "one_time_price": "0.00",
        "buy_price": "199.00",
        "is_required": True,
        "allows_rent": True,
        "allows_buy": True,
        "max_quantity": 1,
    }
    assert [o["code"] for o in detail["options"]] == ["INTIPFIX", "INTSECU"]
    assert [f["code"] for f in detail["fees"]] == ["FEEACT"]
    assert {"to_offer": "RG_INT1G", "kind": "upsell"} in detail["change_paths"]
    assert api.get(URL + "offers/NOPE/").json()["code"] == "catalog_offer_not_found"


def test_the_options_depend_on_the_chosen_equipment(api, demo_catalog):
    hd = api.get(URL + "offers/RG_TVBAS/options", {"equipment": "TERMHD"}).json()
    uhd = api.get(URL + "offers/RG_TVBAS/options", {"equipment": "TERM4K"}).json()

    assert [o["code"] for o in hd["options"]] == ["TVCINE", "TVSPORT"]
    assert [o["code"] for o in hd["unavailable"]] == ["TVPVR"]
    assert [o["code"] for o in uhd["options"]] == ["TVCINE", "TVPVR", "TVSPORT"]


def test_rates_list_every_service_with_the_price_of_the_day(api, demo_catalog):
    today = api.get(URL + "services", {"kind": "basic", "on": "2026-03-01"}).json()["services"]
    last_year = api.get(URL + "services", {"kind": "basic", "on": "2025-03-01"}).json()["services"]

    assert [(s["code"], s["monthly_price"]) for s in today][:2] == [("INT100", "55.00"), ("INT1G", "95.00")]
    assert [(s["code"], s["monthly_price"]) for s in last_year][:2] == [
        ("INT100", "49.50"),
        ("INT1G", "85.50"),
    ]


def test_a_quote_needs_an_idempotency_key_and_is_created_once(api, demo_catalog):
    missing = api.post(URL + "quotes", QUOTE, format="json")
    first = api.post(URL + "quotes", QUOTE, format="json", HTTP_IDEMPOTENCY_KEY="q-1")
    again = api.post(URL + "quotes", QUOTE, format="json", HTTP_IDEMPOTENCY_KEY="q-1")

    assert missing.status_code == 400
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Quote.objects.count() == 1
    body = first.json()
    assert (body["monthly_total"], body["one_time_total"], body["offer_version"]) == ("88.00", "224.00", 1)
    assert body["snapshot"]["periods"] == [
        {"from_month": 1, "to_month": 12, "monthly_price": "88.00", "promotions": ["WELCOME10"]},
        {"from_month": 13, "to_month": None, "monthly_price": "98.00", "promotions": []},
    ]
    assert api.get(URL + f"quotes/{body['id']}").json() == body


def test_a_quote_keeps_its_prices_after_the_offer_and_prices_change(api, demo_catalog):
    quote = api.post(URL + "quotes", QUOTE, format="json", HTTP_IDEMPOTENCY_KEY="q-2").json()
    document = demo.document()
    for row in document["offers"]:
        if row["code"] == "RG_INT100_TVBAS":
            row["name_en"] = "TV and Internet"
    document["offer_options"] = [
        o
        for o in document["offer_options"]
        if not (o["offer_code"] == "RG_INT100_TVBAS" and o["service_code"] == "TVPVR")
    ]
    for row in document["prices"]:
        if row["service_code"] == "INT100" and row["valid_to"] is None:
            row["monthly_price"] = "60.00"
    catalog_load(raw=document)

    stored = api.get(URL + f"quotes/{quote['id']}").json()
    requote = api.post(
        URL + "quotes", {**QUOTE, "options": []}, format="json", HTTP_IDEMPOTENCY_KEY="q-3"
    ).json()

    assert stored == quote
    assert Offer.objects.get(code="RG_INT100_TVBAS").version == 2
    assert (requote["offer_version"], requote["snapshot"]["regular_monthly_price"]) == (2, "95.00")


def test_a_quote_for_an_offer_not_sold_to_this_request_is_refused_with_the_reasons(api, demo_catalog):
    response = api.post(
        URL + "quotes",
        {**QUOTE, "offer_code": "BUS_INT500", "equipment": [{"code": "MODEM"}]},
        format="json",
        HTTP_IDEMPOTENCY_KEY="q-4",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "catalog_offer_not_eligible"
    assert [m for m in response.json()["errors"]["offer_code"]] == [
        "This offer is for customer group BUS; the request is for group RG.",
        "Not sold when the sales channel is one of selfshop (here: selfshop).",
    ]
    assert Quote.objects.count() == 0


def test_a_selection_that_does_not_fit_the_offer_is_refused_field_by_field(api, demo_catalog):
    response = api.post(
        URL + "quotes",
        {**QUOTE, "equipment": [{"code": "TERMHD"}]},
        format="json",
        HTTP_IDEMPOTENCY_KEY="q-5",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "catalog_selection_invalid"
    assert response.json()["errors"] == {
        "equipment": ["Choose one of GWWIFI6, MODEM for INT."],
        "options.0": ["TVPVR needs the equipment TERM4K."],
    }
    assert Quote.objects.count() == 0


def test_order_codes_list_the_pro_cable_services_of_a_selection(api, demo_catalog):
    response = api.post(URL + "order-codes", QUOTE, format="json")

    assert response.status_code == 200
    assert [s["code"] for s in response.json()["services"]] == [
        "INT100",
        "TVBAS",
        "TERM4K",
        "MODEM",
        "TVPVR",
        "FEEACT",
    ]


def test_a_customer_reads_their_own_quotes_only(customer_api, demo_catalog):
    quote = (
        customer_api("100001").post(URL + "quotes", QUOTE, format="json", HTTP_IDEMPOTENCY_KEY="q-6").json()
    )

    own = customer_api("100001").get(URL + f"quotes/{quote['id']}")
    other = customer_api("100002").get(URL + f"quotes/{quote['id']}")

    assert quote["snapshot"]["context"]["channel"] == "myshop"
    assert own.status_code == 200
    assert other.status_code == 403


def test_a_quote_is_always_priced_today(api, demo_catalog):
    body = api.post(
        URL + "quotes", {**QUOTE, "on": "2025-03-01"}, format="json", HTTP_IDEMPOTENCY_KEY="q-7"
    ).json()

    assert body["snapshot"]["context"]["priced_on"] == timezone.localdate().isoformat()
    assert body["snapshot"]["regular_monthly_price"] == "98.00"  # not the 2025 prices


def test_a_customer_reads_their_own_current_offer_and_not_another_one(customer_api, demo_catalog, gateway):
    gateway.add_customer("100001", "INT100", "TVBAS", "MODEM", "TERMHD")
    gateway.add_customer("100002", "INT500")
    client = customer_api("100001")

    own = client.get(URL + "customers/100001/current-offer")
    other = client.get(URL + "customers/100002/current-offer")

    assert own.status_code == 200
    assert (own.json()["offer"]["code"], own.json()["myshop_allowed"]) == ("RG_INT100_TVBAS", True)
    assert other.status_code == 403


def test_the_default_web_user_cannot_read_a_customer_and_care_staff_can(
    api, staff_api, demo_catalog, gateway
):
    gateway.add_customer("100003", "TVBAS", "TELRES")

    anonymous = api.get(URL + "customers/100003/current-offer")
    care = staff_api(rights=["wecare.customers"], channel="call_center").get(
        URL + "customers/100003/current-offer"
    )

    assert anonymous.status_code == 403
    assert care.status_code == 200
    assert (care.json()["offer"], care.json()["myshop_allowed"]) == (None, False)


def test_a_customer_gets_the_upsell_and_cross_sell_targets_of_their_offer(
    customer_api, demo_catalog, gateway
):
    gateway.add_customer("100004", "TVBAS", "TERMHD")

    body = customer_api("100004").get(URL + "customers/100004/change-targets").json()

    assert body["current_offer"]["code"] == "RG_TVBAS"
    assert [(t["kind"], t["offer"]["code"]) for t in body["targets"]] == [
        ("cross_sell", "RG_INT100_TVBAS"),
        ("cross_sell", "RG_INT500_TVBAS"),
        ("upsell", "RG_TVPLUS"),
    ]
