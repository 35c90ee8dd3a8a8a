"""A customer changes their offer in MyShop with a real browser, from MyAccount's "Change my offer".

Chromium with JavaScript: log in to MyAccount, follow "Change my offer", move to a higher offer, add
an option, confirm; every page passes an axe-core scan (no serious or critical violation). A refused
form puts the focus on its error summary. A VIP's file is blocked, explained in French.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def log_in(page: Any, axe: Any, number: str, password: str, *, words: dict[str, str]) -> None:
    page.goto("/myaccount/login/")
    axe(page, "MyAccount login")
    page.locator('input[name="login_id"]').fill(number)
    page.locator('input[name="password"]').fill(password)
    page.locator("main").get_by_role("button", name=words["login"]).click()
    page.wait_for_url(re.compile(r"/myaccount/$"))


def _continue(page: Any) -> None:
    page.locator("main").get_by_role("button", name="Continue", exact=True).click()
    page.wait_for_load_state()


def test_a_customer_moves_to_a_higher_offer_with_an_option_from_myaccount(page_in, axe):
    page = page_in("en")
    log_in(page, axe, "100001", "client1-demo-2026", words={"login": "Log in"})
    axe(page, "MyAccount home")

    page.locator("main").get_by_role("link", name="Change my offer").click()
    page.wait_for_url(re.compile(r"/myshop/$"))
    axe(page, "MyShop entry")
    page.get_by_role("button", name="Start my change").click()

    page.wait_for_url(re.compile(r"/myshop/offer/$"))
    axe(page, "offer with the before / after table")
    assert page.get_by_role("table", name="Before and after: what each offer changes").is_visible()
    upgrade = page.get_by_role("radio", name=re.compile(r"^Upgrade: ")).first
    new_offer = re.sub(r"^Upgrade: (.*) \([^)]*\)$", r"\1", upgrade.evaluate("e => e.labels[0].innerText"))
    upgrade.check()
    _continue(page)

    page.wait_for_url(re.compile(r"/myshop/equipment/$"))
    axe(page, "equipment")
    _continue(page)

    page.wait_for_url(re.compile(r"/myshop/options/$"))
    axe(page, "options")
    page.locator('input[name="options"]:not(:checked)').first.check()
    _continue(page)

    page.wait_for_url(re.compile(r"/myshop/summary/$"))
    axe(page, "summary")
    table = page.get_by_role("table", name="Your change, before and after")
    assert new_offer in table.inner_text()
    assert re.search(r"\+\d+\.\d\d \$/month", table.inner_text())
    page.locator("main").get_by_role("link", name="Continue").click()
    page.wait_for_load_state()
    if page.url.endswith("/myshop/appointment/"):
        axe(page, "appointment")
        page.locator('input[name="install_mode"]').first.check()
        if page.locator('input[name="slot"]').count():
            page.locator('input[name="slot"]').first.check()
        _continue(page)

    page.wait_for_url(re.compile(r"/myshop/review/$"))
    axe(page, "review")
    page.get_by_role("button", name="Confirm my change").click()
    page.wait_for_url(re.compile(r"/myshop/review/$"))
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    axe(page, "review with an error")
    page.get_by_role("checkbox", name=re.compile("^I accept")).check()
    page.get_by_role("button", name="Confirm my change").click()

    page.wait_for_url(re.compile(r"/myshop/done/$"))
    axe(page, "confirmation")
    status = page.get_by_role("status").inner_text()
    assert "Change confirmed" in status or "Change received" in status
    details = page.locator("dl.details").inner_text()
    assert new_offer in details
    assert "Pending: your change is in progress" in details

    page.locator("main").get_by_role("link", name="Back to my account").click()
    page.wait_for_url(re.compile(r"/myaccount/$"))
    axe(page, "MyAccount home after the change")
    pending = page.locator(".myaccount-pending").inner_text()
    assert "A change of your offer is in progress:" in pending
    assert "New offer " in pending


def test_a_vip_sees_in_french_why_the_offer_cannot_be_changed_online(page_in, axe):
    page = page_in("fr")
    log_in(page, axe, "100006", "client6-demo-2026", words={"login": "Se connecter"})

    page.goto("/myshop/")

    axe(page, "MyShop blocked")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Votre offre ne peut pas être modifiée en ligne"
    )
    assert "Votre type de compte" in page.get_by_role("status").inner_text()
    assert page.get_by_role("link", name="Écrire au service à la clientèle").get_attribute("href") == (
        "/myaccount/contact-us/?subject=offer"
    )
