"""The sites the front serves, by URL prefix (no language in URLs: they stay stable)."""

from __future__ import annotations

CUSTOMER_SITES = ("selfshop", "myaccount", "myshop")
STAFF_SITES = ("weshop", "wecare", "wecrm", "wediag", "weconfig")
SITES = CUSTOMER_SITES + STAFF_SITES
STAFF_AREA = "staff"  # /staff/login/ and /staff/logout/


def site_of_path(path: str) -> str:
    """The site code of a request path (`/wecare/...` → `wecare`), `staff` for /staff/, else ``""``."""
    first = path.lstrip("/").split("/", 1)[0]
    if first in SITES or first == STAFF_AREA:
        return first
    return ""


def is_staff_site(site: str) -> bool:
    return site in STAFF_SITES or site == STAFF_AREA
