from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from back.procable.errors import ProCableConflictError, ProCableNotFoundError, ProCableRejectedError
from back.procable.models import Appointment, TechnicianCapacity

pytestmark = pytest.mark.django_db(databases="__all__")


def _zone_of(operator, number):
    return operator.address_get(operator.customer_get(number).address_id).zone_code


def _open_slot(operator, zone):
    return next(
        s for s in operator.appointment_slots(zone, start=timezone.localdate(), days=30) if s.available > 1
    )


def test_work_orders_are_created_with_the_next_number_and_listed_newest_first(operator):
    order = operator.work_order_create("100001", code="WOCHG", category="secondary", note="Add sports pack")

    orders = operator.work_order_list("100001")
    assert orders[0].number == order.number
    assert (order.status, order.category, order.code) == ("PEND", "secondary", "WOCHG")
    assert int(order.number[2:]) > max(int(o.number[2:]) for o in orders[1:])


def test_an_unknown_work_order_code_is_rejected(operator):
    with pytest.raises(ProCableRejectedError) as refusal:
        operator.work_order_create("100001", code="NOPE", category="primary")

    assert refusal.value.reason == "unknown_work_order_code"


def test_slots_show_capacity_per_half_day_for_the_next_days(operator):
    zone = _zone_of(operator, "100001")

    slots = operator.appointment_slots(zone, start=timezone.localdate() + timedelta(days=1), days=7)

    assert len(slots) == 14
    assert {s.period for s in slots} == {"AM", "PM"}
    assert all(0 <= s.booked <= s.capacity for s in slots)


def test_booking_takes_a_place_and_schedules_the_work_order(operator):
    zone = _zone_of(operator, "100001")
    slot = _open_slot(operator, zone)
    order = operator.work_order_create("100001", code="WOINST", category="primary")

    appointment = operator.appointment_book(
        "100001", zone_code=zone, day=slot.day, period=slot.period, work_order_number=order.number
    )

    after = next(
        s for s in operator.appointment_slots(zone, start=slot.day, days=1) if s.period == slot.period
    )
    assert after.booked == slot.booked + 1
    assert (appointment.status, appointment.work_order_number) == ("booked", order.number)
    assert operator.work_order_list("100001")[0].status == "SCHED"


def test_booking_a_full_slot_is_a_conflict_and_changes_nothing(operator):
    zone = _zone_of(operator, "100001")
    slot = _open_slot(operator, zone)
    TechnicianCapacity.objects.using("procable").filter(
        zone__code=zone, day=slot.day, period=slot.period
    ).update(booked=slot.capacity)
    before = Appointment.objects.using("procable").count()

    with pytest.raises(ProCableConflictError):
        operator.appointment_book("100001", zone_code=zone, day=slot.day, period=slot.period)

    assert Appointment.objects.using("procable").count() == before


def test_the_demo_full_slot_is_full(operator):
    full = [
        s
        for s in operator.appointment_slots("MTL-01", start=timezone.localdate(), days=30)
        if s.available == 0 and s.capacity > 0
    ]

    assert full


def test_rescheduling_frees_the_old_slot_and_cancelling_frees_the_new_one(operator):
    zone = _zone_of(operator, "100001")
    slots = [
        s for s in operator.appointment_slots(zone, start=timezone.localdate(), days=30) if s.available > 1
    ]
    first, second = slots[0], slots[1]
    appointment = operator.appointment_book("100001", zone_code=zone, day=first.day, period=first.period)

    moved = operator.appointment_reschedule("100001", appointment.id, day=second.day, period=second.period)
    cancelled = operator.appointment_cancel("100001", appointment.id)
    again = operator.appointment_cancel("100001", appointment.id)

    by_key = {(s.day, s.period): s.booked for s in operator.appointment_slots(zone, start=first.day, days=30)}
    assert (moved.day, moved.period) == (second.day, second.period)
    assert (cancelled.status, again.status) == ("cancelled", "cancelled")
    assert by_key[(first.day, first.period)] == first.booked
    assert by_key[(second.day, second.period)] == second.booked


def test_booking_where_no_technician_works_is_not_found(operator):
    with pytest.raises(ProCableNotFoundError):
        operator.appointment_book(
            "100001", zone_code="MTL-01", day=timezone.localdate() - timedelta(days=3), period="AM"
        )


def test_letters_and_interventions_are_listed(operator):
    letter = operator.letter_create("100002", code="LCHANGE")

    assert (letter.code, letter.language, letter.sent_at) == ("LCHANGE", "en", None)
    assert operator.letter_list("100002")[0].id == letter.id
    assert operator.intervention_list("100001")[-1].kind == "installation"
    with pytest.raises(ProCableRejectedError):
        operator.letter_create("100002", code="NOPE")


def test_the_slot_api_accepts_from_and_days(operator, api):
    zone = _zone_of(operator, "100001")
    start = timezone.localdate() + timedelta(days=1)

    response = api.get(
        "/api/v1/procable/appointment-slots/", {"zone": zone, "from": start.isoformat(), "days": 2}
    )

    assert response.status_code == 200
    assert [(row["day"], row["period"]) for row in response.json()] == [
        (start.isoformat(), "AM"),
        (start.isoformat(), "PM"),
        ((start + timedelta(days=1)).isoformat(), "AM"),
        ((start + timedelta(days=1)).isoformat(), "PM"),
    ]
