"""Writes of MyAccount. Every change to the customer file is made in Pro-Cable through the gateway;
what Pro-Cable has no place for (messages, consents, erasure and EasySwitch requests, the trail of
online payments) is recorded here, in the `weblys` database.
"""

from __future__ import annotations

import logging
import secrets
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from back.api.errors import ValidationFailedError
from back.customlogin import services as customlogin_services
from back.payments.errors import PaymentDeclinedError, PaymentTokenNotFoundError
from back.payments.gateway import get_payment_gateway
from back.payments.port import CardToken
from back.procable.errors import ProCableError
from back.procable.gateway import get_gateway
from back.procable.port import AppointmentRecord, CustomerRecord, PaymentMethodRecord

from .errors import (
    AppointmentNotBookedError,
    AppointmentNotFoundError,
    AppointmentTooLateError,
    EasySwitchNotAllowedError,
    EasySwitchPendingError,
    ErasurePendingError,
    NothingDueError,
    OnlinePaymentNotFoundError,
    PaymentAmountInvalidError,
    PaymentNotRecordedError,
)
from .models import ConsentEvent, ContactMessage, EasySwitchRequest, ErasureRequest, OnlinePayment

logger = logging.getLogger(__name__)

DB = "default"
CENT = Decimal("0.01")
SLOT_START = {"AM": time(8, 0), "PM": time(13, 0)}
SWITCH_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


# --- Payments ---------------------------------------------------------------------------------------------


def _money(value: Any, field: str = "amount") -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise PaymentAmountInvalidError(errors={field: [_("Enter an amount such as 25.00.")]}) from exc
    if not amount.is_finite() or amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise PaymentAmountInvalidError(errors={field: [_("Enter an amount with at most two decimals.")]})
    return amount.quantize(CENT)


def payment_due(*, customer_number: str, invoice_id: int | None) -> Decimal:
    """What may be paid: the balance, or for an unpaid invoice of this customer its total up to the balance.

    Raises ProCableNotFoundError (another customer's invoice looks unknown) and NothingDueError.
    """
    gateway = get_gateway()
    balance = gateway.balance_get(customer_number).balance
    due = balance
    if invoice_id is not None:
        invoice = gateway.invoice_get(customer_number, invoice_id)
        if invoice.is_paid:
            raise NothingDueError(_("This invoice is already paid."))
        due = min(invoice.total, balance)
    if due <= 0:
        raise NothingDueError()
    return due


def payment_make(
    *, customer_number: str, amount: Any, card_token: str, invoice_id: int | None = None
) -> OnlinePayment:
    """Pay the balance or an invoice by card token, then record the payment in Pro-Cable.

    The amount must be positive and at most what is due. A card that needs verification leaves the
    payment `challenge_required` (see `payment_challenge_complete`); nothing is recorded in Pro-Cable
    until the charge succeeds. If Pro-Cable cannot record a successful charge, the charge is refunded
    and PaymentNotRecordedError raised. Raises PaymentAmountInvalidError, NothingDueError,
    ProCableNotFoundError, PaymentDeclinedError, ValidationFailedError (unknown card token).
    """
    value = _money(amount)
    if value <= 0:
        raise PaymentAmountInvalidError(errors={"amount": [_("The amount must be positive.")]})
    due = payment_due(customer_number=customer_number, invoice_id=invoice_id)
    if value > due:
        raise PaymentAmountInvalidError(
            errors={"amount": [_("The amount cannot exceed what is due (%(due)s).") % {"due": due}]}
        )
    reference = f"MYACCOUNT-{customer_number}-{invoice_id or 'BALANCE'}"
    try:
        charge = get_payment_gateway().charge_create(
            token=card_token,
            amount=value,
            currency=getattr(settings, "PAYMENT_CURRENCY", "CAD"),
            reference=reference,
        )
    except PaymentTokenNotFoundError as exc:
        raise ValidationFailedError(
            errors={"card_token": [_("This card is unknown; enter it again.")]}
        ) from exc
    payment = OnlinePayment.objects.create(
        customer_number=customer_number,
        invoice_id=invoice_id,
        amount=value,
        charge_id=charge.charge_id,
        challenge_id=charge.challenge_id or "",
        status=OnlinePayment.Status.CHALLENGE_REQUIRED
        if charge.is_challenge_required
        else OnlinePayment.Status.RECORDED,
    )
    if charge.is_challenge_required:
        return payment
    return _payment_record_in_procable(payment)


def payment_challenge_complete(*, customer_number: str, payment_id: int, code: str) -> OnlinePayment:
    """Send the card-verification code of a waiting payment; on success record it in Pro-Cable.

    Raises OnlinePaymentNotFoundError (unknown, another customer's, or not waiting) and
    PaymentDeclinedError (wrong code: the payment is declined for good).
    """
    payment = OnlinePayment.objects.filter(
        pk=payment_id, customer_number=customer_number, status=OnlinePayment.Status.CHALLENGE_REQUIRED
    ).first()
    if payment is None:
        raise OnlinePaymentNotFoundError()
    try:
        get_payment_gateway().challenge_complete(challenge_id=payment.challenge_id, code=code)
    except PaymentDeclinedError:
        payment.status = OnlinePayment.Status.DECLINED
        payment.save(update_fields=["status", "updated_at"])
        raise
    return _payment_record_in_procable(payment)


def _payment_record_in_procable(payment: OnlinePayment) -> OnlinePayment:
    """Record a captured charge in Pro-Cable (reference: the charge id, never twice); refund on failure."""
    try:
        record = get_gateway().payment_record(
            payment.customer_number, amount=payment.amount, method="card", reference=payment.charge_id
        )
    except ProCableError as exc:
        logger.warning(
            "Pro-Cable refused online payment %s (%s); refunding the charge.", payment.pk, exc.code
        )
        get_payment_gateway().charge_refund(charge_id=payment.charge_id)
        payment.status = OnlinePayment.Status.REFUNDED
        payment.save(update_fields=["status", "updated_at"])
        raise PaymentNotRecordedError() from exc
    payment.status = OnlinePayment.Status.RECORDED
    payment.procable_payment_id = record.id
    payment.save(update_fields=["status", "procable_payment_id", "updated_at"])
    return payment


def card_tokenize(
    *, number: str, expiry_month: int, expiry_year: int, cvc: str, holder_name: str
) -> CardToken:
    """Exchange card data for a token at the payment gateway; the card number is never stored.

    Raises InvalidCardError with field errors.
    """
    return get_payment_gateway().card_tokenize(
        number=number, expiry_month=expiry_month, expiry_year=expiry_year, cvc=cvc, holder_name=holder_name
    )


def payment_method_change(
    *,
    customer_number: str,
    method: str,
    bank_institution: str = "",
    bank_transit: str = "",
    bank_account: str = "",
    card: dict[str, Any] | None = None,
) -> PaymentMethodRecord:
    """Set the monthly payment method in Pro-Cable: on the bill, pre-authorised debit, or a card.

    Bank details: institution 3 digits, transit 5 digits, account 7 to 12 digits. A card is
    tokenized at the payment gateway first; Pro-Cable only receives the token, brand, last 4 digits
    and expiry. Raises ValidationFailedError (field errors), InvalidCardError, ProCable errors.
    """
    gateway = get_gateway()
    if method == "pad":
        errors: dict[str, list[str]] = {}
        if not (bank_institution.isdigit() and len(bank_institution) == 3):
            errors["bank_institution"] = [_("The institution number has 3 digits.")]
        if not (bank_transit.isdigit() and len(bank_transit) == 5):
            errors["bank_transit"] = [_("The transit number has 5 digits.")]
        if not (bank_account.isdigit() and 7 <= len(bank_account) <= 12):
            errors["bank_account"] = [_("The account number has 7 to 12 digits.")]
        if errors:
            raise ValidationFailedError(errors=errors)
        return gateway.payment_method_set(
            customer_number,
            method="pad",
            bank_institution=bank_institution,
            bank_transit=bank_transit,
            bank_account=bank_account,
        )
    if method == "card":
        if not card:
            raise ValidationFailedError(errors={"card": [_("Enter the card details.")]})
        from back.payments.errors import InvalidCardError

        try:
            token = card_tokenize(**card)
        except InvalidCardError as exc:
            raise InvalidCardError(
                errors={f"card.{field}": msgs for field, msgs in exc.errors.items()}
            ) from exc
        return gateway.payment_method_set(
            customer_number,
            method="card",
            card_token=token.token,
            card_brand=token.brand,
            card_last4=token.last4,
            card_expiry=f"{token.expiry_month:02d}/{token.expiry_year % 100:02d}",
        )
    if method == "bill":
        return gateway.payment_method_set(customer_number, method="bill")
    raise ValidationFailedError(errors={"method": [_("Choose bill, pad or card.")]})


# --- Contact details and consents ----------------------------------------------------------------------


def contact_details_change(
    *,
    customer_number: str,
    email: str | None = None,
    phones: list[str] | None = None,
    language: str | None = None,
) -> CustomerRecord:
    """Change e-mail, phones or language in Pro-Cable, then the recovery data of CUSTOM LOGIN.

    Pro-Cable is the system of record: if it refuses (locked file...), nothing changes anywhere.
    """
    customer = get_gateway().customer_update_contact(
        customer_number, email=email, phones=tuple(phones) if phones is not None else None, language=language
    )
    customlogin_services.recovery_update(
        customer_number=customer_number,
        email=customer.email if email is not None else None,
        phones=list(customer.phones) if phones is not None else None,
        language=customer.language if language is not None else None,
    )
    return customer


@transaction.atomic(using=DB)
def consents_set(*, customer_number: str, choices: dict[str, bool]) -> None:
    """Record a consent event for each topic whose choice differs from the current one."""
    from .selectors import consent_state

    current = {
        item["topic"]: item["is_granted"]
        for item in consent_state(customer_number=customer_number)["consents"]
    }
    ConsentEvent.objects.bulk_create(
        [
            ConsentEvent(customer_number=customer_number, topic=topic, is_granted=granted)
            for topic, granted in sorted(choices.items())
            if topic in current and current[topic] != granted
        ]
    )


# --- Private data: erasure --------------------------------------------------------------------------------


def erasure_retained(*, customer_number: str) -> list[dict[str, str]]:
    """What the operator keeps after an erasure, and why (two gateway calls)."""
    gateway = get_gateway()
    today = timezone.localdate()
    years = int(getattr(settings, "MYACCOUNT_RECORDS_RETENTION_YEARS", 6))
    retained = [
        {
            "data": "invoices_and_payments",
            "reason": _("Invoices and payments are kept %(years)d years, as tax law requires.")
            % {"years": years},
        },
        {
            "data": "identity_and_contract",
            "reason": _(
                "Your name, address and contracts are kept while a service, a debt or a dispute remains."
            ),
        },
    ]
    if gateway.balance_get(customer_number).balance > 0:
        retained.append(
            {"data": "balance_due", "reason": _("An unpaid balance is kept until it is paid or written off.")}
        )
    if any(item.ends_on >= today for item in gateway.commitment_list(customer_number)):
        retained.append(
            {"data": "running_commitments", "reason": _("Running commitments are kept until their end date.")}
        )
    return retained


def erasure_request(*, customer_number: str, reason: str = "") -> ErasureRequest:
    """Record a request to erase personal data, for staff; one open at a time (else ErasurePendingError)."""
    retained = erasure_retained(customer_number=customer_number)
    with transaction.atomic(using=DB):
        is_open = (
            ErasureRequest.objects.select_for_update()
            .filter(
                customer_number=customer_number,
                status__in=[ErasureRequest.Status.RECEIVED, ErasureRequest.Status.IN_PROGRESS],
            )
            .exists()
        )
        if is_open:
            raise ErasurePendingError()
        return ErasureRequest.objects.create(
            customer_number=customer_number, reason=reason, retained=retained
        )


# --- Appointments -----------------------------------------------------------------------------------------


def _slot_start(day: date, period: str) -> datetime:
    return timezone.make_aware(datetime.combine(day, SLOT_START.get(period, time(8, 0))))


def _minimum_notice() -> timedelta:
    return timedelta(hours=int(getattr(settings, "MYACCOUNT_APPOINTMENT_MIN_NOTICE_HOURS", 24)))


def appointment_is_changeable(*, appointment: AppointmentRecord) -> bool:
    """A booked appointment may be moved or cancelled online until MIN_NOTICE hours before its slot."""
    return appointment.status == "booked" and _slot_start(
        appointment.day, appointment.period
    ) - timezone.now() >= (_minimum_notice())


def _own_appointment(customer_number: str, appointment_id: int) -> AppointmentRecord:
    for appointment in get_gateway().appointment_list(customer_number, limit=50):
        if appointment.id == appointment_id:
            return appointment
    raise AppointmentNotFoundError()


def _check_changeable(appointment: AppointmentRecord) -> None:
    if appointment.status != "booked":
        raise AppointmentNotBookedError()
    if not appointment_is_changeable(appointment=appointment):
        raise AppointmentTooLateError()


def appointment_reschedule(
    *, customer_number: str, appointment_id: int, day: date, period: str
) -> AppointmentRecord:
    """Move one of the customer's booked appointments to another slot, both at least MIN_NOTICE away.

    Raises AppointmentNotFoundError, AppointmentNotBookedError, AppointmentTooLateError,
    ValidationFailedError (new slot too soon) and ProCableConflictError (slot full).
    """
    appointment = _own_appointment(customer_number, appointment_id)
    _check_changeable(appointment)
    if _slot_start(day, period) - timezone.now() < _minimum_notice():
        raise ValidationFailedError(errors={"day": [_("Choose a slot at least 24 hours from now.")]})
    return get_gateway().appointment_reschedule(customer_number, appointment_id, day=day, period=period)


def appointment_cancel(*, customer_number: str, appointment_id: int) -> AppointmentRecord:
    """Cancel one of the customer's booked appointments (same rules as rescheduling)."""
    appointment = _own_appointment(customer_number, appointment_id)
    _check_changeable(appointment)
    return get_gateway().appointment_cancel(customer_number, appointment_id)


# --- EasySwitch -------------------------------------------------------------------------------------------


def easyswitch_summary(*, customer_number: str) -> dict[str, Any]:
    """What a transfer to another operator ends and what it costs (four gateway calls)."""
    gateway = get_gateway()
    customer = gateway.customer_get(customer_number)
    today = timezone.localdate()
    services = gateway.customer_services(customer_number)
    commitments = [item for item in gateway.commitment_list(customer_number) if item.ends_on >= today]
    equipment = [item for item in gateway.equipment_list(customer_number) if item.status == "assigned"]
    fees = sum((item.early_termination_fee for item in commitments), Decimal("0.00"))
    return {
        "customer_status": customer.status,
        "services_ending": [
            {
                "service_code": s.service_code,
                "domain": s.domain,
                "kind": s.kind,
                "monthly_price": str(s.monthly_price),
            }
            for s in services
        ],
        "commitments_ending": [
            {
                "service_code": c.service_code,
                "ends_on": c.ends_on.isoformat(),
                "early_termination_fee": str(c.early_termination_fee),
            }
            for c in commitments
        ],
        "equipment_to_return": [
            {"serial_number": e.serial_number, "service_code": e.service_code}
            for e in equipment
            if e.ownership != "buy"
        ],
        "early_termination_fees": str(fees),
        "balance": str(gateway.balance_get(customer_number).balance),
    }


def easyswitch_request(*, customer_number: str, receiving_operator: str) -> EasySwitchRequest:
    """Record a transfer for the receiving operator and give the customer a switch code.

    Raises EasySwitchNotAllowedError (cancelled account), EasySwitchPendingError (one is waiting).
    """
    summary = easyswitch_summary(customer_number=customer_number)
    if summary["customer_status"] == "cancelled":
        raise EasySwitchNotAllowedError()
    with transaction.atomic(using=DB):
        pending = EasySwitchRequest.objects.select_for_update().filter(
            customer_number=customer_number, status=EasySwitchRequest.Status.PENDING
        )
        if pending.exists():
            raise EasySwitchPendingError()
        for _attempt in range(5):
            code = "ES-" + "".join(secrets.choice(SWITCH_CODE_ALPHABET) for _i in range(8))
            try:
                with transaction.atomic(using=DB):
                    return EasySwitchRequest.objects.create(
                        customer_number=customer_number,
                        switch_code=code,
                        receiving_operator=receiving_operator.strip(),
                        summary=summary,
                    )
            except IntegrityError:
                continue
    raise RuntimeError("Could not draw a unique switch code.")


# --- Customer service -------------------------------------------------------------------------------------


def contact_message_create(*, customer_number: str, subject: str, message: str) -> ContactMessage:
    """Record a message for customer service (WeCRM will turn it into a case once it exists)."""
    row = ContactMessage(customer_number=customer_number, subject=subject.strip(), message=message.strip())
    row.full_clean()
    row.save()
    return row
