"""MyAccount: the logged-in customer's own file (the back takes the customer number from the token).

Every function acts as the customer of the current request; another customer's invoice, payment or
appointment looks unknown (BackNotFound). Documents (invoice PDF, data export) are streamed through
without being held in memory.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from . import http
from .myaccount_types import (
    AccountSummary,
    Appointment,
    CardToken,
    ChangeOfferCheck,
    Consent,
    ContactMessage,
    Customer,
    Document,
    EasySwitch,
    EasySwitchRequest,
    ErasureRequest,
    Invoice,
    OnlinePayment,
    PaymentHistory,
    PaymentMethod,
    Slot,
    Usage,
)

BASE = "/api/v1/myaccount"
SLOTS = "/api/v1/procable/appointment-slots/"


def summary_get() -> AccountSummary:
    """The account page in one call: file, services, equipment, commitments, balance, work, appointments."""
    return AccountSummary.from_json(http.get(f"{BASE}/summary/"))


def change_offer_check() -> ChangeOfferCheck:
    """Whether "Change my offer" may open MyShop, with the blocker codes when not."""
    return ChangeOfferCheck.from_json(http.get(f"{BASE}/change-offer/"))


def invoice_list() -> tuple[Invoice, ...]:
    """The last 24 invoices, newest first, without lines."""
    return tuple(Invoice.from_json(row) for row in http.get(f"{BASE}/invoices/")["results"])


def invoice_get(*, invoice_id: int) -> Invoice:
    """One invoice with its lines. Raises BackNotFound (unknown or another customer's)."""
    return Invoice.from_json(http.get(f"{BASE}/invoices/{invoice_id}/"))


def invoice_pdf(*, invoice_id: int) -> Document:
    """The invoice as a PDF, streamed. Raises BackNotFound."""
    return _document(f"{BASE}/invoices/{invoice_id}/pdf/")


def data_export() -> Document:
    """Everything the file holds, as a JSON attachment, streamed."""
    return _document(f"{BASE}/data-export/")


def usage_get(*, since: date | None = None, until: date | None = None) -> Usage:
    """Usage per kind and month between two days (default: the last 90 days).

    Raises BackValidationError (`since`: after `until`, or more than 400 days).
    """
    params = {key: value.isoformat() for key, value in (("since", since), ("until", until)) if value}
    return Usage.from_json(http.get(f"{BASE}/usage/", params=params))


def payment_history() -> PaymentHistory:
    """Payments recorded in Pro-Cable and card payments made online."""
    return PaymentHistory.from_json(http.get(f"{BASE}/payments/"))


def card_tokenize(
    *, number: str, expiry_month: int, expiry_year: int, cvc: str, holder_name: str
) -> CardToken:
    """Exchange card data for a token at the payment gateway (the front never keeps the card).

    Raises BackValidationError (`invalid_card`, per field: number, expiry_month, cvc...).
    """
    body = {
        "number": number,
        "expiry_month": expiry_month,
        "expiry_year": expiry_year,
        "cvc": cvc,
        "holder_name": holder_name,
    }
    return CardToken.from_json(http.post(f"{BASE}/cards/", json=body, creates=True))


def payment_make(
    *, amount: str, card_token: str, invoice_id: int | None = None, idempotency_key: str | None = None
) -> OnlinePayment:
    """Pay the balance (or one invoice) by card token; the payment may wait for a card challenge.

    Raises BackValidationError (`payment_amount_invalid` on `amount`, `card_token`), BackConflict
    (`nothing_due`), BackNotFound (invoice), BackPaymentRequired (`payment_declined`), BackUnavailable
    (`payment_not_recorded`: refunded).
    """
    body: dict[str, Any] = {"amount": amount, "card_token": card_token, "invoice_id": invoice_id}
    return OnlinePayment.from_json(
        http.post(f"{BASE}/payments/", json=body, creates=True, idempotency_key=idempotency_key)
    )


def payment_challenge_complete(*, payment_id: int, code: str) -> OnlinePayment:
    """Send the card-verification code. Raises BackPaymentRequired (`payment_declined`), BackNotFound."""
    return OnlinePayment.from_json(http.post(f"{BASE}/payments/{payment_id}/challenge/", json={"code": code}))


def payment_method_get() -> PaymentMethod:
    """How the monthly bill is paid (masked)."""
    return PaymentMethod.from_json(http.get(f"{BASE}/payment-method/"))


def payment_method_set(
    *,
    method: str,
    bank_institution: str = "",
    bank_transit: str = "",
    bank_account: str = "",
    card: dict[str, Any] | None = None,
) -> PaymentMethod:
    """Pay monthly on the bill, by pre-authorised debit, or by card.

    Raises BackValidationError (bank_institution, bank_transit, bank_account, `card.<field>`).
    """
    body: dict[str, Any] = {
        "method": method,
        "bank_institution": bank_institution,
        "bank_transit": bank_transit,
        "bank_account": bank_account,
    }
    if card is not None:
        body["card"] = card
    return PaymentMethod.from_json(http.put(f"{BASE}/payment-method/", json=body))


def contact_update(*, email: str, phones: list[str], language: str) -> Customer:
    """Change e-mail, phones and language (in Pro-Cable and the login recovery data).

    Raises BackValidationError (email, `phones` or `phones.<n>`, language), BackConflict (locked file).
    """
    body = {"email": email, "phones": phones, "language": language}
    return Customer.from_json(http.put(f"{BASE}/contact/", json=body))


def consent_list() -> tuple[Consent, ...]:
    """The current choice per consent topic."""
    return tuple(Consent.from_json(c) for c in http.get(f"{BASE}/consents/")["consents"])


def consents_set(*, choices: dict[str, bool]) -> tuple[Consent, ...]:
    """Grant or withdraw consents, topic by topic. Raises BackValidationError (unknown topics)."""
    data = http.put(f"{BASE}/consents/", json={"consents": choices})
    return tuple(Consent.from_json(c) for c in data["consents"])


def erasure_request_list() -> tuple[ErasureRequest, ...]:
    """My requests to erase my data, newest first."""
    return tuple(ErasureRequest.from_json(r) for r in http.get(f"{BASE}/erasure-requests/")["results"])


def erasure_request_create(*, reason: str, idempotency_key: str | None = None) -> ErasureRequest:
    """Ask to erase my data. Raises BackConflict (`erasure_pending`)."""
    return ErasureRequest.from_json(
        http.post(
            f"{BASE}/erasure-requests/",
            json={"reason": reason},
            creates=True,
            idempotency_key=idempotency_key,
        )
    )


def appointment_list() -> tuple[Appointment, ...]:
    """My appointments, latest first, with whether each may still be changed online."""
    return tuple(Appointment.from_json(a) for a in http.get(f"{BASE}/appointments/")["results"])


def slot_list(*, zone_code: str, start: date, days: int = 14) -> tuple[Slot, ...]:
    """The technician slots of a zone from `start`, for `days` days (full ones included)."""
    data = http.get(SLOTS, params={"zone": zone_code, "start": start.isoformat(), "days": days})
    return tuple(Slot.from_json(s) for s in data)


def appointment_reschedule(*, appointment_id: int, day: date, period: str) -> Appointment:
    """Move an appointment. Raises BackValidationError (`day`), BackConflict (`appointment_too_late`,
    `appointment_not_booked`, a full slot), BackNotFound."""
    body = {"day": day.isoformat(), "period": period}
    return Appointment.from_json(http.post(f"{BASE}/appointments/{appointment_id}/reschedule/", json=body))


def appointment_cancel(*, appointment_id: int) -> Appointment:
    """Cancel an appointment. Raises BackConflict (`appointment_too_late`, `appointment_not_booked`)."""
    return Appointment.from_json(http.post(f"{BASE}/appointments/{appointment_id}/cancel/"))


def easyswitch_get() -> EasySwitch:
    """What a transfer to another operator ends and costs, and my transfer requests."""
    return EasySwitch.from_json(http.get(f"{BASE}/easyswitch/"))


def easyswitch_request(*, receiving_operator: str, idempotency_key: str | None = None) -> EasySwitchRequest:
    """Request a transfer and get the switch code.

    Raises BackValidationError, BackConflict (`easyswitch_pending`, `easyswitch_not_allowed`).
    """
    return EasySwitchRequest.from_json(
        http.post(
            f"{BASE}/easyswitch/",
            json={"receiving_operator": receiving_operator},
            creates=True,
            idempotency_key=idempotency_key,
        )
    )


def contact_message_list() -> tuple[ContactMessage, ...]:
    """My messages to customer service, newest first."""
    return tuple(ContactMessage.from_json(m) for m in http.get(f"{BASE}/contact-messages/")["results"])


def contact_message_create(
    *, subject: str, message: str, idempotency_key: str | None = None
) -> ContactMessage:
    """Send a message to customer service. Raises BackValidationError (subject, message)."""
    return ContactMessage.from_json(
        http.post(
            f"{BASE}/contact-messages/",
            json={"subject": subject, "message": message},
            creates=True,
            idempotency_key=idempotency_key,
        )
    )


def default_reschedule_start(*, today: date) -> date:
    """The first day worth offering: the back refuses any slot within 24 hours."""
    return today + timedelta(days=2)


def _document(path: str) -> Document:
    """GET a file and stream it: the body is read chunk by chunk as the browser receives it.

    Errors are mapped like every other call. `chunks` closes the back response when exhausted or closed.
    """
    stream = http.get_stream(path, headers={"Accept": "*/*"})
    return Document(
        content_type=stream.headers.get("Content-Type", "application/octet-stream"),
        disposition=stream.headers.get("Content-Disposition", "attachment"),
        chunks=stream,
    )
