"""SelfShop front tests: a fake back answering the order engine and the address lookup."""

from __future__ import annotations

from typing import Any

import pytest

from sites.selfshop.views import CART_KEY

CART_ID = "3ebd4cc1-7556-4eea-9f5a-03694de63ef9"
SECRET = "s3cret-of-the-cart"
CART_URL = f"/api/v1/orders/carts/{CART_ID}/"

QUOTE = {
    "offer": {"code": "RG_INT100_TVBAS", "name": "Basic TV + Internet 100 Mbps"},
    "lines": [
        {
            "code": "INT100",
            "kind": "basic",
            "label": "Internet 100 Mbps",
            "quantity": 1,
            "acquisition": None,
            "monthly": "55.00",
            "one_time": "0.00",
        },
        {
            "code": "TERMHD",
            "kind": "equipment",
            "label": "HD terminal",
            "quantity": 2,
            "acquisition": "buy",
            "monthly": "0.00",
            "one_time": "298.00",
        },
        {
            "code": "FEEACT",
            "kind": "fee",
            "label": "Activation",
            "quantity": 1,
            "acquisition": None,
            "monthly": "0.00",
            "one_time": "25.00",
        },
    ],
    "promotions": [
        {
            "code": "WELCOME10",
            "name": "Welcome: $10 off per month for 12 months",
            "monthly_reduction": "10.00",
            "duration_months": 12,
        }
    ],
    "regular_monthly_price": "98.00",
    "monthly_price": "88.00",
    "monthly_price_after_promotions": "98.00",
    "periods": [
        {"from_month": 1, "to_month": 12, "monthly_price": "88.00"},
        {"from_month": 13, "to_month": None, "monthly_price": "98.00"},
    ],
    "one_time_total": "323.00",
}
OFFERS = [
    {
        "code": "RG_INT100",
        "name": "Internet 100 Mbps",
        "domains": ["INT"],
        "monthly_price": "55.00",
        "basic_services": [{"code": "INT100", "label": "Internet 100 Mbps", "domain": "INT"}],
    },
    {
        "code": "RG_INT100_TVBAS",
        "name": "Basic TV + Internet 100 Mbps",
        "domains": ["INT", "TV"],
        "monthly_price": "80.00",
        "basic_services": [],
    },
]
EQUIPMENT = [
    {
        "code": "MODEM",
        "domain": "INT",
        "label": "Cable modem",
        "monthly_price": "8.00",
        "one_time_price": "0.00",
        "buy_price": "199.00",
        "is_required": True,
        "allows_rent": True,
        "allows_buy": True,
        "max_quantity": 1,
    },
    {
        "code": "TERMHD",
        "domain": "TV",
        "label": "HD terminal",
        "monthly_price": "5.00",
        "one_time_price": "0.00",
        "buy_price": "149.00",
        "is_required": True,
        "allows_rent": True,
        "allows_buy": True,
        "max_quantity": 3,
    },
]
ADDRESS = {
    "id": 1,
    "city_code": "MTL",
    "city_name": "Montréal",
    "street_name": "rue Sherbrooke Ouest",
    "civic_number": 20,
    "apartment": "101",
    "postal_code": "H4A 2Q3",
    "serviceable": True,
    "domains": ["INT", "MOB", "TEL", "TV"],
    "label": "101-20 rue Sherbrooke Ouest, Montréal H4A 2Q3",
}
SLOTS = [
    {"day": "2026-11-26", "period": "PM", "available": 3},
    {"day": "2026-11-27", "period": "AM", "available": 7},
]


def cart_json(**changes: Any) -> dict[str, Any]:
    """A cart as the back answers it; by default at the appointment step with everything before it done."""
    cart = {
        "id": CART_ID,
        "status": "open",
        "step": "contact",
        "channel": "selfshop",
        "sale_type": "new",
        "language": "en",
        "customer_number": "",
        "address_id": 1,
        "offer_code": "RG_INT100_TVBAS",
        "offer_domains": ["INT", "TV"],
        "equipment": [
            {"code": "MODEM", "acquisition": "rent", "quantity": 1, "serial_numbers": []},
            {"code": "TERMHD", "acquisition": "buy", "quantity": 2, "serial_numbers": []},
        ],
        "options": ["INTIPFIX"],
        "quote": QUOTE,
        "contact": {
            "first_name": "Ana",
            "last_name": "Lee",
            "email": "ana@example.com",
            "phone": "514 555 0101",
            "language": "en",
        },
        "contact_draft": {},
        "contact_errors": {},
        "ask_date_of_birth": False,
        "install_mode": "",
        "appointment": None,
        "payment": None,
        "step_times": {},
    }
    cart.update(changes)
    return cart


@pytest.fixture
def with_cart(client: Any) -> Any:
    """The test client's session holds a cart handle (id + secret), as after the address step."""
    session = client.session
    session[CART_KEY] = {"id": CART_ID, "secret": SECRET}
    session.save()
    return client


@pytest.fixture(autouse=True)
def english(client: Any) -> None:
    """Pages in English unless a test asks for French."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
