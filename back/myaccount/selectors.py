"""Reads of MyAccount: a customer's own file, from Pro-Cable through the gateway and from Weblys.

Every selector takes the customer number of the acting customer (never a number from the request)
and makes a bounded number of gateway calls, documented on each.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone

from back.customlogin import selectors as customlogin_selectors
from back.procable.gateway import get_gateway
from back.procable.port import AppointmentRecord

from .models import ConsentEvent, ContactMessage, EasySwitchRequest, ErasureRequest, OnlinePayment
from .records import plain

OPEN_WORK_ORDER_STATUSES = ("PEND", "SCHED", "HOLD")
LIST_LIMIT = 50


def _service_labels(language: str) -> dict[str, str]:
    """Service code → label in the customer's language (one gateway call)."""
    return {
        service.code: service.label_fr if language == "fr" else service.label_en
        for service in get_gateway().services_list()
    }


def account_summary(*, customer_number: str) -> dict[str, Any]:
    """The customer file, services, equipment, commitments, balance, open work orders and appointments.

    Ten gateway calls whatever the size of the file. Raises ProCableNotFoundError / UnavailableError.
    """
    gateway = get_gateway()
    customer = gateway.customer_get(customer_number)
    labels = _service_labels(customer.language)
    today = timezone.localdate()
    address = gateway.address_get(customer.address_id) if customer.address_id else None
    services = gateway.customer_services(customer_number)
    equipment = [item for item in gateway.equipment_list(customer_number) if item.status == "assigned"]
    commitments = gateway.commitment_list(customer_number)
    balance = gateway.balance_get(customer_number)
    payment_method = gateway.payment_method_get(customer_number)
    work_orders = [
        order
        for order in gateway.work_order_list(customer_number, limit=LIST_LIMIT)
        if order.status in OPEN_WORK_ORDER_STATUSES
    ]
    appointments = [
        appointment
        for appointment in gateway.appointment_list(customer_number, limit=LIST_LIMIT)
        if appointment.status == "booked" and appointment.day >= today
    ]
    return {
        "customer": plain(customer),
        "address": {"id": address.id, "label": address.label} if address else None,
        "services": [
            {**plain(service), "label": labels.get(service.service_code, service.service_code)}
            for service in services
        ],
        "monthly_total": str(sum((s.monthly_price * s.quantity for s in services), Decimal("0.00"))),
        "equipment": [
            {**plain(item), "label": labels.get(item.service_code, item.service_code)} for item in equipment
        ],
        "commitments": [
            {
                **plain(item),
                "label": labels.get(item.service_code, item.service_code),
                "is_running": item.ends_on >= today,
            }
            for item in commitments
        ],
        "balance": plain(balance),
        "payment_method": plain(payment_method),
        "open_work_orders": plain(work_orders),
        "upcoming_appointments": [appointment_payload(a) for a in appointments],
        "login": plain(customlogin_selectors.credential_summary(customer_number=customer_number)),
        "pending_orders": pending_orders(customer_number=customer_number),
    }


def pending_orders(*, customer_number: str) -> list[dict[str, Any]]:
    """Orders still to happen (e.g. a change of offer made in MyShop), from the order engine (one query)."""
    from back.orders.selectors_change import customer_order_list, order_expected_on, order_is_pending

    return [
        {
            "id": str(order.id),
            "offer_code": order.offer_code,
            "sale_type": order.sale_type,
            "is_change": order.is_change,
            "status": order.status,
            "expected_on": order_expected_on(order).isoformat(),
        }
        for order in customer_order_list(customer_number=customer_number)
        if order_is_pending(order)
    ]


def appointment_payload(appointment: AppointmentRecord) -> dict[str, Any]:
    """An appointment with whether MyAccount may still move or cancel it."""
    from .services import appointment_is_changeable

    return {**plain(appointment), "is_changeable": appointment_is_changeable(appointment=appointment)}


def appointment_list(*, customer_number: str) -> list[dict[str, Any]]:
    """The customer's appointments, latest day first (one gateway call)."""
    return [appointment_payload(a) for a in get_gateway().appointment_list(customer_number, limit=LIST_LIMIT)]


def invoice_list(*, customer_number: str) -> list[dict[str, Any]]:
    """The last 24 invoices, newest first, without lines (one gateway call)."""
    return plain(get_gateway().invoice_list(customer_number, limit=24))


def invoice_detail(*, customer_number: str, invoice_id: int) -> dict[str, Any]:
    """One invoice of this customer with lines; ProCableNotFoundError for another customer's invoice."""
    return plain(get_gateway().invoice_get(customer_number, invoice_id))


def usage_summary(*, customer_number: str, since: date, until: date) -> dict[str, Any]:
    """Usage between two days: records and totals per kind (data, voice, sms, ppv) and per month.

    One gateway call (at most 200 records, newest first).
    """
    rows = [
        row
        for row in get_gateway().usage_list(customer_number, since=since, limit=200)
        if row.recorded_on <= until
    ]
    totals: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(
        lambda: {"quantity": Decimal("0"), "amount": Decimal("0.00")}
    )
    months: dict[tuple[str, str, str], dict[str, Decimal]] = defaultdict(
        lambda: {"quantity": Decimal("0"), "amount": Decimal("0.00")}
    )
    for row in rows:
        for bucket in (
            totals[(row.kind, row.unit)],
            months[(row.recorded_on.strftime("%Y-%m"), row.kind, row.unit)],
        ):
            bucket["quantity"] += row.quantity
            bucket["amount"] += row.amount
    return {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "totals": [
            {"kind": kind, "unit": unit, **plain(value)} for (kind, unit), value in sorted(totals.items())
        ],
        "by_month": [
            {"month": month, "kind": kind, "unit": unit, **plain(value)}
            for (month, kind, unit), value in sorted(months.items())
        ],
        "records": plain(rows),
    }


def payment_history(*, customer_number: str) -> dict[str, Any]:
    """Payments recorded in Pro-Cable (one gateway call) and online payments made in MyAccount."""
    return {
        "payments": plain(get_gateway().payment_list(customer_number, limit=LIST_LIMIT)),
        "online_payments": [
            online_payment_payload(row)
            for row in OnlinePayment.objects.filter(customer_number=customer_number)[:LIST_LIMIT]
        ],
    }


def online_payment_payload(row: OnlinePayment) -> dict[str, Any]:
    return {
        "id": row.pk,
        "invoice_id": row.invoice_id,
        "amount": str(row.amount),
        "status": row.status,
        "charge_id": row.charge_id,
        "procable_payment_id": row.procable_payment_id,
        "created_at": row.created_at.isoformat(),
    }


def consent_state(*, customer_number: str) -> dict[str, Any]:
    """The current choice per consent topic (False until granted) and when it was last changed."""
    state: dict[str, dict[str, Any]] = {
        topic: {"topic": topic, "label": str(label), "is_granted": False, "changed_at": None}
        for topic, label in ConsentEvent.Topic.choices
    }
    for event in ConsentEvent.objects.filter(customer_number=customer_number).order_by("created_at", "id"):
        state[event.topic].update(is_granted=event.is_granted, changed_at=event.created_at.isoformat())
    return {"consents": list(state.values())}


def change_offer_eligibility(*, customer_number: str) -> dict[str, Any]:
    """Whether "Change my offer" may open MyShop, and every reason why not.

    The reasons are the order engine's change blockers (one source of truth with MyShop and WeShop):
    `customer_not_active`, `customer_type_not_allowed`, `account_in_collection`, `file_locked`,
    `offer_not_in_catalog`.
    """
    from back.orders.selectors_change import customer_change_blockers
    from catalog import selectors as catalog_selectors

    blockers = customer_change_blockers(customer_number=customer_number)
    current = catalog_selectors.customer_current_offer(customer_number=customer_number)
    reasons = [{"code": blocker["code"], "message": blocker["message"]} for blocker in blockers]
    return {"is_allowed": not reasons, "reasons": reasons, "current_offer": current["offer"]}


def data_export(*, customer_number: str) -> dict[str, Any]:
    """Everything the customer file holds, for "download all my data" (about 20 bounded gateway calls)."""
    from back.procable.errors import ProCableNotFoundError

    gateway = get_gateway()
    customer = gateway.customer_get(customer_number)
    invoices = gateway.invoice_list(customer_number, limit=24)
    invoice_details = []
    for invoice in invoices:
        try:
            invoice_details.append(gateway.invoice_get(customer_number, invoice.id))
        except ProCableNotFoundError:
            continue
    mobile_lines = gateway.mobile_line_list(customer_number)
    return {
        "exported_at": timezone.now().isoformat(),
        "operator": settings.OPERATOR_NAME,
        "customer": plain(customer),
        "address": plain(gateway.address_get(customer.address_id)) if customer.address_id else None,
        "services": plain(gateway.customer_services(customer_number)),
        "equipment": plain(gateway.equipment_list(customer_number)),
        "commitments": plain(gateway.commitment_list(customer_number)),
        "phone_numbers": plain(gateway.phone_number_list(customer_number)),
        "mobile_lines": plain(mobile_lines),
        "mobile_transactions": {
            line.msisdn: plain(gateway.mobile_transaction_list(customer_number, line.msisdn, limit=100))
            for line in mobile_lines[:5]
        },
        "invoices": plain(invoice_details),
        "usage": plain(gateway.usage_list(customer_number, limit=200)),
        "balance": plain(gateway.balance_get(customer_number)),
        "payments": plain(gateway.payment_list(customer_number, limit=LIST_LIMIT)),
        "payment_method": plain(gateway.payment_method_get(customer_number)),
        "work_orders": plain(gateway.work_order_list(customer_number, limit=LIST_LIMIT)),
        "appointments": plain(gateway.appointment_list(customer_number, limit=LIST_LIMIT)),
        "letters": plain(gateway.letter_list(customer_number, limit=LIST_LIMIT)),
        "interventions": plain(gateway.intervention_list(customer_number, limit=LIST_LIMIT)),
        "login": customlogin_selectors.credential_export(customer_number=customer_number),
        "consents": consent_state(customer_number=customer_number)["consents"],
        "online_payments": payment_history_online(customer_number=customer_number),
        "contact_messages": [
            {"subject": m.subject, "message": m.message, "created_at": m.created_at.isoformat()}
            for m in ContactMessage.objects.filter(customer_number=customer_number)[:200]
        ],
        "erasure_requests": [
            {"status": r.status, "reason": r.reason, "created_at": r.created_at.isoformat()}
            for r in ErasureRequest.objects.filter(customer_number=customer_number)[:20]
        ],
        "easyswitch_requests": [
            {
                "switch_code": r.switch_code,
                "receiving_operator": r.receiving_operator,
                "status": r.status,
                "created_at": r.created_at.isoformat(),
            }
            for r in EasySwitchRequest.objects.filter(customer_number=customer_number)[:20]
        ],
    }


def payment_history_online(*, customer_number: str) -> list[dict[str, Any]]:
    return [
        online_payment_payload(row)
        for row in OnlinePayment.objects.filter(customer_number=customer_number)[:200]
    ]
