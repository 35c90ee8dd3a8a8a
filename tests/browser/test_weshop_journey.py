"""WeShop with a real browser: a store agent changes a customer's offer, and signs up a new customer.

Chromium driven by the keyboard-friendly labels of each page; every page passes an axe-core scan
(no serious or critical violation). The agent works in English (the language switch of the header).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def label(page: Any, text: str) -> Any:
    return page.get_by_label(re.compile("^" + re.escape(text)))


def button(page: Any, name: str) -> None:
    page.locator("main").get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def log_in(page: Any, axe: Any, code: str, password: str) -> None:
    page.goto("/staff/login/?next=/weshop/")
    axe(page, "staff login")
    page.get_by_label(re.compile("^(Login code|Code)")).fill(code)
    page.get_by_label(re.compile("^(Password|Mot de passe)")).fill(password)
    page.get_by_label(re.compile("^(Password|Mot de passe)")).press("Enter")
    page.wait_for_url(re.compile(r"/weshop/$"))
    if page.locator("html").get_attribute("lang") != "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    axe(page, "WeShop dashboard")


def test_an_agent_finds_a_customer_by_postal_code_and_last_name_adds_an_option_and_confirms(page_in, axe):
    page = page_in("en")
    log_in(page, axe, "store1", "store-demo-2026")
    page.goto("/weshop/customers/?number=100003")
    postal_code = page.locator("tbody tr td").nth(3).inner_text().strip()
    axe(page, "search by number")

    label(page, "Customer number").fill("")
    label(page, "Last name").fill("Gagnon")
    label(page, "Postal code").fill(postal_code)
    label(page, "Postal code").press("Enter")
    page.wait_for_load_state()
    axe(page, "search results")
    page.get_by_role("link", name="100003", exact=True).click()
    page.wait_for_load_state()
    assert "Marc Gagnon" in page.locator("h1").inner_text()
    axe(page, "customer file (blocked: employee)")
    assert "You cannot change this offer" in page.locator("main").inner_text()

    page.goto("/weshop/customers/?number=100001")
    page.get_by_role("link", name="100001", exact=True).click()
    page.wait_for_load_state()
    button(page, "Change the offer")
    axe(page, "change: offer")
    button(page, "Continue")
    axe(page, "change: equipment")
    button(page, "Continue")
    axe(page, "change: options")
    unchecked = page.locator("main input[name=options]:not(:checked)").first
    unchecked.check()
    button(page, "Continue")
    assert "Before and after the change" in page.locator("main").inner_text()
    axe(page, "change: summary")
    page.locator("main").get_by_role("link", name="Continue", exact=True).click()
    page.wait_for_load_state()
    if "/appointment/" in page.url:
        axe(page, "change: delivery")
        button(page, "Continue")
    axe(page, "change: review")
    label(page, "I accept").check()
    button(page, "Confirm the order")
    page.wait_for_url(re.compile(r"/weshop/order/$"))
    axe(page, "change: order")
    details = page.locator("main dl").inner_text()
    assert "store1" in details and "MTL01" in details and "Store" in details


def test_a_store_agent_signs_up_a_new_customer_at_a_demo_address(page_in, axe):
    page = page_in("en")
    log_in(page, axe, "store1", "store-demo-2026")
    page.goto("/weshop/new/")
    axe(page, "new: city")
    label(page, "City").select_option("MTL")
    button(page, "Continue")
    page.locator("main details summary").click()
    page.get_by_label("Address number").fill("2")
    page.get_by_label("Address number").press("Enter")
    page.wait_for_url(re.compile(r"/weshop/new/offers/$"))
    axe(page, "new: offers")
    internet_only = page.locator("main input[name=offer_code][value=RG_INT100]")
    (internet_only if internet_only.count() else page.locator("main input[name=offer_code]").first).check()
    button(page, "Continue")
    axe(page, "new: equipment")
    modem = page.locator("select[name=qty_MODEM]")
    if modem.count():
        modem.select_option("1")
        serials = page.locator("input[name=serials_MODEM]")
        if serials.count():
            serials.fill("MDMS99999998")
            button(page, "Continue")
            assert "The serial number MDMS99999998 is unknown." in page.locator("main").inner_text()
            axe(page, "new: equipment refused")
            page.locator("input[name=serials_MODEM]").fill("MDMS00000004")
    button(page, "Continue")
    axe(page, "new: options")
    button(page, "Continue")
    assert page.url.endswith("/weshop/summary/"), page.locator("main").inner_text()
    axe(page, "new: summary")
    page.locator("main").get_by_role("link", name="Continue", exact=True).click()
    page.wait_for_load_state()
    label(page, "First name").fill("Léa")
    label(page, "Last name").fill("Martin")
    label(page, "E-mail").fill("lea.martin@example.com")
    label(page, "Phone").fill("514 555 0142")
    axe(page, "new: contact")
    button(page, "Continue")
    axe(page, "new: delivery")
    page.locator("main input[name=install_mode]").last.check()
    slot = page.locator("main input[name=slot]")
    if (
        page.locator("main input[name=install_mode]:checked").get_attribute("value") == "appointment"
        and slot.count()
    ):
        slot.first.check()
    button(page, "Continue")
    axe(page, "new: payment")
    page.get_by_label("On the first bill").check()
    button(page, "Continue")
    axe(page, "new: review")
    label(page, "I accept").check()
    button(page, "Confirm the order")
    page.wait_for_url(re.compile(r"/weshop/order/$"))
    axe(page, "new: order")
    details = page.locator("main dl").inner_text()
    assert "New customer" in details
    assert "store1" in details and "MTL01" in details
