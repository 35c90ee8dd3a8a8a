"""Operations: work orders, technician capacity and appointments, letters, intervention history."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from back import demo_codes
from back.procable.errors import ProCableConflictError, ProCableNotFoundError, ProCableRejectedError
from back.procable.models import Appointment, Intervention, Letter, TechnicianCapacity, WorkOrder, Zone
from back.procable.port import (
    AppointmentRecord,
    InterventionRecord,
    LetterRecord,
    SlotPeriod,
    SlotRecord,
    WorkOrderCategory,
    WorkOrderRecord,
)

from .base import DB, customer_id, customer_row, ensure_unlocked
from .customers import next_number

MAX_LIST = 500
MAX_SLOT_DAYS = 60
PERIODS = ("AM", "PM")
CATEGORIES = ("primary", "secondary", "contract")
WORK_ORDER_PREFIX = "WO"


def _max_work_order_number() -> int:
    latest = WorkOrder.objects.using(DB).order_by("-id").values_list("number", flat=True).first()
    return (
        int(latest[len(WORK_ORDER_PREFIX) :]) if latest and latest[len(WORK_ORDER_PREFIX) :].isdigit() else 0
    )


def _work_order_record(order: WorkOrder, customer_number: str) -> WorkOrderRecord:
    return WorkOrderRecord(
        number=order.number,
        customer_number=customer_number,
        code=order.code,
        category=order.category,  # type: ignore[arg-type]
        status=order.status,
        expected_on=order.expected_on,
        completed_on=order.completed_on,
        created_at=order.created_at,
        note=order.note,
    )


def _appointment_record(
    appointment: Appointment, customer_number: str, zone_code: str, work_order_number: str
) -> AppointmentRecord:
    return AppointmentRecord(
        id=appointment.id,
        customer_number=customer_number,
        zone_code=zone_code,
        day=appointment.day,
        period=appointment.period,  # type: ignore[arg-type]
        status=appointment.status,
        work_order_number=work_order_number,
    )


def _take_slot(zone: Zone, day: date, period: str) -> None:
    """Book one place in a slot; a conditional UPDATE keeps concurrent bookings safe."""
    slot = TechnicianCapacity.objects.using(DB).filter(zone=zone, day=day, period=period)
    if not slot.exists():
        raise ProCableNotFoundError(
            _("No technician works in this zone at that time."),
            zone_code=zone.code,
            day=day.isoformat(),
            period=period,
        )
    if not slot.filter(booked__lt=F("capacity")).update(booked=F("booked") + 1):
        raise ProCableConflictError(
            _("This appointment slot is full; choose another one."),
            zone_code=zone.code,
            day=day.isoformat(),
            period=period,
        )


def _free_slot(zone_id: int, day: date, period: str) -> None:
    TechnicianCapacity.objects.using(DB).filter(zone_id=zone_id, day=day, period=period, booked__gt=0).update(
        booked=F("booked") - 1
    )


def _zone(zone_code: str) -> Zone:
    zone = Zone.objects.using(DB).filter(code=zone_code).first()
    if zone is None:
        raise ProCableNotFoundError(_("No zone has this code."), zone_code=zone_code)
    return zone


class OperationsMixin:
    def work_order_create(
        self,
        customer_number: str,
        *,
        code: str,
        category: WorkOrderCategory,
        status: str = "PEND",
        expected_on: date | None = None,
        note: str = "",
    ) -> WorkOrderRecord:
        if code not in demo_codes.WORK_ORDER_CODES:
            raise ProCableRejectedError(_("Unknown work order code."), reason="unknown_work_order_code")
        if status not in demo_codes.WORK_ORDER_STATUSES:
            raise ProCableRejectedError(_("Unknown work order status."), reason="unknown_work_order_status")
        if category not in CATEGORIES:
            raise ProCableRejectedError(
                _("Unknown work order category."), reason="unknown_work_order_category"
            )
        with transaction.atomic(using=DB):
            customer = customer_row(customer_number, for_update=True)
            number = next_number("work_order", start=1, current_max=_max_work_order_number())
            order = WorkOrder.objects.using(DB).create(
                number=f"{WORK_ORDER_PREFIX}{number:08d}",
                customer=customer,
                code=code,
                category=category,
                status=status,
                expected_on=expected_on,
                note=note[:200],
            )
        return _work_order_record(order, customer_number)

    def work_order_list(self, customer_number: str, *, limit: int = 50) -> list[WorkOrderRecord]:
        rows = WorkOrder.objects.using(DB).filter(customer_id=customer_id(customer_number))
        return [
            _work_order_record(order, customer_number)
            for order in rows.order_by("-created_at", "-id")[: min(max(limit, 1), MAX_LIST)]
        ]

    def appointment_slots(self, zone_code: str, *, start: date, days: int = 14) -> list[SlotRecord]:
        zone = _zone(zone_code)
        days = min(max(days, 1), MAX_SLOT_DAYS)
        rows = TechnicianCapacity.objects.using(DB).filter(
            zone=zone, day__gte=start, day__lt=start + timedelta(days=days)
        )
        return [
            SlotRecord(
                zone_code=zone.code,
                day=row.day,
                period=row.period,  # type: ignore[arg-type]
                capacity=row.capacity,
                booked=row.booked,
            )
            for row in rows.order_by("day", "period")
        ]

    def appointment_book(
        self,
        customer_number: str,
        *,
        zone_code: str,
        day: date,
        period: SlotPeriod,
        work_order_number: str = "",
    ) -> AppointmentRecord:
        if period not in PERIODS:
            raise ProCableRejectedError(
                _("An appointment is in the morning (AM) or afternoon (PM)."), reason="invalid_period"
            )
        zone = _zone(zone_code)
        with transaction.atomic(using=DB):
            customer = customer_row(customer_number, for_update=True)
            ensure_unlocked(customer)
            work_order = None
            if work_order_number:
                work_order = (
                    WorkOrder.objects.using(DB).filter(customer=customer, number=work_order_number).first()
                )
                if work_order is None:
                    raise ProCableNotFoundError(
                        _("The customer has no such work order."), work_order_number=work_order_number
                    )
            _take_slot(zone, day, period)
            appointment = Appointment.objects.using(DB).create(
                customer=customer, zone=zone, day=day, period=period, status="booked", work_order=work_order
            )
            if work_order is not None:
                WorkOrder.objects.using(DB).filter(pk=work_order.pk).update(status="SCHED", expected_on=day)
        return _appointment_record(appointment, customer_number, zone.code, work_order_number)

    def _appointment(self, customer_number: str, appointment_id: int) -> Appointment:
        appointment = (
            Appointment.objects.using(DB)
            .select_for_update()
            .filter(pk=appointment_id, customer_id=customer_id(customer_number))
            .first()
        )
        if appointment is None:
            raise ProCableNotFoundError(
                _("The customer has no such appointment."), appointment_id=appointment_id
            )
        return appointment

    def appointment_reschedule(
        self, customer_number: str, appointment_id: int, *, day: date, period: SlotPeriod
    ) -> AppointmentRecord:
        if period not in PERIODS:
            raise ProCableRejectedError(
                _("An appointment is in the morning (AM) or afternoon (PM)."), reason="invalid_period"
            )
        with transaction.atomic(using=DB):
            appointment = self._appointment(customer_number, appointment_id)
            if appointment.status != "booked":
                raise ProCableConflictError(
                    _("Only a booked appointment can be moved."), appointment_id=appointment_id
                )
            zone = Zone.objects.using(DB).get(pk=appointment.zone_id)
            _take_slot(zone, day, period)
            _free_slot(zone.pk, appointment.day, appointment.period)
            appointment.day, appointment.period = day, period
            appointment.save(using=DB, update_fields=["day", "period"])
            if appointment.work_order_id:
                WorkOrder.objects.using(DB).filter(pk=appointment.work_order_id).update(expected_on=day)
            number = (
                WorkOrder.objects.using(DB)
                .filter(pk=appointment.work_order_id)
                .values_list("number", flat=True)
                .first()
                or ""
            )
        return _appointment_record(appointment, customer_number, zone.code, number)

    def appointment_cancel(self, customer_number: str, appointment_id: int) -> AppointmentRecord:
        with transaction.atomic(using=DB):
            appointment = self._appointment(customer_number, appointment_id)
            if appointment.status == "booked":
                _free_slot(appointment.zone_id, appointment.day, appointment.period)
                appointment.status = "cancelled"
                appointment.save(using=DB, update_fields=["status"])
            zone_code = (
                Zone.objects.using(DB).filter(pk=appointment.zone_id).values_list("code", flat=True).get()
            )
            number = (
                WorkOrder.objects.using(DB)
                .filter(pk=appointment.work_order_id)
                .values_list("number", flat=True)
                .first()
                or ""
            )
        return _appointment_record(appointment, customer_number, zone_code, number)

    def appointment_list(self, customer_number: str, *, limit: int = 50) -> list[AppointmentRecord]:
        rows = (
            Appointment.objects.using(DB)
            .filter(customer_id=customer_id(customer_number))
            .select_related("zone", "work_order")
            .order_by("-day", "-id")[: min(max(limit, 1), MAX_LIST)]
        )
        return [
            _appointment_record(
                row, customer_number, row.zone.code, row.work_order.number if row.work_order else ""
            )
            for row in rows
        ]

    def letter_create(self, customer_number: str, *, code: str, language: str | None = None) -> LetterRecord:
        if code not in demo_codes.LETTER_CODES:
            raise ProCableRejectedError(_("Unknown letter code."), reason="unknown_letter_code")
        customer = customer_row(customer_number)
        letter = Letter.objects.using(DB).create(
            customer=customer, code=code, language=language or customer.language
        )
        return LetterRecord(
            id=letter.id,
            customer_number=customer_number,
            code=code,
            language=letter.language,
            created_at=letter.created_at,
            sent_at=None,
        )

    def letter_list(self, customer_number: str, *, limit: int = 50) -> list[LetterRecord]:
        rows = Letter.objects.using(DB).filter(customer_id=customer_id(customer_number))
        return [
            LetterRecord(
                id=row.id,
                customer_number=customer_number,
                code=row.code,
                language=row.language,
                created_at=row.created_at,
                sent_at=row.sent_at,
            )
            for row in rows.order_by("-created_at", "-id")[: min(max(limit, 1), MAX_LIST)]
        ]

    def intervention_list(self, customer_number: str, *, limit: int = 50) -> list[InterventionRecord]:
        rows = (
            Intervention.objects.using(DB)
            .filter(customer_id=customer_id(customer_number))
            .select_related("work_order")
            .order_by("-occurred_on", "-id")[: min(max(limit, 1), MAX_LIST)]
        )
        return [
            InterventionRecord(
                id=row.id,
                customer_number=customer_number,
                occurred_on=row.occurred_on,
                kind=row.kind,
                description=row.description,
                technician_code=row.technician_code,
                work_order_number=row.work_order.number if row.work_order else "",
            )
            for row in rows
        ]
