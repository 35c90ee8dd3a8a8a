"""WeShop over plain HTTP (no JavaScript), on the real front and back under gunicorn.

A seller logs in at /staff/login/, reads each page's form and submits it as a browser without
JavaScript would: customer search, customer file, change of offer, new-customer sale, orders taken.
"""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from selfshop_journey import Visitor

PASSWORDS = {
    "store1": "store-demo-2026",
    "manager1": "manager-demo-2026",
    "dist1": "dist-demo-2026",
    "care1": "care-demo-2026",
}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def seller(stack, code: str, language: str = "en") -> Visitor:
    visitor = Visitor(stack.front_url, language=language)
    visitor.get("/staff/login/?next=/weshop/")
    visitor.submit(visitor.form(having="password"), {"code": code, "password": PASSWORDS[code]})
    assert visitor.url.endswith("/weshop/"), visitor.url
    if f'<html lang="{language}"' not in visitor.html:  # the login switched to the user's own language
        visitor.client.cookies.delete("weblys_language")
        visitor.submit(visitor.form(having="next"), {"language": language, "next": "/weshop/"})
    assert f'<html lang="{language}"' in visitor.html
    return visitor


def postal_code_of(visitor: Visitor, number: str) -> str:
    visitor.get(f"/weshop/customers/?number={number}")
    match = re.search(r"<td>([A-Z]\d[A-Z] \d[A-Z]\d)</td>", visitor.html)
    assert match, visitor.html[:3000]
    return match.group(1)


def test_an_agent_finds_a_customer_by_postal_code_and_last_name_adds_an_option_and_confirms(stack):
    visitor = seller(stack, "store1")
    postal_code = postal_code_of(visitor, "100001")

    visitor.submit(
        visitor.form(having="postal_code"),
        {"number": "", "last_name": "Tremblay", "postal_code": postal_code},
    )
    assert '<a href="/weshop/customers/100001/">100001</a>' in visitor.html
    visitor.get("/weshop/customers/100001/")
    assert "Customer 100001: Julie Tremblay" in _text(visitor.html)
    visitor.submit(visitor.main_form(), {})
    assert visitor.url.endswith("/weshop/change/")
    offer = visitor.main_form()
    visitor.submit(offer, {})  # keep the current offer
    assert visitor.url.endswith("/weshop/change/equipment/")
    visitor.submit(visitor.main_form(), {})
    options = visitor.main_form()
    chosen = options.values().get("options", [])
    new = [code for code in options.options("options") if code not in chosen][:1]
    assert new, "the demo offer of 100001 has an option it does not hold yet"
    visitor.submit(options, {"options": chosen + new})
    assert visitor.url.endswith("/weshop/summary/")
    summary = _text(visitor.html)
    assert "Before and after the change" in summary
    assert 'name="amount"' not in visitor.html  # a store agent has no discount right
    visitor.get("/weshop/appointment/")
    if visitor.url.endswith("/appointment/"):
        visitor.submit(visitor.main_form(), {"install_mode": "none"})
    assert visitor.url.endswith("/weshop/review/")
    visitor.submit(visitor.main_form(), {"accept": "on"})

    done = _text(visitor.html)
    assert visitor.url.endswith("/weshop/order/")
    assert "Taken by store1" in done
    assert "Store MTL01" in done
    assert "Channel Store" in done
    assert "Upsell" in done or "Cross-sell" in done
    assert "100001" in done


def test_a_new_customer_order_at_a_demo_address_with_the_serial_number_of_the_modem(stack):
    visitor = seller(stack, "store1")

    visitor.get("/weshop/new/?city=MTL")
    street = visitor.form(having="street")
    sherbrooke = next(
        v for v, _s in street.selects["street"] if v and "Sherbrooke Ouest" in _street_label(visitor.html, v)
    )
    visitor.submit(street, {"street": sherbrooke})
    visitor.submit(visitor.form(having="civic"), {})
    pick = visitor.form(having="address_id")
    visitor.submit(pick, {"address_id": "1"})
    assert visitor.url.endswith("/weshop/new/offers/")
    offers = visitor.main_form()
    visitor.submit(
        offers,
        {
            "offer_code": "RG_INT100"
            if "RG_INT100" in offers.options("offer_code")
            else offers.options("offer_code")[0]
        },
    )
    assert visitor.url.endswith("/weshop/new/equipment/")
    assert 'name="serials_MODEM"' in visitor.html
    equipment = visitor.main_form()
    refused = visitor.submit(
        equipment,
        {"qty_MODEM": "1", "acq_MODEM": "rent", "serials_MODEM": "MDMS99999999"},
        expect_redirect=False,
    )
    assert refused.status_code == 400
    assert "The serial number MDMS99999999 is unknown." in _text(refused.text)
    visitor.submit(
        visitor.main_form(), {"qty_MODEM": "1", "acq_MODEM": "rent", "serials_MODEM": "MDMS00000003"}
    )
    visitor.submit(visitor.main_form(), {})
    assert visitor.url.endswith("/weshop/summary/")
    visitor.get("/weshop/new/contact/")
    visitor.submit(
        visitor.main_form(),
        {
            "first_name": "Nora",
            "last_name": "Lambert",
            "email": f"{uuid.uuid4().hex[:8]}@example.com",
            "phone": "514 555 0199",
            "language": "en",
        },
    )
    appointment = visitor.main_form()
    mode = "none" if "none" in appointment.options("install_mode") else "delivery"
    visitor.submit(appointment, {"install_mode": mode})
    assert visitor.url.endswith("/weshop/payment/")
    visitor.submit(visitor.main_form(), {"method": "bill"})
    visitor.submit(visitor.main_form(), {"accept": "on"})

    done = _text(visitor.html)
    assert visitor.url.endswith("/weshop/order/")
    assert "New customer" in done
    assert "Taken by store1" in done and "Store MTL01" in done and "Channel Store" in done
    visitor.get("/weshop/orders/")
    assert "store1 MTL01 Store" in _text(visitor.html)


def _street_label(html: str, value: str) -> str:
    match = re.search(rf'<option value="{value}"[^>]*>([^<]*)</option>', html)
    return match.group(1) if match else ""


def test_a_distributor_sees_no_discount_field_and_the_back_refuses_the_discount(stack):
    visitor = seller(stack, "dist1")
    postal_code = postal_code_of(visitor, "100002")
    visitor.submit(
        visitor.form(having="postal_code"), {"number": "", "last_name": "Smith", "postal_code": postal_code}
    )
    visitor.get("/weshop/customers/100002/")
    visitor.submit(visitor.main_form(), {})
    visitor.submit(visitor.main_form(), {})
    visitor.submit(visitor.main_form(), {})
    visitor.submit(visitor.main_form(), {})
    assert visitor.url.endswith("/weshop/summary/")
    assert 'name="amount"' not in visitor.html

    refused = visitor.client.post(
        "/weshop/summary/",
        data={"kind": "monthly", "amount": "10.00", "reason": "Loyal"},
        headers={
            "X-CSRFToken": visitor.client.cookies.get("csrftoken", ""),
            "Referer": stack.front_url + "/weshop/summary/",
        },
    )
    assert refused.status_code == 403

    with stack.back() as back:
        token = back.post(
            "/api/v1/security/sessions/", json={"code": "dist1", "password": PASSWORDS["dist1"]}
        ).json()["token"]
        person = {"Authorization": f"Bearer {token}"}
        created = back.post(
            "/api/v1/orders/carts/",
            json={"sale_type": "change", "customer_number": "100002", "language": "en"},
            headers=person | {"Idempotency-Key": uuid.uuid4().hex},
        )
        # The front's cart still holds the file: the back refuses a second change cart.
        assert created.status_code in (201, 409), created.text
        if created.status_code == 409:
            visitor.client.post(
                "/weshop/cancel/",
                headers={
                    "X-CSRFToken": visitor.client.cookies.get("csrftoken", ""),
                    "Referer": stack.front_url + "/weshop/",
                },
            )
            created = back.post(
                "/api/v1/orders/carts/",
                json={"sale_type": "change", "customer_number": "100002", "language": "en"},
                headers=person | {"Idempotency-Key": uuid.uuid4().hex},
            )
        cart = created.json()
        secret = {"X-Cart-Secret": cart["cart_secret"]}
        discount = back.put(
            f"/api/v1/orders/carts/{cart['id']}/discount/",
            json={"kind": "monthly", "amount": "10.00", "reason": "Loyal"},
            headers=person | secret,
        )
        after = back.get(f"/api/v1/orders/carts/{cart['id']}/", headers=person | secret).json()
        back.delete(f"/api/v1/orders/carts/{cart['id']}/", headers=person | secret)

    assert discount.status_code == 403
    assert discount.json()["code"] == "discount_not_allowed"
    assert after["discount"] is None


NO_WESHOP_USER = (
    "from back.security import services; "
    "services.profile_upsert(code='DIAG_ONLY', name='Diagnostics only', "
    "right_codes=['wediag', 'wediag.use']); "
    "services.staff_user_upsert(code='diag1', display_name='Dana Diag', password='diag-test-2026', "
    "profile_codes=['DIAG_ONLY'], channel='call_center', store_code='CC01', email='diag1@cablys.example')"
)


@pytest.fixture(scope="module")
def user_without_weshop(stack) -> str:
    """A staff user whose only rights are WeDiag's (no demo user lacks WeShop), written in SECURITY."""
    subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {NO_WESHOP_USER}"],
        cwd=Path(__file__).resolve().parent.parent,
        env=stack.env | {"DJANGO_SETTINGS_MODULE": "back.settings"},
        check=True,
    )
    return "diag1"


@pytest.mark.parametrize(
    "path", ["/weshop/", "/weshop/customers/?number=100001", "/weshop/new/", "/weshop/orders/"]
)
def test_a_user_without_weshop_rights_gets_403(stack, user_without_weshop, path):
    visitor = Visitor(stack.front_url, language="en")
    visitor.get("/staff/login/")
    visitor.submit(
        visitor.form(having="password"), {"code": user_without_weshop, "password": "diag-test-2026"}
    )

    refused = visitor.client.get(path)

    assert refused.status_code == 403
    assert "weshop" in refused.text


def test_the_back_refuses_a_customer_search_to_a_user_without_weshop_rights(stack, user_without_weshop):
    with stack.back() as back:
        token = back.post(
            "/api/v1/security/sessions/", json={"code": user_without_weshop, "password": "diag-test-2026"}
        )
        response = back.get(
            "/api/v1/procable/customers/",
            params={"number": "100001"},
            headers={"Authorization": f"Bearer {token.json()['token']}"},
        )

    assert response.status_code == 403
