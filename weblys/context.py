"""Template context shared by every page: branding, languages, the staff menu, the current site."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from weblys.sitemap import is_staff_site
from weblys.staff import CHANNEL_LABELS, staff_menu


def layout(request: HttpRequest) -> dict[str, Any]:
    site = getattr(request, "weblys_site", "")
    staff = getattr(request, "staff", None)
    user = staff.user if staff is not None else None
    return {
        "operator_name": settings.WEBLYS_OPERATOR_NAME,
        "operator_logo_url": settings.WEBLYS_OPERATOR_LOGO_URL,
        "brand_primary": settings.WEBLYS_BRAND_PRIMARY,
        "brand_accent": settings.WEBLYS_BRAND_ACCENT,
        "portal_url": settings.WEBLYS_PORTAL_URL,
        "current_site": site,
        "is_staff_area": is_staff_site(site),
        "staff_user": user,
        "staff_menu": staff_menu(user),
        "staff_channel_label": CHANNEL_LABELS.get(user.channel, user.channel) if user else "",
        "customer": getattr(request, "customer", None),
        "request_id": getattr(request, "request_id", ""),
    }
