"""Customer files for staff: search in Pro-Cable, the file's header, whether its offer may change.

Search (/api/v1/procable/customers/) needs `weshop.sell` or `wecare.customers`; the back refuses
anyone else (BackForbidden). Searches span a million files: answers are bounded pages with
`has_next`, never a count.
"""

from __future__ import annotations

from typing import Any

from . import http
from .weshop_types import ChangeEligibility, CustomerFile, CustomerPage

BASE = "/api/v1/procable/customers/"
PAGE_SIZE = 25


def customer_search(
    *,
    number: str = "",
    last_name: str = "",
    postal_code: str = "",
    street: str = "",
    city_code: str = "",
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> CustomerPage:
    """Search customer files by number, last name (+ postal code) or street, one bounded page.

    Raises BackValidationError (no criterion), BackForbidden (no right), BackUnavailable.
    """
    criteria = {
        "number": number,
        "last_name": last_name,
        "postal_code": postal_code,
        "street": street,
        "city": city_code,
    }
    params: dict[str, Any] = {k: v for k, v in criteria.items() if v}
    params |= {"page": page, "page_size": page_size}
    return CustomerPage.from_json(http.get(BASE, params=params))


def customer_get(*, number: str) -> CustomerFile:
    """The header of one customer file. Raises BackNotFound, BackForbidden, BackUnavailable."""
    return CustomerFile.from_json(http.get(f"{BASE}{number}/"))


def change_eligibility(*, number: str) -> ChangeEligibility:
    """Whether the customer's offer may be changed now, with every blocking reason.

    Raises BackNotFound (`procable_not_found`), BackForbidden, BackUnavailable.
    """
    return ChangeEligibility.from_json(http.get(f"/api/v1/orders/customers/{number}/change-eligibility/"))
