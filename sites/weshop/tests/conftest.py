"""WeShop front tests: a fake back answering customer search, change carts, staff carts and orders."""

from __future__ import annotations

from typing import Any

import pytest

from sites.weshop.views import CART_KEY, KIND_KEY

CART_ID = "7f1c2a8e-1d5b-4c55-9f3e-2a6f0d9b8c41"
SECRET = "weshop-cart-secret"
CART_URL = f"/api/v1/orders/carts/{CART_ID}/"
SEARCH_URL = "/api/v1/procable/customers/"

CUSTOMER = {
    "number": "100001",
    "first_name": "Julie",
    "last_name": "Tremblay",
    "email": "julie@example.com",
    "phones": ["514 555 0101"],
    "language": "fr",
    "customer_type": "RES",
    "group_code": "RG",
    "status": "active",
    "collection_status": "none",
    "address_id": 11,
    "balance": "0.00",
    "is_locked": False,
    "lock_reason": "",
    "company_name": "",
    "postal_code": "H2X 1A1",
    "payment_method": "bill",
}
SUMMARY_ROW = {
    "number": "100001",
    "first_name": "Julie",
    "last_name": "Tremblay",
    "company_name": "",
    "customer_type": "RES",
    "status": "active",
    "postal_code": "H2X 1A1",
    "address_id": 11,
    "address_label": "20 rue Saint-Denis, Montréal H2X 1A1",
}
CURRENT_OFFER = {
    "code": "RG_INT100_TVBAS",
    "name": "Basic TV + Internet 100",
    "domains": ["INT", "TV"],
    "monthly_price": "80.00",
}
ELIGIBLE = {"customer_number": "100001", "allowed": True, "blockers": [], "current_offer": CURRENT_OFFER}
BLOCKED_VIP = {
    "customer_number": "100006",
    "allowed": False,
    "blockers": [
        {
            "code": "customer_type_not_allowed",
            "message": "VIP customers change their offer with a manager.",
            "is_overridable": True,
        }
    ],
    "current_offer": CURRENT_OFFER,
}
TAKEN_BY = {"staff_code": "agent1", "store_code": "MTL01", "channel": "store"}
CHANGE = {
    "current": {
        "offer": CURRENT_OFFER,
        "basic_services": ["INT100", "TVBAS"],
        "options": [{"code": "TVSPORT", "label": "Sports pack", "monthly_price": "12.00"}],
        "equipment": [{"serial_number": "MDMA00000011", "code": "MODEM", "ownership": "rent"}],
        "phone_numbers": [],
        "commitments": [],
        "monthly_price": "92.00",
    },
    "targets": [
        {
            "kind": "upsell",
            "offer": {
                "code": "RG_INT500_TVBAS",
                "name": "Basic TV + Internet 500",
                "domains": ["INT", "TV"],
                "monthly_price": "100.00",
            },
            "monthly_difference": "20.00",
            "services_added": ["INT500"],
            "services_removed": ["INT100"],
        }
    ],
    "selection": {
        "offer_code": "RG_INT100_TVBAS",
        "is_offer_changed": False,
        "options": ["TVSPORT"],
        "options_added": [],
        "options_removed": [],
        "equipment_added": [],
        "equipment_returned": [],
        "directory": [],
    },
    "comparison": None,
}
COMPARISON = {
    "sale_type": "upsell",
    "offer_before": {"code": "RG_INT100_TVBAS", "name": "Basic TV + Internet 100"},
    "offer_after": {"code": "RG_INT100_TVBAS", "name": "Basic TV + Internet 100"},
    "services_added": [],
    "services_removed": [],
    "options_added": ["TVCINE"],
    "options_removed": [],
    "equipment_added": [],
    "equipment_returned": [],
    "monthly_price_before": "92.00",
    "monthly_price_after": "107.00",
    "monthly_difference": "15.00",
    "one_time_fees": [],
    "commitment_effects": [],
    "one_time_total": "0.00",
    "discount": None,
}
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
    }
]
OPTIONS = {
    "options": [
        {
            "code": "TVSPORT",
            "domain": "TV",
            "label": "Sports pack",
            "monthly_price": "12.00",
            "one_time_price": "0.00",
            "buy_price": None,
        },
        {
            "code": "TVCINE",
            "domain": "TV",
            "label": "Cinema pack",
            "monthly_price": "15.00",
            "one_time_price": "0.00",
            "buy_price": None,
        },
    ],
    "unavailable": [],
}
QUOTE = {
    "offer": {"code": "RG_INT100", "name": "Internet 100"},
    "lines": [
        {
            "code": "INT100",
            "kind": "basic",
            "label": "Internet 100",
            "quantity": 1,
            "acquisition": None,
            "monthly": "55.00",
            "one_time": "0.00",
        }
    ],
    "promotions": [],
    "regular_monthly_price": "55.00",
    "monthly_price": "55.00",
    "monthly_price_after_promotions": "55.00",
    "periods": [],
    "one_time_total": "25.00",
}


def cart_json(**changes: Any) -> dict[str, Any]:
    """A staff cart as the back answers it (a change cart of 100001 by default)."""
    cart = {
        "id": CART_ID,
        "status": "open",
        "step": "offer",
        "channel": "store",
        "sale_type": "upsell",
        "language": "en",
        "customer_number": "100001",
        "address_id": 11,
        "offer_code": "RG_INT100_TVBAS",
        "offer_domains": ["INT", "TV"],
        "equipment": [],
        "options": ["TVSPORT"],
        "quote": None,
        "contact": {},
        "contact_draft": {},
        "contact_errors": {},
        "ask_date_of_birth": False,
        "install_mode": "",
        "appointment": None,
        "payment": None,
        "step_times": {},
        "is_change": True,
        "taken_by": TAKEN_BY,
        "override": None,
        "discount": None,
        "change": CHANGE["selection"],
        "comparison": None,
        "serial_numbers_required": None,
    }
    cart.update(changes)
    return cart


def order_json(**changes: Any) -> dict[str, Any]:
    order = {
        "id": "0b8b8f7e-4a8e-4c1e-8d55-5f0c1f1d2e3a",
        "cart_id": CART_ID,
        "status": "submitted",
        "status_reason": "",
        "customer_number": "100001",
        "channel": "store",
        "offer_code": "RG_INT100_TVBAS",
        "monthly_price": "107.00",
        "one_time_total": "0.00",
        "install_mode": "none",
        "appointment": None,
        "work_orders": {},
        "letters": [],
        "created_at": "2026-11-25T10:00:00+00:00",
        "submitted_at": "2026-11-25T10:00:01+00:00",
        "sale_type": "upsell",
        "is_change": True,
        "taken_by": TAKEN_BY,
        "override": None,
        "discount": None,
        "comparison": COMPARISON,
        "expected_on": "2026-11-26",
        "is_pending": True,
    }
    order.update(changes)
    return order


SELLER = ["weshop", "weshop.sell"]
MANAGER = ["weshop", "weshop.sell", "weshop.discount", "weshop.override"]


@pytest.fixture(autouse=True)
def english(client: Any) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def with_cart(client: Any) -> Any:
    """`with_cart("change")` puts a cart handle of that kind in the test client's session."""

    def put(kind: str = "change") -> Any:
        session = client.session
        session[CART_KEY] = {"id": CART_ID, "secret": SECRET}
        session[KIND_KEY] = kind
        session.save()
        return client

    return put
