"""MyShop over plain HTTP (no JavaScript), on the real front and back under gunicorn.

A customer logs in to MyAccount through the front, opens MyShop, moves to a higher offer, adds an
option and confirms; the back then lists the pending change among the customer's orders. An
employee's file is blocked and says why.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from selfshop_journey import Visitor

RADIO = re.compile(
    r'<input type="radio" name="offer_code" value="([^"]+)"[^>]*id="([^"]+)"[^>]*>'
    r'\s*<label for="\2">([^<]+)</label>'
)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def login_to_myaccount_then_open_myshop(stack, number: str, password: str) -> Visitor:
    visitor = Visitor(stack.front_url, language="en")
    visitor.get("/myshop/")
    assert visitor.url.startswith("/myaccount/login/?next=")
    visitor.submit(visitor.form(having="login_id"), {"login_id": number, "password": password})
    return visitor


def higher_offer(html: str) -> tuple[str, str]:
    """The first upgrade proposed on the offer step: (code, label)."""
    for code, _id, label in RADIO.findall(html):
        if label.strip().startswith("Upgrade:"):
            return code, label.strip()
    raise AssertionError(f"no upgrade proposed:\n{_text(html)[:2000]}")


def finish_after_summary(visitor: Visitor) -> str:
    """Appointment and payment when the rules ask for them, then confirm; the confirmation page's text."""
    visitor.get("/myshop/appointment/")
    if visitor.url.endswith("/myshop/appointment/"):
        form = visitor.main_form()
        changes = {"install_mode": form.options("install_mode")[0]}
        if form.options("slot"):
            changes["slot"] = form.options("slot")[0]
        visitor.submit(form, changes)
    if visitor.url.endswith("/myshop/payment/"):
        visitor.submit(
            visitor.main_form(),
            {
                "method": "card",
                "card_number": "4242424242424242",
                "expiry_month": "12",
                "expiry_year": "2030",
                "cvc": "123",
                "holder_name": "Julie Tremblay",
            },
        )
    assert visitor.url.endswith("/myshop/review/"), visitor.url
    visitor.submit(visitor.main_form(), {"accept": "on"})
    assert visitor.url.endswith("/myshop/done/")
    return _text(visitor.html)


def test_a_customer_moves_to_a_higher_offer_with_an_option_and_the_back_lists_the_pending_change(stack):
    visitor = login_to_myaccount_then_open_myshop(stack, "100001", "client1-demo-2026")
    assert visitor.url == "/myshop/"
    assert "Start my change" in visitor.html

    visitor.submit(visitor.main_form(), {})
    assert visitor.url.endswith("/myshop/offer/")
    assert "Before and after: what each offer changes" in visitor.html
    code, label = higher_offer(visitor.html)
    visitor.submit(visitor.form(having="offer_code"), {"offer_code": code})
    assert visitor.url.endswith("/myshop/equipment/")
    visitor.submit(visitor.main_form(), {})
    assert visitor.url.endswith("/myshop/options/")
    options = visitor.main_form()
    ticked = options.values().get("options", [])
    added = next(o for o in options.options("options") if o not in ticked)
    visitor.submit(options, {"options": [*ticked, added]})
    assert visitor.url.endswith("/myshop/summary/")
    summary = _text(visitor.html)
    assert "Your change, before and after" in summary
    assert re.search(r"Difference per month \+\d+\.\d\d \$/month", summary), summary[:3000]
    done = finish_after_summary(visitor)

    assert "Change confirmed" in done or "Change received" in done
    assert "Pending: your change is in progress" in done
    token = httpx.post(
        stack.back_url + "/api/v1/customlogin/sessions/",
        json={"login_id": "100001", "password": "client1-demo-2026"},
        headers={"X-Service-Token": "e2e-service-token"},
    ).json()["token"]
    with stack.back(Authorization=f"Bearer {token}") as back:
        orders = back.get("/api/v1/orders/customers/100001/orders/").json()["results"]
    latest = orders[0]
    assert (latest["is_change"], latest["is_pending"], latest["channel"], latest["offer_code"]) == (
        True,
        True,
        "myshop",
        code,
    )
    assert latest["sale_type"] == "upsell"
    assert label.split(": ", 1)[1].split(" (")[0] in done
    visitor.get("/myaccount/")
    home = _text(visitor.html)
    assert "A change of your offer is in progress:" in home
    assert f"New offer {code}" in home


def test_cancelling_a_change_unlocks_the_file_so_a_new_change_can_start(stack):
    visitor = login_to_myaccount_then_open_myshop(stack, "100002", "client2-demo-2026")
    visitor.submit(visitor.main_form(), {})
    assert visitor.url.endswith("/myshop/offer/")

    visitor.get("/myshop/cancel/?from=myshop:offer")
    visitor.submit(visitor.main_form(), {})

    assert visitor.url == "/myaccount/"
    assert "Your change is cancelled." in _text(visitor.html)
    visitor.get("/myshop/")
    assert "Start my change" in visitor.html


def test_an_employee_sees_why_the_offer_cannot_be_changed_online(stack):
    visitor = login_to_myaccount_then_open_myshop(stack, "100003", "client3-demo-2026")

    text = _text(visitor.html)
    assert visitor.url == "/myshop/"
    assert "Your offer cannot be changed online" in text
    assert (
        "Your type of account (for example an employee or VIP account) cannot change its offer online."
        in text
    )
    assert 'href="/myaccount/contact-us/?subject=offer"' in visitor.html
    assert "Start my change" not in text


def test_a_customer_cannot_open_a_change_twice_from_two_sessions(stack):
    first = login_to_myaccount_then_open_myshop(stack, "100007", "client7-demo-2026")
    first.submit(first.main_form(), {})
    second = login_to_myaccount_then_open_myshop(stack, "100007", "client7-demo-2026")

    text = _text(second.html)

    assert "Another order is already in progress on your account." in text
    first.get("/myshop/cancel/")
    first.submit(first.main_form(), {})
    second.get("/myshop/")
    assert "Start my change" in second.html
