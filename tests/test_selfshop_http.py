"""SelfShop over plain HTTP (no JavaScript), on the real front and back under gunicorn.

A visitor reads each page's form and submits it (CSRF included), as a browser without JavaScript
would: address step by step, offer, equipment, options, summary, contact, appointment, payment, confirm.
"""

from __future__ import annotations

import re
import sys
import uuid
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from selfshop_journey import LeanVisitor, Visitor, subscribe


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_new_customer_subscribes_in_english_with_a_card_and_a_technician_appointment(stack):
    visitor = Visitor(stack.front_url, language="en")

    done = _text(subscribe(visitor, address_id=1, email=f"{uuid.uuid4().hex[:8]}@example.com"))

    assert "Order confirmed" in done or "Order received" in done
    assert re.search(r"Customer number \d{6}", done) or "Order received" in done
    assert "One-time costs" in done
    assert visitor.client.cookies.get("weblys_session")


def test_the_load_benchmarks_lean_visitor_completes_the_same_journey(stack):
    visitor = LeanVisitor(stack.front_url, language="fr")

    done = _text(subscribe(visitor, address_id=1, install_mode="shipment", email="lean@example.com"))

    assert "Commande confirmée" in done or "Commande reçue" in done
    assert visitor.cookie("weblys_session") and visitor.cookie("csrftoken")
    assert len(visitor.timings) >= 18


def test_a_new_customer_subscribes_in_french_passing_the_card_verification(stack):
    visitor = Visitor(stack.front_url, language="fr")

    done = _text(subscribe(visitor, address_id=2, card="4000000000003220", install_mode="shipment"))

    assert "Merci" in done
    assert "Commande confirmée" in done or "Commande reçue" in done


def test_an_address_the_network_does_not_reach_gets_a_clear_answer(stack):
    visitor = Visitor(stack.front_url, language="en")
    visitor.get("/selfshop/?q=20 rue Sher")
    pick = visitor.form(having="address_id")

    response = visitor.submit(pick, {"address_id": "6"}, expect_redirect=False)

    assert response.status_code == 422
    assert "Sorry, our network does not reach this address yet" in _text(response.text)


def test_an_offer_from_the_portal_not_sold_at_the_address_shows_what_is_available_instead(stack):
    visitor = Visitor(stack.front_url, language="en")
    visitor.get("/selfshop/?offer=RG_INT100_TVBAS&q=20 rue Sher")
    pick = visitor.form(having="address_id")
    assert ("offer", "RG_INT100_TVBAS", "hidden", False) in pick.fields

    response = visitor.submit(pick, {"address_id": "5"}, expect_redirect=False)

    text = _text(response.text)
    assert response.status_code == 422
    assert "The offer RG_INT100_TVBAS is not available at this address." in text
    assert "Mobile 10 GB" in text
    visitor.submit(visitor.main_form(), {})
    assert visitor.url.endswith("/selfshop/offers/")


def test_an_offer_from_the_portal_is_carried_to_the_equipment_step(stack):
    visitor = Visitor(stack.front_url, language="en")
    visitor.get("/selfshop/?offer=RG_INT500&q=20 rue Sher")

    visitor.submit(visitor.form(having="address_id"), {"address_id": "3"})

    assert visitor.url.endswith("/selfshop/equipment/")
    assert "Internet 500 Mbps" in _text(visitor.html)


def test_the_session_keeps_no_card_number_and_the_back_refuses_a_stolen_cart_id(stack):
    visitor = Visitor(stack.front_url, language="en")
    subscribe(visitor, address_id=8, install_mode="delivery")

    assert "4242424242424242" not in visitor.html
    with httpx.Client(base_url=stack.front_url) as other:
        response = other.get("/selfshop/done/", follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == "/selfshop/"
