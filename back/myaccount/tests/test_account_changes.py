"""Payment method, contact details: every change is made in Pro-Cable through the gateway."""

from __future__ import annotations

import pytest

from back.customlogin import services as customlogin_services
from back.customlogin.models import Credential
from back.payments import sandbox

pytestmark = pytest.mark.django_db(databases="__all__")

CUSTOMER = "100001"
METHOD_URL = "/api/v1/myaccount/payment-method/"
CONTACT_URL = "/api/v1/myaccount/contact/"


def test_a_pre_authorised_debit_is_recorded_in_procable_masked(customer_api, gateway):
    response = customer_api(CUSTOMER).put(
        METHOD_URL,
        {"method": "pad", "bank_institution": "815", "bank_transit": "30001", "bank_account": "1234567"},
        format="json",
    )

    assert response.status_code == 200
    record = gateway.payment_method_get(CUSTOMER)
    assert (record.method, record.bank_institution, record.bank_transit, record.bank_account_last4) == (
        "pad",
        "815",
        "30001",
        "4567",
    )
    assert response.json()["bank_account_last4"] == "4567"
    assert "1234567" not in response.content.decode()


def test_bad_bank_details_are_field_errors_and_change_nothing(customer_api, gateway):
    before = gateway.payment_method_get(CUSTOMER)

    response = customer_api(CUSTOMER).put(
        METHOD_URL,
        {"method": "pad", "bank_institution": "81", "bank_transit": "3000A", "bank_account": "123456"},
        format="json",
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert sorted(response.json()["errors"]) == ["bank_account", "bank_institution", "bank_transit"]
    assert gateway.payment_method_get(CUSTOMER) == before


def test_a_card_is_tokenized_and_only_the_token_reaches_procable(customer_api, gateway):
    response = customer_api(CUSTOMER).put(
        METHOD_URL,
        {
            "method": "card",
            "card": {
                "number": "4242 4242 4242 4242",
                "expiry_month": 9,
                "expiry_year": 2030,
                "cvc": "321",
                "holder_name": "Julie Tremblay",
            },
        },
        format="json",
    )

    assert response.status_code == 200
    record = gateway.payment_method_get(CUSTOMER)
    assert (record.method, record.card_brand, record.card_last4, record.card_expiry) == (
        "card",
        "visa",
        "4242",
        "09/30",
    )
    assert record.card_token.startswith("tok_sbx_")


def test_a_bad_card_is_a_field_error_and_changes_nothing(customer_api, gateway):
    before = gateway.payment_method_get(CUSTOMER)

    response = customer_api(CUSTOMER).put(
        METHOD_URL,
        {
            "method": "card",
            "card": {
                "number": "4242 4242 4242 4241",
                "expiry_month": 9,
                "expiry_year": 2030,
                "cvc": "321",
                "holder_name": "Julie Tremblay",
            },
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_card"
    assert list(response.json()["errors"]) == ["card.number"]
    assert gateway.payment_method_get(CUSTOMER) == before


def test_back_to_the_bill(customer_api, gateway):
    customer_api(CUSTOMER).put(
        METHOD_URL,
        {"method": "pad", "bank_institution": "815", "bank_transit": "30001", "bank_account": "1234567"},
        format="json",
    )

    response = customer_api(CUSTOMER).put(METHOD_URL, {"method": "bill"}, format="json")

    assert response.status_code == 200
    assert gateway.payment_method_get(CUSTOMER).method == "bill"
    assert gateway.payment_method_get(CUSTOMER).bank_transit == ""


def test_a_card_token_from_the_sandbox_pays_only_with_a_card_the_sandbox_issued(customer_api):
    response = customer_api(CUSTOMER).post(
        "/api/v1/myaccount/cards/",
        {
            "number": sandbox.CARD_SUCCESS_MASTERCARD,
            "expiry_month": 1,
            "expiry_year": 2032,
            "cvc": "999",
            "holder_name": "J T",
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="k1",
    )

    assert response.status_code == 201
    assert (response.json()["brand"], response.json()["last4"]) == ("mastercard", "4444")
    assert sandbox.CARD_SUCCESS_MASTERCARD not in response.content.decode()


def test_contact_details_change_in_procable_and_in_the_recovery_data(customer_api, gateway):
    customlogin_services.credential_upsert_from_procable(
        customer_number=CUSTOMER,
        password_plain="Julie-pass-1",
        recovery={"last_name": "Tremblay", "email": "old@example.com"},
    )

    response = customer_api(CUSTOMER).put(
        CONTACT_URL,
        {"email": "julie.new@example.com", "phones": ["514 555-0123"], "language": "en"},
        format="json",
    )

    assert response.status_code == 200
    customer = gateway.customer_get(CUSTOMER)
    assert (customer.email, customer.language) == ("julie.new@example.com", "en")
    assert "5145550123" in "".join(ch for ch in "".join(customer.phones) if ch.isdigit())
    credential = Credential.objects.get(customer_number=CUSTOMER)
    assert (credential.email, credential.phones, credential.language) == (
        "julie.new@example.com",
        ["5145550123"],
        "en",
    )


def test_a_locked_file_refuses_contact_changes_and_the_recovery_data_stays(customer_api, gateway):
    customlogin_services.credential_upsert_from_procable(
        customer_number=CUSTOMER, password_plain="Julie-pass-1", recovery={"email": "old@example.com"}
    )
    gateway.customer_lock(CUSTOMER, reason="agent editing", locked_by="care1")
    before = gateway.customer_get(CUSTOMER)

    response = customer_api(CUSTOMER).put(CONTACT_URL, {"email": "julie.new@example.com"}, format="json")

    assert response.status_code == 409
    assert gateway.customer_get(CUSTOMER).email == before.email
    assert Credential.objects.get(customer_number=CUSTOMER).email == "old@example.com"


def test_a_bad_e_mail_is_a_field_error(customer_api, gateway):
    before = gateway.customer_get(CUSTOMER)

    response = customer_api(CUSTOMER).put(CONTACT_URL, {"email": "not-an-email"}, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["email"]
    assert gateway.customer_get(CUSTOMER) == before
