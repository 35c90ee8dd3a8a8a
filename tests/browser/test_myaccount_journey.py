"""MyAccount with a real browser: log in, read an invoice and its PDF, pay it in the sandbox, change
contact details, log out; every page passes an axe-core scan (no serious or critical violation).

Uses the Chromium and axe fixtures of tests/browser/conftest.py (skipped with the reason when
Chromium or axe-core is missing, failed in CI).
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def label(page: Any, text: str) -> Any:
    """The form control whose label starts with `text` (Django adds a colon after it)."""
    return page.get_by_label(re.compile("^" + re.escape(text)))


def _main(page: Any) -> Any:
    return page.locator("main")


def _log_in(page: Any, axe: Any, login_id: str, password: str, words: dict[str, str]) -> None:
    page.goto("/myaccount/login/")
    axe(page, "login")
    label(page, words["login_id"]).fill(login_id)
    label(page, words["password"]).fill(password)
    _main(page).get_by_role("button", name=words["log_in"], exact=True).click()
    page.wait_for_url("**/myaccount/")


EN = {
    "login_id": "Customer number or personal ID",
    "password": "Password",
    "log_in": "Log in",
}
FR = {
    "login_id": "Numéro de client ou identifiant personnel",
    "password": "Mot de passe",
    "log_in": "Se connecter",
}


def test_a_customer_reads_an_invoice_pays_it_changes_contact_details_and_logs_out(page_in, axe):
    page = page_in("en")
    _log_in(page, axe, "100004", "client4-demo-2026", EN)
    axe(page, "summary")
    assert "Isabelle Roy" in _main(page).inner_text()

    page.get_by_role("navigation", name="My account menu").get_by_role("link", name="Invoices").click()
    page.wait_for_url("**/myaccount/invoices/")
    axe(page, "invoices")
    unpaid = page.locator("tbody tr", has_text="To pay").first
    number = unpaid.locator("td").first.inner_text().strip()
    unpaid.get_by_role("link", name=number, exact=True).click()
    page.wait_for_url(re.compile(r"/myaccount/invoices/\d+/$"))
    axe(page, "invoice detail")

    pdf_href = page.get_by_role("link", name="Download the PDF").get_attribute("href")
    pdf = page.context.request.get(pdf_href)
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    page.get_by_role("link", name="Pay this invoice").click()
    page.wait_for_url(re.compile(r"/myaccount/payments/pay/\?invoice=\d+$"))
    axe(page, "pay")
    label(page, "Card number").fill("4000000000000002")
    label(page, "Expiry month").fill("12")
    label(page, "Expiry year").fill("2031")
    label(page, "Security code").fill("123")
    label(page, "Name on the card").fill("Isabelle Roy")
    _main(page).get_by_role("button", name="Pay now").click()
    page.wait_for_load_state()
    assert "Your bank declined the payment. Try another card." in _main(page).inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    axe(page, "pay declined")

    amount = label(page, "Amount to pay ($)").input_value()
    label(page, "Card number").fill("4242 4242 4242 4242")
    label(page, "Expiry month").fill("12")
    label(page, "Expiry year").fill("2031")
    label(page, "Security code").fill("123")
    _main(page).get_by_role("button", name="Pay now").click()
    page.wait_for_url("**/myaccount/payments/")
    assert f"Thank you: your payment of {amount} $ is received." in _main(page).inner_text()
    axe(page, "payments")

    page.get_by_role("navigation", name="My account menu").get_by_role("link", name="Contact details").click()
    page.wait_for_url("**/myaccount/contact/")
    axe(page, "contact")
    label(page, "E-mail").fill("not-an-email")
    _main(page).get_by_role("button", name="Save my contact details").click()
    page.wait_for_load_state()
    assert label(page, "E-mail").get_attribute("aria-invalid") == "true"
    axe(page, "contact refused")
    email = f"isabelle.{uuid.uuid4().hex[:6]}@example.com"
    label(page, "E-mail").fill(email)
    _main(page).get_by_role("button", name="Save my contact details").click()
    page.wait_for_url("**/myaccount/contact/")
    assert "Your contact details are changed." in _main(page).inner_text()
    assert label(page, "E-mail").input_value() == email

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/myaccount/login/")
    assert "You are logged out." in _main(page).inner_text()
    axe(page, "logged out")


def test_every_account_page_passes_axe_in_french_after_a_login_by_personal_id(page_in, axe):
    page = page_in("fr")
    _log_in(page, axe, "julie.tremblay", "perso-demo-2026", FR)

    for path in (
        "/myaccount/",
        "/myaccount/invoices/",
        "/myaccount/usage/",
        "/myaccount/payments/",
        "/myaccount/payments/method/",
        "/myaccount/contact/",
        "/myaccount/security/",
        "/myaccount/privacy/",
        "/myaccount/appointments/",
        "/myaccount/easyswitch/",
        "/myaccount/contact-us/",
        "/myaccount/password-reset/",
    ):
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "fr"
        axe(page, path)

    page.goto("/myaccount/payments/method/")
    page.get_by_role("radio", name="Prélèvement préautorisé sur mon compte bancaire").check()
    label(page, "Numéro d'institution (3 chiffres)").fill("12")
    _main(page).get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    assert "Le numéro d'institution compte 3 chiffres." in _main(page).inner_text()
    axe(page, "payment method refused")
