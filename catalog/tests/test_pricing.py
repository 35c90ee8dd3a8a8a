"""Pricing: lines, promotions before / during / after their period, promotional periods, rounding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from catalog import demo
from catalog.errors import SelectionInvalidError
from catalog.pricing import (
    EquipmentChoice,
    Selection,
    selection_order_codes,
    selection_price,
    selection_validate,
)
from catalog.selectors import SaleContext
from catalog.services import catalog_load
from catalog.snapshot import catalog_data

pytestmark = pytest.mark.django_db(databases="__all__")

TV_INT = "RG_INT100_TVBAS"
BASIC_SELECTION = Selection(TV_INT, equipment=(EquipmentChoice("TERMHD"), EquipmentChoice("MODEM")))


def _price(selection: Selection, context: SaleContext) -> dict:
    data = catalog_data()
    offer = data.offers[selection.offer_code]
    selection_validate(data=data, offer=offer, selection=selection)
    return selection_price(data=data, offer=offer, selection=selection, context=context)


def _load_with_welcome(valid_from: date, valid_to: date | None) -> None:
    document = demo.document()
    for row in document["promotions"]:
        if row["code"] == "WELCOME10":
            row.update(valid_from=valid_from, valid_to=valid_to)
    catalog_load(raw=document)


def test_a_quote_sums_basic_services_rented_equipment_options_and_one_time_fees(demo_catalog):
    selection = Selection(
        TV_INT,
        equipment=(EquipmentChoice("TERM4K"), EquipmentChoice("MODEM", "buy")),
        option_codes=("TVPVR",),
    )

    priced = _price(selection, SaleContext(channel="store", on=date(2026, 3, 1)))

    assert [(line["code"], line["monthly"], line["one_time"]) for line in priced["lines"]] == [
        ("INT100", "55.00", "0.00"),
        ("TVBAS", "25.00", "0.00"),
        ("TERM4K", "10.00", "0.00"),
        ("MODEM", "0.00", "199.00"),
        ("TVPVR", "8.00", "0.00"),
        ("FEEACT", "0.00", "25.00"),
    ]
    assert priced["regular_monthly_price"] == "98.00"
    assert priced["monthly_price"] == "98.00"
    assert priced["one_time_total"] == "224.00"
    assert priced["promotions"] == []
    assert priced["periods"] == [
        {"from_month": 1, "to_month": None, "monthly_price": "98.00", "promotions": []}
    ]


@pytest.mark.parametrize(
    ("priced_on", "monthly_now", "periods"),
    [
        (date(2026, 4, 30), "93.00", [(1, None, "93.00")]),  # before the promotion starts
        (date(2026, 5, 1), "83.00", [(1, 12, "83.00"), (13, None, "93.00")]),  # first day
        (date(2026, 8, 31), "83.00", [(1, 12, "83.00"), (13, None, "93.00")]),  # last day
        (date(2026, 9, 1), "93.00", [(1, None, "93.00")]),  # after it ended
    ],
)
def test_the_welcome_promotion_applies_only_to_sales_inside_its_period(db, priced_on, monthly_now, periods):
    _load_with_welcome(date(2026, 5, 1), date(2026, 8, 31))

    priced = _price(BASIC_SELECTION, SaleContext(sale_type="new", channel="selfshop", on=priced_on))

    assert priced["monthly_price"] == monthly_now
    assert [(p["from_month"], p["to_month"], p["monthly_price"]) for p in priced["periods"]] == periods
    assert priced["monthly_price_after_promotions"] == "93.00"


@pytest.mark.parametrize(
    "context",
    [
        SaleContext(sale_type="new", channel="store", on=date(2026, 3, 1)),
        SaleContext(sale_type="upsell", channel="selfshop", on=date(2026, 3, 1)),
    ],
)
def test_the_welcome_promotion_needs_a_new_customer_on_selfshop(demo_catalog, context):
    priced = _price(BASIC_SELECTION, context)

    assert "WELCOME10" not in [p["code"] for p in priced["promotions"]]


def test_stacked_promotions_split_the_time_into_periods_and_the_commitment_unlocks_one(demo_catalog):
    offer_code = demo.offer_code("RG", "INT1G+TELRES+TVPLUS")
    selection = Selection(
        offer_code,
        equipment=(EquipmentChoice("TERMHD"), EquipmentChoice("GWWIFI6"), EquipmentChoice("PHONEADPT")),
        commitment_months=24,
    )
    context = SaleContext(sale_type="new", channel="selfshop", on=date(2026, 3, 1))

    committed = _price(selection, context)
    uncommitted = _price(Selection(offer_code, equipment=selection.equipment, commitment_months=12), context)

    # 45 + 95 + 25 basic, 5 + 12 + 3 equipment = 185.00
    assert committed["regular_monthly_price"] == "185.00"
    assert committed["periods"] == [
        {"from_month": 1, "to_month": 12, "monthly_price": "160.00", "promotions": ["TRIPLE24", "WELCOME10"]},
        {"from_month": 13, "to_month": 24, "monthly_price": "170.00", "promotions": ["TRIPLE24"]},
        {"from_month": 25, "to_month": None, "monthly_price": "185.00", "promotions": []},
    ]
    assert [p["code"] for p in uncommitted["promotions"]] == ["WELCOME10"]


def test_a_percent_discount_is_rounded_half_up_to_the_cent_and_has_no_end(demo_catalog):
    selection = Selection("EMP_INT100", equipment=(EquipmentChoice("MODEM"),), option_codes=("INTSECU",))

    priced = _price(selection, SaleContext(group_code="EMP", channel="store", on=date(2026, 3, 1)))

    # 55 + 8 + 5 = 68.00; 25 % = 17.00
    assert priced["promotions"][0]["monthly_reduction"] == "17.00"
    assert priced["periods"] == [
        {"from_month": 1, "to_month": None, "monthly_price": "51.00", "promotions": ["EMP25"]}
    ]


def test_a_percent_reduction_of_half_a_cent_rounds_up(db):
    document = demo.document()
    document["promotions"] = [{**document["promotions"][1], "percent": Decimal("12.50")}]
    catalog_load(raw=document)
    selection = Selection("EMP_MOB10", equipment=(EquipmentChoice("SIM", "buy"),), option_codes=("MOBROAM",))

    priced = _price(selection, SaleContext(group_code="EMP", on=date(2026, 3, 1)))

    # (35 + 10) * 12.5 % = 5.625 → 5.63
    assert priced["promotions"][0]["monthly_reduction"] == "5.63"
    assert priced["monthly_price"] == "39.37"
    assert priced["one_time_total"] == "10.00"


def test_a_selection_missing_required_equipment_or_with_foreign_items_is_refused_with_each_reason(
    demo_catalog,
):
    data = catalog_data()
    selection = Selection(
        TV_INT,
        equipment=(EquipmentChoice("GWWIFI6", "lease"), EquipmentChoice("SIM")),
        option_codes=("MOBROAM",),
    )

    with pytest.raises(SelectionInvalidError) as refused:
        selection_validate(data=data, offer=data.offers[TV_INT], selection=selection)

    assert refused.value.errors == {
        "equipment.0": ["Choose rent or buy."],
        "equipment.1": ["SIM is not equipment of this offer."],
        "equipment": ["Choose one of TERM4K, TERMHD for TV."],
        "options.0": ["MOBROAM is not an option of this offer."],
    }


def test_the_order_codes_list_every_pro_cable_service_of_the_selection(demo_catalog):
    data = catalog_data()
    selection = Selection(
        TV_INT,
        equipment=(EquipmentChoice("TERM4K", quantity=2), EquipmentChoice("MODEM", "buy")),
        option_codes=("TVPVR", "INTSECU"),
    )

    rows = selection_order_codes(data=data, offer=data.offers[TV_INT], selection=selection)

    assert [(r["code"], r["kind"], r["quantity"], r["acquisition"]) for r in rows] == [
        ("INT100", "basic", 1, None),
        ("TVBAS", "basic", 1, None),
        ("TERM4K", "equipment", 2, "rent"),
        ("MODEM", "equipment", 1, "buy"),
        ("TVPVR", "option", 1, None),
        ("INTSECU", "option", 1, None),
        ("FEEACT", "fee", 1, None),
    ]
