"""What the front keeps in a session: the staff or customer person token (nothing else of business)."""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpRequest

from weblys.backclient.types import CustomerSession, StaffSession

STAFF_KEY = "weblys.staff"
CUSTOMER_KEY = "weblys.customer"


def staff_session_store(request: HttpRequest, staff: StaffSession) -> None:
    """Start a staff session (new session key: no fixation) that ends no later than the token."""
    request.session.cycle_key()
    request.session[STAFF_KEY] = staff.to_json()
    remaining = int((staff.expires_at - datetime.now(UTC)).total_seconds())
    request.session.set_expiry(max(1, min(settings.SESSION_COOKIE_AGE, remaining)))


def staff_session_load(request: HttpRequest) -> StaffSession | None:
    """The staff session of this request, or None (absent, malformed or past its token's expiry)."""
    data = request.session.get(STAFF_KEY)
    if not data:
        return None
    try:
        staff = StaffSession.from_json(data)
    except (KeyError, TypeError, ValueError):
        request.session.pop(STAFF_KEY, None)
        return None
    if staff.expires_at <= datetime.now(UTC):
        request.session.pop(STAFF_KEY, None)
        return None
    return staff


def staff_session_clear(request: HttpRequest) -> None:
    request.session.pop(STAFF_KEY, None)
    request.session.cycle_key()


def customer_session_store(request: HttpRequest, customer: CustomerSession) -> None:
    """Start a customer session: new key, short idle expiry (slid by every request)."""
    request.session.cycle_key()
    request.session[CUSTOMER_KEY] = customer.to_json()
    request.session.set_expiry(settings.WEBLYS_CUSTOMER_SESSION_IDLE_SECONDS)


def customer_session_load(request: HttpRequest) -> CustomerSession | None:
    data = request.session.get(CUSTOMER_KEY)
    if not data:
        return None
    try:
        customer = CustomerSession.from_json(data)
    except (KeyError, TypeError, ValueError):
        request.session.pop(CUSTOMER_KEY, None)
        return None
    if customer.expires_at <= datetime.now(UTC):
        request.session.pop(CUSTOMER_KEY, None)
        return None
    return customer


def customer_session_clear(request: HttpRequest) -> None:
    request.session.pop(CUSTOMER_KEY, None)
    request.session.cycle_key()
