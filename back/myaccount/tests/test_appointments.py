"""Appointments: move or cancel online within the operator's rule (not within 24 hours of the slot)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db(databases="__all__")

CUSTOMER = "100001"


@pytest.fixture
def appointment(gateway):
    """The customer's upcoming booked appointment (two days ahead in the demo operator)."""
    return next(a for a in gateway.appointment_list(CUSTOMER) if a.status == "booked")


def _free_slot(gateway, appointment, days_ahead: int):
    start = timezone.localdate() + timedelta(days=days_ahead)
    return next(
        slot
        for slot in gateway.appointment_slots(appointment.zone_code, start=start, days=10)
        if slot.available > 0 and (slot.day, slot.period) != (appointment.day, appointment.period)
    )


def test_a_booked_appointment_is_moved_in_procable(customer_api, gateway, appointment):
    slot = _free_slot(gateway, appointment, days_ahead=3)

    response = customer_api(CUSTOMER).post(
        f"/api/v1/myaccount/appointments/{appointment.id}/reschedule/",
        {"day": slot.day.isoformat(), "period": slot.period},
        format="json",
    )

    assert response.status_code == 200
    moved = next(a for a in gateway.appointment_list(CUSTOMER) if a.id == appointment.id)
    assert (moved.day, moved.period, moved.status) == (slot.day, slot.period, "booked")


def test_a_booked_appointment_is_cancelled_in_procable(customer_api, gateway, appointment):
    response = customer_api(CUSTOMER).post(f"/api/v1/myaccount/appointments/{appointment.id}/cancel/")

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert next(a for a in gateway.appointment_list(CUSTOMER) if a.id == appointment.id).status == "cancelled"


def test_an_appointment_too_close_cannot_be_changed_online(customer_api, gateway, appointment, settings):
    settings.MYACCOUNT_APPOINTMENT_MIN_NOTICE_HOURS = 24 * 5

    cancel = customer_api(CUSTOMER).post(f"/api/v1/myaccount/appointments/{appointment.id}/cancel/")
    listing = customer_api(CUSTOMER).get("/api/v1/myaccount/appointments/").json()["results"]

    assert cancel.status_code == 409
    assert cancel.json()["code"] == "appointment_too_late"
    assert next(a for a in gateway.appointment_list(CUSTOMER) if a.id == appointment.id).status == "booked"
    assert next(a for a in listing if a["id"] == appointment.id)["is_changeable"] is False


def test_a_new_slot_within_24_hours_is_refused(customer_api, gateway, appointment):
    today = timezone.localdate()

    response = customer_api(CUSTOMER).post(
        f"/api/v1/myaccount/appointments/{appointment.id}/reschedule/",
        {"day": today.isoformat(), "period": "PM"},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["day"]
    assert next(a for a in gateway.appointment_list(CUSTOMER) if a.id == appointment.id) == appointment


def test_another_customer_cannot_touch_my_appointment(customer_api, gateway, appointment):
    response = customer_api("100002").post(f"/api/v1/myaccount/appointments/{appointment.id}/cancel/")

    assert response.status_code == 404
    assert response.json()["code"] == "appointment_not_found"
    assert next(a for a in gateway.appointment_list(CUSTOMER) if a.id == appointment.id).status == "booked"


def test_a_past_appointment_cannot_be_cancelled(customer_api, gateway):
    done = next(a for a in gateway.appointment_list(CUSTOMER) if a.status == "done")

    response = customer_api(CUSTOMER).post(f"/api/v1/myaccount/appointments/{done.id}/cancel/")

    assert response.status_code == 409
    assert response.json()["code"] == "appointment_not_booked"
