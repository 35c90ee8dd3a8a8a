from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from back.procable.errors import ProCableConflictError, ProCableNotFoundError, ProCableRejectedError
from back.procable.models import Customer, Payment

pytestmark = pytest.mark.django_db(databases="__all__")


def test_invoices_are_newest_first_with_taxes(operator):
    invoices = operator.invoice_list("100001")

    assert len(invoices) == 12
    assert [i.issued_on for i in invoices] == sorted((i.issued_on for i in invoices), reverse=True)
    assert all(i.total == i.subtotal + i.taxes for i in invoices)


def test_an_invoice_has_lines_summing_to_its_subtotal(operator):
    invoice = operator.invoice_get("100001", operator.invoice_list("100001")[0].id)

    assert sum(line.amount for line in invoice.lines) == invoice.subtotal


def test_the_invoice_document_has_customer_address_and_balance(operator):
    invoice_id = operator.invoice_list("100001")[0].id

    document = operator.invoice_document("100001", invoice_id)

    assert document.customer.number == "100001"
    assert document.address.id == document.customer.address_id
    assert document.invoice.id == invoice_id


def test_an_invoice_of_another_customer_is_not_found(operator):
    other = operator.invoice_list("100002")[0].id

    with pytest.raises(ProCableNotFoundError):
        operator.invoice_get("100001", other)


def test_the_collection_customer_has_overdue_invoices(operator):
    balance = operator.balance_get("100004")

    assert balance.collection_status == "collection"
    assert balance.overdue_amount > 0
    assert balance.balance >= balance.overdue_amount


def test_recording_a_payment_lowers_the_balance_and_a_reused_reference_conflicts(operator):
    before = operator.balance_get("100004").balance

    payment = operator.payment_record("100004", amount=Decimal("10.00"), method="card", reference="WEB-1")

    assert payment.amount == Decimal("10.00")
    assert operator.balance_get("100004").balance == before - Decimal("10.00")
    assert operator.payment_list("100004")[0].reference == "WEB-1"
    with pytest.raises(ProCableConflictError):
        operator.payment_record("100004", amount=Decimal("10.00"), method="card", reference="WEB-1")
    assert operator.balance_get("100004").balance == before - Decimal("10.00")


def test_a_negative_payment_is_rejected(operator):
    count = Payment.objects.using("procable").count()

    with pytest.raises(ProCableRejectedError):
        operator.payment_record("100001", amount=Decimal("-1"), method="card", reference="X")

    assert Payment.objects.using("procable").count() == count


def test_usage_is_listed_newest_first(operator):
    usage = operator.usage_list("100002")

    assert {u.kind for u in usage} >= {"data", "voice", "sms"}
    assert [u.recorded_on for u in usage] == sorted((u.recorded_on for u in usage), reverse=True)
    assert all(u.recorded_on >= date(2020, 1, 1) for u in usage)


def test_payment_method_pad_keeps_only_the_last_digits_visible(operator):
    method = operator.payment_method_set(
        "100001", method="pad", bank_institution="815", bank_transit="12345", bank_account="1234567"
    )

    assert (method.method, method.bank_account_last4) == ("pad", "4567")
    assert operator.payment_method_get("100001").bank_transit == "12345"


def test_a_card_number_is_refused_as_a_card_token(operator):
    before = Customer.objects.using("procable").get(number="100001").card_token

    with pytest.raises(ProCableRejectedError) as refusal:
        operator.payment_method_set("100001", method="card", card_token="4111 1111 1111 1111")

    assert refusal.value.reason == "card_number_refused"
    assert Customer.objects.using("procable").get(number="100001").card_token == before


def test_a_card_token_is_stored(operator):
    method = operator.payment_method_set(
        "100001",
        method="card",
        card_token="tok_abc",
        card_brand="VISA",
        card_last4="4242",
        card_expiry="12/29",
    )

    assert (method.method, method.card_token, method.card_last4) == ("card", "tok_abc", "4242")
