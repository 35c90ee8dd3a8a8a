"""MyShop front tests: a fake back answering the order engine's change carts."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from sites.myshop.views import CART_KEY

CUSTOMER = "100001"
CART_ID = "56a6bfe0-086b-4eeb-908e-133063668afb"
SECRET = "s3cret-of-the-change-cart"
CART_URL = f"/api/v1/orders/carts/{CART_ID}/"
ELIGIBILITY_URL = f"/api/v1/orders/customers/{CUSTOMER}/change-eligibility/"

CURRENT_OFFER = {
    "code": "RG_INT100_TVBAS",
    "name": "Basic TV + Internet 100 Mbps",
    "domains": ["INT", "TV"],
    "basic_services": [
        {"code": "INT100", "label": "Internet 100 Mbps", "domain": "INT"},
        {"code": "TVBAS", "label": "Basic TV", "domain": "TV"},
    ],
    "monthly_price": "80.00",
}
HIGHER_OFFER = {
    "code": "RG_INT500_TVBAS",
    "name": "Basic TV + Internet 500 Mbps",
    "domains": ["INT", "TV"],
    "basic_services": [
        {"code": "INT500", "label": "Internet 500 Mbps", "domain": "INT"},
        {"code": "TVBAS", "label": "Basic TV", "domain": "TV"},
    ],
    "monthly_price": "100.00",
}
PHONE_OFFER = {
    "code": "RG_INT100_TELRES_TVBAS",
    "name": "Basic TV + Internet 100 Mbps + Home phone",
    "domains": ["INT", "TEL", "TV"],
    "basic_services": [
        {"code": "INT100", "label": "Internet 100 Mbps", "domain": "INT"},
        {"code": "TELRES", "label": "Home phone", "domain": "TEL"},
        {"code": "TVBAS", "label": "Basic TV", "domain": "TV"},
    ],
    "monthly_price": "105.00",
}
COMPARISON = {
    "sale_type": "upsell",
    "offer_before": {"code": "RG_INT100_TVBAS", "name": "Basic TV + Internet 100 Mbps"},
    "offer_after": {"code": "RG_INT500_TVBAS", "name": "Basic TV + Internet 500 Mbps"},
    "is_offer_changed": True,
    "services_added": ["INT500"],
    "services_removed": ["INT100"],
    "options_added": ["TVSPORT"],
    "options_removed": [],
    "equipment_added": [{"code": "TERM4K", "acquisition": "rent", "quantity": 1}],
    "equipment_returned": ["THD000000002"],
    "monthly_price_before": "98.00",
    "monthly_price_after": "125.00",
    "monthly_price_after_regular": "130.00",
    "monthly_price_after_promotions": "130.00",
    "promotions": [
        {
            "code": "UPGRADE5",
            "name": "Upgrade: $5 off per month for 6 months",
            "monthly_reduction": "5.00",
            "duration_months": 6,
        }
    ],
    "monthly_difference": "27.00",
    "one_time_fees": [{"code": "FEEACT", "label": "Activation", "amount": "25.00"}],
    "commitment_effects": [
        {"service_code": "INT100", "ends_on": "2027-10-21", "early_termination_fee": "150.00"}
    ],
    "one_time_total": "175.00",
    "discount": None,
    "one_time_total_after_discount": "175.00",
}


def selection_json(**changes: Any) -> dict[str, Any]:
    selection = {
        "offer_code": "RG_INT100_TVBAS",
        "is_offer_changed": False,
        "sale_type": "upsell",
        "services_added": [],
        "services_removed": [],
        "options": ["INTSECU"],
        "options_added": [],
        "options_removed": [],
        "equipment_added": [],
        "equipment_returned": [],
        "directory": [],
    }
    return selection | changes


def cart_json(*, comparison: dict | None = None, selection: dict | None = None, **changes: Any) -> dict:
    cart = {
        "id": CART_ID,
        "status": "open",
        "step": "offer",
        "channel": "myshop",
        "sale_type": "upsell",
        "language": "en",
        "customer_number": CUSTOMER,
        "address_id": 11,
        "offer_code": "RG_INT100_TVBAS",
        "offer_domains": ["INT", "TV"],
        "equipment": [],
        "options": ["INTSECU"],
        "quote": None,
        "contact": {"first_name": "Julie", "last_name": "Tremblay"},
        "contact_draft": {},
        "contact_errors": {},
        "ask_date_of_birth": False,
        "install_mode": "",
        "appointment": None,
        "payment": None,
        "is_change": True,
        "taken_by": None,
        "override": None,
        "discount": None,
        "change": selection or selection_json(),
        "comparison": comparison,
    }
    return cart | changes


def change_json(*, phone_numbers: list | None = None, **changes: Any) -> dict:
    view = {
        "current": {
            "offer": copy.deepcopy(CURRENT_OFFER),
            "basic_services": ["INT100", "TVBAS"],
            "options": [{"code": "INTSECU", "label": "Internet security suite", "monthly_price": "5.00"}],
            "equipment": [
                {"serial_number": "MDM000000003", "code": "MODEM", "ownership": "rent"},
                {"serial_number": "THD000000002", "code": "TERMHD", "ownership": "rent"},
                {"serial_number": "THD000000009", "code": "TERMHD", "ownership": "buy"},
            ],
            "phone_numbers": phone_numbers or [],
            "commitments": [
                {"service_code": "INT100", "ends_on": "2027-10-21", "early_termination_fee": "150.00"}
            ],
            "monthly_price": "98.00",
        },
        "targets": [
            {
                "kind": "upsell",
                "offer": copy.deepcopy(HIGHER_OFFER),
                "monthly_difference": "20.00",
                "services_added": ["INT500"],
                "services_removed": ["INT100"],
                "equipment_kept": ["MODEM", "TERMHD"],
                "equipment_returned": [],
                "equipment_to_choose": [],
            },
            {
                "kind": "cross_sell",
                "offer": copy.deepcopy(PHONE_OFFER),
                "monthly_difference": "25.00",
                "services_added": ["TELRES"],
                "services_removed": [],
                "equipment_kept": ["MODEM", "TERMHD"],
                "equipment_returned": [],
                "equipment_to_choose": [{"domain": "TEL", "choices": ["PHONEADPT"]}],
            },
        ],
        "selection": selection_json(),
        "comparison": None,
    }
    return view | changes


EQUIPMENT = {
    "held": [
        {"serial_number": "MDM000000003", "code": "MODEM", "ownership": "rent"},
        {"serial_number": "THD000000002", "code": "TERMHD", "ownership": "rent"},
        {"serial_number": "THD000000009", "code": "TERMHD", "ownership": "buy"},
    ],
    "available": [
        {
            "code": "TERM4K",
            "domain": "TV",
            "label": "4K PVR terminal",
            "monthly_price": "10.00",
            "one_time_price": "0.00",
            "buy_price": "299.00",
            "allows_rent": True,
            "allows_buy": True,
            "max_quantity": 3,
        },
        {
            "code": "TERMHD",
            "domain": "TV",
            "label": "HD terminal",
            "monthly_price": "5.00",
            "one_time_price": "0.00",
            "buy_price": "149.00",
            "allows_rent": True,
            "allows_buy": True,
            "max_quantity": 3,
        },
    ],
}
OPTIONS = {
    "options": [
        {"code": "INTSECU", "domain": "INT", "label": "Internet security suite", "monthly_price": "5.00"},
        {"code": "TVSPORT", "domain": "TV", "label": "Sports pack", "monthly_price": "12.00"},
    ],
    "unavailable": [
        {
            "code": "TVPVR",
            "domain": "TV",
            "label": "Cloud recording",
            "monthly_price": "8.00",
            "requires_equipment": "TERM4K",
            "reason": "This option needs the equipment TERM4K.",
        }
    ],
    "chosen": ["INTSECU"],
}


def eligibility_json(*, blockers: list[dict] | None = None) -> dict:
    return {
        "customer_number": CUSTOMER,
        "allowed": not blockers,
        "blockers": blockers or [],
        "current_offer": copy.deepcopy(CURRENT_OFFER),
    }


@pytest.fixture
def logged_in(client, customer_login_as):
    customer_login_as(client, CUSTOMER)
    return client


@pytest.fixture
def with_cart(logged_in):
    session = logged_in.session
    session[CART_KEY] = {"id": CART_ID, "secret": SECRET}
    session.save()
    return logged_in
