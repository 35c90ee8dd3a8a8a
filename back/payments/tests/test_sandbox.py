"""The sandbox payment gateway: test cards, challenge, decline, refund; only tokens are kept."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from back.orders.models import SandboxCard
from back.payments import sandbox
from back.payments.errors import (
    InvalidAmountError,
    InvalidCardError,
    PaymentChallengeFailedError,
    PaymentChallengeNotFoundError,
    PaymentChallengeRequiredError,
    PaymentDeclinedError,
    PaymentTokenNotFoundError,
)
from back.payments.gateway import get_payment_gateway
from back.payments.port import PaymentGateway

pytestmark = pytest.mark.django_db(databases=["default"])

FUTURE_YEAR = date.today().year + 3


def _tokenize(number: str, **overrides):
    data = {
        "number": number,
        "expiry_month": 12,
        "expiry_year": FUTURE_YEAR,
        "cvc": "123",
        "holder_name": "Ada Lovelace",
    }
    data.update(overrides)
    return get_payment_gateway().card_tokenize(**data)


def test_the_configured_gateway_is_the_sandbox_and_implements_the_port():
    gateway = get_payment_gateway()

    assert gateway.name == "sandbox"
    assert isinstance(gateway, PaymentGateway)


def test_tokenizing_a_test_card_keeps_only_token_last4_brand_and_expiry():
    card = _tokenize("4242 4242 4242 4242")

    assert card.token.startswith("tok_sbx_")
    assert (card.last4, card.brand, card.expiry_month, card.expiry_year) == ("4242", "visa", 12, FUTURE_YEAR)
    row = SandboxCard.objects.get(token=card.token)
    stored = " ".join(str(value) for value in row.__dict__.values())
    assert "4242424242424242" not in stored
    assert "123" not in stored.replace(card.token, "")


@pytest.mark.parametrize(
    ("number", "brand"), [(sandbox.CARD_SUCCESS_MASTERCARD, "mastercard"), ("378282246310005", "amex")]
)
def test_the_brand_comes_from_the_card_prefix(number: str, brand: str):
    assert sandbox.card_brand(number) == brand


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"number": "4242424242424241"}, ["number"]),
        ({"number": "4242"}, ["number"]),
        ({"number": "abcd abcd abcd abcd"}, ["number"]),
        ({"expiry_month": 13}, ["expiry_month"]),
        ({"expiry_year": 2001}, ["expiry_year"]),
        ({"cvc": "12"}, ["cvc"]),
        ({"cvc": "12a"}, ["cvc"]),
        ({"holder_name": "  "}, ["holder_name"]),
        ({"number": "1", "cvc": "", "expiry_month": 0}, ["cvc", "expiry_month", "number"]),
    ],
)
def test_invalid_card_data_is_refused_with_field_errors_and_nothing_stored(
    overrides: dict, fields: list[str]
):
    data = {"number": sandbox.CARD_SUCCESS} | overrides

    with pytest.raises(InvalidCardError) as raised:
        _tokenize(**data)

    assert raised.value.code == "invalid_card"
    assert sorted(raised.value.errors) == fields
    assert SandboxCard.objects.count() == 0


def test_a_success_card_is_charged_at_once():
    card = _tokenize(sandbox.CARD_SUCCESS)

    charge = get_payment_gateway().charge_create(
        token=card.token, amount=Decimal("49.9"), currency="cad", reference="order-1"
    )

    assert (charge.status, charge.amount, charge.currency, charge.challenge_id) == (
        "succeeded",
        Decimal("49.90"),
        "CAD",
        None,
    )
    assert charge.is_paid


def test_an_authorization_is_captured_later():
    gateway = get_payment_gateway()
    card = _tokenize(sandbox.CARD_SUCCESS)
    charge = gateway.charge_create(
        token=card.token, amount=Decimal("10"), currency="CAD", reference="r", capture=False
    )

    captured = gateway.charge_capture(charge_id=charge.charge_id)

    assert (charge.status, captured.status) == ("authorized", "succeeded")


def test_a_challenge_card_needs_the_code_then_succeeds():
    gateway = get_payment_gateway()
    card = _tokenize(sandbox.CARD_CHALLENGE)
    charge = gateway.charge_create(token=card.token, amount=Decimal("20"), currency="CAD", reference="r")
    assert charge.status == "challenge_required"
    assert charge.challenge_id.startswith("chl_sbx_")
    with pytest.raises(PaymentChallengeRequiredError):
        gateway.charge_capture(charge_id=charge.charge_id)

    done = gateway.challenge_complete(challenge_id=charge.challenge_id, code=sandbox.CHALLENGE_CODE)

    assert (done.charge_id, done.status, done.challenge_id) == (charge.charge_id, "succeeded", None)
    with pytest.raises(PaymentChallengeNotFoundError):
        gateway.challenge_complete(challenge_id=charge.challenge_id, code=sandbox.CHALLENGE_CODE)


def test_a_wrong_challenge_code_declines_the_charge_for_good():
    gateway = get_payment_gateway()
    card = _tokenize(sandbox.CARD_CHALLENGE)
    charge = gateway.charge_create(token=card.token, amount=Decimal("20"), currency="CAD", reference="r")

    with pytest.raises(PaymentChallengeFailedError) as raised:
        gateway.challenge_complete(challenge_id=charge.challenge_id, code="000000")

    assert (raised.value.code, raised.value.extra) == ("payment_declined", {"reason": "challenge_failed"})
    with pytest.raises(PaymentChallengeNotFoundError):
        gateway.challenge_complete(challenge_id=charge.challenge_id, code=sandbox.CHALLENGE_CODE)


@pytest.mark.parametrize(
    ("number", "reason"),
    [(sandbox.CARD_DECLINED, "card_declined"), (sandbox.CARD_INSUFFICIENT_FUNDS, "insufficient_funds")],
)
def test_a_decline_card_is_refused_with_its_reason(number: str, reason: str):
    card = _tokenize(number)

    with pytest.raises(PaymentDeclinedError) as raised:
        get_payment_gateway().charge_create(
            token=card.token, amount=Decimal("5"), currency="CAD", reference="r"
        )

    assert (raised.value.status, raised.value.code, raised.value.extra) == (
        402,
        "payment_declined",
        {"reason": reason},
    )


def test_an_unknown_token_or_a_non_positive_amount_is_refused():
    gateway = get_payment_gateway()
    card = _tokenize(sandbox.CARD_SUCCESS)

    with pytest.raises(PaymentTokenNotFoundError):
        gateway.charge_create(token="tok_sbx_nope", amount=Decimal("5"), currency="CAD", reference="r")
    with pytest.raises(InvalidAmountError):
        gateway.charge_create(token=card.token, amount=Decimal("0"), currency="CAD", reference="r")


def test_a_charge_is_refunded_in_part_then_in_full_and_never_beyond():
    gateway = get_payment_gateway()
    card = _tokenize(sandbox.CARD_SUCCESS)
    charge = gateway.charge_create(token=card.token, amount=Decimal("30"), currency="CAD", reference="r")

    first = gateway.charge_refund(charge_id=charge.charge_id, amount=Decimal("10"))
    assert gateway.charge_get(charge_id=charge.charge_id).status == "partially_refunded"
    rest = gateway.charge_refund(charge_id=charge.charge_id)

    assert (first.amount, rest.amount) == (Decimal("10.00"), Decimal("20.00"))
    after = gateway.charge_get(charge_id=charge.charge_id)
    assert (after.status, after.amount_refunded) == ("refunded", Decimal("30.00"))
    with pytest.raises(InvalidAmountError):
        gateway.charge_refund(charge_id=charge.charge_id, amount=Decimal("0.01"))
