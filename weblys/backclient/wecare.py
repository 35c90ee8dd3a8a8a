"""WeCare: what customers asked of customer service, for staff holding `wecare.customers`.

Until WeCRM turns them into cases, the back records contact messages, erasure requests and EasySwitch
requests (MyAccount) and lists them for staff, newest first, one page at a time. Every call raises
BackForbidden without the right, BackNotFound for a page past the end, BackUnavailable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import http
from .wecare_types import Page, StaffContactMessage, StaffEasySwitchRequest, StaffErasureRequest

BASE = "/api/v1/myaccount/staff"
PAGE_SIZE = 50


def contact_message_list(
    *, page: int = 1, page_size: int = PAGE_SIZE, customer_number: str = ""
) -> Page[StaffContactMessage]:
    """Customers' messages to customer service, newest first; optionally one customer's only."""
    return _page(f"{BASE}/contact-messages/", StaffContactMessage.from_json, page, page_size, customer_number)


def erasure_request_list(
    *, page: int = 1, page_size: int = PAGE_SIZE, customer_number: str = ""
) -> Page[StaffErasureRequest]:
    """Requests to erase personal data, newest first; optionally one customer's only."""
    return _page(f"{BASE}/erasure-requests/", StaffErasureRequest.from_json, page, page_size, customer_number)


def easyswitch_request_list(
    *, page: int = 1, page_size: int = PAGE_SIZE, customer_number: str = ""
) -> Page[StaffEasySwitchRequest]:
    """Transfers to another operator (EasySwitch), newest first; optionally one customer's only."""
    return _page(
        f"{BASE}/easyswitch-requests/", StaffEasySwitchRequest.from_json, page, page_size, customer_number
    )


def _page[T](
    path: str,
    parse: Callable[[dict[str, Any]], T],
    page: int,
    page_size: int,
    customer_number: str,
) -> Page[T]:
    params: dict[str, Any] = {"page": page, "page_size": page_size}
    if customer_number:
        params["customer_number"] = customer_number
    data = http.get(path, params=params)
    return Page(
        results=tuple(parse(row) for row in data.get("results") or ()),
        count=int(data.get("count") or 0),
        page=page,
        page_size=page_size,
        has_next=bool(data.get("next")),
        has_previous=bool(data.get("previous")),
    )
