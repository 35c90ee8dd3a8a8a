"""Customer A cannot read or pay customer B's file: the customer number comes only from the token."""

from __future__ import annotations

from decimal import Decimal

import pytest

from back.myaccount.models import OnlinePayment

pytestmark = pytest.mark.django_db(databases="__all__")

A, B = "100001", "100004"  # B: fixed demo customer with unpaid invoices


@pytest.fixture
def b_invoice_id(gateway) -> int:
    return next(invoice.id for invoice in gateway.invoice_list(B) if not invoice.is_paid)


def test_customer_a_cannot_read_an_invoice_of_customer_b(customer_api, gateway, b_invoice_id):
    client = customer_api(A)

    detail = client.get(f"/api/v1/myaccount/invoices/{b_invoice_id}/")
    pdf = client.get(f"/api/v1/myaccount/invoices/{b_invoice_id}/pdf/")

    assert detail.status_code == pdf.status_code == 404
    assert detail.json()["code"] == "procable_not_found"
    assert b_invoice_id not in [
        row["id"] for row in client.get("/api/v1/myaccount/invoices/").json()["results"]
    ]


def test_customer_a_cannot_pay_an_invoice_of_customer_b_and_nothing_changes(
    customer_api, gateway, b_invoice_id
):
    before_balance_a = gateway.balance_get(A).balance
    before_balance_b = gateway.balance_get(B).balance
    before_payments_b = gateway.payment_list(B)
    token = (
        customer_api(A)
        .post(
            "/api/v1/myaccount/cards/",
            {
                "number": "4242424242424242",
                "expiry_month": 12,
                "expiry_year": 2031,
                "cvc": "123",
                "holder_name": "A",
            },
            format="json",
            HTTP_IDEMPOTENCY_KEY="card-1",
        )
        .json()["token"]
    )

    response = customer_api(A).post(
        "/api/v1/myaccount/payments/",
        {"amount": "10.00", "card_token": token, "invoice_id": b_invoice_id},
        format="json",
        HTTP_IDEMPOTENCY_KEY="pay-b",
    )

    assert response.status_code == 404
    assert gateway.balance_get(B).balance == before_balance_b == Decimal("286.29")
    assert gateway.balance_get(A).balance == before_balance_a
    assert gateway.payment_list(B) == before_payments_b
    assert OnlinePayment.objects.count() == 0


def test_an_invoice_id_in_the_url_never_selects_another_customer_even_for_staff_rights(
    staff_api, gateway, b_invoice_id
):
    staff = staff_api(rights=["wecare.customers"])

    assert staff.get(f"/api/v1/myaccount/invoices/{b_invoice_id}/").status_code == 403
    assert staff.get("/api/v1/myaccount/summary/").status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "summary/",
        "invoices/",
        "usage/",
        "payments/",
        "payment-method/",
        "consents/",
        "data-export/",
        "appointments/",
        "easyswitch/",
        "contact-messages/",
        "change-offer/",
        "erasure-requests/",
    ],
)
def test_every_myaccount_read_refuses_the_default_web_user(api, path):
    response = api.get(f"/api/v1/myaccount/{path}")

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_a_call_without_the_service_token_is_refused(anonymous_api):
    assert anonymous_api.get("/api/v1/myaccount/summary/").status_code == 401
