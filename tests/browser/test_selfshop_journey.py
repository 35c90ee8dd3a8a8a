"""A new customer subscribes in SelfShop with a real browser, in English and in French.

Chromium with JavaScript: the address comes from the htmx autocomplete, each step is filled through its
labels, a refused form puts the focus on its error summary, and every page passes an axe-core scan
(no serious or critical violation).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "search": "Search your address",
        "check": "Check availability",
        "continue": "Continue",
        "first_name": "First name",
        "last_name": "Last name",
        "email": "E-mail",
        "phone": "Phone",
        "technician": "A technician installs it (appointment)",
        "card": "Pay now by card",
        "number": "Card number",
        "month": "Expiry month",
        "year": "Expiry year",
        "cvc": "Security code",
        "holder": "Name on the card",
        "code": "Verification code",
        "verify": "Verify",
        "accept": "I accept the terms of service and the order summary above.",
        "confirm": "Confirm my order",
        "thanks": "Thank you",
        "statuses": ("Order confirmed", "Order received"),
        "problem": "Please correct the following:",
    },
    "fr": {
        "search": "Recherchez votre adresse",
        "check": "Vérifier la disponibilité",
        "continue": "Continuer",
        "first_name": "Prénom",
        "last_name": "Nom",
        "email": "Courriel",
        "phone": "Téléphone",
        "technician": "Un technicien l’installe (rendez-vous)",
        "card": "Payer maintenant par carte",
        "number": "Numéro de carte",
        "month": "Mois d’expiration",
        "year": "Année d’expiration",
        "cvc": "Code de sécurité",
        "holder": "Nom sur la carte",
        "code": "Code de vérification",
        "verify": "Vérifier",
        "accept": "J’accepte les conditions de service et le récapitulatif de commande ci-dessus.",
        "confirm": "Confirmer ma commande",
        "thanks": "Merci",
        "statuses": ("Commande confirmée", "Commande reçue"),
        "problem": "Veuillez corriger ce qui suit :",
    },
}


def label(page: Any, text: str) -> Any:
    """The form control whose label starts with `text` (Django adds a colon after it)."""
    return page.get_by_label(re.compile("^" + re.escape(text)))


def _continue(page: Any, words: dict[str, Any]) -> None:
    page.locator("main").get_by_role("button", name=words["continue"], exact=True).click()
    page.wait_for_load_state()


@pytest.mark.parametrize(
    ("language", "address_id", "card"),
    [("en", 1, "4242424242424242"), ("fr", 2, "4000000000003220")],
)
def test_a_new_customer_subscribes_with_a_browser(page_in, axe, language, address_id, card):
    words = WORDS[language]
    page = page_in(language)

    page.goto("/selfshop/")
    assert page.locator("html").get_attribute("lang") == language
    axe(page, "address")
    page.get_by_role("searchbox", name=words["search"]).press_sequentially("20 rue Sher", delay=20)
    page.locator(f"#found_{address_id}").check()
    axe(page, "address with suggestions")
    page.locator("#address-results").get_by_role("button", name=words["check"]).click()

    page.wait_for_url(re.compile(r"/selfshop/offers/$"))
    axe(page, "offers")
    page.locator('input[name="offer_code"][value="RG_INT100_TVBAS"]').check()
    _continue(page, words)

    page.wait_for_url(re.compile(r"/selfshop/equipment/$"))
    axe(page, "equipment")
    page.locator('select[name="qty_MODEM"]').select_option("1")
    page.locator('select[name="qty_TERMHD"]').select_option("1")
    _continue(page, words)

    page.wait_for_url(re.compile(r"/selfshop/options/$"))
    axe(page, "options")
    page.locator('input[name="options"]').first.check()
    _continue(page, words)

    page.wait_for_url(re.compile(r"/selfshop/summary/$"))
    axe(page, "summary")
    page.locator("main").get_by_role("link", name=words["continue"]).click()

    page.wait_for_url(re.compile(r"/selfshop/contact/$"))
    axe(page, "contact")
    label(page, words["first_name"]).fill("Ana")
    label(page, words["last_name"]).fill("Lee")
    label(page, words["email"]).fill("not-an-e-mail")
    label(page, words["phone"]).fill("514 555 0101")
    _continue(page, words)
    summary = page.locator("#error-summary")
    assert words["problem"] in summary.inner_text()
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    assert label(page, words["first_name"]).input_value() == "Ana"
    axe(page, "contact with errors")
    label(page, words["email"]).fill("ana.lee@example.com")
    _continue(page, words)

    page.wait_for_url(re.compile(r"/selfshop/appointment/$"))
    axe(page, "appointment")
    page.get_by_role("radio", name=words["technician"]).check()
    page.locator('input[name="slot"]').first.check()
    _continue(page, words)

    page.wait_for_url(re.compile(r"/selfshop/payment/$"))
    axe(page, "payment")
    page.get_by_role("radio", name=words["card"]).check()
    label(page, words["number"]).fill(card)
    label(page, words["month"]).fill("12")
    label(page, words["year"]).fill("2035")
    label(page, words["cvc"]).fill("123")
    label(page, words["holder"]).fill("Ana Lee")
    _continue(page, words)
    if card == "4000000000003220":
        page.wait_for_url(re.compile(r"/selfshop/payment/verification/$"))
        axe(page, "card verification")
        label(page, words["code"]).fill("123456")
        page.locator("main").get_by_role("button", name=words["verify"], exact=True).click()

    page.wait_for_url(re.compile(r"/selfshop/review/$"))
    axe(page, "review")
    page.get_by_role("checkbox", name=words["accept"]).check()
    page.get_by_role("button", name=words["confirm"]).click()

    page.wait_for_url(re.compile(r"/selfshop/done/$"))
    axe(page, "confirmation")
    assert page.get_by_role("heading", level=1).inner_text() == words["thanks"]
    status = page.get_by_role("status").inner_text()
    assert any(text in status for text in words["statuses"])


def test_the_address_step_works_with_the_keyboard_only(page_in, axe):
    page = page_in("en")
    page.goto("/selfshop/")

    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    page.get_by_label("City").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"city="))
    assert page.get_by_label("Street").is_visible()
    axe(page, "address: street list")
