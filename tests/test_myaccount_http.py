"""MyAccount over plain HTTP (no JavaScript), on the real front and back under gunicorn, demo seeded.

A customer logs in, reads the summary, an invoice and its PDF, pays in the payment sandbox, changes
contact details and logs out, each form read from its page and posted with its CSRF token.
"""

from __future__ import annotations

import re
import uuid
from decimal import Decimal

import httpx

JULIE = ("100001", "client1-demo-2026")  # French, all invoices paid
ISABELLE = ("100004", "client4-demo-2026")  # in collection, unpaid invoices


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class Customer:
    """A browser without JavaScript: cookies, and forms posted with the page's CSRF token."""

    def __init__(self, front_url: str, language: str = "en") -> None:
        self.client = httpx.Client(base_url=front_url, headers={"Accept-Language": language}, timeout=60)

    def get(self, path: str) -> httpx.Response:
        return self.client.get(path)

    def post(self, path: str, data: dict[str, str], *, page: str | None = None) -> httpx.Response:
        html = self.get(page or path).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        hidden = dict(re.findall(r'<input type="hidden" name="(key|invoice)" value="([^"]*)"', html))
        return self.client.post(path, data={"csrfmiddlewaretoken": token, **hidden, **data})

    def login(self, number: str, password: str) -> httpx.Response:
        response = self.post("/myaccount/login/", {"login_id": number, "password": password})
        assert response.status_code == 302, response.text
        assert response.headers["location"] == "/myaccount/"
        return response


def _unpaid_invoice_ids(customer: Customer) -> list[int]:
    html = customer.get("/myaccount/invoices/").text
    return [int(i) for i in re.findall(r'href="/myaccount/payments/pay/\?invoice=(\d+)"', html)]


def _balance(customer: Customer) -> Decimal:
    html = customer.get("/myaccount/payments/").text
    return Decimal(re.search(r'class="myaccount-amount">([0-9.]+) \$', html).group(1))


def test_a_customer_reads_the_summary_an_invoice_and_its_pdf_changes_contact_details_and_logs_out(stack):
    julie = Customer(stack.front_url, language="en")
    julie.login(*JULIE)

    summary = _text(julie.get("/myaccount/").text)
    invoices = julie.get("/myaccount/invoices/").text
    first_id = re.search(r'href="/myaccount/invoices/(\d+)/"', invoices).group(1)
    detail = _text(julie.get(f"/myaccount/invoices/{first_id}/").text)
    pdf = julie.get(f"/myaccount/invoices/{first_id}/pdf/")
    phone = f"514 555-{uuid.uuid4().int % 10000:04d}"
    email = f"julie.{uuid.uuid4().hex[:6]}@example.com"
    saved = julie.post("/myaccount/contact/", {"email": email, "phone_1": phone, "language": "fr"})
    contact = julie.get("/myaccount/contact/").text
    out = julie.post("/myaccount/logout/", {}, page="/myaccount/")
    after = julie.get("/myaccount/invoices/")

    assert "Julie Tremblay" in summary
    assert "Customer number 100001" in summary
    assert "Total per month, before taxes" in summary
    assert "early termination fee" in summary
    assert "Change my offer" in summary
    assert "Subtotal" in detail and "Taxes" in detail
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert saved.status_code == 302
    assert f'value="{email}"' in contact
    assert f'value="{phone}"' in contact
    assert out.headers["location"] == "/myaccount/login/"
    assert after.status_code == 302
    assert after.headers["location"].startswith("/myaccount/login/")


def test_a_customer_pays_an_invoice_in_the_sandbox_and_sees_it_in_the_history(stack):
    isabelle = Customer(stack.front_url, language="en")
    isabelle.login(*ISABELLE)
    invoice_id = _unpaid_invoice_ids(isabelle)[0]
    before = _balance(isabelle)
    page = isabelle.get(f"/myaccount/payments/pay/?invoice={invoice_id}").text
    amount = re.search(r'name="amount" value="([0-9.]+)"', page).group(1)

    response = isabelle.post(
        "/myaccount/payments/pay/",
        {
            "amount": amount,
            "card_number": "4242 4242 4242 4242",
            "expiry_month": "12",
            "expiry_year": "2031",
            "cvc": "123",
            "holder_name": "Isabelle Roy",
        },
        page=f"/myaccount/payments/pay/?invoice={invoice_id}",
    )
    history = isabelle.get("/myaccount/payments/").text

    assert response.status_code == 302
    assert response.headers["location"] == "/myaccount/payments/"
    assert f"Thank you: your payment of {amount} $ is received." in _text(history)
    assert _balance(isabelle) == before - Decimal(amount)


def test_a_card_that_asks_for_verification_pays_once_the_code_is_given(stack):
    isabelle = Customer(stack.front_url, language="en")
    isabelle.login(*ISABELLE)
    before = _balance(isabelle)

    response = isabelle.post(
        "/myaccount/payments/pay/",
        {
            "amount": "10.00",
            "card_number": "4000000000003220",
            "expiry_month": "12",
            "expiry_year": "2031",
            "cvc": "123",
            "holder_name": "Isabelle Roy",
        },
    )
    verify = isabelle.get("/myaccount/payments/verify/").text
    done = isabelle.post("/myaccount/payments/verify/", {"code": "123456"})

    assert response.headers["location"] == "/myaccount/payments/verify/"
    assert "card ending in 3220" in verify
    assert done.headers["location"] == "/myaccount/payments/"
    assert _balance(isabelle) == before - Decimal("10.00")


def test_a_declined_card_is_said_and_nothing_is_paid(stack):
    isabelle = Customer(stack.front_url, language="en")
    isabelle.login(*ISABELLE)
    before = _balance(isabelle)

    response = isabelle.post(
        "/myaccount/payments/pay/",
        {
            "amount": "10.00",
            "card_number": "4000000000000002",
            "expiry_month": "12",
            "expiry_year": "2031",
            "cvc": "123",
            "holder_name": "Isabelle Roy",
        },
    )

    assert response.status_code == 400
    assert "Your bank declined the payment. Try another card." in response.text
    assert _balance(isabelle) == before


def test_customer_a_cannot_reach_customer_b_invoice_through_the_front(stack):
    isabelle = Customer(stack.front_url)
    isabelle.login(*ISABELLE)
    others_invoice = _unpaid_invoice_ids(isabelle)[0]
    julie = Customer(stack.front_url)
    julie.login(*JULIE)

    detail = julie.get(f"/myaccount/invoices/{others_invoice}/")
    pdf = julie.get(f"/myaccount/invoices/{others_invoice}/pdf/")
    pay = julie.get(f"/myaccount/payments/pay/?invoice={others_invoice}")

    assert detail.status_code == 404
    assert pdf.status_code == 404
    assert pdf.headers["content-type"].startswith("text/html")
    assert pay.status_code == 404
    assert others_invoice in _unpaid_invoice_ids(isabelle)


def test_a_blocked_change_of_offer_is_explained(stack):
    marc = Customer(stack.front_url)
    marc.login("100003", "client3-demo-2026")

    html = marc.get("/myaccount/").text

    assert 'data-code="customer_type_not_allowed"' in html
    assert "/myaccount/contact-us/?subject=offer" in html


def test_every_account_page_answers_in_french(stack):
    julie = Customer(stack.front_url, language="fr")
    julie.login(*JULIE)

    pages = {
        path: julie.get(path)
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
        )
    }

    assert {path: r.status_code for path, r in pages.items()} == dict.fromkeys(pages, 200)
    assert "Mes engagements" in pages["/myaccount/"].text
    assert "<svg" in pages["/myaccount/usage/"].text
    assert "Ce qui prend fin et ce que cela coûte" in pages["/myaccount/easyswitch/"].text
