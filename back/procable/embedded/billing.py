"""Billing: invoices with lines and PDF data, usage, balance and collection, payments, payment method."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from back import demo_codes
from back.procable.errors import ProCableConflictError, ProCableNotFoundError, ProCableRejectedError
from back.procable.models import Address, Customer, Invoice, InvoiceLine, Payment, Usage
from back.procable.port import (
    BalanceRecord,
    InvoiceDocumentRecord,
    InvoiceLineRecord,
    InvoiceRecord,
    PaymentMethodKind,
    PaymentMethodRecord,
    PaymentRecord,
    UsageRecord,
)

from .base import ADDRESS_RELATED, DB, address_record, customer_id, customer_record, customer_row, money

MAX_LIST = 500
_CARD_NUMBER = re.compile(r"^\d{12,19}$")


def _invoice_record(
    invoice: Invoice, customer_number: str, lines: tuple[InvoiceLineRecord, ...] = ()
) -> InvoiceRecord:
    return InvoiceRecord(
        id=invoice.id,
        number=invoice.number,
        customer_number=customer_number,
        issued_on=invoice.issued_on,
        due_on=invoice.due_on,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        subtotal=money(invoice.subtotal),
        taxes=money(invoice.taxes),
        total=money(invoice.total),
        is_paid=invoice.is_paid,
        lines=lines,
    )


def _payment_record(payment: Payment, customer_number: str) -> PaymentRecord:
    return PaymentRecord(
        id=payment.id,
        customer_number=customer_number,
        paid_on=payment.paid_on,
        amount=money(payment.amount),
        method=payment.method,
        reference=payment.reference,
    )


def _payment_method_record(customer: Customer) -> PaymentMethodRecord:
    return PaymentMethodRecord(
        method=customer.payment_method,  # type: ignore[arg-type]
        bank_institution=customer.bank_institution,
        bank_transit=customer.bank_transit,
        bank_account_last4=customer.bank_account[-4:] if customer.bank_account else "",
        card_token=customer.card_token,
        card_brand=customer.card_brand,
        card_last4=customer.card_last4,
        card_expiry=customer.card_expiry,
    )


class BillingMixin:
    def invoice_list(self, customer_number: str, *, limit: int = 24) -> list[InvoiceRecord]:
        rows = Invoice.objects.using(DB).filter(customer_id=customer_id(customer_number))
        return [
            _invoice_record(invoice, customer_number)
            for invoice in rows.order_by("-issued_on", "-id")[: min(max(limit, 1), MAX_LIST)]
        ]

    def invoice_get(self, customer_number: str, invoice_id: int) -> InvoiceRecord:
        invoice = (
            Invoice.objects.using(DB).filter(pk=invoice_id, customer_id=customer_id(customer_number)).first()
        )
        if invoice is None:
            # Same answer whether the invoice does not exist or belongs to another customer.
            raise ProCableNotFoundError(_("No invoice has this id for this customer."), invoice_id=invoice_id)
        lines = tuple(
            InvoiceLineRecord(
                service_code=line.service_code,
                label=line.label,
                quantity=line.quantity,
                unit_price=money(line.unit_price),
                amount=money(line.amount),
            )
            for line in InvoiceLine.objects.using(DB).filter(invoice=invoice).order_by("id")
        )
        return _invoice_record(invoice, customer_number, lines)

    def invoice_document(self, customer_number: str, invoice_id: int) -> InvoiceDocumentRecord:
        invoice = self.invoice_get(customer_number, invoice_id)
        customer = customer_row(customer_number)
        address_id = customer.billing_address_id or customer.address_id
        address = (
            Address.objects.using(DB).select_related(*ADDRESS_RELATED).filter(pk=address_id).first()
            if address_id
            else None
        )
        return InvoiceDocumentRecord(
            invoice=invoice,
            customer=customer_record(customer),
            address=address_record(address) if address else None,
            balance=money(customer.balance),
        )

    def usage_list(
        self, customer_number: str, *, since: date | None = None, limit: int = 200
    ) -> list[UsageRecord]:
        rows = Usage.objects.using(DB).filter(customer_id=customer_id(customer_number))
        if since is not None:
            rows = rows.filter(recorded_on__gte=since)
        return [
            UsageRecord(
                id=row.id,
                kind=row.kind,
                recorded_on=row.recorded_on,
                quantity=row.quantity,
                unit=row.unit,
                amount=money(row.amount),
            )
            for row in rows.order_by("-recorded_on", "-id")[: min(max(limit, 1), MAX_LIST)]
        ]

    def balance_get(self, customer_number: str) -> BalanceRecord:
        customer = customer_row(customer_number)
        today = timezone.localdate()
        overdue = (
            Invoice.objects.using(DB)
            .filter(customer=customer, is_paid=False, due_on__lt=today)
            .aggregate(total=Sum("total"))["total"]
        )
        last_payment = (
            Payment.objects.using(DB).filter(customer=customer).aggregate(last=Max("paid_on"))["last"]
        )
        return BalanceRecord(
            customer_number=customer_number,
            balance=money(customer.balance),
            collection_status=customer.collection_status,  # type: ignore[arg-type]
            overdue_amount=money(overdue or Decimal("0")),
            last_payment_on=last_payment,
        )

    def payment_record(
        self,
        customer_number: str,
        *,
        amount: Decimal,
        method: str,
        reference: str,
        paid_on: date | None = None,
    ) -> PaymentRecord:
        if amount <= 0:
            raise ProCableRejectedError(_("A payment must be a positive amount."), reason="invalid_amount")
        if method not in (*demo_codes.PAYMENT_METHODS, "cash", "cheque"):
            raise ProCableRejectedError(_("Unknown payment method."), reason="invalid_payment_method")
        if not reference.strip():
            raise ProCableRejectedError(_("A payment needs a reference."), reason="reference_required")
        with transaction.atomic(using=DB):
            customer = customer_row(customer_number, for_update=True)
            if Payment.objects.using(DB).filter(customer=customer, reference=reference).exists():
                raise ProCableConflictError(
                    _("A payment with this reference is already recorded."), reference=reference
                )
            payment = Payment.objects.using(DB).create(
                customer=customer,
                paid_on=paid_on or timezone.localdate(),
                amount=money(amount),
                method=method,
                reference=reference,
            )
            Customer.objects.using(DB).filter(pk=customer.pk).update(balance=F("balance") - money(amount))
            customer.refresh_from_db(using=DB, fields=["balance"])
            if customer.balance <= 0 and customer.collection_status != "none":
                Customer.objects.using(DB).filter(pk=customer.pk).update(collection_status="none")
        return _payment_record(payment, customer_number)

    def payment_list(self, customer_number: str, *, limit: int = 50) -> list[PaymentRecord]:
        rows = Payment.objects.using(DB).filter(customer_id=customer_id(customer_number))
        return [
            _payment_record(payment, customer_number)
            for payment in rows.order_by("-paid_on", "-id")[: min(max(limit, 1), MAX_LIST)]
        ]

    def payment_method_get(self, customer_number: str) -> PaymentMethodRecord:
        return _payment_method_record(customer_row(customer_number))

    def payment_method_set(
        self,
        customer_number: str,
        *,
        method: PaymentMethodKind,
        bank_institution: str = "",
        bank_transit: str = "",
        bank_account: str = "",
        card_token: str = "",
        card_brand: str = "",
        card_last4: str = "",
        card_expiry: str = "",
    ) -> PaymentMethodRecord:
        changes: dict[str, str] = dict.fromkeys(
            (
                "bank_institution",
                "bank_transit",
                "bank_account",
                "card_token",
                "card_brand",
                "card_last4",
                "card_expiry",
            ),
            "",
        )
        if method == "pad":
            if not (
                bank_institution.isdigit()
                and len(bank_institution) == 3
                and bank_transit.isdigit()
                and len(bank_transit) == 5
                and bank_account.isdigit()
                and 5 <= len(bank_account) <= 12
            ):
                raise ProCableRejectedError(
                    _(
                        "Pre-authorised debit needs a 3-digit institution, a 5-digit "
                        "transit and an account number."
                    ),
                    reason="bank_details_required",
                )
            changes.update(
                bank_institution=bank_institution, bank_transit=bank_transit, bank_account=bank_account
            )
        elif method == "card":
            token = card_token.replace(" ", "").replace("-", "")
            if _CARD_NUMBER.match(token):
                raise ProCableRejectedError(
                    _("Card numbers are never stored: give the payment provider's token."),
                    reason="card_number_refused",
                )
            if not card_token.strip():
                raise ProCableRejectedError(
                    _("A card needs the payment provider's token."), reason="card_token_required"
                )
            changes.update(
                card_token=card_token.strip(),
                card_brand=card_brand,
                card_last4=card_last4[-4:],
                card_expiry=card_expiry,
            )
        elif method != "bill":
            raise ProCableRejectedError(_("Unknown payment method."), reason="invalid_payment_method")
        with transaction.atomic(using=DB):
            customer = customer_row(customer_number, for_update=True)
            customer.payment_method = method
            for name, value in changes.items():
                setattr(customer, name, value)
            customer.updated_at = timezone.now()
            customer.save(using=DB, update_fields=["payment_method", *changes, "updated_at"])
        return _payment_method_record(customer)
