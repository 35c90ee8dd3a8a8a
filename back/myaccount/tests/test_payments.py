"""Paying the balance or an invoice through the payment-gateway port, recorded in Pro-Cable."""

from __future__ import annotations

from decimal import Decimal

import pytest

from back.myaccount.models import OnlinePayment
from back.payments import sandbox

pytestmark = pytest.mark.django_db(databases="__all__")

PAYER = "100004"  # fixed demo customer in collection: balance 286.29, three unpaid invoices of 95.43
URL = "/api/v1/myaccount/payments/"


@pytest.fixture
def invoice(gateway):
    """The newest unpaid invoice of the payer."""
    return next(invoice for invoice in gateway.invoice_list(PAYER) if not invoice.is_paid)


def _card(client, number: str = sandbox.CARD_SUCCESS, key: str = "card-key") -> str:
    response = client.post(
        "/api/v1/myaccount/cards/",
        {"number": number, "expiry_month": 12, "expiry_year": 2031, "cvc": "123", "holder_name": "Payer"},
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
    )
    assert response.status_code == 201
    return response.json()["token"]


def _pay(client, key: str = "pay-key", **body):
    return client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_paying_an_invoice_records_the_payment_in_procable(customer_api, gateway, invoice):
    client = customer_api(PAYER)
    token = _card(client)

    response = _pay(client, amount="90.00", card_token=token, invoice_id=invoice.id)

    assert response.status_code == 201
    body = response.json()
    assert (body["amount"], body["status"], body["invoice_id"]) == ("90.00", "recorded", invoice.id)
    payment = gateway.payment_list(PAYER)[0]
    assert (payment.amount, payment.method, payment.reference) == (
        Decimal("90.00"),
        "card",
        body["charge_id"],
    )
    assert body["procable_payment_id"] == payment.id
    assert gateway.balance_get(PAYER).balance == Decimal("196.29")


def test_paying_the_whole_balance_clears_it(customer_api, gateway):
    client = customer_api(PAYER)

    response = _pay(client, amount="286.29", card_token=_card(client))

    assert response.status_code == 201
    assert gateway.balance_get(PAYER).balance == Decimal("0.00")
    assert gateway.customer_get(PAYER).collection_status == "none"


def test_the_same_idempotency_key_pays_once(customer_api, gateway):
    client = customer_api(PAYER)
    token = _card(client)
    payments_before = len(gateway.payment_list(PAYER))

    first = _pay(client, key="same", amount="50.00", card_token=token)
    second = _pay(client, key="same", amount="50.00", card_token=token)

    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert first.json() == second.json()
    assert len(gateway.payment_list(PAYER)) == payments_before + 1
    assert OnlinePayment.objects.count() == 1
    assert gateway.balance_get(PAYER).balance == Decimal("236.29")


@pytest.mark.parametrize(
    ("amount", "message_start"),
    [
        ("95.44", "The amount cannot exceed what is due (95.43)."),
        ("0.00", "The amount must be positive."),
        ("-5.00", "The amount must be positive."),
        ("10.001", "Enter an amount with at most two decimals."),
        ("ten", "Enter an amount such as 25.00."),
    ],
)
def test_a_bad_amount_is_a_field_error_and_records_nothing(
    customer_api, gateway, invoice, amount, message_start
):
    client = customer_api(PAYER)
    token = _card(client)
    payments_before = gateway.payment_list(PAYER)

    response = _pay(client, amount=amount, card_token=token, invoice_id=invoice.id)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "payment_amount_invalid"
    assert list(body["errors"]) == ["amount"]
    assert body["errors"]["amount"][0].startswith(message_start)
    assert gateway.payment_list(PAYER) == payments_before
    assert gateway.balance_get(PAYER).balance == Decimal("286.29")
    assert OnlinePayment.objects.count() == 0


def test_an_unknown_card_token_is_a_field_error_and_records_nothing(customer_api, gateway):
    payments_before = gateway.payment_list(PAYER)

    response = _pay(customer_api(PAYER), amount="10.00", card_token="tok_made_up")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["card_token"]
    assert gateway.payment_list(PAYER) == payments_before
    assert OnlinePayment.objects.count() == 0


def test_a_declined_card_records_nothing(customer_api, gateway):
    client = customer_api(PAYER)
    payments_before = gateway.payment_list(PAYER)

    response = _pay(client, amount="10.00", card_token=_card(client, sandbox.CARD_DECLINED))

    assert response.status_code == 402
    assert (response.json()["code"], response.json()["reason"]) == ("payment_declined", "card_declined")
    assert gateway.payment_list(PAYER) == payments_before
    assert OnlinePayment.objects.count() == 0


def test_missing_fields_are_field_errors(customer_api):
    response = _pay(customer_api(PAYER))

    assert response.status_code == 400
    assert sorted(response.json()["errors"]) == ["amount", "card_token"]


def test_nothing_is_due_on_a_paid_up_account(customer_api, gateway):
    # The month's invoice is open until it is due: settle whatever the demo owes on the day the test runs.
    owed = gateway.balance_get("100001").balance
    if owed > 0:
        gateway.payment_record("100001", amount=owed, method="card", reference="settle-before-test")
    assert gateway.balance_get("100001").balance == Decimal("0.00")
    client = customer_api("100001")

    response = _pay(client, amount="10.00", card_token=_card(client))

    assert response.status_code == 409
    assert response.json()["code"] == "nothing_due"


def test_a_paid_invoice_cannot_be_paid_again(customer_api, gateway):
    paid = next(invoice for invoice in gateway.invoice_list(PAYER) if invoice.is_paid)
    client = customer_api(PAYER)

    response = _pay(client, amount="10.00", card_token=_card(client), invoice_id=paid.id)

    assert response.status_code == 409
    assert response.json()["code"] == "nothing_due"


def test_a_card_needing_verification_is_recorded_only_after_the_right_code(customer_api, gateway):
    client = customer_api(PAYER)
    payments_before = len(gateway.payment_list(PAYER))
    waiting = _pay(client, amount="20.00", card_token=_card(client, sandbox.CARD_CHALLENGE))
    assert waiting.status_code == 201
    assert waiting.json()["status"] == "challenge_required"
    assert len(gateway.payment_list(PAYER)) == payments_before

    done = client.post(
        f"{URL}{waiting.json()['id']}/challenge/", {"code": sandbox.CHALLENGE_CODE}, format="json"
    )

    assert done.status_code == 200
    assert done.json()["status"] == "recorded"
    assert len(gateway.payment_list(PAYER)) == payments_before + 1
    assert gateway.balance_get(PAYER).balance == Decimal("266.29")


def test_a_wrong_verification_code_declines_and_records_nothing(customer_api, gateway):
    client = customer_api(PAYER)
    payments_before = gateway.payment_list(PAYER)
    waiting = _pay(client, amount="20.00", card_token=_card(client, sandbox.CARD_CHALLENGE)).json()

    response = client.post(f"{URL}{waiting['id']}/challenge/", {"code": "000000"}, format="json")

    assert response.status_code == 402
    assert OnlinePayment.objects.get().status == "declined"
    assert gateway.payment_list(PAYER) == payments_before


def test_another_customer_cannot_complete_my_waiting_payment(customer_api, gateway):
    client = customer_api(PAYER)
    waiting = _pay(client, amount="20.00", card_token=_card(client, sandbox.CARD_CHALLENGE)).json()

    response = customer_api("100001").post(
        f"{URL}{waiting['id']}/challenge/", {"code": "123456"}, format="json"
    )

    assert response.status_code == 404
    assert OnlinePayment.objects.get().status == "challenge_required"


def test_when_procable_cannot_record_the_charge_is_refunded(customer_api, gateway, monkeypatch):
    from back.payments.gateway import get_payment_gateway
    from back.procable.errors import ProCableUnavailableError

    client = customer_api(PAYER)
    token = _card(client)
    payments_before = gateway.payment_list(PAYER)

    def down(*args, **kwargs):
        raise ProCableUnavailableError()

    monkeypatch.setattr(type(gateway), "payment_record", down)
    response = _pay(client, amount="30.00", card_token=token)
    monkeypatch.undo()

    assert response.status_code == 503
    assert response.json()["code"] == "payment_not_recorded"
    row = OnlinePayment.objects.get()
    assert row.status == "refunded"
    assert get_payment_gateway().charge_get(charge_id=row.charge_id).status == "refunded"
    assert gateway.payment_list(PAYER) == payments_before


def test_the_history_lists_procable_payments_and_online_payments(customer_api, gateway):
    client = customer_api(PAYER)
    _pay(client, amount="10.00", card_token=_card(client))

    body = client.get(URL).json()

    assert body["payments"][0]["amount"] == "10.00"
    assert body["payments"][0]["method"] == "card"
    assert [row["amount"] for row in body["online_payments"]] == ["10.00"]
    assert len(body["payments"]) == len(gateway.payment_list(PAYER))
